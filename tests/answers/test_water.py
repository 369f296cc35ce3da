"""A clicked or pasted origin on a lake or far out at sea is refused, naming the water; the shore, islands,
reclaimed land and every place of the data stand (they were joined to the roads across the water, as if on the
shore)."""

from __future__ import annotations

import geopandas as gpd
import pytest
from shapely.geometry import Polygon

from wuzhen_geo.answers.places import resolve_origin
from wuzhen_geo.answers.water import SEA_MARGIN_M, SHORE_MARGIN_M
from wuzhen_geo.errors import CoordinateError
from wuzhen_geo.model import Point
from wuzhen_geo.vocabulary import METRIC_CRS


def _lake(shipped_data, lake_id: str):
    return gpd.GeoSeries([shipped_data.context.loc[lake_id].geometry], crs="EPSG:4326").to_crs(METRIC_CRS).iloc[0]


def _text(point_metric) -> str:
    lon, lat = gpd.GeoSeries([point_metric], crs=METRIC_CRS).to_crs("EPSG:4326").iloc[0].coords[0]
    return f"{lat:.6f},{lon:.6f}"


def test_a_point_on_lake_tai_is_refused_in_both_languages(shipped_data):
    middle = _lake(shipped_data, "ctx_lake_taihu").buffer(-5_000).representative_point()
    with pytest.raises(CoordinateError) as refused:
        resolve_origin(shipped_data, _text(middle))
    assert "lies on the water of Lake Tai" in str(refused.value) and "choose a point on land" in str(refused.value)
    assert "在太湖的水面上" in refused.value.text("zh")
    with pytest.raises(CoordinateError, match="Lake Tai"):  # a (lon, lat) pair and a stored origin key too
        resolve_origin(shipped_data, tuple(map(float, reversed(_text(middle).split(",")))))
    with pytest.raises(CoordinateError, match="Lake Tai"):
        resolve_origin(shipped_data, "pt:" + _text(middle))


def test_the_shore_and_the_islands_stand(shipped_data):
    lake = _lake(shipped_data, "ctx_lake_taihu")
    near_shore = Polygon(lake.buffer(-SHORE_MARGIN_M / 3).exterior).exterior.interpolate(0.25, normalized=True)
    assert lake.contains(near_shore)  # inside the approximate outline, within the margin: may be land
    assert isinstance(resolve_origin(shipped_data, _text(near_shore)), Point)
    assert lake.interiors, "the lake's islands are holes in it"
    island = max((Polygon(ring) for ring in lake.interiors), key=lambda p: p.area).representative_point()
    assert isinstance(resolve_origin(shipped_data, _text(island)), Point)


def test_every_place_and_road_of_the_data_stands_as_a_pasted_point(shipped_data):
    """What the map draws is never taken for water: the S9 Wujiang interchange stands 1.6 km inside Lake Tai's
    outline, and schematic roads cross it (both were refused with a shore margin alone)."""
    along = [(lid, line.interpolate(d)) for lid, line in shipped_data.links.to_crs(METRIC_CRS).geometry.items()
             for d in range(0, int(line.length), 500)]
    points = list(shipped_data.places.geometry.items()) + list(zip(
        [lid for lid, _ in along], gpd.GeoSeries([p for _, p in along], crs=METRIC_CRS).to_crs("EPSG:4326")))
    refused = []
    for fid, geom in points:
        try:
            resolve_origin(shipped_data, f"{geom.y:.6f},{geom.x:.6f}")
        except CoordinateError as exc:
            refused.append((fid, str(exc)))
    assert not refused


@pytest.mark.parametrize("where, lat_lon", [("the open sea 30 km east of Pudong", "31.200000,122.200000"),
                                            ("the middle of Hangzhou Bay", "30.500000,121.050000")])
def test_a_point_far_out_at_sea_is_refused_in_both_languages(shipped_data, where, lat_lon):
    """Both were answered with a drive from the nearest road (Pudong airport in 128 min from the open sea)."""
    sea = _lake(shipped_data, "ctx_sea")
    here = gpd.GeoSeries.from_xy([float(lat_lon.split(",")[1])], [float(lat_lon.split(",")[0])], crs="EPSG:4326")
    assert sea.buffer(-SEA_MARGIN_M).contains(here.to_crs(METRIC_CRS).iloc[0]), where
    with pytest.raises(CoordinateError) as refused:
        resolve_origin(shipped_data, lat_lon)
    assert "lies on the water of East China Sea" in str(refused.value)
    assert "东海" in refused.value.text("zh")


@pytest.mark.parametrize("where, lat_lon", [("Lingang, Dishui Lake's shore", "30.900000,121.930000"),
                                            ("Pudong airport's eastern runways", "31.150000,121.835000")])
def test_land_reclaimed_since_the_sea_outline_stands(shipped_data, where, lat_lon):
    """The outline predates the reclamation: both lie inside it, 2.3 and 2.7 km from its coast."""
    sea = _lake(shipped_data, "ctx_sea")
    here = gpd.GeoSeries.from_xy([float(lat_lon.split(",")[1])], [float(lat_lon.split(",")[0])], crs="EPSG:4326")
    assert sea.contains(here.to_crs(METRIC_CRS).iloc[0]), where
    assert isinstance(resolve_origin(shipped_data, lat_lon), Point)
