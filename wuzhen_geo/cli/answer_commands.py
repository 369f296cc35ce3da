"""Engine subcommands of ``wuzhen-geo``: ``airports``, ``route``, ``matrix``, ``compare``, ``isochrone``,
``indicators``.

:mod:`wuzhen_geo.cli` calls :func:`register` while building its parser; every command here sets ``func`` and
returns an exit code. Errors the user can cause (unknown place, bad coordinate, unknown scenario, unreadable
file) are package errors that ``cli.main`` prints as one line on stderr with a non-zero exit.

Tables are printed by default; ``--json`` prints JSON (unreachable times are ``null``); ``--out`` writes a
file atomically (CSV for tables, GeoJSON for routes and isochrones, JSON when ``--json`` is given too).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import math
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np
import pandas as pd

from wuzhen_geo.errors import ScenarioError, WuzhenGeoError
from wuzhen_geo.vocabulary import COORDINATE_SYSTEMS, TRAVEL_MODES, YEAR_RANGE
from wuzhen_geo.data.io import GeoData, load_geodata, write_text_atomic

__all__ = ["register", "load_scenario_arg", "build_net"]

log = logging.getLogger(__name__)



# --------------------------------------------------------------------------------------------------
# shared helpers


def _data(args: argparse.Namespace) -> GeoData:
    return load_geodata(Path(args.data) if getattr(args, "data", None) else None)


def load_scenario_arg(data: GeoData, text: str | None, year: int | None = None) -> Any:
    """A scenario from a shipped name or a YAML path; ``year`` overrides its year.

    ``today`` without a shipped file means the network as the data describe it in the configuration year.
    """
    from wuzhen_geo.model.scenarios import TODAY
    from wuzhen_geo.model.scenario_files import load_scenario, shipped_scenarios

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


def build_net(data: GeoData, scenario: Any) -> Any:
    from wuzhen_geo.model.network import build_network

    return build_network(data, scenario)


def _scenario_title(scenario: Any, net: Any) -> str:
    year = scenario.year if scenario.year is not None else getattr(net.config, "year", "")
    title = scenario.title_en or scenario.name
    if title == scenario.name:
        return f"{scenario.name} ({year})"
    return f"{scenario.name} ({title})" if str(year) in title else f"{scenario.name} ({title}, {year})"


def _origin(data: GeoData, text: str, system: str) -> Any:
    from wuzhen_geo.answers.places import resolve_origin

    return resolve_origin(data, text, system=system)


def _origin_label(data: GeoData, origin: Any) -> str:
    from wuzhen_geo.answers.places import place_label

    if isinstance(origin, str):
        return place_label(data, origin)
    return f"point {origin.lat:.6f}, {origin.lon:.6f} (WGS-84)"


def _fmt(minutes: float) -> str:
    return "unreachable" if minutes is None or not math.isfinite(minutes) else f"{minutes:.0f} min"


def _jsonable(value: Any) -> Any:
    """Plain JSON types: dataclasses and named tuples become objects, non-finite floats ``null``."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple) and hasattr(value, "_asdict"):
        return {k: _jsonable(v) for k, v in value._asdict().items()}
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, np.generic):
        return _jsonable(value.item())
    if hasattr(value, "__geo_interface__"):
        return value.__geo_interface__
    return str(value)


def _write(path: str | Path, text: str) -> Path:
    """``write_text_atomic`` with a one-line error naming the file."""
    try:
        return write_text_atomic(path, text)
    except OSError as exc:
        raise WuzhenGeoError(f"--out {path}: cannot write ({exc.strerror or exc}); choose a writable folder") from None


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [_jsonable(dict(zip(frame.columns, row))) for row in frame.itertuples(index=False, name=None)]


