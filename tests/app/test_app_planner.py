"""The planner's before / after views in AppTest (mini data): the two maps side by side and the travel-time
difference surface from a zone draw without an error, and the surface is the package's answer."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from tests.shared import REPO_ROOT
from wuzhen_geo.answers import difference_bands, travel_time_surface
from wuzhen_geo.model import apply_edit, build_network

APP = str(REPO_ROOT / "streamlit_app.py")


@pytest.fixture
def mini_env(monkeypatch, mini_dir, repo_root):
    monkeypatch.setenv("WUZHEN_GEO_DATA", str(mini_dir))
    monkeypatch.chdir(repo_root)


def _planner_with_a_link() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params.update({"page": "planner", "lang": "en"})
    at.run()
    at.selectbox(key="pl_a__en").set_value("zacc_hq").run()
    at.selectbox(key="pl_b__en").set_value("apt_hgh").run()
    at.number_input(key="pl_pf_speed_intercity").set_value(300.0).run()
    at.button(key="pl_add_places").click().run()
    assert not at.exception and not at.error
    return at


def test_before_and_after_maps_side_by_side(mini_env):
    at = _planner_with_a_link()
    at.button_group(key="pl_view_kind__en").set_value("side").run()
    assert not at.exception and not at.error
    shown = [el.value for el in at.text]
    # the maps are named as the caption over the table names the two networks
    assert "Before: Today's network" in shown and "After: My plan" in shown


def test_the_difference_surface_from_a_zone(mini_env, mini_data):
    at = _planner_with_a_link()
    at.button_group(key="pl_view_kind__en").set_value("surface").run()
    zone = mini_data.zones.index[0]
    at.selectbox(key="pl_surface_zone__en").set_value(zone).run()
    assert not at.exception and not at.error
    after = at.session_state["pl_scenario"]
    before = type(after)(name="today", year=after.year)
    nets = [build_network(mini_data, s) for s in (before, after)]
    bands = difference_bands(*(travel_time_surface(n, zone) for n in nets))
    assert len(bands) and (bands["max_minutes"] <= 0).any()  # the shuttle makes somewhere faster
    assert not [el.value for el in at.info if "No travel time" in el.value]
    assert apply_edit(before, after.edits[0], mini_data).edits == after.edits


def test_speed_inputs_keep_to_the_class_range(mini_env, mini_data):
    """A new link's speed and a changed speed are bounded by what an edit may set that class to."""
    from wuzhen_geo.answers import link_speed
    from wuzhen_geo.vocabulary import SPEED_RANGE_BY_CLASS

    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params.update({"page": "planner", "lang": "en"})
    at.run()
    at.selectbox(key="pl_pf_class__en").set_value("metro").run()
    metro = at.number_input(key="pl_pf_speed_metro")
    assert (metro.min, metro.max) == SPEED_RANGE_BY_CLASS["metro"]
    assert metro.value == SPEED_RANGE_BY_CLASS["metro"][1]  # the rail default (160) brought inside 20-120
    road = next(lid for lid in mini_data.links.index if mini_data.links.at[lid, "mode"] == "road")
    at.selectbox(key="pl_speed_link__en").set_value(road).run()
    cls = mini_data.links.at[road, "class"]
    box = at.number_input(key=f"pl_speed_{road}_{cls}")
    assert (box.min, box.max) == SPEED_RANGE_BY_CLASS[cls]
    assert box.value == link_speed(mini_data, road)
    assert not at.exception and not at.error


def test_the_speed_tab_keeps_one_draft(mini_env, mini_data):
    """A speed typed for one link is kept as a draft until another link is chosen, whose own draft then replaces
    it: the draft (kept with the work, at most a few dozen fields) does not grow with every link looked at."""
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params.update({"page": "planner", "lang": "en"})
    at.run()
    first, second = [lid for lid in mini_data.links.index if mini_data.links.at[lid, "mode"] == "road"][:2]
    keys = {lid: f"pl_speed_{lid}_{mini_data.links.at[lid, 'class']}" for lid in (first, second)}
    at.selectbox(key="pl_speed_link__en").set_value(first).run()
    at.number_input(key=keys[first]).set_value(55.0).run()
    assert at.session_state["_draft_" + keys[first]] == 55.0
    at.selectbox(key="pl_speed_link__en").set_value(second).run()
    drafts = [k for k in at.session_state.keys() if k.startswith("_draft_pl_speed_")]
    assert drafts == ["_draft_" + keys[second]]
    assert not at.exception and not at.error


