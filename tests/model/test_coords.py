"""Coordinate parsing and WGS-84 / GCJ-02 / BD-09 conversion."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wuzhen_geo.model.coords import (
    STUDY_AREA,
    Point,
    bd09_to_gcj02,
    bd09_to_wgs84,
    check_study_area,
    distance_m,
    from_wgs84,
    gcj02_to_bd09,
    gcj02_to_wgs84,
    geometry_from_wgs84,
    geometry_to_wgs84,
    to_wgs84,
    wgs84_to_bd09,
    wgs84_to_gcj02,
)
from wuzhen_geo.model.coordinate_text import format_coordinate, parse_coordinate
from wuzhen_geo.errors import CoordinateError, WuzhenGeoError

# Reference vectors published with the widely used JavaScript library wandergis/coordtransform
# (test/app.js, "result" block), for the input (116.404, 39.915):
#   bd09togcj02  -> [116.39762729119315, 39.90865673957631]
#   gcj02tobd09  -> [116.41036949371029, 39.92133699351021]
#   wgs84togcj02 -> [116.41024449916938, 39.91640428150164]
# (Its gcj02towgs84 is the one-step approximation, so it is not a reference for the iterative inverse.)
REF_IN = (116.404, 39.915)
REF_BD_TO_GCJ = (116.39762729119315, 39.90865673957631)
REF_GCJ_TO_BD = (116.41036949371029, 39.92133699351021)
REF_WGS_TO_GCJ = (116.41024449916938, 39.91640428150164)

# A study-area pair: the Tencent POI "乌镇西栅景区 1号停车场" quoted in GCJ-02 as 30.745906, 120.488840;
# its WGS-84 position is about 30.74816, 120.48441 (offset ≈ 0.0045° lon, −0.0023° lat, ~500 m).
XIZHA_GCJ = (120.488840, 30.745906)
XIZHA_WGS_APPROX = (120.484409, 30.748162)

lons = st.floats(min_value=STUDY_AREA[0], max_value=STUDY_AREA[2], allow_nan=False)
lats = st.floats(min_value=STUDY_AREA[1], max_value=STUDY_AREA[3], allow_nan=False)


@pytest.mark.parametrize(
    ("func", "expected"),
    [(bd09_to_gcj02, REF_BD_TO_GCJ), (gcj02_to_bd09, REF_GCJ_TO_BD), (wgs84_to_gcj02, REF_WGS_TO_GCJ)],
)
def test_published_reference_vectors(func, expected):
    got = func(*REF_IN)
    assert got == pytest.approx(expected, abs=1e-11)


def test_gcj_inverse_meets_reference_forward():
    # The inverse of the published forward vector must give back the input to well under 0.5 m.
    lon, lat = gcj02_to_wgs84(*REF_WGS_TO_GCJ)
    assert distance_m(lon, lat, *REF_IN) < 0.01


def test_study_area_pair_and_offset_size():
    lon, lat = gcj02_to_wgs84(*XIZHA_GCJ)
    assert distance_m(lon, lat, *XIZHA_WGS_APPROX) < 2.0
    # The GCJ offset is hundreds of metres: converting must move the point noticeably.
    assert 300 < distance_m(lon, lat, *XIZHA_GCJ) < 700


def test_out_of_china_is_unchanged():
    assert wgs84_to_gcj02(2.35, 48.85) == (2.35, 48.85)


def test_arrays_match_scalars():
    xs = np.array([120.1, 120.5, 121.4])
    ys = np.array([30.2, 30.75, 31.2])
    ax, ay = gcj02_to_wgs84(xs, ys)
    for i in range(3):
        sx, sy = gcj02_to_wgs84(float(xs[i]), float(ys[i]))
        assert (ax[i], ay[i]) == pytest.approx((sx, sy), abs=1e-9)  # both converge to < 1e-8 deg
    assert isinstance(gcj02_to_wgs84(120.5, 30.7)[0], float)


@settings(max_examples=200, deadline=None)
@given(lons, lats)
def test_gcj_round_trip_within_half_metre(lon, lat):
    glon, glat = wgs84_to_gcj02(lon, lat)
    wlon, wlat = gcj02_to_wgs84(glon, glat)
    assert distance_m(wlon, wlat, lon, lat) < 0.5
    # and the other way: wgs -> gcj of the inverse reproduces the GCJ input
    blon, blat = wgs84_to_gcj02(*gcj02_to_wgs84(lon, lat))
    assert distance_m(blon, blat, lon, lat) < 0.5


@settings(max_examples=200, deadline=None)
@given(lons, lats)
def test_bd_round_trip_within_half_metre(lon, lat):
    wlon, wlat = bd09_to_wgs84(*wgs84_to_bd09(lon, lat))
    assert distance_m(wlon, wlat, lon, lat) < 0.5


@pytest.mark.parametrize(
    "text",
    [
        "30.7459, 120.4888",
        "30.7459,120.4888",
        "120.4888,30.7459",  # AMap / Baidu copy lon first
        "120.4888 30.7459",
        "30.7459，120.4888",  # Chinese comma
        "30.7459°N, 120.4888°E",
        "30.7459 N 120.4888 E",
        "N30.7459 E120.4888",
        "E120.4888, N30.7459",
        "北纬30.7459 东经120.4888",
        "(30.7459, 120.4888)",
        "lat: 30.7459, lng: 120.4888",
        "  30.7459 ;  120.4888  ",
    ],
)
def test_parse_formats(text):
    assert parse_coordinate(text) == Point(120.4888, 30.7459)


def test_parse_dms():
    p = parse_coordinate("30°44'45\"N, 120°29'20\"E")
    assert p.lat == pytest.approx(30 + 44 / 60 + 45 / 3600)
    assert p.lon == pytest.approx(120 + 29 / 60 + 20 / 3600)


@pytest.mark.parametrize(
    ("system", "convert"), [("gcj02", gcj02_to_wgs84), ("bd09", bd09_to_wgs84), ("wgs84", lambda x, y: (x, y))]
)
def test_parse_converts_system(system, convert):
    p = parse_coordinate("120.488840,30.745906", system=system)
    assert (p.lon, p.lat) == pytest.approx(convert(120.488840, 30.745906), abs=1e-12)
    assert to_wgs84(120.488840, 30.745906, system) == pytest.approx((p.lon, p.lat), abs=1e-12)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "empty"),
        ("abc", "cannot read"),
        ("30.7", "need exactly two"),
        ("30.7, 120.5, 3", "need exactly two"),
        ("39.9, 116.4", "29.5–32 N"),  # Beijing: outside the study area
        ("30.7 N, 31.0 N", "two latitudes"),
        ("S30.7 E120.5", "outside the study area"),
        ("30°75' N, 120 E", "between 0 and 60"),
    ],
)
def test_parse_errors_are_clear(text, fragment):
    with pytest.raises(CoordinateError, match=fragment) as info:
        parse_coordinate(text)
    assert isinstance(info.value, ValueError) and isinstance(info.value, WuzhenGeoError)


def test_unknown_system():
    with pytest.raises(CoordinateError, match="gcj02"):
        parse_coordinate("30.7, 120.5", system="mars")


def test_check_study_area():
    assert check_study_area(120.5, 30.7) == Point(120.5, 30.7)
    with pytest.raises(CoordinateError, match="expected latitude"):
        check_study_area(130.0, 30.7)
    with pytest.raises(CoordinateError):
        check_study_area(math.nan, 30.7)


@settings(max_examples=300, deadline=None)
@given(lons, lats, st.sampled_from(["latlon", "lonlat"]))
def test_parse_format_round_trip_exact(lon, lat, order):
    text = format_coordinate(Point(lon, lat), order=order, digits=None)
    assert parse_coordinate(text) == Point(lon, lat)


@settings(max_examples=100, deadline=None)
@given(lons, lats)
def test_parse_format_round_trip_rounded(lon, lat):
    text = format_coordinate(Point(lon, lat), digits=6)
    p = parse_coordinate(text)
    assert abs(p.lon - lon) <= 5e-7 + 1e-12 and abs(p.lat - lat) <= 5e-7 + 1e-12


@settings(max_examples=100, deadline=None)
@given(st.floats(120.0, 122.0), st.floats(30.0, 31.5))
def test_format_in_gcj_parses_back(lon, lat):
    text = format_coordinate(Point(lon, lat), order="lonlat", digits=None, system="gcj02")
    p = parse_coordinate(text, system="gcj02")
    assert distance_m(p.lon, p.lat, lon, lat) < 0.5


@pytest.mark.parametrize("system", ["gcj02", "bd09"])
def test_geometry_shift_matches_point_transform_and_round_trips(system):
    from shapely.geometry import LineString

    line = LineString([(120.49, 30.75), (120.56, 30.54), (121.32, 31.20)])
    shifted = geometry_from_wgs84(line, system)
    for (x, y), (sx, sy) in zip(line.coords, shifted.coords):
        assert (sx, sy) == pytest.approx(from_wgs84(x, y, system), abs=1e-12)
        assert distance_m(sx, sy, x, y) > 300  # really moved
    back = geometry_to_wgs84(shifted, system)
    for (x, y), (bx, by) in zip(line.coords, back.coords):
        assert distance_m(bx, by, x, y) < 0.5
    assert geometry_from_wgs84(line, "wgs84").equals(line)


def test_a_point_is_named_in_its_legs_as_the_origin_line_and_the_address_write_it():
    from wuzhen_geo.answers import origin_text

    point = Point(120.485, 30.74)
    assert point.label == origin_text(point) == "30.740000,120.485000"
