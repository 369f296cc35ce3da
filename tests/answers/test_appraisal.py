"""Project appraisal on a toy network whose answers are known by hand.

From ``o`` to ``d`` today there is one road, 45 km at 45 km/h: 60 min. Four planned projects:

* ``prj_a`` (o - m, 15 km at 90 km/h) and ``prj_b`` (m - d, the same): worth 40 min only together (20 min);
* ``prj_d`` a direct road o - d, 30 km at 90 km/h: 20 min on its own, a substitute for a + b;
* ``prj_c`` a road between two other places: no effect on any trip (a null player).

So v(none) = 60, v(d) = v(a b) = v(a b d) = 20 and every other set of a, b, d gives 60. Over the six orders
of a, b, d, ``prj_d`` saves 40 min in the four where it comes before a and b are both in, 0 in the other two:
a Shapley share of -80/3 min; ``prj_a`` saves 40 only when it comes second after ``prj_b`` (one order of
six): -20/3; ``prj_b`` likewise; ``prj_c`` 0.
"""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from tests.toy import place, road, toy_data
from wuzhen_geo.answers import answer_minutes
from wuzhen_geo.answers.appraisal import appraisal_players, appraise, coalition_scenario, default_projects
from wuzhen_geo.answers.access import reach
from wuzhen_geo.answers.appraisal_indicators import UNREACHABLE_MINUTES, Measure, access_measures, indicator_ids, \
    indicator_spec, measure
from wuzhen_geo.errors import ScenarioError, WuzhenGeoError
from wuzhen_geo.model import AddLink, Scenario, SetSpeed, build_network

POS = {"o": (120.50, 30.60), "d": (120.70, 30.60), "m": (120.60, 30.65), "x": (120.50, 30.80),
       "y": (120.60, 30.80), "e": (120.80, 30.60)}
PLANNED = {"status": "planned", "open_year": None}
PAIRS = {"origins": ("o",), "destinations": ("d",), "mode": "car"}


def _project(pid: str, members: list[str]) -> dict:
    return {"id": pid, "name_zh": pid, "name_en": pid.upper(), "status": "planned", "open_year": None,
            "members": members, "modelled": True, "source": "test toy"}


def toy() -> object:
    links = [
        road("rd_slow", ["o", "d"], POS, length_km=45.0, speed_kmh=45.0),
        road("rd_a", ["o", "m"], POS, length_km=15.0, speed_kmh=90.0, **PLANNED),
        road("rd_b", ["m", "d"], POS, length_km=15.0, speed_kmh=90.0, **PLANNED),
        road("rd_c", ["x", "y"], POS, length_km=10.0, speed_kmh=90.0, **PLANNED),
        road("rd_d", ["o", "d"], POS, length_km=30.0, speed_kmh=90.0, **PLANNED),
        road("rd_e", ["d", "e"], POS, length_km=15.0, speed_kmh=45.0, **PLANNED),
    ]
    projects = [_project("prj_a", ["rd_a"]), _project("prj_b", ["rd_b"]), _project("prj_c", ["rd_c"]),
                _project("prj_d", ["rd_d"]), _project("prj_e", ["rd_e"]),
                {**_project("prj_paper", []), "modelled": False}]
    return toy_data([place(k, *v) for k, v in POS.items()], links, projects)


FOUR = ["prj_a", "prj_b", "prj_c", "prj_d"]


def _shares(result, indicator: str = "min:o:d") -> pd.Series:
    part = result.shares[result.shares["indicator"] == indicator]
    return part.set_index("project")["shapley"]


def _minutes(data, scenario: Scenario, to: str = "d") -> float:
    """Minutes o -> ``to`` by car, straight from the answers every view shows."""
    return float(answer_minutes(build_network(data, scenario), ["o"], [to], mode="car")["minutes"].iat[0])


def test_toy_network_gives_the_hand_computed_minutes():
    data = toy()
    assert _minutes(data, Scenario(name="today")) == pytest.approx(60)
    assert _minutes(data, Scenario(name="x", projects_on=("prj_a", "prj_b"))) == pytest.approx(20)
    assert _minutes(data, Scenario(name="x", projects_on=("prj_d",))) == pytest.approx(20)
    assert _minutes(data, Scenario(name="x", projects_on=("prj_a",))) == pytest.approx(60)


