"""A page's settings (sliders, toggles, boxes of choices) that outlive a visit to another page.

Streamlit drops the state of a widget that a run does not draw, so after a visit to another page a slider was
back at its default: a presenter's label size and map height, a planner's sample size and projects.
:func:`setting` keeps what the widget shows under ``_setting_<key>`` and gives it back as the widget's starting
value when the widget is drawn again. Choices from a list are kept by :func:`app_pages.common.choice`, and the
planner's half-filled forms by :mod:`app_pages.planner_forms`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

__all__ = ["setting", "setting_value"]

_KEPT = "_setting_"


def setting(widget: Callable[..., Any], label: str, *, key: str, value: Any, value_arg: str = "value",
            **kwargs: Any) -> Any:
    """``widget(label, key=key, **kwargs)`` starting at what it last showed in this session (``value`` the
    first time), passed as ``value_arg`` (``"default"`` for a multiselect, whose kept choices are filtered to
    its ``options``)."""
    kept = st.session_state.get(_KEPT + key, value)
    if value_arg == "default" and "options" in kwargs:
        kept = [k for k in kept if k in kwargs["options"]]
    shown = widget(label, key=key, **{value_arg: kept}, **kwargs)
    st.session_state[_KEPT + key] = shown
    return shown


def setting_value(key: str, value: Any) -> Any:
    """What :func:`setting` will start the widget ``key`` at (``value`` before it was first drawn): for a page
    that draws its map before its controls."""
    return st.session_state.get(key, st.session_state.get(_KEPT + key, value))
