"""People reachable from every cell of a grid: the "access from everywhere" surface (private to
:mod:`wuzhen_geo.answers.access`).

A cell joins the network at its ``k`` nearest road nodes (the grid's :class:`~wuzhen_geo.answers._cell_lookup.
CellLookup`, as a point origin does), so every trip from a cell starts at one of a few hundred road nodes. Hence:

1. one batched many-to-many run of the fast path (:func:`wuzhen_geo.model.travel_time_matrix`) gives the minutes
   between all road nodes by car; by rail, each road node's trips that pass the rail-trip rule (as the tables
   and the surfaces give them);
2. each road node's minutes to every populated cell follow from the lookup (:meth:`CellLookup.minutes`), as a
   surface from that node would give them;
3. a compiled kernel (numba, both cores) takes, per origin cell, the minimum over its ``k`` road nodes of access
   minutes + node-to-cell minutes (and, by car, the straight drive to cells nearby, as for a point origin) and
   adds up the people of the cells within the budget.

Step 3 is ``cells x populated cells x k`` additions: about 5 billion for 40,000 cells, a few seconds.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
from contourpy import FillType, contour_generator
from numba import njit, prange

from wuzhen_geo.answers._cell_lookup import CellLookup, network_lookup, network_nodes
from wuzhen_geo.answers._rail_surface import sensible_rail_reach
from wuzhen_geo.answers.isochrones import _filled
from wuzhen_geo.answers._unit_grid import UnitGrid, unit_grid, unit_values, units_bounds
from wuzhen_geo.answers.surfaces import _metric_xy, at_own_cells, road_node_ids
from wuzhen_geo.model import travel_time_matrix
from wuzhen_geo.vocabulary import CRS as WGS84
from wuzhen_geo.vocabulary import METRIC_CRS

__all__ = ["AccessSurface", "people_everywhere", "people_within"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, eq=False)
class AccessSurface:
    """People (and GDP) reachable within ``budget`` minutes from every cell of a grid.

    ``x``, ``y`` are the cell-centre axes in ``crs`` (metres); ``people`` and ``gdp_cny_bn`` have shape
    ``(len(y), len(x))``. ``seconds`` is the time the computation took.
    """

    x: np.ndarray
    y: np.ndarray
    people: np.ndarray
    gdp_cny_bn: np.ndarray
    budget: float
    mode: str
    crs: str = METRIC_CRS
    seconds: float = 0.0

    @property
    def n_cells(self) -> int:
        return int(self.people.size)

    def minus(self, before: AccessSurface) -> AccessSurface:
        """The change from ``before`` to this surface (same grid, budget and mode): people and GDP gained
        (negative: lost) per cell — where a scenario widens the circle."""
        if self.people.shape != before.people.shape or not np.array_equal(self.x, before.x):
            raise ValueError("the two surfaces lie on different grids; compute both with the same units and cells")
        return AccessSurface(x=self.x, y=self.y, people=self.people - before.people,
                             gdp_cny_bn=self.gdp_cny_bn - before.gdp_cny_bn, budget=self.budget, mode=self.mode,
                             crs=self.crs, seconds=self.seconds + before.seconds)

    def bands(self, breaks: Sequence[float], *, to_crs: str | None = WGS84) -> gpd.GeoDataFrame:
        """Areas by people reachable: one row per band ``[low, high)`` of ``breaks`` (increasing people counts;
        the last band is open-ended), filled contours of the surface as the isochrones draw them."""
        edges = [float(b) for b in breaks]
        if not edges or any(b2 <= b1 for b1, b2 in zip(edges, edges[1:])):
            raise ValueError(f"breaks={tuple(breaks)}; need increasing people counts, e.g. (1e6, 5e6, 1e7)")
        gen = contour_generator(self.x, self.y, self.people, fill_type=FillType.OuterOffset, name="serial")
        top = float(np.nanmax(self.people)) + 1.0 if self.people.size else 1.0
        bottom = float(np.nanmin(self.people)) - 1.0 if self.people.size else -1.0
        rows = [{"low": lo, "high": hi, "geometry": _filled(gen, max(lo, bottom), min(hi, top))}
                for lo, hi in zip(edges, edges[1:] + [np.inf]) if lo < top and hi > bottom]
        frame = gpd.GeoDataFrame(rows, geometry="geometry", crs=self.crs)
        return frame.to_crs(to_crs) if to_crs is not None else frame


@njit(parallel=True, cache=True)
def _kernel(node_to_cell, o_idx, o_acc, ox, oy, dx, dy, weights, budget, direct_min_per_m):  # pragma: no cover
    k, n_o = o_idx.shape
    n_d = node_to_cell.shape[1]
    n_w = weights.shape[0]
    out = np.zeros((n_w, n_o))
    # the straight drive reaches within ``reach`` metres; compared squared, without a square root per cell
    reach = budget / direct_min_per_m if direct_min_per_m > 0.0 else -1.0
    reach2 = reach * reach
    for o in prange(n_o):
        # minutes to every destination: the minimum over the origin's k road nodes, one row at a time (the
        # loops over destinations carry no branch, so the compiler vectorises them)
        m = np.empty(n_d)
        row = node_to_cell[o_idx[0, o]]
        a = o_acc[0, o]
        for c in range(n_d):
            m[c] = a + row[c]
        for i in range(1, k):
            row = node_to_cell[o_idx[i, o]]
            a = o_acc[i, o]
            for c in range(n_d):
                v = a + row[c]
                m[c] = v if v < m[c] else m[c]
        x0 = ox[o]
        y0 = oy[o]
        for j in range(n_w):
            wj = weights[j]
            total = 0.0
            for c in range(n_d):
                ok = m[c] <= budget
                if not ok and reach > 0.0:
                    ddx = dx[c] - x0
                    ddy = dy[c] - y0
                    ok = ddx * ddx + ddy * ddy <= reach2
                total += wj[c] if ok else 0.0
            out[j, o] = total
    return out


def people_within(node_to_cell: np.ndarray, o_idx: np.ndarray, o_acc: np.ndarray, origin_xy: np.ndarray,
                  dest_xy: np.ndarray, weights: np.ndarray, budget: float, direct_min_per_m: float) -> np.ndarray:
    """The kernel with checked shapes: ``weights`` (``(m, n_dest)``) summed over the destinations each origin
    reaches within ``budget``; returns ``(m, n_origins)``. ``direct_min_per_m`` 0 turns the direct drive off."""
    if node_to_cell.shape[1] != dest_xy.shape[0] or weights.shape[1] != dest_xy.shape[0]:
        raise ValueError("node_to_cell, dest_xy and weights must have one column / row per destination")
    if o_idx.shape != o_acc.shape or o_idx.shape[1] != origin_xy.shape[0]:
        raise ValueError("o_idx and o_acc must be (k, n_origins), one column per origin")
    return _kernel(np.ascontiguousarray(node_to_cell, dtype=np.float64), np.ascontiguousarray(o_idx, dtype=np.int64),
                   np.ascontiguousarray(o_acc, dtype=np.float64), origin_xy[:, 0].copy(), origin_xy[:, 1].copy(),
                   dest_xy[:, 0].copy(), dest_xy[:, 1].copy(), np.ascontiguousarray(weights, dtype=np.float64),
                   float(budget), float(direct_min_per_m))


def _node_times(net: Any, ids: list[str], mode: str) -> tuple[np.ndarray | None, np.ndarray | None,
                                                               np.ndarray | None]:
    """Minutes between the road nodes (rows: from), as the answers give them: by car one batched fast-path run;
    by rail the trips that pass the rail-trip rule (:func:`sensible_rail_reach`, as the surfaces and the
    tables), not the fastest trip with any train in it, with each trip's room. Returns ``(car, rail, room)``,
    ``None`` for what the mode does not use (best uses all three)."""
    car = None
    if mode in ("car", "best"):
        car = travel_time_matrix(net, ids, ids, mode="car")["minutes"].to_numpy(dtype=float).reshape(len(ids), len(ids))
    if mode == "car":
        return car, None, None
    reach = [sensible_rail_reach(net, i) for i in ids]
    rail = np.vstack([t.reindex(ids).to_numpy(dtype=float) for t, _ in reach])
    room = np.vstack([r.reindex(ids).to_numpy(dtype=float) for _, r in reach])
    return car, rail, room


def _node_to_cell(net: Any, lookup: CellLookup, mode: str, dest: np.ndarray, access_kmh: float,
                  detour: float) -> np.ndarray:
    """Minutes from every road node (``lookup.node_ids`` order) to every destination cell: by rail each cell
    only within the room of the trip to its nearest nodes, and a node's own cell at the node's time, as a
    surface from that node (:func:`~wuzhen_geo.answers.surfaces.travel_time_surface`)."""
    ids = [str(i) for i in lookup.node_ids]
    car, rail, room = _node_times(net, ids, mode)
    node_xy = pd.DataFrame(lookup.node_xy, index=lookup.node_ids, columns=["x", "y"])
    out = np.empty((len(ids), len(dest)))
    for a in range(len(ids)):
        grids = []
        if car is not None:
            grids.append(lookup.minutes(car[a], access_kmh=access_kmh, detour_factor=detour))
        if rail is not None:
            by_rail = lookup.minutes(rail[a], access_kmh=access_kmh, detour_factor=detour, room=room[a])
            times = pd.Series(rail[a], index=lookup.node_ids)
            grids.append(at_own_cells(by_rail, lookup.x, lookup.y, node_xy, times))
        out[a] = (grids[0] if len(grids) == 1 else np.fmin(grids[0], grids[1])).ravel()[dest]
    return out


def origin_links(lookup: CellLookup, k: int, access_kmh: float, detour: float) -> tuple[np.ndarray, np.ndarray]:
    """Each cell's ``k`` nearest road nodes (rows of ``lookup.node_ids``) and the minutes to reach them."""
    kk = min(k, lookup.idx.shape[0])
    acc = lookup.dist[:kk] * detour / (access_kmh * 1000.0 / 60.0)
    return np.asarray(lookup.idx[:kk]), acc


