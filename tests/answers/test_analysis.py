"""Airport times, comparisons with attribution, plan indicators and zone matrices on the mini fixture."""

from __future__ import annotations

import dataclasses
import math
import re

import geopandas as gpd
import pandas as pd
import pytest

from wuzhen_geo.answers import (
    NO_SENSIBLE_RAIL,
    airport_times,
    cause_summary,
    compare,
    legs_text,
    link_changes,
    plan_indicators,
    project_changes,
    trip_answer,
    zone_matrix,
)
from wuzhen_geo.answers.indicators import SAME_TRACK_M
from wuzhen_geo.errors import WuzhenGeoError
from wuzhen_geo.vocabulary import METRIC_CRS, shown_change
from wuzhen_geo.model.network import build_network
from wuzhen_geo.model import DEFAULT_CONFIG, Leg, Point, Trip, route, travel_time_matrix
from wuzhen_geo.model.scenarios import Scenario
from wuzhen_geo.model.scenario_files import load_scenario


@pytest.fixture(scope="module")
def plan(mini_data):
    # 2030: the planned airport HSR (open_year 2028) is in.
    return build_network(mini_data, Scenario("plan", year=2030))


#: The rail-trip rule switched off: every trip that rides a train is a rail answer. On the mini fixture the
#: airport HSR is a short hop after a long drive, which the default rule refuses; attribution is tested on it.
NO_RULE = dataclasses.replace(DEFAULT_CONFIG, rail_min_train_share=0.0, rail_max_final_drive_min=1e6,
                              rail_max_car_ratio=1e6, rail_max_away_km=float("inf"))


@pytest.fixture(scope="module")
def no_rule(mini_data):
    """Today and 2030 on the mini fixture, without the rail-trip rule."""
    return (build_network(mini_data, config=NO_RULE),
            build_network(mini_data, Scenario("plan", year=2030), config=NO_RULE))


def _minutes_in(text: str) -> list[int]:
    return [int(m) for m in re.findall(r"(\d+) min", text)]


# ------------------------------------------------------------------------------------------- legs text


def _leg(mode, line_id=None, minutes=1.0, line_name=None, a="x", b="y"):
    return Leg(mode=mode, from_id=a, from_name=a, to_id=b, to_name=b, line_id=line_id, line_name=line_name,
               minutes=minutes, km=0.0)


def test_legs_text_merges_stops_and_names_rail_by_class(mini_data):
    legs = (
        _leg("car", minutes=25),
        _leg("processing", minutes=15, line_name="ticket and security check"),
        _leg("wait", "rl_hsr_stopping", 5, "wait for Shanghai-Hangzhou HSR"),
        _leg("rail", "rl_hsr_stopping", 17, a="Tongxiang", b="Hangzhou East"),
        _leg("walk", None, 3, "station exit"),
        _leg("walk", "tr_hz_east", 4),
        _leg("wait", "rl_metro", 2),
        _leg("rail", "rl_metro", 20, a="Hangzhou East L19", b="Airport"),
        _leg("walk", "tr_hgh_metro", 5),
    )
    trip = Trip("a", "b", "rail", sum(leg.minutes for leg in legs), 0.0, legs)
    links = mini_data.links
    assert links.loc["rl_hsr_stopping", "class"] == "hsr" and links.loc["rl_metro", "class"] == "metro"
    assert legs_text(trip, mini_data) == (
        "drive 25 min → check-in & wait 20 min → HSR Tongxiang→Hangzhou East 17 min"
        " → change 9 min → metro Hangzhou East L19→Airport 20 min → walk 5 min")
    assert legs_text(trip, mini_data, lang="zh").startswith(
        "驾车 25 分钟 → 安检候车 20 分钟 → 高铁 Tongxiang→Hangzhou East 17 分钟")
    detail = legs_text(trip, mini_data, detail=True)
    assert detail.count(";") == len(legs) - 1
    assert legs_text(Trip("a", "a", "car", 0.0, 0.0, ()), mini_data).startswith("no legs")