def _emit(args: argparse.Namespace, text: str, payload: Any, table: pd.DataFrame | None = None) -> None:
    """Print or write a result: JSON with ``--json``, CSV to ``--out FILE.csv``, else the text table."""
    out = getattr(args, "out", None)
    as_json = getattr(args, "json", False)
    if out:
        path = Path(out)
        if as_json or path.suffix.lower() in (".json", ".geojson"):
            _write(path, json.dumps(_jsonable(payload), ensure_ascii=False, indent=1) + "\n")
        elif table is not None:
            _write(path, table.to_csv(index=False))
        else:
            _write(path, text + "\n")
        print(f"wrote {path}")
        return
    if as_json:
        print(json.dumps(_jsonable(payload), ensure_ascii=False, indent=1))
    else:
        print(text)


def _table_text(frame: pd.DataFrame) -> str:
    with pd.option_context("display.max_rows", 500, "display.max_columns", 30, "display.width", 200,
                           "display.max_colwidth", 80, "display.unicode.east_asian_width", True):
        return frame.to_string(index=False) if not frame.empty else "(none)"


def _common(p: argparse.ArgumentParser, *, scenario: bool = True, coords: bool = True) -> None:
    if scenario:
        p.add_argument("--scenario", default="today", metavar="S",
                       help="shipped scenario name (today, plan-2030, plan-full, ...) or a YAML file")
        p.add_argument("--year", type=int, metavar="N", help="network year (overrides the scenario's)")
    if coords:
        p.add_argument("--coords", choices=COORDINATE_SYSTEMS, default="wgs84",
                       help="datum of pasted coordinates: wgs84 (GPS/OSM), gcj02 (AMap/Tencent), bd09 (Baidu)")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.add_argument("--out", metavar="FILE", help="write the result to FILE (atomically) instead of printing")


# --------------------------------------------------------------------------------------------------
# airports


def cmd_airports(args: argparse.Namespace) -> int:
    from wuzhen_geo.answers.analysis import NO_SENSIBLE_RAIL, airport_times, legs_text

    data = _data(args)
    scenario = load_scenario_arg(data, args.scenario, args.year)
    origin = _origin(data, args.origin, args.coords)
    net = build_net(data, scenario)
    table = airport_times(net, origin)
    lines = [f"From {_origin_label(data, origin)} - scenario {_scenario_title(scenario, net)}", ""]
    summary = []
    for apt, group in table.groupby("airport_id", sort=False):
        first = group.iloc[0]
        by_mode = {r["mode"]: r for _, r in group.iterrows()}
        best = by_mode.get("best")
        summary.append({
            "airport": f"{first['iata'] or ''} {first['name_zh']}".strip(),
            "car": _fmt(by_mode["car"]["minutes"]) if "car" in by_mode else "",
            "rail": (NO_SENSIBLE_RAIL if "rail" in by_mode and str(by_mode["rail"]["legs_text"]).startswith(
                NO_SENSIBLE_RAIL) else _fmt(by_mode["rail"]["minutes"]) if "rail" in by_mode else ""),
            "best": (f"{_fmt(best['minutes'])} ({best['trip_mode']})" if best is not None and best["reachable"]
                     else _fmt(math.nan)),
        })
    lines.append(_table_text(pd.DataFrame(summary)))
    lines.append("")
    if args.lang == "zh":
        table = table.assign(legs_text=[legs_text(SimpleNamespace(legs=legs), data, lang="zh") if ok else text
                                        for ok, legs, text in zip(table["reachable"], table["legs"],
                                                                  table["legs_text"])])
    legs_rows = table[table["mode"] != "best"]
    shown = pd.DataFrame({"airport": [_short_name(data, a) for a in legs_rows["airport_id"]],
                          "by": legs_rows["mode"].to_numpy(), "time": legs_rows["minutes"].map(_fmt).to_numpy()})
    lines.append(_with_notes(shown, list(legs_rows["legs_text"]), "legs"))
    flat = table.drop(columns=["legs"]).assign(legs=[_jsonable(v) for v in table["legs"]])
    payload = {"from": _jsonable(origin), "scenario": scenario.name, "rows": _records(flat)}
    csv_table = table.drop(columns=["legs"])
    _emit(args, "\n".join(lines), payload, csv_table)
    return 0


# --------------------------------------------------------------------------------------------------
# route


