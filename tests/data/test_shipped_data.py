"""The shipped geodata: it validates, and every system the product promises is in it, where it should be."""

from __future__ import annotations

import json

import pytest

from wuzhen_geo.data.io import load_geodata

from wuzhen_geo.vocabulary import METRIC_CRS
from wuzhen_geo.data.validate import validate_geodata


def test_shipped_data_validates(shipped_dir):
    errors = [str(p) for p in validate_geodata(load_geodata(shipped_dir, validate=False)) if p.severity == "error"]
    assert errors == [], "\n".join(errors[:30])


def test_every_chinese_note_keeps_the_numbers_of_its_english_note(shipped_dir):
    lost = [str(p) for p in validate_geodata(load_geodata(shipped_dir, validate=False)) if p.field == "note_zh"]
    assert lost == [], "\n".join(lost[:30])


def test_the_built_layers_chinese_notes_come_from_the_build_scripts_table(shipped_dir):
    # units.geojson and context.geojson are written by scripts: a rebuild keeps a note_zh only if the
    # scripts' table (scripts/notes_zh.json) translates that very note
    table = json.loads((shipped_dir.parent / "scripts" / "notes_zh.json").read_text(encoding="utf-8"))
    for name in ("units.geojson", "context.geojson"):
        for feature in json.loads((shipped_dir / name).read_text(encoding="utf-8"))["features"]:
            p = feature["properties"]
            if p.get("note"):
                assert p.get("note_zh") == table.get(p["note"]), (name, p["id"])


def _names(frame):
    return " | ".join(frame["name_zh"].astype(str)) + " | " + " | ".join(frame["name_en"].astype(str))


def test_the_six_zones_and_their_access(shipped_data):
    wanted = {"互联网总部会展区", "互联网文旅展示区", "互联网生活示范区", "互联网产业集聚区", "互联网教育集聚区",
              "数字农业集聚区"}
    assert wanted == set(shipped_data.zones["name_zh"])
    assert set(shipped_data.zones["access"]) <= set(shipped_data.places.index)


@pytest.mark.parametrize("airport", ["apt_hgh", "apt_sha", "apt_pvg", "apt_wux", "apt_jxn"])
def test_airports(shipped_data, airport):
    assert shipped_data.places.loc[airport, "kind"] == "airport"
    assert shipped_data.places.loc[airport, "status"] == "open"


def test_jiaxing_airport_opened_december_2025(shipped_data):
    assert shipped_data.places.loc["apt_jxn", "open_year"] == 2025


@pytest.mark.parametrize("city", ["shanghai", "hangzhou", "suzhou", "huzhou", "jiaxing", "wuxi", "tongxiang"])
def test_city_centres(shipped_data, city):
    assert shipped_data.places.loc[f"city_{city}", "kind"] == "city_centre"


RAIL_SYSTEMS = {
    "沪杭高铁": "open", "沪苏湖": "open", "湖杭": "open", "杭海城际": "open", "机场联络线": "open", "19号线": "open",
    "沪昆铁路": "open", "沪乍杭": "under_construction", "杭州机场高铁": "under_construction",
    "通苏嘉甬": "under_construction", "水乡旅游线": None, "嘉湖铁路": None, "湖嘉杭绍": None,
}


@pytest.mark.parametrize("name,status", RAIL_SYSTEMS.items())
def test_rail_systems_by_name(shipped_data, name, status):
    rail = shipped_data.links[shipped_data.links["mode"] == "rail"]
    hits = rail[rail["name_zh"].str.contains(name, regex=False)]
    assert len(hits), f"no rail service named {name}"
    if status:
        assert status in set(hits["status"]), f"{name}: statuses {set(hits['status'])}"
    else:
        assert set(hits["status"]) <= {"planned", "proposed"}


def test_shanghai_hangzhou_hsr_all_stations_in_order(shipped_data):
    order = ["杭州东", "临平南", "海宁西", "桐乡", "嘉兴南", "嘉善南", "金山北", "松江", "虹桥"]
    links = shipped_data.links
    rail = links[(links["mode"] == "rail") & links["name_zh"].str.contains("沪杭高铁", regex=False)]
    station_names = shipped_data.places["name_zh"]

    def positions(stops):
        names = [station_names[s] for s in stops]
        found = [next((i for i, n in enumerate(names) if key in n), None) for key in order]
        return found

    complete = [p for p in (positions(stops) for stops in rail["nodes"]) if None not in p]
    assert complete, "no Shanghai-Hangzhou HSR pattern stops at every station"
    assert any(p == sorted(p) or p == sorted(p, reverse=True) for p in complete)