def test_a_change_with_a_security_check_is_still_a_change(mini_data):
    """Between two trains the exit, the walk, the metro's security check and the wait are one change: the legs
    text had called it 'check-in & wait 22 min' where the route steps say 'Change trains 22 min at …'."""
    legs = (
        _leg("processing", minutes=15, line_name="ticket and security check"),
        _leg("wait", "rl_hsr_stopping", 15),
        _leg("rail", "rl_hsr_stopping", 21, a="Tongxiang", b="Hangzhou East"),
        _leg("walk", None, 6, "station exit"),
        _leg("walk", "tr_hz_east", 8),
        _leg("processing", minutes=3, line_name="ticket and security check"),
        _leg("wait", "rl_metro", 5),
        _leg("rail", "rl_metro", 22, a="Hangzhou East L19", b="Airport"),
    )
    trip = Trip("a", "b", "rail", sum(leg.minutes for leg in legs), 0.0, legs)
    assert legs_text(trip, mini_data) == ("check-in & wait 30 min → HSR Tongxiang→Hangzhou East 21 min"
                                          " → change 22 min → metro Hangzhou East L19→Airport 22 min")
    assert "换乘 22 分钟" in legs_text(trip, mini_data, lang="zh")


# ---------------------------------------------------------------------------------------- airport times


def test_airport_times_consistent(mini_net, mini_data):
    table = airport_times(mini_net, "zone_hq")
    airports = list(mini_data.places.index[mini_data.places["kind"] == "airport"])
    assert len(table) == 3 * len(airports)
    assert set(table["mode"]) == {"car", "rail", "best"}
    for apt, group in table.groupby("airport_id"):
        by = group.set_index("mode")
        reachable = [by.loc[m, "minutes"] for m in ("car", "rail") if by.loc[m, "reachable"]]
        assert by.loc["best", "minutes"] == pytest.approx(min(reachable))
        for _, row in group.iterrows():
            if row["mode"] == "rail" and not row["reachable"]:
                # the rail-trip rule (ModelConfig.rail_trip_problem) refused every trip that rides a train
                assert row["legs_text"].startswith(NO_SENSIBLE_RAIL) and math.isnan(row["minutes"])
                continue
            assert row["reachable"]
            # the legs add up to the total, and the rounded steps of the text to within rounding
            assert sum(leg.minutes for leg in row["legs"]) == pytest.approx(row["minutes"])
            steps = _minutes_in(row["legs_text"])
            assert abs(sum(steps) - row["minutes"]) <= 0.5 * len(steps) + 0.5
            # and equal a route computed directly; a rail answer passes the rail-trip rule, so it can only be
            # slower than the router's fastest trip that rides a train
            direct = route(mini_net, "zone_hq", apt, mode=row["mode"]).minutes
            if row["mode"] == "rail":
                assert row["minutes"] >= direct - 1e-9
                assert mini_net.config.rail_trip_problem(row["legs"]) is None
            else:
                assert row["minutes"] == pytest.approx(direct)
        if by.loc["rail", "reachable"]:
            assert any(leg.mode == "rail" for leg in by.loc["rail", "legs"])
        assert all(leg.mode != "rail" for leg in by.loc["car", "legs"])


def test_airport_times_unreachable_rows_say_so(mini_data, mini_net):
    # An id missing from the scenario and a rail trip made impossible by closing the metro.
    table = airport_times(mini_net, "zone_hq", airports=["stn_hgh_hsr"])
    assert not table["reachable"].any() and table["minutes"].isna().all()
    assert table["legs_text"].str.startswith("unreachable").all()
    rail = [lid for lid in mini_data.links.index if mini_data.links.loc[lid, "mode"] == "rail"]
    closed = load_scenario({"name": "no-rail", "edits": [{"type": "remove_link", "link": lid} for lid in rail]},
                           mini_data)
    net = build_network(mini_data, closed)
    rows = airport_times(net, "zone_hq").set_index("mode")
    assert not rows.loc["rail", "reachable"] and rows.loc["rail", "legs_text"].startswith("unreachable")
    assert rows.loc["car", "reachable"] and rows.loc["best", "minutes"] == rows.loc["car", "minutes"]


def test_airport_times_from_point(mini_net):
    table = airport_times(mini_net, Point(120.49, 30.75), modes=("car",))
    assert table["from_id"].iloc[0] == "pt:30.750000,120.490000"
    assert table["reachable"].all()


# ---------------------------------------------------------------------------------------------- matrix


