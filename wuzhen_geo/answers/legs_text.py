"""A trip in one line: :func:`legs_text`, ``"drive 25 min → HSR 17 min → metro 20 min"`` (English or Chinese).

The compact text of the tables and the command line; the numbered steps a resident reads are in
:mod:`wuzhen_geo.answers.route_steps`. Pure functions over a trip's legs and the base data.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from wuzhen_geo.data import GeoData
from wuzhen_geo.vocabulary import format_parts, whole_parts

__all__ = ["legs_text"]

# How a rail class is named in a legs text ("drive 25 min → HSR 17 min → metro 20 min").
_RAIL_LABEL = {"hsr": "HSR", "conventional": "train", "intercity": "intercity", "suburban": "suburban rail",
               "metro": "metro", "airport_coach": "coach", "intercity_coach": "coach"}


def _leg_category(leg: Any) -> str:
    mode = getattr(leg, "mode", "")
    return "rail" if mode == "coach" else mode if mode in ("car", "rail") else "stop"  # a coach is a ride too


def _stop_word(leg: Any) -> str:
    """What a non-moving leg is, for the compact legs text."""
    if leg.mode == "processing":
        return "station"
    if leg.mode == "wait":
        return "wait"
    line = (getattr(leg, "line_name", None) or "").lower()
    if "car park" in line or "drop-off" in line:
        return "drop-off/park"
    if "exit" in line:
        return "exit"
    return "walk"


def _stop_run_word(run: Sequence[Any], between_rides: bool = False) -> str:
    words = {_stop_word(leg) for leg in run}
    if len(words) == 1:
        return words.pop()
    if between_rides:  # off one train or coach and onto another: leaving, walking, checks and the wait
        return "change"
    if "station" in words:
        return "check-in & wait"
    if "wait" in words:
        return "change"
    return "walk"


def _rail_label(data: GeoData | None, leg: Any) -> str:
    line_id = getattr(leg, "line_id", None)
    if data is not None and line_id and line_id in data.links.index:
        cls = data.links.at[line_id, "class"]
        return _RAIL_LABEL.get(str(cls), "rail")
    return "rail"


# Words of the legs text by language.
_WORDS = {
    "en": {"drive": "drive", "station": "station", "wait": "wait", "drop-off/park": "drop-off/park",
           "exit": "exit", "walk": "walk", "check-in & wait": "check-in & wait", "change": "change",
           "HSR": "HSR", "train": "train", "intercity": "intercity", "suburban rail": "suburban rail",
           "metro": "metro", "rail": "rail", "coach": "coach", "none": "no legs (origin is the destination)", "at": "at"},
    "zh": {"drive": "驾车", "station": "安检进站", "wait": "候车", "drop-off/park": "落客/停车", "exit": "出站",
           "walk": "步行", "check-in & wait": "安检候车", "change": "换乘", "HSR": "高铁", "train": "火车",
           "intercity": "城际", "suburban rail": "市域铁路", "metro": "地铁", "rail": "铁路", "coach": "大巴",
           "none": "无需出行（起终点相同）", "at": "于"},
}


def legs_text(trip: Any, data: GeoData | None = None, *, detail: bool = False, lang: str = "en") -> str:
    """Describe a trip's legs: ``"drive 25 min → HSR 17 min → metro 20 min"`` (``lang="zh"``: Chinese).

    Runs of waiting, walking and station processing between moving legs are merged into one step
    (``"check-in & wait"`` before a train, ``"change"`` between trains, ``"walk"``, ``"exit"``,
    ``"drop-off/park"`` at an airport); with ``detail=True`` every leg is listed with its end points
    and line name.
    """
    words = _WORDS["zh" if lang == "zh" else "en"]
    legs = list(getattr(trip, "legs", []) or [])
    if not legs:
        return words["none"]

    def name(leg: Any, end: str) -> str:
        if lang == "zh":
            return getattr(leg, f"{end}_name_zh", "") or getattr(leg, f"{end}_name")
        return getattr(leg, f"{end}_name")

    total = getattr(trip, "minutes", None)  # the minutes shown add up to the total shown (format_parts)
    if detail:
        parts = []
        shown = format_parts([leg.minutes for leg in legs], lang, total)
        for leg, took in zip(legs, shown):
            what = words[{"car": "drive", "rail": _rail_label(data, leg), "processing": "station"}.get(
                leg.mode, _stop_word(leg))]
            line = getattr(leg, "line_name_zh", None) if lang == "zh" else getattr(leg, "line_name", None)
            line = f" {line}" if leg.mode == "rail" and line else ""
            where = (f"{words['at']} {name(leg, 'from')}" if leg.from_id == leg.to_id
                     else f"{name(leg, 'from')} → {name(leg, 'to')}")
            parts.append(f"{what}{line} {where} {took}")
        return "; ".join(parts)
    steps: list[tuple[str, float, bool]] = []  # (words before the minutes, minutes, dropped when shown as 0)
    i = 0
    while i < len(legs):
        leg = legs[i]
        cat = _leg_category(leg)
        if cat == "stop":
            run = [leg]
            while i + 1 < len(legs) and _leg_category(legs[i + 1]) == "stop":
                i += 1
                run.append(legs[i])
            between = bool(steps) and i + 1 < len(legs) and _leg_category(legs[i + 1]) == "rail" and (
                _leg_category(legs[i - len(run)]) == "rail")
            steps.append((words[_stop_run_word(run, between)], sum(r.minutes for r in run), True))
        elif cat == "car":
            minutes = leg.minutes
            while i + 1 < len(legs) and _leg_category(legs[i + 1]) == "car":
                i += 1
                minutes += legs[i].minutes
            steps.append((words["drive"], minutes, False))
        else:
            label, line, minutes, first = _rail_label(data, leg), leg.line_id, leg.minutes, leg
            while i + 1 < len(legs) and legs[i + 1].mode == leg.mode and legs[i + 1].line_id == line:
                i += 1
                minutes += legs[i].minutes
            # Name where the train is boarded and left: the part of a rail trip a rider must know.
            stations = f"{name(first, 'from')}→{name(legs[i], 'to')}"
            steps.append((f"{words[label]} {stations}", minutes, False))
        i += 1
    # A wait, walk or check that keeps no whole minute is left out (its minutes are in no other step either).
    shown = format_parts([minutes for _, minutes, _ in steps], lang, total)
    kept = [f"{what} {took}" for (what, _, droppable), took, whole in
            zip(steps, shown, whole_parts([m for _, m, _ in steps], total)) if not (droppable and whole < 1)]
    return " → ".join(kept)
