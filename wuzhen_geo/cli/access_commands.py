"""``wuzhen-geo access``: people and GDP within reach of an origin, in one scenario and another, with the
difference and the projects or edits behind it (:mod:`wuzhen_geo.answers.access`).

A table by default; ``--json`` prints JSON; ``--out FILE.csv`` writes the table, ``--out FILE.geojson`` the
units with what the origin reaches of each (a choropleth for any GIS).
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path
from typing import Any

import pandas as pd

from wuzhen_geo.answers import resolve_origin
from wuzhen_geo.answers.access import (ACCESS_CELLS, BUDGETS, access_everywhere, compare_reach, reach, unit_reach,
                                       units_of)
from wuzhen_geo.cli._arguments import (add_common_options, breaks_arg, cells_arg, load_data, load_scenario_arg,
                                       with_reading)
from wuzhen_geo.cli._compare_text import cause_label
from wuzhen_geo.cli._output import emit, jsonable, origin_heading, records, scenario_title, table_text, write_out
from wuzhen_geo.errors import WuzhenGeoError
from wuzhen_geo.i18n import label, t
from wuzhen_geo.maps import gdp_amount
from wuzhen_geo.model import build_network
from wuzhen_geo.vocabulary import (CELLS_RANGE, METRIC_CRS, TRAVEL_MODES, format_minutes, format_people,
                                   format_people_change, gdp_change_text, people_change_text)

__all__ = ["cmd_access", "register"]

_NONE = "none"
_CAUSE = re.compile(r"(.*) \((added|removed|opened|closed|replaced)\)")


def _cause(text: str, lang: str) -> str:
    """A network difference (``"沪乍杭铁路 / New Shanghai-Hangzhou HSR (added)"``) in ``lang`` as ``compare``
    says it (``"added New Shanghai-Hangzhou HSR"``)."""
    found = _CAUSE.fullmatch(text)
    return cause_label(f"{found.group(2)} {found.group(1)}", lang) if found else text


def _table(frame: pd.DataFrame, compared: bool, lang: str = "en") -> pd.DataFrame:
    """The reach table in ``lang``: counts as every view writes them, GDP in billion yuan (en) or 亿元 (zh)."""
    def people(col: str) -> pd.Series:
        return frame[col].map(lambda v: format_people(v, lang))

    def gdp(col: str) -> pd.Series:
        return frame[col].map(lambda v: f"{gdp_amount(v, lang):,.0f}")

    head = {"mode": frame["mode"].map(lambda m: label("mode", m, lang)),
            "budget": frame["budget_min"].map(lambda b: format_minutes(b, lang))}
    head = {t("cli_col_mode", lang): head["mode"], t("acc_col_budget", lang): head["budget"]}
    if not compared:
        return pd.DataFrame({
            **head, t("acc_col_people", lang): people("people"),
            t("acc_col_share", lang): frame["people_share"].map(lambda s: f"{s:.1%}"),
            t("acc_col_gdp", lang): gdp("gdp_cny_bn"),
            t("acc_col_no_people", lang): frame["units_people_unknown"].astype(int),
            t("acc_col_no_gdp", lang): frame["units_gdp_unknown"].astype(int),
        })
    return pd.DataFrame({
        **head, t("acc_col_people_before", lang): people("people_before"),
        t("acc_col_people_after", lang): people("people_after"),
        t("acc_col_change", lang): [people_change_text(b, a, lang)
                                    for b, a in zip(frame["people_before"], frame["people_after"])],
        # the unit in the header, as the one-scenario table says it ("GDP bn yuan")
        t("acc_col_gdp_before", lang): gdp("gdp_cny_bn_before"),
        t("acc_col_gdp_after", lang): gdp("gdp_cny_bn_after"),
        t("acc_col_gdp_change", lang): [gdp_change_text(b, a, lang)
                                        for b, a in zip(frame["gdp_cny_bn_before"], frame["gdp_cny_bn_after"])],
        t("acc_col_no_people", lang): frame["units_people_unknown_after"].astype(int),
        t("acc_col_no_gdp", lang): frame["units_gdp_unknown_after"].astype(int),
    })


def _budgets(text: str) -> tuple[float, ...]:
    """``--budget``: ``all`` (the standard budgets) or minutes as ``--breaks`` takes them."""
    if text.strip().lower() == "all":
        return tuple(float(b) for b in BUDGETS)
    try:
        return breaks_arg(text)
    except WuzhenGeoError as exc:
        raise WuzhenGeoError(str(exc).replace("--breaks", "--budget", 1)) from None


def _units_geojson(net: Any, after_net: Any, origin: Any, budget: float, mode: str, cells: int) -> str:
    units = unit_reach(net, origin, budget=budget, mode=mode, cells=cells)
    if after_net is not None:
        after = unit_reach(after_net, origin, budget=budget, mode=mode, cells=cells)
        for col in ("share_reached", "people_reached", "gdp_reached", "minutes_centre"):
            units[f"{col}_after"] = after[col].to_numpy()
        units["people_change"] = units["people_reached_after"] - units["people_reached"]
    units = units.assign(budget_min=budget, mode=mode)
    frame = units.replace([float("inf"), float("-inf")], float("nan"))
    return frame.to_json(ensure_ascii=False, na="null") + "\n"


#: People counts that split the access-from-everywhere bands (and, signed, the bands of its change).
_PEOPLE_BANDS = (0, 1e6, 3e6, 6e6, 1e7, 2e7)
_CHANGE_BANDS = (-1e9, -1e4, 1e4, 2.5e5, 1e6, 2.5e6)


def _everywhere(args: argparse.Namespace, data: Any, scenario: Any, against: Any) -> int:
    """``access --everywhere``: people within the budget from every cell, as bands (GeoJSON) or a summary."""
    budget, mode, cells = _budgets(args.budget)[0], ("best" if args.mode == "all" else args.mode), cells_arg(args.cells)
    net = build_network(data, scenario)
    surface = access_everywhere(net, budget=budget, mode=mode, cells=cells)
    if against is not None:
        after = access_everywhere(build_network(data, against), budget=budget, mode=mode, cells=cells)
        surface, breaks, what = after.minus(surface), _CHANGE_BANDS, f"change {scenario.name} -> {against.name}"
    else:
        breaks, what = _PEOPLE_BANDS, scenario.name
    bands = surface.bands(breaks).assign(budget_min=budget, mode=mode, scenario=what)
    bands["area_km2"] = bands.geometry.to_crs(METRIC_CRS).area / 1e6
    summary = bands.drop(columns="geometry")
    fmt = (lambda v: "" if abs(v) >= 1e9 else format_people_change(v, "en")) if against is not None else (
        lambda v: "" if v == float("inf") else format_people(v, "en"))
    shown = pd.DataFrame({"from (people)": summary["low"].map(fmt), "to (people)": summary["high"].map(fmt),
                          "area km²": summary["area_km2"].map(lambda a: f"{a:,.0f}")})
    text = (f"People within {budget:g} min by {mode} from each of {surface.n_cells:,} cells ({what}): the area "
            f"of each band\n" + table_text(shown))
    if args.out:
        write_out(args.out, bands.replace([float("inf"), float("-inf")], None).to_json(ensure_ascii=False) + "\n")
        print(f"wrote {args.out} ({len(bands)} bands)")
    elif args.json:
        print(json.dumps({"scenario": what, "budget_min": budget, "mode": mode, "cells": surface.n_cells,
                          "bands": records(summary)}, ensure_ascii=False, indent=1))
    else:
        print(text)
    return 0


def cmd_access(args: argparse.Namespace) -> int:
    """``access --from PLACE``: people and GDP within the budget(s), the scenario against another."""
    data = load_data(args)
    units_of(data)  # a folder without units.geojson stops here, with the fix
    scenario = with_reading(load_scenario_arg(data, args.scenario, args.year), args)
    against = None if args.against.strip().lower() == _NONE else with_reading(
        load_scenario_arg(data, args.against, args.year), args)
    if args.everywhere:
        return _everywhere(args, data, scenario, against)
    if not args.origin:
        raise WuzhenGeoError("access: give --from PLACE (a zone, place or coordinate), or --everywhere")
    origin = resolve_origin(data, args.origin, system=args.coords)
    budgets = _budgets(args.budget)
    modes = list(TRAVEL_MODES) if args.mode == "all" else [args.mode]
    cells = cells_arg(args.cells)
    net = build_network(data, scenario)
    after_net = build_network(data, against) if against is not None else None
    lang = args.lang
    if after_net is not None:
        frame = compare_reach(net, after_net, origin, budgets=budgets, modes=modes, cells=cells)
        causes = frame.attrs["causes"]
        title = f"{scenario_title(scenario, net, lang)} -> {scenario_title(against, after_net, lang)}"
    else:
        frame, causes = reach(net, origin, budgets=budgets, modes=modes, cells=cells), []
        title = scenario_title(scenario, net, lang)
    lines = [t("acc_heading", lang, origin=origin_heading(data, origin, lang), title=title), "",
             table_text(_table(frame, after_net is not None, lang)), ""]
    if after_net is not None:
        lines.append(t("acc_causes", lang))
        lines += [f"- {_cause(c, lang)}" for c in causes] or [t("acc_no_causes", lang)]
        lines.append("")
    known = pd.to_numeric(data.units["population"], errors="coerce")
    lines.append(t("acc_unknown_note", lang))
    lines.append(t("acc_share_note", lang, known=int(known.notna().sum()), people=format_people(known.sum(), lang),
                   units=len(data.units)) + " " + t("acc_assumption_cli", lang))
    payload = {"from": jsonable(origin), "scenario": scenario.name,
               "against": against.name if against is not None else None, "rows": records(frame),
               "causes": causes, "assumption": t("acc_assumption_cli", "en")}
    if args.out and Path(args.out).suffix.lower() == ".geojson":
        write_out(args.out, _units_geojson(net, after_net, origin, budgets[0], modes[0], cells))
        print(f"wrote {args.out} ({len(data.units)} units, {budgets[0]:g} min by {modes[0]})")
        return 0
    if args.out and Path(args.out).suffix.lower() == ".json" and not args.json:
        write_out(args.out, json.dumps(jsonable(payload), ensure_ascii=False, indent=1) + "\n")
        print(f"wrote {args.out}")
        return 0
    emit(args, "\n".join(lines), payload, frame)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``access`` to the ``wuzhen-geo`` parser."""
    p = sub.add_parser("access", help="people and GDP within reach (the 1-hour circle in people), today and in "
                       "another scenario")
    p.add_argument("--from", dest="origin", metavar="PLACE",
                   help="zone, place (Chinese or English name, id) or a pasted coordinate")
    p.add_argument("--everywhere", action="store_true",
                   help="people within the (first) budget from every grid cell, as bands; with --against the "
                        "change (GeoJSON with --out)")
    p.add_argument("--budget", default="60", metavar="M[,M...]",
                   help="minutes, one or several separated by commas, or 'all' (30,45,60,90,120); default 60")
    p.add_argument("--mode", choices=(*TRAVEL_MODES, "all"), default="best", help="car, rail, best or all")
    p.add_argument("--against", default="plan-full", metavar="S",
                   help="scenario to compare with (default plan-full); 'none' for the one scenario alone")
    p.add_argument("--lang", choices=("en", "zh"), default="en", help="language of the names and the words")
    p.add_argument("--cells", default=ACCESS_CELLS, metavar="N",
                   help=f"grid cells over the units, {CELLS_RANGE[0]:,} to {CELLS_RANGE[1]:,} (default {ACCESS_CELLS})")
    add_common_options(p)
    p.set_defaults(func=cmd_access)
