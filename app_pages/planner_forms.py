"""The planner's forms for a new link and a link's speed (widgets only, bounded by the vocabulary's ranges), and
its box for a scenario file."""

from __future__ import annotations

from typing import Any

import streamlit as st

from app_pages import common
from wuzhen_geo.i18n import label, t
from wuzhen_geo.vocabulary import HEADWAY_RANGE, MAX_SCENARIO_BYTES, SPEED_RANGE_BY_CLASS

__all__ = ["link_form", "speed_input", "yaml_upload"]

_RAIL = ["intercity", "hsr", "suburban", "metro", "conventional"]
_ROAD = ["expressway", "urban_expressway", "highway", "arterial", "local"]


def link_form(key: str, lang: str) -> dict:
    """Mode, class, speed, headway and the names of a new link."""
    cols = st.columns(4)
    mode = common.choice(cols[0].selectbox, t("f_mode", lang), ["rail", "road"], key=f"{key}_mode", lang_=lang,
                         format_func=lambda k: label("mode", k, lang))
    classes = _RAIL if mode == "rail" else _ROAD
    cls = common.choice(cols[1].selectbox, t("f_class", lang), classes, key=f"{key}_class", lang_=lang,
                        format_func=lambda k: label("class", k, lang))
    speed = speed_input(cols[2], cls, 160.0 if mode == "rail" else 80.0, f"{key}_speed", lang)
    form = {"mode": mode, "cls": cls, "speed_kmh": speed}
    if mode == "rail":
        form["headway_min"] = float(cols[3].number_input(t("f_headway_min", lang), *HEADWAY_RANGE, 30.0, step=5.0,
                                                         key=f"{key}_headway"))
    c1, c2 = st.columns(2)
    form["name_zh"] = c1.text_input(t("link_name_zh", lang), key=f"{key}_name_zh", max_chars=80)
    form["name_en"] = c2.text_input(t("link_name_en", lang), key=f"{key}_name_en", max_chars=80)
    return form


def speed_input(where: Any, cls: str, default: float, key: str, lang: str) -> float:
    """A speed within what an edit may set a link of this class to (the class is in the key: its bounds
    differ); the default is brought inside them."""
    low, high = SPEED_RANGE_BY_CLASS[cls]
    value = min(max(float(default), low), high)
    return float(where.number_input(t("f_speed_kmh", lang), low, high, value, step=5.0, key=f"{key}_{cls}"))


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
