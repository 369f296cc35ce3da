"""Route steps as residents read them (``wuzhen_geo.answers.route_steps``), checked against the trip's own legs and the
data: every number and name in a step is recomputed here from the legs, not copied from the output."""

from __future__ import annotations

import re
from types import SimpleNamespace

import geopandas as gpd
from shapely.geometry import LineString

from wuzhen_geo.answers.route_steps import (
    MAIN_ROAD_CLASSES,
    rail_lines_text,
    route_steps,
    short_place_name,
    short_road_name,
)
from wuzhen_geo.model import Leg, Trip, route


def _airport(data) -> str:
    return str(data.places.index[data.places["kind"] == "airport"][0])


def _runs(legs) -> list[list]:
    """Independent grouping: a drive, a ride on one line, or a run of everything else."""
    runs: list[list] = []
    for leg in legs:
        key = "car" if leg.mode == "car" else f"rail:{leg.line_id}" if leg.mode == "rail" else "stop"
        if runs and runs[-1][0] == key and key != "car":
            runs[-1][1].append(leg)
        else:
            runs.append((key, [leg]))
    return [legs for _, legs in runs]


def test_a_drive_names_its_main_roads_and_no_connector(mini_data, mini_net):
    trip = route(mini_net, mini_data.zones.index[0], _airport(mini_data), mode="car")
    steps = route_steps(trip, mini_data, "en")
    drive = next(leg for leg in trip.legs if leg.mode == "car")
    assert steps[0].startswith(f"Drive {drive.minutes:.0f} min, ")
    assert f"{drive.km:.0f} km" in steps[0]
    used = [mini_data.links.loc[lid] for lid in trip.link_ids if lid in mini_data.links.index]
    main = [r["name_en"] for r in used if r["mode"] == "road" and r["class"] in MAIN_ROAD_CLASSES]
    minor = [r["name_en"] for r in used if r["mode"] == "road" and r["class"] not in MAIN_ROAD_CLASSES]
    assert main and minor, "the fixture trip should use both kinds of road"
    via = steps[0].split(", via ", 1)[1]
    for road in main:
        assert short_road_name(road) in via
    for road in minor:
        assert road not in steps[0]
    # in driving order
    positions = [via.index(short_road_name(road)) for road in main]
    assert positions == sorted(positions)


def test_waits_and_checks_are_one_step_and_the_ride_names_line_and_stations(mini_data, mini_net):
    trip = route(mini_net, mini_data.zones.index[0], _airport(mini_data), mode="rail")
    steps = route_steps(trip, mini_data, "en")
    runs = [r for r in _runs(trip.legs) if sum(leg.minutes for leg in r) >= 0.5]
    assert len(steps) == len(runs)
    for step, run in zip(steps, runs):
        minutes = sum(leg.minutes for leg in run)
        shown = int(re.search(r"(\d+) min", step).group(1))
        assert abs(shown - minutes) < 1, (step, minutes)  # within a minute: the steps add up to the total
        if run[0].mode == "rail":
            assert step.startswith(f"Take {run[0].line_name} ")
            board = run[0].from_name.split(" (")[0]
            alight = run[-1].to_name.split(" (")[0]
            assert re.search(re.escape(board) + r".* → .*" + re.escape(alight), step), step
    modes = {leg.mode for leg in trip.legs}
    assert {"processing", "wait"} <= modes  # the check and the wait ...
    assert sum("wait" in s.lower() for s in steps) == 1  # ... are said once


def test_steps_in_chinese_use_chinese_names_and_words(mini_data, mini_net):
    trip = route(mini_net, mini_data.zones.index[0], _airport(mini_data), mode="rail")
    en, zh = route_steps(trip, mini_data, "en"), route_steps(trip, mini_data, "zh")
    assert len(en) == len(zh)
    assert zh[0].startswith("驾车 ") and "分钟" in zh[0] and "公里" in zh[0]
    ride = next(leg for leg in trip.legs if leg.mode == "rail")
    assert any(s.startswith(f"乘{ride.line_name_zh} ") for s in zh)
    for step in zh:
        assert not re.search(r"\b(Drive|Take|via|min|km)\b", step), step


def test_table_cell_names_the_boarding_station_and_the_train(mini_data, mini_net):
    trip = route(mini_net, mini_data.zones.index[0], _airport(mini_data), mode="rail")
    ride = next(leg for leg in trip.legs if leg.mode == "rail")
    text = rail_lines_text(trip.legs, mini_data, "en")
    assert text.startswith(short_place_name(ride.from_name) + ": ")
    assert mini_data.links.at[ride.line_id, "class"] in ("metro", "hsr", "intercity", "suburban", "conventional")
    drive = route(mini_net, mini_data.zones.index[0], _airport(mini_data), mode="car")
    assert rail_lines_text(drive.legs, mini_data) == ""


def test_without_data_a_drive_names_no_roads():
    legs = (Leg("car", "a", "A access", "b", "B International Airport", None, "X / Y", 50.0, 70.0),)
    steps = route_steps(Trip("a", "b", "car", 50.0, 70.0, legs), None, "en")
    assert steps == ["Drive 50 min, 70 km: A → B Airport"]


