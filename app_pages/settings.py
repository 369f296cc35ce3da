"""A page's settings (sliders, toggles, boxes of choices) that outlive a visit to another page.

Streamlit drops the state of a widget that a run does not draw, so after a visit to another page a slider was
back at its default: a presenter's label size and map height, a planner's sample size and projects.
:func:`setting` keeps what the widget shows under ``_setting_<key>`` and gives it back as the widget's starting
value when the widget is drawn again. Choices from a list are kept by :func:`app_pages.common.choice`, and the
planner's half-filled forms by :mod:`app_pages.planner_forms`, through the same function under their own prefix.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

__all__ = ["setting", "setting_value"]

_KEPT = "_setting_"


def setting(widget: Callable[..., Any], label: str, *, key: str, value: Any, value_arg: str = "value",
            kept_as: str = _KEPT, **kwargs: Any) -> Any:
    """``widget(label, key=key, **kwargs)`` starting at what it last showed (``value`` the first time), passed
    as ``value_arg`` (``"default"`` for a multiselect). The kept value is kept under ``kept_as + key`` (the
    planner's drafts use their own prefix, saved with the work); it is used only when it fits the widget: of
    the kind of ``value`` (text for text, a number for a number), a number brought inside ``min_value`` -
    ``max_value``, a text cut to ``max_chars``, choices filtered to ``options``."""
    kept = st.session_state.get(kept_as + key, value)
    if not _same_kind(kept, value):
        kept = value
    if isinstance(kept, (int, float)) and "min_value" in kwargs and "max_value" in kwargs:
        kept = type(value)(min(max(kept, kwargs["min_value"]), kwargs["max_value"]))
    if isinstance(kept, str) and "max_chars" in kwargs:
        kept = kept[:kwargs["max_chars"]]
    if isinstance(kept, list) and "options" in kwargs:
        kept = [k for k in kept if k in kwargs["options"]]
    shown = widget(label, key=key, **{value_arg: kept}, **kwargs)
    st.session_state[kept_as + key] = shown
    return shown


def _same_kind(kept: Any, value: Any) -> bool:
    """Whether a kept value can stand for ``value``: text for text, a number for a number, a list or tuple for
    a list or tuple, a switch for a switch."""
    if isinstance(value, bool):
        return isinstance(kept, bool)
    if isinstance(value, (int, float)):
        return isinstance(kept, (int, float)) and not isinstance(kept, bool)
    if isinstance(value, (list, tuple)):
        return isinstance(kept, (list, tuple))
    return isinstance(kept, type(value))


def setting_value(key: str, value: Any) -> Any:
    """What :func:`setting` will start the widget ``key`` at (``value`` before it was first drawn): for a page
    that draws its map before its controls."""
    return st.session_state.get(key, st.session_state.get(_KEPT + key, value))
