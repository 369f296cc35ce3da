"""The grid step of a travel-time surface, prepared once per set of nodes and grid.

A surface cell is reached from its ``k`` nearest *reachable* nodes (:mod:`wuzhen_geo.answers.surfaces`). Which
nodes are nearest to a cell does not depend on the origin, so :class:`CellLookup` finds them once, with one
``cKDTree`` query of ``k + 1`` neighbours per cell centre. Per origin only a gather and a ``min`` over an
``(n_cells, k)`` array remain.

The answers are identical to building a KD-tree of the reachable nodes on every call
(:func:`k_nearest_minutes`, which :func:`wuzhen_geo.answers.surfaces.surface_from_node_times` uses):

* a cell whose ``k`` nearest nodes are all reachable, with the ``k``-th strictly nearer than the
  ``(k + 1)``-th, has the same ``k`` nearest reachable nodes, so the same candidates;
* every other cell (an unreachable node among its nearest, or a distance tie at the ``k``-th place that
  another tree could break differently) is recomputed by :func:`k_nearest_minutes` on the reachable nodes.

Distances come from ``cKDTree`` in both cases, so they are the same floating-point numbers.

:func:`network_lookup` keeps the lookups of a :class:`~wuzhen_geo.model.network.Network` with it
(:meth:`~wuzhen_geo.model.network.Network.cached`, a few grids per network, guarded by a lock). A lookup is
read-only once built, so one lookup can serve many threads of a Streamlit server.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from scipy.spatial import cKDTree

__all__ = ["CellLookup", "grid_axes", "k_nearest_minutes", "NetworkNodes", "network_grids", "network_lookup",
           "network_nodes"]

log = logging.getLogger(__name__)

MAX_GRIDS_PER_NETWORK = 8  # a grid of 40,000 cells holds about 1.3 MB; the oldest goes first


def grid_axes(bounds: Sequence[float], cells: int) -> tuple[np.ndarray, np.ndarray]:
    """Square-cell axes covering ``bounds`` with at least ``cells`` cells."""
    minx, miny, maxx, maxy = (float(v) for v in bounds)
    width, height = maxx - minx, maxy - miny
    if not (width > 0 and height > 0):
        raise ValueError(f"grid bounds {tuple(bounds)} are empty; need minx < maxx and miny < maxy")
    if cells < 1:
        raise ValueError(f"cells={cells}; need at least 1")
    size = math.sqrt(width * height / cells)
    # Shrink the cell until the count is reached (ceil can fall one row short on thin extents).
    while math.ceil(width / size) * math.ceil(height / size) < cells:
        size *= 0.999
    nx, ny = math.ceil(width / size), math.ceil(height / size)
    # Centre the grid on the bounds; it overhangs by less than one cell.
    x0 = minx + (width - nx * size) / 2 + size / 2
    y0 = miny + (height - ny * size) / 2 + size / 2
    return x0 + size * np.arange(nx), y0 + size * np.arange(ny)


def _centres(xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    xx, yy = np.meshgrid(xs, ys)
    return np.column_stack([xx.ravel(), yy.ravel()])


def _metres_per_minute(access_kmh: float) -> float:
    return access_kmh * 1000.0 / 60.0


def k_nearest_minutes(xy: np.ndarray, t: np.ndarray, centres: np.ndarray, k: int, *, access_kmh: float,
                      detour_factor: float, room: np.ndarray | None = None) -> np.ndarray:
    """Minutes to each centre: min over its ``k`` nearest of ``xy`` of ``t + distance * detour / speed``.

    ``xy`` (``(n, 2)``, metres) and ``t`` (``(n,)``, finite minutes) are the reachable nodes; a KD-tree of
    them is built here, on every call. ``room`` (``(n,)``, minutes) bounds the last stretch from each node:
    a node whose stretch to a centre is longer takes no part there (a rail trip that the rail-trip rule would
    refuse with that much more driving). Returns an array of ``len(centres)`` (``nan`` when ``n == 0``).
    """
    out = np.full(len(centres), np.nan)
    if len(t) == 0 or len(centres) == 0:
        return out
    kk = min(k, len(t))
    dist, idx = cKDTree(xy).query(centres, k=kk)
    dist, idx = dist.reshape(len(centres), kk), idx.reshape(len(centres), kk)
    stretch = dist * detour_factor / _metres_per_minute(access_kmh)
    candidates = t[idx] + stretch
    if room is not None:
        candidates = np.where(stretch <= room[idx] + 1e-9, candidates, np.inf)
    return candidates.min(axis=1)


@dataclass(frozen=True, eq=False)
class CellLookup:
    """The nearest nodes of every cell centre of a regular grid (read-only once built).

    Attributes
    ----------
    x, y
        Cell-centre axes in metres, ascending.
    node_ids
        The nodes, in the order of ``node_xy``; node times are aligned to it.
    node_xy
        ``(n, 2)`` node positions in metres.
    k
        Number of nearest reachable nodes a cell is reached from.
    dist, idx
        ``(min(k + 1, n), n_cells)`` distances (metres) and node rows of the nearest nodes of each cell
        centre (cells row-major over ``(y, x)``), nearest first. Stored one row per rank so that the
        per-origin gather and minimum run over contiguous rows.
    """

    x: np.ndarray
    y: np.ndarray
    node_ids: pd.Index
    node_xy: np.ndarray
    k: int
    dist: np.ndarray
    idx: np.ndarray
    tree: Any = field(default=None, repr=False)
    _access: dict[tuple[int, float, float], np.ndarray] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def build(cls, node_xy: pd.DataFrame, *, bounds: Sequence[float], cells: int, k: int) -> CellLookup:
        """Prepare the lookup of a grid of at least ``cells`` cells over ``bounds`` for the nodes of
        ``node_xy`` (a DataFrame indexed by node id with columns ``x`` and ``y`` in metres)."""
        if k < 1:
            raise ValueError(f"k={k}; need at least 1 nearest node")
        missing = {"x", "y"} - set(node_xy.columns)
        if missing:
            raise ValueError(f"node_xy lacks column(s) {sorted(missing)}; pass a DataFrame with 'x' and 'y' in metres")
        xs, ys = grid_axes(bounds, cells)
        xy = node_xy[["x", "y"]].to_numpy(dtype=float)
        n_cells = len(xs) * len(ys)
        kq = min(k + 1, len(xy))  # one more than k, to see a tie at the k-th place
        tree = cKDTree(xy) if len(xy) else None
        if tree is not None:
            dist, idx = tree.query(_centres(xs, ys), k=kq)
            dist = np.ascontiguousarray(dist.reshape(n_cells, kq).T)
            idx = np.ascontiguousarray(idx.reshape(n_cells, kq).T)
        else:
            dist, idx = np.zeros((0, n_cells)), np.zeros((0, n_cells), dtype=np.intp)
        for arr in (xs, ys, xy, dist, idx):
            arr.flags.writeable = False  # shared between threads: nobody may change it
        return cls(x=xs, y=ys, node_ids=pd.Index(node_xy.index), node_xy=xy, k=int(k), dist=dist, idx=idx,
                   tree=tree)

    @property
    def shape(self) -> tuple[int, int]:
        """``(ny, nx)``."""
        return len(self.y), len(self.x)

    @property
    def n_cells(self) -> int:
        """Number of grid cells."""
        return len(self.y) * len(self.x)

    def align(self, node_times: pd.Series | np.ndarray | Any) -> np.ndarray:
        """Node times as a float array in ``node_ids`` order (missing or ``nan`` nodes are unreachable)."""
        if isinstance(node_times, np.ndarray):
            if node_times.shape != (len(self.node_ids),):
                raise ValueError(f"node_times has shape {node_times.shape}; expected ({len(self.node_ids)},)")
            t = node_times.astype(float, copy=True)
        else:
            t = pd.Series(node_times, dtype=float).reindex(self.node_ids).to_numpy(dtype=float)
        t[np.isnan(t)] = np.inf
        return t

    def minutes(self, node_times: pd.Series | np.ndarray | Any, *, access_kmh: float,
                detour_factor: float, room: pd.Series | np.ndarray | Any = None) -> np.ndarray:
        """Minutes to every cell, shape ``(ny, nx)``: ``min over the k nearest reachable nodes of
        (t_node + distance * detour / speed)``; ``nan`` where no node is reachable.

        ``node_times`` is a Series or mapping by node id, or an array in ``node_ids`` order. ``room``, in the
        same form, bounds the last stretch from each node (:func:`k_nearest_minutes`); ``None``: no bound.
        """
        if access_kmh <= 0 or detour_factor <= 0:
            raise ValueError(f"access_kmh={access_kmh} and detour_factor={detour_factor} must both be positive")
        t = self.align(node_times)
        r = None if room is None else self.align(room)
        reachable = np.isfinite(t)
        n_reach = int(reachable.sum())
        if n_reach == 0:
            return np.full(self.shape, np.nan)
        kk = min(self.k, n_reach)
        cand = t[self.idx[:kk]]
        # Cells whose kk nearest nodes are all reachable and uniquely the kk nearest keep the cached ones;
        # the others are recomputed below.
        ok = ~np.logical_or.reduce(np.isinf(cand), axis=0)
        if self.dist.shape[0] > kk:
            ok &= self.dist[kk - 1] < self.dist[kk]
        stretch = self._access_minutes(kk, access_kmh, detour_factor)
        cand += stretch  # t + dist * detour / speed
        if r is not None:
            cand[stretch > r[self.idx[:kk]] + 1e-9] = np.inf
        out = np.minimum.reduce(cand, axis=0)
        bad = np.flatnonzero(~ok)
        if len(bad):
            out[bad] = self._recompute(bad, t, reachable, kk, access_kmh=access_kmh, detour_factor=detour_factor,
                                       room=r)
        return out.reshape(self.shape)

    def _access_minutes(self, kk: int, access_kmh: float, detour_factor: float) -> np.ndarray:
        """``dist[:kk] * detour / speed`` (minutes), memoised: it is the same for every origin."""
        key = (kk, float(access_kmh), float(detour_factor))
        hit = self._access.get(key)
        if hit is None:
            hit = self.dist[:kk] * detour_factor / _metres_per_minute(access_kmh)
            hit.flags.writeable = False
            with self._lock:
                if len(self._access) >= 4:  # a few speed settings at most
                    self._access.pop(next(iter(self._access)))
                hit = self._access.setdefault(key, hit)
        return hit

    def _recompute(self, cells: np.ndarray, t: np.ndarray, reachable: np.ndarray, kk: int, *, access_kmh: float,
                   detour_factor: float, room: np.ndarray | None = None) -> np.ndarray:
        """Minutes of ``cells`` whose cached nearest nodes do not settle the answer.

        More neighbours are read from the tree of all nodes (doubling their number a few times) until a
        cell's ``kk`` nearest reachable nodes are among them and the ``kk``-th is strictly nearer than the
        next node; a cell still unsettled (few reachable nodes around it, or a distance tie) is computed from
        scratch on a tree of the reachable nodes, which is exactly what a lookup-free surface does.
        """
        centres = _centres(self.x, self.y)[cells]
        out = np.full(len(cells), np.nan)
        todo = np.arange(len(cells))
        n, kq = len(self.node_xy), self.dist.shape[0]
        mpm = _metres_per_minute(access_kmh)
        while len(todo) and kq < min(n, 16 * (self.k + 1)):
            kq = min(2 * kq, n)
            dist, idx = self.tree.query(centres[todo], k=kq)
            dist, idx = dist.reshape(len(todo), kq), idx.reshape(len(todo), kq)
            r = reachable[idx]
            count = np.cumsum(r, axis=1)
            found = count[:, -1] >= kk
            j = np.argmax(count >= kk, axis=1)  # column of the kk-th reachable node
            rows = np.arange(len(todo))
            nxt = np.minimum(j + 1, kq - 1)
            # unique: the next node is strictly farther, or there is no next node at all
            unique = np.where(j + 1 < kq, dist[rows, nxt] > dist[rows, j], kq == n)
            done = found & unique
            if done.any():
                use = r[done] & (np.arange(kq)[None, :] <= j[done, None])
                stretch = dist[done] * detour_factor / mpm
                if room is not None:
                    use &= stretch <= room[idx[done]] + 1e-9
                cand = np.where(use, t[idx[done]] + stretch, np.inf)
                out[todo[done]] = cand.min(axis=1)
            todo = todo[~done]
        if len(todo):
            out[todo] = k_nearest_minutes(self.node_xy[reachable], t[reachable], centres[todo], self.k,
                                          access_kmh=access_kmh, detour_factor=detour_factor,
                                          room=None if room is None else room[reachable])
        log.debug("cell lookup: %d cells looked up further, %d recomputed from scratch", len(cells), len(todo))
        return out


# --------------------------------------------------------------------------------------------------
# per-network cache


@dataclass(frozen=True, eq=False)
class NetworkNodes:
    """What every grid of one network shares: its road nodes in metres and the extent of its places."""

    node_xy: pd.DataFrame
    places_lo: np.ndarray
    places_hi: np.ndarray


class _Grids:
    """The lookups of one network's grids, the oldest dropped past :data:`MAX_GRIDS_PER_NETWORK`."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.lookups: dict[Hashable, CellLookup] = {}

    def get(self, key: Hashable, make: Callable[[], CellLookup]) -> CellLookup:
        """``make()`` once per grid; built outside the lock (two threads may both build; one wins)."""
        with self.lock:
            hit = self.lookups.get(key)
        if hit is not None:
            return hit
        value = make()
        with self.lock:
            value = self.lookups.setdefault(key, value)
            while len(self.lookups) > MAX_GRIDS_PER_NETWORK:
                self.lookups.pop(next(iter(self.lookups)))
        return value