def test_exact_shares_are_the_hand_computed_ones(tmp_path):
    result = appraise(toy(), projects=FOUR, indicators=["min:*"], scheduler="serial", cache_dir=tmp_path, **PAIRS)
    assert result.method == "exact"
    shares = _shares(result)
    assert shares["prj_d"] == pytest.approx(-80 / 3)
    assert shares["prj_a"] == pytest.approx(-20 / 3) and shares["prj_b"] == pytest.approx(-20 / 3)
    assert shares["prj_c"] == 0  # null player: exactly zero
    ranked = result.shares.sort_values("rank")["project"].tolist()
    assert ranked[0] == "prj_d" and ranked[-1] == "prj_c"


def test_shares_add_up_to_plan_full_minus_today(tmp_path):
    data = toy()
    result = appraise(data, projects=FOUR, indicators=["*"], scheduler="serial", cache_dir=tmp_path, **PAIRS)
    plan_full = Scenario(name="plan-full", projects_on=tuple(FOUR))
    change = _minutes(data, plan_full) - _minutes(data, Scenario(name="today"))
    assert _shares(result).sum() == pytest.approx(change)
    summed = result.shares.groupby("indicator")["shapley"].sum()
    table = result.indicators.set_index("indicator")
    assert summed.to_dict() == pytest.approx(table["change"].to_dict())


def test_add_one_drop_one_and_the_complementary_pair(tmp_path):
    result = appraise(toy(), projects=FOUR, indicators=["min:*"], scheduler="serial", cache_dir=tmp_path, **PAIRS)
    part = result.shares.set_index("project")
    assert part.loc["prj_a", "add_one"] == 0 and part.loc["prj_d", "add_one"] == pytest.approx(-40)
    # Within the full set every fast route has a substitute: dropping any one project loses nothing.
    assert (part["drop_one"] == 0).all()
    pair = result.interactions.set_index(["project_a", "project_b"]).loc[("prj_a", "prj_b")]
    assert pair["with_base"] == pytest.approx(-40)  # 20 - 60 - 60 + 60: worth 40 min only together
    assert pair["gain_with_base"] == pytest.approx(40)
    assert not {"prj_c"} & set(result.interactions[["project_a", "project_b"]].to_numpy().ravel())


def test_sampled_shares_agree_with_exact_within_their_error(tmp_path):
    exact = _shares(appraise(toy(), projects=FOUR, indicators=["min:*"], scheduler="serial",
                             cache_dir=tmp_path, **PAIRS))
    sampled = appraise(toy(), projects=FOUR, indicators=["min:*"], scheduler="serial", cache_dir=tmp_path,
                       exact_max=0, samples=60, seed=5, pairs=False, **PAIRS)
    assert sampled.method == "sampled" and sampled.samples == 60
    part = sampled.shares.set_index("project")
    assert part["shapley"].sum() == pytest.approx(exact.sum())  # efficient for any sample
    assert part.loc["prj_c", "shapley"] == 0 and part.loc["prj_c", "shapley_se"] == 0
    assert part.loc["prj_d", "shapley_se"] > 0
    for pid in FOUR:
        assert abs(part.loc[pid, "shapley"] - exact[pid]) <= 4 * part.loc[pid, "shapley_se"] + 1e-9


def test_unreachable_counts_as_the_stated_penalty_and_reachability_separately(tmp_path):
    result = appraise(toy(), projects=["prj_e"], origins=("o",), destinations=("e",), mode="car",
                      indicators=["*"], scheduler="serial", cache_dir=tmp_path)
    table = result.indicators.set_index("indicator")
    assert table.loc["min:o:e", "base"] == UNREACHABLE_MINUTES
    assert table.loc["min:o:e", "full"] == pytest.approx(60 + 20)  # 60 to d, then 15 km at 45 km/h
    assert table.loc["reachable", "base"] == 0 and table.loc["reachable", "full"] == 1
    assert result.shares.set_index("indicator").loc["reachable", "gain"] == 1


