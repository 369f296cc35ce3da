"""Routes with legs, one-to-all times and travel-time matrices on a :class:`~wuzhen_geo.model.network.Network`.

Origins and destinations are a place id, a zone id (its ``access`` place) or a :class:`Point` (WGS-84). A
point is joined, per query and without touching the graph, to the ``access_k`` nearest road nodes at the
access speed times the detour factor (:class:`~wuzhen_geo.model.config.ModelConfig`).

Modes:

* ``"car"``: road edges of layer 0 only (plus the airport kerb time);
* ``"rail"``: at least one train ride, reaching the destination in layer 1 (access and egress by road or on
  foot). The two-layer graph enforces the ride, so plain Dijkstra is exact;
* ``"best"``: the faster of the two.

:func:`route` finds the path and rebuilds it into :class:`Leg` objects (consecutive edges of one mode and
line merged; all driving merged into one car leg); the :class:`Trip` also lists every link and place of the
path (``link_ids``, ``place_ids``). :func:`routes` gives the same trips from one origin to many destinations
from one shortest-path tree per mode. The leg of each graph edge is built once per network (a memo in this
module, not on the shared Network). :func:`route`, :func:`one_to_all` and
:func:`travel_time_matrix` use the CSR fast path (:mod:`wuzhen_geo.model._fastpath`) by default; pass
``engine="networkx"`` for the plain NetworkX computation of the same numbers (tested equal).
"""

from __future__ import annotations

import difflib
import logging
import math
import threading
import weakref
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Union

import networkx as nx
import numpy as np
import pandas as pd
from shapely.geometry import LineString, mapping

from wuzhen_geo.model.coords import Point
from wuzhen_geo.errors import UnknownPlaceError, UnreachableError
from wuzhen_geo.model.network import Network, layer1, node_place

__all__ = [
    "Leg",
    "Origin",
    "Point",
    "Trip",
    "one_to_all",
    "route",
    "routes",
    "travel_time_matrix",
]

log = logging.getLogger(__name__)

Mode = Literal["car", "rail", "best"]
Engine = Literal["fast", "networkx"]
MODES: tuple[str, ...] = ("car", "rail", "best")




Origin = Union[str, Point]


@dataclass(frozen=True)
class Leg:
    """One part of a trip: a drive, a train ride, a walk, a wait or a station check."""

    mode: str  # car / rail / walk / wait / processing
    from_id: str
    from_name: str
    to_id: str
    to_name: str
    line_id: str | None
    line_name: str | None
    minutes: float
    km: float
    from_name_zh: str = ""
    to_name_zh: str = ""
    line_name_zh: str | None = None
    coords: tuple[tuple[float, float], ...] = field(default=(), repr=False)

    @property
    def geometry(self) -> LineString | None:
        return LineString(self.coords) if len(self.coords) >= 2 else None

    def describe(self, lang: str = "en") -> str:
        """Short text such as ``rail 17 min (Shanghai-Hangzhou HSR)``."""
        name = self.line_name_zh if lang == "zh" else self.line_name
        return f"{self.mode} {self.minutes:.0f} min" + (f" ({name})" if name else "")


