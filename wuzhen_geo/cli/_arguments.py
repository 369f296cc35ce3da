"""What the commands take from their arguments: the shared options, the data folder and a scenario.
Private to :mod:`wuzhen_geo.cli`.
"""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path

from wuzhen_geo.data import GeoData, load_geodata
from wuzhen_geo.errors import ScenarioError
from wuzhen_geo.model import TODAY, Scenario, load_scenario, shipped_scenarios
from wuzhen_geo.vocabulary import COORDINATE_SYSTEMS, YEAR_RANGE

__all__ = ["add_common_options", "data_dir", "load_data", "load_scenario_arg"]


def data_dir(args: argparse.Namespace) -> Path | None:
    """The ``--data`` folder, or ``None`` for the shipped data."""
    return Path(args.data) if getattr(args, "data", None) else None


def load_data(args: argparse.Namespace) -> GeoData:
    """The data of ``--data`` (default: the shipped data), validated."""
    return load_geodata(data_dir(args))


def load_scenario_arg(data: GeoData, text: str | None, year: int | None = None) -> Scenario:
    """A scenario from a shipped name or a YAML path; ``year`` overrides its year.

    ``today`` without a shipped file means the network as the data describe it in the configuration year.
    """
    text = text or "today"
    path = Path(text)
    if path.suffix.lower() in (".yaml", ".yml") or path.is_file():
        if not path.is_file():
            raise ScenarioError(f"{text}: scenario file not found; give a shipped name or a YAML file")
        scenario = load_scenario(path, data)
    else:
        shipped = shipped_scenarios(data) if (Path(data.root) / "scenarios").is_dir() else {}
        if text in shipped:
            scenario = shipped[text]
        elif text == "today":
            scenario = TODAY
        else:
            names = ", ".join(sorted(shipped)) or "today"
            raise ScenarioError(f"unknown scenario {text!r}; use one of {names} or a YAML file path")
    if year is not None:
        if not YEAR_RANGE[0] <= int(year) <= YEAR_RANGE[1]:
            raise ScenarioError(f"--year {year}: give a year between {YEAR_RANGE[0]} and {YEAR_RANGE[1]}, e.g. 2030")
        scenario = dataclasses.replace(scenario, year=int(year))
    return scenario


def add_common_options(p: argparse.ArgumentParser, *, scenario: bool = True, coords: bool = True) -> None:
    """``--scenario``/``--year`` (unless ``scenario=False``), ``--coords`` (unless ``coords=False``),
    ``--json`` and ``--out``."""
    if scenario:
        p.add_argument("--scenario", default="today", metavar="S",
                       help="shipped scenario name (today, plan-2030, plan-full, ...) or a YAML file")
        p.add_argument("--year", type=int, metavar="N", help="network year (overrides the scenario's)")
    if coords:
        p.add_argument("--coords", choices=COORDINATE_SYSTEMS, default="wgs84",
                       help="datum of pasted coordinates: wgs84 (GPS/OSM), gcj02 (AMap/Tencent), bd09 (Baidu)")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.add_argument("--out", metavar="FILE", help="write the result to FILE (atomically) instead of printing")