def test_zone_matrix_matches_router(mini_net, mini_data):
    wide = zone_matrix(mini_net)
    assert list(wide.index) == list(mini_data.zones.index)
    dests = list(wide.columns)
    assert "apt_hgh" in dests
    for zone in wide.index:
        for dest in dests:
            # the answer every view shows (best: the faster of car and a rail trip that passes the rule)
            assert wide.loc[zone, dest] == trip_answer(mini_net, zone, dest, mode="best").minutes
    car = zone_matrix(mini_net, mode="car")
    long = travel_time_matrix(mini_net, list(mini_data.zones.index), dests, mode="car")
    for row in long.itertuples():  # by car the answer is the router's
        assert car.loc[row.from_id, row.to_id] == pytest.approx(row.minutes)


def test_zone_matrix_absent_destination_is_unreachable(mini_net):
    wide = zone_matrix(mini_net, ["apt_hgh", "stn_hgh_hsr"], mode="car")
    assert wide["stn_hgh_hsr"].map(math.isinf).all()
    assert wide["apt_hgh"].map(math.isfinite).all()


# --------------------------------------------------------------------------------------------- compare


def test_compare_numbers_and_attribution(no_rule):
    mini_net, plan = no_rule
    table = compare(mini_net, plan, mode="rail")
    dests = _airports_cities_and_hsr_stations(mini_net, plan)
    before = zone_matrix(mini_net, dests, mode="rail")
    after = zone_matrix(plan, dests, mode="rail")
    assert sorted(zip(table["from_id"], table["to_id"])) == sorted((z, d) for z in before.index for d in dests)
    for row in table.itertuples():
        assert row.before == pytest.approx(before.loc[row.from_id, row.to_id])
        assert row.after == pytest.approx(after.loc[row.from_id, row.to_id])
        assert row.difference == pytest.approx(row.after - row.before)
        if abs(row.difference) > 0.05:
            # the faster rail trips to the airport use the new airport HSR, and say so
            assert row.causes == ["prj_airport_hsr"] and "Hangzhou Airport HSR" in row.causes_text
            trip = route(plan, row.from_id, row.to_id, mode="rail")
            assert any(leg.line_id == "rl_airport_hsr" for leg in trip.legs)
        else:
            assert row.causes == []
    assert (table["difference"] < -0.05).any()


def _airports_cities_and_hsr_stations(*nets):
    """What a comparison is made on by default (as the planner compares): present in either network."""
    seen = set()
    for net in nets:
        seen |= net.feature_ids
    places = nets[0].data.places
    hsr = places.get("station_class", "") == "hsr"
    wanted = places["kind"].isin(["airport", "city_centre"]) | ((places["kind"] == "station") & hsr)
    return [i for i in places.index[wanted] if i in seen]


def test_compare_closing_a_link_never_helps_and_is_blamed(mini_data, mini_net):
    closed = load_scenario({"name": "closed", "edits": [{"type": "remove_link", "link": "rd_expressway"}]}, mini_data)
    net = build_network(mini_data, closed)
    table = compare(mini_net, net, mode="car")
    assert (table["difference"] >= -1e-9).all()
    changed = table[table["difference"] > 0.05]
    assert not changed.empty
    assert all(c == ["edit:1"] for c in changed["causes"])
    (change,) = project_changes(mini_net, net)
    assert change["id"] == "edit:1" and change["change"] == "applied" and "rd_expressway" in change["members"]
    # the edit in words, in both languages: what it does and to which link
    assert (changed["causes_text"].str.contains("Remove link")).all()
    assert (changed["causes_text"].str.contains("删除线路")).all()
    assert (changed["causes_text"].str.contains("(rd_expressway)", regex=False)).all()


def test_compare_speed_edit_is_blamed_even_on_the_same_route(mini_data, mini_net):
    fast = load_scenario({"name": "fast", "edits": [{"type": "set_speed", "link": "rd_expressway",
                                                     "speed_kmh": 130}]}, mini_data)
    net = build_network(mini_data, fast)
    table = compare(mini_net, net, mode="car", destinations=["apt_hgh"])
    assert (table["difference"] < -0.05).all()
    assert all(c == ["edit:1"] for c in table["causes"])


def test_compare_with_point_origin(mini_net, plan):
    table = compare(mini_net, plan, [Point(120.49, 30.75)], ["apt_hgh"], mode="rail")
    assert list(table["from_id"]) == ["pt:30.750000,120.490000"]


# ------------------------------------------------------------------------------------------ indicators


def _clip_km(data, link_id, boundary_id):
    one = data.links.loc[[link_id]].to_crs(METRIC_CRS)
    area = data.boundaries.loc[[boundary_id]].to_crs(METRIC_CRS)
    return float(gpd.clip(one, area).length.sum()) / 1000.0


