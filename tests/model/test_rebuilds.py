"""A road rebuilt to a higher standard is not slower than the road it replaces (the G320 rebuild, a 6-lane
first-class road, had made the full plan reach 0.04 million fewer people within 60 min of Tongxiang by car:
the old road was one first-class link from Fengming to Dama, though the source says there is no high-grade road
between Chongfu and Dama)."""

from __future__ import annotations

import pytest

from wuzhen_geo import build_network, reach, route
from wuzhen_geo.model import shipped_scenarios

_CLASS_RANK = {"local": 0, "connector": 0, "arterial": 1, "highway": 2, "urban_expressway": 3, "expressway": 4}


def _rebuilds(data):
    """Open-standard rebuilds: road links that replace road links of no higher class."""
    links = data.links
    out = []
    for lid, row in links.iterrows():
        given = row.get("replaces")
        replaced = [r for r in (given if isinstance(given, list) else []) if r in links.index]
        if row["mode"] == "road" and replaced and all(
                _CLASS_RANK.get(links.at[r, "class"], 0) <= _CLASS_RANK.get(row["class"], 0) for r in replaced):
            out.append((lid, list(row["nodes"])))
    return out


def test_the_shipped_data_have_a_road_rebuild(shipped_data):
    assert "rd_g320_rebuild_fengming_dama" in [lid for lid, _ in _rebuilds(shipped_data)]


def test_a_rebuilt_road_is_not_slower_between_its_ends(shipped_data):
    scenarios = shipped_scenarios(shipped_data)
    today, full = build_network(shipped_data, scenarios["today"]), build_network(shipped_data, scenarios["plan-full"])
    for lid, nodes in _rebuilds(shipped_data):
        if lid not in full.feature_ids:
            continue
        before = route(today, nodes[0], nodes[-1], mode="car").minutes
        after = route(full, nodes[0], nodes[-1], mode="car").minutes
        assert after <= before + 0.05, (lid, before, after)


def test_the_full_plan_reaches_no_fewer_people_by_car_from_tongxiang(shipped_data):
    scenarios = shipped_scenarios(shipped_data)
    counts = [float(reach(build_network(shipped_data, scenarios[name]), "city_tongxiang", budgets=[60],
                          modes=["car"])["people"].iloc[0]) for name in ("today", "plan-full")]
    assert counts[1] >= counts[0] - 1, counts
    assert counts[1] == pytest.approx(counts[0], rel=0.05)  # the plans add no road that moves the car circle much
