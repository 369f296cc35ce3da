"""How :func:`wuzhen_geo.model.network.build_network` turns a scenario's active features into the graph.

Private to the model. :func:`build_graph` adds the places (an airport with its kerbs), the links (roads in every
layer, walks, rail and coach services with gates, boarding, runs, dwells and alighting; see
:mod:`wuzhen_geo.model.nodes`), the links drawn by scenario edits (a drawn stop joined to the nearest road nodes)
and the station exits, and returns the graph with what the :class:`~wuzhen_geo.model.network.Network` keeps.

It builds the features as they run (:func:`~wuzhen_geo.model.running.features_as_run`: service readings,
patterns of a track), the same set the maps draw, and adds a link's ``approach_min`` to its runs. It is the one
place that applies the departure period (``ModelConfig.depart``) to the congestion cores, and the one that
builds scheduled coaches (a third layer of the graph, see :mod:`wuzhen_geo.model.nodes`).
"""

from __future__ import annotations

import logging
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np
import shapely
from pyproj import Transformer
from scipy.spatial import cKDTree
from shapely.geometry import LineString
from shapely.ops import substring

from wuzhen_geo.data.io import GeoData
from wuzhen_geo.errors import ScenarioError
from wuzhen_geo.model.config import ModelConfig
from wuzhen_geo.model.nodes import in_layer, kerb, node_place
from wuzhen_geo.model.scenarios import ActiveFeatures, Scenario
from wuzhen_geo.model._services import approach_minutes, stop_kilometres
from wuzhen_geo.model.running import features_as_run
from wuzhen_geo.vocabulary import METRIC_CRS

__all__ = ["TO_METRIC", "TO_WGS84", "BuiltGraph", "build_graph"]

log = logging.getLogger(__name__)

#: WGS-84 to the metric CRS lengths are measured in, and back.
TO_METRIC = Transformer.from_crs("EPSG:4326", METRIC_CRS, always_xy=True)
TO_WGS84 = Transformer.from_crs(METRIC_CRS, "EPSG:4326", always_xy=True)


@dataclass(frozen=True)
class BuiltGraph:
    """The graph of a scenario and what a network keeps beside it (see :class:`~wuzhen_geo.model.network.Network`)."""

    graph: nx.DiGraph
    active: ActiveFeatures
    names: dict[str, tuple[str, str]]
    lonlat: dict[str, tuple[float, float]]
    road_nodes: tuple[Hashable, ...]
    tree: Any
    place_ids: tuple[str, ...]


def build_graph(data: GeoData, scenario: Scenario, config: ModelConfig) -> BuiltGraph:
    """The travel-time graph of ``scenario`` on ``data`` (only read)."""
    b = _Builder(data, scenario, config)
    b.places()
    b.links()
    b.added()
    b.egress()
    return b.finish()


