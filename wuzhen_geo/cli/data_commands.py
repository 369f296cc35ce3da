"""Data subcommands of ``wuzhen-geo``: ``validate`` (the schema check of a geodata folder and its scenarios)
and ``info`` (counts by kind, status and mode; every system; coverage).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pandas as pd

from wuzhen_geo._version import __version__
from wuzhen_geo.cli._arguments import data_dir
from wuzhen_geo.answers.calibration import read_calibration
from wuzhen_geo.data import GeoData, Problem, default_data_dir, load_geodata, validate_geodata
from wuzhen_geo.errors import DataError
from wuzhen_geo.model import validate_scenarios
from wuzhen_geo.vocabulary import METRIC_CRS, STATUSES

__all__ = ["cmd_info", "cmd_validate", "info_tables", "register"]


def cmd_validate(args: argparse.Namespace) -> int:
    """``wuzhen-geo validate [DIR]``: every problem of the data and of its scenarios; exit 1 on an error."""
    root = Path(args.dir) if args.dir else (data_dir(args) or default_data_dir())
    data = load_geodata(root, validate=False)
    problems = validate_geodata(data)
    if not any(p.severity == "error" for p in problems):  # scenarios refer to the data: check it first
        problems += validate_scenarios(data)
    if (root / "calibration.csv").is_file():  # the published times the model is checked against
        try:
            read_calibration(root / "calibration.csv", places=data.places.index)
        except DataError as exc:
            problems.append(getattr(exc, "problem", None) or Problem("calibration.csv", "-", "-", str(exc),
                                                                     "fix the file"))
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity != "error"]
    if args.json:
        print(json.dumps([p.__dict__ for p in problems], ensure_ascii=False, indent=1))
    else:
        for p in problems:
            print(p)
        counts = f"{len(data.places)} places, {len(data.links)} links, {len(data.zones)} zones, " \
                 f"{len(data.projects)} projects"
        verdict = "valid" if not errors else "NOT valid"
        print(f"{root}: {verdict} - {len(errors)} error(s), {len(warnings)} warning(s) ({counts})")
    return 1 if errors else 0


def _with_int_years(frame: pd.DataFrame) -> pd.DataFrame:
    if "open_year" in frame.columns:
        frame = frame.assign(open_year=pd.to_numeric(frame["open_year"], errors="coerce").astype("Int64"))
    return frame


def _status_table(frame: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    if frame.empty:
        return pd.DataFrame()
    table = frame.groupby(by + ["status"]).size().unstack("status", fill_value=0)
    order = [s for s in STATUSES if s in table.columns]
    table = table[order]
    table["total"] = table.sum(axis=1)
    return table


def info_tables(data: GeoData) -> dict[str, pd.DataFrame]:
    """The tables ``wuzhen-geo info`` prints, by title."""
    links = data.links
    rail = links[links["mode"] == "rail"]
    roads = links[(links["mode"] == "road") & links["class"].isin(["expressway", "urban_expressway", "highway",
                                                                     "arterial"])]
    km = links.geometry.to_crs(METRIC_CRS).length / 1000.0
    systems_cols = ["name_zh", "name_en", "class", "status", "open_year", "accuracy"]
    rail_table = rail[systems_cols].assign(stops=rail["nodes"].map(len), headway_min=rail["headway_min"],
                                           km=km[rail.index].round(1))
    road_table = roads[systems_cols].assign(nodes=roads["nodes"].map(len), km=km[roads.index].round(1))
    airports = data.places[data.places["kind"] == "airport"]
    tables = {
        "Places by kind and status": _status_table(data.places, ["kind"]),
        "Links by mode, class and status": _status_table(links, ["mode", "class"]),
        "Accuracy of every feature": pd.concat([f["accuracy"] for f in (data.places, links, data.zones,
                                                                         data.boundaries, data.context)])
        .value_counts().rename_axis("accuracy").to_frame("features"),
        "Airports": airports[["name_zh", "name_en", "iata", "status", "open_year", "accuracy"]],
        "Rail services": rail_table.sort_values(["status", "class", "name_en"]),
        "Expressways and trunk roads": road_table.sort_values(["class", "status", "name_en"]),
        "Zones": data.zones[["name_zh", "name_en", "access", "accuracy"]],
        "Plan projects": pd.DataFrame(
            [{"id": p.get("id"), "name_zh": p.get("name_zh"), "status": p.get("status"),
              "open_year": p.get("open_year"), "year_basis": p.get("year_basis") or "",
              "modelled": p.get("modelled"), "members": len(p.get("members") or [])}
             for p in data.projects]).set_index("id") if data.projects else pd.DataFrame(),
    }
    bounds = pd.concat([data.places.geometry, links.geometry]).total_bounds
    tables["Coverage"] = pd.DataFrame(
        {"value": [f"{bounds[0]:.3f}–{bounds[2]:.3f} E, {bounds[1]:.3f}–{bounds[3]:.3f} N",
                   f"{km[links['mode'] == 'road'].sum():.0f}", f"{km[links['mode'] == 'rail'].sum():.0f}",
                   ", ".join(sorted(data.boundaries.index)), len(data.context), len(data.targets)]},
        index=["network extent (WGS-84)", "road km drawn", "rail km drawn (service patterns)", "boundaries",
               "context features", "plan targets"])
    return tables


def cmd_info(args: argparse.Namespace) -> int:
    """``wuzhen-geo info [DIR]``: the tables of :func:`info_tables`, as text or JSON."""
    root = Path(args.dir) if args.dir else (data_dir(args) or default_data_dir())
    data = load_geodata(root)
    tables = info_tables(data)
    if args.json:
        out = {title: json.loads(t.to_json(orient="table", force_ascii=False)) for title, t in tables.items()}
        print(json.dumps(out, ensure_ascii=False, indent=1, default=str))
        return 0
    print(f"wuzhen_geo {__version__} - data in {root}")
    with pd.option_context("display.max_rows", 500, "display.max_columns", 20, "display.width", 200,
                           "display.max_colwidth", 40):
        for title, table in tables.items():
            table = _with_int_years(table)
            print(f"\n== {title} ==")
            print(table.to_string() if not table.empty else "(none)")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``validate`` and ``info`` to the ``wuzhen-geo`` parser."""
    p = sub.add_parser("validate", help="check a geodata folder against the schema")
    p.add_argument("dir", nargs="?", help="geodata folder (default: the shipped data)")
    p.add_argument("--json", action="store_true", help="problems as JSON")
    p.set_defaults(func=cmd_validate)
    p = sub.add_parser("info", help="counts by kind, status and mode; every system; coverage")
    p.add_argument("dir", nargs="?", help="geodata folder (default: the shipped data)")
    p.add_argument("--json", action="store_true", help="tables as JSON")
    p.set_defaults(func=cmd_info)
