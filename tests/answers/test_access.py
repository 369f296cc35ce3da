"""People and GDP within reach: a three-unit toy region whose answer is known by hand, and the shipped data."""

from __future__ import annotations

import dataclasses
import math

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from shapely.geometry import box

from tests.toy import place, road, toy_data
from wuzhen_geo.answers._unit_grid import _build
from wuzhen_geo.answers.access import (
    TONGXIANG_ADCODE,
    access_change,
    access_everywhere,
    compare_reach,
    reach,
    reach_area,
    reach_from_minutes,
    unit_boundary,
    unit_reach,
)
from wuzhen_geo.errors import DataError
from wuzhen_geo.model import Point, build_network, shipped_scenarios

# --------------------------------------------------------------------------------------------------
# The pure step on a hand-made grid: 10 x 10 cells of 1 km, minutes = 10 x the column (0 ... 90).


def _units(rows):
    frame = gpd.GeoDataFrame(pd.DataFrame([{k: v for k, v in r.items() if k != "geometry"} for r in rows]),
                             geometry=[r["geometry"] for r in rows], crs="EPSG:32651")
    return frame.set_index("id", drop=False).rename_axis(None)


@pytest.fixture
def hand_grid():
    x = np.arange(10) * 1000.0 + 500.0
    y = np.arange(10) * 1000.0 + 500.0
    units = _units([  # columns 0-3, 4-7 and 8-9 of the grid
        {"id": "a", "name_zh": "甲", "name_en": "A", "population": 1000, "gdp_cny_bn": 10.0,
         "geometry": box(0, 0, 4000, 10000)},
        {"id": "b", "name_zh": "乙", "name_en": "B", "population": 2000, "gdp_cny_bn": 30.0,
         "geometry": box(4000, 0, 8000, 10000)},
        {"id": "c", "name_zh": "丙", "name_en": "C", "population": 500, "gdp_cny_bn": None,
         "geometry": box(8000, 0, 10000, 10000)},
    ])
    minutes = np.tile(np.arange(10) * 10.0, (10, 1))
    return minutes, _build(units, x, y), units


def test_a_unit_counts_the_share_of_its_land_reached(hand_grid):
    minutes, grid, units = hand_grid
    out = reach_from_minutes(minutes, grid, units, [30, 60, 90]).set_index("budget_min")
    # 30 min: columns 0-3 = all of A. 60 min: columns 0-6 = A and 3 of B's 4 columns. 90: everything.
    assert out.loc[30, "people"] == pytest.approx(1000)
    assert out.loc[60, "people"] == pytest.approx(1000 + 0.75 * 2000)
    assert out.loc[90, "people"] == pytest.approx(3500)
    assert out.loc[60, "gdp_cny_bn"] == pytest.approx(10 + 0.75 * 30)
    assert out.loc[60, "people_share"] == pytest.approx(2500 / 3500)
    # C has no GDP figure: reached at 90 min, it is counted as unknown and the GDP is a floor
    assert out.loc[90, "units_gdp_unknown"] == 1 and out.loc[60, "units_gdp_unknown"] == 0
    assert out.loc[90, "gdp_cny_bn"] == pytest.approx(40)


def test_at_centres_everyone_of_a_unit_is_reached_or_nobody(hand_grid):
    minutes, grid, units = hand_grid
    out = reach_from_minutes(minutes, grid, units, [60]).iloc[0]
    # B's representative point lies in its middle (column 5 or 6, 50-60 min): all of B or none, never 3/4
    assert out["people_at_centres"] in (1000, 3000)


def test_unreached_cells_count_for_nothing(hand_grid):
    minutes, grid, units = hand_grid
    out = reach_from_minutes(np.full_like(minutes, np.nan), grid, units, [120]).iloc[0]
    assert out["people"] == 0 and out["units_reached"] == 0


# --------------------------------------------------------------------------------------------------
# A toy network: origin a, a road of exactly 30 km at 60 km/h to b (30 min), three square units.

_A, _B = (120.50, 30.70), (120.8131, 30.70)  # 30 km apart (about)
_FAR = (120.50, 32.20)  # about 166 km north: no road, 520 min on local roads


