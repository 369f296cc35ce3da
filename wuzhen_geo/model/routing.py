"""Routes with legs on a :class:`~wuzhen_geo.model.network.Network`: :func:`route` and :func:`routes`.

Origins and destinations are a place id, a zone id (its ``access`` place) or a :class:`Point` (WGS-84); see
:data:`~wuzhen_geo.model.coords.Origin`. A point is joined, per query and without touching the graph, to the
``access_k`` nearest road nodes at the access speed times the detour factor
(:class:`~wuzhen_geo.model.config.ModelConfig`); :func:`trip_ends` says where a trip may start or end.

Modes:

* ``"car"``: road edges of layer 0 only (plus the airport kerb time);
* ``"rail"``: at least one train ride, reaching the destination in layer 1 (access and egress by road or on
  foot). The two-layer graph enforces the ride, so plain Dijkstra is exact;
* ``"best"``: the faster of the two;
* ``"coach"``: at least one scheduled coach and no train, reaching the destination in layer 2;
* ``"transit"`` (public transport): the faster of the rail and the coach trip.

:func:`route` finds the path and rebuilds it into legs (:func:`wuzhen_geo.model.trips.trip_from_path`);
:func:`routes` gives the same trips from one origin to many destinations from one shortest-path tree per
mode. Both use the CSR fast path (:mod:`wuzhen_geo.model._fastpath`) by default; pass ``engine="networkx"``
for the plain NetworkX computation of the same numbers (tested equal). Times without legs, for many pairs at
once, are in :mod:`wuzhen_geo.model.matrices`.
"""

from __future__ import annotations

import difflib
import logging
from collections.abc import Hashable, Iterable
from typing import Any, Literal

import networkx as nx

from wuzhen_geo.errors import UnknownPlaceError, UnreachableError
from wuzhen_geo.model.coords import Origin, Point, origin_id
from wuzhen_geo.model.network import Network
from wuzhen_geo.model.nodes import car_weight, in_layer
from wuzhen_geo.model.trips import End, Trip, trip_from_path
from wuzhen_geo.vocabulary import ROUTE_MODES

__all__ = ["Engine", "Mode", "check_mode", "route", "routes", "trip_ends"]

log = logging.getLogger(__name__)

Mode = Literal["car", "rail", "best", "coach", "transit"]
#: The two modes a trip of each combined mode is the faster of.
_EITHER = {"best": ("car", "rail"), "transit": ("rail", "coach")}
#: The street layer a trip of each single mode ends in.
_END_LAYER = {"car": 0, "rail": 1, "coach": 2}
Engine = Literal["fast", "networkx"]


def check_mode(mode: str) -> None:
    """Raise ``ValueError`` unless ``mode`` is a route mode (``car``, ``rail``, ``best``, ``coach``, ``transit``)."""
    if mode not in ROUTE_MODES:
        raise ValueError(f"mode {mode!r}: use one of {', '.join(repr(m) for m in ROUTE_MODES)}")


def _place_of(net: Network, ref: str) -> str:
    if ref in net.names and ref in net.graph:
        return ref
    places = net.data.places
    if ref in places.index:  # a real place that this scenario does not include
        raise _not_in_scenario(net, ref)
    zones = net.data.zones
    if ref in zones.index and "access" in zones.columns:
        access = zones.at[ref, "access"]
        if access in net.graph:
            return str(access)
        raise UnreachableError(f"zone {ref}: its access place {access!r} is not in scenario {net.scenario.name!r}")
    known = list(net.names) + list(zones.index)
    raise UnknownPlaceError(ref, difflib.get_close_matches(ref, known, n=3, cutoff=0.6))


