"""Limits at the boundary of scenario files and uploads: every hostile or careless document gets a clear
one-line ``ScenarioError`` naming the field and the allowed range, quickly, never an internal error."""

from __future__ import annotations

import time

import pytest

from wuzhen_geo.errors import ScenarioError
from wuzhen_geo.model import load_scenario, scenario_from_bytes
from wuzhen_geo.vocabulary import MAX_EDITS, MAX_GEOMETRY_VERTICES, MAX_SCENARIO_BYTES, MAX_YAML_DEPTH

# The 438-byte "billion laughs": nine levels of aliases, each ten times the one before (10^9 strings).
BILLION_LAUGHS = "\n".join(
    ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"{c}: &{c} [*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p}]" for p, c in zip("abcdefgh", "bcdefghi")]
) + "\nname: bomb\n"


def _one_line_error(source, data, *, seconds: float = 1.0) -> str:
    started = time.perf_counter()
    with pytest.raises(ScenarioError) as err:
        load_scenario(source, data)
    assert time.perf_counter() - started < seconds
    message = str(err.value)
    assert "\n" not in message, message
    assert len(message) < 400, message
    return message


def test_a_billion_laughs_fails_in_milliseconds_with_a_one_line_error(mini_data, tmp_path):
    assert len(BILLION_LAUGHS.encode()) < 500
    assert "alias" in _one_line_error(BILLION_LAUGHS, mini_data, seconds=0.5)
    path = tmp_path / "bomb.yaml"
    path.write_text(BILLION_LAUGHS, encoding="utf-8")
    assert "bomb.yaml" in _one_line_error(path, mini_data, seconds=0.5)
    started = time.perf_counter()
    with pytest.raises(ScenarioError, match="alias"):
        scenario_from_bytes(BILLION_LAUGHS.encode(), mini_data, filename="bomb.yaml")
    assert time.perf_counter() - started < 0.5


def test_an_oversized_scenario_is_refused_before_it_is_parsed(mini_data, tmp_path):
    text = "name: big\n" + "#" * MAX_SCENARIO_BYTES + "\n"
    assert "bytes" in _one_line_error(text, mini_data)
    path = tmp_path / "big.yaml"
    path.write_text(text, encoding="utf-8")
    assert "big.yaml" in _one_line_error(path, mini_data)


@pytest.mark.parametrize("depth", [MAX_YAML_DEPTH + 1, 2_000, 100_000])
def test_a_deeply_nested_scenario_is_refused(mini_data, depth):
    assert "nest" in _one_line_error("name: deep\ntitle_en: " + "[" * depth + "]" * depth + "\n", mini_data)


def test_too_many_edits_and_vertices_are_refused(mini_data):
    edit = {"type": "set_speed", "link": "rd_cross", "speed_kmh": 40}
    assert "edits" in _one_line_error({"name": "x", "edits": [edit] * (MAX_EDITS + 1)}, mini_data)
    line = [[120.5, 30.6]] * (MAX_GEOMETRY_VERTICES + 1)
    add = {"type": "add_link", "id": "rd_n", "mode": "road", "class": "local",
           "stops": ["city_wuzhen", "city_tongxiang"], "geometry": line}
    assert "edits[0].geometry" in _one_line_error({"name": "x", "edits": [add]}, mini_data)


def _speed(value, link="rd_expressway"):
    return {"name": "x", "edits": [{"type": "set_speed", "link": link, "speed_kmh": value}]}


@pytest.mark.parametrize("value", [float("inf"), float("-inf"), float("nan"), 10 ** 300, -(10 ** 300), 1e300,
                                   5000, 1.0, "fast", None, [1], True])
def test_a_speed_must_be_a_finite_plausible_number(mini_data, value):
    message = _one_line_error(_speed(value), mini_data)
    assert "edits[0].speed_kmh" in message


def test_a_speed_range_depends_on_the_class(mini_data):
    load_scenario(_speed(100, "rd_expressway"), mini_data)
    message = _one_line_error(_speed(250, "rd_cross"), mini_data)  # a local road
    assert "local" in message and "edits[0].speed_kmh" in message
    load_scenario(_speed(300, "rl_hsr_express"), mini_data)
    assert "metro" in _one_line_error(_speed(300, "rl_metro"), mini_data)


def test_the_text_api_refuses_inf_and_a_300_digit_speed(mini_data):
    _one_line_error("name: x\nedits:\n  - {type: set_speed, link: rd_expressway, speed_kmh: .inf}\n", mini_data)
    _one_line_error("name: x\nedits:\n  - {type: set_speed, link: rd_expressway, speed_kmh: " + "9" * 300 + "}\n",
                    mini_data)


