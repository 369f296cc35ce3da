"""A change reads as the difference of the values shown beside it: the Projects page had said '78 min → 74 min
(change -3.5 min)' and the command line '6.50 million → 6.52 million, +0.03 million'."""

from __future__ import annotations

import math

import pytest

from wuzhen_geo.answers import indicator_change_text, indicator_value_text
from wuzhen_geo.vocabulary import people_change_text


@pytest.mark.parametrize(("base", "full", "unit", "lang", "value", "change"), [
    (78.4, 74.9, "min", "en", "75 min", "-3 min"),  # exact -3.5: the values shown are 78 and 75
    (6_495_371, 6_522_401, "people", "en", "6.52 million", "+0.02 million"),
    (6_495_371, 6_522_401, "people", "zh", "652 万", "+2 万"),
    (23.8, 27.8, "km", "zh", "27.8 公里", "+4.0 公里"),
])
def test_a_change_is_the_difference_of_the_values_shown(base, full, unit, lang, value, change):
    assert indicator_value_text(full, unit, lang) == value
    assert indicator_change_text(base, full, unit, lang) == change


def test_a_change_of_people_below_the_resolution_is_in_full_or_none():
    assert people_change_text(3_000, 9_000, "en") == "+6,000"
    assert people_change_text(6_495_371, 6_496_000, "en") == "0"  # both read 6.50 million
    assert people_change_text(math.nan, 1.0) == "–"
