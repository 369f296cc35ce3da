"""The cell -> nearest-nodes lookup prepared once gives exactly the surface computed from scratch."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wuzhen_geo.answers._cell_lookup import CellLookup
from wuzhen_geo.answers.surfaces import surface_from_node_times, travel_time_surface

BOUNDS = (-20_000.0, -20_000.0, 20_000.0, 20_000.0)

# Node times: finite, unreachable (inf), unknown (nan) or missing from the series altogether.
_time = st.one_of(st.floats(0, 200), st.just(np.inf), st.just(np.nan), st.none())
# Few distinct coordinates so that hypothesis produces shared positions and distance ties.
_coord = st.one_of(st.sampled_from([-5_000.0, 0.0, 5_000.0]), st.floats(-25_000, 25_000))


@settings(max_examples=120, deadline=None)
@given(
    nodes=st.lists(st.tuples(_coord, _coord, _time), min_size=1, max_size=15),
    k=st.integers(1, 5),
    cells=st.integers(1, 900),
    detour=st.floats(1.0, 2.0),
    speed=st.floats(5.0, 60.0),
)
def test_lookup_equals_the_surface_computed_from_scratch(nodes, k, cells, detour, speed):
    ids = [f"n{i}" for i in range(len(nodes))]
    xy = pd.DataFrame([(x, y) for x, y, _ in nodes], columns=["x", "y"], index=ids)
    times = pd.Series({i: t for i, (_, _, t) in zip(ids, nodes) if t is not None}, dtype=float)
    plain = surface_from_node_times(times, xy, bounds=BOUNDS, cells=cells, k=k, access_kmh=speed,
                                    detour_factor=detour)
    lookup = CellLookup.build(xy, bounds=BOUNDS, cells=cells, k=k)
    np.testing.assert_array_equal(lookup.x, plain.x)
    np.testing.assert_array_equal(lookup.y, plain.y)
    # identical numbers, not merely close: same nodes, same KD-tree distances, same arithmetic
    np.testing.assert_array_equal(lookup.minutes(times, access_kmh=speed, detour_factor=detour), plain.minutes)


def test_a_lookup_is_reused_for_every_origin_and_unaffected_by_times():
    xy = pd.DataFrame({"x": [0.0, 1_000.0, 2_000.0, 3_000.0], "y": [0.0, 0.0, 500.0, 0.0]}, index=list("abcd"))
    lookup = CellLookup.build(xy, bounds=(-500, -500, 3_500, 1_000), cells=400, k=2)
    before = (lookup.dist.copy(), lookup.idx.copy())
    for times in ({"a": 0.0, "b": 5.0, "c": np.inf, "d": 9.0}, {"a": np.inf, "b": np.inf, "c": 0.0, "d": 1.0}):
        got = lookup.minutes(times, access_kmh=30.0, detour_factor=1.2)
        ref = surface_from_node_times(times, xy, bounds=(-500, -500, 3_500, 1_000), cells=400, k=2,
                                      access_kmh=30.0, detour_factor=1.2).minutes
        np.testing.assert_array_equal(got, ref)
    np.testing.assert_array_equal(lookup.dist, before[0])
    np.testing.assert_array_equal(lookup.idx, before[1])
    with pytest.raises(ValueError):
        lookup.dist[0, 0] = 1.0  # read-only: shared between threads


def test_nothing_reachable_gives_nan_everywhere():
    xy = pd.DataFrame({"x": [0.0], "y": [0.0]}, index=["a"])
    lookup = CellLookup.build(xy, bounds=(-1, -1, 1, 1), cells=4, k=3)
    assert np.isnan(lookup.minutes({"a": np.inf}, access_kmh=5, detour_factor=1)).all()
    with pytest.raises(ValueError, match="must both be positive"):
        lookup.minutes({"a": 0.0}, access_kmh=0, detour_factor=1)


# --- on a network ------------------------------------------------------------------------------------------


def _origins(net):
    from wuzhen_geo.model import Point

    town = net.data.places.loc["city_wuzhen"].geometry
    return ["city_wuzhen", str(net.data.zones.index[0]), Point(town.x + 0.01, town.y + 0.01)]


@pytest.mark.parametrize("mode", ["car", "rail", "best"])
def test_network_surface_is_the_same_with_and_without_the_cache(mini_net, mode):
    for origin in _origins(mini_net):
        cached = travel_time_surface(mini_net, origin, mode=mode, cells=5_000)
        plain = travel_time_surface(mini_net, origin, mode=mode, cells=5_000, cache=False)
        np.testing.assert_array_equal(cached.x, plain.x)
        np.testing.assert_array_equal(cached.y, plain.y)
        np.testing.assert_array_equal(cached.minutes, plain.minutes)
        pd.testing.assert_series_equal(cached.node_times, plain.node_times)


def test_network_keeps_one_lookup_per_grid_in_its_own_cache(mini_net):
    from wuzhen_geo.answers import _cell_lookup as cell_lookup
    from wuzhen_geo.model.network import build_network

    net = build_network(mini_net.data)
    net.fast()  # the lookups join the fast path in the network's cache; no attribute is added or replaced
    fields = dict(vars(net))
    travel_time_surface(net, "city_wuzhen", mode="car", cells=3_000)
    entries = cell_lookup.network_grids(net).lookups
    grids = list(entries)
    assert len(grids) == 1
    first = entries[grids[0]]
    travel_time_surface(net, "city_tongxiang", mode="best", cells=3_000)
    assert entries[grids[0]] is first  # the second origin reused it
    travel_time_surface(net, "city_wuzhen", mode="car", cells=4_000)
    assert len(entries) == 2  # another grid, another lookup
    assert vars(net).keys() == fields.keys() and all(vars(net)[k] is v for k, v in fields.items())


def test_concurrent_surfaces_on_a_fresh_network_agree(mini_net):
    from wuzhen_geo.model.network import build_network

    net = build_network(mini_net.data)
    expected = travel_time_surface(mini_net, "city_wuzhen", mode="best", cells=3_000, cache=False).minutes
    barrier = threading.Barrier(4)

    def one(_: int) -> np.ndarray:
        barrier.wait()  # all four start together, on an empty cache
        return travel_time_surface(net, "city_wuzhen", mode="best", cells=3_000).minutes

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(one, range(4)))
    for got in results:
        np.testing.assert_array_equal(got, expected)
