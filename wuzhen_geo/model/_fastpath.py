"""The fast path: SciPy shortest paths on a CSR snapshot of a network graph.

A :class:`FastPath` is built once per network (``Network.fast()`` caches it). It renumbers the nodes in
Z-order (Morton order of their ``x``, ``y``) so that nodes close in space are close in memory, and keeps two
CSR matrices of minutes: every edge (``all``) and the car-only edges (``car``, edges whose ``car`` attribute is
true). Shortest paths come from ``scipy.sparse.csgraph.dijkstra``; the answers equal NetworkX's Dijkstra on
the same graph (tested), only faster.

Sources may carry a start offset (minutes already spent, e.g. reaching a road node from a clicked point):
the time to a node is the minimum over sources of offset + distance.

On large graphs the travel times (not the paths) come from a contraction hierarchy
(:mod:`wuzhen_geo.model._hierarchy`) once enough searches have been asked of a layer to pay for building it: the
first searches rent Dijkstra, and the hierarchy is bought when the rent paid reaches its price, so a workload
never costs much more than twice what the better choice in hindsight would have cost.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

import networkx as nx
import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra

from wuzhen_geo.model._hierarchy import ContractionHierarchy

__all__ = ["FastPath", "morton_order"]

log = logging.getLogger(__name__)

# Below this size a Dijkstra search takes well under a millisecond: a hierarchy is never worth its build.
HIERARCHY_MIN_NODES = 5_000
# A hierarchy costs about as much to build as this many Dijkstra searches on the same graph (measured at
# 100,000 nodes: a 2-3 s build against 12-17 ms searches; both grow about linearly with the graph).
HIERARCHY_AFTER_SEARCHES = 200

HierarchyPolicy = Literal["auto", "always", "never"]


class _Hierarchies:
    """Per layer (car-only or all edges): Dijkstra searches answered so far, and the hierarchy once built."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.searches = {False: 0, True: 0}
        self.built: dict[bool, ContractionHierarchy] = {}


def _spread_bits(v: np.ndarray) -> np.ndarray:
    """Insert a zero bit between each of the low 16 bits of ``v`` (for 2-D Morton codes)."""
    v = v.astype(np.uint32) & 0x0000FFFF
    v = (v | (v << 8)) & 0x00FF00FF
    v = (v | (v << 4)) & 0x0F0F0F0F
    v = (v | (v << 2)) & 0x33333333
    v = (v | (v << 1)) & 0x55555555
    return v