def _toy_units():
    rows = []
    for uid, (lon, lat), pop, gdp in (("100001", _A, 100_000, 5.0), ("100002", _B, 300_000, None),
                                      ("100003", _FAR, 1_000_000, 50.0)):
        rows.append({"id": uid, "adcode": uid, "name_zh": f"单元{uid[-1]}", "name_en": f"Unit {uid[-1]}",
                     "population": pop, "gdp_cny_bn": gdp,
                     "geometry": box(lon - 0.02, lat - 0.02, lon + 0.02, lat + 0.02)})
    frame = gpd.GeoDataFrame(pd.DataFrame([{k: v for k, v in r.items() if k != "geometry"} for r in rows]),
                             geometry=[r["geometry"] for r in rows], crs="EPSG:4326")
    return frame.set_index("id", drop=False).rename_axis(None)


@pytest.fixture(scope="module")
def toy_net():
    pos = {"a": _A, "b": _B}
    data = toy_data([place("a", *_A), place("b", *_B)],
                    [road("rd_ab", ["a", "b"], pos, length_km=30.0, speed_kmh=60.0)])
    return build_network(dataclasses.replace(data, units=_toy_units()))


def test_toy_region_answer_known_by_hand(toy_net):
    # Within a unit every corner is at most 2.9 km from its node: 2.9 km x 1.3 detour / 25 km/h = 9 min.
    # 20 min: all of unit 1 and nothing of unit 2 (30 min away). 60 min: units 1 and 2 (at most 39 min).
    # Unit 3 needs over 500 min.
    out = reach(toy_net, "a", budgets=[20, 60], modes=["car"], cells=4000).set_index("budget_min")
    assert out.loc[20, "people"] == pytest.approx(100_000)
    assert out.loc[60, "people"] == pytest.approx(400_000)
    assert out.loc[60, "people_share"] == pytest.approx(400_000 / 1_400_000)
    assert out.loc[60, "gdp_cny_bn"] == pytest.approx(5.0) and out.loc[60, "units_gdp_unknown"] == 1
    assert out.loc[60, "people_at_centres"] == pytest.approx(400_000)


def test_toy_units_by_time_and_share(toy_net):
    units = unit_reach(toy_net, "a", budget=20, mode="car", cells=4000).set_index("id")
    assert units.loc["100001", "share_reached"] == pytest.approx(1.0)
    assert units.loc["100002", "share_reached"] == 0.0
    # the centre of unit 2 is b, 30 min down the road plus a few hundred metres at most
    assert 30 <= units.loc["100002", "minutes_centre"] < 32
    assert units.loc["100003", "minutes_nearest"] > 120


def test_toy_everywhere_equals_reach_from_each_cell(toy_net):
    surface = access_everywhere(toy_net, budget=60, mode="car", cells=2000)
    cells = [(i, j) for i in range(0, len(surface.y), 17) for j in range(0, len(surface.x), 5)]
    for i, j in cells[:12]:
        pt = gpd.GeoSeries([shapely.Point(surface.x[j], surface.y[i])], crs="EPSG:32651").to_crs("EPSG:4326")
        one = reach(toy_net, Point(float(pt.x.iloc[0]), float(pt.y.iloc[0])), budgets=[60], modes=["car"],
                    cells=2000)
        assert surface.people[i, j] == pytest.approx(one["people"].iloc[0], rel=1e-9, abs=1e-6)


def test_no_units_says_which_file_to_make():
    data = toy_data([place("a", *_A), place("b", *_B)],
                    [road("rd_ab", ["a", "b"], {"a": _A, "b": _B}, length_km=30.0, speed_kmh=60.0)])
    with pytest.raises(DataError, match="units.geojson"):
        reach(build_network(data), "a")


def test_a_mode_or_budget_outside_the_vocabulary_is_refused(toy_net):
    with pytest.raises(ValueError, match="mode"):
        reach(toy_net, "a", modes=["boat"])
    with pytest.raises(ValueError, match="budgets"):
        reach(toy_net, "a", budgets=[0])


# --------------------------------------------------------------------------------------------------
# Shipped data


