"""Plan years and the full plan: ``year_basis`` is checked on projects and on features with a future year, and the
full-plan scenario really switches on every modelled project not yet open (issue 10, items 1, 3, 4)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from wuzhen_geo.data.io import load_geodata
from wuzhen_geo.data.validate import validate_geodata
from wuzhen_geo.model.scenario_files import load_scenario, shipped_scenarios
from wuzhen_geo.model.scenarios import Scenario, active_features
from wuzhen_geo.vocabulary import DATA_YEAR, YEAR_BASES


@pytest.fixture
def mini_copy(tmp_path: Path, mini_dir: Path) -> Path:
    dest = tmp_path / "mini"
    shutil.copytree(mini_dir, dest)
    return dest


def _errors(folder: Path) -> list:
    return [p for p in validate_geodata(load_geodata(folder, validate=False)) if p.severity == "error"]


def _edit_projects(folder: Path, pid: str, **values) -> None:
    path = folder / "projects.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    proj = next(p for p in doc if p["id"] == pid)
    for key, value in values.items():
        if value is None and key != "open_year":
            proj.pop(key, None)
        else:
            proj[key] = value
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")


# ------------------------------------------------------------------------------------------------ shipped


def test_every_project_not_open_says_what_its_year_rests_on(shipped_data):
    for proj in shipped_data.projects:
        if proj["status"] != "open":
            assert proj.get("year_basis") in YEAR_BASES, proj["id"]
            assert (proj["year_basis"] == "unknown") == (proj["open_year"] is None), proj["id"]


def test_full_plan_switches_on_every_modelled_project_not_yet_open(shipped_data):
    # Checked through the model's own activation rule, not the data check's list comparison.
    plan = load_scenario(Path(shipped_data.root) / "scenarios" / "plan-full.yaml", shipped_data)
    active = active_features(shipped_data, plan)
    on = active.places | active.links
    missing = {
        proj["id"]: sorted(set(proj["members"]) - on)
        for proj in shipped_data.projects
        if proj["status"] != "open" and proj["modelled"] and set(proj["members"]) - on
    }
    assert missing == {}
    assert "prj_g320_rebuild" in plan.projects_on


def test_second_exit_is_not_shown_built_and_takes_nothing_away(shipped_data):
    proj = next(p for p in shipped_data.projects if p["id"] == "prj_wuzhen_second_exit")
    assert proj["status"] != "open" and proj["open_year"] is None and proj["members"] == []
    # the S9 Wuzhen South interchange is open on its own, built by the Sutai phase II
    assert shipped_data.places.at["ic_s9_wuzhen_south", "status"] == "open"
    sutai = next(p for p in shipped_data.projects if p["id"] == "prj_sutai_nanxun_tongxiang")
    assert sutai["status"] == "open" and "ic_s9_wuzhen_south" in sutai["members"]
    today = active_features(shipped_data, Scenario("t", year=DATA_YEAR))
    off = active_features(shipped_data, Scenario("t", year=DATA_YEAR, projects_off=("prj_wuzhen_second_exit",)))
    assert off.places == today.places and off.links == today.links
    assert "ic_s9_wuzhen_south" in today.places


def test_only_the_jiaxing_part_of_the_airport_expressway_is_open(shipped_data):
    by_id = {p["id"]: p for p in shipped_data.projects}
    assert by_id["prj_tongxiang_jxn_expressway"]["status"] != "open"
    assert by_id["prj_tongxiang_jxn_expressway"]["members"] == []
    assert by_id["prj_jiaxing_airport_expressway"]["status"] == "open"
    assert shipped_data.links.at["rd_jiaxing_airport_exp", "length_km"] == pytest.approx(10.2)


# ------------------------------------------------------------------------------------------- failure modes


def test_planned_project_without_year_basis_is_an_error(mini_copy):
    _edit_projects(mini_copy, "prj_airport_hsr", year_basis=None)
    errors = _errors(mini_copy)
    assert any(p.file == "projects.yaml" and p.feature == "prj_airport_hsr" and p.field == "year_basis"
               for p in errors)
    # its members inherit nothing now, and have a future year: each is named too
    assert {p.feature for p in errors if p.field == "year_basis"} >= {"prj_airport_hsr", "rl_airport_hsr"}


@pytest.mark.parametrize("basis, year, words", [
    ("guessed", 2028, "not one of"),
    ("unknown", 2028, "'unknown' but open_year is 2028"),
    ("announced", None, "open_year is null"),
])
def test_year_basis_must_fit_the_year(mini_copy, basis, year, words):
    _edit_projects(mini_copy, "prj_airport_hsr", year_basis=basis, open_year=year)
    hits = [p for p in _errors(mini_copy) if p.feature == "prj_airport_hsr" and p.field == "year_basis"]
    assert hits and words in hits[0].message, hits


def test_inferred_year_needs_its_reasoning(mini_copy):
    _edit_projects(mini_copy, "prj_airport_hsr", note=None)
    assert any(p.feature == "prj_airport_hsr" and p.field == "note" for p in _errors(mini_copy))


def test_full_plan_missing_a_project_is_an_error(mini_copy):
    folder = mini_copy / "scenarios"
    folder.mkdir(exist_ok=True)
    plan = {"name": "plan-full", "title_zh": "全部", "title_en": "All", "year": 2050,
            "projects_on": [], "projects_off": [], "edits": []}
    (folder / "plan-full.yaml").write_text(yaml.safe_dump(plan), encoding="utf-8")
    hits = [p for p in _errors(mini_copy) if p.file == "scenarios/plan-full.yaml"]
    assert [(p.feature, p.field) for p in hits] == [("prj_airport_hsr", "projects_on")]
    assert "add prj_airport_hsr to projects_on" in hits[0].fix
    plan["projects_on"] = ["prj_airport_hsr"]
    (folder / "plan-full.yaml").write_text(yaml.safe_dump(plan), encoding="utf-8")
    assert _errors(mini_copy) == []


def test_future_feature_outside_any_project_needs_its_own_year_basis(mini_copy):
    path = mini_copy / "links" / "links.geojson"
    doc = json.loads(path.read_text(encoding="utf-8"))
    road = next(f for f in doc["features"] if f["properties"]["id"] == "rd_wuzhen_ave")
    road["properties"].update(status="planned", open_year=DATA_YEAR + 4)
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    hits = [p for p in _errors(mini_copy) if p.feature == "rd_wuzhen_ave"]
    assert [(p.file, p.field) for p in hits] == [("links.geojson", "year_basis")]
    road["properties"]["year_basis"] = "announced"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert [p for p in _errors(mini_copy) if p.feature == "rd_wuzhen_ave"] == []


def test_target_from_must_name_places(mini_copy):
    path = mini_copy / "targets.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    doc[0]["from"] = ["city_nowhere"]
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    hits = [p for p in _errors(mini_copy) if p.file == "targets.yaml"]
    assert [(p.field, p.message) for p in hits] == [("from", "unknown place 'city_nowhere'")]


def test_zone_placeholder_flag_must_be_true_or_false(mini_copy):
    path = mini_copy / "zones.geojson"
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["features"][0]["properties"]["placeholder"] = "yes"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    hits = [p for p in _errors(mini_copy) if p.field == "placeholder"]
    assert len(hits) == 1 and hits[0].file == "zones.geojson" and "true/false" in hits[0].message
    doc["features"][0]["properties"]["placeholder"] = True
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert _errors(mini_copy) == []


@pytest.mark.parametrize("value", [[["nested"]], [{"a": 1}], 7])
def test_odd_from_and_projects_on_values_are_problems_not_crashes(mini_copy, value):
    path = mini_copy / "targets.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    doc[0]["from"] = value
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    (mini_copy / "scenarios").mkdir(exist_ok=True)
    plan = {"name": "plan-full", "year": 2050, "projects_on": [["prj_airport_hsr"]]}
    (mini_copy / "scenarios" / "plan-full.yaml").write_text(yaml.safe_dump(plan), encoding="utf-8")
    errors = _errors(mini_copy)
    assert any(p.file == "targets.yaml" and p.field == "from" for p in errors)
    assert any(p.file == "scenarios/plan-full.yaml" and p.feature == "prj_airport_hsr" for p in errors)


def test_the_projects_table_says_when_its_members_show_another_status(shipped_data):
    """The Projects page called the water-town line 'under construction' (its Jiangsu section) while every
    popup of its line and stations says proposed or planned; the table now says both."""
    from wuzhen_geo.answers import project_table
    from wuzhen_geo.i18n import label

    table = project_table(shipped_data, "en").set_index("id")
    status = table.at["prj_water_town_line", "status"]
    assert status.startswith(label("status", "under_construction", "en")) and "proposed" in status
    for pid, row in table.iterrows():  # a project whose members agree with it keeps its one word
        proj = next(p for p in shipped_data.projects if p["id"] == pid)
        statuses = {shipped_data.links.at[m, "status"] if m in shipped_data.links.index else
                    shipped_data.places.at[m, "status"] for m in proj.get("members") or []
                    if m in shipped_data.links.index or m in shipped_data.places.index}
        if statuses <= {proj.get("status")}:
            assert row["status"] == label("status", proj.get("status"), "en"), pid