def network_grids(net: Any) -> _Grids:
    """The cell lookups kept with ``net`` (:meth:`~wuzhen_geo.model.network.Network.cached`), by grid."""
    return net.cached("cell_lookups", _Grids)


def network_nodes(net: Any, metric_xy: Callable[[Any], pd.DataFrame], road_ids: Callable[[Any], list[str]]
                  ) -> NetworkNodes:
    """The road nodes of ``net`` in metres and its places' extent, computed once per network.

    ``road_ids(net)`` lists the nodes; ``metric_xy(lonlat)`` gives the metric ``x``, ``y`` of a mapping
    ``id -> (lon, lat)``. Nodes are placed by ``net.lonlat``, which also holds the stops a scenario's edits
    draw on the map (they are not places of the data). The extent is that of every place of the data, active
    or not, so that every scenario of the same data gets the same default grid.
    """

    def make() -> NetworkNodes:
        ids = road_ids(net)
        places = net.data.places
        all_xy = metric_xy(dict(zip(places.index, zip(places.geometry.x, places.geometry.y)))).to_numpy()
        return NetworkNodes(node_xy=metric_xy({i: net.lonlat[i] for i in ids}), places_lo=all_xy.min(axis=0),
                             places_hi=all_xy.max(axis=0))

    return net.cached("surface_nodes", make)


def network_lookup(net: Any, nodes: NetworkNodes, *, bounds: Sequence[float], cells: int, k: int) -> CellLookup:
    """The :class:`CellLookup` of ``net`` for a grid, from the per-network cache (built on first use)."""
    key = (tuple(float(b) for b in bounds), int(cells), int(k))

    def make() -> CellLookup:
        started = time.perf_counter()
        lookup = CellLookup.build(nodes.node_xy, bounds=bounds, cells=cells, k=k)
        log.debug("cell lookup for %d cells prepared in %.3f s", lookup.n_cells, time.perf_counter() - started)
        return lookup

    return network_grids(net).get(key, make)
