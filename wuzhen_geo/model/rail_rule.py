"""The rail-trip rule: when a trip that rides a train is a sensible answer "by rail" (the train does most of
the work). Its bounds are :class:`~wuzhen_geo.model.config.ModelConfig` fields; its reasons are strings in both
languages (``wuzhen_geo.strings.rail_rule``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from wuzhen_geo.i18n import t
from wuzhen_geo.model.coords import distance_m
from wuzhen_geo.vocabulary import format_minutes

__all__ = ["rail_trip_problem"]


def rail_trip_problem(cfg: Any, legs: Sequence[Any], lang: str = "en") -> str | None:
    """Why a trip's legs are not a sensible rail trip (in ``lang``), or None when they are; ``cfg`` is the
    :class:`~wuzhen_geo.model.config.ModelConfig` whose bounds apply.

    ``legs`` are :class:`~wuzhen_geo.model.trips.Leg`-like objects (``mode``, ``minutes``, ``to_name``;
    ``km`` and ``coords`` where known). A sensible rail trip rides a train, drives at most
    ``rail_max_final_drive_min`` after the last train, spends at least ``rail_min_train_share`` of its
    moving minutes (train plus car) on trains, does not ride its last train away from where it is going
    (alighting more than ``rail_max_away_km`` farther from the destination than where it boarded that
    train: a ride past the destination to lift the share of minutes on trains), does not ride its first train
    back toward where it started (alighting more than ``rail_max_away_km`` nearer the origin than where it
    boarded: a drive past a station to ride back to it), and rides at most
    ``rail_max_circuity`` times the straight line between its first boarding and its last alighting station.
    """
    legs = list(legs)
    rail = [i for i, leg in enumerate(legs) if leg.mode == "rail"]
    if not rail:
        return t("rail_no_train", lang)
    train = sum(leg.minutes for leg in legs if leg.mode == "rail")
    drive = sum(leg.minutes for leg in legs if leg.mode == "car")
    final = sum(leg.minutes for leg in legs[rail[-1] + 1:] if leg.mode == "car")
    if final > cfg.rail_max_final_drive_min:
        return t("rail_final_drive", lang, drive=format_minutes(final, lang),
                 limit=format_minutes(cfg.rail_max_final_drive_min, lang),
                 where=_name(legs[rail[-1]], "to", lang) or t("rail_last_station", lang))
    if train + drive > 0 and train < cfg.rail_min_train_share * (train + drive):
        return t("rail_train_share", lang, train=f"{train:.0f}", total=format_minutes(train + drive, lang),
                 share=f"{cfg.rail_min_train_share:.0%}")
    away = _last_ride_away(legs, rail[-1], float(cfg.rail_max_away_km) * 1000.0, lang)
    if away is not None:
        return t("rail_away", lang, board=away[0], alight=away[1])
    back = _first_ride_back(legs, rail[0], float(cfg.rail_max_away_km) * 1000.0, lang)
    if back is not None:
        return t("rail_back", lang, board=back[0], alight=back[1])
    first, last = getattr(legs[rail[0]], "coords", ()), getattr(legs[rail[-1]], "coords", ())
    if first and last:
        straight = distance_m(*first[0], *last[-1]) / 1000.0
        ridden = sum(getattr(leg, "km", 0.0) for leg in legs if leg.mode == "rail")
        if ridden > cfg.rail_max_circuity * max(straight, 1.0):
            return t("rail_circuity", lang, ridden=f"{ridden:.0f}", straight=f"{straight:.0f}",
                     first=_name(legs[rail[0]], "from", lang), last=_name(legs[rail[-1]], "to", lang),
                     k=f"{cfg.rail_max_circuity:g}")
    return None


def _name(leg: Any, end: str, lang: str) -> str:
    """The name of a leg's ``"from"`` or ``"to"`` place in ``lang`` (the English one when no Chinese is known)."""
    return (getattr(leg, f"{end}_name_zh", "") if lang == "zh" else "") or getattr(leg, f"{end}_name", "")


def _last_ride_away(legs: Sequence[Any], last_rail: int, tolerance_m: float, lang: str) -> tuple[str, str] | None:
    """``(boarded, alighted)`` names when the last train of ``legs`` (the trailing rail legs of one line) takes
    the trip away from its destination, else None (also when positions are unknown)."""
    start = last_rail
    line = getattr(legs[last_rail], "line_id", None)
    while start > 0 and legs[start - 1].mode == "rail" and getattr(legs[start - 1], "line_id", None) == line:
        start -= 1
    board, alight = getattr(legs[start], "coords", ()), getattr(legs[last_rail], "coords", ())
    end = getattr(legs[-1], "coords", ())
    if not (board and alight and end):
        return None
    if distance_m(*alight[-1], *end[-1]) > distance_m(*board[0], *end[-1]) + tolerance_m:
        return _name(legs[start], "from", lang), _name(legs[last_rail], "to", lang)
    return None


def _first_ride_back(legs: Sequence[Any], first_rail: int, tolerance_m: float, lang: str) -> tuple[str, str] | None:
    """``(boarded, alighted)`` names when the first ride of ``legs`` (its first run of consecutive rail legs, up
    to the first change) takes the trip back toward where it started, else None (also when positions are
    unknown)."""
    end = first_rail
    while end + 1 < len(legs) and legs[end + 1].mode == "rail":
        end += 1
    board, alight = getattr(legs[first_rail], "coords", ()), getattr(legs[end], "coords", ())
    start = getattr(legs[0], "coords", ())
    if not (board and alight and start):
        return None
    if distance_m(*alight[-1], *start[0]) < distance_m(*board[0], *start[0]) - tolerance_m:
        return _name(legs[first_rail], "from", lang), _name(legs[end], "to", lang)
    return None
