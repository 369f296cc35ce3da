"""``wuzhen-geo access``: people and GDP within reach, the two scenarios, the causes, and what it writes."""

from __future__ import annotations

import json
import re

import pytest

from wuzhen_geo.answers.access import compare_reach, reach
from wuzhen_geo.cli import main
from wuzhen_geo.model import build_network, shipped_scenarios
from wuzhen_geo.vocabulary import format_people, gdp_change_text, people_change_text


def test_access_prints_today_and_the_full_plan_with_the_projects_behind(capsys):
    assert main(["access", "--from", "桐乡市中心", "--budget", "60"]) == 0
    out = capsys.readouterr().out
    assert "today" in out and "plan-full" in out
    assert "people before" in out and "people after" in out and "GDP change" in out
    assert "Behind the difference" in out and "added New Shanghai-Hangzhou HSR" in out
    assert "spread evenly" in out  # the assumption is said


def test_access_in_chinese_says_it_all_in_chinese(capsys, shipped_data, shipped_net):
    """Headers, modes, causes and notes were English whatever the language (there was no --lang)."""
    assert main(["access", "--from", "桐乡市中心", "--budget", "60", "--mode", "rail", "--lang", "zh"]) == 0
    out = capsys.readouterr().out
    first, body = out.split("\n", 1)  # the first line names the place and the scenarios, by their Chinese titles
    assert "全部规划项目" in first and "Full plan" not in first, first
    assert not re.search(r"\b(people|mode|budget|GDP|added|opened|million|min)\b", body), body
    assert "新增 沪乍杭铁路" in body and "人口按各区县陆地面积均匀分布" in body
    plan = build_network(shipped_data, shipped_scenarios(shipped_data)["plan-full"])
    row = compare_reach(shipped_net, plan, "city_tongxiang", budgets=[60], modes=["rail"]).iloc[0]
    line = next(line for line in body.splitlines() if line.startswith("铁路"))
    assert format_people(row["people_after"], "zh") in line
    assert gdp_change_text(row["gdp_cny_bn_before"], row["gdp_cny_bn_after"], "zh") in line


