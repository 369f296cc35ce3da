"""Measure the model against geodata/calibration.csv and print the table used in docs/calibration.md.

Usage::

    python scripts/calibration_report.py [--scenario today] [--write docs/calibration_table.md]

The numbers in docs/calibration.md come from this script on the shipped data: rerun it after changing the
data or the model configuration, and paste (or ``--write``) the table.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

from wuzhen_geo.calibration import calibrate, calibration_markdown, fit_summary, read_calibration
from wuzhen_geo.io import load_geodata, write_text_atomic


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", default="today", help="shipped scenario name (default: today)")
    parser.add_argument("--write", type=Path, help="also write the Markdown table to this file")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")

    from wuzhen_geo.network import build_network
    from wuzhen_geo.scenarios import shipped_scenarios

    data = load_geodata()
    scenarios = shipped_scenarios(data)
    scenario = scenarios.get(args.scenario)
    if scenario is None:
        parser.error(f"unknown scenario {args.scenario!r}; shipped: {', '.join(sorted(scenarios))}")
    started = time.perf_counter()
    net = build_network(data, scenario)
    table = read_calibration(places=data.places.index)
    result = calibrate(net, table)
    text = calibration_markdown(result, names=data.places["name_en"])
    print(text)
    s = fit_summary(result)
    print(f"scenario {args.scenario}: {s['within_tolerance']}/{s['rows']} rows fit; "
          f"computed in {time.perf_counter() - started:.2f} s", file=sys.stderr)
    if args.write:
        write_text_atomic(args.write, text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
