"""The travel-time graph of a scenario: :func:`build_network` and the read-only :class:`Network`.

:func:`build_network` turns the active places and links of a scenario (:mod:`wuzhen_geo.model.scenarios`) into a
``networkx.DiGraph`` (built by :mod:`wuzhen_geo.model._network_builder`) whose edges all carry ``minutes``,
``km``, ``mode`` (``road`` / ``rail`` / ``walk`` / ``board`` / ``alight`` / ``access``) and ``link_id``. The
graph has two layers so that "by rail" can demand at least one train ride of any shortest-path algorithm; its
nodes (places, layer-1 twins, gates, departures and arrivals, transfers, airport kerbs) are described in
:mod:`wuzhen_geo.model.nodes`.

Every node carries ``place`` (the place it belongs to) and ``x``, ``y`` in metres (EPSG:32651). Edges carry
``leg`` (the :class:`~wuzhen_geo.model.trips.Leg` mode they form: ``car`` / ``rail`` / ``walk`` / ``wait`` /
``processing``, or None for a zero-time step), ``car`` (usable by a car-only trip), ``line`` (link id that
names the leg) and ``coords`` (WGS-84 positions for drawing) where they have a shape.

Lengths are measured along each link's geometry in EPSG:32651 between the positions of its nodes (and scaled
to ``length_km`` when the data give it). Two links between the same pair of nodes keep the faster edge.

Edge times (:class:`~wuzhen_geo.model.config.ModelConfig` holds every number):

* road: length / speed (the link's ``speed_kmh`` or the class default). A segment drawn as a bare chord
  between two nodes (no intermediate vertex, no ``length_km``) is lengthened by ``road_chord_circuity`` of
  its class; the
  part of a segment inside an urban core (``congestion``: a radius around a city place) takes ``factor``
  times longer;
* rail: each run between two stops takes length / speed plus ``start_stop_min`` of the class (acceleration
  and braking), each intermediate stop ``dwell_min``.

The :class:`Network` is read-only once built: a Streamlit server shares it between users. What is derived
from it (its fast-path snapshot, :mod:`wuzhen_geo.model._fastpath`; the legs of its edges; search trees of
the answers) is kept with it by :meth:`Network.cached`, built on first use, once, under a lock.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import numpy as np

from wuzhen_geo.data.io import GeoData
from wuzhen_geo.model._fastpath import FastPath
from wuzhen_geo.model._network_builder import TO_METRIC, build_graph
from wuzhen_geo.model.config import DEFAULT_CONFIG, ModelConfig
from wuzhen_geo.model.nodes import is_gate, layer1, node_place
from wuzhen_geo.model.scenarios import TODAY, ActiveFeatures, Scenario

__all__ = ["Network", "build_network", "layer1", "node_place"]

log = logging.getLogger(__name__)


@dataclass(eq=False)
class Network:
    """A scenario's travel-time graph with the data, scenario and configuration that made it.

    Attributes
    ----------
    graph
        ``networkx.DiGraph`` described in the module docstring. Read-only.
    data, scenario, config
        What the network was built from.
    active
        The active features (:func:`wuzhen_geo.model.scenarios.active_features`).
    names
        ``place id -> (name_zh, name_en)`` including stops drawn by scenario edits.
    lonlat
        ``place id -> (lon, lat)`` in WGS-84, including drawn stops.
    """

    graph: nx.DiGraph
    data: GeoData
    scenario: Scenario
    config: ModelConfig
    active: ActiveFeatures
    names: dict[str, tuple[str, str]]
    lonlat: dict[str, tuple[float, float]]
    _road_nodes: tuple[Hashable, ...] = field(default=(), repr=False)
    _place_ids: tuple[str, ...] = field(default=(), repr=False)
    _tree: Any = field(default=None, repr=False)
    _cache: dict[Hashable, Any] = field(default_factory=dict, repr=False)
    _key_locks: dict[Hashable, threading.Lock] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def place_ids(self) -> list[str]:
        """Layer-0 place nodes of the graph (every active place, and stops drawn by edits)."""
        return list(self._place_ids)

    @property
    def road_nodes(self) -> tuple[Hashable, ...]:
        """Layer-0 nodes touched by road edges: where a point joins the network."""
        return self._road_nodes

    def fast(self) -> FastPath:
        """The CSR snapshot of the graph for batched searches (built once, thread-safe)."""
        return self.cached("fast_path", lambda: FastPath.from_graph(self.graph))

    def cached(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """``compute()`` once per network and key, kept with the network and shared by every caller.

        What is derived from a network (its fast path, the legs of its edges, search trees) lives and dies
        with it. Each key has its own lock, so a caller waits only for the value it needs, and nothing is
        computed twice. Values are shared: treat them as read-only.
        """
        try:
            return self._cache[key]
        except KeyError:
            pass
        with self._lock:
            key_lock = self._key_locks.setdefault(key, threading.Lock())
        with key_lock:
            if key not in self._cache:
                self._cache[key] = compute()
            return self._cache[key]

    @property
    def feature_ids(self) -> frozenset[str]:
        """Ids of every place and link present in the network: the scenario's active features and its
        added links (a drawn stop's access road as ``"<edit id>__access"``)."""
        return self.cached("feature_ids", self._feature_ids)

    def _feature_ids(self) -> frozenset[str]:
        ids = {str(n) for n in self.graph.nodes if isinstance(n, str)}
        ids.update(str(d["link_id"]) for *_, d in self.graph.edges(data=True) if d.get("link_id"))
        return frozenset(ids)

    @property
    def boarding_stations(self) -> tuple[str, ...]:
        """Places where a train can be boarded from the street (a ticket gate), sorted."""
        return self.cached("boarding_stations", lambda: tuple(sorted(
            {u for u, v in self.graph.edges if isinstance(u, str) and is_gate(v)})))

    def nearest_road_nodes(self, lon: float, lat: float, k: int | None = None) -> list[tuple[Hashable, float]]:
        """The ``k`` nearest road nodes to a WGS-84 point as ``(node, metres)``, nearest first."""
        if not self._road_nodes:
            return []
        k = min(int(k or self.config.access_k), len(self._road_nodes))
        x, y = TO_METRIC.transform(lon, lat)
        dist, idx = self._tree.query([x, y], k=k)
        dist, idx = np.atleast_1d(dist), np.atleast_1d(idx)
        return [(self._road_nodes[int(i)], float(d)) for d, i in zip(dist, idx)]

    def access_minutes(self, metres: float) -> float:
        """Minutes to cover a straight-line distance on local roads (access speed and detour factor)."""
        return metres * self.config.access_detour_factor / 1000.0 / self.config.access_speed_kmh * 60.0

    def name(self, place_id: str, lang: str = "en") -> str:
        zh, en = self.names.get(place_id, (place_id, place_id))
        return zh if lang == "zh" else en


def build_network(data: GeoData, scenario: Scenario | None = None, *, config: ModelConfig = DEFAULT_CONFIG
                  ) -> Network:
    """Build the travel-time network of a scenario (today's network when ``scenario`` is None).

    The data are only read. Build once per scenario and share the result: it is read-only.
    """
    scenario = scenario or TODAY
    built = build_graph(data, scenario, config)
    net = Network(
        graph=built.graph, data=data, scenario=scenario, config=config, active=built.active, names=built.names,
        lonlat=built.lonlat, _road_nodes=built.road_nodes, _tree=built.tree, _place_ids=built.place_ids,
    )
    log.info("network %s: %d nodes, %d edges", scenario.name, net.graph.number_of_nodes(),
             net.graph.number_of_edges())
    return net
