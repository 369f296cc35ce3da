"""Benchmark the project appraisal sweep: scenarios per second serially and on local Dask clusters.

Run ``python benchmarks/appraisal.py`` (``--scenarios N``, ``--data DIR``; ``--scheduler tcp://host:8786`` adds a
row for an existing Dask cluster). In one run, on the same scenarios (coalitions of the plan projects not yet
open today, on the shipped data):

* serial evaluation in this process, and a local Dask cluster of 1 and of 2 single-threaded worker processes
  (cluster start-up timed apart), taking turns for ``--rounds`` rounds (the machine may be shared: every round is
  kept, and the ratios use each runner's best);
* the disk cache: a sweep that fills an empty cache, the same sweep again (hit rate, time), and a sweep with
  half as many scenarios more (the hit rate of a larger sample).

Every Dask record is checked identical to the serial one before its time is written. Results go to stdout
and to ``benchmarks/appraisal_results.md`` (written atomically). Only measured numbers are written.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime as dt
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import dask  # noqa: E402
import numpy as np  # noqa: E402

from wuzhen_geo.answers.appraisal import appraisal_players, coalition_scenario  # noqa: E402
from wuzhen_geo.answers.appraisal_indicators import access_measures, indicator_spec  # noqa: E402
from wuzhen_geo.answers.shapley import edge_coalitions  # noqa: E402
from wuzhen_geo.answers.sweep import ResultCache, dask_client, data_fingerprint, run_sweep, scenario_key  # noqa: E402
from wuzhen_geo.data import load_geodata, write_text_atomic  # noqa: E402
from wuzhen_geo.model import DEFAULT_CONFIG, TODAY  # noqa: E402

OUT = ROOT / "benchmarks" / "appraisal_results.md"


def scenarios_for(data, count: int, *, seed: int = 0) -> dict:
    """``count`` distinct scenarios: the add-one / drop-one coalitions first, then random ones."""
    base = dataclasses.replace(TODAY, year=DEFAULT_CONFIG.year)
    players = appraisal_players(data, base=base)
    count = min(count, 2 ** len(players))
    spec = indicator_spec(data, measures=access_measures(data))
    fp = data_fingerprint(data)
    rng = np.random.default_rng(seed)
    jobs: dict = {}
    coalitions = iter(edge_coalitions(len(players)))
    while len(jobs) < count:
        coalition = next(coalitions, None)
        if coalition is None:
            coalition = frozenset(int(i) for i in np.flatnonzero(rng.random(len(players)) < 0.5))
        scenario = coalition_scenario(base, players, coalition)
        jobs.setdefault(scenario_key(fp, data, scenario, DEFAULT_CONFIG, spec), scenario)
    return {"jobs": jobs, "spec": spec, "players": players}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", help="geodata folder (default: the shipped data)")
    parser.add_argument("--scenarios", type=int, default=24, help="scenarios per sweep (default 24)")
    parser.add_argument("--rounds", type=int, default=2, help="rounds of every runner, interleaved (default 2)")
    parser.add_argument("--scheduler", help="also run on this existing Dask scheduler (tcp://host:8786)")
    parser.add_argument("--out", default=str(OUT), help=f"result file (default {OUT.relative_to(ROOT)})")
    args = parser.parse_args()

    data = load_geodata(args.data)
    plan = scenarios_for(data, args.scenarios)
    jobs, spec = plan["jobs"], plan["spec"]
    n = len(jobs)
    print(f"{n} scenarios of {len(plan['players'])} projects; indicators per record: ", end="", flush=True)
    reference, _ = run_sweep(data, jobs, spec=spec, scheduler="serial")  # warm-up, and the records to match
    print(f"{len(next(iter(reference.values())))}", flush=True)
    with contextlib.ExitStack() as stack:
        runners: dict[str, object] = {"serial (this process)": "serial"}
        notes = {"serial (this process)": ""}
        for workers in (1, 2):
            start = time.perf_counter()
            client = stack.enter_context(dask_client(None, workers=workers))
            label = f"dask local cluster, {workers} worker process{'es' if workers > 1 else ''}"
            runners[label] = client
            notes[label] = (f"cluster start-up {time.perf_counter() - start:.1f} s (not included); "
                            "records identical to serial")
        if args.scheduler:
            runners[f"dask cluster at {args.scheduler}"] = stack.enter_context(dask_client(args.scheduler))
            notes[f"dask cluster at {args.scheduler}"] = "records identical to serial"
        times: dict[str, list[float]] = {label: [] for label in runners}
        for round_ in range(args.rounds):  # interleaved: a change in the machine's load weighs on every runner
            for label, runner in runners.items():
                records, stats = run_sweep(data, jobs, spec=spec, scheduler=runner)
                assert records == reference, f"{label}: the records differ from the serial ones"
                times[label].append(stats.seconds)
                print(f"round {round_ + 1}, {label}: {stats.seconds:.1f} s", flush=True)
    rows = [(label, n, times[label], notes[label]) for label in runners]

    cache_rows = []
    with tempfile.TemporaryDirectory() as folder:
        cache = ResultCache(folder)
        for label, chosen in (("fill an empty cache", jobs), ("rerun, same scenarios", jobs),
                              ("larger sample (+50 % scenarios)", scenarios_for(data, n + n // 2)["jobs"])):
            records, stats = run_sweep(data, chosen, spec=spec, cache=cache, scheduler="serial")
            cache_rows.append((label, stats.scenarios, stats.cached, stats.hit_rate, stats.seconds))
            print(f"\ncache, {label}: {stats.cached}/{stats.scenarios} hits in {stats.seconds:.1f} s", end="")
    print()

    serial_s = min(times["serial (this process)"])
    lines = [
        "# Benchmark: the project appraisal sweep",
        "",
        f"Measured {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC with `python benchmarks/appraisal.py "
        f"--scenarios {args.scenarios} --rounds {args.rounds}` on: {platform.processor() or platform.machine()}; {os.cpu_count()} logical "
        f"CPUs (shared with other work; load average {os.getloadavg()[0]:.1f} at the end); {platform.system()} "
        f"{platform.release()}; Python {platform.python_version()}; Dask {dask.__version__}.",
        "",
        f"{n} scenarios: coalitions of the {len(plan['players'])} plan projects not yet open today (add-one and "
        "drop-one first, then random ones), each built from the data and measured (every indicator of the "
        "appraisal: minutes from the zones and Tongxiang city centre to the centres and airports, plan targets, "
        "km in Tongxiang, people and GDP within 60 min). The runners take turns, round after round, on the same "
        "scenarios (no cache), after one serial warm-up run; `ratio` = serial's best time / this runner's best "
        "time, measured in the same run.",
        "",
        "| runner | scenarios | best of rounds (s) | all rounds (s) | scenarios / s (best) | ratio | note |",
        "|---|---:|---:|---|---:|---:|---|",
    ]
    for label, count, seconds, note in rows:
        best = min(seconds)
        lines.append(f"| {label} | {count} | {best:.1f} | {', '.join(f'{s:.1f}' for s in seconds)} | "
                     f"{count / best:.2f} | {serial_s / best:.2f}x | {note} |")
    lines += ["", "Disk cache (serial runner; records keyed by each scenario's content hash):", "",
              "| sweep | scenarios | from the cache | hit rate | seconds |", "|---|---:|---:|---:|---:|"]
    for label, count, hits, rate, seconds in cache_rows:
        lines.append(f"| {label} | {count} | {hits} | {rate:.0%} | {seconds:.2f} |")
    lines += ["", "Rerun with `python benchmarks/appraisal.py`; on an existing Dask cluster add "
              "`--scheduler tcp://host:8786` (its workers need `wuzhen_geo` installed).", ""]
    text = "\n".join(lines)
    write_text_atomic(args.out, text)
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
