"""Where the people of each county-level unit live on a travel-time grid (private to the access answers).

People are spread evenly over a unit's land (``units.geojson`` holds the land: sea and lakes removed), so a
unit's share reached within a budget is the share of its land cells whose centre is reached. A unit too small
to hold a cell centre gets the cell of its representative point. :class:`UnitGrid` holds, for one grid, the
(cell, unit) pairs and each unit's cell count; it depends on the units and the grid only, so it is kept with the
network (:meth:`~wuzhen_geo.model.network.Network.cached`) like the grid's cell lookup.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from wuzhen_geo.vocabulary import METRIC_CRS

__all__ = ["GRID_MARGIN_M", "UnitGrid", "unit_grid", "units_bounds", "unit_values"]

#: Pad the units' extent so that the outermost cells of a unit are not cut off.
GRID_MARGIN_M = 2_000.0


def units_bounds(units: gpd.GeoDataFrame) -> tuple[float, float, float, float]:
    """Metric bounds of the units padded by :data:`GRID_MARGIN_M` (the grid of every access answer)."""
    minx, miny, maxx, maxy = units.geometry.to_crs(METRIC_CRS).total_bounds
    m = GRID_MARGIN_M
    return (float(minx - m), float(miny - m), float(maxx + m), float(maxy + m))


def unit_values(units: gpd.GeoDataFrame, column: str) -> np.ndarray:
    """A numeric column of the units as floats (``nan`` where unknown)."""
    if column not in units.columns:
        return np.full(len(units), np.nan)
    return pd.to_numeric(units[column], errors="coerce").to_numpy(dtype=float)


@dataclass(frozen=True, eq=False)
class UnitGrid:
    """The land cells of every unit on one grid (read-only once built).

    Attributes
    ----------
    unit_ids
        Unit ids (adcodes), in the order of the units frame.
    cell, unit
        One entry per (cell, unit) pair: the flat cell index (row-major over ``(y, x)``) and the unit's row.
    n_cells
        Cells per unit (at least 1).
    centre_cell
        The cell of each unit's representative point (a point inside its land), the stand-in for its seat.
    shape
        ``(ny, nx)`` of the grid.
    """

    unit_ids: pd.Index
    cell: np.ndarray
    unit: np.ndarray
    n_cells: np.ndarray
    centre_cell: np.ndarray
    shape: tuple[int, int]
    units: Any = None  # the frame it was built from (a cache hit must be for the same object)

    def shares(self, reached: np.ndarray) -> np.ndarray:
        """Share of each unit's land cells among ``reached`` (a flat boolean array over the grid's cells)."""
        hits = np.bincount(self.unit, weights=reached[self.cell].astype(float), minlength=len(self.unit_ids))
        return hits / self.n_cells

    def cell_weights(self, values: np.ndarray) -> np.ndarray:
        """``values`` (one per unit, ``nan`` = unknown, counted as 0) spread evenly over each unit's cells:
        a flat array over the grid whose sum is the sum of the known values."""
        per_cell = np.nan_to_num(values, nan=0.0) / self.n_cells
        return np.bincount(self.cell, weights=per_cell[self.unit], minlength=self.shape[0] * self.shape[1])


def _build(units: gpd.GeoDataFrame, x: np.ndarray, y: np.ndarray) -> UnitGrid:
    polys = units.geometry.to_crs(METRIC_CRS).to_numpy()
    shapely.prepare(polys)
    xx, yy = np.meshgrid(x, y)
    points = shapely.points(xx.ravel(), yy.ravel())
    # a tree of the cell centres asked by each (prepared) unit: several times faster than the reverse
    unit_idx, pt_idx = shapely.STRtree(points).query(polys, predicate="contains")
    size = float(x[1] - x[0]) if len(x) > 1 else float(y[1] - y[0])
    reps = shapely.point_on_surface(polys)
    rx, ry = shapely.get_x(reps), shapely.get_y(reps)
    centre = (np.clip(np.floor((ry - (y[0] - size / 2)) / size), 0, len(y) - 1).astype(np.int64) * len(x)
              + np.clip(np.floor((rx - (x[0] - size / 2)) / size), 0, len(x) - 1).astype(np.int64))
    counts = np.bincount(unit_idx, minlength=len(polys))
    empty = np.flatnonzero(counts == 0)  # units smaller than a cell: their representative point's cell
    cell = np.concatenate([pt_idx.astype(np.int64), centre[empty]])
    unit = np.concatenate([unit_idx.astype(np.int64), empty.astype(np.int64)])
    counts = np.bincount(unit, minlength=len(polys))
    for arr in (cell, unit, counts, centre):
        arr.flags.writeable = False
    return UnitGrid(unit_ids=pd.Index(units.index), cell=cell, unit=unit, n_cells=counts, centre_cell=centre,
                    shape=(len(y), len(x)), units=units)


def unit_grid(net: Any, units: gpd.GeoDataFrame, x: np.ndarray, y: np.ndarray) -> UnitGrid:
    """The :class:`UnitGrid` of ``units`` on the grid with axes ``x``, ``y``, kept with ``net``."""
    key = ("unit_grid", id(units), len(units), float(x[0]), float(y[0]), len(x), len(y))
    grid = net.cached(key, lambda: _build(units, x, y))
    return grid if grid.units is units else _build(units, x, y)