def cmd_route(args: argparse.Namespace) -> int:
    from wuzhen_geo.answers.analysis import legs_text
    from wuzhen_geo.errors import UnreachableError
    from wuzhen_geo.answers.railtrips import NoSensibleRailRoute, sensible_rail_trip
    from wuzhen_geo.model.routing import route

    data = _data(args)
    scenario = load_scenario_arg(data, args.scenario, args.year)
    origin = _origin(data, args.origin, args.coords)
    dest = _origin(data, args.to, args.coords)
    net = build_net(data, scenario)
    try:
        # "by rail" answers must be rail trips (ModelConfig.rail_trip_problem), as in the airport table
        if args.mode == "rail":
            trip = sensible_rail_trip(net, origin, dest)
        else:
            trip = route(net, origin, dest, mode=args.mode)
    except UnreachableError as exc:
        why = str(exc) if isinstance(exc, NoSensibleRailRoute) else f"unreachable ({exc})"
        text = f"{_origin_label(data, origin)} → {_origin_label(data, dest)} by {args.mode}: {why}"
        _emit(args, text, {"from": _jsonable(origin), "to": _jsonable(dest), "mode": args.mode,
                           "reachable": False, "reason": str(exc)})
        return 1
    lines = [
        f"{_origin_label(data, origin)} → {_origin_label(data, dest)}",
        f"scenario {_scenario_title(scenario, net)}, mode {args.mode}: {_fmt(trip.minutes)}, {trip.km:.1f} km",
        f"  {legs_text(trip, data, lang=args.lang)}",
        "",
    ]
    legs = pd.DataFrame([{"mode": leg.mode, "from": leg.from_name, "to": leg.to_name,
                          "minutes": round(leg.minutes, 1), "km": round(leg.km, 1), "line": leg.line_name or ""}
                         for leg in trip.legs])
    lines.append(_with_notes(legs.drop(columns="line"), list(legs["line"]), "line") if not legs.empty
                 else "(no legs: origin and destination coincide)")
    out = getattr(args, "out", None)
    if out and Path(out).suffix.lower() == ".geojson":
        _write(out, json.dumps(trip.to_geojson(), ensure_ascii=False, default=_jsonable) + "\n")
        print(f"wrote {out}")
        return 0
    payload = {"from": _jsonable(origin), "to": _jsonable(dest), "mode": args.mode, "trip_mode": trip.mode,
               "minutes": trip.minutes, "km": trip.km, "legs_text": legs_text(trip, data),
               "legs": _jsonable(list(trip.legs))}
    _emit(args, "\n".join(lines), payload, legs)
    return 0


# --------------------------------------------------------------------------------------------------
# matrix


def cmd_matrix(args: argparse.Namespace) -> int:
    from wuzhen_geo.answers.analysis import zone_matrix

    data = _data(args)
    scenario = load_scenario_arg(data, args.scenario, args.year)
    origins = [_origin(data, t, args.coords) for t in args.origins] if args.origins else None
    dests = [_dest_id(data, t) for t in args.to] if args.to else None
    net = build_net(data, scenario)
    wide = zone_matrix(net, dests, mode=args.mode, origins=origins)
    long = wide.stack(future_stack=True).rename("minutes").reset_index()
    long.columns = ["from_id", "to_id", "minutes"]
    long.insert(2, "mode", args.mode)
    long.insert(0, "scenario", scenario.name)
    shown = wide.map(_fmt)
    shown.index = [_short_name(data, i) for i in shown.index]
    shown.columns = [_short_name(data, c) for c in shown.columns]
    text = (f"Minutes by {args.mode} - scenario {_scenario_title(scenario, net)}\n"
            + _table_text(shown.reset_index(names="from")))
    out = getattr(args, "out", None)
    if out and not args.json and Path(out).suffix.lower() not in (".json", ".geojson"):
        # CSV: one row per pair; unreachable pairs are written as an empty cell and said so on stdout.
        _write(out, long.assign(minutes=long["minutes"].where(long["minutes"].map(math.isfinite)))
                          .to_csv(index=False))
        unreachable = int((~long["minutes"].map(math.isfinite)).sum())
        print(f"wrote {out} ({len(long)} pairs" + (f", {unreachable} unreachable)" if unreachable else ")"))
        return 0
    _emit(args, text, {"scenario": scenario.name, "mode": args.mode, "rows": _records(long)}, long)
    return 0


