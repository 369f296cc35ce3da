"""The airports at a glance: one row per airport with the car, rail and best times, the train to take or why
there is no rail trip, and the coach and public-transport times (or why none) — the table both the app's
airports page and ``wuzhen-geo airports`` show.

Built from :func:`~wuzhen_geo.answers.airports.airport_times` (one row per airport × mode); each view only
formats the plain columns (minutes as numbers, texts already in the chosen language).
"""

from __future__ import annotations

import math
from types import SimpleNamespace
from typing import Any

import pandas as pd

from wuzhen_geo.answers.places import Origin, place_name
from wuzhen_geo.answers.railtrips import NO_SENSIBLE_RAIL
from wuzhen_geo.answers.trip_answers import NO_RAIL_ROUTE, NO_SERVICE, NOT_IN_SCENARIO, UNREACHABLE
from wuzhen_geo.answers.route_steps import rail_lines_text, short_place_name
from wuzhen_geo.answers.legs_text import legs_text
from wuzhen_geo.data.io import GeoData
from wuzhen_geo.i18n import bilingual, label, name, t
from wuzhen_geo.vocabulary import DEPART_PERIODS, format_minutes

__all__ = ["SUMMARY_COLUMNS", "airport_summary", "car_spread_text", "missing_cell_text", "not_in_network_text",
           "origin_label", "origin_text"]

#: Columns of :func:`airport_summary`, in order.
SUMMARY_COLUMNS = ("airport_id", "iata", "name_zh", "name_en", "name", "label", "car_min", "rail_min", "best_min",
                   "best_mode", "rail_status", "rail_via", "car_reason", "rail_reason", "best_reason",
                   "coach_min", "coach_reason", "transit_min", "transit_mode", "transit_reason", "car_spread")


def _rail_status(reachable: bool, reason: str) -> str:
    if reachable:
        return "ok"
    return "no_sensible_rail" if reason.startswith(NO_SENSIBLE_RAIL) else "unreachable"


def _why_no_rail(reason: str, lang: str) -> str:
    """The reason for a missing rail trip cut to its head and translated (the rail trip's steps give the
    whole reason)."""
    if reason.startswith(NO_SENSIBLE_RAIL):
        return t("no_rail_route", lang)
    return t("unreachable", lang) if reason.startswith("unreachable") or not reason else reason


def _minutes(row: Any) -> float:
    return float(row["minutes"]) if row is not None and bool(row["reachable"]) else math.nan


def _reason(row: Any) -> str:
    """The reason code of an unreachable row (``""`` when reachable or not asked)."""
    if row is None or bool(row["reachable"]):
        return ""
    return str(row.get("reason") or "") or (NO_RAIL_ROUTE if str(row["legs_text"]).startswith(NO_SENSIBLE_RAIL)
                                            else UNREACHABLE)


#: The words for each reason code of an empty cell (``airport_summary``'s ``<mode>_reason``): those of the rail
#: column ("no sensible rail route", "unreachable") and of the coach rule ("no coach route"); the car's
#: "unreachable" is "no road", and public transport is empty when neither rail nor coach is.
_WHY = {NO_RAIL_ROUTE: "no_rail_route", "no_coach_route": "no_coach_route", NOT_IN_SCENARIO: "why_not_in_scenario",
        UNREACHABLE: "unreachable", NO_SERVICE: "why_no_service"}


def missing_cell_text(row: Any, mode: str, lang: str = "en") -> str:
    """Why a row of :func:`airport_summary` has no minutes for ``mode``, in words: what the app's table, its
    note and the command line say for an empty cell."""
    reason = str(row.get(f"{mode}_reason") or UNREACHABLE)
    if reason in (NOT_IN_SCENARIO, NO_SERVICE):
        return t(_WHY[reason], lang)
    if mode == "transit":
        return t("why_no_transit_route", lang)
    if mode == "car" and reason == UNREACHABLE:
        return t("why_unreachable", lang)
    return t(_WHY.get(reason, "unreachable"), lang)


def car_spread_text(minutes: Any, lang: str = "en") -> str:
    """The drive in each departure period in a few words (``"73 min off-peak, 90 morning peak, 88 evening
    peak, 70 night"``, the order of :data:`~wuzhen_geo.vocabulary.DEPART_PERIODS` as the column header and the
    command line give it) from a mapping of period to minutes (a row of
    :func:`~wuzhen_geo.answers.airports.car_minutes_by_period`); ``""`` when a period is missing."""
    shown = {p: minutes.get(p) for p in DEPART_PERIODS}
    if any(v is None or v != v for v in shown.values()):  # NaN: no car trip
        return ""
    # the unit once, on the first: "80 min" -> "80" for the others
    words = {p: format_minutes(v, lang) if i == 0 else format_minutes(v, lang).rsplit(" ", 1)[0]
             for i, (p, v) in enumerate(shown.items())}
    return t("car_spread", lang).format(**words)


