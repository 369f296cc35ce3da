"""Airport times: how long from an origin to each airport by car, by rail, the best of both, by coach and by
public transport (the faster of rail and coach).

:func:`airport_times` gives one row per airport × mode with the trip's legs; a rail row is a trip that
passes the rail-trip rule (:mod:`wuzhen_geo.answers.railtrips`), a coach row one that passes the coach rule
(:func:`~wuzhen_geo.answers.trip_answers.coach_trip_problem`). :func:`car_minutes_by_period` gives the drive
at each departure period (peak and off-peak road times); :func:`airport_ids` lists the airports.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
import pandas as pd

from wuzhen_geo.answers.legs_text import legs_text
from wuzhen_geo.answers.places import place_name
from wuzhen_geo.answers.railtrips import NoSensibleRailRoute
from wuzhen_geo.answers.trip_answers import NOT_IN_SCENARIO, reason_of, trip_answers
from wuzhen_geo.data import GeoData
from wuzhen_geo.errors import UnreachableError
from wuzhen_geo.model import Network, Origin, build_network, origin_id
from wuzhen_geo.vocabulary import DEPART_PERIODS, ROUTE_MODES, TRAVEL_MODES

__all__ = ["AIRPORT_MODES", "airport_ids", "airport_times", "car_minutes_by_period"]

#: The modes of the airport table: car, rail, best of both, coach, public transport (rail or coach).
AIRPORT_MODES: tuple[str, ...] = ROUTE_MODES


def airport_ids(data: GeoData, net: Network | None = None) -> list[str]:
    """Airport place ids, in data order; only those in ``net`` when given."""
    ids = [str(i) for i in data.places.index[data.places["kind"] == "airport"]]
    if net is not None:
        present = net.feature_ids
        ids = [i for i in ids if i in present]
    return ids


def airport_times(
    net: Network,
    origin: Origin,
    *,
    airports: Sequence[str] | None = None,
    modes: Sequence[str] = TRAVEL_MODES,
) -> pd.DataFrame:
    """Time from ``origin`` to each airport by car, by rail, the best of both, by coach and by public transport,
    with the legs.

    Parameters
    ----------
    net
        A built network (read only).
    origin
        Place id, zone id or WGS-84 point (see :func:`wuzhen_geo.answers.places.resolve_origin`).
    airports
        Airport place ids; every airport of the data by default (those absent from the scenario get a row
        saying so).
    modes
        Any of :data:`AIRPORT_MODES` (``"car"``, ``"rail"``, ``"best"``, ``"coach"``, ``"transit"``); car, rail
        and best by default. Pass ``modes=AIRPORT_MODES`` for the coach and public-transport rows too.

    Returns
    -------
    DataFrame
        One row per airport × mode: ``from_id``, ``airport_id``, ``iata``, ``name_zh``, ``name_en``,
        ``mode``, ``reachable`` (bool), ``minutes``, ``km`` (NaN when unreachable), ``trip_mode`` (the mode
        of the best trip), ``legs_text`` (or the reason it is unreachable) and ``legs_text_zh`` (the same in
        Chinese), ``legs`` (list of ``Leg``) and
        ``reason`` (``""`` when reachable, else a code of :data:`~wuzhen_geo.answers.trip_answers.REASONS`).

    Notes
    -----
    Every row is :func:`~wuzhen_geo.answers.trip_answers.trip_answer` for its airport and mode, the answer
    every view gives: a rail row is the fastest trip that passes the rail-trip rule (a short drive after the
    last train, and most of the moving time on trains), which may be slower than the router's fastest trip
    that merely rides a train. When no trip passes, the row is not reachable, its ``reason`` is
    ``"no_rail_route"`` and its ``legs_text`` starts with ``"no sensible rail route:"``, gives the reason and
    describes the trip considered; ``best`` is then the car trip. Isochrones and surfaces by rail reach the
    places by the same answers.
    """
    data = net.data
    ids = list(airports) if airports is not None else airport_ids(data)
    present = net.feature_ids
    reachable_ids = [a for a in ids if a in present]
    by_mode = {mode: trip_answers(net, origin, reachable_ids, mode=mode) for mode in modes}
    rows = []
    for apt in ids:
        base = {
            "from_id": origin_id(origin),
            "airport_id": apt,
            "iata": _iata(data, apt),
            "name_zh": place_name(data, apt, "zh"),
            "name_en": place_name(data, apt, "en"),
        }
        for mode in modes:
            row = dict(base, mode=mode, reachable=False, minutes=math.nan, km=math.nan, trip_mode=None,
                       legs_text="", legs_text_zh="", legs=[], reason="")
            if apt not in present:
                row.update(legs_text="unreachable: the airport is not in this scenario's network",
                           legs_text_zh="不可达：该机场不在此情景的路网中", reason=NOT_IN_SCENARIO)
                rows.append(row)
                continue
            trip = by_mode[mode][apt]
            if isinstance(trip, NoSensibleRailRoute):
                row.update(legs_text=str(trip), legs_text_zh=trip.text("zh"), reason=reason_of(trip))
            elif isinstance(trip, UnreachableError):
                why_zh = trip.text("zh") if hasattr(trip, "text") else str(trip)  # a rule's reason in Chinese
                row.update(legs_text=f"unreachable: {trip}", legs_text_zh=f"不可达：{why_zh}", reason=reason_of(trip))
            else:
                row.update(reachable=True, minutes=float(trip.minutes), km=float(trip.km),
                           trip_mode=getattr(trip, "mode", mode), legs_text=legs_text(trip, data),
                           legs_text_zh=legs_text(trip, data, lang="zh"), legs=list(trip.legs))
            rows.append(row)
    return pd.DataFrame(rows, columns=["from_id", "airport_id", "iata", "name_zh", "name_en", "mode", "reachable",
                                       "minutes", "km", "trip_mode", "legs_text", "legs_text_zh", "legs", "reason"])


def car_minutes_by_period(net: Network, origin: Origin, *, airports: Sequence[str] | None = None,
                          periods: Sequence[str] = DEPART_PERIODS) -> pd.DataFrame:
    """Minutes of the car answer from ``origin`` to each airport at each departure period: the same scenario
    and configuration as ``net`` with ``depart`` set to the period (the network builder applies the period's
    road factors; ``net``'s own period is reused, the others are built once and kept with ``net``).

    Returns
    -------
    DataFrame
        One row per airport (``airport_id``) and one column per period (NaN when there is no car trip).
    """
    ids = list(airports) if airports is not None else airport_ids(net.data, net)
    columns: dict[str, list[float]] = {}
    for period in periods:
        # the same scenario at another period, built once and kept with this network
        other = net if period == net.config.depart else net.cached(
            ("at_period", period), lambda p=period: build_network(net.data, net.scenario,
                                                                  config=net.config.replace(depart=p)))
        present = other.feature_ids
        found = trip_answers(other, origin, [a for a in ids if a in present], mode="car")
        columns[period] = [float(found[a].minutes) if a in found and not isinstance(found[a], UnreachableError)
                           else math.nan for a in ids]
    return pd.DataFrame({"airport_id": ids, **columns})


def _iata(data: GeoData, place_id: str) -> str | None:
    if "iata" in data.places.columns and place_id in data.places.index:
        value = data.places.at[place_id, "iata"]
        return str(value) if isinstance(value, str) and value else None
    return None