@dataclass(frozen=True)
class Trip:
    """A route: total ``minutes`` and ``km``, the ``mode`` it used (car/rail) and its ``legs``.

    ``origin`` and ``destination`` are the ids asked for (a point as ``"lat,lon"``); ``legs`` is a tuple of
    :class:`Leg`; ``geometry`` is the whole trip as one WGS-84 LineString.

    ``link_ids`` are the ids of the links the trip uses, in order, each run of one link once; it includes the
    road links that :func:`route` merges into one drive leg (a connector joining a stop drawn by a scenario
    edit appears as ``"<edit id>__access"``). ``place_ids`` are the places it passes through, in order (not
    a clicked point). :attr:`feature_ids` is both as a set: what a scenario comparison looks for.
    """

    origin: str
    destination: str
    mode: str
    minutes: float
    km: float
    legs: tuple[Leg, ...]
    link_ids: tuple[str, ...] = ()
    place_ids: tuple[str, ...] = ()

    @property
    def feature_ids(self) -> frozenset[str]:
        """Every link and place the trip uses (:attr:`link_ids` and :attr:`place_ids`)."""
        return frozenset(self.link_ids) | frozenset(self.place_ids)

    @property
    def geometry(self) -> LineString:
        """The whole trip as one WGS-84 line (legs without a shape are skipped)."""
        coords: list[tuple[float, float]] = []
        for leg in self.legs:
            for c in leg.coords:
                if not coords or coords[-1] != c:
                    coords.append(c)
        if len(coords) < 2:  # a trip that goes nowhere (origin == destination) has an empty shape
            return LineString()
        return LineString(coords)

    def legs_text(self, lang: str = "en") -> str:
        return " → ".join(leg.describe(lang) for leg in self.legs)

    def to_geojson(self) -> dict[str, Any]:
        """A GeoJSON FeatureCollection with one LineString feature per leg that has a shape."""
        feats = []
        for i, leg in enumerate(self.legs):
            geom = leg.geometry
            if geom is None:
                continue
            props = {
                "seq": i, "mode": leg.mode, "from_id": leg.from_id, "from_name": leg.from_name,
                "to_id": leg.to_id, "to_name": leg.to_name, "line_id": leg.line_id, "line_name": leg.line_name,
                "minutes": round(leg.minutes, 2), "km": round(leg.km, 3),
            }
            feats.append({"type": "Feature", "properties": props, "geometry": mapping(geom)})
        return {
            "type": "FeatureCollection",
            "properties": {"origin": self.origin, "destination": self.destination, "mode": self.mode,
                           "minutes": round(self.minutes, 2), "km": round(self.km, 3)},
            "features": feats,
        }


# ------------------------------------------------------------------------------------------ end points


def _check_mode(mode: str) -> None:
    if mode not in MODES:
        raise ValueError(f"mode {mode!r}: use 'car', 'rail' or 'best'")


def _place_of(net: Network, ref: str) -> str:
    if ref in net.names and ref in net.graph:
        return ref
    places = net.data.places
    if ref in places.index:  # a real place that this scenario does not include
        row = places.loc[ref]
        raise UnreachableError(
            f"{ref} ({row.get('status')}, open_year {row.get('open_year')}) is not in scenario "
            f"{net.scenario.name!r}; pick a later year or switch its project on"
        )
    zones = net.data.zones
    if ref in zones.index and "access" in zones.columns:
        access = zones.at[ref, "access"]
        if access in net.graph:
            return str(access)
        raise UnreachableError(f"zone {ref}: its access place {access!r} is not in scenario {net.scenario.name!r}")
    known = list(net.names) + list(zones.index)
    raise UnknownPlaceError(ref, difflib.get_close_matches(ref, known, n=3, cutoff=0.6))


def _label(ref: Origin) -> str:
    return ref.label if isinstance(ref, Point) else str(ref)


def _ends(net: Network, ref: Origin, *, layer: int) -> list[tuple[Hashable, float, float]]:
    """``(node, minutes, metres)`` where a trip may start (layer 0) or end (layer 0 or 1)."""
    if isinstance(ref, Point):
        near = net.nearest_road_nodes(ref.lon, ref.lat)
        if not near:
            raise UnreachableError(f"no road node to join {ref.label} to")
        return [(_in_layer(n, layer), net.access_minutes(m), m) for n, m in near]
    pid = _place_of(net, ref)
    return [(pid if layer == 0 else layer1(pid), 0.0, 0.0)]


def _in_layer(node: Hashable, layer: int) -> Hashable:
    if isinstance(node, str):
        return node if layer == 0 else layer1(node)
    if node[0] == "kerb":
        return ("kerb", layer, node[2])
    raise ValueError(f"{node!r} is not a road node")


