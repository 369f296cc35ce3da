"""Rail answers that are rail trips: the fastest trip that passes the configured rail-trip rule.

The router's ``"rail"`` mode (:func:`wuzhen_geo.model.routing.route`) returns the fastest trip that rides at least
one train. That trip can be a car trip with a train in it: a 3 min intercity hop between two long drives, or
a 60 min drive to a far station for a short ride. A resident asking "by rail" expects the train to do most
of the work, so answers given "by rail" must pass :meth:`wuzhen_geo.model.config.ModelConfig.rail_trip_problem`
(a short drive after the last train, most of the moving time on trains), and must not take more than
``rail_max_car_ratio`` times the car trip (a long detour by train is not an answer either).

:func:`sensible_rail_trip` returns the router's trip when it passes. Otherwise it searches the trips of the
form *drive to a boarding station → trains, changes and walks only → drive or walk to the destination*:
for every station the origin can drive to, the rail-only part is a Dijkstra on the network without roads
(memoised per network and station), the last part a reverse Dijkstra from the destination on the
"after the train" layer; candidates are checked against the rule in order of total time (skipping paths that
return to a place they left, such as a drive to the destination's own station and a ride away and back) and
the first that passes is returned. When none passes, :class:`NoSensibleRailRoute` says why the fastest one fails.

Nothing here changes the network: the searches are kept with it (:meth:`~wuzhen_geo.model.network.Network.cached`),
and the trips are built by the model (:func:`wuzhen_geo.model.trips.trip_from_path`).
"""

from __future__ import annotations

import heapq
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

import networkx as nx

from wuzhen_geo.answers.legs_text import legs_text
from wuzhen_geo.errors import UnreachableError
from wuzhen_geo.model import Network, Origin, Point, Trip, is_after_train, origin_id, route, trip_ends, trip_from_path
from wuzhen_geo.vocabulary import format_minutes

__all__ = ["NO_SENSIBLE_RAIL", "NoSensibleRailRoute", "sensible_rail_trip"]

log = logging.getLogger(__name__)

#: How an answer that fails the rule starts, in every table and text.
NO_SENSIBLE_RAIL = "no sensible rail route"

# Candidate trips checked against the rule before giving up (ordered by total time; the rule rarely needs
# more than a handful).
_MAX_CANDIDATES = 200

# Searches on a network are kept with it: rail parts per station (a handful), and the car and last parts of
# the latest origins and destinations (a zone's five airports share its car part; every zone shares an
# airport's last part).
_RECENT_ENDS = 64


class _Searches:
    """The searches of one network (kept by :meth:`Network.cached`); values are shared: read, never change."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.rail: dict[Hashable, tuple[dict, dict]] = {}
        self.car: OrderedDict[tuple, tuple[dict, dict, dict]] = OrderedDict()
        self.last: OrderedDict[tuple, tuple[dict, dict]] = OrderedDict()

    def recent(self, table: OrderedDict, key: tuple, compute: Callable[[], Any]) -> Any:
        """``table[key]``, computed on a miss; the table keeps the ``_RECENT_ENDS`` latest keys."""
        with self.lock:
            if key in table:
                table.move_to_end(key)
                return table[key]
        value = compute()
        with self.lock:
            table[key] = value
            while len(table) > _RECENT_ENDS:
                table.popitem(last=False)
        return value


def _searches(net: Network) -> _Searches:
    return net.cached("rail_trip_searches", _Searches)


class NoSensibleRailRoute(UnreachableError):
    """No trip that rides a train passes :meth:`~wuzhen_geo.model.config.ModelConfig.rail_trip_problem`."""


def _rail_part(net: Network, station: str) -> tuple[dict, dict]:
    """Minutes and paths from a station's street (layer 0) on every edge but roads: trains, walks, exits."""
    memo = _searches(net).rail
    if station not in memo:
        g = net.graph
        view = nx.subgraph_view(g, filter_edge=lambda u, v: g.edges[u, v]["mode"] != "road")
        memo[station] = nx.single_source_dijkstra(view, station, weight="minutes")
    return memo[station]


def _last_part(net: Network, targets: list[tuple[Hashable, float, float]]) -> tuple[dict, dict]:
    """Minutes (with the target's offset) and paths from every layer-1 node to the nearest target, after the
    train: roads, walks and the airport kerb of layer 1 only. Shared: read, never change."""
    searches = _searches(net)
    return searches.recent(searches.last, tuple(targets), lambda: _search_last_part(net, targets))


def _search_last_part(net: Network, targets: list[tuple[Hashable, float, float]]) -> tuple[dict, dict]:
    g = net.graph
    rev = g.reverse(copy=False)
    view = nx.subgraph_view(
        rev,
        filter_node=is_after_train,
        filter_edge=lambda u, v: rev.edges[u, v]["mode"] in ("road", "walk", "access"),
    )
    best: dict[Hashable, float] = {}
    paths: dict[Hashable, list[Hashable]] = {}
    for node, offset, _ in targets:
        if node not in g:
            continue
        dist, path = nx.single_source_dijkstra(view, node, weight="minutes")
        for n, d in dist.items():
            if d + offset < best.get(n, float("inf")):
                best[n] = d + offset
                paths[n] = path[n][::-1]
    return best, paths


def _car_part(net: Network, sources: list[tuple[Hashable, float, float]]) -> tuple[dict, dict, dict]:
    """Minutes, paths and the source used from the origin's ends to every layer-0 node by car. Shared: read,
    never change."""
    searches = _searches(net)
    return searches.recent(searches.car, tuple(sources), lambda: _search_car_part(net, sources))