def test_access_json_holds_the_numbers_of_the_answers(capsys, shipped_data, shipped_net):
    assert main(["access", "--from", "city_tongxiang", "--budget", "30,60", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    plan = build_network(shipped_data, shipped_scenarios(shipped_data)["plan-full"])
    expected = compare_reach(shipped_net, plan, "city_tongxiang", budgets=[30, 60])
    got = {row["budget_min"]: row for row in doc["rows"]}
    for _, row in expected.iterrows():
        assert got[row["budget_min"]]["people_before"] == pytest.approx(row["people_before"])
        assert got[row["budget_min"]]["people_after"] == pytest.approx(row["people_after"])
    assert doc["against"] == "plan-full" and doc["causes"] == expected.attrs["causes"]


def test_access_writes_people_as_the_app_does(capsys, shipped_data, shipped_net):
    """The table's counts are the app's words for the same answers: it printed 0.51 M and +0.01 M where the
    presentation said 505,216 and the planner 13515."""
    assert main(["access", "--from", "city_tongxiang", "--mode", "rail", "--budget", "60"]) == 0
    out = capsys.readouterr().out
    plan = build_network(shipped_data, shipped_scenarios(shipped_data)["plan-full"])
    row = compare_reach(shipped_net, plan, "city_tongxiang", budgets=[60], modes=["rail"]).iloc[0]
    line = next(line for line in out.splitlines() if line.startswith("rail"))
    for text in (format_people(row["people_after"], "en"),
                 people_change_text(row["people_before"], row["people_after"]),
                 gdp_change_text(row["gdp_cny_bn_before"], row["gdp_cny_bn_after"], "en")):
        assert text in line
    assert " M " not in line and "million" in line


def test_access_alone_and_every_mode(capsys, shipped_net):
    assert main(["access", "--from", "city_tongxiang", "--against", "none", "--mode", "all", "--budget", "all",
                 "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["against"] is None and len(doc["rows"]) == 15
    rail60 = [r for r in doc["rows"] if r["mode"] == "rail" and r["budget_min"] == 60][0]
    one = reach(shipped_net, "city_tongxiang", budgets=[60], modes=["rail"]).iloc[0]
    assert rail60["people"] == pytest.approx(one["people"])


def test_access_writes_csv_and_units_geojson(tmp_path, capsys):
    csv = tmp_path / "access.csv"
    assert main(["access", "--from", "zone_hq", "--out", str(csv)]) == 0
    header = csv.read_text(encoding="utf-8").splitlines()[0]
    assert "people_before" in header and "people_after" in header
    geo = tmp_path / "units.geojson"
    assert main(["access", "--from", "zone_hq", "--out", str(geo)]) == 0
    doc = json.loads(geo.read_text(encoding="utf-8"))
    tongxiang = [f for f in doc["features"] if f["properties"]["id"] == "330483"][0]["properties"]
    assert tongxiang["share_reached"] == pytest.approx(1.0)  # all of Tongxiang within 60 min of Wuzhen
    assert "people_reached_after" in tongxiang and "people_change" in tongxiang


@pytest.mark.parametrize(("args", "words"), [
    (["--budget", "0"], "--budget"),
    (["--budget", "abc"], "--budget"),
    (["--cells", "5"], "--cells"),
    (["--against", "nowhere"], "unknown scenario"),
])
def test_bad_flags_are_one_line(capsys, args, words):
    assert main(["access", "--from", "city_tongxiang", *args]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and words in err[0]


def test_a_folder_without_units_says_how_to_make_them(capsys, mini_dir):
    assert main(["--data", str(mini_dir), "access", "--from", "zone_hq"]) == 2
    err = capsys.readouterr().err
    assert "units.geojson" in err and "build_units" in err


def test_access_everywhere_writes_the_bands_of_the_change(tmp_path, capsys):
    out = tmp_path / "everywhere.geojson"
    assert main(["access", "--everywhere", "--cells", "2000", "--out", str(out)]) == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    lows = [f["properties"]["low"] for f in doc["features"]]
    assert lows == sorted(lows) and lows[0] < 0 < lows[-1]  # losses first, then gains
    assert all(f["properties"]["scenario"] == "change today -> plan-full" for f in doc["features"])
    assert main(["access", "--everywhere", "--against", "none", "--cells", "2000"]) == 0
    assert "from each of" in capsys.readouterr().out


def test_access_needs_an_origin_or_everywhere(capsys):
    assert main(["access"]) == 2
    assert "--from" in capsys.readouterr().err


def test_access_gdp_columns_name_their_unit_as_the_one_scenario_table_does(capsys):
    assert main(["access", "--from", "city_tongxiang", "--budget", "60", "--against", "none"]) == 0
    alone = capsys.readouterr().out
    assert "GDP bn yuan" in alone  # the unit the one-scenario table states
    assert main(["access", "--from", "city_tongxiang", "--budget", "60"]) == 0
    header = next(line for line in capsys.readouterr().out.splitlines() if "people before" in line)
    found = re.findall(r"GDP (before|after|change)( \(bn yuan\))?", header)
    assert [kind for kind, _ in found] == ["before", "after", "change"]
    assert all(unit for _, unit in found), header  # 448 / +42 with no unit said nothing of billions


def test_route_to_a_place_left_out_says_why_as_the_app_does(capsys):
    """Under --lang zh the CLI said "stn_wuzhen (proposed, no opening year) is not in scenario 'today'"."""
    assert main(["route", "--from", "乌镇", "--to", "乌镇站", "--lang", "zh"]) == 1
    out = capsys.readouterr().out
    assert "尚无开通年份" in out and "水乡旅游线" in out and "is not in scenario" not in out, out


@pytest.mark.parametrize("bad, english, chinese", [
    (["--scenario", "nosuch"], "unknown scenario", "未知情景"),
    (["--scenario", " "], "--scenario is empty", "--scenario 为空"),
    (["--scenario", "missing.yaml"], "scenario file not found", "找不到情景文件"),
    (["--year", "1900"], "give a year between", "之间的年份"),
    (["--cells", "many"], "whole number of grid cells", "整数网格数"),
    (["--cells", "1e9"], "more cells take longer", "耗时越长"),
    (["--breaks", "a,b"], "not numbers", "不是数字"),
    (["--breaks", "90,60"], "increasing minutes", "递增的分钟数"),
    (["--breaks", ",".join(str(m) for m in range(10, 400, 10))], "too many", "个值太多"),
])
def test_a_bad_option_is_refused_in_the_language_asked(capsys, bad, english, chinese):
    """Under --lang zh a bad --scenario, --year, --cells or --breaks was refused in English."""
    for lang, said, other in (("zh", chinese, english), ("en", english, chinese)):
        assert main(["isochrone", "--from", "zone_hq", *bad, "--lang", lang]) == 2
        err = capsys.readouterr().err
        assert said in err and other not in err, err
