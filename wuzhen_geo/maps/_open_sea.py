"""The sea continued past the edge of the data's box, so a map that shows more than the data covers has no
seam in its background. Private to :mod:`wuzhen_geo.maps` (the slide draws it; the overview may too: this
module imports nothing from the map builders).
"""

from __future__ import annotations

from typing import Any

from shapely.geometry import LineString, box, mapping
from shapely.ops import unary_union

from wuzhen_geo.maps.style import CONTEXT_STYLE

__all__ = ["open_sea_features"]

#: How far (degrees) the open sea continues past the data's eastern edge: beyond any view of the region.
_SEA_REACH_DEG = 8.0


def open_sea_features(data: Any) -> list[dict]:
    """The sea continued past the data's box: east of it, where the shipped sea runs along most of the box's
    eastern edge, and north of the stretch of the northern edge that reaches the north-east corner (the open
    sea beyond the Yangtze mouth). One feature in the sea's style without an outline, drawn under the
    background; empty when the data's sea stops short of the edge. Small islands beyond the edge are not drawn."""
    context = getattr(data, "context", None)
    if context is None or len(context) == 0:
        return []
    seas = context[context["kind"] == "sea"]
    if len(seas) == 0:
        return []
    minx, miny, maxx, maxy = (float(v) for v in context.total_bounds)
    sea = unary_union(list(seas.geometry))
    eps = 1e-6
    east = sea.intersection(LineString([(maxx - eps, miny), (maxx - eps, maxy)]))
    if east.length < 0.5 * (maxy - miny):
        return []
    reach = _SEA_REACH_DEG
    parts = [box(maxx - 1e-4, miny - reach, maxx + reach, maxy + reach)]
    north = sea.intersection(LineString([(minx, maxy - eps), (maxx, maxy - eps)]))
    for piece in getattr(north, "geoms", [north]):
        if not piece.is_empty and piece.bounds[2] >= maxx - 1e-3:  # the stretch that reaches the corner
            parts.append(box(piece.bounds[0], maxy - 1e-4, maxx, maxy + reach))
    style = dict(CONTEXT_STYLE["sea"], stroke=False)
    geom = unary_union(parts)
    return [{"type": "Feature", "geometry": mapping(geom), "properties": {"id": "open_sea", "style": style}}]
