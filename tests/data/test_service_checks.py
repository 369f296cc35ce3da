"""Validation of the service fields: rail ``service_reading`` / ``pattern_of`` / ``approach_min`` / ``stop_km``
and coach links (``links/coach.geojson``), one broken copy of the mini fixture per failure mode; each problem
names the file, the feature, the field and a fix."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from wuzhen_geo.data.io import load_geodata
from wuzhen_geo.data.validate import validate_geodata
from wuzhen_geo.model import build_network, route

COACH = {
    "type": "Feature",
    "properties": {"id": "co_wuzhen_hgh", "name_zh": "乌镇-萧山机场", "name_en": "Wuzhen - Xiaoshan airport",
                   "status": "open", "open_year": None, "source": "test timetable", "accuracy": "schematic",
                   "mode": "coach", "class": "airport_coach", "nodes": ["city_wuzhen", "apt_hgh"],
                   "minutes": 120, "headway_min": 60, "first_departure": "06:00", "last_departure": "18:00",
                   "departures_per_day": 13},
    "geometry": {"type": "LineString", "coordinates": [[120.4956, 30.7461], [120.432, 30.237]]},
}


@pytest.fixture
def mini_coach(tmp_path: Path, mini_dir: Path) -> Path:
    dest = tmp_path / "mini"
    shutil.copytree(mini_dir, dest)
    _write_coach(dest, COACH["properties"])
    return dest


def _write_coach(folder: Path, props: dict) -> None:
    feature = {**COACH, "properties": props}
    (folder / "links" / "coach.geojson").write_text(
        json.dumps({"type": "FeatureCollection", "features": [feature]}, ensure_ascii=False), encoding="utf-8")


def _errors(folder: Path):
    return [p for p in validate_geodata(load_geodata(folder, validate=False)) if p.severity == "error"]


def _edit_rail(folder: Path, fid: str, **values) -> None:
    path = folder / "links" / "links.geojson"
    doc = json.loads(path.read_text(encoding="utf-8"))
    for f in doc["features"]:
        if f["properties"]["id"] == fid:
            f["properties"].update(values)
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


def test_a_valid_coach_link_passes_and_is_routed(mini_coach):
    assert _errors(mini_coach) == []
    net = build_network(load_geodata(mini_coach))
    trip = route(net, "city_wuzhen", "apt_hgh", mode="coach")
    assert any(leg.mode == "coach" for leg in trip.legs)


@pytest.mark.parametrize(("change", "field", "word"), [
    ({"minutes": None}, "minutes", "running time"),
    ({"minutes": 2000}, "minutes", "running time"),
    ({"minutes": 5}, "minutes", "faster than any road"),
    ({"headway_min": None}, "headway_min", "headway"),
    ({"first_departure": "7h30"}, "first_departure", "time of day"),
    ({"departures_per_day": 2.5}, "departures_per_day", "whole number"),
    ({"class": "bus"}, "class", "not a coach class"),
    ({"approach_min": {"apt_hgh": 3}}, "approach_min", "rail services"),
    ({"nodes": ["city_wuzhen", "jct_island"]}, "nodes", "not on the road network"),
])
def test_a_bad_coach_field_is_named_with_its_fix(mini_coach, change, field, word):
    props = {**COACH["properties"], **change}
    if field == "minutes" and word == "faster than any road":
        props["length_km"] = 60.0
    if word == "not on the road network":  # a junction that no road reaches, where the coach ends
        path = mini_coach / "places" / "places.geojson"
        doc = json.loads(path.read_text(encoding="utf-8"))
        island = json.loads(json.dumps(doc["features"][-1]))
        island["properties"].update(id="jct_island", kind="junction")
        island["geometry"]["coordinates"] = [120.432, 30.237]
        doc["features"].append(island)
        path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    _write_coach(mini_coach, props)
    found = [p for p in _errors(mini_coach) if p.field == field]
    assert found, _errors(mini_coach)
    assert found[0].file.endswith("coach.geojson") and found[0].feature == "co_wuzhen_hgh"
    assert word in found[0].message and found[0].fix


@pytest.mark.parametrize(("values", "field", "word"), [
    ({"service_reading": "optimistic"}, "service_reading", "not one of"),
    ({"pattern_of": "rl_nowhere"}, "pattern_of", "not a rail link"),
    ({"pattern_of": "rl_hsr_express"}, "pattern_of", "itself"),
    ({"pattern_of": "rd_cross"}, "pattern_of", "not a rail link"),
    ({"approach_min": {"stn_shanghai_hongqiao": 4}}, "approach_min", "not one of this link's stops"),
    ({"approach_min": {"stn_hangzhou_east": 90}}, "approach_min", "0 to 60"),
    ({"approach_min": [4]}, "approach_min", "not a mapping"),
    ({"stop_km": [0, 40, 60]}, "stop_km", "one rising distance per stop"),  # three for two stops
    ({"stop_km": [5, 60]}, "stop_km", "from 0"),
    ({"stop_km": [0, "far"]}, "stop_km", "one rising distance per stop"),
    ({"stop_km": [0, 60], "length_km": 70}, "stop_km", "length_km is 70"),
])
def test_bad_rail_service_fields_are_reported_by_the_validator(mini_dir, tmp_path, values, field, word):
    folder = tmp_path / "mini"
    shutil.copytree(mini_dir, folder)
    _edit_rail(folder, "rl_hsr_express", **values)
    found = [p for p in _errors(folder) if p.field == field]
    assert found and found[0].feature == "rl_hsr_express" and word in found[0].message, _errors(folder)
    assert found[0].file.endswith("links.geojson") and found[0].fix


def test_a_line_extended_beyond_its_open_section_keeps_the_section_s_length(shipped_data):
    """Once its extension to Shanghai East opened (2027), the Airport Link took 42 min from Hongqiao to Pudong
    instead of 40: the whole line's 68.6 km were spread over chords whose extension part is drawn short. The
    published distances per stop (``stop_km``) keep the open section at its 59 km."""
    from wuzhen_geo.model import DEFAULT_CONFIG

    runs = {}
    for year in (2026, 2028):
        net = build_network(shipped_data, config=DEFAULT_CONFIG.replace(year=year))
        trip = route(net, "stn_sha_t2_airlink", "stn_pvg_airlink", mode="rail")
        rides = [leg for leg in trip.legs if leg.mode == "rail"]
        runs[year] = ({leg.line_id for leg in rides}, sum(leg.minutes for leg in rides), sum(leg.km for leg in rides))
    assert runs[2026][0] == {"rl_airlink"} and runs[2028][0] == {"rl_airlink_full"}  # the extended line runs
    assert runs[2028][1] == pytest.approx(runs[2026][1]) and runs[2028][2] == pytest.approx(59.0)