def morton_order(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Indices that sort points by their Z-order (Morton) code on a 65,536 x 65,536 grid."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    if len(x) == 0:
        return np.zeros(0, dtype=np.int64)

    def scale(v: np.ndarray) -> np.ndarray:
        lo, hi = np.nanmin(v), np.nanmax(v)
        span = hi - lo if hi > lo else 1.0
        return np.nan_to_num((v - lo) / span * 65535.0).astype(np.uint32)

    code = _spread_bits(scale(x)) | (_spread_bits(scale(y)) << 1)
    return np.argsort(code, kind="stable")


@dataclass(frozen=True, eq=False)
class FastPath:
    """CSR snapshot of a graph; read-only.

    Attributes
    ----------
    nodes
        Node of each row/column, in Morton order.
    index
        ``node -> row``.
    all, car
        ``csr_matrix`` of edge minutes: every edge / car-only edges.
    """

    nodes: tuple[Hashable, ...]
    index: dict[Hashable, int]
    all: csr_matrix
    car: csr_matrix
    hierarchy_policy: HierarchyPolicy = "auto"
    _hierarchies: _Hierarchies = field(default_factory=_Hierarchies, repr=False)

    @classmethod
    def from_graph(cls, graph: nx.DiGraph, *, weight: str = "minutes", car_attr: str = "car",
                   hierarchy: HierarchyPolicy = "auto") -> FastPath:
        """Snapshot ``graph``: nodes need ``x`` and ``y`` (any metric units) for the Morton order.

        ``hierarchy``: ``"auto"`` builds a contraction hierarchy for a layer of at least
        ``HIERARCHY_MIN_NODES`` nodes once ``HIERARCHY_AFTER_SEARCHES`` searches have been asked of it;
        ``"always"`` builds it at the first search; ``"never"`` keeps to Dijkstra.
        """
        if hierarchy not in ("auto", "always", "never"):
            raise ValueError(f"hierarchy must be 'auto', 'always' or 'never', not {hierarchy!r}")
        raw = list(graph.nodes)
        xs = np.array([graph.nodes[n].get("x", np.nan) for n in raw], dtype=float)
        ys = np.array([graph.nodes[n].get("y", np.nan) for n in raw], dtype=float)
        order = morton_order(xs, ys)
        nodes = tuple(raw[i] for i in order)
        index = {n: i for i, n in enumerate(nodes)}
        m = len(nodes)
        rows = np.empty(graph.number_of_edges(), dtype=np.int64)
        cols = np.empty_like(rows)
        w = np.empty(len(rows), dtype=float)
        car = np.zeros(len(rows), dtype=bool)
        for k, (u, v, d) in enumerate(graph.edges(data=True)):
            rows[k], cols[k], w[k] = index[u], index[v], d[weight]
            car[k] = bool(d.get(car_attr, False))
        # csr_matrix keeps explicit zeros (zero-minute edges) as edges; csgraph honours them.
        all_m = csr_matrix((w, (rows, cols)), shape=(m, m))
        car_m = csr_matrix((w[car], (rows[car], cols[car])), shape=(m, m))
        return cls(nodes=nodes, index=index, all=all_m, car=car_m, hierarchy_policy=hierarchy)

    def rows(self, nodes: Iterable[Hashable]) -> np.ndarray:
        return np.fromiter((self.index[n] for n in nodes), dtype=np.int64)

    def prepare_hierarchy(self, *, car: bool = False) -> ContractionHierarchy:
        """Build (once) and return the contraction hierarchy of a layer, whatever the policy says."""
        state = self._hierarchies
        with state.lock:
            if car not in state.built:
                state.built[car] = ContractionHierarchy.from_csr(self.car if car else self.all)
                log.info("contraction hierarchy of %d nodes built in %.2f s", len(self.nodes),
                         state.built[car].build_seconds)
            return state.built[car]

    def built_hierarchy(self, *, car: bool = False) -> ContractionHierarchy | None:
        """The hierarchy of a layer if one has been built, else None."""
        return self._hierarchies.built.get(car)

    def _hierarchy(self, car: bool, searches: int) -> ContractionHierarchy | None:
        """The hierarchy to answer ``searches`` one-to-all searches with, or None for Dijkstra."""
        state = self._hierarchies
        if car in state.built:
            return state.built[car]
        if self.hierarchy_policy == "never" or searches == 0:
            return None
        if self.hierarchy_policy == "auto":
            if len(self.nodes) < HIERARCHY_MIN_NODES:
                return None
            with state.lock:
                state.searches[car] += searches
                if state.searches[car] < HIERARCHY_AFTER_SEARCHES:
                    return None
        return self.prepare_hierarchy(car=car)

    def distances(self, sources: Sequence[Hashable], *, car: bool = False, limit: float = np.inf) -> np.ndarray:
        """Minutes from each source to every node: array of shape ``(len(sources), n_nodes)``; nodes past
        ``limit`` minutes are ``inf``."""
        idx = self.rows(sources)
        if len(idx) == 0:
            return np.zeros((0, len(self.nodes)))
        hierarchy = self._hierarchy(car, len(idx))
        if hierarchy is None:
            return self._dijkstra(idx, car, limit)
        dist = hierarchy.distances(idx)
        if limit < np.inf:
            dist[dist > limit] = np.inf
        return dist

    def _dijkstra(self, idx: np.ndarray, car: bool, limit: float = np.inf) -> np.ndarray:
        return np.atleast_2d(dijkstra(self.car if car else self.all, directed=True, indices=idx, limit=limit))

    def from_sources(self, sources: Sequence[tuple[Hashable, float]], *, car: bool = False) -> np.ndarray:
        """Minutes to every node from a set of ``(node, start offset)``: min over sources of offset + distance."""
        if not sources:
            return np.full(len(self.nodes), np.inf)
        hierarchy = self._hierarchy(car, len(sources))
        if hierarchy is not None:  # one search from all sources at once
            return hierarchy.from_sources(self.rows(s for s, _ in sources), [o for _, o in sources])
        dist = self._dijkstra(self.rows(s for s, _ in sources), car)
        if len(sources) == 1 and sources[0][1] == 0:
            return dist[0]
        offsets = np.array([o for _, o in sources], dtype=float)[:, None]
        return (dist + offsets).min(axis=0)

    def shortest_tree(self, sources: Sequence[tuple[Hashable, float]], *, car: bool = False
                      ) -> tuple[np.ndarray, np.ndarray]:
        """Distances and predecessors from each source (offsets not applied): two ``(len(sources), n)``
        arrays, for :meth:`path_in_tree`. One SciPy Dijkstra serves every target of the same sources."""
        matrix = self.car if car else self.all
        dist, pred = dijkstra(matrix, directed=True, indices=self.rows(s for s, _ in sources),
                              return_predecessors=True)
        return np.atleast_2d(dist), np.atleast_2d(pred)

    def path_in_tree(self, tree: tuple[np.ndarray, np.ndarray], sources: Sequence[tuple[Hashable, float]],
                     targets: Sequence[tuple[Hashable, float]]) -> tuple[float, list[Hashable], int, int] | None:
        """Fastest path of a :meth:`shortest_tree` from any source to any target, both with offsets.

        Returns ``(minutes, nodes, source index, target index)``, or None when no target is reachable.
        """
        if not sources or not targets:
            return None
        dist, pred = tree
        cols = self.rows(t for t, _ in targets)
        total = (dist[:, cols] + np.array([o for _, o in sources], dtype=float)[:, None]
                 + np.array([o for _, o in targets], dtype=float)[None, :])
        i, j = np.unravel_index(int(np.argmin(total)), total.shape)
        if not np.isfinite(total[i, j]):
            return None
        row, node = pred[i], int(cols[j])
        path = [node]
        while row[node] >= 0:  # scipy marks "no predecessor" with -9999
            node = int(row[node])
            path.append(node)
        return float(total[i, j]), [self.nodes[k] for k in reversed(path)], int(i), int(j)

    def best_path(self, sources: Sequence[tuple[Hashable, float]], targets: Sequence[tuple[Hashable, float]],
                  *, car: bool = False) -> tuple[float, list[Hashable], int, int] | None:
        """Fastest path from any source to any target, both with offsets (minutes before / after).

        Returns ``(minutes, nodes, source index, target index)``, or None when no target is reachable.
        """
        if not sources or not targets:
            return None
        return self.path_in_tree(self.shortest_tree(sources, car=car), sources, targets)
