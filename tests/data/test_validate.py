"""Validation: the shipped-data schema, one small broken copy of the mini fixture per failure mode."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Callable

import pytest
import yaml

from wuzhen_geo.errors import DataError, DataValidationError
from wuzhen_geo.data.io import load_geodata
from wuzhen_geo.data.validate import validate_geodata


def _edit_features(folder: Path, rel: str, fid: str, edit: Callable[[dict], None]) -> None:
    path = folder / rel
    doc = json.loads(path.read_text(encoding="utf-8"))
    matches = [f for f in doc["features"] if f["properties"]["id"] == fid]
    assert matches, f"{fid} not in {rel}"
    edit(matches[0])
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


def _edit_yaml(folder: Path, rel: str, edit: Callable[[list], None]) -> None:
    path = folder / rel
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    edit(doc)
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")


@pytest.fixture
def mini_copy(tmp_path: Path, mini_dir: Path) -> Path:
    """A copy of the mini fixture folder, for a test to break."""
    dest = tmp_path / "mini"
    shutil.copytree(mini_dir, dest)
    return dest


def _props(**values):
    return lambda f: f["properties"].update(values)


def _geometry(geom):
    return lambda f: f.update(geometry=geom)


def _drop(name):
    return lambda f: f["properties"].pop(name)


def _problems(folder: Path):
    return validate_geodata(load_geodata(folder, validate=False))


def test_mini_fixture_is_valid(mini_dir):
    assert [p for p in _problems(mini_dir) if p.severity == "error"] == []


# (case, file, feature id, edit, expected field, a word of the message)
CASES = [
    ("missing source", "places/places.geojson", "stn_tongxiang", _props(source=""), "source", "missing"),
    ("missing name", "places/places.geojson", "apt_hgh", _drop("name_en"), "name_en", "missing"),
    ("unknown status", "links/links.geojson", "rd_cross", _props(status="opened"), "status", "not one of"),
    ("unknown accuracy", "places/places.geojson", "ic_wuzhen", _props(accuracy="exact"), "accuracy", "not one of"),
    ("bad id", "places/places.geojson", "jct_cross", _props(id="Jct Cross"), "id", "lower-case"),
    ("duplicate id", "places/places.geojson", "jct_cross", _props(id="ic_wuzhen"), "id", "also used"),
    ("open in the future", "links/links.geojson", "rd_cross", _props(open_year=2031), "open_year", "status is open"),
    ("planned in the past", "links/links.geojson", "rl_airport_hsr", _props(open_year=2019), "open_year",
     "already past"),
    ("year not a year", "links/links.geojson", "rd_cross", _props(open_year="soon"), "open_year", "plausible"),
    ("swapped lat/lon", "places/places.geojson", "city_hangzhou", _geometry({"type": "Point",
     "coordinates": [30.29, 120.2]}), "geometry", "outside the study area"),
    ("projected metres", "places/places.geojson", "ic_tongxiang", _geometry({"type": "Point",
     "coordinates": [356000.0, 3390000.0]}), "geometry", "outside the study area"),
    ("wrong geometry type", "places/places.geojson", "jct_cross", _geometry({"type": "LineString",
     "coordinates": [[120.5, 30.6], [120.6, 30.7]]}), "geometry", "LineString"),
    ("self-intersecting zone", "zones.geojson", "zone_hq", _geometry({"type": "Polygon", "coordinates": [[
     [120.48, 30.74], [120.50, 30.76], [120.50, 30.74], [120.48, 30.76], [120.48, 30.74]]]}), "geometry", "invalid"),
    ("unknown place kind", "places/places.geojson", "jct_cross", _props(kind="crossing"), "kind", "not one of"),
    ("station without class", "places/places.geojson", "stn_tongxiang", _drop("station_class"), "station_class",
     "not one of"),
    ("link to unknown node", "links/links.geojson", "rd_cross", _props(nodes=["jct_cross", "stn_nowhere"]), "nodes",
     "unknown place"),
    ("expressway entered at a junction", "links/links.geojson", "rd_expressway",
     _props(nodes=["ic_wuzhen", "jct_cross", "ic_hz_north"]), "nodes", "not an interchange"),
    ("rail stop not a station", "links/links.geojson", "rl_hsr_stopping",
     _props(nodes=["stn_jiaxing_south", "city_tongxiang", "stn_hangzhou_east"]), "nodes", "not a station"),
    ("nodes out of order", "links/links.geojson", "rd_expressway",
     _props(nodes=["ic_wuzhen", "ic_hz_north", "ic_tongxiang"]), "nodes", "not in order"),
    ("rail without headway", "links/links.geojson", "rl_metro", _drop("headway_min"), "headway_min", "missing"),
    ("implausible headway", "links/links.geojson", "rl_metro", _props(headway_min=0), "headway_min", "plausible"),
    ("implausible rail speed", "links/links.geojson", "rl_hsr_express", _props(speed_kmh=1000), "speed_kmh",
     "not plausible"),
    ("negative road speed", "links/links.geojson", "rd_cross", _props(speed_kmh=-40), "speed_kmh",
     "not plausible"),
    ("walk without minutes", "links/links.geojson", "tr_hz_east", _drop("minutes"), "minutes", "plausible"),
    ("published length far from geometry", "links/links.geojson", "rd_jiaxing", _props(length_km=300),
     "length_km", "geometry measures"),
    ("unknown mode", "links/links.geojson", "rd_cross", _props(mode="ferry"), "mode", "not road, rail or walk"),
    ("zone access unknown", "zones.geojson", "zone_hq", _props(access="zacc_nowhere"), "access", "not a place"),
    ("zone access not an access point", "zones.geojson", "zone_hq", _props(access="stn_tongxiang"), "access",
     "not a zone_access"),
    ("zone without description", "zones.geojson", "zone_culture", _drop("description_en"), "description_en",
     "missing"),
    ("boundary of unknown kind", "boundaries.geojson", "bnd_wuzhen", _props(kind="village"), "kind", "not one of"),
]


@pytest.mark.parametrize("case,rel,fid,edit,field,words", CASES, ids=[c[0] for c in CASES])
def test_each_failure_mode_is_named(mini_copy, case, rel, fid, edit, field, words):
    _edit_features(mini_copy, rel, fid, edit)
    problems = [p for p in _problems(mini_copy) if p.severity == "error"]
    hits = [p for p in problems if p.field == field and words in p.message and p.file == Path(rel).name]
    assert hits, f"{case}: expected a {field!r} error containing {words!r} in {rel}; got {problems}"
    assert all(p.fix for p in hits)


def test_geometry_must_pass_its_nodes(mini_copy):
    def move_middle_vertex(feature):
        coords = feature["geometry"]["coordinates"]
        coords[1] = [coords[1][0] + 0.05, coords[1][1]]  # ~5 km east of ic_tongxiang

    _edit_features(mini_copy, "links/links.geojson", "rd_expressway", move_middle_vertex)
    problems = _problems(mini_copy)
    assert any(p.feature == "rd_expressway" and "ic_tongxiang" in p.message and p.field == "geometry"
               for p in problems), problems


def test_line_must_start_at_first_node(mini_copy):
    _edit_features(mini_copy, "links/links.geojson", "rd_jiaxing",
                   lambda f: f["geometry"]["coordinates"].reverse())
    problems = _problems(mini_copy)
    assert any(p.feature == "rd_jiaxing" and "start" in p.message for p in problems), problems


def test_station_cut_off_from_roads_is_reported(mini_copy):
    # stn_jiaxing_south reaches the roads only through rd_jiaxing; without it the station is cut off.
    doc = json.loads((mini_copy / "links/links.geojson").read_text(encoding="utf-8"))
    doc["features"] = [f for f in doc["features"] if f["properties"]["id"] != "rd_jiaxing"]
    (mini_copy / "links/links.geojson").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    problems = _problems(mini_copy)
    cut = [p for p in problems if "not reachable by road" in p.message]
    assert {p.feature for p in cut} >= {"stn_jiaxing_south"}, problems


def test_project_member_must_exist(mini_copy):
    _edit_yaml(mini_copy, "projects.yaml", lambda doc: doc[0]["members"].append("rl_ghost"))
    problems = _problems(mini_copy)
    assert any(p.file == "projects.yaml" and p.field == "members" and "rl_ghost" in p.message for p in problems)


@pytest.mark.parametrize("year, status, says", [(1850 - 1, None, "plausible"), (2300, None, "plausible"),
                                                ("soon", None, "plausible"), (2300, "open", "plausible"),
                                                (2031, "open", "status is open")])
def test_a_project_year_is_checked_as_a_features_is(mini_copy, year, status, says):
    """A project's open_year of 1850 or 2300, or an open project in 2031, passed validate; 'info' then listed
    it as 'under_construction 1850'. The same values on a map feature are refused."""
    _edit_yaml(mini_copy, "projects.yaml",
               lambda doc: doc[0].update(open_year=year, **({"status": status} if status else {})))
    problems = _problems(mini_copy)
    assert any(p.file == "projects.yaml" and p.field == "open_year" and says in p.message for p in problems), problems


def test_unmodelled_project_needs_a_reason(mini_copy):
    _edit_yaml(mini_copy, "projects.yaml", lambda doc: doc[1].pop("not_modelled_reason"))
    problems = _problems(mini_copy)
    assert any(p.feature == "prj_water_town_line" and p.field == "not_modelled_reason" for p in problems)


def test_target_must_name_existing_places(mini_copy):
    _edit_yaml(mini_copy, "targets.yaml", lambda doc: doc[0].update(to=["apt_nowhere"]))
    problems = _problems(mini_copy)
    assert any(p.file == "targets.yaml" and p.field == "to" and "apt_nowhere" in p.message for p in problems)


def test_non_wgs84_crs_is_refused_at_read(mini_copy):
    path = mini_copy / "zones.geojson"
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["crs"] = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3857"}}
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(DataError, match=r"zones.geojson.*WGS-84"):
        load_geodata(mini_copy, validate=False)


def test_broken_json_names_the_file(mini_copy):
    (mini_copy / "links" / "links.geojson").write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    with pytest.raises(DataError, match=r"links.geojson.*not valid"):
        load_geodata(mini_copy, validate=False)


def test_load_with_validation_raises_every_error(mini_copy):
    _edit_features(mini_copy, "places/places.geojson", "stn_tongxiang", _props(source="", accuracy="exact"))
    with pytest.raises(DataValidationError) as info:
        load_geodata(mini_copy)
    fields = {p.field for p in info.value.problems}
    assert {"source", "accuracy"} <= fields


def test_scenario_files_are_checked_against_the_data(mini_copy):
    from wuzhen_geo.model.scenario_files import validate_scenarios

    folder = mini_copy / "scenarios"
    folder.mkdir()
    (folder / "good.yaml").write_text("name: good\ntitle_zh: 好\ntitle_en: Good\nyear: 2030\n", encoding="utf-8")
    (folder / "bad.yaml").write_text("name: bad\ntitle_zh: 坏\ntitle_en: Bad\nyear: 2030\n"
                                     "projects_on: [prj_nowhere]\n", encoding="utf-8")
    (folder / "renamed.yaml").write_text("name: other\ntitle_zh: 另\ntitle_en: Other\nyear: 2030\n",
                                         encoding="utf-8")
    problems = validate_scenarios(load_geodata(mini_copy))
    by_file = {p.file: p for p in problems}
    assert set(by_file) == {"scenarios/bad.yaml", "scenarios/renamed.yaml"}
    assert "prj_nowhere" in by_file["scenarios/bad.yaml"].message
    assert by_file["scenarios/renamed.yaml"].field == "name"


@pytest.mark.parametrize("note_zh, severity, words", [
    ("经停所有车站，运行 20 分钟", "warning", "lacks numbers of the note: 18"),  # a number changed in translation
    (["not", "text"], "error", "instead of text"),
])
def test_a_chinese_note_must_be_text_and_keep_the_notes_numbers(mini_copy, note_zh, severity, words):
    path = mini_copy / "links" / "links.geojson"
    doc = json.loads(path.read_text(encoding="utf-8"))
    props = doc["features"][0]["properties"]
    props["note"], props["note_zh"] = "calls at every station, 18 min", note_zh
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    found = [p for p in validate_geodata(load_geodata(mini_copy, validate=False))
             if p.field == "note_zh" and p.feature == props["id"]]
    assert [p.severity for p in found] == [severity] and words in found[0].message


def test_a_faithful_chinese_note_passes(mini_copy):
    path = mini_copy / "links" / "links.geojson"
    doc = json.loads(path.read_text(encoding="utf-8"))
    props = doc["features"][0]["properties"]
    props["note"], props["note_zh"] = "opened 26 Dec 2025, 18 min", "2025年12月26日开通，18 分钟"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert not [p for p in validate_geodata(load_geodata(mini_copy, validate=False)) if p.field == "note_zh"]
