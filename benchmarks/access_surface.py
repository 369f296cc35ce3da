"""Benchmark the people-within-reach answers against plain NetworkX doing the same work, in the same run.

Run ``python benchmarks/access_surface.py`` (``--cells N`` for the grid, ``--sample N`` for the NetworkX
subsample). On the shipped data (today's network) it measures:

* one origin's answer (:func:`wuzhen_geo.answers.access.reach`, people and GDP within 60 min from Tongxiang
  city centre), cold (grid and unit cells prepared on first use) and warm;
* the access-from-everywhere surface (:func:`~wuzhen_geo.answers.access.access_everywhere`): people within
  60 min from every one of at least 40,000 cells, through one batched fast-path run and the compiled kernel
  (the first run includes the kernel's compilation when numba's cache is cold);
* the same work done plainly on a random subsample of those cells: for each cell, NetworkX's Dijkstra from
  the cell (as a point origin) to every node (``engine="networkx"``), the grid step, and the people counted;
  and the same per-cell loop with the fast path. Every subsample cell's people are checked equal to the
  surface's before any time is written.

``ratio`` = seconds per origin cell of the plain loop / seconds per origin cell of the surface. Results go to
stdout and to ``benchmarks/access_surface_results.md`` (written atomically). Only measured numbers are written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import sys
import time
from pathlib import Path

import geopandas as gpd
import networkx as nx
import numba
import numpy as np
import shapely

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from wuzhen_geo.answers._unit_grid import unit_grid, units_bounds  # noqa: E402
from wuzhen_geo.answers.access import access_everywhere, reach, reach_from_minutes  # noqa: E402
from wuzhen_geo.answers.surfaces import travel_time_surface  # noqa: E402
from wuzhen_geo.data import load_geodata, write_text_atomic  # noqa: E402
from wuzhen_geo.model import Point, build_network, with_year  # noqa: E402
from wuzhen_geo.vocabulary import CRS, METRIC_CRS  # noqa: E402

OUT = ROOT / "benchmarks" / "access_surface_results.md"


def _timed(fn, n: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(n):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def _cell_points(x: np.ndarray, y: np.ndarray, cells: np.ndarray) -> list[Point]:
    i, j = np.divmod(cells, len(x))
    pts = gpd.GeoSeries(shapely.points(x[j], y[i]), crs=METRIC_CRS).to_crs(CRS)
    return [Point(float(p.x), float(p.y)) for p in pts]


def _per_cell(net, units, points, engine: str, cells: int, budget: float) -> np.ndarray:
    """People within ``budget`` from each point, one origin at a time (the plain loop)."""
    bounds = units_bounds(units)
    out = []
    for pt in points:
        surface = travel_time_surface(net, pt, mode="best", cells=cells, bounds=bounds, engine=engine)
        grid = unit_grid(net, units, surface.x, surface.y)
        out.append(reach_from_minutes(surface.minutes, grid, units, [budget])["people"].iloc[0])
    return np.array(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cells", type=int, default=40_000)
    ap.add_argument("--sample", type=int, default=30)
    ap.add_argument("--budget", type=float, default=60.0)
    args = ap.parse_args()
    data = load_geodata()
    net = build_network(data)
    units = data.units
    rows = []

    cold, _ = _timed(lambda: reach(net, "city_tongxiang", budgets=[args.budget]), 1)
    warm, one = _timed(lambda: reach(net, "city_tongxiang", budgets=[args.budget]), 20)
    rows.append(("one origin (Tongxiang city centre), people + GDP within 60 min, first call", cold * 1e3, 1, ""))
    rows.append(("one origin, later calls (grid and unit cells kept with the network)", warm * 1e3, 20,
                 f"{one['people'].iloc[0]:,.0f} people"))
    # a planner's edit makes a new network in a running server: its first answer, with the process warm
    fresh = []
    for year in range(2027, 2032):
        other = build_network(data, with_year(None, year))
        fresh.append(_timed(lambda: reach(other, "city_tongxiang", budgets=[args.budget]), 1)[0])
    rows.append(("one origin, first call on a new network (years 2027-2031) in a running process",
                 float(np.median(fresh)) * 1e3, len(fresh), ""))

    first, surface = _timed(lambda: access_everywhere(net, budget=args.budget, cells=args.cells), 1)
    again, surface = _timed(lambda: access_everywhere(net, budget=args.budget, cells=args.cells), 2)
    n = surface.n_cells
    rows.append((f"everywhere surface, {n:,} origin cells, first run (kernel compiled if numba's cache is cold)",
                 first * 1e3, 1, ""))
    rows.append((f"everywhere surface, {n:,} origin cells", again * 1e3, 2,
                 f"{again / n * 1e6:.0f} µs per origin cell"))

    rng = np.random.default_rng(11)
    sample = rng.choice(n, size=min(args.sample, n), replace=False)
    points = _cell_points(surface.x, surface.y, sample)
    fast_t, fast_people = _timed(lambda: _per_cell(net, units, points, "fast", args.cells, args.budget), 1)
    nx_t, nx_people = _timed(lambda: _per_cell(net, units, points, "networkx", args.cells, args.budget), 1)
    expected = surface.people.ravel()[sample]
    if not (np.allclose(nx_people, expected, rtol=1e-9, atol=1e-6) and np.allclose(fast_people, expected,
                                                                                 rtol=1e-9, atol=1e-6)):
        bad = int(np.sum(~np.isclose(nx_people, expected, rtol=1e-9, atol=1e-6)))
        raise SystemExit(f"{bad} of {len(sample)} subsample cells differ from the surface; nothing written")
    per_surface = again / n
    per_nx = nx_t / len(sample)
    per_fast = fast_t / len(sample)
    rows.append((f"plain NetworkX, one origin cell at a time ({len(sample)} random cells of the same grid)",
                 per_nx * 1e3, len(sample), f"ratio {per_nx / per_surface:,.0f}x against the surface per cell; "
                 f"{per_nx * n / 60:,.1f} min for all {n:,} cells"))
    rows.append((f"fast path, one origin cell at a time (same {len(sample)} cells)", per_fast * 1e3, len(sample),
                 f"ratio {per_fast / per_surface:,.0f}x against the surface per cell"))

    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    try:
        load = "load average {:.1f}, {:.1f}, {:.1f}".format(*os.getloadavg())
    except OSError:
        load = "load average unknown"
    lines = [
        "# Benchmark: people within reach (the 1-hour circle in people)", "",
        f"Measured {stamp} with `python benchmarks/access_surface.py` on: {platform.processor() or platform.machine()}; "
        f"{os.cpu_count()} logical CPUs (shared; {load}); Python {platform.python_version()}; NumPy "
        f"{np.__version__}; NetworkX {nx.__version__}; numba {numba.__version__}.", "",
        f"Shipped data, today's network ({net.graph.number_of_nodes()} nodes, {len(net.road_nodes)} road nodes), "
        f"{len(units)} county-level units, budget {args.budget:g} min, mode best. `ms` are medians of `n` runs "
        "(wall clock; for the per-cell rows, per cell). The subsample cells' people were checked equal to the "
        "surface's (NetworkX and fast loop alike) before anything was written.", "",
        "| task | ms | n | note |", "|---|---:|---:|---|",
    ]
    lines += [f"| {task} | {ms:,.2f} | {k} | {note} |" for task, ms, k, note in rows]
    text = "\n".join(lines) + "\n"
    print(text)
    write_text_atomic(OUT, text)


if __name__ == "__main__":
    main()
