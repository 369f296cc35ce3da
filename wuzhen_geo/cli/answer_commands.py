"""Answer subcommands of ``wuzhen-geo``: ``airports``, ``route``, ``matrix``, ``compare``, ``isochrone``,
``indicators``; each a thin call into :mod:`wuzhen_geo.answers` and a table of what it answers.

:func:`register` adds them to the parser; every command sets ``func`` and returns an exit code. Errors the
user can cause (unknown place, bad coordinate, unknown scenario, unreadable file) are package errors that
:func:`wuzhen_geo.cli.main` prints as one line on stderr with a non-zero exit.

Tables are printed by default; ``--json`` prints JSON (unreachable times are ``null``); ``--out`` writes a
file atomically (CSV for tables, GeoJSON for routes and isochrones, JSON when ``--json`` is given too).
"""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path
from typing import Any

import pandas as pd

from wuzhen_geo.answers import (
    airport_summary,
    missing_cell_text,
    not_in_network_text,
    airport_times,
    cause_summary,
    compare,
    isochrone_polygons,
    legs_text,
    place_name,
    plan_indicators,
    resolve_origin,
    reason_of,
    resolve_place_id,
    time_table,
    travel_time_surface,
    trip_answer,
    zone_matrix,
)
from wuzhen_geo.answers.airports import AIRPORT_MODES, car_minutes_by_period
from wuzhen_geo.cli._arguments import (add_common_options, add_depart_option, breaks_arg, cells_arg, config_arg,
                                      load_data, load_scenario_arg, with_reading)
from wuzhen_geo.cli._compare_text import cause_label, compare_text, gain_summary, signed_minutes
from wuzhen_geo.cli._output import (
    emit,
    header_name,
    jsonable,
    origin_heading,
    records,
    scenario_title,
    table_text,
    with_notes,
    write_out,
)
from wuzhen_geo.data import GeoData
from wuzhen_geo.errors import UnreachableError
from wuzhen_geo.i18n import label, t
from wuzhen_geo.model import DEFAULT_CONFIG, build_network
from wuzhen_geo.vocabulary import (
    CELLS_RANGE,
    DEPART_PERIODS,
    ROUTE_MODES,
    SERVICE_READINGS,
    TRAVEL_MODES,
    changed_as_shown,
    format_km,
    format_minutes,
    shown_change,
)

__all__ = ["cmd_airports", "cmd_compare", "cmd_indicators", "cmd_isochrone", "cmd_matrix", "cmd_route", "register"]


def _network(data: GeoData, scenario: Any, args: argparse.Namespace) -> Any:
    """The scenario's network at the ``--depart`` period (the default configuration's call when off-peak)."""
    config = config_arg(args)
    return build_network(data, scenario) if config is DEFAULT_CONFIG else build_network(data, scenario, config=config)


def cmd_airports(args: argparse.Namespace) -> int:
    """``airports --from PLACE``: time to every airport by car, by rail and the best, with the legs."""
    data = load_data(args)
    scenario = with_reading(load_scenario_arg(data, args.scenario, args.year), args)
    origin = resolve_origin(data, args.origin, system=args.coords)
    net = _network(data, scenario, args)
    table = airport_times(net, origin, modes=AIRPORT_MODES)
    lines = [t("cli_airports_heading", args.lang, origin=origin_heading(data, origin, args.lang),
               scenario=scenario_title(scenario, net, args.lang)), ""]
    summary = airport_summary(table, data, args.lang)  # the table the app's airports page shows too
    periods = car_minutes_by_period(net, origin, airports=list(summary["airport_id"]))
    lang = args.lang

    def cells(mode: str, with_mode: bool = False) -> list[str]:  # an empty cell says why, as the app's note
        rows = [row for _, row in summary.iterrows()]
        return [format_minutes(r[f"{mode}_min"], lang, unreachable=missing_cell_text(r, mode, lang))
                + (f" ({label('mode', r[f'{mode}_mode'], lang)})"
                   if with_mode and r[f"{mode}_mode"] and math.isfinite(r[f"{mode}_min"]) else "") for r in rows]

    zh = lang == "zh"
    lines.append(table_text(pd.DataFrame({
        t("cli_col_airport", lang): [f"{iata} {name}".strip() for iata, name in zip(summary["iata"], summary["name"])],
        **{label("mode", m, lang) if zh else m: cells(m, m == "best") for m in ("car", "rail", "best", "coach")},
        label("mode", "transit", lang): cells("transit", True),
        t("col_car_by_period", lang) if zh else "car " + "/".join(DEPART_PERIODS): [
            "/".join(f"{v:.0f}" if v == v else "-" for v in row) for row in periods[list(DEPART_PERIODS)].to_numpy()],
    })))
    lines.append("")
    if args.lang == "zh":  # the legs, or why there is no trip, in Chinese
        table = table.assign(legs_text=table["legs_text_zh"])
    legs_rows = table[~table["mode"].isin(["best", "transit"])]
    shown = pd.DataFrame({t("cli_col_airport", lang): [header_name(data, a, lang) for a in legs_rows["airport_id"]],
                          t("cli_col_by", lang): [label("mode", m, lang) for m in legs_rows["mode"]],
                          t("cli_col_time", lang): [format_minutes(m, lang, unreachable=t("unreachable", lang))
                                                    for m in legs_rows["minutes"]]})
    lines.append(with_notes(shown, list(legs_rows["legs_text"]), t("cli_col_legs", lang)))
    flat = table.drop(columns=["legs"]).assign(legs=[jsonable(v) for v in table["legs"]])
    main = flat["mode"].isin(TRAVEL_MODES)  # rows car / rail / best; coach and public transport beside them
    payload = {"from": jsonable(origin), "scenario": scenario.name, "depart": net.config.depart,
               "rows": records(flat[main]), "public_transport_rows": records(flat[~main]),
               "car_by_period": records(periods)}
    csv_table = table[table["mode"].isin(TRAVEL_MODES)].drop(columns=["legs"])
    emit(args, "\n".join(lines), payload, csv_table)
    return 0


