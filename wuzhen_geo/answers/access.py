"""People and GDP within reach: the "1-hour circle" counted in people (cumulative opportunities).

From an origin (a zone, a place such as Tongxiang city centre, or a point) a travel-time surface
(:func:`~wuzhen_geo.answers.surfaces.travel_time_surface`, one one-to-all run of the fast path) gives the minutes
to every cell of a grid over the county-level units of ``units.geojson``. **People (and GDP) are spread evenly
over each unit's land** (sea and lakes removed), so a unit contributes ``share of its land cells reached x its
population``; summed over the units this is the people reachable within the budget. A unit whose population
or GDP is not known counts as 0 and is counted in ``units_people_unknown`` / ``units_gdp_unknown``, so a sum
is a floor wherever those are not 0. ``people_at_centres`` is the same count if everyone of a unit lived at one
point inside it (its representative point, the stand-in for its seat): the docs compare the two.

Shares are of the people (GDP) of all units with a figure, the delta within about 150 km of Wuzhen.
By rail a surface reaches every place by the trip the tables give (the rail-trip rule, as the isochrones do).
Surfaces, isochrones and the cell lookup are reused, not copied; the per-unit cells of a grid are
kept with the network (:mod:`~wuzhen_geo.answers._unit_grid`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from wuzhen_geo.answers._access_everywhere import AccessSurface, people_everywhere
from wuzhen_geo.answers._unit_grid import UnitGrid, unit_grid, unit_values, units_bounds
from wuzhen_geo.answers.comparison import link_changes, project_changes
from wuzhen_geo.answers.isochrones import isochrone_polygons, water_areas
from wuzhen_geo.answers.matrices import zone_ids
from wuzhen_geo.answers.places import place_name
from wuzhen_geo.answers.surfaces import TravelTimeSurface, travel_time_surface
from wuzhen_geo.errors import DataError
from wuzhen_geo.model import Network, Origin, origin_id
from wuzhen_geo.vocabulary import TRAVEL_MODES

__all__ = [
    "ACCESS_CELLS",
    "AccessSurface",
    "BUDGETS",
    "TONGXIANG_ADCODE",
    "TONGXIANG_CENTRE",
    "access_change",
    "access_origins",
    "access_everywhere",
    "access_surface_for",
    "compare_reach",
    "network_causes",
    "reach",
    "reach_area",
    "reach_from_minutes",
    "unit_boundary",
    "unit_reach",
    "units_of",
]

#: Time budgets of the access answers (minutes): the plans' "1-hour circle" and the steps around it.
BUDGETS: tuple[int, ...] = (30, 45, 60, 90, 120)
#: Grid cells over the units (about 1.8 km cells over the ~350 km square they cover).
ACCESS_CELLS = 40_000
#: Tongxiang city (桐乡市) and its centre place.
TONGXIANG_ADCODE = "330483"
TONGXIANG_CENTRE = "city_tongxiang"


def units_of(data: Any) -> gpd.GeoDataFrame:
    """The units of a geodata folder; ``DataError`` naming the file and the fix when it has none."""
    units = getattr(data, "units", None)
    if units is None or len(units) == 0:
        raise DataError(f"{getattr(data, 'root', 'geodata')}/units.geojson: not found or empty; the access "
                        "answers need the county-level units (scripts/build_units.py writes them)")
    return units


def unit_boundary(data: Any, adcode: str = TONGXIANG_ADCODE) -> Any:
    """The land polygon (WGS-84, shapely) of unit ``adcode``: for Tongxiang the real boundary (adcode 330483,
    729 km² against the published 727.45 km²), in place of the schematic ``bnd_tongxiang``; ``None`` when the
    folder has no such unit."""
    units = getattr(data, "units", None)
    if units is None or adcode not in units.index:
        return None
    return units.geometry.loc[adcode]


def access_origins(data: Any) -> list[str]:
    """The origins of the planner's access table: the six zones, then Tongxiang city centre (when present)."""
    ids = zone_ids(data)
    return ids + [TONGXIANG_CENTRE] if TONGXIANG_CENTRE in data.places.index else ids


