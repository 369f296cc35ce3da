"""``wuzhen-geo calibrate``: the model against the published travel times of ``calibration.csv``.

Prints one row per published time (published, model, error, fit) and the fit of the independent rows (rows no
model value was fitted to) by mode: rows within the ±25 % tolerance, within the ±15 % aim, median absolute
error (:func:`wuzhen_geo.answers.calibration.fit_summary`). ``scripts/calibration_report.py`` writes the same
numbers into ``docs/calibration.md``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from wuzhen_geo.answers.calibration import (
    AIM_MEDIAN,
    AIM_SHARE,
    AIM_TOLERANCE,
    DEFAULT_TOLERANCE,
    calibrate,
    fit_summary,
    read_calibration,
)
from wuzhen_geo.cli._arguments import add_common_options, load_data, load_scenario_arg, with_reading
from wuzhen_geo.cli._output import emit, records, scenario_title, table_text
from wuzhen_geo.model import build_network

__all__ = ["cmd_calibrate", "register"]

_GROUPS = (("independent rail", True, "rail"), ("independent car", True, "car"), ("independent", True, None),
           ("all", False, None))


def cmd_calibrate(args: argparse.Namespace) -> int:
    """``calibrate``: every calibration row on the scenario's network, and the fit."""
    data = load_data(args)
    scenario = with_reading(load_scenario_arg(data, args.scenario, args.year), args)
    net = build_network(data, scenario)
    path = Path(args.table) if args.table else Path(data.root) / "calibration.csv"
    result = calibrate(net, read_calibration(path, places=data.places.index))
    summaries = {label: fit_summary(result, independent_only=only, mode=mode) for label, only, mode in _GROUPS}
    shown = pd.DataFrame({
        "id": result["id"],
        "mode": result["mode"],
        "published": [f"{m:g}" + (f" ({lo:g}-{hi:g})" if lo != hi else "")
                      for m, lo, hi in zip(result["observed_minutes"], result["observed_low"], result["observed_high"])],
        "model": result["model_minutes"].map(lambda v: "-" if pd.isna(v) else f"{v:.1f}"),
        "error": result["error_pct"].map(lambda v: "-" if pd.isna(v) else f"{v:+.0f} %"),
        "fit": result["within_tolerance"].map({True: "ok", False: "MISFIT"}),
        "fitted by": result["fitted_by"].replace("", "-"),
    })
    lines = [f"Calibration - scenario {scenario_title(scenario, net)} ({path.name})", table_text(shown), ""]
    for label, s in summaries.items():
        n = s["rows"] or 1
        lines.append(f"{label}: {s['rows']} rows; within ±{DEFAULT_TOLERANCE:.0%}: {s['within_tolerance']} "
                     f"({s['within_tolerance'] / n:.0%}); within ±{AIM_TOLERANCE:.0%}: {s['within_aim']} "
                     f"({s['within_aim'] / n:.0%}); median absolute error {s['median_abs_error']:.1%}")
    lines.append(f"aim for the independent rows: at least {AIM_SHARE:.0%} within ±{AIM_TOLERANCE:.0%}, median "
                 f"absolute error at most {AIM_MEDIAN:.0%}")
    payload = {"scenario": scenario.name, "summary": summaries,
               "rows": records(result.drop(columns=["route"]).reset_index(drop=True))}
    emit(args, "\n".join(lines), payload, result)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``calibrate`` to the ``wuzhen-geo`` parser."""
    p = sub.add_parser("calibrate", help="the model against published travel times (calibration.csv) and the fit")
    p.add_argument("--table", metavar="FILE.csv", help="calibration table (default: calibration.csv of the data)")
    add_common_options(p, coords=False)
    p.set_defaults(func=cmd_calibrate)
