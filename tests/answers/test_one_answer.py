"""One answer everywhere: for every zone × airport × mode on every shipped scenario, the API, the command
line's JSON and the planner's comparison give the minutes of ``trip_answer`` (to half a minute, as shown)
and the same verdicts (no sensible rail route, not in this scenario).

The app's pages are checked against the same answers in ``tests/app/test_one_answer_app.py``.
"""

from __future__ import annotations

import contextlib
import io
import json
import math

import pytest

from tests.one_answer import MODES, SCENARIOS, reference_answers
from wuzhen_geo.answers import (
    NO_RAIL_ROUTE,
    airport_ids,
    airport_summary,
    airport_times,
    answer_minutes,
    compare,
    compare_modes,
    reason_of,
    sensible_rail_trip,
    trip_answer,
    zone_ids,
    zone_matrix,
)
from wuzhen_geo.cli import answer_commands, main
from wuzhen_geo.errors import UnreachableError
from wuzhen_geo.model import build_network, shipped_scenarios

SHOWN = 0.5  # minutes are shown whole: two views agree when they round to the same minute


@pytest.fixture(scope="module")
def nets(shipped_data):
    """The shipped scenarios' networks, built from their files as the command line and the app build them."""
    scenarios = shipped_scenarios(shipped_data)
    return {name: build_network(shipped_data, scenarios[name]) for name in SCENARIOS}


@pytest.fixture(scope="module")
def answers(shipped_data, nets):
    """``(scenario, zone, airport, mode) -> (minutes, reason)`` from ``trip_answer``: the reference."""
    return reference_answers(shipped_data, nets)

def _agree(got_minutes, got_reason, want, where):
    minutes, reason = want
    if math.isinf(minutes):
        assert got_minutes is None or not math.isfinite(got_minutes), (where, got_minutes, want)
    else:
        assert got_minutes is not None and abs(got_minutes - minutes) <= SHOWN, (where, got_minutes, want)
    if got_reason is not None:
        assert (got_reason or "") == reason, (where, got_reason, want)


def test_the_reference_has_every_verdict(answers):
    reasons = {reason for _, reason in answers.values()}
    # the shipped scenarios hold rail answers and car trips called rail that the rule refuses: the walk
    # below compares both
    assert {"", NO_RAIL_ROUTE} <= reasons, reasons
    rail = [m for (s, z, a, mode), (m, _) in answers.items() if mode == "rail" and math.isfinite(m)]
    assert len(rail) > 50


def test_the_api_gives_the_answer(shipped_data, nets, answers):
    zones, apts = zone_ids(shipped_data), airport_ids(shipped_data)
    for name, net in nets.items():
        for mode in MODES:
            table = answer_minutes(net, zones, apts, mode=mode)
            for row in table.itertuples():
                _agree(row.minutes, row.reason, answers[name, row.from_id, row.to_id, mode], ("answer_minutes", name))
            wide = zone_matrix(net, apts, mode=mode)
            for zone in zones:
                for apt in apts:
                    _agree(wide.loc[zone, apt], None, answers[name, zone, apt, mode], ("zone_matrix", name))
            after = compare(nets["today"], net, zones, apts, mode=mode)
            for row in after.itertuples():
                where = ("compare", name, mode)
                _agree(row.after, row.reason_after, answers[name, row.from_id, row.to_id, mode], where)
                _agree(row.before, row.reason_before, answers["today", row.from_id, row.to_id, mode], where)
        side = compare_modes(nets["today"], net, zones, apts)
        for row in side.to_dict("records"):
            for mode in MODES:
                _agree(row[f"after_{mode}"], row[f"reason_after_{mode}"],
                       answers[name, row["from_id"], row["to_id"], mode], ("compare_modes", name, mode))
        for zone in zones:
            table = airport_times(net, zone)
            for row in table.itertuples():
                minutes = row.minutes if row.reachable else None
                _agree(minutes, row.reason, answers[name, zone, row.airport_id, row.mode], ("airport_times", name))
            summary = airport_summary(table, shipped_data)
            for row in summary.to_dict("records"):
                for mode in MODES:
                    value = row[f"{mode}_min"]
                    _agree(None if math.isnan(value) else value, row[f"{mode}_reason"],
                           answers[name, zone, row["airport_id"], mode], ("airport_summary", name, mode))
                assert (row["rail_status"] == "no_sensible_rail") == (row["rail_reason"] == NO_RAIL_ROUTE)