def airport_summary(table: pd.DataFrame, data: GeoData, lang: str = "en", *,
                    periods: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per airport of an ``airport_times`` table, in its order.

    Parameters
    ----------
    table
        :func:`~wuzhen_geo.answers.airports.airport_times` (its ``legs_text`` as returned: the English reason
        of an unreachable row).
    data
        The base data (names of lines and stations).
    lang
        ``"zh"`` or ``"en"``: the language of ``name``, ``label`` and ``rail_via``.

    Returns
    -------
    DataFrame
        :data:`SUMMARY_COLUMNS`: ``airport_id``; ``iata`` (``""`` when none); ``name_zh``, ``name_en`` and
        ``name`` (in ``lang``); ``label`` (code and short name, for a narrow table); ``car_min``,
        ``rail_min``, ``best_min`` (NaN when unreachable); ``best_mode`` (the mode of the best trip, ``None``
        when unreachable); ``rail_status`` (``"ok"``, ``"no_sensible_rail"`` — no trip passes the rail-trip
        rule — or ``"unreachable"``); ``rail_via`` (where to board which trains, or why there is no rail trip);
        ``car_reason``, ``rail_reason``, ``best_reason`` (``""`` when reachable, else why not, a code of
        :data:`~wuzhen_geo.answers.trip_answers.REASONS`: ``"no_rail_route"``, ``"not_in_scenario"`` or
        ``"unreachable"``); ``coach_min`` and ``coach_reason`` (``"no_coach_route"`` where no scheduled coach
        serves the airport sensibly); ``transit_min`` (public transport: the faster of rail and coach),
        ``transit_mode`` (``"rail"`` or ``"coach"``, ``None`` when none) and ``transit_reason``. The coach and
        transit columns are NaN / ``""`` when the table was made without those modes; ``car_spread`` the drive
        in every departure period (:func:`car_spread_text`) when ``periods``
        (:func:`~wuzhen_geo.answers.airports.car_minutes_by_period`) is given, else ``""``.
    """
    spread = periods.set_index("airport_id") if periods is not None else None
    rows = []
    for apt, group in table.groupby("airport_id", sort=False):
        first = group.iloc[0]
        by_mode = {r["mode"]: r for _, r in group.iterrows()}
        car, rail, best = by_mode.get("car"), by_mode.get("rail"), by_mode.get("best")
        coach, transit = by_mode.get("coach"), by_mode.get("transit")
        iata = first["iata"] or ""
        shown = first[f"name_{lang}"] if f"name_{lang}" in first else first["name_en"]
        status, via = "unreachable", ""
        if rail is not None:
            reason = str(rail["legs_text"])
            status = _rail_status(bool(rail["reachable"]), reason)
            if status == "ok":
                legs = rail["legs"] or []
                via = rail_lines_text(legs, data, lang) or legs_text(SimpleNamespace(legs=legs), data, lang=lang)
            elif _reason(rail) in (NOT_IN_SCENARIO, NO_SERVICE):  # in the words of the note beside it
                via = t(_WHY[_reason(rail)], lang)
            else:
                via = _why_no_rail(reason, lang)
        rows.append({
            "airport_id": apt,
            "iata": iata,
            "name_zh": first["name_zh"],
            "name_en": first["name_en"],
            "name": shown,
            "label": f"{iata} {short_place_name(shown, lang)}".strip(),
            "car_min": _minutes(car),
            "rail_min": _minutes(rail),
            "best_min": _minutes(best),
            "best_mode": best["trip_mode"] if best is not None and bool(best["reachable"]) else None,
            "rail_status": status,
            "rail_via": via,
            "car_reason": _reason(car),
            "rail_reason": _reason(rail),
            "best_reason": _reason(best),
            "coach_min": _minutes(coach),
            "coach_reason": _reason(coach),
            "transit_min": _minutes(transit),
            "transit_mode": transit["trip_mode"] if transit is not None and bool(transit["reachable"]) else None,
            "transit_reason": _reason(transit),
            "car_spread": car_spread_text(spread.loc[apt], lang) if spread is not None and apt in spread.index
            else "",
        })
    return pd.DataFrame(rows, columns=list(SUMMARY_COLUMNS))


def origin_label(data: GeoData, origin: Origin, lang: str = "en") -> str:
    """How an origin is named on screen: a zone's or place's name in ``lang`` (with the other language after
    it), a point as ``"lat, lon"`` (WGS-84), anything else as given."""
    if isinstance(origin, str):
        for frame in (data.zones, data.places):
            if origin in frame.index:
                return bilingual(frame.loc[origin], lang)
        return origin
    return f"{origin.lat:.6f}, {origin.lon:.6f}"


def origin_text(origin: Origin) -> str:
    """An origin as a person would type it, which :func:`~wuzhen_geo.answers.places.resolve_origin` reads back:
    the id, or ``"lat,lon"`` (WGS-84, six decimals, about 0.1 m) for a point. The app keeps it and shares it in
    its URL (``?origin=30.6,120.5``); tables key an origin by :func:`~wuzhen_geo.model.origin_id` instead."""
    if isinstance(origin, str):
        return origin
    return f"{origin.lat:.6f},{origin.lon:.6f}"


def not_in_network_text(data: GeoData, scenario: Any, facts: dict, lang: str = "en") -> str:
    """Why a place is not in the network shown, in ``lang``, from the facts a routing error carries
    (``UnreachableError.facts``: the place, its status, opening year if any, the project that brings it)."""
    year, shown = facts["open_year"], facts["year"]
    key = "not_open_no_year" if year is None else "not_open_later" if year > shown else "not_open_left_out"
    scenario_name = name({"name_zh": scenario.title_zh, "name_en": scenario.title_en, "id": scenario.name}, lang)
    first = t(key, lang, place=place_name(data, facts["place"], lang), status=label("status", facts["status"], lang),
              year=year, shown=shown, scenario=scenario_name)
    projects = " / ".join(name(p, lang) for p in facts["projects"])
    then = t("not_open_project", lang, project=projects) if projects else t("not_open_no_project", lang)
    return f"{first} {then}" if lang == "en" else first + then