ROADS = ["沪杭高速", "申嘉湖", "苏台高速", "联络线", "练杭", "钱江", "杭浦", "乍嘉苏", "沪渝", "绕城", "320国道",
         "乌镇大道", "机场快速路", "临杭大道"]


@pytest.mark.parametrize("name", ROADS)
def test_roads_by_name(shipped_data, name):
    roads = shipped_data.links[shipped_data.links["mode"] == "road"]
    assert roads["name_zh"].str.contains(name, regex=False).any(), f"no road named {name}"


@pytest.mark.parametrize("name", ["乌镇", "濮院", "乌镇南", "梧桐", "崇福", "骑塘"])
def test_tongxiang_interchanges_by_name(shipped_data, name):
    ics = shipped_data.places[shipped_data.places["kind"] == "interchange"]
    assert ics["name_zh"].str.contains(name, regex=False).any(), f"no interchange named {name}"


def test_expressways_entered_only_at_interchanges(shipped_data):
    expressways = shipped_data.links[shipped_data.links["class"] == "expressway"]
    assert len(expressways) >= 8
    for nodes in expressways["nodes"]:
        assert set(shipped_data.places.loc[nodes, "kind"]) == {"interchange"}


def test_places_lie_in_their_city(shipped_data):
    bounds = shipped_data.boundaries.to_crs(METRIC_CRS).geometry
    places = shipped_data.places.to_crs(METRIC_CRS).geometry
    zones = shipped_data.zones.to_crs(METRIC_CRS).geometry
    assert bounds["bnd_tongxiang"].contains(places["stn_tongxiang"])
    assert bounds["bnd_wuzhen"].buffer(200).contains(zones.union_all())
    assert bounds["bnd_tongxiang"].buffer(200).contains(bounds["bnd_wuzhen"])


def test_every_project_is_modelled_or_says_why(shipped_data):
    names = " ".join(p["name_zh"] for p in shipped_data.projects)
    for name in ["沪乍杭", "沪杭城际", "湖嘉杭绍", "杭绍台", "杭桐", "湖嘉", "苏台", "德清", "濮院", "320",
                 "东湖", "嘉兴机场", "桐乡高铁站", "萧山机场", "运河"]:
        assert name in names, f"no project named like {name}"
    for p in shipped_data.projects:
        assert p["modelled"] is True and p["members"] or p["modelled"] is False and p["not_modelled_reason"]


def test_plan_targets(shipped_data):
    kinds = {t["id"]: t for t in shipped_data.targets}
    minutes = sorted(t["max_minutes"] for t in kinds.values() if t["kind"] == "travel_time")
    assert 60 in minutes and 120 in minutes
    lengths = sorted(t["target_km"] for t in kinds.values() if t["kind"] == "network_length")
    assert lengths == [26, 83]


def test_every_feature_has_source_and_accuracy(shipped_data):
    d = shipped_data
    for frame in (d.places, d.links, d.zones, d.boundaries, d.context):
        assert frame["source"].astype(str).str.strip().ne("").all()
        assert frame["accuracy"].isin(["surveyed", "approximate", "schematic"]).all()


def test_unpublished_planned_alignments_are_schematic(shipped_data):
    future = shipped_data.links[shipped_data.links["status"].isin(["planned", "proposed"])]
    assert not (future["accuracy"] == "surveyed").any()
    links = shipped_data.links
    proposed_rail = links[(links["status"] == "proposed") & (links["mode"] == "rail")]
    assert (proposed_rail["accuracy"] == "schematic").all()


@pytest.mark.parametrize("words", ["客运中心枢纽站", "桐乡西交通枢纽", "三横一纵", "三横两纵", "301510", "互联网之光博览中心",
                                   "国际商务会展中心", "世界互联网科技馆", "旅游直通车"])
def test_seed_items_of_the_tongxiang_plan_are_listed(shipped_data, words):
    # the seed list of the data-update issue (Dec 2026); each says what was found, or that nothing was
    found = [p for p in shipped_data.projects if words in p["name_zh"]]
    assert len(found) == 1
    assert found[0]["modelled"] or found[0]["not_modelled_reason"]
    assert found[0].get("note")


def test_new_shanghai_hangzhou_hsr_station_at_pinghu_has_its_approved_name(shipped_data):
    # NDRC approval of the feasibility study (Aug 2025) names the station 平湖市站
    assert shipped_data.places.at["stn_pinghu_south", "name_zh"] == "平湖市站"