def test_default_projects_are_the_modelled_ones_not_yet_open():
    data = toy()
    assert default_projects(data) == ["prj_a", "prj_b", "prj_c", "prj_d", "prj_e"]
    assert "prj_d" not in default_projects(data, Scenario(name="x", projects_on=("prj_d",)))


def test_unknown_or_unmodelled_project_and_bad_input_are_refused(tmp_path):
    with pytest.raises(ScenarioError, match="prj_nope"):
        appraisal_players(toy(), projects=["prj_nope"])
    with pytest.raises(ScenarioError, match="not modelled"):
        appraisal_players(toy(), projects=["prj_paper"])
    with pytest.raises(WuzhenGeoError, match="--samples"):
        appraise(toy(), projects=FOUR, samples=1, scheduler="serial", use_cache=False, **PAIRS)
    with pytest.raises(WuzhenGeoError, match="--indicators nothing:\\*"):
        appraise(toy(), projects=["prj_a"], indicators=["nothing:*"], scheduler="serial", cache_dir=tmp_path, **PAIRS)
    assert not tmp_path.exists() or not any(tmp_path.iterdir())  # refused before any scenario ran
    with pytest.raises(WuzhenGeoError, match="--mode walk"):
        appraise(toy(), projects=["prj_a"], scheduler="serial", use_cache=False, origins=("o",), mode="walk")


def test_a_planners_edits_are_players(tmp_path):
    data = toy()
    link = AddLink(id="rd_mine", mode="road", cls="arterial", stops=("o", "d"), speed_kmh=90.0)
    faster = SetSpeed(link="rd_mine", speed_kmh=100.0)  # changes the added link: one player with it
    elsewhere = SetSpeed(link="rd_slow", speed_kmh=50.0)
    players = appraisal_players(data, projects=["prj_a"], edits=(link, faster, elsewhere))
    assert [p.id for p in players] == ["prj_a", "edit:1", "edit:2"]
    assert players[1].edits == (link, faster) and players[2].edits == (elsewhere,)
    assert coalition_scenario(Scenario(name="b"), players, frozenset({0, 2})).edits == (elsewhere,)
    result = appraise(data, projects=["prj_a"], edits=(link, faster, elsewhere), indicators=["min:*"],
                      scheduler="serial", cache_dir=tmp_path, **PAIRS)
    alone = _minutes(data, Scenario(name="x", edits=(link, faster))) - _minutes(data, Scenario(name="today"))
    assert alone < 0
    assert result.shares.set_index("project").loc["edit:1", "add_one"] == pytest.approx(alone)


def test_extra_measure_hook_and_cache_reuse(tmp_path):
    edges = Measure(key="links", compute=lambda net: len(net.active.links), name_zh="线路", name_en="links",
                    unit="links")
    first = appraise(toy(), projects=FOUR, indicators=["links"], measures=(edges,), scheduler="serial",
                     cache_dir=tmp_path, **PAIRS)
    again = appraise(toy(), projects=FOUR, indicators=["links"], measures=(edges,), scheduler="serial",
                     cache_dir=tmp_path, **PAIRS)
    assert first.stats.evaluated == first.stats.scenarios and again.stats.cached == again.stats.scenarios
    assert again.stats.hit_rate == 1.0 and again.stats.runner == "cache"
    pd.testing.assert_frame_equal(first.shares, again.shares)
    # Each project switches on its one link, whatever else is built.
    assert first.shares.set_index("project")["shapley"].to_dict() == pytest.approx({p: 1.0 for p in FOUR})


def test_access_measures_read_the_access_answers(shipped_data, shipped_net, mini_data):
    assert access_measures(mini_data) == ()  # no county units in the mini data
    people, gdp = access_measures(shipped_data)
    expected = reach(shipped_net, "city_tongxiang", budgets=(60,))
    assert people.compute(shipped_net) == float(expected["people"].iat[0]) > 0
    assert gdp.compute(shipped_net) == float(expected["gdp_cny_bn"].iat[0])


def test_indicator_ids_are_known_before_the_sweep(mini_data, mini_net):
    spec = indicator_spec(mini_data)
    assert indicator_ids(mini_data, spec) == list(measure(mini_net, spec))
