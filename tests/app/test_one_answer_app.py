"""One answer everywhere, in the app (``AppTest``, shipped data): on every shipped scenario the airports page's
table and its route panel, and the planner's comparison, show the minutes of ``trip_answer`` (as displayed,
whole minutes) and the same "no rail route" verdicts. The API and the command line are walked in
``tests/answers/test_one_answer.py``.
"""

from __future__ import annotations

import math
import re

import pytest
from streamlit.testing.v1 import AppTest

from tests.one_answer import MODES, SCENARIOS, TRANSIT_MODES, reference_answers
from tests.shared import REPO_ROOT
from wuzhen_geo.answers import NO_RAIL_ROUTE, airport_ids, zone_ids
from wuzhen_geo.i18n import label, t
from wuzhen_geo.model import build_network, shipped_scenarios

APP = str(REPO_ROOT / "streamlit_app.py")
SHOWN = 0.5
#: One zone per scenario for the airports page (the issue's "Culture and Tourism" zone first).
PAGE_ZONES = {"today": "zone_culture", "plan-2030": "zone_hq", "plan-full": "zone_culture",
              "example-wuzhen-tongxiang-rail": "zone_hq"}


@pytest.fixture(scope="module")
def answers(shipped_data):
    """``(scenario, zone, airport, mode) -> (minutes, reason)`` from ``trip_answer``."""
    scenarios = shipped_scenarios(shipped_data)
    return reference_answers(shipped_data, {name: build_network(shipped_data, scenarios[name]) for name in SCENARIOS},
                             modes=MODES + TRANSIT_MODES)


@pytest.fixture
def shipped_env(monkeypatch, shipped_dir, repo_root):
    monkeypatch.setenv("WUZHEN_GEO_DATA", str(shipped_dir))
    monkeypatch.chdir(repo_root)


def _shown_agrees(shown, want, where):
    minutes, _ = want
    if math.isinf(minutes):
        assert shown is None or (isinstance(shown, float) and math.isnan(shown)), (where, shown, want)
    else:
        assert shown is not None and abs(float(shown) - minutes) <= SHOWN, (where, shown, want)


def _widget(elements, key: str):
    """The widget of a state key (a page may key a widget per language, ``apt_route_to__en``)."""
    return next(e for e in elements if e.key == key or str(e.key).startswith(key + "__"))


def _frame(at: AppTest, column: str):
    return next(df.value for df in at.dataframe if column in df.value.columns)


def _route_minutes(at: AppTest, mode: str) -> float | None:
    """The minutes the route panel states, or None when it says there is no trip."""
    pattern = re.escape(t("route_summary", "en", mode=label("mode", mode, "en"), minutes="@", km="@"))
    pattern = pattern.replace("@", r"(\d+)")
    for md in at.markdown:
        found = re.search(pattern, md.value.replace("\\", ""))
        if found:
            return float(found.group(1))
    return None


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_airports_page_table_and_route_panel_give_the_answer(shipped_env, shipped_data, answers, scenario):
    zone = PAGE_ZONES[scenario]
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params.update({"page": "airports", "lang": "en", "origin": zone, "scenario": scenario})
    at.run()
    assert not at.exception, at.exception
    # the shipped "today" is today's network itself, which the box offers first (not twice)
    assert _widget(at.sidebar.selectbox, "apt_scenario").value == ("" if scenario == "today" else scenario)
    apts = airport_ids(shipped_data)
    table = _frame(at, t("col_best", "en"))
    assert len(table) == len(apts)
    for apt, (_, row) in zip(apts, table.iterrows()):
        for mode, column in (("car", "col_car"), ("rail", "col_rail"), ("best", "col_best")):
            want = answers[scenario, zone, apt, mode]
            _shown_agrees(row[t(column, "en")], want, ("table", scenario, zone, apt, mode))
            if want[1] == NO_RAIL_ROUTE:  # the table says why, in the words of the rail-trip rule
                assert t("no_rail_route", "en") in str(row[t("col_note", "en")]), row.to_dict()
        # the coach and public-transport columns are trip_answer's too
        for mode, column in (("coach", "col_coach"), ("transit", "col_transit")):
            _shown_agrees(row[t(column, "en")], answers[scenario, zone, apt, mode], ("table", scenario, zone, apt, mode))
    # the route panel: every airport by rail (the contested meaning) and by coach and public transport, and
    # Pudong by car and by the fastest
    asked = ([(apt, mode) for apt in apts for mode in ("rail", "coach", "transit")]
             + [("apt_pvg", "car"), ("apt_pvg", "best")])
    for apt, mode in asked:
        _widget(at.selectbox, "apt_route_to").set_value(apt)
        _widget(at.radio, "apt_route_mode").set_value(mode)
        at.run()
        assert not at.exception, at.exception
        want = answers[scenario, zone, apt, mode]
        shown = _route_minutes(at, mode)
        _shown_agrees(shown, want, ("route panel", scenario, zone, apt, mode))
        if want[1] == NO_RAIL_ROUTE:  # the table's words for the cell (public transport: "rail or coach")
            words = t("why_no_transit_route" if mode == "transit" else "no_rail_route", "en")
            assert any(words in w.value for w in at.warning), [w.value for w in at.warning]
        if math.isinf(want[0]):  # no trip: the panel says so, in a warning, never as an error
            assert at.warning and not at.error, ([w.value for w in at.warning], [e.value for e in at.error])


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_planner_comparison_gives_the_answer(shipped_env, shipped_data, answers, scenario):
    at = AppTest.from_file(APP, default_timeout=180)
    at.query_params.update({"page": "planner", "lang": "en"})
    at.run()
    zones = {z: shipped_data.zones.at[z, "name_en"] for z in zone_ids(shipped_data)}
    apts = {a: shipped_data.places.at[a, "name_en"] for a in airport_ids(shipped_data)}
    _widget(at.sidebar.selectbox, "pl_base").set_value("" if scenario == "today" else scenario).run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    _widget(at.toggle, "pl_only_changes").set_value(False).run()
    assert not at.exception, at.exception
    table = _frame(at, t("col_mode_after", "en", mode=label("mode", "rail", "en").capitalize()))
    seen = 0
    for _, row in table.iterrows():
        zone = next((z for z, n in zones.items() if n == row[t("from", "en")]), None)
        apt = next((a for a, n in apts.items() if n == row[t("to", "en")]), None)
        if zone is None or apt is None:
            continue
        seen += 1
        for mode in MODES:
            column = t("col_mode_after", "en", mode=label("mode", mode, "en").capitalize())
            _shown_agrees(row[column], answers[scenario, zone, apt, mode], ("planner", scenario, zone, apt, mode))
    assert seen == len(zones) * len(apts), (scenario, seen)
