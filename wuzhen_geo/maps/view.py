"""Map views: the centre and zoom that fit a box (a route, an area) on a map of a given size.

Leaflet's zoom ``z`` shows the whole world, in Web Mercator, on ``256 * 2**z`` pixels; a box fits when both
its width (in longitude) and its height (in Mercator y) fit the map less a margin. Pure arithmetic: no
folium, no Streamlit.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

__all__ = ["MapView", "view_for_bounds", "view_for_trip"]

#: ``((lat, lon), zoom)``: what ``folium.Map(location=..., zoom_start=...)`` and ``st_folium(center=...,
#: zoom=...)`` take.
MapView = tuple[tuple[float, float], float]


def _mercator_y(lat: float) -> float:
    """Web Mercator y of a latitude, in radians."""
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def view_for_bounds(bounds: Sequence[float], height_px: float, min_width_px: float, *, margin_px: float = 48,
                    min_zoom: float = 6.0, max_zoom: float = 13.0, step: float = 0.25) -> MapView | None:
    """Centre and zoom that show the box ``bounds`` whole on a map ``height_px`` high and at least
    ``min_width_px`` wide.

    Parameters
    ----------
    bounds
        ``(west, south, east, north)`` in degrees (WGS-84), as ``geometry.bounds`` gives them.
    height_px, min_width_px
        The map's height and the narrowest width it is shown at (a phone): on a wider screen the box just
        has more room around it.
    margin_px
        Pixels left around the box.
    min_zoom, max_zoom
        Bounds on the zoom: a point or a short trip is not shown closer than ``max_zoom``.
    step
        The zoom is rounded down to a multiple of ``step`` (the maps zoom in quarter steps).

    Returns
    -------
    ((lat, lon), zoom), or None
        ``None`` for an empty box (NaN bounds, as an empty geometry has).
    """
    west, south, east, north = (float(v) for v in bounds)
    if not all(math.isfinite(v) for v in (west, south, east, north)):
        return None
    span_x = max((east - west) / 360.0, 1e-6)
    span_y = max((_mercator_y(north) - _mercator_y(south)) / (2 * math.pi), 1e-6)
    zoom = min(math.log2((min_width_px - margin_px) / 256 / span_x),
               math.log2((height_px - margin_px) / 256 / span_y))
    zoom = max(min_zoom, min(max_zoom, math.floor(zoom / step) * step))
    return ((south + north) / 2, (west + east) / 2), zoom


def view_for_trip(trip: Any, height_px: float, min_width_px: float, **options: Any) -> MapView | None:
    """The view that shows a whole trip (:class:`~wuzhen_geo.model.routing.Trip`), ``None`` for a trip with
    no shape; options as :func:`view_for_bounds`."""
    geometry = getattr(trip, "geometry", None)
    if geometry is None or geometry.is_empty:
        return None
    return view_for_bounds(geometry.bounds, height_px, min_width_px, **options)