def test_more_time_never_reaches_fewer_people(shipped_net):
    out = reach(shipped_net, "city_tongxiang", modes=["car", "rail", "best"])
    for _, part in out.groupby("mode"):
        assert part["people"].is_monotonic_increasing
    best = out[out["mode"] == "best"].set_index("budget_min")["people"]
    car = out[out["mode"] == "car"].set_index("budget_min")["people"]
    assert (best >= car - 1e-6).all()


def test_the_tongxiang_boundary_is_the_real_one(shipped_data):
    geom = unit_boundary(shipped_data, TONGXIANG_ADCODE)
    area = gpd.GeoSeries([geom], crs="EPSG:4326").to_crs("EPSG:32651").area.iloc[0] / 1e6
    assert area == pytest.approx(727.45, rel=0.01)  # the published area of Tongxiang
    assert unit_boundary(shipped_data, "999999") is None


def test_the_reach_area_holds_the_people_counted(shipped_net):
    ring = reach_area(shipped_net, "city_tongxiang", budget=60)
    counts = reach(shipped_net, "city_tongxiang", budgets=[60]).iloc[0]
    assert ring["people"].iloc[0] == counts["people"] and ring["area_km2"].iloc[0] > 0


def test_before_after_difference_and_causes(shipped_data, shipped_net):
    plan = build_network(shipped_data, shipped_scenarios(shipped_data)["plan-full"])
    table = compare_reach(shipped_net, plan, "city_tongxiang", budgets=[60, 90])
    assert np.allclose(table["people_change"], table["people_after"] - table["people_before"])
    assert any("沪乍杭" in c for c in table.attrs["causes"])
    change = access_change(shipped_net, plan)
    assert list(change["from_id"])[-1] == "city_tongxiang" and len(change) == 7
    assert change.loc[change["from_id"] == "city_tongxiang", "name_zh"].iloc[0] == "桐乡市中心"
    same = access_change(shipped_net, shipped_net, ["city_tongxiang"])
    assert same["people_change"].iloc[0] == 0 and same["causes_text"].iloc[0] == ""
    assert not math.isnan(change["people_after"].sum())


@pytest.mark.parametrize("place", ["city_tongxiang", "stn_tongxiang", "apt_hgh"])
def test_a_place_and_its_pasted_coordinates_reach_the_same_people(shipped_net, place):
    """`--from 桐乡市中心` counted 6.44 million within 60 min and `--from 30.631,120.562` (the same point) 6.56:
    a point also left by local roads to the nearest road nodes and straight to the cells around it, the place
    only by its own access. A place is now taken both ways, so the two answers are one."""
    from wuzhen_geo.answers.surfaces import travel_time_surface
    from wuzhen_geo.model import Point

    point = Point(*shipped_net.lonlat[place])
    for mode in ("best", "car", "rail"):
        by_name = travel_time_surface(shipped_net, place, mode=mode).minutes
        by_point = travel_time_surface(shipped_net, point, mode=mode).minutes
        np.testing.assert_array_equal(by_name, by_point)
    by_name = reach(shipped_net, place, budgets=(30, 60), modes=("best", "rail"))
    by_point = reach(shipped_net, point, budgets=(30, 60), modes=("best", "rail"))
    np.testing.assert_allclose(by_name["people"].to_numpy(), by_point["people"].to_numpy())


def test_everywhere_by_rail_starts_from_the_rail_answers_of_each_road_node(shipped_net):
    """The access-from-everywhere map took the fastest trip with any train in it from each road node, as the
    contours did before: its node-to-node minutes by rail are now the rail answers of the tables."""
    from wuzhen_geo.answers._access_everywhere import _node_times
    from wuzhen_geo.answers.surfaces import road_node_ids
    from wuzhen_geo.answers.trip_answers import answer_minutes

    ids = road_node_ids(shipped_net)
    _, times, _ = _node_times(shipped_net, ids, "rail")
    for row, origin in ((ids.index(o), o) for o in ("city_tongxiang", "stn_tongxiang", "apt_hgh") if o in ids):
        table = answer_minutes(shipped_net, [origin], ids, mode="rail")["minutes"].to_numpy()
        np.testing.assert_allclose(times[row], table, atol=1e-6, err_msg=origin)