def _not_in_scenario(net: Network, ref: str) -> UnreachableError:
    """Why place ``ref`` is not in the network, in one line (for the CLI and the API), with the facts on the
    error as ``facts`` (for a translated sentence): ``place``, ``status``, ``open_year`` (a whole year or
    None), ``scenario`` (its name), ``year`` (the network's year) and ``projects`` (``{"id", "name_zh",
    "name_en"}`` of each project that has the place among its members)."""
    row = net.data.places.loc[ref]
    raw = row.get("open_year")
    open_year = int(raw) if raw is not None and raw == raw else None  # NaN (no year in the data) is None
    year = net.scenario.year if net.scenario.year is not None else net.config.year
    projects = tuple({"id": str(p.get("id")), "name_zh": p.get("name_zh"), "name_en": p.get("name_en")}
                     for p in net.data.projects if ref in (p.get("members") or []))
    status = str(row.get("status"))
    fixes = []
    if open_year is not None and open_year > year:
        fixes.append(f"pick year {open_year} or later")
    if projects:
        fixes.append("switch on its project " + " or ".join(p["id"] for p in projects))
    when = f"opening year {open_year}" if open_year is not None else "no opening year"
    message = f"{ref} ({status}, {when}) is not in scenario {net.scenario.name!r} ({year})"
    if fixes:
        message += "; " + ", or ".join(fixes)
    elif open_year is None:
        message += "; no project of the data brings it: add a link to it in a scenario's edits"
    error = UnreachableError(message)
    error.facts = {"place": ref, "status": status, "open_year": open_year, "scenario": net.scenario.name,
                   "year": int(year), "projects": projects}
    return error


def _label(ref: Origin) -> str:
    """How an end is named in a message (a point by its :attr:`~wuzhen_geo.model.coords.Point.label`)."""
    return ref.label if isinstance(ref, Point) else str(ref)


def trip_ends(net: Network, ref: Origin, *, layer: int) -> list[End]:
    """Where a trip from or to ``ref`` may start (``layer=0``) or end (``layer=0`` for a car trip, ``1`` after a
    train, ``2`` after a coach), as ``(node, minutes, metres)``: a place (or a zone's access place) itself at no cost; a point at
    each of its ``access_k`` nearest road nodes, with the drive to it.

    Raises ``UnknownPlaceError`` for an unknown id and ``UnreachableError`` for a place not in the scenario or
    a point with no road to join.
    """
    if isinstance(ref, Point):
        near = net.nearest_road_nodes(ref.lon, ref.lat)
        if not near:
            raise UnreachableError(f"no road node to join {ref.label} to")
        return [(in_layer(n, layer), net.access_minutes(m), m) for n, m in near
                if layer != 2 or in_layer(n, layer) in net.graph]
    pid = _place_of(net, ref)
    node = in_layer(pid, layer)
    return [(node, 0.0, 0.0)] if layer != 2 or node in net.graph else []  # layer 2 exists only with coaches


def _best_path(net: Network, sources: list[End],
               targets: list[End], car: bool, engine: Engine = "fast"
               ) -> tuple[float, list[Hashable], End, End]:
    """Fastest path between end sets (with offsets): ``(minutes, nodes, source, target)``."""
    if engine == "fast":
        found = net.fast().best_path([(s, o) for s, o, _ in sources], [(t, o) for t, o, _ in targets], car=car)
        if found is None:
            raise UnreachableError("no path")
        total, path, i, j = found
        return total, path, sources[i], targets[j]
    weight: Any = car_weight if car else "minutes"
    best: tuple[float, list[Hashable], Any, Any] | None = None
    target_nodes = {t[0]: t for t in targets}
    for src in sources:
        if len(targets) == 1:
            try:
                dist, path = nx.single_source_dijkstra(net.graph, src[0], targets[0][0], weight=weight)
            except nx.NetworkXNoPath:
                continue
            found = {targets[0][0]: (dist, path)}
        else:
            dists, paths = nx.single_source_dijkstra(net.graph, src[0], weight=weight)
            found = {t: (dists[t], paths[t]) for t in target_nodes if t in dists}
        for t, (dist, path) in found.items():
            total = src[1] + dist + target_nodes[t][1]
            if best is None or total < best[0]:
                best = (total, path, src, target_nodes[t])
    if best is None:
        raise UnreachableError("no path")
    return best


