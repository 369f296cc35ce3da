"""Place lookup: ids, names in both languages, codes, prefixes, coordinates and suggestions."""

from __future__ import annotations

import dataclasses

import pytest

from wuzhen_geo.model.coords import Point, gcj02_to_wgs84, origin_id
from wuzhen_geo.errors import CoordinateError, UnknownPlaceError
from wuzhen_geo.answers.places import (
    KIND_PRIORITY,
    AmbiguousPlaceError,
    looks_like_coordinate,
    normalise_name,
    place_choices,
    place_label,
    place_name,
    resolve_origin,
)


def test_every_id_resolves_to_itself(mini_data):
    for fid in list(mini_data.places.index) + list(mini_data.zones.index):
        assert resolve_origin(mini_data, fid) == fid
        assert resolve_origin(mini_data, fid.upper()) == fid


def test_every_name_resolves_in_both_languages(mini_data):
    # Names are unique in the fixture, so each exact name (and a spaced/cased variant) must find its feature.
    for frame in (mini_data.places, mini_data.zones):
        for fid, row in frame.iterrows():
            assert resolve_origin(mini_data, row["name_zh"]) == fid
            assert resolve_origin(mini_data, row["name_en"]) == fid
            assert resolve_origin(mini_data, "  " + row["name_en"].upper().replace(" ", "  ") + " ") == fid


def test_labels_read_back(mini_data):
    for label, fid in place_choices(mini_data).items():
        assert resolve_origin(mini_data, label) == fid
        assert place_label(mini_data, fid) == label


def test_zone_name_gives_zone_id(mini_data):
    assert resolve_origin(mini_data, "互联网总部会展区") == "zone_hq"


def test_airport_code(mini_data):
    iata = mini_data.places.loc["apt_hgh", "iata"]
    assert resolve_origin(mini_data, iata.lower()) == "apt_hgh"


def test_short_form_and_prefix(mini_data):
    assert resolve_origin(mini_data, "杭州东") == "stn_hangzhou_east"  # 杭州东站 without 站
    assert resolve_origin(mini_data, "hangzhou east") == "stn_hangzhou_east"
    # 桐乡 is the short form of the station, the city centre and the interchange: the city centre wins.
    assert mini_data.places.loc[resolve_origin(mini_data, "桐乡"), "kind"] == "city_centre"


def test_ambiguous_prefix_lists_candidates(mini_data):
    with pytest.raises(AmbiguousPlaceError) as info:
        resolve_origin(mini_data, "互联网")
    ids = {s.rsplit("(", 1)[1].rstrip(")") for s in info.value.suggestions}
    expected = {z for z, n in mini_data.zones["name_zh"].items() if n.startswith("互联网")}
    assert ids == expected and len(ids) >= 2
    assert isinstance(info.value, KeyError) and isinstance(info.value, UnknownPlaceError)


def test_close_miss_suggests(mini_data):
    with pytest.raises(UnknownPlaceError) as info:
        resolve_origin(mini_data, "杭洲东站")  # typo: 洲 for 州
    assert info.value.suggestions
    assert resolve_origin(mini_data, info.value.suggestions[0]) == "stn_hangzhou_east"
    assert "did you mean" in str(info.value)
    with pytest.raises(UnknownPlaceError) as info:
        resolve_origin(mini_data, "Hangzou Eest Station")
    assert any("stn_hangzhou_east" in s for s in info.value.suggestions)
    assert len(info.value.suggestions) <= 3


def test_no_match_has_no_suggestions(mini_data):
    with pytest.raises(UnknownPlaceError) as info:
        resolve_origin(mini_data, "qqqqqqqq")
    assert info.value.suggestions == []


@pytest.mark.parametrize("text", ["30.75, 120.49", "120.49,30.75", "30.75°N 120.49°E"])
def test_coordinates(mini_data, text):
    p = resolve_origin(mini_data, text)
    assert (p.lon, p.lat) == (120.49, 30.75)


def test_coordinates_in_gcj02(mini_data):
    p = resolve_origin(mini_data, "120.49,30.75", system="gcj02")
    assert (p.lon, p.lat) == pytest.approx(gcj02_to_wgs84(120.49, 30.75))


def test_bad_coordinates_raise_coordinate_error(mini_data):
    with pytest.raises(CoordinateError):
        resolve_origin(mini_data, "39.9, 116.4")


def test_point_passes_through(mini_data):
    p = resolve_origin(mini_data, Point(120.5, 30.7))
    assert (p.lon, p.lat) == (120.5, 30.7)
    with pytest.raises(CoordinateError):
        resolve_origin(mini_data, (10.0, 10.0))


def test_helpers(mini_data):
    assert normalise_name("  Hangzhou  EAST  ") == normalise_name("hangzhoueast")
    assert normalise_name("ＨＧＨ") == "hgh"  # full-width
    assert place_name(mini_data, "zone_hq", "en") == mini_data.zones.loc["zone_hq", "name_en"]
    assert place_name(mini_data, "nope") == "nope"
    assert origin_id(Point(120.5, 30.7)) == "pt:30.700000,120.500000"
    assert origin_id("zone_hq") == "zone_hq"


