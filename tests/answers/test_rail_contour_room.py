"""A rail contour reaches a cell from a place only within the room the rail-trip rule leaves the trip behind
the place's time, so a place is never drawn in a lower band than its rail answer: in the full plan the contours
from zone_hq drew Jiaxing city centre at 85.6 min (table 112) and Tongxiang city centre inside 60 min, where the
table says there is no sensible rail route."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest

from wuzhen_geo.answers import resolve_origin, trip_answer, travel_time_surface
from wuzhen_geo.answers._rail_surface import sensible_rail_reach
from wuzhen_geo.answers.surfaces import surface_from_node_times
from wuzhen_geo.errors import UnreachableError
from wuzhen_geo.model import build_network, shipped_scenarios

#: A cell centre lies up to half a cell's diagonal (about 0.7 km) from the place in it, a few minutes.
CELL_SLACK_MIN = 10.0


@pytest.fixture(scope="module")
def full_plan(shipped_data):
    return build_network(shipped_data, shipped_scenarios(shipped_data)["plan-full"])


def _cell_at(surface, data, pid: str) -> float:
    pt = gpd.GeoSeries([data.places.geometry[pid]], crs=4326).to_crs(surface.crs).iloc[0]
    i, j = np.abs(surface.y - pt.y).argmin(), np.abs(surface.x - pt.x).argmin()
    return float(surface.minutes[i, j])


def _rail_answer(net, origin, pid: str) -> float:
    try:
        return trip_answer(net, origin, pid, mode="rail").minutes
    except UnreachableError:
        return np.inf


@pytest.mark.parametrize("zone", ["zone_hq", "zone_industry"])
def test_no_place_is_drawn_sooner_by_rail_than_its_answer(shipped_data, full_plan, zone):
    origin = resolve_origin(shipped_data, zone)
    surface = travel_time_surface(full_plan, origin, mode="rail")
    places = shipped_data.places[shipped_data.places["kind"].isin(["airport", "city_centre", "station"])].index
    checked = 0
    for pid in places:
        cell = _cell_at(surface, shipped_data, pid)
        if not np.isfinite(cell):
            continue
        assert cell >= _rail_answer(full_plan, origin, pid) - CELL_SLACK_MIN, (zone, pid, cell)
        checked += 1
    assert checked > 30


def test_the_cases_that_were_drawn_wrong(shipped_data, full_plan):
    origin = resolve_origin(shipped_data, "zone_hq")
    surface = travel_time_surface(full_plan, origin, mode="rail")
    assert _rail_answer(full_plan, origin, "city_tongxiang") == np.inf
    assert not _cell_at(surface, shipped_data, "city_tongxiang") <= 120  # was 46.8
    # no time (no sensible rail route) or not sooner than the answer
    assert not _cell_at(surface, shipped_data, "city_jiaxing") < _rail_answer(full_plan, origin, "city_jiaxing") - 5


def test_the_room_is_what_the_rule_leaves(full_plan):
    """Room: the driving a place's trip could still add and pass the rule; none where no trip reaches."""
    times, room = sensible_rail_reach(full_plan, "zone_hq")
    reached = np.isfinite(times)
    assert (room[reached] >= 0).all() and room[~reached].isna().all()
    assert (room[reached] <= full_plan.config.rail_max_final_drive_min + 1e-9).all()


def test_a_room_bounds_the_last_stretch_and_none_leaves_it_free():
    """Toy case: one node at 10 min, 500 m per minute; a room of 2 min keeps cells beyond 1 km out."""
    xy = pd.DataFrame({"x": [0.0], "y": [0.0]}, index=["a"])
    kw = dict(bounds=(-5000, -5000, 5000, 5000), cells=400, k=1, access_kmh=30.0, detour_factor=1.0)
    free = surface_from_node_times({"a": 10.0}, xy, **kw)
    bound = surface_from_node_times({"a": 10.0}, xy, room={"a": 2.0}, **kw)
    assert np.nanmax(free.minutes) > 20
    finite = bound.minutes[np.isfinite(bound.minutes)]
    assert finite.size and finite.max() <= 12.0 + 1e-9


@pytest.mark.parametrize("origin,place", [("zone_living", "city_tongxiang"), ("stn_tongxiang", "city_tongxiang")])
def test_a_places_cell_shows_the_places_own_rail_answer(shipped_data, full_plan, origin, place):
    """In the full plan the contours drew Tongxiang city centre at 43 min by rail from zone_living (a drive of 7
    min from Tongxiang City station to the cell's centre passes the rule; the 9 min to the place does not, and
    the tables say 63), and Tongxiang city centre at 40 min from Tongxiang station, where the tables find no
    sensible rail route. (A cell holding several places shows the fastest: Pudong's Airport Link station is
    reached 5 min before its terminal.)"""
    surface = travel_time_surface(full_plan, origin, mode="rail")
    try:
        answer = trip_answer(full_plan, origin, place, mode="rail").minutes
    except UnreachableError:
        answer = float("inf")
    drawn = _cell_at(surface, shipped_data, place)
    if np.isfinite(answer):
        assert drawn == pytest.approx(answer)
    else:
        assert not np.isfinite(drawn)
