"""Fuzzing pasted coordinates: any text gets a WGS-84 point inside the study area or a one-line
``CoordinateError``, never another exception, quickly; a point written in any of the accepted styles (either
order, separators, markers, full width) reads back to itself."""

from __future__ import annotations

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz import fuzz_settings
from wuzhen_geo.errors import CoordinateError
from wuzhen_geo.model import parse_coordinate
from wuzhen_geo.vocabulary import COORDINATE_SYSTEMS, STUDY_AREA

_FULL_WIDTH = str.maketrans({c: chr(ord(c) + 0xFEE0) for c in "0123456789.,NEne:"} | {" ": "\u3000"})
SECONDS = 0.5

_TOKENS = list("0123456789.,-+ °'\"NSEWnsew，、．：；（）()[]北纬东经度分秒") + [
    "\u3000", "０", "３", "１", "ｅ", "Ｎ", "lat", "lon", "1e308", "inf", "nan", "9" * 400, "30.7459", "120.4888"]
coordinate_like = st.lists(st.sampled_from(_TOKENS), max_size=30).map("".join)


def _check(text: str, system: str = "wgs84") -> None:
    started = time.perf_counter()
    try:
        point = parse_coordinate(text, system=system)
    except CoordinateError as exc:
        message = str(exc)
        assert "\n" not in message and len(message) < 600, message
    else:
        assert STUDY_AREA[0] <= point.lon <= STUDY_AREA[2] and STUDY_AREA[1] <= point.lat <= STUDY_AREA[3]
    assert time.perf_counter() - started < SECONDS


@fuzz_settings(300)
@given(text=st.one_of(coordinate_like, st.text(max_size=80)), system=st.sampled_from(COORDINATE_SYSTEMS))
def test_any_text_is_a_point_in_the_area_or_a_clear_error(text, system):
    _check(text, system)


@fuzz_settings(300)
@given(lon=st.floats(STUDY_AREA[0] + 0.01, STUDY_AREA[2] - 0.01), lat=st.floats(STUDY_AREA[1] + 0.01, STUDY_AREA[3] - 0.01),
       style=st.integers(0, 5), full_width=st.booleans(), sep=st.sampled_from([",", ", ", "，", " ", ";", "、"]))
def test_a_point_in_any_accepted_style_reads_back(lon, lat, style, full_width, sep):
    text = [f"{lat:.6f}{sep}{lon:.6f}", f"{lon:.6f}{sep}{lat:.6f}", f"{lat:.6f}N{sep}{lon:.6f}E",
            f"N{lat:.6f} E{lon:.6f}", f"北纬{lat:.6f}{sep}东经{lon:.6f}", f"({lat:.6f}{sep}{lon:.6f})"][style]
    if full_width:
        text = text.translate(_FULL_WIDTH)
    point = parse_coordinate(text)
    assert point.lon == pytest.approx(lon, abs=1e-6) and point.lat == pytest.approx(lat, abs=1e-6)


@pytest.mark.parametrize("text", ["N0,0", "E0 N0", "9" * 5000 + ",120", "1e308,1e308", "inf,nan", "-0,-0", "30.7" + "." * 1000,
                                  "３" * 10_000, "30.7459, 120.4888" * 500])
def test_absurd_texts_are_clear_errors(text):
    _check(text)
