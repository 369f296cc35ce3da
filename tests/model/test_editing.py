"""Editing a scenario with typed edits: a valid edit is applied and validated as a scenario file is; an invalid
one raises ``ScenarioError`` naming the field and the fix, and the scenario it was given stays as it was."""

from __future__ import annotations

import re

import pytest

from wuzhen_geo.errors import ScenarioError
from wuzhen_geo.model import (
    TODAY,
    AddLink,
    RemoveLink,
    Scenario,
    SetHeadway,
    SetSpeed,
    apply_edit,
    build_network,
    load_scenario,
    new_link_id,
    remove_edit,
    scenario_from_bytes,
    scenario_to_yaml,
    with_projects,
    with_year,
    working_copy,
)


@pytest.fixture(scope="module")
def plan() -> Scenario:
    return working_copy(TODAY, year=2030)


def _rail(lid: str = "rl_custom_1", **kw) -> AddLink:
    fields = dict(id=lid, mode="rail", cls="intercity", stops=("city_wuzhen", "stn_tongxiang"), speed_kmh=160,
                  headway_min=30)
    fields.update(kw)
    return AddLink(**fields)


def test_working_copy_and_year():
    assert working_copy(None).name == "my-plan" and working_copy(None).edits == ()
    assert working_copy(TODAY, year=2035).year == 2035
    assert with_year(None, None) == TODAY
    assert with_year(TODAY, 2031).year == 2031 and with_year(TODAY, 2031).name == "today"


def test_a_valid_edit_is_applied_and_reads_back_from_its_file(plan, mini_data):
    edited = apply_edit(plan, _rail(), mini_data)
    assert plan.edits == ()  # frozen: the argument is unchanged
    assert len(edited.edits) == 1 and edited.edits[0].id == "rl_custom_1"
    assert edited.edits[0].speed_kmh == 160.0 and isinstance(edited.edits[0].speed_kmh, float)
    assert edited.year == 2030 and edited.name == "my-plan"
    more = apply_edit(apply_edit(edited, SetSpeed("rd_expressway", 100), mini_data), RemoveLink("rd_cross"),
                      mini_data)
    more = apply_edit(more, SetHeadway("rl_custom_1", 10), mini_data)  # a link the scenario added
    assert [e.type for e in more.edits] == ["add_link", "set_speed", "remove_link", "set_headway"]
    assert load_scenario(scenario_to_yaml(more), mini_data) == more
    hash(more)  # frozen and hashable: it keys the app's caches
    build_network(mini_data, more)  # the network builds with every edit


def test_a_drawn_link_with_points_applies(plan, mini_data):
    pts = ((120.5, 30.7), (120.6, 30.65), (120.7, 30.6))
    edited = apply_edit(plan, _rail(stops=(pts[0], pts[-1]), geometry=pts), mini_data)
    assert edited.edits[0].stops == (pts[0], pts[-1]) and edited.edits[0].geometry == pts
    assert not re.search(r"[&*]id\d+", scenario_to_yaml(edited))  # never an anchor or alias


@pytest.mark.parametrize("edit, field, words", [
    (RemoveLink("rd_nowhere"), "edits[0].link", "unknown link"),
    (SetSpeed("rd_expressway", -5), "edits[0].speed_kmh", "not positive"),
    (SetSpeed("rd_expressway", "fast"), "edits[0].speed_kmh", "not a number"),
    # YAML reads 1e9 as text: said as such, with how to write it
    (SetSpeed("rd_expressway", "1e9"), "edits[0].speed_kmh",
     "'1e9' is read as text, not as a number (an exponent is written 1.0e+9)"),
    (SetSpeed("rd_expressway", "90"), "edits[0].speed_kmh", "'90' is read as text, not as a number (without quotes)"),
    (SetHeadway("rd_expressway", 10), "edits[0].link", "not a rail link"),
    (SetHeadway("rl_metro", 0), "edits[0].headway_min", "not positive"),
    (AddLink(id="rl_custom_1", mode="rail", cls="intercity", stops=("city_wuzhen", "stn_tongxiang")),
     "edits[0].headway_min", "missing for a rail link"),
    (AddLink(id="rl_custom_1", mode="boat", cls="ferry", stops=("city_wuzhen", "stn_tongxiang")),
     "edits[0].mode", "not a mode"),
    (AddLink(id="rl_custom_1", mode="rail", cls="arterial", stops=("city_wuzhen", "stn_tongxiang"),
             headway_min=30), "edits[0].class", "not a rail class"),
    (AddLink(id="rd_expressway", mode="road", cls="arterial", stops=("city_wuzhen", "stn_tongxiang")),
     "edits[0].id", "already exists"),
    (AddLink(id="rl custom", mode="road", cls="arterial", stops=("city_wuzhen", "stn_tongxiang")),
     "edits[0].id", "not a valid id"),
    (AddLink(id="rd_custom_1", mode="road", cls="arterial", stops=("city_wuzhen", "nowhere")),
     "edits[0].stops[1]", "unknown place"),
    # a link from a place to itself (a scenario file had it accepted)
    (AddLink(id="rd_custom_1", mode="road", cls="arterial", stops=("city_wuzhen", "city_wuzhen")),
     "edits[0].stops[1]", "is the stop before it too"),
    (AddLink(id="rd_custom_1", mode="road", cls="arterial", stops=((120.5, 30.7), (120.5, 30.7))),
     "edits[0].stops[1]", "is the stop before it too"),
    (AddLink(id="rd_custom_1", mode="road", cls="arterial", stops=("city_wuzhen",)),
     "edits[0].stops", "two or more stops"),
    (AddLink(id="rd_custom_1", mode="road", cls="arterial", stops=("city_wuzhen", (30.6, 120.5))),
     "edits[0].stops[1]", "lat and lon swapped"),
])
def test_an_invalid_edit_raises_naming_the_field_and_changes_nothing(plan, mini_data, edit, field, words):
    before = plan
    with pytest.raises(ScenarioError) as err:
        apply_edit(plan, edit, mini_data)
    message = str(err.value)
    assert f"{field}:" in message and words in message, message
    assert ";" in message  # the fix follows the problem
    assert plan == before and plan.edits == ()


