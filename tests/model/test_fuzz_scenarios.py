"""Fuzzing scenario documents: mutated shipped scenarios, alias bombs, huge and deep documents, wrong types
and non-finite numbers. Each gets a :class:`~wuzhen_geo.model.scenarios.Scenario` that writes and reads back
to itself, or a one-line ``ScenarioError`` naming the field, quickly; never another exception."""

from __future__ import annotations

import copy
import math
import time

import yaml
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz import fuzz_settings
from wuzhen_geo.errors import ScenarioError
from wuzhen_geo.model import build_network, load_scenario, scenario_to_yaml
from wuzhen_geo.vocabulary import MAX_EDITS

SECONDS = 5.0  # about half a second of work, with room for a 2-core machine loaded by other runs

numbers = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True), st.integers(-(10 ** 400), 10 ** 400), st.integers(-5, 500),
    st.sampled_from([1e-300, 1e300, 0, -0.0, 0.5, 130, 400, 401]),
)
scalars = st.one_of(st.none(), st.booleans(), numbers, st.text(max_size=20),
                    st.sampled_from(["rd_cross", "rl_metro", "rl_hsr_express", "stn_tongxiang", "city_wuzhen",
                                     "prj_airport_hsr", "add_link", "set_speed", "rail", "road", "walk", "hsr",
                                     "local", "transfer", "x" * 300]))
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(st.text(max_size=8), inner, max_size=3)),
                      max_leaves=12)
edits = st.fixed_dictionaries(
    {"type": st.sampled_from(["add_link", "remove_link", "set_speed", "set_headway"])},
    optional={"link": scalars, "id": st.sampled_from(["rd_n", "rl_n", "wk_n", "rd_cross", "bad id"]),
              "mode": scalars, "class": scalars, "speed_kmh": numbers, "headway_min": numbers, "minutes": numbers,
              "stops": st.lists(st.one_of(scalars, st.tuples(numbers, numbers).map(list),
                                          st.just([120.6, 30.6])), max_size=4),
              "geometry": st.lists(st.tuples(numbers, numbers).map(list), max_size=4), "oneway": scalars,
              "name_en": scalars},
)
documents = st.fixed_dictionaries(
    {"name": st.one_of(st.just("fuzz"), scalars)},
    optional={"year": st.one_of(st.integers(1900, 2200), scalars), "projects_on": st.one_of(st.lists(values, max_size=3), values),
              "projects_off": st.lists(scalars, max_size=2), "edits": st.one_of(st.lists(edits, max_size=4), values),
              "title_en": values},
)


def _alias_bomb(levels: int, width: int) -> str:
    lines = ["a0: &a0 [" + ",".join(['"lol"'] * width) + "]"]
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * width) + "]" for i in range(1, levels)]
    return "\n".join(lines) + "\nname: bomb\n"


def _check(source, data) -> None:
    started = time.perf_counter()
    try:
        scenario = load_scenario(source, data)
    except ScenarioError as exc:
        message = str(exc)
        assert "\n" not in message and len(message) < 600, message[:300]
    else:
        assert load_scenario(scenario_to_yaml(scenario), data) == scenario
        build_network(data, scenario)  # a valid scenario builds (the mini network is small)
    assert time.perf_counter() - started < SECONDS


@fuzz_settings(100)
@given(doc=documents, as_text=st.booleans())
def test_a_random_document_is_a_scenario_or_a_clear_error(mini_data, doc, as_text):
    if as_text:
        try:
            doc = yaml.safe_dump(doc, allow_unicode=True)
        except (yaml.YAMLError, OverflowError, ValueError):
            return
    _check(doc, mini_data)


@fuzz_settings(40)
@given(which=st.integers(0, 10), path=st.lists(st.integers(0, 20), min_size=1, max_size=4), value=values)
def test_a_mutated_shipped_scenario_is_a_scenario_or_a_clear_error(shipped_data, which, path, value):
    texts = sorted((shipped_data.root / "scenarios").glob("*.yaml"))
    doc = copy.deepcopy(yaml.safe_load(texts[which % len(texts)].read_text(encoding="utf-8")))
    node = doc
    for step in path[:-1]:  # walk into the document as far as the path goes
        if isinstance(node, dict) and node:
            node = node[sorted(node)[step % len(node)]]
        elif isinstance(node, list) and node:
            node = node[step % len(node)]
    if isinstance(node, dict) and node:
        node[sorted(node)[path[-1] % len(node)]] = value
    elif isinstance(node, list) and node:
        node[path[-1] % len(node)] = value
    started = time.perf_counter()
    try:
        load_scenario(doc, shipped_data)
    except ScenarioError as exc:
        assert "\n" not in str(exc)
    assert time.perf_counter() - started < SECONDS


@fuzz_settings(30)
@given(levels=st.integers(2, 12), width=st.integers(2, 12), depth=st.integers(10, 5000),
       kind=st.sampled_from(["bomb", "deep_list", "deep_map", "many_edits", "long_line", "big"]))
def test_bombs_deep_and_huge_documents_fail_fast(mini_data, levels, width, depth, kind):
    if kind == "bomb":
        text = _alias_bomb(levels, width)
    elif kind == "deep_list":
        text = "name: deep\nedits: " + "[" * depth + "]" * depth + "\n"
    elif kind == "deep_map":
        text = "name: deep\nedits:\n" + "".join("  " * i + f"k{i}:\n" for i in range(min(depth, 400)))
    elif kind == "many_edits":
        text = "name: many\nedits:\n" + "  - {type: set_speed, link: rd_cross, speed_kmh: 40}\n" * (MAX_EDITS + depth)
    elif kind == "long_line":
        text = ("name: long\nedits:\n  - {type: add_link, id: rd_n, mode: road, class: local, "
                "stops: [city_wuzhen, city_tongxiang], geometry: [" + "[120.5, 30.6]," * (depth * 10) + "]}\n")
    else:
        text = "name: big\ntitle_en: '" + "x" * (depth * 400) + "'\n"
    _check(text, mini_data)


def test_non_finite_and_huge_numbers_never_pass(mini_data):
    for value in (math.inf, -math.inf, math.nan, 10 ** 300, 1e300, 1e-300):
        for edit in ({"type": "set_speed", "link": "rd_cross", "speed_kmh": value},
                     {"type": "set_headway", "link": "rl_metro", "headway_min": value}):
            _check({"name": "x", "edits": [edit]}, mini_data)
            try:
                load_scenario({"name": "x", "edits": [edit]}, mini_data)
            except ScenarioError:
                continue
            raise AssertionError(f"{edit} was accepted")
