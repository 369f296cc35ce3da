"""The planner's forms for a new link and a link's speed (widgets only, bounded by the vocabulary's ranges), and
its box for a scenario file.

What is typed into a new link's form or the speed tab is kept as a draft (``_draft_<widget key>``; the
choices are kept by :func:`app_pages.common.choice`): Streamlit forgets a widget's value when a run does not
draw it (another page), and a reload starts a new session. :func:`draft` gives it for the saved work,
:func:`restore_draft` puts it back."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from app_pages import common
from app_pages.settings import setting
from wuzhen_geo.i18n import label, t
from wuzhen_geo.vocabulary import HEADWAY_RANGE, MAX_SCENARIO_BYTES, SPEED_RANGE_BY_CLASS

__all__ = ["draft", "headway_input", "link_form", "restore_draft", "speed_input", "yaml_upload"]

_RAIL = ["intercity", "hsr", "suburban", "metro", "conventional"]
_ROAD = ["expressway", "urban_expressway", "highway", "arterial", "local"]
_DRAFT = "_draft_"
#: The forms' choices (kept by :func:`common.choice` under ``_keep_<key>``): the places, mode and class of a new
#: link; the link whose speed is being set, or which is to be removed.
_DRAFT_CHOICES = tuple(f"_keep_{k}" for k in ("pl_a", "pl_b", "pl_pf_mode", "pl_pf_class", "pl_df_mode",
                                              "pl_df_class", "pl_speed_link", "pl_remove"))


def draft() -> dict[str, Any]:
    """What the new-link forms hold now: field -> text, number or choice."""
    ss = st.session_state
    return {k: ss[k] for k in sorted(ss.keys()) if (k.startswith(_DRAFT) or k in _DRAFT_CHOICES)
            and isinstance(ss[k], (str, int, float))}


def restore_draft(kept: dict[str, Any]) -> None:
    """Put a kept draft back before the forms are drawn (a choice no longer offered falls back to the first)."""
    for key, value in kept.items():
        if key.startswith(_DRAFT) or key in _DRAFT_CHOICES:
            st.session_state[key] = value


def _drafted(widget: Callable[..., Any], key: str, value: Any, *, label: str, **kwargs: Any) -> Any:
    """``widget`` keyed ``key``, showing the draft when Streamlit no longer has its value (see
    :func:`app_pages.settings.setting`); keeps what it shows as the draft."""
    return setting(widget, label, key=key, value=value, kept_as=_DRAFT, **kwargs)


def link_form(key: str, lang: str) -> dict:
    """Mode, class, speed, headway and the names of a new link."""
    cols = st.columns(4)
    mode = common.choice(cols[0].selectbox, t("f_mode", lang), ["rail", "road"], key=f"{key}_mode", lang_=lang,
                         format_func=lambda k: label("mode", k, lang))
    classes = _RAIL if mode == "rail" else _ROAD
    cls = common.choice(cols[1].selectbox, t("f_class", lang), classes, key=f"{key}_class", lang_=lang,
                        format_func=lambda k: label("class", k, lang))
    speed = speed_input(cols[2], cls, 160.0 if mode == "rail" else 80.0, f"{key}_speed", lang,
                        draft_group=f"{key}_speed_")
    form = {"mode": mode, "cls": cls, "speed_kmh": speed}
    if mode == "rail":
        form["headway_min"] = headway_input(cols[3], f"{key}_headway", 30.0, lang)
    c1, c2 = st.columns(2)
    form["name_zh"] = _drafted(c1.text_input, f"{key}_name_zh", "", label=t("link_name_zh", lang), max_chars=80)
    form["name_en"] = _drafted(c2.text_input, f"{key}_name_en", "", label=t("link_name_en", lang), max_chars=80)
    return form


def speed_input(where: Any, cls: str, default: float, key: str, lang: str, *, draft_group: str | None = None) -> float:
    """A speed within what an edit may set a link of this class to (the class is in the key: its bounds
    differ); the default is brought inside them. With ``draft_group`` (a key prefix), what is typed is kept as
    a draft, one per group: the box shows one link or class at a time, and a draft of another is dropped."""
    low, high = SPEED_RANGE_BY_CLASS[cls]
    if draft_group is not None:
        key = f"{key}_{cls}"
        for old in [k for k in st.session_state.keys() if k.startswith(_DRAFT + draft_group) and k != _DRAFT + key]:
            del st.session_state[old]
        return float(_drafted(where.number_input, key, float(default), label=t("f_speed_kmh", lang),
                              min_value=low, max_value=high, step=5.0))
    value = min(max(float(default), low), high)
    return float(where.number_input(t("f_speed_kmh", lang), low, high, value, step=5.0, key=f"{key}_{cls}"))


def headway_input(where: Any, key: str, default: float, lang: str) -> float:
    """Minutes between trains within the vocabulary's range, kept as a draft."""
    return float(_drafted(where.number_input, key, float(default), label=t("f_headway_min", lang),
                          min_value=HEADWAY_RANGE[0], max_value=HEADWAY_RANGE[1], step=5.0))


def yaml_upload(where: Any, lang: str, *, key: str) -> Any:
    """A box for a scenario YAML file (in ``where``, e.g. a column), in the page's language: the label gives the
    file reader's size limit, not Streamlit's "200MB per file", and the button the page's word, not Streamlit's
    English "Upload" (its words are hidden by CSS on this box alone). Returns the uploaded file or None."""
    word = t("choose_file", lang).replace("'", "")
    st.html(f"<style>.st-key-{key} [data-testid='stFileUploaderDropzoneInstructions'] {{ display: none; }}"
            f".st-key-{key} [data-testid='stBaseButton-secondary'] p {{ font-size: 0; }}"
            f".st-key-{key} [data-testid='stBaseButton-secondary'] p::after {{ content: '{word}'; font-size: 1rem; }}"
            "</style>")
    return where.file_uploader(t("upload_yaml", lang, kb=MAX_SCENARIO_BYTES // 1000), type=["yaml", "yml"], key=key,
                               max_upload_size=1)  # MB, the least it takes; the reader refuses above the limit
