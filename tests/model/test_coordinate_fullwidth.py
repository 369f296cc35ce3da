"""Full-width coordinates (as a Chinese input method types them) are documented as accepted: they parse, and
the CLI and the origin resolver take them as a coordinate, not as a place name."""

from __future__ import annotations

import pytest

from wuzhen_geo.answers import resolve_origin
from wuzhen_geo.cli import main
from wuzhen_geo.model import Point, parse_coordinate

EXPECTED = Point(lon=120.4888, lat=30.7459)


@pytest.mark.parametrize("text", [
    "３０．７４５９，１２０．４８８８", "３０．７４５９，　１２０．４８８８", "Ｎ３０．７４５９　Ｅ１２０．４８８８",
    "３０．７４５９ｎ，１２０．４８８８ｅ", "（３０．７４５９，１２０．４８８８）", "１２０．４８８８，３０．７４５９",
    "北纬３０．７４５９，东经１２０．４８８８", "ｌａｔ：３０．７４５９，ｌｏｎ：１２０．４８８８",
])
def test_full_width_coordinates_parse(text):
    point = parse_coordinate(text)
    assert point.lon == pytest.approx(EXPECTED.lon) and point.lat == pytest.approx(EXPECTED.lat)


@pytest.mark.parametrize("text", ["３０．７４５９，１２０．４８８８", "Ｎ３０．７４５９　Ｅ１２０．４８８８"])
def test_full_width_coordinates_are_origins(mini_data, text):
    origin = resolve_origin(mini_data, text)
    assert isinstance(origin, Point)
    assert (origin.lon, origin.lat) == pytest.approx((EXPECTED.lon, EXPECTED.lat))


def test_the_cli_takes_a_full_width_coordinate(capsys, mini_dir):
    assert main(["--data", str(mini_dir), "route", "--from", "３０．７４５９，１２０．４８８８",
                 "--to", "stn_tongxiang", "--mode", "car"]) == 0, capsys.readouterr().err
