"""Coordinates as people paste and read them: :func:`parse_coordinate` and :func:`format_coordinate`.

Parsing accepts what people paste: ``"30.7459, 120.4888"`` (lat, lon, as Google and Wikipedia show it),
``"120.488840,30.745906"`` (lon, lat, as AMap and Baidu copy it), with or without spaces, Chinese commas,
degree signs, ``N``/``E`` or ``北纬``/``东经`` markers, and degrees-minutes-seconds. Without hemisphere markers
the order is told apart by the study-area ranges, which do not overlap (latitude 29.5–32.0 N, longitude
119.5–122.5 E). A pasted GCJ-02 or BD-09 position is converted to WGS-84 (:mod:`wuzhen_geo.model.coords`).
"""

from __future__ import annotations

import logging
import re
import unicodedata
from typing import Literal

from wuzhen_geo.i18n import t
from wuzhen_geo.vocabulary import MAX_TEXT_CHARS, quoted
from wuzhen_geo.model.coords import (
    Point,
    check_study_area,
    coordinate_error,
    coordinate_system,
    from_wgs84,
    in_study_area,
    study_area_text,
    to_wgs84,
)

__all__ = ["coordinate_text_ascii", "datum_label", "format_coordinate", "parse_coordinate"]

log = logging.getLogger(__name__)


# Chinese and full-width punctuation people paste, mapped to ASCII.
_TRANSLATE = str.maketrans(
    {
        "，": ",", "、": ",", "；": ";", "：": ":", "（": "(", "）": ")", "－": "-", "—": "-", "–": "-",
        "．": ".", "。": ".", "＋": "+", "′": "'", "’": "'", "‘": "'", "″": '"', "”": '"', "“": '"',
        "º": "°", "˚": "°", "度": "°", "分": "'", "秒": '"',
        "０": "0", "１": "1", "２": "2", "３": "3", "４": "4", "５": "5", "６": "6", "７": "7", "８": "8", "９": "9",
    }
)
_HEMI_WORDS = (("北纬", "N"), ("南纬", "S"), ("东经", "E"), ("西经", "W"))
_NUMBER = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)"
# One coordinate: degrees, optional minutes and seconds, and a hemisphere letter either before ("N30.7 E120.5")
# or after ("30.7N 120.5E"); which style applies is decided once per text, else "N30 E120" is ambiguous.
_DMS = rf"""(?P<deg>{_NUMBER})\s*°?\s*
        (?:(?P<min>{_NUMBER})\s*'\s*)?
        (?:(?P<sec>{_NUMBER})\s*"\s*)?"""
_COMPONENT_PRE = re.compile(rf"\s*(?P<pre>[NSEW])?\s*{_DMS}(?P<post>)\s*", re.VERBOSE)
_COMPONENT_POST = re.compile(rf"\s*(?P<pre>){_DMS}(?P<post>[NSEW])?\s*", re.VERBOSE)
_LABELS = re.compile(r"\b(?:lat(?:itude)?|lng|lon(?:gitude)?)\s*[:=]?", re.IGNORECASE)
# A number in scientific notation ("1e308", "3.07E1"): not a hemisphere letter, since no hemisphere letter stands
# before it ("N30E120" is north 30, east 120) and no digit, point, degree sign or letter follows its exponent
# ("30.7E120.5" is east 30.7, then 120.5). Refused by name: read letter by letter it became four numbers.
_SCIENTIFIC = re.compile(r"""(?:^|[^\d.NSEW\s])\s*(?P<num>[+-]?(?:\d+\.?\d*|\.\d+)E[+-]?\d+)(?![\d.°'"NSEW])""")


