"""A datum named before the numbers ("gcj02: 30.74,120.49"), as people label what they copied from AMap or
Baidu: read as that datum; refused when it contradicts a datum chosen otherwise."""

from __future__ import annotations

import pytest

from wuzhen_geo.answers import resolve_origin
from wuzhen_geo.errors import CoordinateError
from wuzhen_geo.model import parse_coordinate


@pytest.mark.parametrize("label", ["gcj02:", "GCJ-02：", "gcj 02 ", "gcj02="])
def test_a_labelled_coordinate_is_read_in_its_datum(label):
    assert parse_coordinate(f"{label} 30.74, 120.49") == parse_coordinate("30.74, 120.49", "gcj02")


def test_bd09_and_wgs84_labels():
    assert parse_coordinate("BD-09: 120.497,30.746") == parse_coordinate("120.497,30.746", "bd09")
    assert parse_coordinate("wgs84: 30.74,120.49") == parse_coordinate("30.74,120.49")


def test_a_label_that_contradicts_the_chosen_datum_is_refused():
    with pytest.raises(CoordinateError, match="says gcj02 but bd09 was chosen"):
        parse_coordinate("gcj02: 30.74,120.49", "bd09")


def test_the_command_line_takes_a_labelled_coordinate_as_a_point(mini_data):
    """``--from "gcj02: 30.74,120.49"`` was "unknown place"."""
    found = resolve_origin(mini_data, "gcj02: 30.745,120.49")
    assert found == resolve_origin(mini_data, "30.745,120.49", system="gcj02")


@pytest.mark.parametrize("text", ["30.7,120.5 abc", "<b>x</b> 30.7, 120.5"])
def test_text_that_is_no_coordinate_is_quoted_as_typed_not_upper_cased(text):
    with pytest.raises(CoordinateError) as err:
        parse_coordinate(text)
    message = str(err.value)
    assert repr(text) in message and text.upper() not in message, message