def route(net: Network, origin: Origin, destination: Origin, *, mode: Mode = "best", engine: Engine = "fast"
          ) -> Trip:
    """The fastest trip from ``origin`` to ``destination`` with its legs.

    The path is searched on the fast path (SciPy Dijkstra with predecessors) or, with ``engine="networkx"``,
    by NetworkX; both give the same minutes (tied paths may differ).

    Raises ``UnknownPlaceError`` for an unknown id and ``UnreachableError`` when no path exists in the
    scenario's network for the mode.
    """
    check_mode(mode)
    if mode in _EITHER:
        trip_ends(net, origin, layer=0)  # unknown or out-of-scenario ends raise their own error, not "unreachable"
        trip_ends(net, destination, layer=0)
        trips = []
        for m in _EITHER[mode]:
            try:
                trips.append(route(net, origin, destination, mode=m, engine=engine))  # type: ignore[arg-type]
            except UnreachableError:
                pass
        if not trips:
            raise UnreachableError(
                f"{_label(origin)} -> {_label(destination)}: unreachable by {' and by '.join(_EITHER[mode])} in "
                f"scenario {net.scenario.name!r}"
            )
        return min(trips, key=lambda t: t.minutes)
    sources = trip_ends(net, origin, layer=0)
    targets = trip_ends(net, destination, layer=_END_LAYER[mode])
    try:
        total, path, src, dst = _best_path(net, sources, targets, car=mode == "car", engine=engine)
    except UnreachableError:
        raise UnreachableError(
            f"{_label(origin)} -> {_label(destination)}: unreachable by {mode} in scenario {net.scenario.name!r}"
        ) from None
    return trip_from_path(net, origin, destination, mode, path, src, dst, minutes=total)


def routes(net: Network, origin: Origin, destinations: Iterable[Origin], *, mode: Mode = "best",
           engine: Engine = "fast") -> dict[str, Trip]:
    """The fastest trips from one origin to many destinations, by destination
    (:func:`~wuzhen_geo.model.coords.origin_id`).

    Each trip is the one :func:`route` returns for that pair, but one shortest-path tree per mode (a single
    SciPy Dijkstra with predecessors) serves every destination. Destinations unreachable for the mode, or
    absent from the scenario, are left out of the result; an unknown id raises ``UnknownPlaceError``, and an
    origin that cannot start a trip raises like :func:`route`.
    """
    check_mode(mode)
    dests = list(destinations)
    sources = trip_ends(net, origin, layer=0)
    if mode in _EITHER:
        by_mode = [routes(net, origin, dests, mode=m, engine=engine) for m in _EITHER[mode]]  # type: ignore[arg-type]
        out: dict[str, Trip] = {}
        for label in dict.fromkeys(origin_id(d) for d in dests):
            found = [trips[label] for trips in by_mode if label in trips]
            if found:
                out[label] = min(found, key=lambda t: t.minutes)  # car first on a tie, as route() does
        return out
    out = {}
    if engine != "fast":
        for d in dests:
            try:
                out[origin_id(d)] = route(net, origin, d, mode=mode, engine=engine)
            except UnreachableError:
                pass
        return out
    car = mode == "car"
    fp = net.fast()
    pairs = [(s, o) for s, o, _ in sources]
    tree = fp.shortest_tree(pairs, car=car)
    for d in dests:
        try:
            targets = trip_ends(net, d, layer=_END_LAYER[mode])
        except UnreachableError:
            continue
        found = fp.path_in_tree(tree, pairs, [(t, o) for t, o, _ in targets])
        if found is not None:
            total, path, i, j = found
            out[origin_id(d)] = trip_from_path(net, origin, d, mode, path, sources[i], targets[j], minutes=total)
    return out
