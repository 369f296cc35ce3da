"""Services as they run: the promised and conservative readings of a planned line, patterns that follow their
track's link, and the slow approach to a station (issue 10).

The network builder alone decides which patterns run (``model/_services.py``); these tests check it on the
shipped data (the new Shanghai-Hangzhou HSR, the Hongqiao approach) and on small changes to a copy of it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import json
import math

import pytest

from wuzhen_geo.answers.calibration import rail_only_journey
from wuzhen_geo.cli import main as cli_main
from wuzhen_geo.errors import DataError, ScenarioError
from wuzhen_geo.model import DEFAULT_CONFIG, ModelConfig, build_network, load_scenario, scenario_to_yaml
from wuzhen_geo.model.scenarios import Scenario
from wuzhen_geo.vocabulary import SERVICE_READINGS

XHH_PATTERNS = {"promised": "rl_xhh_express", "conservative": "rl_xhh_express_cons"}
# The promise the express reading implements: "from Linping North railway station in Hangzhou to Shanghai to
# just 40 minutes" (Shanghai Daily, 9 Jan 2025); the line's Shanghai terminus is Shanghai East.
PROMISED_MIN = 40.0
# The conservative reading scales the promise by what today's line delivered against its own promise: 38 min
# promised Shanghai-Hangzhou (2009-10), 45 min timetabled (2010).
CONSERVATIVE_RATIO = 45.0 / 38.0


def _scenario(year: int = 2030, **kw) -> Scenario:
    return Scenario(name="t", title_zh="t", title_en="t", year=year, **kw)


@pytest.fixture(scope="module")
def nets(shipped_data):
    """The 2030 network under each reading (the new line is inferred to open in 2030)."""
    return {r: build_network(shipped_data, _scenario(service_reading=r)) for r in SERVICE_READINGS}


def test_each_reading_runs_its_own_express_and_both_run_the_stopping_train(nets):
    for reading, net in nets.items():
        links = net.active.links
        assert "rl_xhh" in links
        assert XHH_PATTERNS[reading] in links
        other = next(r for r in SERVICE_READINGS if r != reading)
        assert XHH_PATTERNS[other] not in links
        assert not any(lid == XHH_PATTERNS[other] for _, _, d in net.graph.edges(data=True)
                       for lid in [d.get("link_id")])


def test_promised_express_runs_the_promised_time_and_conservative_is_slower_by_the_corridor_ratio(nets):
    promised = rail_only_journey(nets["promised"], "stn_linping_north", "stn_shanghai_east")[0]
    conservative = rail_only_journey(nets["conservative"], "stn_linping_north", "stn_shanghai_east")[0]
    assert promised == pytest.approx(PROMISED_MIN, abs=0.5)
    # running time (less the 3 min start/stop) scales with 1/speed
    start_stop = DEFAULT_CONFIG.start_stop("hsr")
    assert conservative - start_stop == pytest.approx((promised - start_stop) * CONSERVATIVE_RATIO, rel=0.01)


def test_the_scenario_reading_applies_when_set_and_the_configuration_reading_otherwise(shipped_data):
    cons = DEFAULT_CONFIG.replace(service_reading="conservative")
    assert "rl_xhh_express_cons" in build_network(shipped_data, _scenario(), config=cons).active.links
    chosen = build_network(shipped_data, _scenario(service_reading="promised"), config=cons)
    assert "rl_xhh_express" in chosen.active.links and "rl_xhh_express_cons" not in chosen.active.links
    assert DEFAULT_CONFIG.service_reading == "promised"


def test_patterns_follow_their_track_and_an_edit_can_still_remove_one(shipped_data, shipped_net):
    today = shipped_net.active.links  # the new line is not open in the data year
    assert not {"rl_xhh", *XHH_PATTERNS.values()} & today
    assert {"rl_husuhu", "rl_husuhu_express", "rl_husuhu_semifast", "rl_huning_fast"} <= today
    off = build_network(shipped_data, _scenario(projects_off=("prj_xhh_hsr",)))
    assert not {"rl_xhh", *XHH_PATTERNS.values()} & off.active.links
    removed = load_scenario({"name": "r", "year": 2030, "edits": [{"type": "remove_link", "link": "rl_xhh_express"}]},
                            shipped_data)
    assert "rl_xhh_express" not in build_network(shipped_data, removed).active.links


def test_the_hongqiao_approach_is_added_to_runs_at_hongqiao_only(shipped_data, shipped_net):
    links = shipped_data.links.copy()
    links["approach_min"] = None
    plain = build_network(dataclasses.replace(shipped_data, links=links))
    approach = shipped_data.links.at["rl_husuhu", "approach_min"]["stn_shanghai_hongqiao"]
    assert approach > 0
    # Songjiang - Suzhou South does not touch Hongqiao: unchanged
    a = rail_only_journey(shipped_net, "stn_shanghai_songjiang", "stn_huzhou")[0]
    b = rail_only_journey(plain, "stn_shanghai_songjiang", "stn_huzhou")[0]
    assert a == pytest.approx(b)
    # Hongqiao - Nanxun (only the Shanghai-Suzhou-Huzhou patterns serve Nanxun): one run from Hongqiao
    a = rail_only_journey(shipped_net, "stn_shanghai_hongqiao", "stn_huzhou_nanxun")[0]
    b = rail_only_journey(plain, "stn_shanghai_hongqiao", "stn_huzhou_nanxun")[0]
    assert a - b == pytest.approx(approach)


@pytest.mark.parametrize(
    ("column", "value", "field"),
    [("service_reading", "maybe", "service_reading"), ("pattern_of", "rl_nowhere", "pattern_of"),
     ("approach_min", {"stn_nowhere": 3}, "approach_min"), ("approach_min", {"stn_shanghai_east": -1}, "approach_min")],
)
def test_bad_pattern_fields_name_file_feature_field_and_fix(shipped_data, column, value, field):
    links = shipped_data.links.copy()
    links[column] = links[column].astype(object)
    links.at["rl_xhh_express", column] = value
    with pytest.raises(DataError) as err:
        build_network(dataclasses.replace(shipped_data, links=links), _scenario())
    msg = str(err.value)
    assert msg.startswith("rail.geojson: rl_xhh_express: field") and repr(field) in msg and ";" in msg


def test_reading_values_are_checked_in_the_configuration_and_the_scenario_file(shipped_data):
    with pytest.raises(ValueError, match="service_reading"):
        ModelConfig(service_reading="optimistic")
    with pytest.raises(ScenarioError, match="service_reading") as err:
        load_scenario({"name": "x", "service_reading": "optimistic"}, shipped_data)
    assert "promised" in str(err.value)
    s = load_scenario({"name": "x", "year": 2030, "service_reading": "conservative"}, shipped_data)
    assert s.service_reading == "conservative"
    assert load_scenario(scenario_to_yaml(s), shipped_data) == s
    assert "service_reading" not in scenario_to_yaml(load_scenario({"name": "y"}, shipped_data))


def _rail_minutes(*extra: str) -> float:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = cli_main(["route", "--from", "stn_linping_north", "--to", "stn_shanghai_east", "--mode", "rail",
                         "--scenario", "plan-full", *extra, "--json"])
    assert code == 0
    minutes = float(json.loads(out.getvalue())["minutes"])
    assert math.isfinite(minutes)
    return minutes


def test_the_command_line_flag_chooses_the_reading():
    promised = _rail_minutes("--service-reading", "promised")
    conservative = _rail_minutes("--service-reading", "conservative")
    assert conservative > promised
    assert _rail_minutes() == pytest.approx(promised)  # promised is the default
