"""Benchmark the travel-time engine against plain NetworkX doing the same work.

Run ``python benchmarks/run.py`` (``--quick`` for a smaller synthetic graph). It measures, in one run:

* on the shipped network (``geodata/``; the ``tests/fixtures/mini`` folder if the shipped data do not load):
  airport times for all zones, a two-scenario comparison, a travel-time surface and a many-to-many matrix;
* on a reproducible synthetic road-like graph of about 100,000 nodes (seeded grid with arterials and
  expressways): one-to-all, a travel-time surface (one-to-all + grid lookup), a two-scenario comparison and
  a 50 x 5,000 matrix.

Every fast result is checked against NetworkX's answer before its time is reported. Results go to stdout and
to ``benchmarks/results.md`` (written atomically). Only measured numbers are written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd
import scipy

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from wuzhen_geo import routing  # noqa: E402
from wuzhen_geo.fastpath import FastPath  # noqa: E402
from wuzhen_geo.io import write_text_atomic  # noqa: E402
from wuzhen_geo.network import Network, build_network, layer1  # noqa: E402

ROWS: list[dict[str, Any]] = []
NOTES: list[str] = []


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """Median wall time (s) of ``repeat`` calls and the last result."""
    times, out = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), out


def record(network: str, task: str, fast_s: float, nx_s: float | None, fast_n: int, nx_n: int, note: str = "") -> None:
    row = {"network": network, "task": task, "fast_s": fast_s, "nx_s": nx_s, "ratio": (nx_s / fast_s) if nx_s else None,
           "fast_n": fast_n, "nx_n": nx_n, "note": note}
    ROWS.append(row)
    ratio = f"{row['ratio']:.1f}x" if row["ratio"] else "-"
    nx_txt = f"{nx_s * 1000:.1f} ms" if nx_s is not None else "-"
    print(f"{network:10} {task:44} fast {fast_s * 1000:9.2f} ms   networkx {nx_txt:>12}   {ratio:>8}  {note}", flush=True)


def same(a: np.ndarray, b: np.ndarray, what: str) -> None:
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    ok = np.array_equal(np.isfinite(a), np.isfinite(b)) and np.allclose(a[np.isfinite(a)], b[np.isfinite(b)],
                                                                       rtol=1e-9, atol=1e-9)
    if not ok:
        raise AssertionError(f"{what}: fast path and NetworkX disagree")


# ------------------------------------------------------------------------------------------- shipped


def load_shipped() -> tuple[Any, str]:
    from wuzhen_geo.io import load_geodata

    try:
        return load_geodata(), "shipped"
    except Exception as exc:  # report, then fall back so the run still measures something
        NOTES.append(f"shipped data did not validate ({type(exc).__name__}); measured without validation")
        try:
            return load_geodata(validate=False), "shipped*"
        except Exception as exc2:
            NOTES.append(f"shipped data did not load ({type(exc2).__name__}); used tests/fixtures/mini")
            return load_geodata(ROOT / "tests" / "fixtures" / "mini"), "mini"


def nx_times(net: Network, origin: str, mode: str, nodes: list[str]) -> np.ndarray:
    return routing._node_times_nx(net, routing._ends(net, origin, layer=0), mode, nodes)


def bench_shipped(repeat: int) -> None:
    from wuzhen_geo import analysis, isochrones
    from wuzhen_geo.scenarios import Scenario, shipped_scenarios

    data, label = load_shipped()
    t0 = time.perf_counter()
    net = build_network(data)
    build_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    net.fast()
    snap_s = time.perf_counter() - t0
    g = net.graph
    NOTES.append(f"{label}: {len(net.place_ids)} places, {g.number_of_nodes()} graph nodes, {g.number_of_edges()} "
                 f"edges; build {build_s * 1000:.0f} ms, CSR snapshot {snap_s * 1000:.1f} ms (once per scenario)")
    zones = [str(z) for z in data.zones.index]
    airports = [str(a) for a in data.places.index[data.places["kind"] == "airport"] if a in g]
    places = net.place_ids

    # airport times for all zones: the engine's matrix vs NetworkX one-to-all per zone and mode
    def fast_air() -> pd.DataFrame:
        return pd.concat([routing.travel_time_matrix(net, zones, airports, mode=m) for m in ("car", "rail")])

    def nx_air() -> np.ndarray:
        return np.concatenate([np.concatenate([nx_times(net, z, m, airports) for z in zones]) for m in ("car", "rail")])

    f_s, f_out = timed(fast_air, repeat)
    n_s, n_out = timed(nx_air, max(1, repeat // 2))
    same(f_out.minutes.to_numpy(), n_out, "airport times")
    record(label, f"airport times, {len(zones)} zones x {len(airports)} airports x car+rail", f_s, n_s, repeat,
           max(1, repeat // 2))
    if hasattr(analysis, "airport_times"):
        a_s, _ = timed(lambda: [analysis.airport_times(net, z) for z in zones], repeat)
        record(label, "analysis.airport_times for all zones (with legs)", a_s, None, repeat, 0,
               f"{a_s / max(len(zones), 1) * 1000:.1f} ms per zone")

    # two-scenario comparison: zones x all places, before and after
    scenarios = {}
    try:
        scenarios = shipped_scenarios(data)
    except Exception as exc:
        NOTES.append(f"shipped scenarios did not load ({type(exc).__name__}); compared with year 2040")
    after = scenarios.get("plan-full") or Scenario(name="y2040", year=2040)
    net_after = build_network(data, after)
    net_after.fast()
    common = [p for p in places if p in set(net_after.place_ids)]

    def fast_cmp() -> np.ndarray:  # inf - inf (unreachable in both) gives nan: compared as 0 below
        b = routing.travel_time_matrix(net, zones, common, mode="best").minutes.to_numpy()
        a = routing.travel_time_matrix(net_after, zones, common, mode="best").minutes.to_numpy()
        with np.errstate(invalid="ignore"):
            return a - b

    def nx_cmp() -> np.ndarray:
        b = np.concatenate([nx_times(net, z, "best", common) for z in zones])
        a = np.concatenate([nx_times(net_after, z, "best", common) for z in zones])
        with np.errstate(invalid="ignore"):
            return a - b

    f_s, f_out = timed(fast_cmp, repeat)
    n_s, n_out = timed(nx_cmp, max(1, repeat // 2))
    same(np.nan_to_num(f_out, nan=0, posinf=0, neginf=0), np.nan_to_num(n_out, nan=0, posinf=0, neginf=0), "compare")
    record(label, f"compare today vs {after.name}, {len(zones)} zones x {len(common)} places", f_s, n_s, repeat,
           max(1, repeat // 2))
    if hasattr(analysis, "compare"):
        a_s, _ = timed(lambda: analysis.compare(net, net_after), max(1, repeat // 2))
        record(label, f"analysis.compare today vs {after.name} (default pairs)", a_s, None, max(1, repeat // 2), 0)

    # surface: one-to-all + grid lookup
    origin = zones[0] if zones else places[0]
    road_ids = isochrones.road_node_ids(net)
    node_xy = isochrones._metric_xy(data.places.loc[road_ids], isochrones.METRIC_CRS)
    all_xy = isochrones._metric_xy(data.places, isochrones.METRIC_CRS).to_numpy()
    lo, hi = all_xy.min(axis=0) - 5000, all_xy.max(axis=0) + 5000
    bounds = (lo[0], lo[1], hi[0], hi[1])
    cfg = net.config

    def surface(engine: str) -> Any:
        times = routing.one_to_all(net, origin, mode="best", engine=engine)
        return isochrones.surface_from_node_times(times, node_xy, bounds=bounds, cells=40_000, k=cfg.access_k,
                                                  access_kmh=cfg.access_speed_kmh,
                                                  detour_factor=cfg.access_detour_factor)

    f_s, f_out = timed(lambda: surface("fast"), repeat)
    n_s, n_out = timed(lambda: surface("networkx"), max(1, repeat // 2))
    same(np.nan_to_num(f_out.minutes, nan=-1), np.nan_to_num(n_out.minutes, nan=-1), "surface")
    record(label, f"surface from {origin}, {f_out.minutes.size} cells", f_s, n_s, repeat, max(1, repeat // 2))

    # matrix: up to 50 origins x every place
    origins = places[:: max(1, len(places) // 50)][:50]
    f_s, f_out = timed(lambda: routing.travel_time_matrix(net, origins, places, mode="best"), repeat)
    n_s, n_out = timed(lambda: np.concatenate([nx_times(net, o, "best", places) for o in origins]), 1)
    same(f_out.minutes.to_numpy(), n_out, "matrix")
    record(label, f"matrix {len(origins)} x {len(places)} (best)", f_s, n_s, repeat, 1)


# ----------------------------------------------------------------------------------------- synthetic


def synthetic_graph(side: int, seed: int = 20261122) -> nx.DiGraph:
    """A seeded road-like grid: 300 m blocks with jitter, 15% of streets missing, arterials every 10th line
    (50 km/h), expressways every 50th (100 km/h), local streets 30 km/h; both directions."""
    rng = np.random.default_rng(seed)
    n = side * side
    ii, jj = np.divmod(np.arange(n), side)
    x = jj * 300.0 + rng.uniform(-100, 100, n)
    y = ii * 300.0 + rng.uniform(-100, 100, n)
    edges = []
    for di, dj in ((0, 1), (1, 0)):
        a = np.arange(n)[(ii + di < side) & (jj + dj < side)]
        b = a + di * side + dj
        line = ii[a] if di == 0 else jj[a]  # the row (horizontal) or column (vertical) the street runs along
        speed = np.where(line % 50 == 0, 100.0, np.where(line % 10 == 0, 50.0, 30.0))
        keep = (speed > 30) | (rng.random(len(a)) > 0.15)
        a, b, speed = a[keep], b[keep], speed[keep]
        minutes = np.hypot(x[a] - x[b], y[a] - y[b]) / 1000.0 / speed * 60.0
        edges.append((a, b, minutes))
    g = nx.DiGraph()
    g.add_nodes_from((int(k), {"x": float(x[k]), "y": float(y[k])}) for k in range(n))
    for a, b, m in edges:
        for u, v, w in zip(a.tolist(), b.tolist(), m.tolist()):
            g.add_edge(u, v, minutes=w, car=True)
            g.add_edge(v, u, minutes=w, car=True)
    return g


def bench_synthetic(side: int, repeat: int) -> None:
    from wuzhen_geo import isochrones

    t0 = time.perf_counter()
    g = synthetic_graph(side)
    gen_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    fp = FastPath.from_graph(g)
    snap_s = time.perf_counter() - t0
    label = f"synth{g.number_of_nodes() // 1000}k"
    NOTES.append(f"{label}: {g.number_of_nodes()} nodes, {g.number_of_edges()} directed edges (seeded grid); "
                 f"generation {gen_s:.1f} s, CSR snapshot with Morton order {snap_s:.2f} s (once per scenario)")
    rng = np.random.default_rng(7)
    nodes = np.array(list(g.nodes))
    xy = pd.DataFrame({"x": [g.nodes[k]["x"] for k in nodes], "y": [g.nodes[k]["y"] for k in nodes]}, index=nodes)

    def nx_row(graph: nx.DiGraph, s: int, cols: np.ndarray) -> np.ndarray:
        d = nx.single_source_dijkstra_path_length(graph, int(s), weight="minutes")
        return np.array([d.get(int(c), math.inf) for c in cols])

    def fast_row(snap: FastPath, s: int) -> np.ndarray:
        return snap.distances([int(s)], car=True)[0]

    # one-to-all
    srcs = rng.choice(nodes, size=repeat, replace=False)
    cols = fp.rows(nodes.tolist())
    f_times = []
    for s in srcs:
        t0 = time.perf_counter()
        row = fast_row(fp, s)[cols]
        f_times.append(time.perf_counter() - t0)
    n_times = []
    for s in srcs[: max(1, repeat // 2)]:
        t0 = time.perf_counter()
        ref = nx_row(g, s, nodes)
        n_times.append(time.perf_counter() - t0)
        same(fast_row(fp, s)[cols], ref, "synthetic one-to-all")
    record(label, "one-to-all", statistics.median(f_times), statistics.median(n_times), len(f_times), len(n_times))

    # surface: one-to-all + grid lookup (40,000+ cells)
    s0 = int(srcs[0])

    def surface(times: np.ndarray) -> Any:
        return isochrones.surface_from_node_times(pd.Series(times, index=nodes), xy, cells=40_000, k=4,
                                                  access_kmh=25.0, detour_factor=1.3)

    f_s, f_out = timed(lambda: surface(fast_row(fp, s0)[cols]), repeat)
    n_s, n_out = timed(lambda: surface(nx_row(g, s0, nodes)), 1)
    same(np.nan_to_num(f_out.minutes, nan=-1), np.nan_to_num(n_out.minutes, nan=-1), "synthetic surface")
    record(label, f"surface ({f_out.minutes.size} cells)", f_s, n_s, repeat, 1)

    # the same surface with the cell -> k nearest nodes lookup prepared once per network (it does not depend
    # on the origin); per origin only one-to-all and a vectorised min remain. Unlike isochrones (k nearest
    # *reachable* nodes) it takes the k nearest nodes, reachable or not.
    from scipy.spatial import cKDTree

    xs = np.linspace(xy.x.min(), xy.x.max(), 201)
    ys = np.linspace(xy.y.min(), xy.y.max(), 201)
    gx, gy = np.meshgrid(xs, ys)
    t0 = time.perf_counter()
    dist, idx = cKDTree(xy.to_numpy()).query(np.column_stack([gx.ravel(), gy.ravel()]), k=4)
    access = dist * 1.3 / (25.0 * 1000.0 / 60.0)
    NOTES.append(f"{label}: cell lookup for {gx.size} cells prepared once in {(time.perf_counter() - t0) * 1000:.0f} ms")

    def cached_surface(times: np.ndarray) -> np.ndarray:
        return (times[idx] + access).min(axis=1)

    f_s, f_out = timed(lambda: cached_surface(fast_row(fp, s0)[cols]), repeat)
    n_s, n_out = timed(lambda: cached_surface(nx_row(g, s0, nodes)), 1)
    same(f_out, n_out, "synthetic cached surface")
    record(label, f"surface, cached cell lookup ({gx.size} cells)", f_s, n_s, repeat, 1)

    # 50 x 5,000 matrix
    origins = rng.choice(nodes, size=min(50, len(nodes)), replace=False)
    dests = rng.choice(nodes, size=min(5000, len(nodes)), replace=False)
    dcols = fp.rows(dests.tolist())
    f_s, f_out = timed(lambda: fp.distances(origins.tolist(), car=True)[:, dcols], max(1, repeat // 2))
    n_s, n_out = timed(lambda: np.vstack([nx_row(g, o, dests) for o in origins]), 1)
    same(f_out, n_out, "synthetic matrix")
    record(label, f"matrix {len(origins)} x {len(dests):,}", f_s, n_s, max(1, repeat // 2), 1)

    # two-scenario comparison: a scenario slows one district by half and adds a fast diagonal link
    g2 = g.copy()
    cx, cy = xy.x.median(), xy.y.median()
    for u, v, d in g2.edges(data=True):
        if abs(g2.nodes[u]["x"] - cx) < 10_000 and abs(g2.nodes[u]["y"] - cy) < 10_000:
            d["minutes"] = d["minutes"] * 1.5
    a, b = int(nodes[0]), int(nodes[-1])
    g2.add_edge(a, b, minutes=30.0, car=True)
    g2.add_edge(b, a, minutes=30.0, car=True)
    t0 = time.perf_counter()
    fp2 = FastPath.from_graph(g2)
    NOTES.append(f"{label}: second scenario snapshot {time.perf_counter() - t0:.2f} s (once)")
    corigins = origins[:10]
    cols2 = fp2.rows(dests.tolist())
    with np.errstate(invalid="ignore"):  # unreachable in both: inf - inf
        f_s, f_out = timed(lambda: fp2.distances(corigins.tolist(), car=True)[:, cols2]
                           - fp.distances(corigins.tolist(), car=True)[:, dcols], max(1, repeat // 2))
        n_s, n_out = timed(lambda: np.vstack([nx_row(g2, o, dests) - nx_row(g, o, dests) for o in corigins]), 1)
    same(np.nan_to_num(f_out, nan=0), np.nan_to_num(n_out, nan=0), "synthetic compare")
    record(label, f"compare two scenarios, {len(corigins)} x {len(dests):,}", f_s, n_s, max(1, repeat // 2), 1)


# ---------------------------------------------------------------------------------------------- main


def machine() -> str:
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"{cpu}; {os.cpu_count()} logical CPUs (shared); {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()}; NumPy {np.__version__}; SciPy {scipy.__version__}; "
            f"NetworkX {nx.__version__}")


def write_results(path: Path, started: str, args: argparse.Namespace) -> None:
    lines = [
        "# Benchmarks: fast path vs plain NetworkX",
        "",
        f"Measured {started} with `python benchmarks/run.py{' --quick' if args.quick else ''}` on: {machine()}.",
        "",
        "Times are medians of `n` runs (wall clock); `ratio` = NetworkX / fast. Every fast answer was checked",
        "equal to NetworkX's before its time was recorded. The CSR snapshot is built once per scenario and cached",
        "on the network; its build time is listed under notes, not inside the task times.",
        "",
        "The `surface` rows call `isochrones.surface_from_node_times`, which builds a KD-tree of the reachable",
        "nodes on every call; that grid lookup costs the same on both sides, so their ratio is low. The",
        "`cached cell lookup` row prepares the cell -> nearest-nodes lookup once per network (it does not depend",
        "on the origin), leaving one-to-all plus a vectorised minimum per origin.",
        "",
        "| network | task | fast (ms) | n | NetworkX (ms) | n | ratio | note |",
        "|---|---|---:|---:|---:|---:|---:|---|",
    ]
    for r in ROWS:
        nx_txt = f"{r['nx_s'] * 1000:.1f}" if r["nx_s"] is not None else "-"
        ratio = f"{r['ratio']:.1f}x" if r["ratio"] else "-"
        lines.append(f"| {r['network']} | {r['task']} | {r['fast_s'] * 1000:.2f} | {r['fast_n']} | {nx_txt} | "
                     f"{r['nx_n'] or '-'} | {ratio} | {r['note']} |")
    lines += ["", "Notes:", ""] + [f"- {n}" for n in NOTES] + [""]
    write_text_atomic(path, "\n".join(lines))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small synthetic graph (smoke test)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("results.md"))
    parser.add_argument("--skip-shipped", action="store_true")
    args = parser.parse_args(argv)
    started = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    print(machine(), flush=True)
    load_before = os.getloadavg()
    if not args.skip_shipped:
        bench_shipped(args.repeat)
    bench_synthetic(40 if args.quick else 317, args.repeat)
    load_after = os.getloadavg()
    NOTES.append(f"1-minute load average {load_before[0]:.2f} before and {load_after[0]:.2f} after the run "
                 f"(the CPUs are shared; ratios vary with other work)")
    for n in NOTES:
        print("note:", n)
    write_results(args.out, started, args)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