def cmd_route(args: argparse.Namespace) -> int:
    """``route --from PLACE --to PLACE``: one trip with its legs (exit 1 when there is none)."""
    data = load_data(args)
    scenario = with_reading(load_scenario_arg(data, args.scenario, args.year), args)
    origin = resolve_origin(data, args.origin, system=args.coords)
    dest = resolve_origin(data, args.to, system=args.coords)
    net = _network(data, scenario, args)
    try:
        # the answer every view shows: by rail a trip that passes the rail-trip rule, best the faster of that
        # and the car
        trip = trip_answer(net, origin, dest, mode=args.mode)
    except UnreachableError as exc:
        lang = args.lang
        facts = getattr(exc, "facts", None)  # a place this network leaves out: why, as the app says it
        why = (exc.text(lang) if hasattr(exc, "text")  # a rule's reason, in either language
               else t("cli_unreachable", lang, why=not_in_network_text(data, scenario, facts, lang)) if facts
               else t("cli_unreachable", lang, why=str(exc)))
        text = t("cli_route_none", lang, a=origin_heading(data, origin, lang), b=origin_heading(data, dest, lang),
                 mode=label("mode", args.mode, lang), why=why)
        emit(args, text, {"from": jsonable(origin), "to": jsonable(dest), "mode": args.mode,
                          "reachable": False, "reason": str(exc), "reason_code": reason_of(exc)})
        return 1
    lang = args.lang
    lines = [
        f"{origin_heading(data, origin, lang)} → {origin_heading(data, dest, lang)}",
        t("cli_route_summary", lang, scenario=scenario_title(scenario, net, lang), mode=label("mode", args.mode, lang),
          minutes=format_minutes(trip.minutes, lang), km=format_km(trip.km, lang)),
        f"  {legs_text(trip, data, lang=lang)}",
        "",
    ]
    zh = lang == "zh"
    legs = pd.DataFrame([{"mode": leg.mode, "from": leg.from_name, "to": leg.to_name,
                          "minutes": round(leg.minutes, 1), "km": round(leg.km, 1), "line": leg.line_name or ""}
                         for leg in trip.legs])
    shown = pd.DataFrame({
        t("cli_col_mode", lang): [label("mode", leg.mode, lang) for leg in trip.legs],
        t("cli_col_from", lang): [(leg.from_name_zh if zh else "") or leg.from_name for leg in trip.legs],
        t("cli_col_to", lang): [(leg.to_name_zh if zh else "") or leg.to_name for leg in trip.legs],
        t("cli_col_minutes", lang): [round(leg.minutes, 1) for leg in trip.legs],
        t("cli_col_km", lang): [round(leg.km, 1) for leg in trip.legs],
    })
    notes = [(leg.line_name_zh if zh else "") or leg.line_name or "" for leg in trip.legs]
    lines.append(with_notes(shown, notes, t("cli_col_line", lang)) if not legs.empty else t("cli_no_legs", lang))
    out = getattr(args, "out", None)
    if out and Path(out).suffix.lower() == ".geojson":
        write_out(out, json.dumps(trip.to_geojson(), ensure_ascii=False, default=jsonable) + "\n")
        print(f"wrote {out}")
        return 0
    payload = {"from": jsonable(origin), "to": jsonable(dest), "mode": args.mode, "trip_mode": trip.mode,
               "minutes": trip.minutes, "km": trip.km, "legs_text": legs_text(trip, data, lang=args.lang),
               "legs": jsonable(list(trip.legs))}
    emit(args, "\n".join(lines), payload, legs)
    return 0


