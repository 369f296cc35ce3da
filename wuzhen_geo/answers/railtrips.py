"""Rail answers that are rail trips: the fastest trip that passes the configured rail-trip rule.

The router's ``"rail"`` mode (:func:`wuzhen_geo.model.routing.route`) returns the fastest trip that rides at least
one train. That trip can be a car trip with a train in it: a 3 min intercity hop between two long drives, or
a 60 min drive to a far station for a short ride. A resident asking "by rail" expects the train to do most
of the work, so answers given "by rail" must pass :meth:`wuzhen_geo.model.config.ModelConfig.rail_trip_problem`
(a short drive after the last train, most of the moving time on trains), and must not take more than
``rail_max_car_ratio`` times the car trip (a long detour by train is not an answer either).

:func:`sensible_rail_trip` returns the router's trip when it passes. Otherwise it searches the trips of the
form *drive to a boarding station → trains, changes and walks only → drive or walk to the destination*:
the rail-only part from every boarding station is one SciPy Dijkstra on the network without roads (kept per
network, with the rule's sums along each path), the car part a Dijkstra from the origin, the last part a
reverse Dijkstra from the destination on the "after the train" layer. The rule's sums of every
(station, exit) candidate are added up as arrays, the candidates the rule must reject are dropped, and the
rest are checked in order of total time (skipping paths that return to a place they left, such as a drive
to the destination's own station and a ride away and back); the first that passes is returned. When none passes, :class:`NoSensibleRailRoute` says why the fastest one fails.

Nothing here changes the network: the searches are kept with it (:meth:`~wuzhen_geo.model.network.Network.cached`),
and the trips are built by the model (:func:`wuzhen_geo.model.trips.trip_from_path`).
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

import networkx as nx
import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra

from wuzhen_geo.answers.legs_text import legs_text
from wuzhen_geo.errors import UnreachableError
from wuzhen_geo.model import Network, Origin, Point, Trip, is_after_train, origin_id, route, trip_ends, trip_from_path
from wuzhen_geo.i18n import t
from wuzhen_geo.vocabulary import format_minutes

__all__ = ["NO_SENSIBLE_RAIL", "NoSensibleRailRoute", "judge_rail_trip", "sensible_rail_trip"]

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
        self.car: OrderedDict[tuple, tuple[dict, dict, dict]] = OrderedDict()
        self.last: OrderedDict[tuple, tuple[dict, dict]] = OrderedDict()
        self.drives: OrderedDict[tuple, Any] = OrderedDict()

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
    """No trip that rides a train passes :meth:`~wuzhen_geo.model.config.ModelConfig.rail_trip_problem`. The
    message is the reason in English; :meth:`text` gives it in either language."""

    def __init__(self, message: str, *, text_zh: str | None = None) -> None:
        super().__init__(message)
        self.text_zh = text_zh

    def text(self, lang: str) -> str:
        """The reason and the trip it refers to, in ``lang`` (``"zh"`` or ``"en"``)."""
        return self.text_zh if lang == "zh" and self.text_zh else str(self)


class _RailTable:
    """The rail-only part from every boarding station at once (one SciPy Dijkstra on the edges that are not
    roads: trains, walks, exits), with the sums the rail-trip rule takes along each path: minutes on trains,
    driving, driving after the last train, and whether a train was boarded. Kept per network; read only."""

    def __init__(self, net: Network) -> None:
        g = net.graph
        self.nodes = list(g.nodes)
        index = {n: i for i, n in enumerate(self.nodes)}
        n = len(self.nodes)
        edges = [(index[u], index[v], d) for u, v, d in g.edges(data=True) if d["mode"] != "road"]
        self.stations = tuple(net.boarding_stations)
        self.edge = {(i, j): (float(d["minutes"]), d["leg"], float(d.get("km") or 0.0)) for i, j, d in edges}
        matrix = csr_matrix(([float(d["minutes"]) for *_, d in edges],
                             ([i for i, _, _ in edges], [j for _, j, _ in edges])), shape=(n, n))
        sources = [index[b] for b in self.stations]
        if sources:
            dist, pred = dijkstra(matrix, directed=True, indices=sources, return_predecessors=True)
            dist, self.pred = np.atleast_2d(dist), np.atleast_2d(pred)
        else:
            dist, self.pred = np.zeros((0, n)), np.zeros((0, n), dtype=np.int32)
        after = np.array([is_after_train(x) for x in self.nodes], dtype=bool)
        cols = np.flatnonzero(after & np.isfinite(dist).any(axis=0)) if len(sources) else np.zeros(0, dtype=int)
        self.exits = [self.nodes[j] for j in cols]
        # train, drive, final drive, boarded, km on trains, first boarding, last alighting, last boarding and
        # the first ride's alighting node (-1: none), and whether the first ride has ended
        sums = np.zeros((10, len(sources), n))
        sums[5:9] = -1
        for s in range(len(sources)):
            self._sums_along_tree(s, sources[s], dist[s], sums[:, s])
        self.minutes = dist[:, cols]
        self.train, self.drive, self.final = sums[0][:, cols], sums[1][:, cols], sums[2][:, cols]
        self.boarded = sums[3][:, cols] > 0
        # the trains' circuity of each (station, exit) trip, as the rule measures it: km ridden over the
        # straight line between the first boarding and the last alighting station (at least 1 km)
        xy = np.array([(g.nodes[x].get("x", np.nan), g.nodes[x].get("y", np.nan)) for x in self.nodes] or
                      np.zeros((0, 2)), dtype=float).reshape(-1, 2)
        first, last = sums[5][:, cols].astype(int), sums[6][:, cols].astype(int)
        self.xy, self.last_board, self.last_alight = xy, sums[7][:, cols].astype(int), last
        self.first_board, self.first_alight = first, sums[8][:, cols].astype(int)
        straight = np.hypot(*(xy[first] - xy[last]).transpose(2, 0, 1)) / 1000.0 if n else first * 0.0
        self.circuity = np.where(first >= 0, sums[4][:, cols] / np.maximum(np.nan_to_num(straight, nan=1.0), 1.0), 0)
        self.cols = cols

    def _sums_along_tree(self, s: int, source: int, dist: np.ndarray, out: np.ndarray) -> None:
        """Fill ``out[:, node]`` for every node the station reaches, parents first (zero-minute edges make
        a child tie with its parent, so each node first resolves its chain of unresolved ancestors)."""
        pred = self.pred[s]
        done = np.zeros(len(dist), dtype=bool)
        done[source] = True
        for node in np.flatnonzero(np.isfinite(dist)):
            chain = []
            while not done[node]:
                chain.append(node)
                node = pred[node]
            for child in reversed(chain):
                parent = pred[child]
                minutes, leg, km = self.edge[(parent, child)]
                train, drive, final, boarded, ridden, first, last, board, first_off, first_done = out[:, parent]
                if leg == "rail":
                    train, final, boarded, ridden, last = train + minutes, 0.0, 1.0, ridden + km, child
                    first = parent if first < 0 else first
                    first_off = child if not first_done else first_off
                else:
                    first_done = first_done or boarded  # the first ride ends at the first leg off the train
                    if leg == "car":
                        drive, final = drive + minutes, final + minutes
                    elif leg == "wait":  # onto a train: the ride that follows starts here
                        board = child
                out[:, child] = (train, drive, final, boarded, ridden, first, last, board, first_off, first_done)
                done[child] = True

    def path(self, s: int, exit_index: int) -> list[Hashable]:
        """The rail-only path from station ``s`` to exit ``exit_index``."""
        pred = self.pred[s]
        node = int(self.cols[exit_index])
        out = [node]
        while pred[node] >= 0:
            node = int(pred[node])
            out.append(node)
        return [self.nodes[i] for i in reversed(out)]


def _rail_table(net: Network) -> _RailTable:
    return net.cached("rail_trip_table", lambda: _RailTable(net))


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
    """Minutes, paths and the source used from the origin's ends to every layer-0 node by car (and on foot
    between places). Shared: read, never change."""
    searches = _searches(net)
    return searches.recent(searches.car, tuple(sources), lambda: _search_car_part(net, sources))


def _search_car_part(net: Network, sources: list[tuple[Hashable, float, float]]) -> tuple[dict, dict, dict]:
    g = net.graph
    # driving, and walks between places before any train (an airport's metro station is a walk away): as the
    # router's trips go; only the driving counts as drive in the rule
    view = nx.subgraph_view(g, filter_edge=lambda u, v: bool(g.edges[u, v]["car"])
                            or g.edges[u, v]["mode"] == "walk")
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


def sensible_rail_trip(net: Network, origin: Origin, destination: Origin) -> Trip:
    """The fastest trip by rail that passes the configured rail-trip rule.

    Routes the pair and applies :func:`judge_rail_trip`. Every view asks
    :func:`wuzhen_geo.answers.trip_answers.trip_answer` (``mode="rail"``) instead, which applies the same rule to
    the same routed trips and keeps the answers with the network.

    Raises
    ------
    NoSensibleRailRoute
        No candidate passes, or the best takes more than ``rail_max_car_ratio`` times the drive; the message
        starts with :data:`NO_SENSIBLE_RAIL`, gives the reason and describes the trip it refers to.
    UnreachableError
        No trip rides a train at all (as :func:`wuzhen_geo.model.routing.route`).
    """
    fastest = route(net, origin, destination, mode="rail")
    try:
        car = route(net, origin, destination, mode="car").minutes
    except UnreachableError:
        car = float("inf")
    return judge_rail_trip(net, origin, destination, fastest, car)


def judge_rail_trip(net: Network, origin: Origin, destination: Origin, fastest: Trip, car_minutes: float) -> Trip:
    """The rail answer given the router's fastest trip riding a train and the car trip's minutes.

    ``fastest`` is returned when it passes :meth:`~wuzhen_geo.model.config.ModelConfig.rail_trip_problem`
    (most do); otherwise the fastest drive-to-station, rail-only, drive-or-walk-on trip that passes. Either
    must take at most ``rail_max_car_ratio`` times ``car_minutes`` (``inf`` when there is no car trip).

    Raises
    ------
    NoSensibleRailRoute
        As :func:`sensible_rail_trip`.
    """
    cfg = net.config
    trip = fastest if cfg.rail_trip_problem(fastest.legs) is None else _search(net, origin, destination)
    if trip is not None and trip.minutes <= cfg.rail_max_car_ratio * car_minutes:
        return trip

    def why(lang: str) -> str:  # the reason in words, with the trip it refers to
        if trip is not None:
            problem = t("rail_car_ratio", lang, rail=format_minutes(trip.minutes, lang), k=f"{cfg.rail_max_car_ratio:g}",
                        car=format_minutes(car_minutes, lang))
        else:
            problem = cfg.rail_trip_problem(fastest.legs, lang)
        considered = trip if trip is not None else fastest
        return t("rail_considered", lang, why=f"{t('no_rail_route', lang)}{'：' if lang == 'zh' else ': '}{problem}",
                 minutes=format_minutes(considered.minutes, lang), legs=legs_text(considered, net.data, lang=lang))

    raise NoSensibleRailRoute(why("en"), text_zh=why("zh"))


class _Candidates:
    """Every (boarding station, exit) trip of an origin and destination: ``total`` minutes and the rule's sums
    ``train``, ``drive``, ``final`` and ``boarded`` as arrays (stations × exits), and how to build its path."""

    def __init__(self, net: Network, origin: Origin, destination: Origin) -> None:
        self.table = table = _rail_table(net)
        sources = trip_ends(net, origin, layer=0)
        self.targets = targets = trip_ends(net, destination, layer=1)
        _, self.car_path, self.car_src = _car_part(net, sources)
        last_min, self.last_path = last_min, last_path = _last_part(net, targets)
        self.target_of = target_of = {t[0]: t for t in targets}
        inf = float("inf")
        searches = _searches(net)
        # minutes to each station and from each exit, and the driving in them (with a point's access drive)
        to_station, out_drive = origin_drives(net, origin, sources)
        from_exit, in_drive = searches.recent(searches.drives, ("last", tuple(targets)), lambda: (
            np.array([last_min.get(a, inf) for a in table.exits]),
            np.array([(target_of[last_path[a][-1]][1] if isinstance(destination, Point) else 0.0)
                      + _car_minutes(net, last_path[a]) if a in last_min else 0.0 for a in table.exits])))
        self.total = to_station[:, None] + table.minutes + from_exit[None, :]
        self.train, self.boarded = table.train, table.boarded
        self.drive = out_drive[:, None] + table.drive + in_drive[None, :]
        self.final = table.final + in_drive[None, :]

    def order(self, keep: np.ndarray) -> list[tuple[int, int]]:
        """``(station, exit)`` indices where ``keep``, fastest first."""
        flat = np.flatnonzero(keep.ravel())
        flat = flat[np.argsort(self.total.ravel()[flat], kind="stable")]
        return [(int(s), int(k)) for s, k in zip(*np.divmod(flat, max(len(self.table.exits), 1)))]

    def path(self, s: int, k: int) -> tuple[list[Hashable], Any, Any]:
        """The path of candidate ``(s, k)`` with the origin end and destination end it uses."""
        b, a = self.table.stations[s], self.table.exits[k]
        path = self.car_path[b] + self.table.path(s, k)[1:] + self.last_path[a][1:]
        return path, self.car_src[b], self.target_of.get(path[-1], self.targets[0])


def origin_drives(net: Network, origin: Origin, sources: list[tuple[Hashable, float, float]]
                  ) -> tuple[np.ndarray, np.ndarray]:
    """Minutes by car from the origin's ends to every boarding station of the rail table, and the driving in
    them (with a point's access drive), as arrays in the table's station order. Shared: read, never change."""
    table, searches, inf = _rail_table(net), _searches(net), float("inf")
    car_min, car_path, car_src = _car_part(net, sources)
    return searches.recent(searches.drives, ("car", tuple(sources)), lambda: (
        np.array([car_min.get(b, inf) for b in table.stations]),
        np.array([(car_src[b][1] if isinstance(origin, Point) else 0.0) + _car_minutes(net, car_path[b])
                  if b in car_min else 0.0 for b in table.stations])))


def _search(net: Network, origin: Origin, destination: Origin) -> Trip | None:
    """The fastest drive-to-station, rail-only, drive-or-walk-on trip that passes the rule, or None.

    Every (boarding station, exit) pair is one candidate: its minutes and the rule's sums (train, drive,
    drive after the last train) are added up as arrays, so that the candidates the rule must reject are
    dropped before any path is built; the rest are checked in order of total time."""
    cfg = net.config
    table = _rail_table(net)
    if not table.exits or not table.stations:
        return None
    cands = _Candidates(net, origin, destination)
    with np.errstate(invalid="ignore"):
        keep = np.isfinite(cands.total) & cands.boarded & ~_fails(cfg, cands.train, cands.drive, cands.final)
    for s, k in cands.order(keep)[:_MAX_CANDIDATES]:
        path, src, dst = cands.path(s, k)
        if _revisits(net, path):
            continue  # out and back (e.g. drive to the airport's own station, ride away and return)
        trip = trip_from_path(net, origin, destination, "rail", path, src, dst)
        if cfg.rail_trip_problem(trip.legs) is None:
            log.debug("sensible rail trip %s -> %s via %s/%s: %.1f min", origin_id(origin),
                      origin_id(destination), table.stations[s], table.exits[k], trip.minutes)
            return trip
    return None


def _car_minutes(net: Network, path: list[Hashable]) -> float:
    """Minutes of the driving edges of a path."""
    succ = net.graph.succ
    return sum(succ[u][v]["minutes"] for u, v in zip(path, path[1:]) if succ[u][v]["leg"] == "car")


def _fails(cfg: Any, train: np.ndarray, drive: np.ndarray, final: np.ndarray) -> np.ndarray:
    """True where :meth:`~wuzhen_geo.model.config.ModelConfig.rail_trip_problem` must reject these sums (arrays of
    train, drive and after-the-last-train drive minutes); a margin leaves the near misses (sums rounded in
    another order) to the rule itself."""
    margin = 1e-6
    return (final > cfg.rail_max_final_drive_min + margin) | (train < cfg.rail_min_train_share * (train + drive)
                                                              - margin)