def test_network_length_counts_shared_track_once(mini_data, mini_net, plan):
    target = next(t for t in mini_data.targets if t["kind"] == "network_length")
    assert target["within"] == "bnd_tongxiang"
    # The stopping and the express service share one drawn track: the open length is that of one of them.
    open_km = _clip_km(mini_data, "rl_hsr_stopping", "bnd_tongxiang")
    planned_km = _clip_km(mini_data, "rl_airport_hsr", "bnd_tongxiang")
    row_today = plan_indicators(mini_net).set_index("id").loc[target["id"]]
    row_plan = plan_indicators(plan).set_index("id").loc[target["id"]]
    assert row_today["km_open"] == pytest.approx(open_km, abs=0.06)
    assert row_today["km_planned"] == pytest.approx(planned_km, abs=0.06)  # counted alone: all of it
    assert row_today["value"] == pytest.approx(open_km, abs=0.06)
    # where the planned line branches off the counted track, the stretch within SAME_TRACK_M of it (a few
    # hundred metres at a shallow angle) is not counted; the rest is
    assert open_km + planned_km - 3 * SAME_TRACK_M / 1000 <= row_plan["value"] <= open_km + planned_km + 0.06
    assert row_today["met"] == (row_today["value"] >= target["target_km"])


def test_travel_time_indicator_recomputed(mini_data, mini_net):
    target = next(t for t in mini_data.targets if t["kind"] == "travel_time")
    wide = zone_matrix(mini_net, target["to"])
    # a limit between the two zones' times must split them
    times = sorted(wide[target["to"][0]])
    limit = (times[0] + times[-1]) / 2
    edited = dataclasses.replace(mini_data, targets=[dict(target, max_minutes=limit)])
    row = plan_indicators(mini_net, edited).iloc[0]
    assert row["zones_within"] == sum(t <= limit for t in times) and row["zones"] == len(times)
    assert row["slowest_minutes"] == pytest.approx(max(times)) and row["value"] == round(max(times))
    assert not row["met"]
    relaxed = dataclasses.replace(mini_data, targets=[dict(target, max_minutes=max(times) + 1)])
    assert plan_indicators(mini_net, relaxed).iloc[0]["met"]


def test_indicator_bad_boundary(mini_data, mini_net):
    target = next(t for t in mini_data.targets if t["kind"] == "network_length")
    bad = dataclasses.replace(mini_data, targets=[dict(target, within="bnd_nowhere")])
    with pytest.raises(WuzhenGeoError, match="bnd_nowhere"):
        plan_indicators(mini_net, bad)


def test_analysis_leaves_network_and_data_untouched(mini_data, mini_net, plan):
    edges, nodes = mini_net.graph.number_of_edges(), mini_net.graph.number_of_nodes()
    places = mini_data.places.copy()
    airport_times(mini_net, "zone_hq")
    compare(mini_net, plan)
    plan_indicators(mini_net)
    assert (mini_net.graph.number_of_edges(), mini_net.graph.number_of_nodes()) == (edges, nodes)
    assert mini_data.places.equals(places)
    assert not hasattr(mini_net, "_analysis_feature_ids")


def test_cause_summary_counts_the_compare_rows(no_rule):
    mini_net, plan = no_rule
    table = compare(mini_net, plan, mode="rail")
    summary = cause_summary(table).set_index("cause")
    # faster as the rows show it: the whole minutes shown after minus those shown before
    shown = pd.Series([shown_change(b, a) for b, a in zip(table["before"], table["after"])], index=table.index)
    faster = table[(shown < 0) & table["before"].map(math.isfinite)]
    assert summary.loc["prj_airport_hsr", "pairs_faster"] == len(faster) > 0
    assert summary.loc["prj_airport_hsr", "best_gain_min"] == shown[faster.index].min()
    assert summary.loc["prj_airport_hsr", "mean_gain_min"] == pytest.approx(shown[faster.index].mean())
    assert set(summary.loc["prj_airport_hsr", "origins"]) == set(faster["from_id"])