def _unique(items: list[Any]) -> list[Any]:
    """``items`` without repeats, first occurrence kept (points compare by value)."""
    return list(dict.fromkeys(items))


def cmd_matrix(args: argparse.Namespace) -> int:
    """``matrix``: minutes from the zones (or ``--from``) to the airports and cities (or ``--to``)."""
    data = load_data(args)
    scenario = with_reading(load_scenario_arg(data, args.scenario, args.year), args)
    # A place named twice (or by two names) is one row: duplicates cannot be reshaped into a table.
    origins = _unique([resolve_origin(data, t, system=args.coords) for t in args.origins]) if args.origins else None
    dests = _unique([resolve_place_id(data, t) for t in args.to]) if args.to else None
    net = _network(data, scenario, args)
    wide = zone_matrix(net, dests, mode=args.mode, origins=origins)
    # the same answers as the wide table, with why a pair has no trip (no_rail_route, not_in_scenario, ...)
    long = time_table(net, origins if origins is not None else list(data.zones.index), list(wide.columns),
                      args.mode)
    long.insert(2, "mode", args.mode)
    long.insert(0, "scenario", scenario.name)
    # an empty cell says why, in the words of the airport table's empty cells
    why = {(str(f), str(to)): r for f, to, r in zip(long["from_id"], long["to_id"], long["reason"])}
    shown = wide.copy().astype(object)
    for f in wide.index:
        for to in wide.columns:
            reason = {f"{args.mode}_reason": why.get((str(f), str(to))) or None}
            shown.at[f, to] = format_minutes(wide.at[f, to], args.lang,
                                             unreachable=missing_cell_text(reason, args.mode, args.lang))
    shown.index = [header_name(data, i, args.lang) for i in shown.index]
    shown.columns = [header_name(data, c, args.lang) for c in shown.columns]
    text = (t("cli_matrix_heading", args.lang, mode=label("mode", args.mode, args.lang),
              scenario=scenario_title(scenario, net, args.lang)) + "\n"
            + table_text(shown.reset_index(names=t("cli_col_from", args.lang))))
    out = getattr(args, "out", None)
    if out and not args.json and Path(out).suffix.lower() not in (".json", ".geojson"):
        # CSV: one row per pair; unreachable pairs are written as an empty cell and said so on stdout.
        write_out(out, long.assign(minutes=long["minutes"].where(long["minutes"].map(math.isfinite)))
                  .to_csv(index=False))
        unreachable = int((~long["minutes"].map(math.isfinite)).sum())
        print(f"wrote {out} ({len(long)} pairs" + (f", {unreachable} unreachable)" if unreachable else ")"))
        return 0
    emit(args, text, {"scenario": scenario.name, "mode": args.mode, "rows": records(long)}, long)
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    """``compare BEFORE AFTER``: the change per pair, who gains, and the projects behind the changes."""
    data = load_data(args)
    before_s = with_reading(load_scenario_arg(data, args.before, args.year), args)
    after_s = with_reading(load_scenario_arg(data, args.after, args.year), args)
    # A place named twice (or by two names) is one row: duplicates cannot be reshaped into a table.
    origins = _unique([resolve_origin(data, t, system=args.coords) for t in args.origins]) if args.origins else None
    dests = _unique([resolve_place_id(data, t) for t in args.to]) if args.to else None
    net_before, net_after = _network(data, before_s, args), _network(data, after_s, args)
    modes = ["car", "rail", "best"] if args.mode == "all" else [args.mode]
    table = pd.concat([compare(net_before, net_after, origins, dests, mode=m) for m in modes], ignore_index=True)
    lang = args.lang
    lines = [t("cmp_heading", lang, before=before_s.name, after=after_s.name)]
    for mode in modes:
        part = table[table["mode"] == mode]
        moved = part[changed_as_shown(part["before"], part["after"])]  # as the rows show the change
        changed = moved if not args.all else part
        lines += ["", t("cmp_mode_count", lang, mode=label("mode", mode, lang), n=len(moved), total=len(part))]
        if not changed.empty:
            lines.append(compare_text(data, changed, lang))
        lines += ["", *gain_summary(data, part, lang)]
        causes = cause_summary(part)
        if not causes.empty:
            lines += ["", t("cmp_causes_heading", lang)]
            for c in causes.itertuples(index=False):
                gain = t("cmp_cause_gain", lang, best=signed_minutes(c.best_gain_min, lang),
                         mean=signed_minutes(c.mean_gain_min, lang)) if c.pairs_faster else ""
                extra = "".join([t("cmp_cause_newly", lang, n=c.pairs_newly_reachable) if c.pairs_newly_reachable
                                 else "", t("cmp_cause_slower", lang, n=c.pairs_slower) if c.pairs_slower else ""])
                lines.append(t("cmp_cause", lang, cause=cause_label(c.label, lang), n=c.pairs_faster, gain=gain,
                               extra=extra))
    emit(args, "\n".join(lines), {"before": before_s.name, "after": after_s.name, "modes": modes,
                                  "rows": records(table)},
         table.assign(causes=table["causes"].map(lambda c: " ; ".join(c))))
    return 0


