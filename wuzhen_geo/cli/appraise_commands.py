"""The ``appraise`` command: which plan projects buy the most of each indicator (:func:`~wuzhen_geo.answers.
appraisal.appraise`), as a ranked table per indicator with the strongest interactions; ``--json`` and
``--out FILE.csv`` (the shares table) as every command.

The sweep runs on a local Dask cluster by default, on an existing one with ``--scheduler ADDRESS``, or in this
process with ``--scheduler serial``; records are cached on disk (``--cache DIR``, ``--no-cache``), so a rerun
or a larger ``--samples`` evaluates only what is new, and an interrupted run resumes. A progress bar goes to
stderr when it is a terminal.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

import pandas as pd

from wuzhen_geo.answers.appraisal import DEFAULT_INDICATORS, DEFAULT_SAMPLES, Appraisal, appraise
from wuzhen_geo.answers.sweep import SERIAL, default_cache_dir
from wuzhen_geo.cli._arguments import load_data, load_scenario_arg
from wuzhen_geo.cli._output import emit, records, table_text
from wuzhen_geo.errors import WuzhenGeoError
from wuzhen_geo.vocabulary import TRAVEL_MODES, format_minutes

__all__ = ["cmd_appraise", "register"]

#: Interactions listed in the text output (all of them with --json / --out).
SHOWN_INTERACTIONS = 10


def _bar(done: int, total: int) -> None:
    width = 30
    filled = width * done // total if total else width
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} scenarios")
    if done >= total:
        sys.stderr.write("\n")
    sys.stderr.flush()


def _number(value: float, *, sign: bool = False) -> str:
    """Counts of people with thousands separators, other values to one decimal."""
    body = f"{abs(value):,.0f}" if abs(value) >= 1000 else f"{abs(value):,.1f}"
    return ("-" if value < 0 else "+" if sign else "") + body


def _change(value: float, se: float | None, unit: str) -> str:
    text = _number(value, sign=True)
    if se is not None and se == se and se > 0:
        text += f" ± {_number(se)}" if se >= 0.05 else " ± <0.1"
    return f"{text} {unit}"


def _value(value: float, unit: str) -> str:
    return format_minutes(value) if unit == "min" else f"{_number(value)} {unit}"


def appraisal_text(result: Appraisal) -> str:
    """The ranked shares per indicator, the indicators' base and full values and the strongest interactions."""
    stats = result.stats
    how = ("exact (every combination)" if result.method == "exact"
           else f"sampled: {result.samples} orders (random, each with its reverse), ± one standard error")
    lines = [f"Appraisal of {len(result.players)} project(s) - Shapley shares {how}",
             f"{stats.scenarios} scenarios: {stats.cached} from the cache, {stats.evaluated} evaluated "
             f"in {stats.seconds:.1f} s ({stats.runner})",
             "Changes are in each indicator's unit (minutes: negative = faster); rank 1 buys the most.", ""]
    names = {p.id: p.name_en for p in result.players}
    for row in result.indicators.itertuples(index=False):
        lines.append(f"{row.name_en} [{row.indicator}]: {_value(row.base, row.unit)} -> "
                     f"{_value(row.full, row.unit)} ({_change(row.change, None, row.unit)})")
        part = result.shares[result.shares["indicator"] == row.indicator]
        if not part[["shapley", "add_one", "drop_one"]].abs().to_numpy().any():
            lines += ["  no project changes it", ""]
            continue
        lines.append(table_text(pd.DataFrame({
            "rank": part["rank"], "project": [names[p] for p in part["project"]],
            "shapley": [_change(v, s, row.unit) for v, s in zip(part["shapley"], part["shapley_se"])],
            "add-one": [_change(v, None, row.unit) for v in part["add_one"]],
            "drop-one": [_change(v, None, row.unit) for v in part["drop_one"]],
        })))
        lines.append("")
    inter = result.interactions.head(SHOWN_INTERACTIONS)
    if not inter.empty:
        lines.append("Strongest interactions (what a pair is worth beyond its two parts):")
        lines.append(table_text(pd.DataFrame({
            "pair": [f"{a} + {b}" for a, b in zip(inter["project_a"], inter["project_b"])],
            "indicator": inter["name_en"],
            "with base": [_change(v, None, u) for v, u in zip(inter["with_base"], inter["unit"])],
            "within full": [_change(v, None, u) for v, u in zip(inter["within_full"], inter["unit"])],
        })))
    return "\n".join(lines)