def test_the_planner_names_the_inferred_opening_years_of_its_scenario(monkeypatch, repo_root, shipped_dir,
                                                                      shipped_data):
    """The full plan rests on opening years nobody announced: the planner says which."""
    from wuzhen_geo.answers import inferred_years_text
    from wuzhen_geo.model.scenario_files import shipped_scenarios

    monkeypatch.setenv("WUZHEN_GEO_DATA", str(shipped_dir))
    monkeypatch.chdir(repo_root)
    at = AppTest.from_file(APP, default_timeout=180)
    at.query_params.update({"page": "planner", "lang": "en", "scenario": "plan-full"})
    at.run()
    assert not at.exception and not at.error
    scenario = at.session_state["pl_scenario"]
    expected = inferred_years_text(shipped_data, scenario, "en")
    assert expected and "inferred" in expected, scenario
    assert any(expected.split(":")[0] in c.value.replace("\\", "") for c in at.caption)


def test_the_planner_reads_planned_services_as_promised_or_conservatively(monkeypatch, repo_root, shipped_dir):
    """Start from plan-2030 (as promised) and read it conservatively: the working scenario carries the
    reading, and the new line's slower express shows as a loss in the comparison."""
    monkeypatch.setenv("WUZHEN_GEO_DATA", str(shipped_dir))
    monkeypatch.chdir(repo_root)
    at = AppTest.from_file(APP, default_timeout=240)
    at.query_params.update({"page": "planner", "lang": "en", "scenario": "plan-2030"})
    at.run()
    assert at.radio(key="pl_reading__en").value == "promised"
    assert at.session_state["pl_scenario"].service_reading is None
    at.radio(key="pl_reading__en").set_value("conservative").run()
    assert not at.exception and not at.error
    assert at.session_state["pl_scenario"].service_reading == "conservative"
    caption = next(c.value for c in at.caption if c.value.startswith("Pairs changed of"))
    assert re.search(r"rail [1-9]", caption), caption
    # the reading survives a change of language
    at.sidebar.segmented_control(key="wz_lang_widget").set_value("zh").run()
    assert at.radio(key="pl_reading__zh").value == "conservative"
    assert at.session_state["pl_scenario"].service_reading == "conservative"


def test_switched_projects_survive_a_change_of_language(mini_env, mini_data):
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params.update({"page": "planner", "lang": "en"})
    at.run()
    project = next(str(p["id"]) for p in mini_data.projects if p.get("modelled"))
    at.multiselect(key="pl_on__en").set_value([project]).run()
    assert at.session_state["pl_scenario"].projects_on == (project,)
    for lang in ("zh", "en", "zh"):  # the box is made afresh in each language, with the project in it
        at.sidebar.segmented_control(key="wz_lang_widget").set_value(lang).run()
        assert not at.exception and not at.error
        assert at.session_state["pl_scenario"].projects_on == (project,)
        assert at.multiselect(key=f"pl_on__{lang}").value == [project]


def _full_plan_by_rail(monkeypatch, repo_root, shipped_dir, shipped_data) -> AppTest:
    """The planner on the shipped data, today's network with every project of the full plan switched on,
    compared by rail."""
    from wuzhen_geo.model.scenario_files import shipped_scenarios

    monkeypatch.setenv("WUZHEN_GEO_DATA", str(shipped_dir))
    monkeypatch.chdir(repo_root)
    at = AppTest.from_file(APP, default_timeout=300)
    at.query_params.update({"page": "planner", "lang": "en"})
    at.run()
    at.radio(key="pl_mode__en").set_value("rail").run()
    at.multiselect(key="pl_on__en").set_value(list(shipped_scenarios(shipped_data)["plan-full"].projects_on)).run()
    assert not at.exception and not at.error
    return at


def test_the_planner_counts_the_people_within_60_minutes_before_and_after(monkeypatch, repo_root, shipped_dir,
                                                                          shipped_data):
    """Today vs the full plan by rail: the planner's people-within-60-min table is the package's answer."""
    from wuzhen_geo.answers import access_change
    from wuzhen_geo.maps import people_text
    from wuzhen_geo.model import TODAY, build_network, with_year
    from wuzhen_geo.vocabulary import people_change_text

    at = _full_plan_by_rail(monkeypatch, repo_root, shipped_dir, shipped_data)
    shown = next(df.value for df in at.dataframe if "Before" in df.value.columns and "From" in df.value.columns
                 and len(df.value) == 7)
    after = at.session_state["pl_scenario"]
    expected = access_change(build_network(shipped_data, with_year(TODAY, after.year)),
                             build_network(shipped_data, after), mode="rail")
    assert list(shown["From"]) == list(expected["name_en"])
    assert list(shown["After"]) == [people_text(v, "en") for v in expected["people_after"]]
    assert list(shown["Change (people)"]) == [people_change_text(b, a, "en") for b, a in
                                              zip(expected["people_before"], expected["people_after"])]
    assert (expected["people_change"] > 0).all()  # the plan's railways bring people within an hour by rail


