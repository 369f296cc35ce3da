"""The map view that fits a box: the whole box is in view on the narrowest map, the zoom is the closest
quarter step that does it, and an empty box gives no view."""

from __future__ import annotations

import math

import pytest
from shapely.geometry import LineString

from wuzhen_geo.maps import view_for_bounds, view_for_trip


def _visible_degrees(zoom: float, px: float, margin: float = 48) -> float:
    """Degrees of longitude shown on ``px - margin`` pixels at ``zoom``."""
    return (px - margin) / 256 / 2 ** zoom * 360


def _merc(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


@pytest.mark.parametrize("bounds", [
    (120.40, 30.60, 120.55, 30.70),   # a few km around Wuzhen
    (120.26, 30.22, 120.55, 30.70),   # Wuzhen to Hangzhou airport: taller than wide
    (120.20, 30.20, 121.80, 31.20),   # to Pudong: wider than tall
])
def test_the_whole_box_fits_and_a_quarter_step_closer_would_not(bounds):
    height, width = 560, 340
    (lat, lon), zoom = view_for_bounds(bounds, height, width)
    west, south, east, north = bounds
    assert lat == pytest.approx((south + north) / 2) and lon == pytest.approx((west + east) / 2)
    assert zoom * 4 == int(zoom * 4) and 6 <= zoom <= 13

    def fits(z: float) -> bool:
        tall = (_merc(north) - _merc(south)) / (2 * math.pi) * 256 * 2 ** z <= height - 48
        return east - west <= _visible_degrees(z, width) and tall

    assert fits(zoom)
    assert zoom == 13 or not fits(zoom + 0.25)


def test_a_point_is_not_shown_closer_than_the_maximum_and_a_huge_box_not_further_than_the_minimum():
    assert view_for_bounds((120.5, 30.6, 120.5, 30.6), 560, 340)[1] == 13
    assert view_for_bounds((100.0, 10.0, 140.0, 50.0), 560, 340)[1] == 6
    assert view_for_bounds((120.5, 30.6, 120.5, 30.6), 560, 340, max_zoom=15)[1] == 15


def test_an_empty_shape_has_no_view():
    assert view_for_bounds((math.nan,) * 4, 560, 340) is None

    class Trip:
        def __init__(self, geometry):
            self.geometry = geometry

    assert view_for_trip(Trip(LineString()), 560, 340) is None
    line = LineString([(120.4, 30.6), (120.5, 30.7)])
    assert view_for_trip(Trip(line), 560, 340) == view_for_bounds(line.bounds, 560, 340)
