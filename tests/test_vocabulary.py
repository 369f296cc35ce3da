"""The shared vocabulary: one minutes formatter, and bounds that agree with each other."""

from __future__ import annotations

import math

import pytest

from wuzhen_geo.vocabulary import CONTEXT_AREA, LINK_CLASSES, RAIL_CLASSES, STUDY_AREA, format_minutes


@pytest.mark.parametrize(("minutes", "lang", "text"), [
    (43.4, "en", "43 min"), (43.6, "zh", "44 分钟"), (0.4, "en", "<1 min"), (0.99, "zh", "<1 分钟"),
    (0.0, "en", "0 min"), (1.0, "en", "1 min"), (math.inf, "en", "unreachable"), (math.nan, "en", "unreachable"),
    (None, "zh", "unreachable"),
])
def test_minutes_read_as_people_say_them(minutes, lang, text):
    assert format_minutes(minutes, lang) == text


def test_unreachable_says_why_when_asked():
    assert format_minutes(math.inf, unreachable="no rail route") == "no rail route"


def test_the_study_area_lies_inside_the_context_area():
    assert CONTEXT_AREA[0] < STUDY_AREA[0] < STUDY_AREA[2] < CONTEXT_AREA[2]
    assert CONTEXT_AREA[1] < STUDY_AREA[1] < STUDY_AREA[3] < CONTEXT_AREA[3]


def test_rail_links_and_stations_share_their_classes():
    assert LINK_CLASSES["rail"] == RAIL_CLASSES