def cmd_isochrone(args: argparse.Namespace) -> int:
    """``isochrone --from PLACE``: the travel-time rings, as a table or GeoJSON."""
    data = load_data(args)
    scenario = with_reading(load_scenario_arg(data, args.scenario, args.year), args)
    origin = resolve_origin(data, args.origin, system=args.coords)
    breaks = breaks_arg(args.breaks)
    cells = cells_arg(args.cells)
    net = _network(data, scenario, args)
    surface = travel_time_surface(net, origin, mode=args.mode, cells=cells)
    polygons = isochrone_polygons(surface, breaks)
    polygons = polygons.assign(origin=jsonable(origin) if isinstance(origin, str) else str(jsonable(origin)),
                               mode=args.mode, scenario=scenario.name)
    lang = args.lang
    rings = pd.DataFrame({
        t("cli_col_within", lang): [format_minutes(m, lang) for m in polygons["minutes"]],
        t("cli_col_area", lang): [f"{a:,.1f}" for a in polygons["area_km2"]],
    })
    text = (t("cli_isochrone_heading", lang, origin=origin_heading(data, origin, lang),
              mode=label("mode", args.mode, lang), scenario=scenario_title(scenario, net, lang))
            + "\n" + table_text(rings))
    if args.mode == "rail" and not net.config.services_run:  # empty rings: say why
        text += "\n" + t("no_service_at_night", lang)
    if args.out:
        write_out(args.out, polygons.to_json(ensure_ascii=False) + "\n")
        print(f"wrote {args.out} ({len(polygons)} rings)")
        return 0
    if args.json:
        print(polygons.to_json(ensure_ascii=False))
    else:
        print(text)
    return 0


def met_word(met: bool, lang: str) -> str:
    """Whether a target is met, in the app's words (``met`` / ``not met``, ``达标`` / ``未达标``)."""
    return t("met" if met else "not_met", lang)


