"""Engine subcommands of the CLI, in process (``main([...])``) and once through a subprocess."""

from __future__ import annotations

import csv
import json
import math
import subprocess
import sys

import pytest

from tests.shared import MINI_DIR, SHIPPED_DIR
from wuzhen_geo.answers import airport_times, zone_matrix
from wuzhen_geo.cli import main
from wuzhen_geo.i18n import t

DATA = ["--data", str(MINI_DIR)]


@pytest.fixture()
def plan_file(tmp_path):
    path = tmp_path / "y2030.yaml"
    path.write_text("name: y2030\ntitle_en: Year 2030\nyear: 2030\n", encoding="utf-8")
    return path


def run(capsys, *args):
    code = main([*DATA, *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_airports_table_lists_every_airport_and_legs(capsys, mini_data, mini_net):
    code, out, err = run(capsys, "airports", "--from", "互联网总部会展区")
    assert code == 0 and err == ""
    expected = airport_times(mini_net, "zone_hq")
    for _, row in expected.iterrows():
        assert row["iata"] in out
        assert row["legs_text"] in out
    assert "drive" in out and "Internet HQ" in out


def test_airports_json_matches_analysis(capsys, mini_net):
    code, out, _ = run(capsys, "airports", "--from", "zone_hq", "--json")
    assert code == 0
    doc = json.loads(out)
    expected = airport_times(mini_net, "zone_hq").set_index(["airport_id", "mode"])
    assert len(doc["rows"]) == len(expected)
    for row in doc["rows"]:
        assert row["minutes"] == pytest.approx(expected.loc[(row["airport_id"], row["mode"]), "minutes"])
        assert isinstance(row["legs"], list) and row["legs"][0]["mode"] in ("car", "walk")


def test_airports_in_chinese(capsys, mini_net):
    code, out, _ = run(capsys, "airports", "--from", "zone_hq", "--lang", "zh")
    assert code == 0 and "驾车" in out and "drive" not in out


def test_airports_names_the_airports_in_the_language_asked(capsys, mini_net):
    """--lang sets the airport names of both tables, not only the legs: no Chinese names under English headers."""
    table = airport_times(mini_net, "zone_hq")
    no_code = table[table["iata"].fillna("") == ""]
    _, out_en, _ = run(capsys, "airports", "--from", "zone_hq")
    _, out_zh, _ = run(capsys, "airports", "--from", "zone_hq", "--lang", "zh")
    for zh, en in set(zip(table["name_zh"], table["name_en"])):
        assert en in out_en and zh not in out_en
        assert zh in out_zh
    for zh, en in set(zip(no_code["name_zh"], no_code["name_en"])):  # the legs table names them too
        assert out_en.count(en) >= 2 and out_zh.count(zh) >= 2


def test_airports_from_gcj_coordinate_and_year(capsys):
    code, out, _ = run(capsys, "airports", "--from", "120.49,30.75", "--coords", "gcj02", "--year", "2030")
    assert code == 0
    assert "point 30.75" in out and "2030" in out
    # in Chinese the heading names the point in Chinese (it said "point" under a Chinese heading)
    _, out_zh, _ = run(capsys, "airports", "--from", "120.49,30.75", "--coords", "gcj02", "--lang", "zh")
    assert "坐标点 30.75" in out_zh and "point" not in out_zh


def test_airports_out_csv(capsys, tmp_path, mini_net):
    target = tmp_path / "airports.csv"  # in an existing folder: --out creates none
    code, out, _ = run(capsys, "airports", "--from", "zone_hq", "--out", str(target))
    assert code == 0 and "wrote" in out
    rows = list(csv.DictReader(target.read_text(encoding="utf-8").splitlines()))
    assert {r["mode"] for r in rows} == {"car", "rail", "best"}
    assert not list(target.parent.glob(".*.tmp"))  # atomic write left no temp file


def test_route_text_and_geojson(capsys, tmp_path, plan_file):
    # from the station: in the miniature data the drive from zone_hq to Tongxiang station is three times the
    # 13 min airport HSR ride, which the rail-trip rule (ModelConfig.rail_trip_problem) does not count as rail
    code, out, _ = run(capsys, "route", "--from", "stn_tongxiang", "--to", "HGH", "--mode", "rail",
                       "--scenario", str(plan_file))
    assert code == 0 and "HSR" in out and "Hangzhou Airport HSR" in out
    code, out, _ = run(capsys, "route", "--from", "zone_hq", "--to", "HGH", "--mode", "rail",
                       "--scenario", str(plan_file))
    assert code == 1 and "no sensible rail route: only" in out and "min moving are on trains" in out
    target = tmp_path / "trip.geojson"
    code, out, _ = run(capsys, "route", "--from", "zone_hq", "--to", "HGH", "--out", str(target))
    assert code == 0
    doc = json.loads(target.read_text(encoding="utf-8"))
    assert doc["type"] == "FeatureCollection" and doc["features"]


def test_route_unreachable_says_so(capsys, mini_data, tmp_path):
    rail = [lid for lid in mini_data.links.index if mini_data.links.loc[lid, "mode"] == "rail"]
    edits = "".join(f"  - {{type: remove_link, link: {lid}}}\n" for lid in rail)
    path = tmp_path / "norail.yaml"
    path.write_text("name: norail\nedits:\n" + edits, encoding="utf-8")
    code, out, _ = run(capsys, "route", "--from", "zone_hq", "--to", "HGH", "--mode", "rail",
                       "--scenario", str(path))
    assert code == 1 and "unreachable" in out


def test_matrix_csv_matches_zone_matrix(capsys, tmp_path, mini_net):
    target = tmp_path / "m.csv"
    code, out, _ = run(capsys, "matrix", "--out", str(target))
    assert code == 0
    wide = zone_matrix(mini_net)
    rows = list(csv.DictReader(target.read_text(encoding="utf-8").splitlines()))
    assert len(rows) == wide.size
    for r in rows:
        assert float(r["minutes"]) == pytest.approx(wide.loc[r["from_id"], r["to_id"]])


def test_matrix_table_marks_unreachable(capsys):
    code, out, _ = run(capsys, "matrix", "--to", "HGH", "--to", "stn_hgh_hsr")
    # the station is not open in this network: the cell says so, in the airport table's words
    assert code == 0 and t("why_not_in_scenario", "en") in out


@pytest.fixture
def faster_file(tmp_path):
    path = tmp_path / "faster.yaml"
    path.write_text("name: faster\nedits:\n  - {type: set_speed, link: rd_expressway, speed_kmh: 130}\n",
                    encoding="utf-8")
    return path


def test_compare_explains_gains(capsys, faster_file):
    code, out, _ = run(capsys, "compare", "today", str(faster_file), "--mode", "car", "--lang", "zh")
    assert code == 0
    # the whole text in the language asked: the headings and words too (they were English under --lang zh)
    assert "各地的变化及原因" in out and "Which zones gain" not in out
    assert "个目的地更快" in out and "修改速度" in out  # the edit in words, in the language asked
    code, out, _ = run(capsys, "compare", "today", str(faster_file), "--mode", "car")
    assert "Which zones gain and why" in out and "destination(s) faster" in out


def test_compare_names_places_and_causes_in_one_language(capsys, faster_file, mini_data):
    """Zone names and causes were printed in Chinese under English headers whatever the language."""
    zone_zh, zone_en = mini_data.zones.loc["zone_hq", ["name_zh", "name_en"]]
    _, out_en, _ = run(capsys, "compare", "today", str(faster_file), "--mode", "car")
    _, out_zh, _ = run(capsys, "compare", "today", str(faster_file), "--mode", "car", "--lang", "zh")
    assert zone_en in out_en and zone_zh not in out_en
    assert "Set speed" in out_en and "修改速度" not in out_en
    assert zone_zh in out_zh and "修改速度" in out_zh


def test_compare_json(capsys, faster_file):
    code, out, _ = run(capsys, "compare", "today", str(faster_file), "--mode", "car", "--json")
    doc = json.loads(out)
    changed = [r for r in doc["rows"] if r["difference"] and abs(r["difference"]) > 0.05]
    assert changed and all(r["causes"] == ["edit:1"] for r in changed)
    assert all("Set speed" in r["causes_text"] and "rd_expressway" in r["causes_text"] for r in changed)
    for r in doc["rows"]:
        if r["after"] is None and r["before"] is None:  # unreachable on both sides: no change, and why
            assert r["difference"] == 0 and r["reason_before"] and r["reason_after"]
        else:
            assert r["difference"] == pytest.approx(r["after"] - r["before"])


def test_isochrone_geojson(capsys, tmp_path):
    target = tmp_path / "iso.geojson"
    code, out, _ = run(capsys, "isochrone", "--from", "zone_hq", "--out", str(target), "--cells", "1500",
                       "--breaks", "30,60")
    assert code == 0
    doc = json.loads(target.read_text(encoding="utf-8"))
    assert [f["properties"]["minutes"] for f in doc["features"]] == [30.0, 60.0]
    areas = [f["properties"]["area_km2"] for f in doc["features"]]
    assert areas[0] <= areas[1]


def test_indicators(capsys):
    code, out, _ = run(capsys, "indicators")
    assert code == 0 and "Railway length" in out
    code, out, _ = run(capsys, "indicators", "--json")
    rows = json.loads(out)["rows"]
    assert {r["kind"] for r in rows} == {"travel_time", "network_length"}
    for r in rows:
        assert r["met"] == (r["value"] <= r["target"] if r["kind"] == "travel_time" else r["value"] >= r["target"])


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["airports", "--from", "杭洲东站"], "did you mean"),
        (["airports", "--from", "39.9,116.4"], "study area"),
        (["airports", "--from", "zone_hq", "--scenario", "nope"], "unknown scenario"),
        (["airports", "--from", "zone_hq", "--scenario", "missing.yaml"], "not found"),
        (["route", "--from", "zone_hq", "--to", "互联网"], "fits several places"),
        (["isochrone", "--from", "zone_hq", "--breaks", "60,30"], "increasing"),
        (["airports", "--from", "zone_hq", "--year", "3000"], "between 1990 and 2100"),
        (["airports", "--from", "zone_hq", "--out", "/proc/none/x.csv"], "x.csv"),
    ],
)
def test_errors_are_one_line(capsys, args, fragment):
    code, out, err = run(capsys, *args)
    assert code != 0
    assert fragment in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_bad_scenario_file_is_one_line(capsys, tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("name: bad\nprojects_on: [prj_nope]\n", encoding="utf-8")
    code, _, err = run(capsys, "airports", "--from", "zone_hq", "--scenario", str(path))
    assert code != 0 and "prj_nope" in err and len(err.strip().splitlines()) == 1
    code, _, err = run(capsys, "airports", "--from", "zone_hq", "--scenario", str(path), "--lang", "zh")
    assert code != 0 and "bad.yaml：projects_on[0]：未知项目 'prj_nope'；请用 projects.yaml 中的项目编号" in err, err


def test_subprocess_airports():
    proc = subprocess.run([sys.executable, "-m", "wuzhen_geo", *DATA, "airports", "--from", "zone_hq", "--json"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(proc.stdout)["rows"]
    assert all(math.isfinite(r["minutes"]) for r in rows if r["reachable"])
    bad = subprocess.run([sys.executable, "-m", "wuzhen_geo", *DATA, "airports", "--from", "nowhere-at-all"],
                         capture_output=True, text=True, timeout=120)
    assert bad.returncode != 0 and "Traceback" not in bad.stderr and "unknown place" in bad.stderr


def test_a_coordinate_error_comes_in_the_language_asked(capsys):
    """With --lang zh a coordinate outside the area was refused in English."""
    code, _, err = run(capsys, "airports", "--from", "10,10", "--lang", "zh")
    assert code == 2 and "无论按哪种顺序都不在研究区域内" in err and "study area" not in err, err
    code, _, err = run(capsys, "airports", "--from", "10,10")
    assert code == 2 and "is not in the study area in either order" in err, err


def test_a_point_on_lake_tai_is_refused_in_one_line(capsys):
    """It was joined to the roads across the water and answered as if on the shore."""
    for lang, words in (("zh", "在太湖的水面上"), ("en", "lies on the water of Lake Tai")):
        code = main(["--data", str(SHIPPED_DIR), "airports", "--from", "31.2,120.2", "--lang", lang])
        err = capsys.readouterr().err
        assert code == 2 and words in err and len(err.strip().splitlines()) == 1, err


def test_an_unknown_or_ambiguous_place_is_said_in_the_language_asked(capsys):
    code, _, err = run(capsys, "airports", "--from", "xyzzy", "--lang", "zh")
    assert code == 2 and "未知地点 'xyzzy'" in err and "unknown place" not in err, err
    code, _, err = run(capsys, "airports", "--from", "xyzzy")
    assert code == 2 and "unknown place 'xyzzy'" in err, err