def _search_car_part(net: Network, sources: list[tuple[Hashable, float, float]]) -> tuple[dict, dict, dict]:
    g = net.graph
    view = nx.subgraph_view(g, filter_edge=lambda u, v: bool(g.edges[u, v]["car"]))
    best: dict[Hashable, float] = {}
    paths: dict[Hashable, list[Hashable]] = {}
    used: dict[Hashable, tuple[Hashable, float, float]] = {}
    for src in sources:
        dist, path = nx.single_source_dijkstra(view, src[0], weight="minutes")
        for n, d in dist.items():
            if d + src[1] < best.get(n, float("inf")):
                best[n], paths[n], used[n] = d + src[1], path[n], src
    return best, paths, used


def _revisits(net: Network, path: list[Hashable]) -> bool:
    """True when the path leaves a place and comes back to it later."""
    places: list[str] = []
    for node in path:
        place = net.graph.nodes[node]["place"]
        if not places or places[-1] != place:
            places.append(place)
    return len(places) != len(set(places))


def _moving_minutes(net: Network, path: list[Hashable], access_out: float, access_in: float
                    ) -> tuple[float, float, float] | None:
    """Train, car and after-the-last-train car minutes of a path with its access drives (None: no train).
    The sums the rail-trip rule takes over the trip's legs, taken edge by edge."""
    succ = net.graph.succ
    train, drive, final = 0.0, access_out, 0.0
    boarded = False
    for u, v in zip(path, path[1:]):
        d = succ[u][v]
        if d["leg"] == "rail":
            boarded = True
            train += d["minutes"]
            final = 0.0
        elif d["leg"] == "car":
            drive += d["minutes"]
            final += d["minutes"]
    if not boarded:
        return None
    return train, drive + access_in, final + access_in


def _clearly_fails(cfg: Any, train: float, drive: float, final: float) -> bool:
    """True when :meth:`~wuzhen_geo.model.config.ModelConfig.rail_trip_problem` must reject these sums; a margin
    leaves the near misses (sums rounded in another order) to the rule itself."""
    margin = 1e-6
    return (final > cfg.rail_max_final_drive_min + margin
            or train < cfg.rail_min_train_share * (train + drive) - margin)


def sensible_rail_trip(net: Network, origin: Origin, destination: Origin) -> Trip:
    """The fastest trip by rail that passes the configured rail-trip rule.

    Raises
    ------
    NoSensibleRailRoute
        No candidate passes, or the best takes more than ``rail_max_car_ratio`` times the drive; the message
        starts with :data:`NO_SENSIBLE_RAIL`, gives the reason and describes the trip it refers to.
    UnreachableError
        No trip rides a train at all (as :func:`wuzhen_geo.model.routing.route`).
    """
    cfg = net.config
    fastest = route(net, origin, destination, mode="rail")
    problem = cfg.rail_trip_problem(fastest.legs)
    trip = fastest if problem is None else _search(net, origin, destination)
    if trip is not None:
        try:
            car = route(net, origin, destination, mode="car").minutes
        except UnreachableError:
            car = float("inf")
        if trip.minutes <= cfg.rail_max_car_ratio * car:
            return trip
        problem = (f"the fastest rail trip takes {format_minutes(trip.minutes)}, more than "
                   f"{cfg.rail_max_car_ratio:g} x the {format_minutes(car)} drive")
        fastest = trip
    raise NoSensibleRailRoute(
        f"{NO_SENSIBLE_RAIL}: {problem} (the trip considered, {format_minutes(fastest.minutes)}: "
        f"{legs_text(fastest, net.data)})"
    )


def _search(net: Network, origin: Origin, destination: Origin) -> Trip | None:
    """The fastest drive-to-station, rail-only, drive-or-walk-on trip that passes the rule, or None."""
    cfg = net.config
    sources = trip_ends(net, origin, layer=0)
    targets = trip_ends(net, destination, layer=1)
    car_min, car_path, car_src = _car_part(net, sources)
    last_min, last_path = _last_part(net, targets)
    target_of = {t[0]: t for t in targets}
    heap: list[tuple[float, int, str, Hashable]] = []
    for b in net.boarding_stations:
        if b not in car_min:
            continue
        rail_min, _ = _rail_part(net, b)
        for a, t_last in last_min.items():
            t_rail = rail_min.get(a)
            if t_rail is not None:
                heap.append((car_min[b] + t_rail + t_last, len(heap), b, a))
    heapq.heapify(heap)
    for _ in range(min(len(heap), _MAX_CANDIDATES)):
        total, _, b, a = heapq.heappop(heap)
        _, rail_paths = _rail_part(net, b)
        path = car_path[b] + rail_paths[a][1:] + last_path[a][1:]
        src, dst = car_src[b], target_of.get(path[-1], targets[0])
        moving = _moving_minutes(net, path, src[1] if isinstance(origin, Point) else 0.0,
                                 dst[1] if isinstance(destination, Point) else 0.0)
        if moving is None:
            continue  # walked from the station without boarding
        if _clearly_fails(cfg, *moving):
            continue  # the rule would reject it: spare building its legs
        if _revisits(net, path):
            continue  # out and back (e.g. drive to the airport's own station, ride away and return)
        trip = trip_from_path(net, origin, destination, "rail", path, src, dst)
        if cfg.rail_trip_problem(trip.legs) is None:
            log.debug("sensible rail trip %s -> %s via %s/%s: %.1f min", origin_id(origin),
                      origin_id(destination), b, a, trip.minutes)
            return trip
    return None