def cmd_appraise(args: argparse.Namespace) -> int:
    """``appraise``: add-one, drop-one, Shapley shares and interactions of the plan projects."""
    if args.cache and os.path.exists(args.cache) and not os.path.isdir(args.cache):
        raise WuzhenGeoError(f"--cache {args.cache}: is a file; give a folder (it is made if it does not exist)")
    data = load_data(args)
    base = load_scenario_arg(data, args.base, args.year)
    edits = load_scenario_arg(data, args.edits).edits if args.edits else ()
    seen = [0, 0]

    def progress(done: int, total: int) -> None:
        seen[:] = [done, total]
        if sys.stderr.isatty():
            _bar(done, total)

    try:
        result = appraise(
            data, projects=args.projects, edits=edits, base=base, indicators=args.indicators,
            samples=args.samples, seed=args.seed, mode=args.mode, pairs=not args.no_pairs, scheduler=args.scheduler,
            workers=args.workers, cache_dir=args.cache, use_cache=not args.no_cache, progress=progress,
        )
    except KeyboardInterrupt:
        kept = "kept nothing (--no-cache)" if args.no_cache else \
            f"{seen[0]} of {seen[1]} scenarios are kept in {args.cache or default_cache_dir()}"
        raise WuzhenGeoError(f"appraise interrupted: {kept}; run the same command again to resume") from None
    payload: dict[str, Any] = {
        "method": result.method, "samples": result.samples,
        "players": [{"id": p.id, "name_zh": p.name_zh, "name_en": p.name_en} for p in result.players],
        "sweep": {"scenarios": result.stats.scenarios, "cached": result.stats.cached,
                  "evaluated": result.stats.evaluated, "seconds": result.stats.seconds,
                  "runner": result.stats.runner},
        "indicators": records(result.indicators), "shares": records(result.shares),
        "interactions": records(result.interactions),
    }
    emit(args, appraisal_text(result), payload, result.shares)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``appraise`` to the ``wuzhen-geo`` parser."""
    p = sub.add_parser("appraise", help="which plan projects buy the most of each indicator: add-one, drop-one, "
                       "Shapley shares and interactions, swept on Dask")
    p.add_argument("--projects", nargs="+", metavar="ID",
                   help="project ids of projects.yaml (default: every modelled project not yet open in the year)")
    p.add_argument("--edits", metavar="FILE.yaml", help="also appraise the edits of this scenario file, each as a "
                   "project")
    p.add_argument("--indicators", nargs="+", metavar="ID", help="indicator ids or patterns (default: "
                   f"{' '.join(DEFAULT_INDICATORS)}; '*' for every zone's minutes too)")
    p.add_argument("--samples", type=int, default=DEFAULT_SAMPLES, metavar="N",
                   help=f"orders (random, each followed by its reverse) for the Shapley estimate beyond 8 projects "
                        f"(default {DEFAULT_SAMPLES})")
    p.add_argument("--seed", type=int, default=0, metavar="N", help="seed of the random orders (default 0)")
    p.add_argument("--mode", choices=TRAVEL_MODES, default="best", help="minutes by car, by rail (a trip "
                   "that passes the rail-trip rule) or the best of both (default)")
    p.add_argument("--no-pairs", action="store_true", help="skip the pairwise interactions")
    p.add_argument("--scheduler", metavar="ADDRESS", help="address of an existing Dask scheduler "
                   f"(tcp://host:8786), or '{SERIAL}' to run in this process (default: a local cluster)")
    p.add_argument("--workers", type=int, metavar="N", help="processes of the local cluster (default: one per core)")
    p.add_argument("--cache", metavar="DIR", help=f"folder of cached scenario records (default {default_cache_dir()})")
    p.add_argument("--no-cache", action="store_true", help="neither read nor keep cached records")
    p.add_argument("--base", default="today", metavar="S", help="base scenario: shipped name or YAML file "
                   "(default today)")
    p.add_argument("--year", type=int, metavar="N", help="base network year (overrides the base scenario's)")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.add_argument("--out", metavar="FILE", help="write the shares table to FILE.csv (or JSON with --json), "
                   "atomically")
    p.set_defaults(func=cmd_appraise)