def test_an_origin_key_reads_back_to_its_origin(mini_data):
    for origin in (Point(120.5, 30.7), Point(120.488812, 30.745934), "zone_hq", "stn_tongxiang"):
        assert resolve_origin(mini_data, origin_id(origin)) == origin
        assert resolve_origin(mini_data, origin_id(origin), system="gcj02") == origin  # a key is always WGS-84
    assert set(place_choices(mini_data, kinds=["zone"]).values()) == set(mini_data.zones.index)


def test_shared_name_goes_to_the_preferred_kind(mini_data):
    # Rename the junction to the station's name: the station wins, and "路口" names no kind, so no tie.
    places = mini_data.places.copy()
    places.loc["jct_cross", "name_zh"] = places.loc["stn_tongxiang", "name_zh"]
    twin = dataclasses.replace(mini_data, places=places)
    assert resolve_origin(twin, places.loc["stn_tongxiang", "name_zh"]) == "stn_tongxiang"
    places.loc["stn_jiaxing_south", "name_zh"] = places.loc["stn_tongxiang", "name_zh"]
    with pytest.raises(AmbiguousPlaceError):  # two stations of one name: a real tie
        resolve_origin(dataclasses.replace(mini_data, places=places), places.loc["stn_tongxiang", "name_zh"])


def test_data_not_mutated(mini_data):
    before = mini_data.places.copy()
    resolve_origin(mini_data, "桐乡")
    assert mini_data.places.equals(before)


def test_shipped_zone_and_airport_names(shipped_data):
    data = shipped_data
    for zid, row in data.zones.iterrows():
        assert resolve_origin(data, row["name_zh"]) == zid
    for code in ("HGH", "SHA", "PVG", "WUX"):
        pid = resolve_origin(data, code)
        assert data.places.loc[pid, "kind"] == "airport"


def test_kind_word_and_abbreviation(mini_data):
    # 萧山机场 names no feature exactly; "机场" asks for the airport among 杭州萧山国际机场 (abbreviated),
    # 萧山机场站 and 萧山国际机场(地铁) (prefixes).
    assert mini_data.places.loc[resolve_origin(mini_data, "萧山机场"), "kind"] == "airport"
    # 总部会展区 is a prefix of the access point's name and an abbreviation of the zone's: "区" asks for the zone.
    assert resolve_origin(mini_data, "总部会展区") == "zone_hq"
    assert resolve_origin(mini_data, "州东站") == "stn_hangzhou_east"  # characters in order


@pytest.mark.parametrize(
    ("text", "expected"),
    [("30.7, 120.5", True), ("北纬30.7459，东经120.4888", True), ("30°44'45\"N, 120°29'20\"E", True),
     ("lat: 30.7 lng: 120.5", True), ("Lianshi hub (S12 / S13 / S9)", False), ("G60 2", False), ("30.7", False)],
)
def test_looks_like_coordinate(text, expected):
    assert looks_like_coordinate(text) is expected


def test_every_shipped_name_finds_its_feature(shipped_data):
    data = shipped_data
    kinds = {**dict(data.places["kind"]), **{z: "zone" for z in data.zones.index}}
    names: dict[str, list[str]] = {}
    for frame in (data.places, data.zones):
        for fid, row in frame.iterrows():
            for col in ("name_zh", "name_en"):
                names.setdefault(normalise_name(row[col]), []).append(fid)
    wrong = []
    for frame in (data.places, data.zones):
        for fid, row in frame.iterrows():
            for col in ("name_zh", "name_en"):
                try:
                    got = resolve_origin(data, row[col])
                except UnknownPlaceError as exc:
                    got = str(exc)
                # A name shared by several features goes to the one of the highest-priority kind.
                sharing = names[normalise_name(row[col])]
                expected = min(sharing, key=lambda i: KIND_PRIORITY.index(kinds[i]))
                if got != expected:
                    wrong.append((fid, row[col], got))
    assert not wrong


def test_a_drawn_stop_snaps_to_the_station_it_was_drawn_on(mini_data):
    from wuzhen_geo.answers.places import snap_to_place

    data = mini_data
    station = data.places.geometry["stn_tongxiang"]
    # ~300 m east of the station: the planner meant the station
    assert snap_to_place(data, station.x + 0.003, station.y, mode="rail") == "stn_tongxiang"
    # ~10 km away from every station: a new stop
    assert snap_to_place(data, station.x + 0.1, station.y + 0.05, mode="rail") is None
    # a road link snaps to road nodes too, never a rail link to a junction
    junction = data.places.geometry["jct_cross"]
    assert snap_to_place(data, junction.x, junction.y, mode="road") == "jct_cross"
    assert snap_to_place(data, junction.x, junction.y, mode="rail") != "jct_cross"