def coordinate_text_ascii(text: str) -> str:
    """``text`` with the Chinese punctuation people paste mapped to ASCII, then NFKC-normalised, so that a
    coordinate typed in full width (``３０．７４５９，１２０．４８８８``, ``Ｎ３０．７４５９　Ｅ１２０．４８８８``)
    reads as its ASCII twin. The map comes first: NFKC alone would turn ``º`` into ``o``."""
    return unicodedata.normalize("NFKC", text.translate(_TRANSLATE)).translate(_TRANSLATE)


# A datum named before the numbers, as people label what they copied: "gcj02: 30.74,120.49", "BD-09 120.5,30.7".
_DATUM_LABEL = re.compile(r"^\s*(?P<datum>wgs\s*-?\s*84|gcj\s*-?\s*02|bd\s*-?\s*09)\s*[:=]?\s*", re.IGNORECASE)


def datum_label(text: str) -> tuple[str | None, str]:
    """``(datum, rest)``: the datum a coordinate's text names before its numbers (``"gcj02: 30.74,120.49"``
    gives ``("gcj02", "30.74,120.49")``), else ``(None, text)``."""
    ascii_text = coordinate_text_ascii(text)
    m = _DATUM_LABEL.match(ascii_text)
    if not m:
        return None, text
    return coordinate_system(re.sub(r"\s", "", m.group("datum"))), ascii_text[m.end():]


def _split_components(text: str) -> list[re.Match[str]]:
    pos, out = 0, []
    pattern = _COMPONENT_PRE if text[:1] in ("N", "S", "E", "W") else _COMPONENT_POST
    while pos < len(text):
        m = pattern.match(text, pos)
        if not m or m.end() == pos or m.group("deg") is None:
            break
        out.append(m)
        pos = m.end()
        if pos < len(text) and text[pos] in ",;/|":
            pos += 1
    if pos < len(text) and text[pos:].strip():
        # not quoted: this is the text upper-cased and normalised, not as typed (the message quotes that)
        raise ValueError("text that is not a number, degree mark or N/S/E/W")
    return out


def _component_value(m: re.Match[str]) -> tuple[float, str | None]:
    deg = float(m.group("deg"))
    minutes = float(m.group("min") or 0.0)
    seconds = float(m.group("sec") or 0.0)
    if (m.group("min") or m.group("sec")) and (minutes >= 60 or seconds >= 60 or minutes < 0 or seconds < 0):
        raise ValueError("minutes and seconds must be between 0 and 60")
    value = abs(deg) + minutes / 60.0 + seconds / 3600.0
    if deg < 0 or m.group("deg").startswith("-"):
        value = -value
    pre, post = m.group("pre"), m.group("post")
    if pre and post and pre != post:
        raise ValueError(f"two hemisphere letters {pre!r} and {post!r} on one number")
    hemi = pre or post or None  # an empty group (the other style) is no letter
    if hemi in ("S", "W"):
        value = -abs(value)
    return value, hemi


