"""The contraction hierarchy gives Dijkstra's travel times: random graphs (hypothesis), witness searches cut
short, start offsets, a grid, the engine's own network, and the policy that decides when to build one."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra

from wuzhen_geo.model import _fastpath as fastpath
from wuzhen_geo.model._fastpath import FastPath
from wuzhen_geo.model._hierarchy import ContractionHierarchy
from wuzhen_geo.model.network import build_network
from wuzhen_geo.model import one_to_all, travel_time_matrix


def _same(got: np.ndarray, ref: np.ndarray) -> None:
    """Equal reachability, and equal minutes up to rounding (the hierarchy adds in another order)."""
    assert np.array_equal(np.isinf(got), np.isinf(ref))
    finite = np.isfinite(ref)
    np.testing.assert_allclose(got[finite], ref[finite], rtol=1e-12, atol=1e-9)


@st.composite
def digraphs(draw):
    """One-way and two-way arcs, zero and repeated minutes, self-loops, unreachable parts."""
    n = draw(st.integers(1, 30))
    arcs = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1),
                                   st.one_of(st.just(0.0), st.sampled_from([1.0, 2.0, 3.0]), st.floats(0, 60))),
                         max_size=120))
    best: dict[tuple[int, int], float] = {}
    for u, v, w in arcs:  # a matrix holds one arc per pair: keep the shortest
        best[(u, v)] = min(w, best.get((u, v), math.inf))
    rows = np.array([u for u, _ in best], dtype=np.int64)
    cols = np.array([v for _, v in best], dtype=np.int64)
    minutes = np.array(list(best.values()), dtype=float)
    matrix = csr_matrix((minutes, (rows, cols)), shape=(n, n))
    matrix.sort_indices()
    return matrix


@settings(max_examples=200, deadline=None)
@given(matrix=digraphs(), limits=st.sampled_from([(1, 1), (2, 1), (3, 2), (100, 5)]))
def test_hierarchy_equals_dijkstra_from_every_source(matrix, limits):
    ch = ContractionHierarchy.from_csr(matrix, settle_limit=limits[0], priority_settle_limit=limits[1])
    n = matrix.shape[0]
    ref = dijkstra(matrix, directed=True, indices=np.arange(n))
    _same(ch.distances(list(range(n))), np.atleast_2d(ref))


@settings(max_examples=100, deadline=None)
@given(matrix=digraphs(), data=st.data())
def test_one_search_from_many_sources_is_the_min_over_their_offsets(matrix, data):
    n = matrix.shape[0]
    sources = data.draw(st.lists(st.integers(0, n - 1), min_size=1, max_size=4))
    offsets = data.draw(st.lists(st.floats(0, 50), min_size=len(sources), max_size=len(sources)))
    ch = ContractionHierarchy.from_csr(matrix, settle_limit=2, priority_settle_limit=1)
    ref = (np.atleast_2d(dijkstra(matrix, directed=True, indices=sources)) + np.array(offsets)[:, None]).min(axis=0)
    _same(ch.from_sources(sources, offsets), ref)


def test_hand_computed_one_way_triangle():
    # a -> b 1, b -> c 1, a -> c 5, c -> a 1: the detour via b wins; c reaches b only through a
    matrix = csr_matrix(([1.0, 5.0, 1.0, 1.0], ([0, 0, 1, 2], [1, 2, 2, 0])), shape=(3, 3))
    ch = ContractionHierarchy.from_csr(matrix)
    assert ch.distances([0, 2]).tolist() == [[0.0, 1.0, 2.0], [1.0, 2.0, 0.0]]
    assert ch.from_sources([1], [10.0]).tolist() == [12.0, 10.0, 11.0]
    assert ch.from_sources([], []).tolist() == [math.inf] * 3


def test_grid_with_fast_lines_equals_networkx():
    """A 40 x 40 street grid with faster lines every 10th row and column, jittered, some streets missing."""
    rng = np.random.default_rng(5)
    side = 40
    g = nx.DiGraph()
    for i in range(side):
        for j in range(side):
            g.add_node((i, j), x=j * 300 + rng.uniform(-90, 90), y=i * 300 + rng.uniform(-90, 90))
    for i in range(side):
        for j in range(side):
            for di, dj in ((0, 1), (1, 0)):
                a, b = (i, j), (i + di, j + dj)
                if b not in g or rng.random() < 0.15:
                    continue
                kmh = 80.0 if (i if di == 0 else j) % 10 == 0 else 30.0
                km = math.dist((g.nodes[a]["x"], g.nodes[a]["y"]), (g.nodes[b]["x"], g.nodes[b]["y"])) / 1000
                g.add_edge(a, b, minutes=km / kmh * 60, car=True)
                g.add_edge(b, a, minutes=km / kmh * 60 * (1.0 if rng.random() < 0.9 else 1.5), car=True)
    fp = FastPath.from_graph(g, hierarchy="always")
    sources = [(0, 0), (20, 20), (39, 5), (7, 33)]
    got = fp.distances(sources, car=True)
    for row, s in zip(got, sources):
        ref = nx.single_source_dijkstra_path_length(g, s, weight="minutes")
        expected = np.array([ref.get(node, math.inf) for node in fp.nodes])
        _same(row, expected)
    assert fp.built_hierarchy(car=True) is not None and fp.built_hierarchy(car=False) is None
    limited = fp.distances([(20, 20)], car=True, limit=10.0)[0]
    _same(limited, np.where(got[1] > 10.0, np.inf, got[1]))


def test_bad_graphs_are_refused():
    with pytest.raises(ValueError, match="non-negative"):
        ContractionHierarchy.from_csr(csr_matrix(([-1.0], ([0], [1])), shape=(2, 2)))
    with pytest.raises(ValueError, match="square"):
        ContractionHierarchy.from_csr(csr_matrix((2, 3)))
    with pytest.raises(ValueError, match="hierarchy must be"):
        FastPath.from_graph(nx.DiGraph(), hierarchy="sometimes")


def _line(n: int) -> nx.DiGraph:
    g = nx.DiGraph()
    for i in range(n):
        g.add_node(i, x=float(i), y=0.0)
    for i in range(n - 1):
        g.add_edge(i, i + 1, minutes=1.0, car=True)
        g.add_edge(i + 1, i, minutes=1.0, car=True)
    return g


def test_auto_policy_rents_dijkstra_until_a_hierarchy_would_have_paid(monkeypatch):
    monkeypatch.setattr(fastpath, "HIERARCHY_MIN_NODES", 10)
    monkeypatch.setattr(fastpath, "HIERARCHY_AFTER_SEARCHES", 5)
    fp = FastPath.from_graph(_line(12))
    fp.distances([0, 1], car=True)
    fp.from_sources([(3, 0.0), (4, 1.0)], car=True)
    assert fp.built_hierarchy(car=True) is None  # 4 searches so far
    assert fp.distances([5], car=True)[0][fp.index[0]] == 5.0  # the 5th search buys it
    assert fp.built_hierarchy(car=True) is not None and fp.built_hierarchy(car=False) is None

    small = FastPath.from_graph(_line(9))  # under the minimum size: never
    small.distances(list(range(9)) * 3)
    assert small.built_hierarchy() is None
    never = FastPath.from_graph(_line(12), hierarchy="never")
    never.distances(list(range(12)) * 3)
    assert never.built_hierarchy() is None


def test_engine_answers_through_the_hierarchy_equal_networkx_on_the_shipped_network(monkeypatch, shipped_data):
    """Every search of the engine goes through a hierarchy (forced on this small network): its matrices and
    one-to-all times, with the offsets of a zone's several access nodes, equal NetworkX's."""
    monkeypatch.setattr(fastpath, "HIERARCHY_MIN_NODES", 0)
    monkeypatch.setattr(fastpath, "HIERARCHY_AFTER_SEARCHES", 1)
    data = shipped_data
    net = build_network(data)  # a new network, whose fast path is made with the thresholds set above
    zones = [str(z) for z in data.zones.index]
    for mode in ("car", "rail", "best"):
        matrix = travel_time_matrix(net, zones, net.place_ids, mode=mode)
        for zone in zones:
            ref = one_to_all(net, zone, mode=mode, engine="networkx")
            fast = one_to_all(net, zone, mode=mode)
            _same(fast.to_numpy(), ref.to_numpy())
            row = matrix[matrix.from_id == zone].set_index("to_id").minutes.reindex(ref.index)
            _same(row.to_numpy(), ref.to_numpy())
    assert net.fast().built_hierarchy(car=True) is not None and net.fast().built_hierarchy(car=False) is not None
