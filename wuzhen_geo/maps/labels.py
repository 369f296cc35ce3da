"""Map labels: a feature's name cut to what a permanent label needs, in one language or both.

The tooltip keeps the full name; :func:`label_text` is what the overview map prints on zones and places.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from wuzhen_geo.answers import short_place_name
from wuzhen_geo.maps._features import esc, value

__all__ = ["label_text", "short_name"]


def short_name(row: Mapping[str, Any], kind: str | None, lang: str = "zh") -> str:
    """A feature's name cut to what a map label needs (the tooltip keeps the full name)."""
    text = str(value(row, f"name_{lang}") or value(row, "name_en") or value(row, "name_zh") or value(row, "id") or "")
    if kind == "zone":  # "Internet Headquarters and Convention Zone" -> "Headquarters and Convention"
        if lang == "zh":
            return re.sub(r"^互联网", "", text) or text
        return re.sub(r"\s+zone$", "", re.sub(r"^Internet\s+", "", text), flags=re.IGNORECASE) or text
    if kind == "city_centre":  # "Suzhou city centre (Guanqian Street)" -> "Suzhou"
        text = re.sub(r"\s*[(（][^()（）]*[)）]$", "", text)
        return (re.sub(r"\s+city centre$", "", text) if lang != "zh" else re.sub(r"市中心$", "", text)) or text
    if kind == "poi":  # "Wuzhen town centre" -> "Wuzhen": a town named on the map, not its centre
        text = re.sub(r"\s+town centre$", "", text) if lang != "zh" else re.sub(r"(?<=镇)镇区$", "", text)
    return short_place_name(text, lang)


def label_text(row: Mapping[str, Any], kind: str | None, lang: str = "zh", *, stacked: bool = False) -> str:
    """The escaped HTML of a permanent map label: the short name in ``lang``, then in the other language
    when it differs (``"苏州 Suzhou"``); a zone's two names go on two lines, as it is labelled over its
    area, where six wide labels would collide, and so does every label when ``stacked`` (a slide: narrow
    labels find room beside their place more often than wide ones)."""
    a = short_name(row, kind, lang)
    b = short_name(row, kind, "en" if lang == "zh" else "zh")
    if not b or a == b:
        return esc(a)
    return f"{esc(a)}<br>{esc(b)}" if kind == "zone" or stacked else esc(f"{a} {b}")