def test_one_route_number_is_named_once():
    links = gpd.GeoDataFrame(
        {"id": ["r1", "r2", "r3"], "name_en": ["G60 West (Qitang)", "Ring road", "G60 East (Xiasha)"],
         "name_zh": ["沪杭高速(G60)西段", "环路", "沪昆高速(G60)东段"], "mode": ["road"] * 3,
         "class": ["expressway", "arterial", "expressway"], "length_km": [None, None, None]},
        geometry=[LineString([(120.0, 30.5), (120.3, 30.5)]), LineString([(120.3, 30.5), (120.31, 30.5)]),
                  LineString([(120.31, 30.5), (120.6, 30.5)])], crs="EPSG:4326").set_index("id")
    data = SimpleNamespace(links=links)
    legs = (Leg("car", "a", "A", "b", "B", None, " / ".join(links["name_en"]), 40.0, 60.0,
                line_name_zh=" / ".join(links["name_zh"])),)
    trip = Trip("a", "b", "car", 40.0, 60.0, legs, link_ids=tuple(links.index))
    en, zh = route_steps(trip, data, "en")[0], route_steps(trip, data, "zh")[0]
    assert en.count("G60") == 1 and en.endswith("via G60, Ring road")
    assert zh.count("G60") == 1 and zh.endswith("经沪杭高速(G60)、环路")


def test_short_names():
    assert short_road_name("S12 Shanghai–Jiaxing–Huzhou Expressway (Jiaxing section)") == "S12"
    assert short_road_name("申嘉湖高速(S12)嘉兴段", "zh") == "申嘉湖高速(S12)"
    assert short_road_name("Hangzhou east urban expressway (Pengbu – Wulin)") == "Hangzhou east urban expressway"
    assert short_place_name("Hangzhou East Station (metro line 19)") == "Hangzhou East Station"
    assert short_place_name("Shanghai Hongqiao International Airport (T2)") == "Shanghai Hongqiao Airport (T2)"
    assert short_place_name("Wuzhen station (proposed)") == "Wuzhen station (proposed)"
    assert short_place_name("总部会展区入口", "zh") == "总部会展区"


def test_no_legs_says_so():
    assert route_steps(Trip("a", "a", "car", 0.0, 0.0, ()), None, "zh") == ["无需出行：起点即终点。"]


def test_steps_of_a_drive_that_passes_a_road_twice(mini_data, mini_net):
    # The mini fixture's rail answer from the HQ zone to Xiaoshan drives a link out and back before the
    # train; its steps once failed with "cannot convert the series to float" (a link's length looked up twice).
    from wuzhen_geo.answers import route_steps, trip_answer

    trip = trip_answer(mini_net, "zone_hq", "apt_hgh", mode="rail")
    roads = [fid for fid in trip.feature_ids if fid in mini_data.links.index
             and mini_data.links.at[fid, "mode"] == "road"]
    steps = route_steps(trip, mini_data, "en")
    assert roads and any(step.startswith("Take ") for step in steps), steps


def test_a_change_through_a_second_security_check_says_it_is_a_change(shipped_net, shipped_data):
    """From zone_hq to Pudong by rail the steps said "Security check and wait for the train 24 min at Shanghai
    Hongqiao Station" for leaving the HSR station, walking to the Airport Link and its check: a change."""
    from wuzhen_geo.answers import trip_answer

    trip = trip_answer(shipped_net, "zone_hq", "apt_pvg", mode="rail")
    for lang, change, check in (("en", "Change trains", "Security check and wait for the train"),
                                ("zh", "换乘", "安检、候车")):
        steps = route_steps(trip, shipped_data, lang)
        at_hongqiao = [s for s in steps if ("Hongqiao Station" in s or "虹桥站" in s) and not s.startswith(("Take", "乘"))]
        assert len(at_hongqiao) == 1 and change in at_hongqiao[0], steps
        assert "security check" in at_hongqiao[0] or "安检" in at_hongqiao[0]
        assert check in steps[1] and change not in steps[1]  # the first boarding is still a check


def test_a_change_to_a_metro_station_named_after_the_railway_station_says_which(shipped_net, shipped_data):
    """From zone_hq to Xiaoshan by rail the change at Hangzhou East read "at Hangzhou East Station: leave the
    station, walk to Hangzhou East Station": the metro station's short name is the railway station's."""
    from wuzhen_geo.answers import trip_answer

    trip = trip_answer(shipped_net, "zone_hq", "apt_hgh", mode="rail")
    for lang in ("en", "zh"):
        changes = [s for s in route_steps(trip, shipped_data, lang) if s.startswith("Change trains") or "换乘" in s]
        assert changes, route_steps(trip, shipped_data, lang)
        for step in changes:
            pattern = (r"Change trains \S+ min at (.+): leave the station, walk to (.+), security" if lang == "en"
                       else r"(.+)换乘 .*步行至(.+)、安检")
            at, to = re.match(pattern, step).groups()
            assert at != to, step


def test_a_coach_trip_is_told_as_a_coach_trip(shipped_net, shipped_data):
    """From Wuzhen by coach to Hongqiao the steps said "wait for the train" before the coach and "Wait 2 min"
    for getting off it."""
    from wuzhen_geo.answers import trip_answer

    trip = trip_answer(shipped_net, "poi_wuzhen_centre", "apt_sha", mode="coach")
    steps = route_steps(trip, shipped_data, "en")
    assert steps[0].startswith("Security check and wait for the coach"), steps
    ride = next(i for i, s in enumerate(steps) if s.startswith("Take"))
    assert steps[ride + 1].startswith("Leave "), steps  # off the coach, not a wait
    assert not any("train" in s or s.startswith("Wait") for s in steps), steps
    zh = route_steps(trip, shipped_data, "zh")
    assert "出站" in zh[ride + 1] and "等候" not in zh[ride + 1], zh