def test_sensible_rail_trip_is_the_rail_answer(shipped_data, nets, answers):
    for name, net in nets.items():
        for zone in zone_ids(shipped_data):
            for apt in airport_ids(shipped_data):
                try:
                    got = (sensible_rail_trip(net, zone, apt).minutes, "")
                except UnreachableError as exc:
                    got = (None, reason_of(exc))
                _agree(got[0], got[1], answers[name, zone, apt, "rail"], ("sensible_rail_trip", name))


@pytest.fixture
def cli(monkeypatch, shipped_data, nets):
    """``wuzhen-geo ... --json`` in process, on the shipped data; the data read, the scenarios parsed and the
    networks built once (the commands' own work, from resolving the places to printing JSON, runs each time)."""
    built = {repr(net.scenario): net for net in nets.values()}
    scenarios: dict = {}
    read_scenario = answer_commands.load_scenario_arg
    monkeypatch.setattr(answer_commands, "load_data", lambda args: shipped_data)
    monkeypatch.setattr(answer_commands, "load_scenario_arg", lambda data, text, year=None: scenarios.setdefault(
        (text, year), read_scenario(data, text, year)))
    monkeypatch.setattr(answer_commands, "build_network",
                        lambda data, scenario: built.get(repr(scenario)) or build_network(data, scenario))

    def run(*argv: str) -> tuple[int, dict]:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            code = main([*argv, "--json"])
        return code, json.loads(out.getvalue())

    return run


def test_the_command_line_gives_the_answer(shipped_data, nets, answers, cli):
    zones, apts = zone_ids(shipped_data), airport_ids(shipped_data)
    for name in nets:
        for mode in MODES:
            to = [a for apt in apts for a in ("--to", apt)]
            code, doc = cli("matrix", "--scenario", name, "--mode", mode, *to)
            assert code == 0 and len(doc["rows"]) == len(zones) * len(apts)
            for row in doc["rows"]:
                _agree(row["minutes"], row["reason"], answers[name, row["from_id"], row["to_id"], mode],
                       ("matrix", name, mode))
        for zone in zones:
            code, doc = cli("airports", "--from", zone, "--scenario", name)
            assert code == 0
            for row in doc["rows"]:
                _agree(row["minutes"], row["reason"], answers[name, zone, row["airport_id"], row["mode"]],
                       ("airports", name, zone))
            for apt in apts:
                for mode in MODES:
                    code, doc = cli("route", "--from", zone, "--to", apt, "--mode", mode, "--scenario", name)
                    want = answers[name, zone, apt, mode]
                    assert (code == 0) == math.isfinite(want[0]), ("route", name, zone, apt, mode, doc)
                    _agree(doc.get("minutes"), doc.get("reason_code", ""), want, ("route", name, zone, apt, mode))


@pytest.mark.parametrize("place", ["city_tongxiang", "stn_tongxiang", "apt_hgh", "poi_wuzhen_centre"])
def test_a_place_and_its_pasted_coordinates_get_one_answer(shipped_data, nets, place):
    """In the full plan 桐乡市中心 took 70 min by rail to Xiaoshan and its own coordinates 67 (the place drove its
    6 km access road to Tongxiang City station, the point took local roads). Both are now read both ways, the
    faster taken; the place's trip still starts at the place's name."""
    from wuzhen_geo.model import Point

    for scenario, net in nets.items():
        point = Point(*net.lonlat[place])
        nearby = Point(point.lon + 0.0002, point.lat)  # about 20 m east: a coordinate copied from a map
        for mode in MODES:
            by_name = answer_minutes(net, [place], airport_ids(shipped_data), mode=mode)
            for pasted, within in ((point, 1e-6), (nearby, 0.25)):  # 20 m of local road: seconds
                by_point = answer_minutes(net, [pasted], airport_ids(shipped_data), mode=mode)
                assert list(by_name["minutes"]) == pytest.approx(list(by_point["minutes"]), abs=within), \
                    (scenario, mode, pasted)
                assert list(by_name["reason"]) == list(by_point["reason"]), (scenario, mode, pasted)
        trips = [trip_answer(net, place, a, mode="car") for a in airport_ids(shipped_data) if a != place]
        assert all(trip.origin == place and trip.legs[0].from_id == place for trip in trips)
