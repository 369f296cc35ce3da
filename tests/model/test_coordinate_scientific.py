"""Scientific notation in a pasted coordinate ("1e308,1e308") is refused by name, where it used to be read letter
by letter (the "e" as east) and reported as "found 4 number(s), need exactly two"; a hemisphere letter written
against the digits ("N30.7459E120.4888") still reads as a hemisphere."""

from __future__ import annotations

import pytest

from wuzhen_geo.answers import resolve_origin
from wuzhen_geo.cli import main
from wuzhen_geo.errors import CoordinateError
from wuzhen_geo.model import parse_coordinate


@pytest.mark.parametrize("text", ["1e308,1e308", "1E308, 1E308", "3.07e1, 1.2049e2", "30.7459, 1.204888e2",
                                  "-1e-5,2", "１ｅ３０８，１ｅ３０８"])
def test_scientific_notation_is_refused_by_name(text):
    with pytest.raises(CoordinateError, match="scientific notation") as caught:
        parse_coordinate(text)
    assert "number(s)" not in str(caught.value)
    assert "30.7459, 120.4888" in str(caught.value)  # and says what to write instead


@pytest.mark.parametrize(("text", "lat", "lon"), [
    ("N30.7459E120.4888", 30.7459, 120.4888), ("30.7459N120.4888E", 30.7459, 120.4888), ("N30E120.5", 30.0, 120.5),
    ("120.4888E 30.7459N", 30.7459, 120.4888), ("30.7459N,120.4888E", 30.7459, 120.4888),
])
def test_hemisphere_letters_against_the_digits_still_read(text, lat, lon):
    point = parse_coordinate(text)
    assert (point.lat, point.lon) == pytest.approx((lat, lon))


def test_the_cli_and_the_origin_resolver_say_the_same(mini_data, capsys):
    with pytest.raises(CoordinateError, match="scientific notation"):
        resolve_origin(mini_data, "1e308,1e308")  # the app's coordinate box resolves through it
    assert main(["airports", "--from", "1e308,1e308"]) == 2
    err = capsys.readouterr().err
    assert "scientific notation" in err and "number(s)" not in err