def test_links_without_a_project_are_named(mini_data):
    # Without projects.yaml the planned airport HSR still opens by its year; the change names its links.
    bare = dataclasses.replace(mini_data, projects=[])
    before = build_network(bare, Scenario("today"), config=NO_RULE)
    after = build_network(bare, Scenario("plan", year=2030), config=NO_RULE)
    opened = {c["id"] for c in link_changes(before, after)}
    expected = {lid for lid in mini_data.links.index
                if mini_data.links.loc[lid, "status"] != "open" and mini_data.links.loc[lid, "open_year"] <= 2030}
    assert opened == expected
    table = compare(before, after, mode="rail")
    changed = table[table["difference"] < -0.05]
    assert not changed.empty
    assert all("rl_airport_hsr" in causes for causes in changed["causes"])
    assert changed["causes_text"].str.contains("opened").all()


# ------------------------------------------------------------------------------------- shipped data


@pytest.fixture(scope="module")
def shipped(shipped_data, shipped_net):
    from wuzhen_geo.model.scenario_files import shipped_scenarios

    plan_full = build_network(shipped_data, shipped_scenarios(shipped_data)["plan-full"])
    return shipped_data, {"today": shipped_net, "plan-full": plan_full}


def test_shipped_every_zone_reaches_the_five_airports(shipped):
    data, nets = shipped
    for zone in data.zones.index:
        table = airport_times(nets["today"], zone, airports=["apt_hgh", "apt_sha", "apt_pvg", "apt_wux", "apt_jxn"],
                              modes=("car",))
        assert table["reachable"].all(), table.loc[~table["reachable"], "legs_text"].tolist()


def test_shipped_plan_changes_are_all_explained(shipped):
    data, nets = shipped
    table = compare(nets["today"], nets["plan-full"], mode="rail")
    changed = table[table["difference"].abs() > 0.05]
    assert not changed.empty  # the full plan adds rail projects around Wuzhen
    unexplained = changed[changed["causes"].map(len) == 0]
    assert unexplained.empty, unexplained[["from_id", "to_id", "difference"]].to_dict("records")
    known = {p["id"] for p in data.projects} | set(data.links.index)
    assert all(c in known for causes in changed["causes"] for c in causes)


def test_length_on_a_drawn_boundary_says_it_is_indicative(mini_data, mini_net):
    target = next(t for t in mini_data.targets if t["kind"] == "network_length")
    row = plan_indicators(mini_net).set_index("id").loc[target["id"]]
    assert mini_data.boundaries.at[target["within"], "accuracy"] != "surveyed"
    assert "indicative only" in row["detail"] and target["within"] in row["detail"]


def test_an_added_link_is_named_as_the_planners_own(shipped_data, shipped_net):
    from wuzhen_geo.model.scenario_files import shipped_scenarios

    example = shipped_scenarios(shipped_data)["example-wuzhen-tongxiang-rail"]
    net = build_network(shipped_data, example)
    table = compare(shipped_net, net, mode="rail")
    mine = table[table["causes"].map(lambda c: "edit:1" in c)]
    assert not mine.empty  # the shuttle changes rail trips
    edit = example.edits[0]
    words = f"你的铁路线路 {edit.name_zh} / your rail link {edit.name_en}"
    assert mine["causes_text"].map(lambda text: words in text).all(), mine["causes_text"].iloc[0]


def test_the_patterns_of_a_project_s_line_are_that_project_s_doing(shipped_data, shipped_net):
    """The new line's express runs on its track (``pattern_of``): a comparison names the project, not the
    express as a link that opened by itself."""
    from wuzhen_geo.model.scenario_files import shipped_scenarios

    plan = build_network(shipped_data, shipped_scenarios(shipped_data)["plan-2030"])
    changes = project_changes(shipped_net, plan)
    xhh = next(c for c in changes if c["id"] == "prj_xhh_hsr")
    assert {"rl_xhh", "rl_xhh_express"} <= xhh["members"] and xhh["change"] == "added"
    opened = {c["id"] for c in link_changes(shipped_net, plan)}
    assert not opened & {"rl_xhh_express", "rl_xhh_express_cons"}, opened


def test_a_station_another_line_brings_does_not_add_the_station_s_own_project(shipped_data, shipped_net):
    """Only the water-town line switched on: it brings the Xiaoshan airport railway station, a member of the
    airport railway hub project too, and compare had named that project 'added' though it is not switched on."""
    from wuzhen_geo.model import Scenario

    only = Scenario(name="only-water-town", projects_on=("prj_water_town_line",))
    changes = {c["id"]: c["change"] for c in project_changes(shipped_net, build_network(shipped_data, only))}
    assert changes.get("prj_water_town_line") == "added"
    assert "prj_hgh_rail_hub" not in changes, changes