class _Builder:
    def __init__(self, data: GeoData, scenario: Scenario, config: ModelConfig):
        self.data, self.scenario, self.config = data, scenario, config
        self.active = features_as_run(data, scenario, config)
        self.g = nx.DiGraph(crs=METRIC_CRS, scenario=scenario.name)
        self.names: dict[str, tuple[str, str]] = {}
        self.lonlat: dict[str, tuple[float, float]] = {}
        self.xy: dict[str, tuple[float, float]] = {}
        self.kind: dict[str, str] = {}
        self.station_class: dict[str, str] = {}
        self.services_at: dict[str, set[str]] = {}
        self.cores = _congestion_cores(data, config)
        modes = data.links["mode"].reindex(sorted(self.active.links)) if len(data.links) else []
        self.layers: tuple[int, ...] = (0, 1, 2) if any(m == "coach" for m in modes) else (0, 1)  # 2: after a coach

    # -- nodes
    def add_place(self, pid: str, lon: float, lat: float, zh: str, en: str, kind: str, cls: Any = None) -> None:
        x, y = TO_METRIC.transform(lon, lat)
        self.names[pid], self.lonlat[pid], self.xy[pid], self.kind[pid] = (zh, en), (lon, lat), (x, y), kind
        if isinstance(cls, str):
            self.station_class[pid] = cls
        for layer in self.layers:
            self.g.add_node(in_layer(pid, layer), place=pid, x=x, y=y)
        if kind == "airport":
            for layer in self.layers:
                self.g.add_node(kerb(layer, pid), place=pid, x=x, y=y)

    def node(self, node: Hashable, pid: str) -> Hashable:
        if node not in self.g:
            x, y = self.xy[pid]
            self.g.add_node(node, place=pid, x=x, y=y)
        return node

    def edge(self, u: Hashable, v: Hashable, **attrs: Any) -> None:
        old = self.g.get_edge_data(u, v)
        if old is not None and old["minutes"] <= attrs["minutes"]:
            return  # two links between the same nodes: keep the faster
        self.g.add_edge(u, v, **attrs)

    def road_end(self, pid: str, layer: int) -> Hashable:
        if self.kind.get(pid) == "airport":
            return kerb(layer, pid)
        return in_layer(pid, layer)

    def street(self, pid: str, layer: int) -> Hashable:
        return in_layer(pid, layer)

    # -- build
    def places(self) -> None:
        p = self.data.places
        for pid in sorted(self.active.places):
            row = p.loc[pid]
            self.add_place(pid, row.geometry.x, row.geometry.y, str(row.get("name_zh", pid)),
                           str(row.get("name_en", pid)), str(row.get("kind", "")), row.get("station_class"))
        car = self.config.airport_car_min
        for pid, kind in self.kind.items():
            if kind == "airport":
                for layer in self.layers:
                    common = dict(minutes=car, km=0.0, mode="access", link_id=None, leg="walk",
                                  line="airport_kerb", car=layer == 0)
                    self.edge(kerb(layer, pid), self.street(pid, layer), **common)
                    self.edge(self.street(pid, layer), kerb(layer, pid), **common)

    def links(self) -> None:
        links = self.data.links
        for lid in sorted(self.active.links):
            row = links.loc[lid]
            nodes = [n for n in row["nodes"]]
            missing = [n for n in nodes if n not in self.xy]
            if missing:  # only possible when a scenario switches a place off but keeps a link through it
                log.warning("link %s skipped: its node(s) %s are not active in scenario %s",
                            lid, missing, self.scenario.name)
                continue
            self.link(
                lid, str(row["mode"]), str(row["class"]), nodes, row.geometry,
                speed=self.active.speed_kmh.get(lid, _num(row.get("speed_kmh"))),
                headway=self.active.headway_min.get(lid, _num(row.get("headway_min"))),
                minutes=_num(row.get("minutes")), length_km=stop_kilometres(row, nodes) or _num(row.get("length_km")),
                oneway=_flag(row.get("oneway")),
                names=(str(row.get("name_zh", lid)), str(row.get("name_en", lid))),
                approach=approach_minutes(row, nodes), design=_num(row.get("design_speed_kmh")),
            )

    def added(self) -> None:
        for a in self.active.added:
            nodes: list[str] = []
            for j, stop in enumerate(a.stops):
                if isinstance(stop, str):
                    nodes.append(stop)
                    continue
                pid = f"{a.id}__stop{j}"
                en = f"{a.name_en or a.id} stop {j + 1}"
                zh = f"{a.name_zh or a.id} 第{j + 1}站"
                self.add_place(pid, stop[0], stop[1], zh, en, "station" if a.mode == "rail" else "junction",
                               a.cls if a.mode == "rail" else None)
                self.drawn_access(pid, a.id)
                nodes.append(pid)
            stop_points = [self.lonlat[n] for n in nodes]
            line = LineString(a.geometry if a.geometry else stop_points)
            self.link(
                a.id, a.mode, a.cls, nodes, line,
                speed=self.active.speed_kmh.get(a.id, a.speed_kmh),
                headway=self.active.headway_min.get(a.id, a.headway_min),
                minutes=a.minutes, length_km=None, oneway=a.oneway,
                names=(a.name_zh or a.id, a.name_en or a.id),
            )

    def drawn_access(self, pid: str, lid: str) -> None:
        """Join a stop drawn by an edit to the nearest existing road nodes, like a point origin."""
        roads = [n for n in self.g.nodes if isinstance(n, str) and n != pid and self._has_road(n)]
        if not roads:
            return
        xy = np.array([self.xy[n] for n in roads])
        k = min(self.config.access_k, len(roads))
        dist, idx = cKDTree(xy).query(self.xy[pid], k=k)
        for d, i in zip(np.atleast_1d(dist), np.atleast_1d(idx)):
            other = roads[int(i)]
            km = float(d) * self.config.access_detour_factor / 1000.0
            minutes = km / self.config.access_speed_kmh * 60.0
            coords = [self.lonlat[pid], self.lonlat[other]]
            for layer in self.layers:
                a, b = self.road_end(pid, layer), self.road_end(other, layer)
                common = dict(km=km, minutes=minutes, mode="road", link_id=f"{lid}__access", leg="car",
                              line=f"{lid}__access", car=layer == 0)
                self.edge(a, b, coords=coords, **common)
                self.edge(b, a, coords=coords[::-1], **common)

    def _has_road(self, n: Hashable) -> bool:
        ends = [n, kerb(0, n)]
        return any(
            d.get("mode") == "road" for e in ends if e in self.g for _, _, d in self.g.out_edges(e, data=True)
        )

    def link(self, lid: str, mode: str, cls: str, nodes: Sequence[str], line: LineString, *, speed: float | None,
             headway: float | None, minutes: float | None, length_km: float | list[float] | None, oneway: bool,
             names: tuple[str, str], approach: Mapping[str, float] | None = None, design: float | None = None) -> None:
        if len(nodes) < 2:
            return
        km, coords = _segments(line, [self.xy[n] for n in nodes], length_km)
        cfg = self.config
        if mode == "road":
            kmh = speed if speed else cfg.class_speed("road", cls, design)
            for i in range(len(nodes) - 1):
                if not length_km and len(coords[i]) <= 2:  # a bare chord: the road is longer
                    km[i] *= cfg.chord_circuity(cls)
                mins = km[i] / kmh * 60.0 * self.congestion(nodes[i], nodes[i + 1])
                for layer in self.layers:
                    a, b = self.road_end(nodes[i], layer), self.road_end(nodes[i + 1], layer)
                    common = dict(km=km[i], minutes=mins, mode="road", link_id=lid, leg="car", line=lid,
                                  car=layer == 0)
                    self.edge(a, b, coords=coords[i], **common)
                    if not oneway:
                        self.edge(b, a, coords=coords[i][::-1], **common)
        elif mode == "walk":
            total = sum(km) or 1.0
            for i in range(len(nodes) - 1):
                mins = float(minutes or 0.0) * (km[i] / total if len(nodes) > 2 else 1.0)
                for layer in self.layers:
                    a, b = self.street(nodes[i], layer), self.street(nodes[i + 1], layer)
                    common = dict(km=km[i], minutes=mins, mode="walk", link_id=lid, leg="walk", line=lid, car=False)
                    self.edge(a, b, coords=coords[i], **common)
                    if not oneway:
                        self.edge(b, a, coords=coords[i][::-1], **common)
        elif mode == "rail":
            self.rail(lid, cls, nodes, km, coords, speed=speed or cfg.class_speed("rail", cls, design),
                      headway=headway, oneway=oneway, approach=approach or {})
        elif mode == "coach":
            self.coach(lid, cls, nodes, km, coords, minutes=minutes, headway=headway, oneway=oneway)
        else:
            raise ScenarioError(f"link {lid}: mode {mode!r} is not road, rail, coach or walk")
        self.g.graph.setdefault("link_names", {})[lid] = names

    def rail(self, lid: str, cls: str, nodes: Sequence[str], km: list[float], coords: list[list[tuple]],
             *, speed: float | None, headway: float | None, oneway: bool, approach: Mapping[str, float]) -> None:
        cfg = self.config
        kmh = speed if speed else cfg.rail_speed(cls)  # the caller caps it at the design speed
        wait = cfg.wait(headway if headway else 2 * cfg.max_wait_min)
        dwell, start_stop, n = cfg.dwell(cls), cfg.start_stop(cls), len(nodes)
        for s in nodes:
            self.services_at.setdefault(s, set()).add(cls)
        for d in (1, -1) if not oneway else (1,):
            order = list(range(n)) if d == 1 else list(range(n - 1, -1, -1))
            for pos, i in enumerate(order):
                s = nodes[i]
                dep, arr = ("dep", lid, d, i), ("arr", lid, d, i)
                if pos < n - 1:  # can board here
                    self.node(dep, s)
                    for layer in (0, 1):
                        gate = self.node(("gate", layer, s, cls), s)
                        self.edge(self.street(s, layer), gate, minutes=cfg.processing(cls), km=0.0, mode="board",
                                  link_id=None, leg="processing", line=f"{cls}_check", car=False)
                        self.edge(gate, dep, minutes=wait, km=0.0, mode="board", link_id=lid, leg="wait",
                                  line=lid, car=False)
                    xfer = self.node(("xfer", s), s)
                    self.edge(xfer, dep, minutes=wait + cfg.transfer_penalty_min, km=0.0, mode="board",
                              link_id=lid, leg="wait", line=lid, car=False)
                if pos > 0:  # can alight here
                    self.node(arr, s)
                    self.edge(arr, self.node(("xfer", s), s), minutes=0.0, km=0.0, mode="alight", link_id=lid,
                              leg=None, line=lid, car=False)
                if 0 < pos < n - 1:
                    self.edge(arr, dep, minutes=dwell, km=0.0, mode="rail", link_id=lid, leg="rail", line=lid,
                              car=False)
                if pos < n - 1:
                    j = order[pos + 1]
                    seg = min(i, j)
                    c = coords[seg] if d == 1 else coords[seg][::-1]
                    run = km[seg] / kmh * 60.0 + start_stop + approach.get(s, 0.0) + approach.get(nodes[j], 0.0)
                    self.edge(dep, self.node(("arr", lid, d, j), nodes[j]), minutes=run,
                              km=km[seg], mode="rail", link_id=lid, leg="rail", line=lid, car=False, coords=c)

    def coach(self, lid: str, cls: str, nodes: Sequence[str], km: list[float], coords: list[list[tuple]],
              *, minutes: float | None, headway: float | None, oneway: bool) -> None:
        """A coach: boarded from layers 0 and 2 (check, then half the headway); its published ``minutes`` (stops
        included) shared by length; set down in layer 2."""
        cfg = self.config
        wait = cfg.wait(headway if headway else 2 * cfg.max_wait_min)
        total = sum(km) or 1.0
        n = len(nodes)
        for d in (1, -1) if not oneway else (1,):
            order = list(range(n)) if d == 1 else list(range(n - 1, -1, -1))
            for pos, i in enumerate(order):
                s = nodes[i]
                if pos < n - 1:
                    dep = self.node(("dep", lid, d, i), s)
                    for layer in (0, 2):
                        gate = self.node(("cgate", layer, s, cls), s)
                        self.edge(self.street(s, layer), gate, minutes=cfg.coach_processing(cls), km=0.0,
                                  mode="board", link_id=None, leg="processing", line=f"{cls}_check", car=False)
                        self.edge(gate, dep, minutes=wait, km=0.0, mode="board", link_id=lid, leg="wait",
                                  line=lid, car=False)
                    j = order[pos + 1]
                    seg = min(i, j)
                    run = float(minutes or 0.0) * km[seg] / total
                    self.edge(dep, self.node(("arr", lid, d, j), nodes[j]), minutes=run, km=km[seg], mode="coach",
                              link_id=lid, leg="coach", line=lid, car=False,
                              coords=coords[seg] if d == 1 else coords[seg][::-1])
                if pos > 0:
                    arr = self.node(("arr", lid, d, i), s)
                    self.edge(arr, self.street(s, 2), minutes=cfg.coach_egress_min, km=0.0, mode="alight", link_id=lid,
                              leg="walk", line="coach_exit", car=False)
                    if pos < n - 1:  # stay aboard: the timetable time already holds the stop
                        self.edge(arr, ("dep", lid, d, i), minutes=0.0, km=0.0, mode="coach", link_id=lid,
                                  leg="coach", line=lid, car=False)

    def congestion(self, a: str, b: str) -> float:
        """Time factor of the straight segment a-b: 1 plus each core's excess over the share inside it."""
        if not self.cores:
            return 1.0
        seg = LineString([self.xy[a], self.xy[b]]) if self.xy[a] != self.xy[b] else shapely.Point(self.xy[a])
        factor = 1.0
        for centre, radius_m, f in self.cores:
            if seg.distance(centre) >= radius_m:
                continue
            inside = seg.intersection(centre.buffer(radius_m, 64))
            share = inside.length / seg.length if seg.length > 0 else 1.0
            factor += (f - 1.0) * share
        return factor

    def egress(self) -> None:
        cfg = self.config
        for s, classes in self.services_at.items():
            own = self.station_class.get(s)
            minutes = cfg.egress(own) if own in cfg.egress_min else max(cfg.egress(c) for c in classes)
            self.edge(("xfer", s), in_layer(s, 1), minutes=minutes, km=0.0, mode="alight", link_id=None, leg="walk",
                      line="station_exit", car=False)

    def finish(self) -> BuiltGraph:
        road = sorted({u for u, v, d in self.g.edges(data=True) if d["mode"] == "road" and d["car"] for u in (u, v)},
                      key=str)
        tree = cKDTree(np.array([self.xy[node_place(n)] for n in road])) if road else None
        return BuiltGraph(graph=self.g, active=self.active, names=self.names, lonlat=self.lonlat,
                          road_nodes=tuple(road), tree=tree,
                          place_ids=tuple(n for n in self.g.nodes if isinstance(n, str)))


