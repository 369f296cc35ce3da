"""Surfaces of a scenario whose added link has a stop drawn on the map (not a place of the data).

A drawn stop becomes a road node of the scenario's network; the surface must place it where it was drawn
(it is in ``net.lonlat``, not in the data's places) instead of failing to find it among the places.
"""

from __future__ import annotations

import numpy as np

from wuzhen_geo.answers.isochrones import isochrone_polygons
from wuzhen_geo.answers.surfaces import travel_time_surface
from wuzhen_geo.cli import main
from wuzhen_geo.model import Point, build_network, load_scenario

DRAWN = (120.60, 30.60)  # between Wuzhen and Tongxiang, on no place of the mini data


def _drawn_stop_scenario(data):
    return load_scenario({
        "name": "drawn",
        "edits": [{"type": "add_link", "id": "rl_drawn", "mode": "rail", "class": "intercity",
                   "stops": [list(DRAWN), "stn_tongxiang"], "speed_kmh": 100, "headway_min": 20}],
    }, data)


def test_a_surface_of_a_scenario_with_a_drawn_stop_places_the_stop_where_it_was_drawn(mini_data):
    net = build_network(mini_data, _drawn_stop_scenario(mini_data))
    assert "rl_drawn__stop0" in {str(n) for n in net.road_nodes}
    cached = travel_time_surface(net, "stn_tongxiang", mode="car", cells=2_500)
    plain = travel_time_surface(net, "stn_tongxiang", mode="car", cells=2_500, cache=False)
    np.testing.assert_array_equal(cached.minutes, plain.minutes)
    assert "rl_drawn__stop0" in cached.node_times.index
    # The cell of the drawn stop is reached no later than the stop itself plus half a cell's walk.
    stop_minutes = float(cached.node_times["rl_drawn__stop0"])
    pt = travel_time_surface(net, Point(lon=DRAWN[0], lat=DRAWN[1]), mode="car", cells=2_500)
    assert np.nanmin(pt.minutes) < 5.0 and np.isfinite(stop_minutes)
    rings = isochrone_polygons(cached, (30, 60))
    assert len(rings) >= 1


def test_the_shipped_drawn_stop_scenario_draws_isochrones(capsys, shipped_dir):
    code = main(["--data", str(shipped_dir), "isochrone", "--from", "zone_hq",
                 "--scenario", "example-wuzhen-tongxiang-rail", "--cells", "2000", "--json"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "internal error" not in captured.err
