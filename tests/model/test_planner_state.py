"""The planner's scenario state in the model: a stop of an added link comes with its access roads, the
working copy has its own title, edits carry over to another base, names and titles are validated, and the
bounded undo / redo history."""

from __future__ import annotations

import pytest

from wuzhen_geo.errors import ScenarioError
from wuzhen_geo.model import (
    TODAY,
    AddLink,
    EditHistory,
    RemoveLink,
    Scenario,
    SetHeadway,
    active_features,
    apply_edit,
    load_scenario,
    own_edits,
    rebased,
    scenario_from_bytes,
    scenario_to_yaml,
    with_titles,
    working_copy,
)


def test_a_stop_of_an_added_link_comes_with_its_access_roads(shipped_data):
    """乌镇站 (proposed, no access today) linked to Tongxiang station: its connector to the town comes on,
    as for a station switched on by a project; without it the link reached nothing (0 of 282 pairs)."""
    link = AddLink(id="rl_custom_1", mode="rail", cls="intercity", stops=("stn_wuzhen", "stn_tongxiang"),
                   speed_kmh=160.0, headway_min=30.0)
    plan = apply_edit(working_copy(TODAY), link, shipped_data)
    act = active_features(shipped_data, plan)
    assert "stn_wuzhen" in act.places
    assert "rd_conn_stn_wuzhen" in act.links
    assert "rd_conn_stn_wuzhen" not in active_features(shipped_data, TODAY).links
    # a removed connector stays removed
    gone = apply_edit(plan, RemoveLink("rd_conn_stn_wuzhen"), shipped_data)
    assert "rd_conn_stn_wuzhen" not in active_features(shipped_data, gone).links


def test_the_working_copy_has_its_own_name_and_title():
    copy = working_copy(TODAY)
    assert copy.name == "my-plan" and copy.title_en != TODAY.title_en and copy.title_zh != TODAY.title_zh
    assert "Today" not in scenario_to_yaml(copy) and "现状" not in scenario_to_yaml(copy)


def test_with_titles_validates_and_round_trips(mini_data):
    named = with_titles(working_copy(TODAY), "wuzhen-shuttle", "乌镇接驳", "Wuzhen shuttle", mini_data)
    assert (named.name, named.title_zh, named.title_en) == ("wuzhen-shuttle", "乌镇接驳", "Wuzhen shuttle")
    assert load_scenario(scenario_to_yaml(named), mini_data) == named
    with pytest.raises(ScenarioError, match="name"):
        with_titles(named, "  ", "x", "y", mini_data)


def test_rebased_carries_edits_and_titles_or_says_why_not(mini_data):
    link = AddLink(id="rl_custom_1", mode="rail", cls="intercity", stops=("city_wuzhen", "stn_tongxiang"),
                   speed_kmh=160.0, headway_min=30.0, name_en="Shuttle")
    plan = with_titles(apply_edit(working_copy(TODAY), link, mini_data), "p", "甲", "A", mini_data)
    base = Scenario(name="plan-test", title_en="Test plan", year=2030, projects_on=("prj_airport_hsr",))
    moved = rebased(plan, None, base, mini_data)
    assert moved.edits == plan.edits and moved.year == 2030 and moved.projects_on == ("prj_airport_hsr",)
    assert (moved.name, moved.title_en) == ("p", "A")
    # an own edit of a link only the old base added cannot move to today's network
    old = apply_edit(Scenario(name="old"), link, mini_data)
    mine = apply_edit(working_copy(old), SetHeadway("rl_custom_1", 10.0), mini_data)
    assert own_edits(mine, old) == (SetHeadway("rl_custom_1", 10.0),)
    assert rebased(mine, old, old, mini_data).edits == mine.edits
    with pytest.raises(ScenarioError, match="rl_custom_1"):
        rebased(mine, old, None, mini_data)


def test_edit_history_is_bounded_and_undo_redo_round_trip():
    h = EditHistory(limit=3)
    assert not h.can_undo and not h.can_redo
    for state in ("a", "b", "c", "d"):
        h = h.push(state)
    assert h.past == ("b", "c", "d")  # the oldest dropped at the limit
    h, back = h.undo("e")
    assert back == "d" and h.future == ("e",) and h.can_redo
    h, again = h.redo(back)
    assert again == "e" and h.past[-1] == "d" and not h.can_redo
    assert h.push("f").future == ()  # a new change forgets what was undone
    with pytest.raises(IndexError):
        EditHistory().undo("x")


def test_a_yaml_syntax_error_names_line_and_column(mini_data):
    with pytest.raises(ScenarioError, match=r"line 4, column 4") as err:
        scenario_from_bytes(b"name: broken\nedits:\n  - type: add_link\n   id: x\n", mini_data, filename="b.yaml")
    assert "b.yaml" in str(err.value)