def _check(modes: Sequence[str], budgets: Sequence[float]) -> None:
    bad = [m for m in modes if m not in TRAVEL_MODES]
    if bad:
        raise ValueError(f"mode {bad[0]!r}; use one of {', '.join(TRAVEL_MODES)}")
    if not budgets or any(not (b > 0) for b in budgets):
        raise ValueError(f"budgets {tuple(budgets)}; give positive minutes, e.g. (30, 60, 90)")


def access_surface_for(net: Network, origin: Origin, *, mode: str = "best", cells: int = ACCESS_CELLS,
                       units: gpd.GeoDataFrame | None = None) -> tuple[TravelTimeSurface, UnitGrid]:
    """The travel-time surface from ``origin`` over the units' grid, and where each unit's land lies on it."""
    own = units_of(net.data) if units is None or units is getattr(net.data, "units", None) else None
    if own is not None:  # the data's own units: their bounds are kept with the network (a projection of each)
        units = own
        bounds = net.cached(("access_units_bounds",), lambda: units_bounds(own))
    else:
        bounds = units_bounds(units)
    surface = travel_time_surface(net, origin, mode=mode, cells=cells, bounds=bounds)
    return surface, unit_grid(net, units, surface.x, surface.y)


def _sums(grid: UnitGrid, shares: np.ndarray, pop: np.ndarray, gdp: np.ndarray) -> dict[str, float]:
    reached = shares > 0
    return {"people": float(np.nansum(shares * pop)), "gdp_cny_bn": float(np.nansum(shares * gdp)),
            "units_reached": int(reached.sum()), "units_people_unknown": int((reached & np.isnan(pop)).sum()),
            "units_gdp_unknown": int((reached & np.isnan(gdp)).sum())}


def reach_from_minutes(minutes: np.ndarray, grid: UnitGrid, units: gpd.GeoDataFrame,
                       budgets: Sequence[float]) -> pd.DataFrame:
    """The counts of :func:`reach` from the minutes to every cell of a grid (``nan``/``inf`` = not reached),
    one row per budget: the pure step, checkable by hand on a small grid."""
    flat = np.nan_to_num(np.asarray(minutes, dtype=float).ravel(), nan=np.inf)
    pop, gdp = unit_values(units, "population"), unit_values(units, "gdp_cny_bn")
    rows = []
    for budget in budgets:
        row: dict[str, Any] = {"budget_min": float(budget)}
        row.update(_sums(grid, grid.shares(flat <= budget), pop, gdp))
        at_centre = (flat[grid.centre_cell] <= budget).astype(float)
        row["people_at_centres"] = float(np.nansum(at_centre * pop))
        row["gdp_at_centres"] = float(np.nansum(at_centre * gdp))
        rows.append(row)
    out = pd.DataFrame(rows)
    out.insert(2, "people_share", out["people"] / np.nansum(pop))
    out.insert(4, "gdp_share", out["gdp_cny_bn"] / np.nansum(gdp))
    return out


def reach(net: Network, origin: Origin, *, budgets: Sequence[float] = BUDGETS, modes: Sequence[str] = ("best",),
          units: gpd.GeoDataFrame | None = None, cells: int = ACCESS_CELLS) -> pd.DataFrame:
    """People and GDP reachable from ``origin`` within each budget, by each mode.

    Returns
    -------
    pandas.DataFrame
        One row per mode and budget: ``from_id``, ``mode``, ``budget_min``, ``people``, ``people_share`` (of all
        units' known people), ``gdp_cny_bn`` (billion yuan, units' latest year), ``gdp_share``,
        ``units_reached`` (any land reached), ``units_people_unknown`` / ``units_gdp_unknown`` (reached units
        without a figure: the sums are floors), ``people_at_centres`` / ``gdp_at_centres`` (if every unit's
        people lived at its representative point).
    """
    _check(modes, budgets)
    units = units if units is not None else units_of(net.data)
    parts = []
    for mode in modes:
        surface, grid = access_surface_for(net, origin, mode=mode, cells=cells, units=units)
        part = reach_from_minutes(surface.minutes, grid, units, budgets)
        part.insert(0, "from_id", origin_id(origin))
        part.insert(1, "mode", mode)
        parts.append(part)
    return pd.concat(parts, ignore_index=True)


