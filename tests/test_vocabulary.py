"""The shared vocabulary: one minutes formatter, and bounds that agree with each other."""

from __future__ import annotations

import math

import pytest

from wuzhen_geo.vocabulary import (CONTEXT_AREA, LINK_CLASSES, RAIL_CLASSES, STUDY_AREA, format_gdp_change,
                                   format_minutes, format_people, format_people_change)


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


@pytest.mark.parametrize(("people", "lang", "text"), [
    (7_791_432, "en", "7.79 million"), (7_791_432, "zh", "779 万"),
    # one unit down a column: half a million reads as millions too (the presentation had said 505,216
    # where the command line said 0.51 M)
    (505_216, "en", "0.51 million"), (505_216, "zh", "51 万"),
    (8_512, "en", "8,512"), (8_512, "zh", "8,512"), (None, "en", "–"), (math.nan, "zh", "–"),
])
def test_people_counts_read_one_way(people, lang, text):
    assert format_people(people, lang) == text


@pytest.mark.parametrize(("change", "lang", "text"), [
    (13_515, "en", "+0.01 million"), (-13_515, "zh", "−1 万"), (3_120, "en", "+3,120"),
    (-0.4, "en", "0"), (4_000, "zh", "+4,000"), (math.inf, "en", "–"),
])
def test_a_change_of_people_reads_as_the_counts_do_with_its_sign(change, lang, text):
    assert format_people_change(change, lang) == text


@pytest.mark.parametrize(("change_bn", "lang", "text"), [
    (0.98, "en", "+0.98"), (0.98, "zh", "+9.8"), (-36.2, "zh", "−362.0"), (0.001, "en", "0"), (0.001, "zh", "0"),
])
def test_a_change_of_gdp_reads_to_the_same_resolution_in_both_languages(change_bn, lang, text):
    # en rounded 0.98 to "1" where zh read 9.8 for the same row
    assert format_gdp_change(change_bn, lang) == text
