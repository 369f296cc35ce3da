"""Which network a slide, the presentation and the planner's comparison line name: a scenario that switches
nothing, shown in a year its title does not name, is the network by opening year of that year ("2035 · Scenario:
Plan (2030)" had stood over the network of 2035)."""

from __future__ import annotations

from wuzhen_geo.maps.slide import compared_networks_text, network_title
from wuzhen_geo.model import shipped_scenarios, with_year


def test_a_plain_scenario_moved_from_the_year_in_its_title_is_the_network_by_opening_year(shipped_data):
    scenarios = shipped_scenarios(shipped_data)
    plan_2030, today, full = scenarios["plan-2030"], scenarios["today"], scenarios["plan-full"]
    assert "2030" in plan_2030.title_en and not plan_2030.projects_on and not plan_2030.edits
    for shown in (plan_2030, with_year(plan_2030, 2035)):  # the page passes the scenario, the CLI it moved
        assert network_title(shown, 2035, "en") == "The network by opening year"
        assert network_title(shown, 2035, "zh") == "按开通年份的路网"
    assert "Plan (2030)" in network_title(plan_2030, 2030, "en")  # in its own year it keeps its title
    assert network_title(with_year(today, 2026), 2026, "en") == "Today's network"
    assert "Full plan" in network_title(with_year(full, 2035), 2035, "en")  # it switches projects: its title
    line = compared_networks_text(with_year(plan_2030, 2035), with_year(full, 2035), "en")
    assert line.startswith("Before: The network by opening year; after: Full plan") and "2035" in line