def grid_for(net: Any, units: Any, cells: int) -> tuple[CellLookup, UnitGrid]:
    """The cell lookup and unit cells of the units' grid of ``net`` (both kept with the network)."""
    cfg = net.config
    nodes = network_nodes(net, lambda lonlat: _metric_xy(lonlat, METRIC_CRS), road_node_ids)
    lookup = network_lookup(net, nodes, bounds=units_bounds(units), cells=cells, k=int(cfg.access_k))
    return lookup, unit_grid(net, units, lookup.x, lookup.y)


def people_everywhere(net: Any, units: Any, *, budget: float = 60, mode: str = "best",
                      cells: int = 40_000) -> AccessSurface:
    """People and GDP reachable within ``budget`` from every cell of the units' grid (see the module text)."""
    started = time.perf_counter()
    cfg = net.config
    access_kmh, detour = float(cfg.access_speed_kmh), float(cfg.access_detour_factor)
    lookup, grid = grid_for(net, units, cells)
    weights = np.vstack([grid.cell_weights(unit_values(units, "population")),
                         grid.cell_weights(unit_values(units, "gdp_cny_bn"))])
    dest = np.flatnonzero(weights.sum(axis=0) > 0)
    xx, yy = np.meshgrid(lookup.x, lookup.y)
    centres = np.column_stack([xx.ravel(), yy.ravel()])
    node_to_cell = _node_to_cell(net, lookup, mode, dest, access_kmh, detour)
    o_idx, o_acc = origin_links(lookup, int(cfg.access_k), access_kmh, detour)
    direct = detour / (access_kmh * 1000.0 / 60.0) if mode != "rail" else 0.0
    sums = people_within(node_to_cell, o_idx, o_acc, centres, centres[dest], weights[:, dest], budget, direct)
    seconds = time.perf_counter() - started
    log.debug("people within %s min from %d cells (%d populated) in %.2f s", budget, grid.shape[0] * grid.shape[1],
              len(dest), seconds)
    return AccessSurface(x=lookup.x, y=lookup.y, people=sums[0].reshape(grid.shape),
                         gdp_cny_bn=sums[1].reshape(grid.shape), budget=float(budget), mode=mode, seconds=seconds)
