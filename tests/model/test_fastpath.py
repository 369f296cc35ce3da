"""The CSR fast path gives NetworkX's answers: random graphs (hypothesis), Morton order, offsets."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wuzhen_geo.model._fastpath import FastPath, morton_order


@st.composite
def graphs(draw):
    n = draw(st.integers(1, 25))
    g = nx.DiGraph()
    for i in range(n):
        g.add_node(i, x=draw(st.floats(0, 1000)), y=draw(st.floats(0, 1000)))
    edges = draw(st.lists(
        st.tuples(st.integers(0, n - 1), st.integers(0, n - 1),
                  st.one_of(st.just(0.0), st.floats(0, 100)), st.booleans()),
        max_size=80,
    ))
    for u, v, w, car in edges:
        if u != v:
            g.add_edge(u, v, minutes=w, car=car)
    return g


def _reference(g, source, car):
    weight = (lambda u, v, d: d["minutes"] if d["car"] else None) if car else "minutes"
    return nx.single_source_dijkstra_path_length(g, source, weight=weight)


@settings(max_examples=150, deadline=None)
@given(g=graphs(), car=st.booleans(), data=st.data())
def test_fast_path_equals_networkx_on_random_graphs(g, car, data):
    fp = FastPath.from_graph(g)
    source = data.draw(st.sampled_from(sorted(g.nodes)))
    fast = fp.distances([source], car=car)[0]
    ref = _reference(g, source, car)
    for node in g.nodes:
        got = fast[fp.index[node]]
        if node in ref:
            assert got == pytest.approx(ref[node], abs=1e-9)
        else:
            assert got == math.inf


@settings(max_examples=50, deadline=None)
@given(g=graphs(), data=st.data())
def test_offsets_are_the_min_over_sources(g, data):
    fp = FastPath.from_graph(g)
    nodes = sorted(g.nodes)
    sources = data.draw(st.lists(st.tuples(st.sampled_from(nodes), st.floats(0, 50)), min_size=1, max_size=4))
    got = fp.from_sources(sources)
    for node in nodes:
        expected = min(
            (off + _reference(g, s, False).get(node, math.inf) for s, off in sources), default=math.inf
        )
        assert got[fp.index[node]] == pytest.approx(expected, abs=1e-9)


def test_zero_minute_edges_are_edges():
    g = nx.DiGraph()
    g.add_node("a", x=0, y=0)
    g.add_node("b", x=1, y=0)
    g.add_node("c", x=2, y=0)
    g.add_edge("a", "b", minutes=0.0, car=True)
    g.add_edge("b", "c", minutes=3.0, car=False)
    fp = FastPath.from_graph(g)
    d = fp.distances(["a"])[0]
    assert d[fp.index["b"]] == 0.0 and d[fp.index["c"]] == 3.0
    d_car = fp.distances(["a"], car=True)[0]
    assert d_car[fp.index["b"]] == 0.0 and d_car[fp.index["c"]] == math.inf


def test_morton_order_follows_the_z_curve():
    # a 4 x 4 grid: the Z-order visits the four 2 x 2 quadrants one after the other
    xs, ys = np.meshgrid(np.arange(4.0), np.arange(4.0))
    order = morton_order(xs.ravel(), ys.ravel())
    visited = list(zip(xs.ravel()[order], ys.ravel()[order]))
    assert visited[:4] == [(0, 0), (1, 0), (0, 1), (1, 1)]
    quadrants = [(int(x) // 2, int(y) // 2) for x, y in visited]
    assert [len(set(quadrants[i : i + 4])) for i in range(0, 16, 4)] == [1, 1, 1, 1]
    assert sorted(order) == list(range(16))


def test_network_caches_one_snapshot(mini_data):
    from wuzhen_geo.model.network import build_network

    net = build_network(mini_data)  # a new network: its first snapshot is made here
    assert net.fast() is net.fast()
    assert net.fast().all.shape == (net.graph.number_of_nodes(),) * 2


def test_benchmark_smoke(tmp_path, repo_root):
    """The benchmark script runs end to end on a tiny synthetic graph and writes its table."""
    import importlib.util

    path = repo_root / "benchmarks" / "run.py"
    spec = importlib.util.spec_from_file_location("bench_run", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = tmp_path / "results.md"
    assert module.main(["--quick", "--skip-shipped", "--repeat", "1", "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "| synth1k | one-to-all |" in text and "matrix 50 x 1,600" in text
