"""Checks of the service fields of links (part of :func:`wuzhen_geo.data.validate.validate_geodata`).

Rail links may carry ``service_reading``, ``pattern_of``, ``approach_min`` and ``stop_km`` (what they mean:
:mod:`wuzhen_geo.model._services`); the network builder refuses a bad value too, but only here is every one
reported at once, with the file, feature, field and fix. Coach links (``links/coach.geojson``) need the
published running time ``minutes`` (first to last stop, stops included) and ``headway_min`` (the average
interval of the published departures), may give the published window ``first_departure`` / ``last_departure``
(``"HH:MM"``) and ``departures_per_day``, and must stop only at places on the road network (a coach is
reached by road, like a station).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import networkx as nx

from wuzhen_geo.data.problems import Problem, is_missing, is_number
from wuzhen_geo.vocabulary import HEADWAY_RANGE, SERVICE_READINGS, SPEED_RANGE, quoted

if TYPE_CHECKING:
    from wuzhen_geo.data.io import GeoData

__all__ = ["COACH_MINUTES_RANGE", "check_services"]

#: A scheduled coach between two places of the study area runs for at least a few minutes and, on the longest
#: published services (Hangzhou to Pudong airport, about 3 1/2 h), well under 8 hours.
COACH_MINUTES_RANGE = (5.0, 480.0)
RAIL_ONLY = ("service_reading", "pattern_of", "approach_min", "stop_km")
CLOCK = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def check_services(data: "GeoData", roads: nx.Graph) -> Iterator[Problem]:
    """Problems of the rail service fields and of the coach links; ``roads`` is the road/walk graph of every
    status (:func:`wuzhen_geo.data.validate.road_graph`)."""
    links = data.links
    rail_ids = set(links.index[links["mode"] == "rail"]) if "mode" in links.columns else set()
    for props in links.to_dict("records"):
        fid, file, mode = str(props.get("id")), str(props.get("_file", "links")), props.get("mode")
        if mode == "rail":
            yield from _rail_fields(file, fid, props, rail_ids)
        else:
            for name in RAIL_ONLY:
                if not is_missing(props.get(name)) and not _empty_mapping(props.get(name)):
                    yield Problem(file, fid, name, f"set on a {quoted(mode)} link; it describes rail services",
                                  "remove it, or make the link a rail service")
        if mode == "coach":
            yield from _coach_fields(file, fid, props, roads)


def _empty_mapping(value: Any) -> bool:
    return isinstance(value, dict) and not value


def _rail_fields(file: str, fid: str, p: dict[str, Any], rail_ids: set[str]) -> Iterator[Problem]:
    reading = p.get("service_reading")
    if not is_missing(reading) and reading not in SERVICE_READINGS:
        yield Problem(file, fid, "service_reading", f"{quoted(reading)} is not one of {', '.join(SERVICE_READINGS)}",
                      "use one of those, or leave it out for a service that runs in both readings")
    parent = p.get("pattern_of")
    if not is_missing(parent):
        if not isinstance(parent, str) or parent not in rail_ids:
            yield Problem(file, fid, "pattern_of", f"{quoted(parent)} is not a rail link id",
                          "name the rail link of the same track's main stopping pattern, or leave it out")
        elif parent == fid:
            yield Problem(file, fid, "pattern_of", "names the link itself",
                          "name the main stopping pattern of the same track, another link")
    nodes = p.get("nodes") if isinstance(p.get("nodes"), list) else []
    yield from _stop_km(file, fid, p.get("stop_km"), nodes, p.get("length_km"))
    approach = p.get("approach_min")
    if is_missing(approach) or _empty_mapping(approach):
        return
    if not isinstance(approach, dict):
        yield Problem(file, fid, "approach_min", f"{quoted(approach)} is not a mapping",
                      "give {station id of this link: minutes}, e.g. {stn_shanghai_hongqiao: 4}")
        return
    for station, minutes in approach.items():
        if station not in nodes:
            yield Problem(file, fid, "approach_min", f"{quoted(station)} is not one of this link's stops",
                          "name a station listed in the link's nodes")
        if not is_number(minutes) or not 0 <= minutes < 60:
            yield Problem(file, fid, "approach_min", f"{quoted(minutes)} min at {quoted(station)} is not 0 to 60",
                          "give the slow approach in minutes, derived in the link's note from a published time")


def _stop_km(file: str, fid: str, value: Any, nodes: list, length_km: Any) -> Iterator[Problem]:
    if is_missing(value):
        return
    numbers = isinstance(value, list) and all(is_number(v) for v in value)
    rising = numbers and len(value) == len(nodes) and value[0] == 0 and all(b > a for a, b in zip(value, value[1:]))
    if not rising:
        yield Problem(file, fid, "stop_km", f"{quoted(value)} is not one rising distance per stop from 0",
                      f"give the published km from the first stop to each of the {len(nodes)} stops, "
                      "e.g. [0, 59, 68.6]")
    elif is_number(length_km) and abs(value[-1] - length_km) > 0.05:
        yield Problem(file, fid, "stop_km", f"ends at {value[-1]:g} km, but length_km is {length_km:g}",
                      "make the last distance the line's published length, or correct length_km")


def _coach_fields(file: str, fid: str, p: dict[str, Any], roads: nx.Graph) -> Iterator[Problem]:
    minutes, headway = p.get("minutes"), p.get("headway_min")
    lo, hi = COACH_MINUTES_RANGE
    if is_missing(minutes) or not is_number(minutes) or not lo <= minutes <= hi:
        yield Problem(file, fid, "minutes", f"{quoted(minutes)} is not a plausible coach running time ({lo:g}–{hi:g})",
                      "give the published time from the first to the last stop in minutes")
    if is_missing(headway) or not is_number(headway) or not HEADWAY_RANGE[0] <= headway <= HEADWAY_RANGE[1]:
        yield Problem(file, fid, "headway_min", f"{quoted(headway)} is not a plausible headway "
                      f"({HEADWAY_RANGE[0]:g}–{HEADWAY_RANGE[1]:g} min)",
                      "give the average minutes between published departures (the window over departures - 1)")
    for name in ("first_departure", "last_departure"):
        value = p.get(name)
        if not is_missing(value) and (not isinstance(value, str) or not CLOCK.match(value)):
            yield Problem(file, fid, name, f"{quoted(value)} is not a time of day", "write it as HH:MM, e.g. 07:30")
    count = p.get("departures_per_day")
    if not is_missing(count) and (not is_number(count) or count < 1 or int(count) != count):
        yield Problem(file, fid, "departures_per_day", f"{quoted(count)} is not a whole number of departures",
                      "give the published number of departures a day")
    length = p.get("length_km")
    if is_number(length) and is_number(minutes) and minutes > 0 and length / minutes * 60 > SPEED_RANGE["road"][1]:
        yield Problem(file, fid, "minutes", f"{length:g} km in {minutes:g} min is faster than any road allows",
                      "check the running time and length_km")
    nodes = p.get("nodes") if isinstance(p.get("nodes"), list) else []
    main = max(nx.connected_components(roads), key=len) if roads.number_of_nodes() else set()
    for stop in nodes:
        if isinstance(stop, str) and stop not in main:
            yield Problem(file, fid, "nodes", f"coach stop {stop!r} is not on the road network",
                          "stop the coach at a place a road link reaches, or join the place with a connector")