def _short_name(data: GeoData, key: str) -> str:
    """An airport's code, else the Chinese name, for narrow table headers; points keep their key."""
    from wuzhen_geo.answers.places import place_name

    if key in data.places.index and "iata" in data.places.columns:
        code = data.places.at[key, "iata"]
        if isinstance(code, str) and code:
            return code
    return place_name(data, key, "zh")


def _dest_id(data: GeoData, text: str) -> str:
    from wuzhen_geo.answers.places import resolve_place_id

    return resolve_place_id(data, text)


# --------------------------------------------------------------------------------------------------
# compare


def cmd_compare(args: argparse.Namespace) -> int:
    from wuzhen_geo.answers.analysis import cause_summary, compare

    data = _data(args)
    before_s = load_scenario_arg(data, args.before, args.year)
    after_s = load_scenario_arg(data, args.after, args.year)
    origins = [_origin(data, t, args.coords) for t in args.origins] if args.origins else None
    dests = [_dest_id(data, t) for t in args.to] if args.to else None
    net_before, net_after = build_net(data, before_s), build_net(data, after_s)
    modes = ["car", "rail", "best"] if args.mode == "all" else [args.mode]
    table = pd.concat([compare(net_before, net_after, origins, dests, mode=m) for m in modes], ignore_index=True)
    lines = [f"{before_s.name} → {after_s.name} (negative = faster)"]
    for mode in modes:
        part = table[table["mode"] == mode]
        changed = part[part["difference"].abs() > 0.5] if not args.all else part
        lines += ["", f"== by {mode}: {len(part[part['difference'].abs() > 0.5])} of {len(part)} pairs change =="]
        if not changed.empty:
            lines.append(_compare_text(data, changed))
        lines += ["", *_gain_summary(data, part)]
        causes = cause_summary(part)
        if not causes.empty:
            lines += ["", "Projects and links behind the changes:"]
            for c in causes.itertuples(index=False):
                gain = f", best {c.best_gain_min:+.0f} min, mean {c.mean_gain_min:+.0f} min" if c.pairs_faster else ""
                extra = "".join([f", {c.pairs_newly_reachable} newly reachable" if c.pairs_newly_reachable else "",
                                 f", {c.pairs_slower} slower" if c.pairs_slower else ""])
                lines.append(f"- {c.label}: {c.pairs_faster} pair(s) faster{gain}{extra}")
    _emit(args, "\n".join(lines), {"before": before_s.name, "after": after_s.name, "modes": modes,
                                   "rows": _records(table)},
          table.assign(causes=table["causes"].map(lambda c: " ; ".join(c))))
    return 0


def _short_cause(text: str) -> str:
    """The Chinese half of each ``"zh / en"`` cause label, for the table."""
    return "; ".join(part.split(" / ")[0].strip() for part in str(text).split(";") if part.strip())


def _compare_text(data: GeoData, table: pd.DataFrame) -> str:
    """Rows of a comparison with the reason left-aligned after the numbers (reasons vary in length)."""
    from wuzhen_geo.answers.places import place_name

    shown = pd.DataFrame({
        "from": [place_name(data, f) for f in table["from_id"]],
        "to": [_short_name(data, t) for t in table["to_id"]],
        "before": table["before"].map(_fmt).to_numpy(),
        "after": table["after"].map(_fmt).to_numpy(),
        "change": [_fmt_diff(b, a, d) for b, a, d in zip(table["before"], table["after"], table["difference"])],
    })
    return _with_notes(shown, [_short_cause(t) for t in table["causes_text"]], "why")


def _with_notes(shown: pd.DataFrame, notes: list[str], header: str) -> str:
    """A table with one free-text column appended left-aligned (pandas right-aligns and pads it)."""
    body = _table_text(shown).splitlines()
    if shown.empty:
        return "\n".join(body)
    return "\n".join(f"{row}  {note}" for row, note in zip(body, [header, *notes]))