def parse_coordinate(text: str, system: str = "wgs84") -> Point:
    """Parse a pasted coordinate pair into a WGS-84 :class:`Point`.

    Parameters
    ----------
    text
        Two numbers in either order: ``"30.7459, 120.4888"`` (lat, lon), ``"120.488840,30.745906"`` (lon, lat
        as AMap/Baidu copy it), ``"30.7459°N 120.4888°E"``, ``"北纬30.7459 东经120.4888"``,
        ``"30°44'45\\"N, 120°29'20\\"E"``; Chinese commas and full-width digits are accepted.
    system
        The datum of ``text``: ``"wgs84"`` (GPS, Google outside China, Wikipedia, OpenStreetMap),
        ``"gcj02"`` (AMap/高德, Tencent) or ``"bd09"`` (Baidu). The result is always WGS-84. A datum the text
        names before its numbers (``"gcj02: 30.74,120.49"``) is used instead of the default ``"wgs84"``; one
        that differs from another ``system`` is refused.

    Raises
    ------
    CoordinateError
        When the text is not two numbers (a number in scientific notation, ``"1e308"``, is refused by name),
        when the order cannot be told, or when the point lies outside the study area (the message says what
        was expected).
    """
    system = coordinate_system(system)
    labelled, rest = datum_label(text) if isinstance(text, str) else (None, text)
    if labelled is not None:
        if system not in ("wgs84", labelled):
            raise coordinate_error("coord_datum_conflict", text=quoted(text.strip(), 60), labelled=labelled,
                                   system=system)
        system, text = labelled, rest
    if not isinstance(text, str) or not text.strip():
        raise coordinate_error("coord_empty")
    if len(text) > MAX_TEXT_CHARS:
        raise coordinate_error("coord_too_long", n=f"{len(text):,}")
    raw = quoted(text.strip(), 60)  # as the messages quote it: one short line
    s = coordinate_text_ascii(text)
    for word, letter in _HEMI_WORDS:
        s = s.replace(word, f" {letter} ")
    s = _LABELS.sub(" ", s).upper().strip().strip("()[]{}").strip()
    scientific = _SCIENTIFIC.search(s)
    if scientific:
        raise coordinate_error("coord_scientific", raw=raw, num=quoted(scientific.group("num").lower(), 30))
    try:
        comps = _split_components(s)
        if len(comps) != 2:
            raise ValueError(f"found {len(comps)} number(s), need exactly two")
        (a, ha), (b, hb) = _component_value(comps[0]), _component_value(comps[1])
    except ValueError as exc:
        raise coordinate_error("coord_unreadable", raw=raw, why=quoted(str(exc), 80)) from None

    lat_axis = {"N": "lat", "S": "lat", "E": "lon", "W": "lon", None: None}
    ka, kb = lat_axis[ha], lat_axis[hb]
    if ka and kb and ka == kb:
        raise coordinate_error("coord_two_lats" if ka == "lat" else "coord_two_lons", raw=raw)
    if ka == "lat" or kb == "lon":
        lat, lon = a, b
    elif ka == "lon" or kb == "lat":
        lon, lat = a, b
    elif in_study_area(b, a):
        lat, lon = a, b
    elif in_study_area(a, b):
        lon, lat = a, b
    else:
        raise coordinate_error("coord_either_order", raw=raw,
                               area={lang: study_area_text(lang) for lang in ("en", "zh")})
    # Check the pasted values first (the error then quotes what the user typed), then the converted ones.
    check_study_area(lon, lat, what={"en": f"{raw} ({system})", "zh": f"{raw}（{system}）"})
    wlon, wlat = to_wgs84(lon, lat, system)
    point = check_study_area(wlon, wlat, what={lang: t("coord_what_converted", lang, raw=raw) for lang in ("en", "zh")})
    log.debug("parsed %r (%s) as %s", raw, system, point)
    return point


def format_coordinate(
    point: Point | tuple[float, float],
    *,
    order: Literal["latlon", "lonlat"] = "latlon",
    digits: int | None = 6,
    system: str = "wgs84",
) -> str:
    """Format a WGS-84 point as text that :func:`parse_coordinate` reads back.

    Parameters
    ----------
    point
        ``(lon, lat)`` in WGS-84.
    order
        ``"latlon"`` (``"30.745906, 120.488840"``) or ``"lonlat"`` (AMap/Baidu ``"120.488840,30.745906"``).
    digits
        Decimal places (6 ≈ 0.1 m); ``None`` writes the shortest text that reads back exactly.
    system
        Convert to this datum first (e.g. ``"gcj02"`` to paste into AMap).
    """
    lon, lat = from_wgs84(float(point[0]), float(point[1]), system)

    def fmt(v: float) -> str:
        return repr(float(v)) if digits is None else f"{v:.{digits}f}"

    if order == "latlon":
        return f"{fmt(lat)}, {fmt(lon)}"
    if order == "lonlat":
        return f"{fmt(lon)},{fmt(lat)}"
    raise ValueError(f"order must be 'latlon' or 'lonlat', not {order!r}")