def unit_reach(net: Network, origin: Origin, *, budget: float = 60, mode: str = "best",
               units: gpd.GeoDataFrame | None = None, cells: int = ACCESS_CELLS) -> gpd.GeoDataFrame:
    """Every unit with what ``origin`` reaches of it within ``budget`` (for a choropleth).

    Columns: ``id``, ``name_zh``, ``name_en``, ``population``, ``gdp_cny_bn``, ``share_reached`` (of its land),
    ``people_reached``, ``gdp_reached`` (``nan`` where the figure is unknown), ``minutes_centre`` (to its
    representative point) and ``minutes_nearest`` (to its nearest land cell; ``inf`` unreachable), geometry.
    """
    _check([mode], [budget])
    units = units if units is not None else units_of(net.data)
    surface, grid = access_surface_for(net, origin, mode=mode, cells=cells, units=units)
    minutes = np.nan_to_num(surface.minutes.ravel(), nan=np.inf)
    share = grid.shares(minutes <= budget)
    nearest = np.full(len(units), np.inf)
    np.minimum.at(nearest, grid.unit, minutes[grid.cell])
    pop, gdp = unit_values(units, "population"), unit_values(units, "gdp_cny_bn")
    frame = gpd.GeoDataFrame({
        "id": units.index.astype(str), "name_zh": units["name_zh"].to_numpy(), "name_en": units["name_en"].to_numpy(),
        "population": pop, "gdp_cny_bn": gdp, "share_reached": share, "people_reached": share * pop,
        "gdp_reached": share * gdp, "minutes_centre": minutes[grid.centre_cell], "minutes_nearest": nearest,
    }, geometry=units.geometry.to_numpy(), crs=units.crs)
    frame.attrs.update({"from_id": origin_id(origin), "mode": mode, "budget_min": float(budget)})
    return frame


def reach_area(net: Network, origin: Origin, *, budget: float = 60, mode: str = "best",
               units: gpd.GeoDataFrame | None = None, cells: int = ACCESS_CELLS) -> gpd.GeoDataFrame:
    """The area reachable within ``budget`` (sea and lakes cut out) with the people and GDP it holds.

    One row: ``from_id``, ``mode``, ``minutes``, ``area_km2``, ``people``, ``gdp_cny_bn``, ``people_share``,
    ``units_people_unknown``, geometry (WGS-84).
    """
    units = units if units is not None else units_of(net.data)
    surface, _ = access_surface_for(net, origin, mode=mode, cells=cells, units=units)
    ring = isochrone_polygons(surface, [float(budget)], exclude=water_areas(net.data))
    counts = reach(net, origin, budgets=[budget], modes=[mode], units=units, cells=cells).iloc[0]
    ring.insert(0, "from_id", origin_id(origin))
    ring.insert(1, "mode", mode)
    for col in ("people", "gdp_cny_bn", "people_share", "units_people_unknown", "units_gdp_unknown"):
        ring[col] = counts[col]
    return ring.drop(columns=["min_minutes"])


def network_causes(before: Network, after: Network) -> list[str]:
    """The projects, scenario edits and project-less links in one network and not the other, in words
    (:func:`~wuzhen_geo.answers.comparison.project_changes`, :func:`~wuzhen_geo.answers.comparison.link_changes`):
    what lies behind a change in the people reached. They are the networks' differences, not an attribution
    per origin."""
    return [f"{c['label']} ({c['change']})" for c in project_changes(before, after) + link_changes(before, after)]