def _fmt_diff(before: float, after: float, diff: float) -> str:
    if math.isinf(before) and math.isinf(after):
        return "unreachable both"
    if math.isinf(before):
        return "newly reachable"
    if math.isinf(after):
        return "no longer reachable"
    if abs(diff) < 0.5:
        return "same"
    return f"{diff:+.0f} min"


def _gain_summary(data: GeoData, table: pd.DataFrame) -> list[str]:
    """One line per origin: how many destinations get faster, the biggest gain and its cause."""
    from wuzhen_geo.answers.places import place_name

    out = ["Which zones gain and why:"]
    for origin, group in table.groupby("from_id", sort=False):
        finite = group[group["difference"].map(math.isfinite)]
        gains = finite[finite["difference"] < -0.5]
        losses = finite[finite["difference"] > 0.5]
        newly = group[group["before"].map(math.isinf) & group["after"].map(math.isfinite)]
        if gains.empty and newly.empty and losses.empty:
            out.append(f"- {place_name(data, origin)}: no change")
            continue
        parts = []
        if not gains.empty:
            top = gains.loc[gains["difference"].idxmin()]
            parts.append(f"{len(gains)} destination(s) faster, most to {place_name(data, top['to_id'])} "
                         f"({top['difference']:+.0f} min: {_short_cause(top['causes_text'])})")
        if not newly.empty:
            parts.append(f"{len(newly)} newly reachable")
        if not losses.empty:
            parts.append(f"{len(losses)} slower")
        out.append(f"- {place_name(data, origin)}: " + "; ".join(parts))
    return out


# --------------------------------------------------------------------------------------------------
# isochrone


def cmd_isochrone(args: argparse.Namespace) -> int:
    try:
        from wuzhen_geo.answers.surfaces import isochrone_polygons, travel_time_surface
    except ImportError as exc:  # pragma: no cover - the module ships with the package
        raise WuzhenGeoError(f"isochrones are not available in this installation ({exc})") from None

    data = _data(args)
    scenario = load_scenario_arg(data, args.scenario, args.year)
    origin = _origin(data, args.origin, args.coords)
    try:
        breaks = tuple(float(b) for b in args.breaks.split(","))
    except ValueError:
        raise WuzhenGeoError(f"--breaks {args.breaks!r}: give increasing minutes separated by commas, "
                             "e.g. 30,60,90,120") from None
    if not breaks or any(b <= 0 for b in breaks) or list(breaks) != sorted(set(breaks)):
        raise WuzhenGeoError(f"--breaks {args.breaks!r}: give increasing positive minutes, e.g. 30,60,90,120")
    net = build_net(data, scenario)
    surface = travel_time_surface(net, _router_origin(origin), mode=args.mode, cells=args.cells)
    polygons = isochrone_polygons(surface, breaks)
    polygons = polygons.assign(origin=_jsonable(origin) if isinstance(origin, str) else str(_jsonable(origin)),
                               mode=args.mode, scenario=scenario.name)
    text = (f"Isochrones from {_origin_label(data, origin)} by {args.mode} - scenario "
            f"{_scenario_title(scenario, net)}\n"
            + _table_text(polygons.drop(columns="geometry").assign(area_km2=polygons["area_km2"].round(1))))
    if args.out:
        _write(args.out, polygons.to_json(ensure_ascii=False) + "\n")
        print(f"wrote {args.out} ({len(polygons)} rings)")
        return 0
    if args.json:
        print(polygons.to_json(ensure_ascii=False))
    else:
        print(text)
    return 0


def _router_origin(origin: Any) -> Any:
    from wuzhen_geo.answers.places import router_point

    return router_point(origin)


# --------------------------------------------------------------------------------------------------
# indicators