def _congestion_cores(data: GeoData, config: ModelConfig) -> list[tuple[shapely.Point, float, float]]:
    """``(centre, radius m, factor)`` in EPSG:32651 for each ``config.congestion`` entry."""
    cores = []
    for pid, radius_km, factor in config.congestion:
        if pid not in data.places.index:  # e.g. a small test data set without the big cities
            log.debug("congestion core %s skipped: no such place in the data", pid)
            continue
        geom = data.places.geometry.loc[pid]
        point = shapely.Point(TO_METRIC.transform(geom.x, geom.y))
        cores.append((point, float(radius_km) * 1000.0, config.congestion_factor(factor)))  # at config.depart
    return cores


def _flag(value: Any) -> bool:
    """True only for a real boolean true (a missing column reads as None or NaN)."""
    return isinstance(value, (bool, np.bool_)) and bool(value)


def _num(value: Any) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        f = float(value)
    except (TypeError, ValueError):
        return None
    return None if np.isnan(f) else f


def _segments(line: LineString, stops_xy: list[tuple[float, float]], length_km: float | list[float] | None
              ) -> tuple[list[float], list[list[tuple[float, float]]]]:
    """Kilometres and WGS-84 coordinates of each stretch between consecutive stops of a line.

    Positions are measured along the line in metres; the line is projected once. ``length_km`` scales the
    measured length between the first and last stop to the published one; a list gives each stretch's own.
    """
    xs, ys = TO_METRIC.transform(*np.asarray(line.coords)[:, :2].T)
    metric = LineString(np.column_stack([xs, ys]))
    pos = [metric.project(shapely.Point(p)) for p in stops_xy]
    for i in range(1, len(pos)):  # a stop projected behind the previous one (a loop): keep the order
        pos[i] = max(pos[i], pos[i - 1])
    km = [max(b - a, 0.0) / 1000.0 for a, b in zip(pos, pos[1:])]
    if isinstance(length_km, list):
        km = list(length_km)
    elif length_km and sum(km) > 0:
        km = [k * length_km / sum(km) for k in km]
    coords = []
    for a, b in zip(pos, pos[1:]):
        # cut in metres, then back to degrees: fractions of length differ between the two CRSs
        piece = substring(metric, a, b)
        pts = np.asarray(piece.coords)[:, :2] if piece.geom_type == "LineString" else np.asarray([piece.coords[0]] * 2)
        lon, lat = TO_WGS84.transform(pts[:, 0], pts[:, 1])
        coords.append([(float(x), float(y)) for x, y in zip(lon, lat)])
    return km, coords