def test_an_impossibly_fast_added_train_is_refused(mini_data):
    add = {"type": "add_link", "id": "rl_n", "mode": "rail", "class": "intercity",
           "stops": ["city_wuzhen", "stn_tongxiang"], "speed_kmh": 1e300, "headway_min": 1e-300}
    assert "edits[0].speed_kmh" in _one_line_error({"name": "x", "edits": [add]}, mini_data)
    add["speed_kmh"] = 120
    assert "edits[0].headway_min" in _one_line_error({"name": "x", "edits": [add]}, mini_data)
    add["headway_min"] = 1e9
    assert "edits[0].headway_min" in _one_line_error({"name": "x", "edits": [add]}, mini_data)
    walk = {"type": "add_link", "id": "wk_n", "mode": "walk", "class": "transfer",
            "stops": ["city_wuzhen", "stn_tongxiang"], "minutes": 1e6}
    assert "edits[0].minutes" in _one_line_error({"name": "x", "edits": [walk]}, mini_data)


def test_a_headway_edit_is_bounded(mini_data):
    doc = {"name": "x", "edits": [{"type": "set_headway", "link": "rl_metro", "headway_min": 1e-300}]}
    assert "edits[0].headway_min" in _one_line_error(doc, mini_data)


def test_a_duplicate_added_link_id_is_refused(mini_data):
    add = {"type": "add_link", "id": "rd_n", "mode": "road", "class": "local",
           "stops": ["city_wuzhen", "city_tongxiang"]}
    message = _one_line_error({"name": "x", "edits": [add, dict(add)]}, mini_data)
    assert "edits[1].id" in message


@pytest.mark.parametrize("value", [[["prj_airport_hsr", "b"]], [{"a": 1}], [None], [3]])
def test_a_project_list_of_non_ids_is_refused(mini_data, value):
    assert "projects_on[0]" in _one_line_error({"name": "x", "projects_on": value}, mini_data)


def test_long_input_is_not_echoed_in_full(mini_data):
    message = _one_line_error({"name": "x", "edits": [{"type": "x" * 10_000}]}, mini_data)
    assert len(message) < 400


@pytest.mark.parametrize("doc", [
    {"name": "x", "year": 10 ** 300}, {"name": "x", "year": 2030.0}, {"name": "x", "edits": {"a": 1}},
    {"name": "x", "edits": [{"type": "add_link", "id": "rd_n", "mode": "road", "class": "local",
                             "stops": ["city_wuzhen", [float("inf"), 30.6]]}]},
    {"name": "x", "edits": [{"type": "add_link", "id": "rd_n", "mode": "road", "class": "local",
                             "stops": ["city_wuzhen", [10 ** 300, 30.6]]}]},
    {"name": "x", "edits": [{"type": "add_link", "id": "rd_n", "mode": "road", "class": "local",
                             "stops": ["city_wuzhen"] * (200)}]},
    {"name": "x", "edits": [{"type": "add_link", "id": "rd_n", "mode": "road", "class": "local",
                             "stops": ["city_wuzhen", "city_tongxiang"], "name_en": "x" * 100_000}]},
    {"name": "x" * 100_000},
])
def test_other_absurd_documents_are_refused(mini_data, doc):
    _one_line_error(doc, mini_data)


@pytest.mark.parametrize("name", ["../../etc/passwd", "a/b", "a\\b", "con:x", "what?", "..", "plan\u202egnp.exe",
                                  "a%20b"])
def test_a_name_that_cannot_be_a_file_name_is_refused(mini_data, name):
    """The scenario's name becomes its file name (the planner's download, the CLI's --out): folders, characters
    file systems refuse and text-direction overrides (which print a name backwards in a terminal) are refused
    in one line naming the field; so is '%', which a browser decodes in a downloaded file's name ("%20" was
    saved as a space)."""
    with pytest.raises(ScenarioError, match=r"name") as exc:
        load_scenario({"name": name}, mini_data)
    assert "\n" not in str(exc.value)


@pytest.mark.parametrize("field", ["title_zh", "title_en"])
def test_a_title_with_hidden_characters_is_refused(mini_data, field):
    with pytest.raises(ScenarioError, match=rf"{field}.*U\+202E"):
        load_scenario({"name": "ok", field: "abc\u202edef"}, mini_data)


def test_ordinary_names_and_titles_stay_valid(mini_data):
    s = load_scenario({"name": "plan 2030 (v2)_b-c", "title_zh": "规划（2030年）", "title_en": "Plan: 2030 & more"},
                      mini_data)
    assert s.name == "plan 2030 (v2)_b-c"


@pytest.mark.parametrize("then", [{"type": "set_speed", "link": "rd_expressway", "speed_kmh": 100},
                                  {"type": "remove_link", "link": "rd_expressway"}])
def test_an_edit_to_a_removed_link_is_refused_not_ignored(mini_data, then):
    """Removing a link and then setting its speed loaded, and the speed did nothing, with no word about it."""
    doc = {"name": "x", "edits": [{"type": "remove_link", "link": "rd_expressway"}, then]}
    line = _one_line_error(doc, mini_data)
    assert "edits[1].link: 'rd_expressway' is removed by edits[0]" in line and "drop one of the two edits" in line


def test_a_file_with_no_name_says_the_name_is_missing(mini_data):
    """A file without 'name' was refused with "name: None is not a name" (Python's word for nothing)."""
    said = _one_line_error("edits: [1]\n", mini_data)
    assert "name: missing" in said and "None" not in said, said
