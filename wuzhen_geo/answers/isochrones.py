"""Isochrone polygons ("1-hour circles") from a travel-time surface.

:func:`isochrone_polygons` turns a :class:`~wuzhen_geo.answers.surfaces.TravelTimeSurface` into filled contours
(``contourpy``) between time breaks, as nested areas ("within 60 min") or bands ("60-90 min"), valid
(``shapely.make_valid``) and in WGS-84; :func:`water_areas` gives the sea and lakes to cut out of them.

By rail, a surface (and so its isochrones) reaches every place by the rail answer of
:func:`~wuzhen_geo.answers.trip_answers.trip_answer` (the trip that passes the rail-trip rule), and every cell
from its nearest places within the room the rule leaves each place's trip: a place is not drawn in a band
sooner than the minutes the tables give for it (to within a cell), and a place the rule refuses is not drawn
from its neighbours' trips.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

import geopandas as gpd
import numpy as np
import shapely
from contourpy import FillType, contour_generator
from shapely.geometry import MultiPolygon, Polygon

from wuzhen_geo.answers.surfaces import TravelTimeSurface
from wuzhen_geo.vocabulary import CRS as WGS84

__all__ = ["isochrone_polygons", "water_areas"]


def _rings_to_polygon(points: np.ndarray, offsets: np.ndarray) -> Polygon:
    rings = [points[offsets[i] : offsets[i + 1]] for i in range(len(offsets) - 1)]
    rings = [r for r in rings if len(r) >= 4]
    if not rings:
        return Polygon()
    return Polygon(rings[0], rings[1:])


def water_areas(data: Any) -> gpd.GeoSeries:
    """Sea and lake polygons of ``data.context`` (WGS-84), to pass as ``exclude`` to
    :func:`isochrone_polygons` so that rings are not drawn over water."""
    ctx = data.context
    if "kind" not in ctx.columns:
        return gpd.GeoSeries([], crs=ctx.crs)
    water = ctx[ctx["kind"].isin(["sea", "lake"]) & ctx.geom_type.isin(["Polygon", "MultiPolygon"])]
    return water.geometry


def _areas_only(geom: Any) -> Any:
    """The (Multi)Polygon part of a geometry (``make_valid`` and overlays can leave stray lines)."""
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [g for g in shapely.get_parts(geom) if g.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if parts else Polygon()


def _filled(gen: Any, lower: float, upper: float) -> MultiPolygon | Polygon:
    points_list, offsets_list = gen.filled(lower, upper)
    polys = [_rings_to_polygon(p, o) for p, o in zip(points_list, offsets_list)]
    polys = [p for p in polys if not p.is_empty]
    if not polys:
        return Polygon()
    return _areas_only(shapely.make_valid(MultiPolygon(polys) if len(polys) > 1 else polys[0]))


def isochrone_polygons(
    surface: TravelTimeSurface,
    breaks: Sequence[float] = (30, 60, 90, 120),
    *,
    kind: Literal["nested", "bands"] = "nested",
    to_crs: str | None = WGS84,
    exclude: gpd.GeoSeries | gpd.GeoDataFrame | None = None,
) -> gpd.GeoDataFrame:
    """Isochrone polygons of a surface as filled contours between the ``breaks`` (minutes).

    Parameters
    ----------
    surface
        A :class:`TravelTimeSurface`.
    breaks
        Increasing positive minutes.
    kind
        ``"nested"``: one area per break with every point reachable within it (each contains the previous);
        ``"bands"``: the ring between consecutive breaks (the first from 0).
    to_crs
        CRS of the result (WGS-84 by default); ``None`` keeps the surface's metric CRS.
    exclude
        Areas to cut out of every polygon, with a CRS (e.g. the sea and lakes of
        :func:`water_areas`); lines and points in it are ignored.

    Returns
    -------
    geopandas.GeoDataFrame
        One row per break: ``minutes`` (upper break), ``min_minutes`` (lower bound, 0 for nested areas),
        ``area_km2`` (measured in the metric CRS) and a valid (Multi)Polygon geometry, possibly empty.
        Boundaries are linearly interpolated between cell centres, so they are accurate to about one cell.
    """
    levels = [float(b) for b in breaks]
    if not levels or any(b <= 0 for b in levels) or any(b2 <= b1 for b1, b2 in zip(levels, levels[1:])):
        raise ValueError(f"breaks={tuple(breaks)}; need strictly increasing positive minutes, e.g. (30, 60, 90)")
    if kind not in ("nested", "bands"):
        raise ValueError(f"kind={kind!r}; use 'nested' or 'bands'")
    z = np.ma.masked_invalid(surface.minutes)
    gen = contour_generator(
        surface.x, surface.y, z, fill_type=FillType.OuterOffset, name="serial", corner_mask=True
    )
    floor = min(0.0, float(np.nanmin(surface.minutes)) if np.isfinite(surface.minutes).any() else 0.0) - 1.0
    rows = []
    for i, upper in enumerate(levels):
        lower = floor if kind == "nested" or i == 0 else levels[i - 1]
        geom = _filled(gen, lower, upper)
        rows.append({"minutes": upper, "min_minutes": 0.0 if lower == floor else lower, "geometry": geom})
    frame = gpd.GeoDataFrame(rows, geometry="geometry", crs=surface.crs)
    if exclude is not None and len(exclude):
        if exclude.crs is None:
            raise ValueError("exclude has no CRS; set one (e.g. .set_crs('EPSG:4326')) so it can be projected")
        cut = exclude.geometry.to_crs(surface.crs)
        cut = shapely.union_all(cut[cut.geom_type.isin(["Polygon", "MultiPolygon"])].values)
        if not cut.is_empty:
            frame["geometry"] = [shapely.make_valid(g.difference(cut)) for g in frame.geometry]
            frame["geometry"] = [_areas_only(g) for g in frame.geometry]
    frame["area_km2"] = frame.geometry.area / 1e6
    frame = frame[["minutes", "min_minutes", "area_km2", "geometry"]]
    return frame.to_crs(to_crs) if to_crs is not None else frame