def cmd_indicators(args: argparse.Namespace) -> int:
    """``indicators``: the plan's targets measured on the scenario's network."""
    data = load_data(args)
    scenario = with_reading(load_scenario_arg(data, args.scenario, args.year), args)
    net = _network(data, scenario, args)
    table = plan_indicators(net, data, mode=args.mode)
    lang = args.lang
    rows = [] if table.empty else list(table.itertuples(index=False))
    shown = pd.DataFrame({
        t("cli_col_target", lang): [getattr(r, f"name_{lang}") for r in rows],
        t("cli_col_to", lang): [header_name(data, r.to_id, lang) if isinstance(r.to_id, str) else "" for r in rows],
        t("cli_col_target_value", lang): [format_minutes(r.target, lang) if r.kind == "travel_time"
                                          else format_km(r.target, lang) for r in rows],
        t("cli_col_measured", lang): [format_minutes(r.value, lang) if r.kind == "travel_time"
                                      else f"{r.value:.1f} " + t("indicator_unit_km", lang) for r in rows],
        t("cli_col_met", lang): [met_word(r.met, lang) for r in rows],
    })
    notes = [getattr(r, f"detail_{lang}") for r in rows]
    text = (t("cli_indicators_heading", lang, scenario=scenario_title(scenario, net, lang)) + "\n"
            + with_notes(shown, notes, t("cli_col_detail", lang)))
    emit(args, text, {"scenario": scenario.name, "rows": records(table)}, table)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add the answer subcommands to the ``wuzhen-geo`` parser."""
    p = sub.add_parser("airports", help="time to every airport by car, by rail and the best, with the legs")
    p.add_argument("--from", dest="origin", required=True, metavar="PLACE",
                   help="zone, place (Chinese or English name, id, airport code) or a pasted coordinate")
    p.add_argument("--lang", choices=("en", "zh"), default="en", help="language of the names and the legs text")
    add_common_options(p)
    add_depart_option(p)
    p.set_defaults(func=cmd_airports)

    p = sub.add_parser("route", help="one trip with its legs")
    p.add_argument("--from", dest="origin", required=True, metavar="PLACE")
    p.add_argument("--to", required=True, metavar="PLACE")
    p.add_argument("--mode", choices=ROUTE_MODES, default="best",
                   help="car, rail, best (of both), coach, or transit (public transport: rail or coach)")
    p.add_argument("--lang", choices=("en", "zh"), default="en", help="language of the names and the legs text")
    add_common_options(p)
    add_depart_option(p)
    p.set_defaults(func=cmd_route)

    p = sub.add_parser("matrix", help="minutes from the zones (or --from) to airports and cities (or --to)")
    p.add_argument("--lang", choices=("en", "zh"), default="en", help="language of the names and the words")
    p.add_argument("--from", dest="origins", action="append", metavar="PLACE", help="repeatable; default the zones")
    p.add_argument("--to", action="append", metavar="PLACE",
                   help="repeatable; default the airports and city centres")
    p.add_argument("--mode", choices=TRAVEL_MODES, default="best")
    add_common_options(p)
    add_depart_option(p)
    p.set_defaults(func=cmd_matrix)

    p = sub.add_parser("compare", help="before/after minutes per zone and destination, and the projects that "
                       "cause each change")
    p.add_argument("before", metavar="BEFORE", help="scenario name or YAML file, e.g. today")
    p.add_argument("after", metavar="AFTER", help="scenario name or YAML file, e.g. plan-full")
    p.add_argument("--from", dest="origins", action="append", metavar="PLACE", help="repeatable; default the zones")
    p.add_argument("--to", action="append", metavar="PLACE",
                   help="repeatable; default the airports, city centres and high-speed rail stations, as the "
                        "planner compares")
    p.add_argument("--mode", choices=(*TRAVEL_MODES, "all"), default="all",
                   help="car, rail, best, or all three (default)")
    p.add_argument("--all", action="store_true", help="list unchanged pairs too")
    p.add_argument("--lang", choices=("en", "zh"), default="en", help="language of the names and causes")
    p.add_argument("--year", type=int, metavar="N", help="year for both scenarios (overrides theirs)")
    p.add_argument("--service-reading", choices=SERVICE_READINGS, default=None,
                   help="planned lines' service for both scenarios: promised or conservative (overrides theirs)")
    add_common_options(p, scenario=False)
    add_depart_option(p)
    p.set_defaults(func=cmd_compare)

    p = sub.add_parser("isochrone", help="travel-time rings (GeoJSON) from a zone, place or coordinate")
    p.add_argument("--lang", choices=("en", "zh"), default="en", help="language of the table's words")
    p.add_argument("--from", dest="origin", required=True, metavar="PLACE")
    p.add_argument("--mode", choices=TRAVEL_MODES, default="best")
    p.add_argument("--breaks", default="30,60,90,120", metavar="M,M,...", help="minutes (default 30,60,90,120)")
    p.add_argument("--cells", default=40_000, metavar="N",
                   help=f"grid cells, {CELLS_RANGE[0]:,} to {CELLS_RANGE[1]:,} (default 40000)")
    add_common_options(p)
    add_depart_option(p)
    p.set_defaults(func=cmd_isochrone)

    p = sub.add_parser("indicators", help="plan targets (1-hour circle, airports in 2 h, network km) measured")
    p.add_argument("--mode", choices=TRAVEL_MODES, default="best")
    p.add_argument("--lang", choices=("en", "zh"), default="en", help="language of the names and the words")
    add_common_options(p, coords=False)
    add_depart_option(p)
    p.set_defaults(func=cmd_indicators)