def compare_reach(before: Network, after: Network, origin: Origin, *, budgets: Sequence[float] = BUDGETS,
                  modes: Sequence[str] = ("best",), units: gpd.GeoDataFrame | None = None,
                  cells: int = ACCESS_CELLS) -> pd.DataFrame:
    """:func:`reach` before and after, side by side: ``people_before``, ``people_after``, ``people_change``,
    the same for ``gdp_cny_bn`` and ``people_share``, per mode and budget. ``attrs["causes"]`` lists what
    differs between the networks (:func:`network_causes`)."""
    out = _reach_pair(before, after, origin, budgets=budgets, modes=modes, units=units, cells=cells)
    out.attrs["causes"] = network_causes(before, after)
    return out


def _reach_pair(before: Network, after: Network, origin: Origin, *, budgets: Sequence[float],
                modes: Sequence[str], units: gpd.GeoDataFrame | None, cells: int) -> pd.DataFrame:
    keys = ["from_id", "mode", "budget_min"]
    values = ["people", "people_share", "gdp_cny_bn", "units_people_unknown", "units_gdp_unknown"]
    a = reach(before, origin, budgets=budgets, modes=modes, units=units, cells=cells)[keys + values]
    b = reach(after, origin, budgets=budgets, modes=modes, units=units, cells=cells)[keys + values]
    out = a.merge(b, on=keys, suffixes=("_before", "_after"))
    for v in ("people", "people_share", "gdp_cny_bn"):
        out[f"{v}_change"] = out[f"{v}_after"] - out[f"{v}_before"]
    return out


def access_change(before: Network, after: Network, origins: Sequence[Origin] | None = None, *,
                  budget: float = 60, mode: str = "best", units: gpd.GeoDataFrame | None = None,
                  cells: int = ACCESS_CELLS) -> pd.DataFrame:
    """People and GDP within ``budget`` from each origin (the six zones and Tongxiang city by default), before
    and after, with the difference: the planner's "people within 60 min" table.

    Columns: ``from_id``, ``name_zh``, ``name_en``, ``people_before``, ``people_after``, ``people_change``,
    ``gdp_before``, ``gdp_after``, ``gdp_change`` (billion yuan), ``units_people_unknown`` (after) and
    ``causes_text`` (the networks' differences, ``; ``-joined, the same for every row).
    """
    origins = list(origins) if origins is not None else access_origins(after.data)
    causes = "; ".join(network_causes(before, after))
    rows = []
    for o in origins:
        r = _reach_pair(before, after, o, budgets=[budget], modes=[mode], units=units, cells=cells).iloc[0]
        oid = origin_id(o)
        rows.append({"from_id": oid, "name_zh": place_name(after.data, oid, "zh"),
                     "name_en": place_name(after.data, oid, "en"),
                     "people_before": r["people_before"], "people_after": r["people_after"],
                     "people_change": r["people_change"], "gdp_before": r["gdp_cny_bn_before"],
                     "gdp_after": r["gdp_cny_bn_after"], "gdp_change": r["gdp_cny_bn_change"],
                     "units_people_unknown": int(r["units_people_unknown_after"]), "causes_text": causes})
    return pd.DataFrame(rows)


def access_everywhere(net: Network, *, budget: float = 60, mode: str = "best", cells: int = ACCESS_CELLS,
                      units: gpd.GeoDataFrame | None = None) -> AccessSurface:
    """People and GDP reachable within ``budget`` from every cell of the units' grid (at least ``cells`` cells):
    the map of where a plan widens the circle. Each cell's answer equals :func:`reach` from a point at the
    cell's centre (tested); all cells together take one batched fast-path run and a compiled kernel (seconds
    for 40,000 cells, see ``benchmarks/access_surface.py``)."""
    _check([mode], [budget])
    return people_everywhere(net, units if units is not None else units_of(net.data), budget=budget, mode=mode,
                             cells=cells)
