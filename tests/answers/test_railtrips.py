"""The rail-trip search's shortcut: the sums it adds up as arrays for every (station, exit) candidate are the
sums the rail-trip rule takes over that candidate's legs, so dropping a candidate never changes an answer."""

from __future__ import annotations

import numpy as np
import pytest

from wuzhen_geo.answers import railtrips
from wuzhen_geo.model import Point, trip_from_path


def _leg_sums(legs):
    """Train, car and after-the-last-train car minutes, as ModelConfig.rail_trip_problem sums them."""
    rail = [i for i, leg in enumerate(legs) if leg.mode == "rail"]
    train = sum(leg.minutes for leg in legs if leg.mode == "rail")
    drive = sum(leg.minutes for leg in legs if leg.mode == "car")
    final = sum(leg.minutes for leg in legs[rail[-1] + 1:] if leg.mode == "car") if rail else 0.0
    return bool(rail), train, drive, final


@pytest.mark.parametrize("destination", ["apt_hgh", "apt_sha", "apt_pvg", Point(121.33, 31.20)])
def test_array_sums_equal_leg_sums_and_a_dropped_candidate_fails_the_rule(shipped_data, shipped_net,
                                                                          destination):
    data, net = shipped_data, shipped_net
    assert isinstance(destination, Point) or destination in net.place_ids
    checked = dropped = 0
    for origin in [*map(str, data.zones.index), Point(120.40, 30.62), Point(120.62, 30.80)]:
        cands = railtrips._Candidates(net, origin, destination)
        with np.errstate(invalid="ignore"):
            fails = railtrips._fails(net.config, cands.train, cands.drive, cands.final)
        for s, k in cands.order(np.isfinite(cands.total))[:40]:
            path, src, dst = cands.path(s, k)
            trip = trip_from_path(net, origin, destination, "rail", path, src, dst)
            assert trip.minutes == pytest.approx(cands.total[s, k], abs=1e-9)
            has_rail, train, drive, final = _leg_sums(trip.legs)
            assert bool(cands.boarded[s, k]) == has_rail
            if not has_rail:
                continue
            sums = (cands.train[s, k], cands.drive[s, k], cands.final[s, k])
            assert sums == pytest.approx((train, drive, final), abs=1e-9)
            checked += 1
            if fails[s, k]:
                dropped += 1
                assert net.config.rail_trip_problem(trip.legs) is not None
    assert checked > 50 and dropped > 0  # the comparison saw real candidates, some of them dropped