def test_the_change_shown_is_the_after_shown_minus_the_before_shown(monkeypatch, repo_root, shipped_dir,
                                                                    shipped_data):
    """Every project of the full plan switched on, compared by rail: on each row of the planner's table the
    change reads as the after minus the before as they read (rounding the exact difference on its own once
    showed 180 -> 100 as -79)."""
    at = _full_plan_by_rail(monkeypatch, repo_root, shipped_dir, shipped_data)
    at.toggle(key="pl_only_changes").set_value(False).run()
    assert not at.exception and not at.error
    table = next(df.value for df in at.dataframe if "Change (rail)" in df.value.columns)
    pairs = table[["Rail before", "Rail after", "Change (rail)"]].dropna()
    assert len(pairs) > 20 and (pairs["Change (rail)"] != 0).any()
    for before, after, change in pairs.itertuples(index=False):
        assert change == after - before, (before, after, change)


def test_another_start_asks_about_edits_and_projects_as_the_edits_panel_counts_them(monkeypatch, repo_root,
                                                                                     shipped_dir, shipped_data):
    """A project switched on and one speed edit: "Start from" another scenario asks about 1 edit (as "Current
    edits (1)" counts) and the choice of projects, not about "2 edits"."""
    monkeypatch.setenv("WUZHEN_GEO_DATA", str(shipped_dir))
    monkeypatch.chdir(repo_root)
    at = AppTest.from_file(APP, default_timeout=300)
    at.query_params.update({"page": "planner", "lang": "en"})
    at.run()
    project = next(str(p["id"]) for p in shipped_data.projects if p.get("modelled"))
    at.multiselect(key="pl_on__en").set_value([project]).run()
    at.button(key="pl_speed_btn").click().run()
    assert len(at.session_state["pl_scenario"].edits) == 1
    at.selectbox(key="pl_base__en").set_value("plan-2030").run()
    warnings = [w.value for w in at.warning]
    assert "Discard 1 edit and your choice of projects?" in warnings, warnings
    assert not any("2 edits" in w for w in warnings)
    # carrying the edit over drops the choice of projects: the button says so
    assert at.button(key="pl_carry").label == "Carry my edits over (the new start's projects)"
    at.button(key="pl_carry").click().run()
    assert len(at.session_state["pl_scenario"].edits) == 1 and project not in at.session_state["pl_scenario"].projects_on


def test_the_comparison_says_what_it_compares_when_the_year_moves(mini_env):
    # from today's network moved to 2035, "before" is the network by opening year in 2035, not today's
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params.update({"page": "planner", "lang": "en"})
    at.run()
    captions = " ".join(c.value.replace("\\", "") for c in at.caption)  # shown literally: Markdown escapes
    assert "Before: Today's network; after: My plan; both in 2026." in captions
    at.slider(key="pl_year").set_value(2035).run()
    assert not at.exception and not at.error
    captions = " ".join(c.value.replace("\\", "") for c in at.caption)
    assert "Before: The network by opening year; after: My plan; both in 2035." in captions
    at.button_group(key="pl_view_kind__en").set_value("side").run()
    assert "Before: The network by opening year" in [el.value for el in at.text]


def test_start_from_and_the_service_reading_follow_cancel_and_undo(monkeypatch, repo_root, shipped_dir):
    """The "Start from" box and the service-reading radio were reset by dropping their values, so they kept
    showing the old choice, which the next unrelated click sent again: after Cancel the question came back,
    after Undo the undone start or reading was silently applied again (and Redo was lost)."""
    monkeypatch.setenv("WUZHEN_GEO_DATA", str(shipped_dir))
    monkeypatch.chdir(repo_root)
    at = AppTest.from_file(APP, default_timeout=300)
    at.query_params.update({"page": "planner", "lang": "en"})
    at.run()
    at.button(key="pl_speed_btn").click().run()
    at.selectbox(key="pl_base__en").set_value("plan-2030").run()
    assert any("Discard" in w.value for w in at.warning)
    at.button(key="pl_cancel").click().run()
    assert at.selectbox(key="pl_base__en").value == ""  # the box shows the start again
    at.toggle(key="pl_only_changes").set_value(False).run()  # an unrelated click
    assert not any("Discard" in w.value for w in at.warning)
    assert at.session_state["pl_from"] == "" and len(at.session_state["pl_scenario"].edits) == 1

    at.selectbox(key="pl_base__en").set_value("plan-2030").run()
    at.button(key="pl_discard").click().run()
    assert at.session_state["pl_from"] == "plan-2030"
    at.button(key="pl_undo").click().run()
    assert at.selectbox(key="pl_base__en").value == ""
    at.toggle(key="pl_only_changes").set_value(True).run()
    assert at.session_state["pl_from"] == "" and len(at.session_state["pl_scenario"].edits) == 1
    assert at.session_state["pl_history"].can_redo  # Redo still brings the discarded state back

    at.radio(key="pl_reading__en").set_value("conservative").run()
    assert at.session_state["pl_scenario"].service_reading == "conservative"
    at.button(key="pl_undo").click().run()
    assert at.radio(key="pl_reading__en").value == "promised"
    at.toggle(key="pl_only_changes").set_value(False).run()
    assert at.session_state["pl_scenario"].service_reading != "conservative"
    assert at.session_state["pl_history"].can_redo
    assert not at.exception and not at.error


