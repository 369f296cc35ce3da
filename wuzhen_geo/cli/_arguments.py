"""What the commands take from their arguments: the shared options, the data folder and a scenario.
Private to :mod:`wuzhen_geo.cli`.
"""

from __future__ import annotations

import argparse
import dataclasses
import math
from pathlib import Path
from typing import Any

from wuzhen_geo.data import GeoData, load_geodata
from wuzhen_geo.errors import OptionError
from wuzhen_geo.model import DEFAULT_CONFIG, TODAY, ModelConfig, Scenario, load_scenario, shipped_scenarios
from wuzhen_geo.vocabulary import (BREAKS_RANGE, CELLS_RANGE, COORDINATE_SYSTEMS, DEPART_PERIODS, MAX_BREAKS,
                                  SERVICE_READINGS, YEAR_RANGE, quoted)

__all__ = ["add_common_options", "add_depart_option", "breaks_arg", "cells_arg", "config_arg", "data_dir",
           "load_data", "load_scenario_arg", "with_reading"]


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
    if text is None:
        text = "today"
    if not text.strip():
        raise OptionError("--scenario is empty; give a shipped name (e.g. today) or a YAML file",
                            text_zh="--scenario 为空；请给出内置情景名（如 today）或 YAML 文件")
    path = Path(text)
    if path.suffix.lower() in (".yaml", ".yml") or path.is_file():
        if not path.is_file():
            raise OptionError(f"{text}: scenario file not found; give a shipped name or a YAML file",
                                text_zh=f"{text}：找不到情景文件；请给出内置情景名或 YAML 文件")
        scenario = load_scenario(path, data)
    else:
        shipped = shipped_scenarios(data) if (Path(data.root) / "scenarios").is_dir() else {}
        if text in shipped:
            scenario = shipped[text]
        elif text == "today":
            scenario = TODAY
        else:
            names = ", ".join(sorted(shipped)) or "today"
            raise OptionError(f"unknown scenario {text!r}; use one of {names} or a YAML file path",
                                text_zh=f"未知情景 {text!r}；请使用 {names} 之一，或 YAML 文件路径")
    if year is not None:
        if not YEAR_RANGE[0] <= int(year) <= YEAR_RANGE[1]:
            lo, hi = YEAR_RANGE
            raise OptionError(f"--year {year}: give a year between {lo} and {hi}, e.g. 2030",
                                text_zh=f"--year {year}：请给出 {lo} 至 {hi} 之间的年份，如 2030")
        scenario = dataclasses.replace(scenario, year=int(year))
    return scenario


def with_reading(scenario: Scenario, args: argparse.Namespace) -> Scenario:
    """``scenario`` with the reading of planned services that ``--service-reading`` asks for (else its own)."""
    reading = getattr(args, "service_reading", None)
    return dataclasses.replace(scenario, service_reading=reading) if reading is not None else scenario


def add_depart_option(p: argparse.ArgumentParser) -> None:
    """``--depart``: the departure period whose road times the network is built with."""
    p.add_argument("--depart", choices=DEPART_PERIODS, default=DEFAULT_CONFIG.depart,
                   help="when the trip sets off, for road times in the congested cities: offpeak (default), "
                        "am_peak, pm_peak (weekday peaks) or night (leaving 00:00-05:00, free flow); no train or "
                        "coach runs at night, and at the other periods they keep their daytime service")


def config_arg(args: argparse.Namespace) -> ModelConfig:
    """The model configuration of the command: the default with ``--depart`` (when the command has it)."""
    depart = getattr(args, "depart", None)
    return DEFAULT_CONFIG if depart in (None, DEFAULT_CONFIG.depart) else DEFAULT_CONFIG.replace(depart=depart)


def cells_arg(value: Any) -> int:
    """``--cells``: a whole number of grid cells inside :data:`~wuzhen_geo.vocabulary.CELLS_RANGE` (text like
    ``40000`` or ``4e4`` is accepted); else a one-line error naming the flag and the range."""
    lo, hi = CELLS_RANGE
    problem = f"--cells {quoted(value, 40)}: give a whole number of grid cells from {lo:,} to {hi:,}"
    problem_zh = f"--cells {quoted(value, 40)}：请给出 {lo:,} 至 {hi:,} 之间的整数网格数"
    try:
        number = float(str(value).strip().replace("_", ""))
    except (TypeError, ValueError):
        raise OptionError(problem, text_zh=problem_zh) from None
    if not math.isfinite(number) or number != int(number) or not lo <= number <= hi:
        raise OptionError(problem + " (more cells take longer and more memory)",
                             text_zh=problem_zh + "（网格越多，耗时越长、占用内存越多）")
    return int(number)


def breaks_arg(text: str) -> tuple[float, ...]:
    """``--breaks``: increasing minutes separated by commas, each inside
    :data:`~wuzhen_geo.vocabulary.BREAKS_RANGE`, at most :data:`~wuzhen_geo.vocabulary.MAX_BREAKS`."""
    lo, hi = BREAKS_RANGE
    fix = f"give up to {MAX_BREAKS} increasing minutes from {lo:g} to {hi:g}, separated by commas, e.g. 30,60,90"
    fix_zh = f"请给出至多 {MAX_BREAKS} 个递增的分钟数（{lo:g} 至 {hi:g}），以逗号分隔，如 30,60,90"
    parts, shown = str(text).split(","), quoted(text, 40)
    if len(parts) > MAX_BREAKS:
        raise OptionError(f"--breaks: {len(parts)} values are too many; {fix}",
                             text_zh=f"--breaks：{len(parts)} 个值太多；{fix_zh}")
    try:
        breaks = tuple(float(b) for b in parts)
    except ValueError:
        raise OptionError(f"--breaks {shown}: not numbers; {fix}",
                             text_zh=f"--breaks {shown}：不是数字；{fix_zh}") from None
    if (not breaks or not all(math.isfinite(b) and lo <= b <= hi for b in breaks)
            or list(breaks) != sorted(set(breaks))):
        raise OptionError(f"--breaks {shown}: {fix}", text_zh=f"--breaks {shown}：{fix_zh}")
    return breaks


def add_common_options(p: argparse.ArgumentParser, *, scenario: bool = True, coords: bool = True) -> None:
    """``--scenario``/``--year`` (unless ``scenario=False``), ``--coords`` (unless ``coords=False``),
    ``--json`` and ``--out``."""
    if scenario:
        p.add_argument("--scenario", default="today", metavar="S",
                       help="shipped scenario name (today, plan-2030, plan-full, ...) or a YAML file")
        p.add_argument("--year", type=int, metavar="N", help="network year (overrides the scenario's)")
        p.add_argument("--service-reading", choices=SERVICE_READINGS, default=None,
                       help="planned lines' service where sources differ: as promised by the plans (default) "
                            "or conservative (speeds the existing lines achieve); overrides the scenario's")
    if coords:
        p.add_argument("--coords", choices=COORDINATE_SYSTEMS, default="wgs84",
                       help="datum of pasted coordinates: wgs84 (GPS/OSM), gcj02 (AMap/Tencent), bd09 (Baidu); "
                            "a coordinate may also name its datum: \"gcj02: 30.74,120.49\"")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.add_argument("--out", metavar="FILE", help="write the result to FILE (atomically) instead of printing")