def _car_weight(u: Hashable, v: Hashable, d: dict[str, Any]) -> float | None:
    return d["minutes"] if d["car"] else None  # None hides the edge from NetworkX


# ---------------------------------------------------------------------------------------------- routes


def _best_path(net: Network, sources: list[tuple[Hashable, float, float]],
               targets: list[tuple[Hashable, float, float]], car: bool, engine: Engine = "fast"
               ) -> tuple[float, list[Hashable], tuple[Hashable, float, float], tuple[Hashable, float, float]]:
    """Fastest path between end sets (with offsets): ``(minutes, nodes, source, target)``."""
    if engine == "fast":
        found = net.fast().best_path([(s, o) for s, o, _ in sources], [(t, o) for t, o, _ in targets], car=car)
        if found is None:
            raise UnreachableError("no path")
        total, path, i, j = found
        return total, path, sources[i], targets[j]
    weight: Any = _car_weight if car else "minutes"
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
    _check_mode(mode)
    if mode == "best":
        _ends(net, origin, layer=0)  # unknown or out-of-scenario ends raise their own error, not "unreachable"
        _ends(net, destination, layer=0)
        trips = []
        for m in ("car", "rail"):
            try:
                trips.append(route(net, origin, destination, mode=m, engine=engine))  # type: ignore[arg-type]
            except UnreachableError:
                pass
        if not trips:
            raise UnreachableError(
                f"{_label(origin)} -> {_label(destination)}: unreachable by car and by rail in scenario "
                f"{net.scenario.name!r}"
            )
        return min(trips, key=lambda t: t.minutes)
    sources = _ends(net, origin, layer=0)
    targets = _ends(net, destination, layer=0 if mode == "car" else 1)
    try:
        total, path, src, dst = _best_path(net, sources, targets, car=mode == "car", engine=engine)
    except UnreachableError:
        raise UnreachableError(
            f"{_label(origin)} -> {_label(destination)}: unreachable by {mode} in scenario {net.scenario.name!r}"
        ) from None
    return _trip_from_path(net, origin, destination, mode, total, path, src, dst)


def routes(net: Network, origin: Origin, destinations: Iterable[Origin], *, mode: Mode = "best",
           engine: Engine = "fast") -> dict[str, Trip]:
    """The fastest trips from one origin to many destinations, by destination label.

    Each trip is the one :func:`route` returns for that pair, but one shortest-path tree per mode (a single
    SciPy Dijkstra with predecessors) serves every destination. Destinations unreachable for the mode, or
    absent from the scenario, are left out of the result; an unknown id raises ``UnknownPlaceError``, and an
    origin that cannot start a trip raises like :func:`route`.
    """
    _check_mode(mode)
    dests = list(destinations)
    sources = _ends(net, origin, layer=0)
    if mode == "best":
        by_mode = [routes(net, origin, dests, mode=m, engine=engine) for m in ("car", "rail")]  # type: ignore[arg-type]
        out: dict[str, Trip] = {}
        for label in dict.fromkeys(_label(d) for d in dests):
            found = [trips[label] for trips in by_mode if label in trips]
            if found:
                out[label] = min(found, key=lambda t: t.minutes)  # car first on a tie, as route() does
        return out
    out = {}
    if engine != "fast":
        for d in dests:
            try:
                out[_label(d)] = route(net, origin, d, mode=mode, engine=engine)
            except UnreachableError:
                pass
        return out
    car = mode == "car"
    fp = net.fast()
    pairs = [(s, o) for s, o, _ in sources]
    tree = fp.shortest_tree(pairs, car=car)
    for d in dests:
        try:
            targets = _ends(net, d, layer=0 if car else 1)
        except UnreachableError:
            continue
        found = fp.path_in_tree(tree, pairs, [(t, o) for t, o, _ in targets])
        if found is not None:
            total, path, i, j = found
            out[_label(d)] = _trip_from_path(net, origin, d, mode, total, path, sources[i], targets[j])
    return out


