"""The rail-trip search's shortcut: the sums it takes edge by edge to skip a candidate are the sums the
rail-trip rule takes over that candidate's legs, so skipping never changes an answer."""

from __future__ import annotations

import heapq

import pytest

from wuzhen_geo.answers import railtrips
from wuzhen_geo.model import Point, trip_ends, trip_from_path


def _candidates(net, origin, destination, limit=40):
    """The search's first candidate paths (by total time), with the ends they use."""
    sources = trip_ends(net, origin, layer=0)
    targets = trip_ends(net, destination, layer=1)
    car_min, car_path, car_src = railtrips._car_part(net, sources)
    last_min, last_path = railtrips._last_part(net, targets)
    target_of = {t[0]: t for t in targets}
    heap = []
    for b in net.boarding_stations:
        if b in car_min:
            rail_min, rail_paths = railtrips._rail_part(net, b)
            for a, t_last in last_min.items():
                if a in rail_min:
                    path = car_path[b] + rail_paths[a][1:] + last_path[a][1:]
                    heap.append((car_min[b] + rail_min[a] + t_last, len(heap), path, car_src[b],
                                 target_of.get(path[-1], targets[0])))
    return [c[2:] for c in heapq.nsmallest(limit, heap)]


def _leg_sums(legs):
    """Train, car and after-the-last-train car minutes, as ModelConfig.rail_trip_problem sums them."""
    rail = [i for i, leg in enumerate(legs) if leg.mode == "rail"]
    train = sum(leg.minutes for leg in legs if leg.mode == "rail")
    drive = sum(leg.minutes for leg in legs if leg.mode == "car")
    final = sum(leg.minutes for leg in legs[rail[-1] + 1:] if leg.mode == "car") if rail else 0.0
    return bool(rail), train, drive, final


@pytest.mark.parametrize("destination", ["apt_hgh", "apt_sha", "apt_pvg", Point(121.33, 31.20)])
def test_edge_sums_equal_leg_sums_and_a_skipped_candidate_fails_the_rule(shipped_data, shipped_net, destination):
    data, net = shipped_data, shipped_net
    assert isinstance(destination, Point) or destination in net.place_ids
    checked = skipped = 0
    for origin in [*map(str, data.zones.index), Point(120.40, 30.62), Point(120.62, 30.80)]:
        for path, src, dst in _candidates(net, origin, destination):
            trip = trip_from_path(net, origin, destination, "rail", path, src, dst)
            has_rail, train, drive, final = _leg_sums(trip.legs)
            moving = railtrips._moving_minutes(net, path, src[1] if isinstance(origin, Point) else 0.0,
                                               dst[1] if isinstance(destination, Point) else 0.0)
            assert (moving is not None) == has_rail
            if moving is None:
                continue
            assert moving == pytest.approx((train, drive, final), abs=1e-9)
            checked += 1
            if railtrips._clearly_fails(net.config, *moving):
                skipped += 1
                assert net.config.rail_trip_problem(trip.legs) is not None
    assert checked > 50 and skipped > 0  # the comparison saw real candidates, some of them skipped
