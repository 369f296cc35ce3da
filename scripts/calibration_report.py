"""Measure the model against geodata/calibration.csv and print the table used in docs/calibration.md.

Usage::

    python scripts/calibration_report.py [--scenario today] [--update-doc docs/calibration.md]
                                         [--set NAME=VALUE ...]

``--set`` overrides a :class:`wuzhen_geo.model.config.ModelConfig` field for this run (VALUE is a Python literal),
e.g. ``--set "congestion=()"`` to measure the model without the urban congestion term; it cannot be combined
with ``--update-doc`` (the document shows the shipped configuration).

The numbers in docs/calibration.md come from this script on the shipped data: rerun it with ``--update-doc``
after changing the data or the model configuration; it replaces the text between the markers
``<!-- calibration-table:start -->`` and ``<!-- calibration-table:end -->``.
"""

from __future__ import annotations

import argparse
import ast
import logging
import sys
import time
from pathlib import Path

from wuzhen_geo.answers.calibration import calibrate, calibration_markdown, fit_summary, read_calibration
from wuzhen_geo.data.io import load_geodata, write_text_atomic

START, END = "<!-- calibration-table:start -->", "<!-- calibration-table:end -->"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", default="today", help="shipped scenario name (default: today)")
    parser.add_argument("--update-doc", type=Path, help="replace the table between the markers in this file")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="override a ModelConfig field for this run (VALUE is a Python literal)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")

    from wuzhen_geo.model.config import DEFAULT_CONFIG
    from wuzhen_geo.model.network import build_network
    from wuzhen_geo.model.scenario_files import shipped_scenarios

    overrides = {}
    for item in args.set:
        name, sep, value = item.partition("=")
        try:
            overrides[name.strip()] = ast.literal_eval(value.strip()) if sep else None
        except (ValueError, SyntaxError):
            parser.error(f"--set {item!r}: VALUE must be a Python literal, e.g. --set 'congestion=()'")
        if not sep:
            parser.error(f"--set {item!r}: write NAME=VALUE")
    if overrides and args.update_doc:
        parser.error("--set cannot be combined with --update-doc: the document shows the shipped configuration")
    try:
        config = DEFAULT_CONFIG.replace(**overrides)
    except (TypeError, ValueError) as exc:
        parser.error(f"--set: {exc}")

    data = load_geodata()
    scenarios = shipped_scenarios(data)
    scenario = scenarios.get(args.scenario)
    if scenario is None:
        parser.error(f"unknown scenario {args.scenario!r}; shipped: {', '.join(sorted(scenarios))}")
    started = time.perf_counter()
    net = build_network(data, scenario, config=config)
    table = read_calibration(places=data.places.index)
    result = calibrate(net, table)
    text = calibration_markdown(result, names=data.places["name_en"])
    print(text)
    s = fit_summary(result)
    print(f"scenario {args.scenario}: {s['within_tolerance']}/{s['rows']} rows fit; "
          f"computed in {time.perf_counter() - started:.2f} s", file=sys.stderr)
    if args.update_doc:
        doc = args.update_doc.read_text(encoding="utf-8")
        head, sep1, rest = doc.partition(START)
        _, sep2, tail = rest.partition(END)
        if not (sep1 and sep2):
            parser.error(f"{args.update_doc}: markers {START} and {END} not found; add them where the table goes")
        write_text_atomic(args.update_doc, f"{head}{START}\n{text}{END}{tail}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