def _trip_from_path(net: Network, origin: Origin, destination: Origin, mode: str, total: float,
                    path: Sequence[Hashable], src: tuple[Hashable, float, float], dst: tuple[Hashable, float, float]
                    ) -> Trip:
    legs = _legs(net, path)
    if isinstance(origin, Point):
        legs.insert(0, _access_leg(net, origin, src, outbound=True))
    if isinstance(destination, Point):
        legs.append(_access_leg(net, destination, dst, outbound=False))
    legs = _merge(legs)
    link_ids, place_ids = _path_ids(net, path)
    return Trip(origin=_label(origin), destination=_label(destination), mode=mode, minutes=total,
                km=sum(leg.km for leg in legs), legs=tuple(legs), link_ids=link_ids, place_ids=place_ids)


def _path_ids(net: Network, path: Sequence[Hashable]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Link ids of the path's edges and place ids of its nodes, in order, consecutive repeats dropped."""
    g = net.graph
    links: list[str] = []
    for u, v in zip(path, path[1:]):
        link = g.edges[u, v].get("link_id")
        if link and (not links or links[-1] != link):
            links.append(str(link))
    places: list[str] = []
    for node in path:
        place = g.nodes[node].get("place")
        if place and (not places or places[-1] != place):
            places.append(str(place))
    return tuple(links), tuple(places)


def _access_leg(net: Network, pt: Point, end: tuple[Hashable, float, float], *, outbound: bool) -> Leg:
    pid = node_place(end[0])
    here = (pt.lon, pt.lat)
    there = net.lonlat[pid]
    a_id, a_name, a_zh, b_id, b_name, b_zh = pt.label, pt.label, pt.label, pid, net.name(pid), net.name(pid, "zh")
    coords = (here, there)
    if not outbound:
        a_id, a_name, a_zh, b_id, b_name, b_zh = b_id, b_name, b_zh, a_id, a_name, a_zh
        coords = (there, here)
    km = end[2] * net.config.access_detour_factor / 1000.0
    return Leg("car", a_id, a_name, b_id, b_name, None, "local access", end[1], km, a_zh, b_zh, "本地道路", coords)


# Legs of single edges, per network: a Leg depends only on its edge, so each is built once. Kept here, not
# on the shared Network object; values are immutable, and a lost race only builds the same Leg twice.
_EDGE_LEGS: weakref.WeakKeyDictionary[Network, dict[tuple[Hashable, Hashable], Leg | None]] = (
    weakref.WeakKeyDictionary()
)
_EDGE_LEGS_LOCK = threading.Lock()


def _edge_legs(net: Network) -> dict[tuple[Hashable, Hashable], Leg | None]:
    with _EDGE_LEGS_LOCK:  # a WeakKeyDictionary may drop entries of dead networks at any time
        return _EDGE_LEGS.setdefault(net, {})


def _edge_leg(net: Network, u: Hashable, v: Hashable) -> Leg | None:
    """The leg of one edge (None for a zero-time step such as alighting)."""
    g = net.graph
    d = g.succ[u][v]
    if d["leg"] is None:
        return None
    a, b = g.nodes[u]["place"], g.nodes[v]["place"]
    line = d.get("line")
    zh, en = g.graph.get("link_names", {}).get(line, (None, None))
    if d["leg"] == "walk" and line == "station_exit":
        zh, en = "出站", "station exit"
    elif d["leg"] == "walk" and line == "airport_kerb":
        zh, en = "落客/停车", "drop-off / car park"
    elif d["leg"] == "processing":
        zh, en = "安检进站", "ticket and security check"
    elif d["leg"] == "wait":
        zh, en = (f"候车 {zh}" if zh else "候车"), (f"wait for {en}" if en else "wait")
    return Leg(
        mode=d["leg"], from_id=a, from_name=net.name(a), to_id=b, to_name=net.name(b),
        line_id=d.get("link_id"), line_name=en, minutes=float(d["minutes"]), km=float(d["km"]),
        from_name_zh=net.name(a, "zh"), to_name_zh=net.name(b, "zh"), line_name_zh=zh,
        coords=tuple(tuple(c) for c in d.get("coords", ())),
    )


def _legs(net: Network, path: Sequence[Hashable]) -> list[Leg]:
    """One leg per edge of ``path`` that takes part in a trip (zero-time steps left out)."""
    memo = _edge_legs(net)
    legs: list[Leg] = []
    for u, v in zip(path, path[1:]):
        try:
            leg = memo[u, v]
        except KeyError:
            leg = memo.setdefault((u, v), _edge_leg(net, u, v))
        if leg is not None:
            legs.append(leg)
    return legs


def _merge(legs: list[Leg]) -> list[Leg]:
    """Merge consecutive legs of one mode and line; all consecutive driving becomes one car leg."""
    out: list[Leg] = []
    i = 0
    while i < len(legs):
        first = legs[i]
        j = i + 1
        while j < len(legs) and legs[j].mode == first.mode and (first.mode == "car"
                                                                 or legs[j].line_id == legs[j - 1].line_id):
            j += 1
        if j == i + 1:
            out.append(first)
            i = j
            continue
        # Fold the run leg by leg, in order, so that sums and names come out as merging pairwise would.
        line_id, line_name, line_zh = first.line_id, first.line_name, first.line_name_zh
        minutes, km, coords = first.minutes, first.km, list(first.coords)
        for leg in legs[i + 1 : j]:
            if leg.mode == "car" and leg.line_name and leg.line_name not in (line_name or "").split(" / "):
                line_name = f"{line_name} / {leg.line_name}" if line_name else leg.line_name
                line_zh = f"{line_zh} / {leg.line_name_zh}" if line_zh else leg.line_name_zh
            line_id = line_id if line_id == leg.line_id else None
            minutes += leg.minutes
            km += leg.km
            coords.extend(leg.coords[1:] if coords and leg.coords[:1] == (coords[-1],) else leg.coords)
        last = legs[j - 1]
        out.append(Leg(
            mode=first.mode, from_id=first.from_id, from_name=first.from_name, to_id=last.to_id,
            to_name=last.to_name, line_id=line_id, line_name=line_name, minutes=minutes, km=km,
            from_name_zh=first.from_name_zh, to_name_zh=last.to_name_zh, line_name_zh=line_zh,
            coords=tuple(coords),
        ))
        i = j
    return out


# ------------------------------------------------------------------------------------ many-to-many times


def _node_times_fast(net: Network, sources: list[tuple[Hashable, float, float]], mode: str,
                     nodes: list[Hashable]) -> np.ndarray:
    """Minutes to each layer-0 end node (car) or its layer-1 twin (rail), the minimum of both for best."""
    fp = net.fast()
    pairs = [(s, o) for s, o, _ in sources]
    out = np.full(len(nodes), np.inf)
    if mode in ("car", "best"):
        out = np.minimum(out, fp.from_sources(pairs, car=True)[fp.rows(nodes)])
    if mode in ("rail", "best"):
        out = np.minimum(out, fp.from_sources(pairs, car=False)[fp.rows([_in_layer(n, 1) for n in nodes])])
    return out


def _node_times_nx(net: Network, sources: list[tuple[Hashable, float, float]], mode: str,
                   nodes: list[Hashable]) -> np.ndarray:
    """The same numbers as :func:`_node_times_fast`, from NetworkX's Dijkstra (the reference)."""
    out = np.full(len(nodes), np.inf)
    for s, offset, _ in sources:
        if mode in ("car", "best"):
            d = nx.single_source_dijkstra_path_length(net.graph, s, weight=_car_weight)
            out = np.minimum(out, [offset + d.get(n, math.inf) for n in nodes])
        if mode in ("rail", "best"):
            d = nx.single_source_dijkstra_path_length(net.graph, s, weight="minutes")
            out = np.minimum(out, [offset + d.get(_in_layer(n, 1), math.inf) for n in nodes])
    return out


def one_to_all(net: Network, origin: Origin, *, mode: Mode = "best", engine: Engine = "fast") -> pd.Series:
    """Minutes from ``origin`` to every place of the network (``inf`` when unreachable), by place id."""
    _check_mode(mode)
    place_ids = net.place_ids
    sources = _ends(net, origin, layer=0)
    fn = _node_times_fast if engine == "fast" else _node_times_nx
    return pd.Series(fn(net, sources, mode, place_ids), index=pd.Index(place_ids, name="to_id"), name="minutes")


def travel_time_matrix(net: Network, origins: Iterable[Origin], destinations: Iterable[Origin] | None = None,
                       *, mode: Mode = "best", engine: Engine = "fast") -> pd.DataFrame:
    """Long table ``from_id, to_id, mode, minutes`` for every origin x destination (all places by default).

    Zones resolve to their access place; points join the network as in :func:`route` (a destination point
    is reached from its nearest road nodes).
    """
    _check_mode(mode)
    origins = list(origins)
    dests = list(destinations) if destinations is not None else net.place_ids
    # every node a destination may be reached at, with its extra minutes
    dest_ends = [_ends(net, d, layer=0) for d in dests]
    needed = sorted({n for ends in dest_ends for n, _, _ in ends}, key=str)
    col = {n: i for i, n in enumerate(needed)}
    # flattened (destination, end node, extra minutes): a destination's time is the min over its ends
    flat_col = np.array([col[n] for ends in dest_ends for n, _, _ in ends], dtype=np.int64)
    flat_extra = np.array([x for ends in dest_ends for _, x, _ in ends], dtype=float)
    starts = np.cumsum([0] + [len(ends) for ends in dest_ends[:-1]]).astype(np.int64)
    to_ids = [_label(d) for d in dests]
    origin_ends = [_ends(net, o, layer=0) for o in origins]
    if engine == "fast":
        times = _batch_times_fast(net, origin_ends, mode, needed)
    else:
        times = np.vstack([_node_times_nx(net, ends, mode, needed) for ends in origin_ends]) if origins else None
    if not origins:
        return pd.DataFrame({"from_id": [], "to_id": [], "mode": [], "minutes": []})
    if len(dests):
        minutes = np.minimum.reduceat(times[:, flat_col] + flat_extra[None, :], starts, axis=1)
    else:
        minutes = np.zeros((len(origins), 0))
    return pd.DataFrame({
        "from_id": np.repeat(np.array([_label(o) for o in origins], dtype=object), len(dests)),
        "to_id": np.tile(np.array(to_ids, dtype=object), len(origins)),
        "mode": mode,
        "minutes": minutes.ravel(),
    })


def _batch_times_fast(net: Network, origin_ends: list[list[tuple[Hashable, float, float]]], mode: str,
                      nodes: list[Hashable]) -> np.ndarray:
    """Rows of :func:`_node_times_fast` for many origins; single-node origins share one SciPy call."""
    out = np.full((len(origin_ends), len(nodes)), np.inf)
    simple = [i for i, ends in enumerate(origin_ends) if len(ends) == 1 and ends[0][1] == 0]
    if simple:
        fp = net.fast()
        srcs = [origin_ends[i][0][0] for i in simple]
        block = np.full((len(simple), len(nodes)), np.inf)
        if mode in ("car", "best"):
            block = np.minimum(block, fp.distances(srcs, car=True)[:, fp.rows(nodes)])
        if mode in ("rail", "best"):
            block = np.minimum(block, fp.distances(srcs, car=False)[:, fp.rows([_in_layer(n, 1) for n in nodes])])
        out[simple] = block
    done = set(simple)
    for i, ends in enumerate(origin_ends):
        if i not in done:  # points: several start nodes with offsets
            out[i] = _node_times_fast(net, ends, mode, nodes)
    return out
