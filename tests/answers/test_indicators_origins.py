"""Plan indicators measured where the plan sets them: a target's ``from`` places, else the zones, with a zone
marked ``placeholder`` (no published location) reported beside the row but kept out of its pass/fail."""

from __future__ import annotations

import dataclasses

import pytest

from wuzhen_geo.answers import plan_indicators, time_table
from wuzhen_geo.answers.indicators import placeholder_zones, target_origins


def _travel_target(data):
    return next(t for t in data.targets if t["kind"] == "travel_time")


def _with_placeholder(data, zone_id):
    zones = data.zones.copy()
    zones["placeholder"] = [z == zone_id for z in zones.index]
    return dataclasses.replace(data, zones=zones)


def _times(net, origins, dest):
    table = time_table(net, origins, [dest], "best")
    return table.set_index("from_id")["minutes"]


def test_placeholder_zone_is_reported_but_not_judged(mini_data, mini_net):
    target = _travel_target(mini_data)
    dest = target["to"][0]
    times = _times(mini_net, list(mini_data.zones.index), dest)
    slow, fast = times.idxmax(), times.idxmin()
    assert times[slow] > times[fast], "the fixture's two zones need different times for this test"
    # a limit only the faster zone meets: with every zone judged the target fails ...
    limit = (times[slow] + times[fast]) / 2
    judged = dataclasses.replace(mini_data, targets=[dict(target, max_minutes=limit)])
    assert not plan_indicators(mini_net, judged).iloc[0]["met"]
    # ... with the slower zone a placeholder it passes, on the faster zone alone, and still names the other
    data = _with_placeholder(judged, slow)
    assert placeholder_zones(data) == [slow]
    row = plan_indicators(mini_net, data).iloc[0]
    assert row["met"] and row["zones"] == 1 and row["zones_within"] == 1
    assert row["slowest_minutes"] == pytest.approx(times[fast]) and row["value"] == round(times[fast])
    assert row["placeholder_ids"] == slow
    assert "placeholder" in row["detail"] and f"{times[slow]:.0f} min" in row["detail"]


def test_target_from_a_place_is_measured_from_that_place(mini_data, mini_net):
    target = dict(_travel_target(mini_data), **{"from": ["city_tongxiang"]})
    data = _with_placeholder(dataclasses.replace(mini_data, targets=[target]), "zone_hq")
    assert target_origins(data, target) == (["city_tongxiang"], [])  # no zone set aside: zones are not used
    row = plan_indicators(mini_net, data).iloc[0]
    expected = _times(mini_net, ["city_tongxiang"], target["to"][0])["city_tongxiang"]
    assert row["slowest_minutes"] == pytest.approx(expected) and row["value"] == round(expected)
    assert row["zones"] == 1 and row["from_ids"] == "city_tongxiang" and row["placeholder_ids"] == ""
    assert row["met"] == (expected <= target["max_minutes"])


def test_shipped_tongxiang_plan_targets_are_measured_from_tongxiang_city(shipped_data):
    for target in shipped_data.targets:
        if target["kind"] == "travel_time" and "桐乡" in str(target["source"]):
            assert target.get("from") == ["city_tongxiang"], target["id"]


def test_shipped_education_zone_is_flagged_as_a_placeholder(shipped_data):
    assert placeholder_zones(shipped_data) == ["zone_education"]
    assert "placeholder" in shipped_data.zones.at["zone_education", "note"]


def test_tongxiang_lengths_are_measured_inside_its_real_county_outline(shipped_data, shipped_net):
    """bnd_tongxiang names its county (adcode 330483): with the county units present the lengths are taken
    inside that outline, whatever the boundary's own polygon; without them, inside the boundary."""
    import dataclasses

    from shapely import affinity

    from wuzhen_geo.answers.indicators import plan_indicators
    from wuzhen_geo.model import build_network

    # the shipped boundary is the unit's polygon now: shrink it, so the two outlines measure different lengths
    boundaries = shipped_data.boundaries.copy()
    boundaries.loc["bnd_tongxiang", "geometry"] = affinity.scale(boundaries.geometry.loc["bnd_tongxiang"], 0.8, 0.8)
    shipped_data = dataclasses.replace(shipped_data, boundaries=boundaries)
    shipped_net = build_network(shipped_data, shipped_net.scenario)
    table = plan_indicators(shipped_net)
    rows = table[table["kind"] == "network_length"].set_index("id")
    length_ids = list(rows.index)
    assert length_ids
    from wuzhen_geo.answers.indicators import _length_km

    outline = shipped_data.units.geometry.loc["330483"]
    drawn = shipped_data.boundaries.geometry.loc["bnd_tongxiang"]
    links = shipped_data.links
    for target in shipped_data.targets:
        if target.get("id") not in length_ids:
            continue
        classes = target.get("class")
        classes = [classes] if isinstance(classes, str) else list(classes or [])
        chosen = links[(links["mode"] == target["mode"]) & (links["class"].isin(classes) if classes else True)
                       & links.index.isin(list(shipped_net.feature_ids))]
        assert "adcode 330483" in rows.at[target["id"], "detail"]
        assert rows.at[target["id"], "value"] == round(_length_km(chosen, outline), 1)
        assert round(_length_km(chosen, outline), 1) != round(_length_km(chosen, drawn), 1)
    # the boundary's polygon is the fallback without units
    no_units = dataclasses.replace(shipped_data, units=None)
    fallback = plan_indicators(build_network(no_units))
    fallback = fallback[fallback["kind"] == "network_length"].set_index("id")
    assert all("adcode" not in fallback.at[i, "detail"] for i in length_ids)
