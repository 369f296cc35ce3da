"""Minutes as a reader sees them agree with each other: a trip's legs add up to its total as shown, a change
is the minutes shown after minus those shown before, and the plan indicators show a time in the whole
minutes every other view shows. The reader's sums are redone here from the shown text."""

from __future__ import annotations

import contextlib
import io
import math
import re

import pandas as pd
import pytest

from wuzhen_geo.answers import (
    airport_ids,
    compare_modes,
    finite_minutes,
    legs_text,
    plan_indicators,
    route_steps,
    shown_changes,
    trip_answer,
    trip_answers,
    zone_ids,
)
from wuzhen_geo.cli import answer_commands, main
from wuzhen_geo.model import Trip, build_network, shipped_scenarios, with_year
from wuzhen_geo.vocabulary import format_minutes, whole_parts

# one shown time: "43 min", "43 分钟" or "<1 min" (which a reader counts as nothing)
_SHOWN = re.compile(r"(<1|\d+) (?:min|分钟)")
SCENARIOS = ("today", "plan-2030", "plan-full")


@pytest.fixture(scope="module")
def nets(shipped_data):
    scenarios = shipped_scenarios(shipped_data)
    out = {name: build_network(shipped_data, scenarios[name]) for name in SCENARIOS}
    out["plan-full 2035"] = build_network(shipped_data, with_year(scenarios["plan-full"], 2035))
    return out


def _shown_sum(texts: list[str]) -> int:
    return sum(0 if m == "<1" else int(m) for text in texts for m in _SHOWN.findall(text))


def _trips(data, net):
    origins = [*zone_ids(data), "city_tongxiang"]
    for origin in origins:
        for mode in ("car", "rail", "best"):
            for dest, trip in trip_answers(net, origin, airport_ids(data), mode=mode).items():
                if isinstance(trip, Trip) and trip.legs:
                    yield (origin, dest, mode), trip


def test_largest_remainder_keeps_the_total_and_each_part_within_a_minute():
    # the rail trip of the audit: legs rounded on their own give 33+30+21+22+22+9 = 137 under a total of 138
    legs = [33.3, 30.3, 21.3, 22.3, 22.3, 8.6]
    assert sum(round(v) for v in legs) == 137 and round(sum(legs)) == 138
    shown = whole_parts(legs)
    assert sum(shown) == 138
    assert all(abs(s - v) < 1 for s, v in zip(shown, legs))
    assert shown[0] == 34  # the earliest of the equal fractions takes the missing minute
    # a total given apart from the legs is kept, up or down
    assert sum(whole_parts([10.5, 10.5, 10.5], total=30.2)) == 30
    assert sum(whole_parts([10.2, 10.2], total=21.6)) == 22


def test_the_legs_shown_add_up_to_the_total_shown(shipped_data, nets):
    checked = 0
    for name, net in nets.items():
        for where, trip in _trips(shipped_data, net):
            total = round(trip.minutes)
            assert format_minutes(trip.minutes) == f"{total} min" or total == 0
            for lang in ("en", "zh"):
                for texts in (route_steps(trip, shipped_data, lang),
                              [legs_text(trip, shipped_data, lang=lang)],
                              [legs_text(trip, shipped_data, lang=lang, detail=True)]):
                    assert _shown_sum(texts) == total, (name, where, lang, total, texts)
            checked += 1
    assert checked > 200  # every origin, airport and mode that has a trip


def test_the_command_line_route_legs_add_up(shipped_data, nets):
    trip = trip_answer(nets["today"], "zone_hq", "apt_hgh", mode="rail")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["route", "--from", "zone_hq", "--to", "apt_hgh", "--mode", "rail"]) == 0
    lines = out.getvalue().splitlines()  # the trip, its total, its legs in one line, then the leg table
    assert f": {format_minutes(trip.minutes)}," in lines[1]
    assert _shown_sum([lines[2]]) == round(trip.minutes), out.getvalue()


@pytest.fixture(scope="module")
def sides(nets):
    return {after: compare_modes(nets["today"], nets[after]) for after in ("plan-2030", "plan-full")}


def test_the_planner_change_is_after_minus_before_as_shown(sides):
    mismatched_before = 0
    for after, side in sides.items():
        for mode in ("best", "car", "rail"):
            before_shown = finite_minutes(side[f"before_{mode}"])
            after_shown = finite_minutes(side[f"after_{mode}"])
            change = shown_changes(side[f"before_{mode}"], side[f"after_{mode}"])
            both = before_shown.notna() & after_shown.notna()
            assert (change[both] == (after_shown - before_shown)[both]).all(), (after, mode)
            assert change[~both].isna().all()  # blank beside a blank time
            old = finite_minutes(side[f"difference_{mode}"])
            mismatched_before += int((old[both] != (after_shown - before_shown)[both]).sum())
    assert mismatched_before > 0  # the shipped plans have rows where the rounded difference is off by one


@pytest.fixture()
def cli(shipped_data, nets, monkeypatch):
    built = {repr(net.scenario): net for net in nets.values()}
    monkeypatch.setattr(answer_commands, "load_data", lambda args: shipped_data)
    monkeypatch.setattr(answer_commands, "build_network",
                        lambda data, scenario: built.get(repr(scenario)) or build_network(data, scenario))

    def run(*argv: str) -> str:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            assert main(list(argv)) == 0
        return out.getvalue()

    return run


_ROW = re.compile(r"(\d+) min\s+(\d+) min\s+([+-]\d+) min")


def test_the_command_line_change_is_after_minus_before_as_shown(cli):
    rows = 0
    for after in ("plan-2030", "plan-full"):
        text = cli("compare", "today", after, "--mode", "all", "--all")
        for before_min, after_min, change in _ROW.findall(text):
            assert int(change) == int(after_min) - int(before_min), (after, before_min, after_min, change)
            rows += 1
        for line in text.splitlines():
            found = re.search(r"(\d+) min\s+(\d+) min\s+same\b", line)
            if found:
                assert found.group(1) == found.group(2), line
    assert rows > 50


def test_indicator_times_are_whole_minutes_as_everywhere(shipped_data, nets):
    for name in SCENARIOS:
        table = plan_indicators(nets[name])
        rows = table[table["kind"] == "travel_time"]
        assert len(rows)
        for row in rows.itertuples():
            if not math.isfinite(row.value):
                continue
            assert float(row.value).is_integer(), (name, row.id, row.value)
            # the same trip as the airports table and the route panel show it
            slowest = trip_answer(nets[name], row.slowest_zone, row.to_id, mode="best")
            assert format_minutes(row.value) == format_minutes(slowest.minutes), (name, row.to_id)
            assert row.met == (row.slowest_minutes <= row.target)  # judged on the exact minutes


def test_indicator_units_are_given_in_both_languages(nets):
    table = plan_indicators(nets["plan-2030"])
    travel = table[table["kind"] == "travel_time"]
    assert (travel["unit_zh"] == "分钟（最慢出发地）").all()
    assert (travel["unit_en"] == travel["unit"]).all()
    assert not any(re.search("[A-Za-z]", u) for u in table["unit_zh"])  # nothing English on a Chinese page


def test_unreachable_sides_have_no_shown_change():
    change = shown_changes(pd.Series([math.inf, 10.4, math.inf]), pd.Series([20.0, math.inf, math.inf]))
    assert change.isna().all()
