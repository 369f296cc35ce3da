"""A trip told as a resident reads it: a few numbered steps, in Chinese or English.

:func:`route_steps` turns the legs of a :class:`wuzhen_geo.model.trips.Trip` into lines such as::

    Drive 63 min, 85 km: HQ and convention zone → Hangzhou Xiaoshan Airport, via Yao-Zhen county road, S12, G60
    Security check and wait for the train 8 min at Hangzhou East Station
    Take Hangzhou Metro Line 19 (Airport Express) 23 min, 22 km: Hangzhou East Station → Xiaoshan Airport

A drive names its main roads (expressways, highways and arterials, the longest few, in the order driven; by
route number where the road has one), never the access roads and connectors; a train ride names its line and
the stations where it is boarded and left; waits, checks, exits and transfer walks between two moving legs
become one short step. Pure functions over the trip and the base data: no Streamlit, no map.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Sequence
from typing import Any

from wuzhen_geo.i18n import label
from wuzhen_geo.vocabulary import METRIC_CRS, format_km, format_parts, whole_parts

__all__ = ["MAIN_ROAD_CLASSES", "route_steps", "step_legs", "rail_lines_text", "short_place_name",
           "short_road_name"]

log = logging.getLogger(__name__)

#: Road classes a drive is described by; access roads, connectors and local roads are left out.
MAIN_ROAD_CLASSES: tuple[str, ...] = ("expressway", "urban_expressway", "highway", "arterial")
_MAX_ROADS = 4

_W = {
    "en": {
        "drive": "Drive {min}, {km}: {a} → {b}", "via": ", via {roads}", "sep": ", ",
        "ride": "Take {line} {min}, {km}: {a} → {b}", "walk": "Walk {min}: {a} → {b}",
        "check": "Security check and wait for the train {min} at {at}",
        "check_coach": "Security check and wait for the coach {min} at {at}",
        "change": "Change trains {min} at {at}", "park": "Drop off / park {min} at {at}",
        "change_check": "Change trains {min} at {at}: leave the station, walk to {to}, security check and wait",
        "exit": "Leave the station and walk to {to} {min}", "leave": "Leave {at} {min}",
        "stop": "Wait {min} at {at}",
        "none": "No trip needed: the origin is the destination.",
        "train": "the train",
    },
    "zh": {
        "drive": "驾车 {min}，{km}：{a} → {b}", "via": "，经{roads}", "sep": "、",
        "ride": "乘{line} {min}，{km}：{a} → {b}", "walk": "步行 {min}：{a} → {b}",
        "check": "{at}安检、候车 {min}", "check_coach": "{at}安检、候车 {min}", "change": "{at}换乘 {min}",
        "park": "{at}落客/停车 {min}",
        "change_check": "{at}换乘 {min}：出站、步行至{to}、安检、候车",
        "exit": "出站步行至{to} {min}", "leave": "{at}出站 {min}", "stop": "{at}等候 {min}",
        "none": "无需出行：起点即终点。", "train": "列车",
    },
}
_CODE = re.compile(r"\b([GS]\d{1,4})\b")
_PAREN = re.compile(r"\s*[(（][^()（）]*[)）]\s*$")
# Roads that only reach a station or terminal, whatever their class: not what a driver steers by.
_ACCESS = re.compile(r"access road$|approach$", re.IGNORECASE)
_KEEP_PAREN = re.compile(r"T\d|proposed|planned|规划|在建")


def _words(lang: str) -> dict[str, str]:
    return _W["zh" if lang == "zh" else "en"]


def short_place_name(name: str, lang: str = "en") -> str:
    """A place name as said aloud: no "access" / "入口" suffix, no "International" / "国际", and no trailing
    bracket unless it carries meaning (a terminal, a planned station)."""
    text = (name or "").strip()
    if lang == "zh":
        text = re.sub(r"入口$", "", text).replace("国际机场", "机场")
    else:
        text = re.sub(r"\s+access$", "", text).replace("International ", "")
    m = _PAREN.search(text)
    if m and not _KEEP_PAREN.search(m.group(0)) and len(text) > len(m.group(0)):
        text = text[: m.start()]
    return text


def short_road_name(name: str, lang: str = "en") -> str:
    """A road as drivers name it: its route number (``S12``, ``G60``) in English, the name with the number in
    Chinese (``申嘉湖高速(S12)``); a road without a number keeps its name without the trailing bracket."""
    text = (name or "").strip()
    code = _CODE.search(text)
    if code:
        if lang != "zh":
            return code.group(1)
        head = re.match(r"^(.*?[(（]\s*" + code.group(1) + r"\s*[)）])", text)
        return head.group(1) if head else code.group(1)
    return _PAREN.sub("", text) or text


def _name(leg: Any, end: str, lang: str) -> str:
    zh = getattr(leg, f"{end}_name_zh", "") if lang == "zh" else ""
    return short_place_name(zh or getattr(leg, f"{end}_name", "") or getattr(leg, f"{end}_id", ""), lang)


def _road_lengths(data: Any, ids: Sequence[str]) -> dict[str, float]:
    """Length in km of each road link (``length_km`` when given, else measured in the metric CRS)."""
    if data is None or not ids:
        return {}
    rows = data.links.loc[list(dict.fromkeys(ids))]  # a drive may pass a link twice: one row each
    measured = rows.geometry.to_crs(METRIC_CRS).length / 1000.0
    out = {}
    for lid in ids:
        given = rows.at[lid, "length_km"] if "length_km" in rows.columns else None
        ok = given is not None and isinstance(given, (int, float)) and math.isfinite(float(given))
        out[lid] = float(given) if ok else float(measured[lid])
    return out


def _main_roads(leg: Any, road_ids: list[str], data: Any, lang: str) -> list[str]:
    """The main roads of one drive, by short name, longest few in driving order.

    ``road_ids`` are the trip's road links not yet given to an earlier drive; those whose name is among the
    leg's road names are taken (and removed from the list) in order.
    """
    if data is None:
        return []
    names = set((getattr(leg, "line_name", None) or "").split(" / "))
    mine: list[str] = []
    while road_ids and data.links.at[road_ids[0], "name_en"] in names:
        mine.append(road_ids.pop(0))
    main = [lid for lid in mine if data.links.at[lid, "class"] in MAIN_ROAD_CLASSES
            and not _ACCESS.search(str(data.links.at[lid, "name_en"]))]
    lengths = _road_lengths(data, main)
    by_name: dict[str, list[Any]] = {}  # route number or name -> [first position, total km, shown name]
    for pos, lid in enumerate(main):
        row = data.links.loc[lid]
        raw = (row.get("name_zh") if lang == "zh" else None) or row.get("name_en") or lid
        code = _CODE.search(str(row.get("name_en") or ""))
        key = code.group(1) if code else short_road_name(str(raw), lang)  # one entry per route number
        entry = by_name.setdefault(key, [pos, 0.0, short_road_name(str(raw), lang)])
        entry[1] += lengths.get(lid, 0.0)
    longest = sorted(by_name.values(), key=lambda e: -e[1])[:_MAX_ROADS]
    return [e[2] for e in sorted(longest, key=lambda e: e[0])]


def _stop_step(run: list[Any], lang: str) -> tuple[str, dict[str, str], float]:
    """One short step for a run of waits, checks, walks and exits: its words (with ``{min}`` still to fill),
    their other values, and its minutes."""
    w = _words(lang)
    minutes = sum(float(leg.minutes) for leg in run)
    modes = {leg.mode for leg in run}
    lines = " ".join((getattr(leg, "line_name", None) or "").lower() for leg in run)
    at = _name(run[0], "from", lang)
    if "processing" in modes:
        if "exit" in lines and any(leg.from_id != leg.to_id for leg in run):  # out of one station, into another
            to = _name(run[-1], "to", lang)
            if to == at:  # a metro station named after the railway station: its full name says which
                zh = getattr(run[-1], "to_name_zh", "") if lang == "zh" else ""
                to = zh or getattr(run[-1], "to_name", "") or to
            return w["change_check"], {"at": at, "to": to}, minutes
        return w["check_coach" if "coach ticket" in lines else "check"], {"at": at}, minutes
    if "wait" in modes:
        return w["change"], {"at": at}, minutes
    if "car park" in lines or "drop-off" in lines:
        return w["park"], {"at": at}, minutes
    if "exit" in lines:
        to = _name(run[-1], "to", lang)
        if to == at:
            return w["leave"], {"at": at}, minutes
        return w["exit"], {"to": to}, minutes
    if any(leg.from_id != leg.to_id for leg in run):
        return w["walk"], {"a": at, "b": _name(run[-1], "to", lang)}, minutes
    return w["stop"], {"at": at}, minutes


def rail_lines_text(legs: Sequence[Any], data: Any = None, lang: str = "en") -> str:
    """The trains of a trip in a few words, for a table cell: where the first train is boarded, then each
    train by its kind, e.g. ``"Tongxiang Station: high-speed rail → metro"``; empty without a train.

    The kind is the line's class translated (:func:`wuzhen_geo.i18n.label`) when ``data`` knows the line,
    else the line's name without its bracketed detail.
    """
    rides = []
    last = None
    for leg in legs:
        if getattr(leg, "mode", None) != "rail" or leg.line_id == last:
            continue
        last = leg.line_id
        links = getattr(data, "links", None)
        if links is not None and leg.line_id in links.index:
            kind = label("class", links.at[leg.line_id, "class"], lang)
        else:
            line = ((getattr(leg, "line_name_zh", None) if lang == "zh" else None)
                    or getattr(leg, "line_name", None) or _words(lang)["train"])
            kind = _PAREN.sub("", line) or line
        rides.append((leg, kind))
    if not rides:
        return ""
    colon = "：" if lang == "zh" else ": "
    return _name(rides[0][0], "from", lang) + colon + " → ".join(kind for _, kind in rides)


def route_steps(trip: Any, data: Any = None, lang: str = "en") -> list[str]:
    """The steps of ``trip`` (a :class:`~wuzhen_geo.model.trips.Trip`) in ``lang`` (``"zh"`` or ``"en"``).

    Parameters
    ----------
    trip
        A trip with ``legs`` (and ``link_ids``, used with ``data`` to name a drive's main roads).
    data
        The :class:`~wuzhen_geo.data.io.GeoData` the trip was routed on; without it drives name no roads.
    lang
        Language of the words and of the names.

    Returns
    -------
    list of str
        One line per step, in order; a one-line message when the trip has no legs.
    """
    return [text for text, _ in step_legs(trip, data, lang)]


def step_legs(trip: Any, data: Any = None, lang: str = "en") -> list[tuple[str, tuple[int, ...]]]:
    """Like :func:`route_steps`, each step with the indices of the legs it tells (so that a map can give
    every drawn leg the sentence of its step)."""
    w = _words(lang)
    legs = list(getattr(trip, "legs", ()) or ())
    if not legs:
        return [(w["none"], ())]
    links = getattr(data, "links", None)
    road_ids = [lid for lid in getattr(trip, "link_ids", ()) or ()
                if links is not None and lid in links.index and links.at[lid, "mode"] == "road"]
    # (words with {min} to fill, their other values, minutes, leg indices, dropped when shown as 0 minutes)
    found: list[tuple[str, dict[str, str], float, tuple[int, ...], bool]] = []
    i = 0
    while i < len(legs):
        leg, start = legs[i], i
        if leg.mode == "car":
            roads = _main_roads(leg, road_ids, data, lang)
            words = w["drive"] + (w["via"].format(roads=w["sep"].join(roads)).replace("{", "{{").replace("}", "}}")
                                  if roads else "")
            found.append((words, {"km": format_km(leg.km, lang), "a": _name(leg, "from", lang),
                                  "b": _name(leg, "to", lang)}, float(leg.minutes), (i,), False))
        elif leg.mode in ("rail", "coach"):  # a train or a scheduled coach
            first, minutes, km = leg, float(leg.minutes), float(leg.km)
            while i + 1 < len(legs) and legs[i + 1].mode == leg.mode and legs[i + 1].line_id == first.line_id:
                i += 1
                minutes += float(legs[i].minutes)
                km += float(legs[i].km)
            line = ((getattr(first, "line_name_zh", None) if lang == "zh" else None)
                    or getattr(first, "line_name", None) or w["train"])
            found.append((w["ride"], {"line": line, "km": format_km(km, lang), "a": _name(first, "from", lang),
                                      "b": _name(legs[i], "to", lang)}, minutes, tuple(range(start, i + 1)), False))
        else:
            run = [leg]
            while i + 1 < len(legs) and legs[i + 1].mode not in ("car", "rail", "coach"):
                i += 1
                run.append(legs[i])
            words, values, minutes = _stop_step(run, lang)
            found.append((words, values, minutes, tuple(range(start, i + 1)), True))
        i += 1
    # The minutes shown add up to the trip's total as shown (format_parts); a wait, walk or check that keeps
    # no whole minute is left out.
    total = getattr(trip, "minutes", None)
    minutes = [f[2] for f in found]
    steps: list[tuple[str, tuple[int, ...]]] = []
    for (words, values, _, idx, droppable), took, whole in zip(found, format_parts(minutes, lang, total),
                                                               whole_parts(minutes, total)):
        if not (droppable and whole < 1):
            steps.append((words.format(min=took, **values), idx))
    return steps
