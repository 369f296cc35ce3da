"""Origins on open water: a clicked or pasted point in a lake or out at sea is refused, not joined to the roads
across the water as if it stood on the shore.

The lakes are the data's own (``context.geojson``, kind ``lake``, GSHHG outlines); islands are holes in them,
so a point on an island stands. The outlines are older than the lakeshore enclosed since (the S9 Wujiang
interchange stands 1.6 km inside Lake Tai's), and roads are drawn schematically across them (the S9 Suzhou–
Taizhou expressway up to 3.5 km), so what is near a road or place of the data is never taken for water. The sea's
outline (same source) is older than the land reclaimed since, so only a point far out is refused there: the
open sea east of Shanghai, the middle of Hangzhou Bay.
"""

from __future__ import annotations

from typing import Any

from pyproj import Transformer
from shapely import STRtree
from shapely.geometry import Point as ShapelyPoint
from shapely.prepared import prep

from wuzhen_geo.data import GeoData
from wuzhen_geo.model import Point
from wuzhen_geo.model.coords import coordinate_error
from wuzhen_geo.vocabulary import METRIC_CRS

__all__ = ["SHORE_MARGIN_M", "SEA_MARGIN_M", "NEAR_NETWORK_M", "check_on_land"]

#: How far inside a lake's outline a point must lie to be refused. The outlines are approximate (GSHHG, drawn
#: decades ago, a few hundred metres off in places): a point close to the shore may be on land.
SHORE_MARGIN_M = 300.0
#: The same for the sea, whose outline predates the reclaimed land: measured on it, Lingang's Dishui Lake lies
#: 2.3 km and Pudong airport's eastern runways 2.7 km inside; 8 km is about three times the deepest land known.
#: Islands under 3 km2 were dropped from the outline: a point on one is refused, as the data have no way to it.
SEA_MARGIN_M = 8000.0
_MARGIN_BY_KIND = {"lake": SHORE_MARGIN_M, "sea": SEA_MARGIN_M}
#: A point this near a link or place of the data stands, wherever the lake's outline puts it (see above).
NEAR_NETWORK_M = 1000.0

_TO_METRIC = Transformer.from_crs("EPSG:4326", METRIC_CRS, always_xy=True)
# per data (kept with it, so new data at a reused id is not mistaken for it): the lakes and the sea shrunk by
# their margins, prepared for fast point tests, and the data's links and places, indexed for "is one near"
_water_of: dict[int, tuple[Any, list[tuple[dict[str, str], Any]], STRtree | None]] = {}


def _open_water(data: GeoData) -> tuple[list[tuple[dict[str, str], Any]], STRtree | None]:
    context = getattr(data, "context", None)
    if context is None or len(context) == 0 or "kind" not in context:
        return [], None
    kept = _water_of.get(id(data))
    if kept is not None and kept[0] is data:
        return kept[1], kept[2]
    waters = context[context["kind"].isin(list(_MARGIN_BY_KIND))]
    if "accuracy" in waters:  # a schematic outline (drawn by hand from a description) is no test of water
        waters = waters[waters["accuracy"] != "schematic"]
    water = []
    for water_id, geom in waters.to_crs(METRIC_CRS).geometry.items():
        row = waters.loc[water_id]
        inner = geom.buffer(-_MARGIN_BY_KIND[row["kind"]])
        if not inner.is_empty:
            names = {"en": str(row.get("name_en") or water_id), "zh": str(row.get("name_zh") or water_id)}
            water.append((names, prep(inner)))
    network = STRtree([*data.links.to_crs(METRIC_CRS).geometry, *data.places.to_crs(METRIC_CRS).geometry]
                      ) if water else None
    if len(_water_of) >= 8:  # a few data sets per process at most (tests load many small ones)
        _water_of.clear()
    _water_of[id(data)] = (data, water, network)
    return water, network


def check_on_land(data: GeoData, point: Point) -> Point:
    """``point`` unchanged, or ``CoordinateError`` naming the lake or sea it lies in (more than
    :data:`SHORE_MARGIN_M` from a lake's shore or :data:`SEA_MARGIN_M` from the coast, and
    :data:`NEAR_NETWORK_M` from every link and place)."""
    water, network = _open_water(data)
    if not water:
        return point
    here = ShapelyPoint(*_TO_METRIC.transform(point.lon, point.lat))
    for names, area in water:
        if area.contains(here) and not len(network.query(here, predicate="dwithin", distance=NEAR_NETWORK_M)):
            raise coordinate_error("coord_in_water", lat=f"{point.lat:.6f}", lon=f"{point.lon:.6f}", water=names)
    return point
