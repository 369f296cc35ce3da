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


def _missed_cells(surface: TravelTimeSurface, geom: Any, lower: float, upper: float) -> Any:
    """The squares of the cells whose minutes lie in ``(lower, upper]`` but whose centre ``geom`` misses.

    Contours interpolate between four cell centres; a reached cell whose neighbours are all unreached (by
    rail: a place at the limit of the rail-trip rule) has no such square, and would be drawn in no band at
    all although the tables give its minutes. Such a cell is drawn as itself."""
    minutes = surface.minutes
    reached = np.isfinite(minutes)
    # only a cell next to an unreached one (or the grid's edge) can lack the four quads a contour needs
    padded = np.pad(reached, 1, constant_values=False)
    h, w = reached.shape
    edge = ~np.logical_and.reduce([padded[1 + dy:1 + dy + h, 1 + dx:1 + dx + w]
                                   for dy in (-1, 0, 1) for dx in (-1, 0, 1)])
    inside = reached & edge & (minutes > lower) & (minutes <= upper)
    if not inside.any():
        return Polygon()
    rows, cols = np.nonzero(inside)
    xs, ys = np.asarray(surface.x)[cols], np.asarray(surface.y)[rows]
    if not geom.is_empty:
        shapely.prepare(geom)
        missed = ~shapely.intersects(geom, shapely.points(xs, ys))
        xs, ys = xs[missed], ys[missed]
    if not len(xs):
        return Polygon()
    half = surface.cell_size / 2
    return shapely.union_all(shapely.box(xs - half, ys - half, xs + half, ys + half))


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
        Boundaries are linearly interpolated between cell centres, so they are accurate to about one cell; a
        reached cell the contours miss (all its neighbours unreached) is drawn as its own square.
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
    contours = [_filled(gen, floor if kind == "nested" or i == 0 else levels[i - 1], upper)
                for i, upper in enumerate(levels)]
    drawn = None  # the bands' contours together, made when a band has cells they miss
    for i, upper in enumerate(levels):
        lower = floor if kind == "nested" or i == 0 else levels[i - 1]
        geom = contours[i]
        missed = _missed_cells(surface, geom, lower, upper)
        if not missed.is_empty:
            if kind == "bands":  # a band's cells stay off the other bands' contours
                if drawn is None:
                    drawn = shapely.union_all([g for g in contours if not g.is_empty])
                missed = missed.difference(drawn)
            geom = _areas_only(shapely.make_valid(shapely.union(geom, missed)))
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