def test_the_indicators_say_whence_they_are_measured(monkeypatch, repo_root, shipped_dir):
    """The zone table gives 75 min from the HQ zone to Xiaoshan airport, the indicators below it 67: they are
    measured from Tongxiang city centre, where the Tongxiang plan sets its targets. The command line said so,
    the planner did not."""
    monkeypatch.setenv("WUZHEN_GEO_DATA", str(shipped_dir))
    monkeypatch.chdir(repo_root)
    for lang, words in (("en", "measured from Tongxiang city centre"), ("zh", "桐乡市中心")):
        at = AppTest.from_file(APP, default_timeout=300)
        at.query_params.update({"page": "planner", "lang": lang})
        at.run()
        column = "How measured" if lang == "en" else "依据（测量起点）"
        table = next(df.value for df in at.dataframe if column in df.value.columns)
        assert table[column].str.contains(words).any(), table[column].tolist()


def test_undo_and_redo_keep_the_year_on_screen(mini_env):
    """The year is a view every page shares, not a step of the work: undoing an edit made in 2026 after moving
    to 2035 took the slider (and every page) back to 2026. Only a step that changed the start brings its year."""
    at = _planner_with_a_link()
    assert at.session_state["pl_scenario"].year == 2026
    at.slider(key="pl_year").set_value(2035).run()
    at.button(key="pl_undo").click().run()
    assert len(at.session_state["pl_scenario"].edits) == 0
    assert at.slider(key="pl_year").value == 2035 and at.session_state["pl_scenario"].year == 2035
    at.button(key="pl_redo").click().run()
    assert len(at.session_state["pl_scenario"].edits) == 1
    assert at.slider(key="pl_year").value == 2035 and at.session_state["pl_scenario"].year == 2035
    assert not at.exception and not at.error


def test_the_planner_counts_the_changes_compare_counts(monkeypatch, repo_root, shipped_dir, shipped_data, capsys,
                                                       tmp_path):
    """Switching on the new Shanghai-Hangzhou HSR alone, the planner said "48 of 282 pairs changed" (any mode, with
    the HSR stations) while `compare` said "by fastest: 0 of 78" (airports and cities): one comparison, two counts.
    Now both compare the same places and count each mode."""
    from wuzhen_geo.cli import main
    from wuzhen_geo.i18n import label
    from wuzhen_geo.model import scenario_to_yaml

    monkeypatch.setenv("WUZHEN_GEO_DATA", str(shipped_dir))
    monkeypatch.chdir(repo_root)
    at = AppTest.from_file(APP, default_timeout=300)
    at.query_params.update({"page": "planner", "lang": "en"})
    at.run()
    at.multiselect(key="pl_on__en").set_value(["prj_xhh_hsr"]).run()
    assert not at.exception and not at.error
    caption = next(c.value for c in at.caption if c.value.startswith("Pairs changed of"))
    total = int(re.match(r"Pairs changed of (\d+):", caption).group(1))
    shown = {m: int(n) for m, n in re.findall(r"(\w+) (\d+)", caption.split(":", 1)[1])}
    after = tmp_path / "after.yaml"
    after.write_text(scenario_to_yaml(at.session_state["pl_scenario"]), encoding="utf-8")
    capsys.readouterr()
    assert main(["compare", "today", str(after)]) == 0
    said = re.findall(r"== by (\w+): (\d+) of (\d+) pairs change ==", capsys.readouterr().out)
    assert {m: int(n) for m, n, _ in said} == shown and {int(n) for *_, n in said} == {total}
    assert set(shown) == {label("mode", m, "en") for m in ("best", "car", "rail")}
    assert shown[label("mode", "rail", "en")] > 0  # the line speeds trips by rail