def cmd_indicators(args: argparse.Namespace) -> int:
    from wuzhen_geo.answers.analysis import plan_indicators

    data = _data(args)
    scenario = load_scenario_arg(data, args.scenario, args.year)
    net = build_net(data, scenario)
    table = plan_indicators(net, data, mode=args.mode)
    shown = pd.DataFrame({
        "target": table["name_en"] if not table.empty else [],
        "to": table["to_id"].fillna("") if not table.empty else [],
        "target value": [f"{t:g} {'km' if k == 'network_length' else 'min'}"
                         for t, k in zip(table.get("target", []), table.get("kind", []))],
        "measured": [(_fmt(v) if k == "travel_time" else f"{v:.1f} km")
                     for v, k in zip(table.get("value", []), table.get("kind", []))],
        "met": table["met"].map({True: "yes", False: "NO"}) if not table.empty else [],
    })
    notes = list(table["detail"]) if not table.empty else []
    text = f"Plan indicators - scenario {_scenario_title(scenario, net)}\n" + _with_notes(shown, notes, "detail")
    _emit(args, text, {"scenario": scenario.name, "rows": _records(table)}, table)
    return 0


# --------------------------------------------------------------------------------------------------
# registration


def register(sub: argparse._SubParsersAction) -> None:
    """Add the engine subcommands to the ``wuzhen-geo`` parser."""
    p = sub.add_parser("airports", help="time to every airport by car, by rail and the best, with the legs")
    p.add_argument("--from", dest="origin", required=True, metavar="PLACE",
                   help="zone, place (Chinese or English name, id, airport code) or a pasted coordinate")
    p.add_argument("--lang", choices=("en", "zh"), default="en", help="language of the legs text")
    _common(p)
    p.set_defaults(func=cmd_airports)

    p = sub.add_parser("route", help="one trip with its legs")
    p.add_argument("--from", dest="origin", required=True, metavar="PLACE")
    p.add_argument("--to", required=True, metavar="PLACE")
    p.add_argument("--mode", choices=TRAVEL_MODES, default="best")
    p.add_argument("--lang", choices=("en", "zh"), default="en", help="language of the legs text")
    _common(p)
    p.set_defaults(func=cmd_route)

    p = sub.add_parser("matrix", help="minutes from the zones (or --from) to airports and cities (or --to)")
    p.add_argument("--from", dest="origins", action="append", metavar="PLACE", help="repeatable; default the zones")
    p.add_argument("--to", action="append", metavar="PLACE",
                   help="repeatable; default the airports and city centres")
    p.add_argument("--mode", choices=TRAVEL_MODES, default="best")
    _common(p)
    p.set_defaults(func=cmd_matrix)

    p = sub.add_parser("compare", help="before/after minutes per zone and destination, and the projects that "
                       "cause each change")
    p.add_argument("before", metavar="BEFORE", help="scenario name or YAML file, e.g. today")
    p.add_argument("after", metavar="AFTER", help="scenario name or YAML file, e.g. plan-full")
    p.add_argument("--from", dest="origins", action="append", metavar="PLACE", help="repeatable; default the zones")
    p.add_argument("--to", action="append", metavar="PLACE",
                   help="repeatable; default the airports and city centres")
    p.add_argument("--mode", choices=(*TRAVEL_MODES, "all"), default="all",
                   help="car, rail, best, or all three (default)")
    p.add_argument("--all", action="store_true", help="list unchanged pairs too")
    p.add_argument("--year", type=int, metavar="N", help="year for both scenarios (overrides theirs)")
    _common(p, scenario=False)
    p.set_defaults(func=cmd_compare)

    p = sub.add_parser("isochrone", help="travel-time rings (GeoJSON) from a zone, place or coordinate")
    p.add_argument("--from", dest="origin", required=True, metavar="PLACE")
    p.add_argument("--mode", choices=TRAVEL_MODES, default="best")
    p.add_argument("--breaks", default="30,60,90,120", metavar="M,M,...", help="minutes (default 30,60,90,120)")
    p.add_argument("--cells", type=int, default=40_000, metavar="N", help="grid cells (default 40000)")
    _common(p)
    p.set_defaults(func=cmd_isochrone)

    p = sub.add_parser("indicators", help="plan targets (1-hour circle, airports in 2 h, network km) measured")
    p.add_argument("--mode", choices=TRAVEL_MODES, default="best")
    _common(p, coords=False)
    p.set_defaults(func=cmd_indicators)
