"""Finding a place: picker options and labels, candidates of an ambiguous name, the nearest place of a point."""

from __future__ import annotations

import pytest

from wuzhen_geo.answers import (
    SEARCH_ORDER,
    AmbiguousPlaceError,
    near_place_text,
    nearest_place,
    place_candidates,
    resolve_origin,
    search_label,
    search_options,
)
from wuzhen_geo.model import Point


def _kind(data, fid: str) -> str:
    return "zone" if fid in data.zones.index else str(data.places.at[fid, "kind"])


def test_picker_lists_every_zone_and_place_once_airports_and_stations_before_road_nodes(mini_data):
    options = search_options(mini_data)
    assert sorted(options) == sorted(list(mini_data.zones.index) + list(mini_data.places.index))
    ranks = [SEARCH_ORDER.index(_kind(mini_data, fid)) for fid in options]
    assert ranks == sorted(ranks)
    assert options.index("apt_hgh") < options.index("stn_tongxiang") < options.index("ic_wuzhen")
    assert options[: len(mini_data.zones)] == list(mini_data.zones.index)


def test_picker_label_names_both_languages_and_a_status_that_is_not_open(mini_data):
    assert search_label(mini_data, "stn_tongxiang", "en") == "Tongxiang Station 桐乡站"
    assert search_label(mini_data, "stn_tongxiang", "zh") == "桐乡站 Tongxiang Station"
    planned = search_label(mini_data, "stn_hgh_hsr", "zh")
    assert planned.startswith("萧山机场站") and planned.endswith("· 规划")
    assert search_label(mini_data, "stn_hgh_hsr", "en").endswith("· planned")
    assert search_label(mini_data, "no_such_id", "en") == "no_such_id"


def test_candidates_of_an_ambiguous_name_put_the_airport_and_stations_before_road_nodes(shipped_data):
    with pytest.raises(AmbiguousPlaceError):
        resolve_origin(shipped_data, "Hongqiao")
    ids = place_candidates(shipped_data, "Hongqiao")
    assert ids[0] == "apt_sha"
    kinds = [_kind(shipped_data, i) for i in ids]
    assert set(kinds[:3]) == {"airport", "station"}, kinds
    assert {"junction", "interchange"} & set(kinds[3:]), kinds  # the road nodes are still offered, last
    assert place_candidates(shipped_data, "虹桥")[0] == "apt_sha"


def test_candidates_of_wuzhen_xizha_put_the_scenic_zone_before_its_car_park(shipped_data):
    with pytest.raises(AmbiguousPlaceError):
        resolve_origin(shipped_data, "乌镇西栅")
    assert place_candidates(shipped_data, "乌镇西栅") == ["poi_xizha", "jct_wuzhen_xizha"]


def test_candidates_of_a_code_a_misspelling_and_nothing(mini_data):
    assert place_candidates(mini_data, "hgh") == ["apt_hgh"]
    assert "stn_tongxiang" in place_candidates(mini_data, "Tongxaing Station")  # difflib's suggestion
    assert place_candidates(mini_data, "xyzzy") == []
    assert place_candidates(mini_data, "  ") == []
    assert len(place_candidates(mini_data, "互联网", limit=1)) == 1


def test_nearest_place_names_a_point_in_both_languages(mini_data):
    station = mini_data.places.geometry["stn_tongxiang"]
    # about 1.1 km north of the station (0.01° of latitude)
    point = Point(station.x, station.y + 0.01)
    found = nearest_place(mini_data, point)
    assert found.id == "stn_tongxiang" and 1050 < found.metres < 1150
    assert near_place_text(mini_data, point, "en") == "near Tongxiang Station, 1.1 km"
    assert near_place_text(mini_data, point, "zh") == "桐乡站附近 1.1 公里"
    close = Point(station.x, station.y + 0.001)  # about 110 m
    assert near_place_text(mini_data, close, "en") == "near Tongxiang Station, 110 m"
    # on the place (its own coordinates, "10 m" away before): the answers take it for the place, and say so
    on = Point(station.x, station.y + 0.0002)  # about 22 m
    assert near_place_text(mini_data, on, "en") == "Tongxiang Station (its coordinates)"
    assert near_place_text(mini_data, on, "zh") == "桐乡站（坐标）"


def test_nearest_place_skips_road_nodes_and_access_points(mini_data):
    node = mini_data.places.geometry["ic_wuzhen"]
    found = nearest_place(mini_data, Point(node.x, node.y))
    assert mini_data.places.at[found.id, "kind"] in ("airport", "station", "city_centre", "poi")
    assert found.metres > 0


def test_the_web_message_for_an_unknown_place_names_no_file(mini_data):
    from wuzhen_geo.answers import unknown_place_message

    for lang in ("zh", "en"):
        text = unknown_place_message("  xyzzy ", lang)
        assert "“xyzzy”" in text and "geodata" not in text and "/" not in text


@pytest.mark.parametrize("query", ["x" * 100_000, "乌" * 5_000 + "\n" * 50])
def test_an_unknown_place_is_named_in_one_short_line_however_long_the_input(shipped_data, query):
    """A pasted page of text is echoed cut to MAX_QUOTED_CHARS, in the CLI's error and the web message."""
    from wuzhen_geo.answers.places import unknown_place_message
    from wuzhen_geo.errors import UnknownPlaceError
    from wuzhen_geo.vocabulary import MAX_QUOTED_CHARS

    with pytest.raises(UnknownPlaceError) as exc:
        resolve_origin(shipped_data, query)
    for message in (str(exc.value), unknown_place_message(query, "en"), unknown_place_message(query, "zh")):
        assert "\n" not in message and len(message) < MAX_QUOTED_CHARS + 200, message[:300]


@pytest.mark.parametrize("english, chinese", [("Xizha", "西栅"), ("xizha", "西栅")])
def test_a_word_inside_an_english_name_finds_what_the_chinese_word_finds(shipped_data, english, chinese):
    """"Xizha" had been an unknown place (then offered as a suggestion), while 西栅 offered both Xizha places."""
    found = {}
    for query in (english, chinese):
        with pytest.raises(AmbiguousPlaceError) as err:
            resolve_origin(shipped_data, query)
        found[query] = sorted(err.value.suggestions)
    assert found[english] == found[chinese] and len(found[english]) == 2