def test_something_that_is_not_an_edit_is_refused(plan, mini_data):
    with pytest.raises(ScenarioError, match="not an edit"):
        apply_edit(plan, {"type": "remove_link", "link": "rd_cross"}, mini_data)  # a mapping, not an Edit


def test_remove_edit_and_its_validation(plan, mini_data):
    edited = apply_edit(apply_edit(plan, _rail(), mini_data), SetHeadway("rl_custom_1", 10), mini_data)
    assert [e.type for e in remove_edit(edited, 1, mini_data).edits] == ["add_link"]
    with pytest.raises(ScenarioError, match=r"edits\[0\]\.link: unknown link 'rl_custom_1'"):
        remove_edit(edited, 0, mini_data)  # the headway edit still names the removed link
    assert len(edited.edits) == 2
    with pytest.raises(IndexError):
        remove_edit(edited, 5)


def test_with_projects(plan, mini_data):
    on = with_projects(plan, ["prj_airport_hsr"], [], mini_data)
    assert on.projects_on == ("prj_airport_hsr",) and plan.projects_on == ()
    with pytest.raises(ScenarioError, match=r"projects_off\[0\]: unknown project 'prj_nope'"):
        with_projects(plan, [], ["prj_nope"], mini_data)


def test_new_link_id_skips_ids_in_use(plan, mini_data):
    assert new_link_id(plan, mini_data, "rail") == "rl_custom_1"
    assert new_link_id(plan, mini_data, "road") == "rd_custom_1"
    edited = apply_edit(plan, _rail(), mini_data)
    assert new_link_id(edited, mini_data, "rail") == "rl_custom_2"


def test_an_uploaded_file_is_read_or_refused(mini_data):
    good = scenario_from_bytes(b"name: up\nyear: 2030\nedits:\n  - {type: remove_link, link: rd_cross}\n",
                               mini_data, filename="up.yaml")
    assert good.name == "up" and good.edits == (RemoveLink("rd_cross"),)
    with pytest.raises(ScenarioError, match="rd_does_not_exist"):
        scenario_from_bytes(b"name: bad\nedits:\n  - {type: remove_link, link: rd_does_not_exist}\n", mini_data)
    with pytest.raises(ScenarioError, match="up.yaml: not UTF-8") as err:
        scenario_from_bytes("name: 乌镇".encode("gbk"), mini_data, filename="up.yaml")
    assert err.value.text("zh").startswith("up.yaml：不是 UTF-8 文本")
    with pytest.raises(ScenarioError) as err:  # the file's own name, in both languages
        scenario_from_bytes(b"name: bad\nedits:\n  - {type: remove_link, link: rd_nope}\n", mini_data, filename="b.yaml")
    assert str(err.value).startswith("b.yaml: edits[0].link: unknown link 'rd_nope'")
    assert err.value.text("zh").startswith("b.yaml：edits[0].link：未知线路 'rd_nope'")
    with pytest.raises(ScenarioError, match="top level must be a mapping"):
        scenario_from_bytes(b"- just\n- a list\n", mini_data)
    with pytest.raises(ScenarioError, match="YAML syntax error at line 2, column 1"):
        scenario_from_bytes(b"name: [unclosed\n", mini_data)
    with pytest.raises(ScenarioError, match="top level must be a mapping"):
        scenario_from_bytes(b"other.yaml", mini_data)  # one line naming a file is text, never a path
