"""Calibration of the travel-time model against published travel times.

``geodata/calibration.csv`` lists travel times that someone published — timetable running times between
stations, operators' "as fast as" figures, published driving times — each with its source. This module runs
the model for each row and measures the fit, comparing like with like:

* ``rail`` rows are in-vehicle times between two stations: the model's comparable quantity is the in-vehicle
  time (running time plus dwell at intermediate stops) of the fastest *rail-only* journey between the two
  stations (roads hidden, so that a train-then-taxi trip cannot stand in for a through train), without the
  boarding wait, the ticket and security processing, transfers on foot or egress;
* ``car`` rows are driving times: the sum of the ``car`` legs of the car route, without the time to park or
  drop off at an airport terminal (a published driving time does not include it);
* ``coach`` rows are a coach's running time between two stops: the in-vehicle time of the fastest coach-only
  journey (roads hidden, as for rail), without the check, the wait or a drive.

A row may name the departure ``period`` its source speaks of (``am_peak``, ``pm_peak``, ``offpeak``, ``night``;
an optional column, empty = off-peak): it is compared with the network built at that period.

The model's total door-to-door time of the same route is reported alongside, for reference.

Some published times were used to set a model value (a link's ``speed_kmh``, say): such a row names that
link or configuration field in ``fitted_by``. It is a consistency check (the data implement what their notes
claim), not evidence of fit; the fit is measured on the independent rows (``fitted_by`` empty).

A row fits when the model lies within ``tolerance`` (±25 % by default) of the published value — of the
published range when the source gives one (``observed_low`` to ``observed_high``). The fit as a whole is
summarised by the median absolute relative error.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from wuzhen_geo.data import Problem, default_data_dir
from wuzhen_geo.errors import DataError, UnreachableError
from wuzhen_geo.model import build_network, route
from wuzhen_geo.model.nodes import in_layer
from wuzhen_geo.vocabulary import DEPART_PERIODS

__all__ = [
    "AIM_MEDIAN",
    "AIM_SHARE",
    "AIM_TOLERANCE",
    "CALIBRATION_COLUMNS",
    "DEFAULT_TOLERANCE",
    "MEDIAN_ERROR_BOUND",
    "calibrate",
    "calibration_markdown",
    "comparable_minutes",
    "fit_summary",
    "rail_only_journey",
    "read_calibration",
]

log = logging.getLogger(__name__)

CALIBRATION_COLUMNS = (
    "id",
    "from_id",
    "to_id",
    "mode",
    "observed_minutes",
    "observed_low",
    "observed_high",
    "kind",
    "reliability",
    "fitted_by",
    "source",
    "note",
)
#: An optional column: the departure period a row's source speaks of (empty: off-peak).
OPTIONAL_COLUMNS = ("period",)
MODES = ("rail", "car", "coach")
KINDS = ("timetable_fastest", "timetable_typical", "published_fastest", "published_typical", "published_drive")
RELIABILITY = ("A", "B", "C")
DEFAULT_TOLERANCE = 0.25  # each row: model within ±25 % of the published value (or range)
# Median absolute relative error of the independent rows, by mode. Rail rows compare timetable running times
# with a timetable-based model; car rows compare a free-flow model with door-to-door drives reported in
# ordinary traffic, hence the wider bound. Both were set after the first measurement (Nov 2026: rail 6 %,
# car 25 %) as guards against regressions, not as targets the model was tuned to.
# Coach rows (Dec 2026) compare published coach times with the timetable times of other sources: the car
# bound, for the same reason (times in ordinary traffic). The rail guard was re-measured in Dec 2026 after five
# travel-guide rows ("about 40 minutes" to Tongxiang, "30 minutes" to Jiashan South...) were added: 17.8 %, the
# model slower than the guides because the semi-fast pattern stops at Songjiang and Jiaxing South where the
# trains the guides took may not; 0.20 kept it a guard against regressions, not a target. Re-measured again
# after the Dec 2026 rows for Jiashan South and Jiaxing South (riders in 2011, a 2023 article, the 12306 fastest
# time quoted in 2022), which all find the model slower because its only pattern calling at Jiashan South stops
# everywhere: 20.5 % with no change to the model. With the fast Jiaxing South and Jiashan South patterns (set
# by two of those rows, which left the independent set) 13.8 %; 0.16 keeps the guard just above it.
MEDIAN_ERROR_BOUND = {"rail": 0.16, "car": 0.30, "coach": 0.30}
# The aim the project set itself for the independent rows (issue 10, Dec 2026): at least 90 % of them within
# ±15 % of the published value (or range), median absolute error at most 8 %. Reported beside the guards above,
# not tested: it is a target to work towards with sources, not a bound to tune rows to.
AIM_TOLERANCE = 0.15
AIM_SHARE = 0.90
AIM_MEDIAN = 0.08


#: A published time between two places of the region is under a day; more is a typing or unit slip.
MAX_OBSERVED_MIN = 24 * 60


def _fail(path: Path, row: int | str, field: str, problem: str, fix: str) -> DataError:
    """The error, carrying its :class:`~wuzhen_geo.data.Problem` so that ``validate`` lists it as the others."""
    exc = DataError(f"{path.name}: row {row}: field {field!r} {problem}; {fix}")
    exc.problem = Problem(path.name, str(row), field, problem, fix)
    return exc


def read_calibration(path: str | Path | None = None, *, places: pd.Index | None = None) -> pd.DataFrame:
    """Read and check ``calibration.csv`` (the shipped one by default).

    Parameters
    ----------
    path
        The CSV file; ``geodata/calibration.csv`` when omitted.
    places
        Known place ids; when given, ``from_id`` and ``to_id`` must be among them.

    Raises
    ------
    DataError
        Naming the file, the row id, the field and the fix, for a missing column, an unknown mode, kind or
        place, a non-positive time, a range that does not contain the central value, or a missing source.
    """
    path = Path(path) if path is not None else default_data_dir() / "calibration.csv"
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except FileNotFoundError:
        raise DataError(f"{path}: file not found") from None
    except (pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise DataError(f"{path}: not a readable UTF-8 CSV ({exc}); fix the quoting or encoding") from None
    missing = [c for c in CALIBRATION_COLUMNS if c not in table.columns]
    if missing:
        raise DataError(f"{path.name}: missing column(s) {missing}; the header must be {','.join(CALIBRATION_COLUMNS)}")
    seen: set[str] = set()
    for i, rec in table.iterrows():
        rid = rec["id"] or f"#{i + 2}"
        if not rec["id"] or rec["id"] in seen:
            raise _fail(path, rid, "id", "is empty or repeated", "give every row a unique id")
        seen.add(rec["id"])
        period = rec["period"].strip() if "period" in table.columns else ""
        if period and period not in DEPART_PERIODS:
            raise _fail(path, rid, "period", f"is {period!r}", f"use one of {DEPART_PERIODS} or leave it empty")
        if rec["mode"] not in MODES:
            raise _fail(path, rid, "mode", f"is {rec['mode']!r}", f"use one of {MODES}")
        if rec["kind"] not in KINDS:
            raise _fail(path, rid, "kind", f"is {rec['kind']!r}", f"use one of {KINDS}")
        if rec["reliability"] not in RELIABILITY:
            raise _fail(path, rid, "reliability", f"is {rec['reliability']!r}", f"use one of {RELIABILITY}")
        if not rec["source"].strip():
            raise _fail(path, rid, "source", "is empty", "cite the URL the number comes from")
        for col in ("from_id", "to_id"):
            if places is not None and rec[col] not in places:
                raise _fail(path, rid, col, f"names unknown place {rec[col]!r}", "use an id from geodata/places")
        values = {}
        for col in ("observed_minutes", "observed_low", "observed_high"):
            text = rec[col].strip()
            if not text and col != "observed_minutes":
                values[col] = None
                continue
            try:
                values[col] = float(text)
            except ValueError:
                raise _fail(path, rid, col, f"is {text!r}, not a number", "write minutes as a number") from None
            if not 0 < values[col] <= MAX_OBSERVED_MIN:  # NaN and infinity fail too
                raise _fail(path, rid, col, f"is {values[col]:g}",
                            f"travel times must be positive minutes, at most {MAX_OBSERVED_MIN:,} (a day)")
        lo, hi, mid = values["observed_low"], values["observed_high"], values["observed_minutes"]
        if (lo is None) != (hi is None):
            raise _fail(path, rid, "observed_low/observed_high", "has only one end", "give both ends or neither")
        if lo is not None and not lo <= mid <= hi:
            raise _fail(path, rid, "observed_minutes", f"{mid} lies outside {lo}-{hi}", "fix the range")
    out = table.copy()
    if "period" not in out.columns:
        out["period"] = ""
    out["observed_minutes"] = out["observed_minutes"].astype(float)
    for col in ("observed_low", "observed_high"):
        out[col] = pd.to_numeric(out[col], errors="coerce")  # "" (no range) -> NaN; numbers checked above
    out["observed_low"] = out["observed_low"].fillna(out["observed_minutes"])
    out["observed_high"] = out["observed_high"].fillna(out["observed_minutes"])
    return out.set_index("id", drop=False).rename_axis(None)


def comparable_minutes(trip: Any, mode: str) -> float:
    """The part of a routed trip that a published time measures: ``rail``, ``coach`` or ``car`` legs only."""
    leg_mode = mode if mode in ("rail", "coach") else "car"
    return float(sum(leg.minutes for leg in trip.legs if leg.mode == leg_mode))


def rail_only_journey(net: Any, from_id: str, to_id: str, *, mode: str = "rail") -> tuple[float, float, str]:
    """Fastest station-to-station journey on rail (``mode="coach"``: coach) and walk edges only (no road).

    Returns ``(in_vehicle_minutes, total_minutes, description)``; the total runs from entering ``from_id``
    from the street to leaving ``to_id`` to the street. Raises ``UnreachableError`` when the stations are not
    joined by rail (by coach).
    """
    graph = net.graph
    view = nx.subgraph_view(graph, filter_edge=lambda u, v: graph.edges[u, v]["mode"] != "road")
    try:
        total, path = nx.single_source_dijkstra(view, from_id, in_layer(to_id, 1 if mode == "rail" else 2),
                                                weight="minutes")
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        raise UnreachableError(f"no {mode}-only journey from {from_id!r} to {to_id!r}") from None
    steps: list[list[Any]] = []  # [leg, line, minutes], consecutive edges of one leg and line merged
    for u, v in zip(path, path[1:]):
        d = graph.edges[u, v]
        if not d.get("leg"):
            continue
        key = (d["leg"], d.get("line") if d["leg"] == mode else None)
        if steps and tuple(steps[-1][:2]) == key:
            steps[-1][2] += d["minutes"]
        else:
            steps.append([key[0], key[1], d["minutes"]])
    in_vehicle = float(sum(m for leg, _, m in steps if leg == mode))
    text = " → ".join(f"{line or leg} {m:.0f}" for leg, line, m in steps)
    return in_vehicle, float(total), text


def _legs_text(trip: Any) -> str:
    parts = []
    for leg in trip.legs:
        label = leg.line_name or leg.mode
        parts.append(f"{label} {leg.minutes:.0f}")
    return " → ".join(parts)


def calibrate(
    net: Any,
    table: pd.DataFrame,
    *,
    tolerance: float = DEFAULT_TOLERANCE,
    router: Callable[..., Any] | None = None,
) -> pd.DataFrame:
    """Run the model for every calibration row and measure the fit.

    Parameters
    ----------
    net
        A :class:`wuzhen_geo.model.network.Network` (normally the ``today`` scenario); read only.
    table
        From :func:`read_calibration`.
    tolerance
        Relative tolerance of a row (0.25 = ±25 %), applied to the published range.
    router
        ``router(net, from_id, to_id, mode=...) -> Trip``; :func:`wuzhen_geo.model.routing.route` by default for
        car rows, and for rail rows the rail-only journey of :func:`rail_only_journey`.

    Returns
    -------
    pandas.DataFrame
        The table's columns plus ``model_minutes`` (comparable quantity), ``model_total_minutes`` (door to
        door on the same route), ``error_minutes`` and ``error_pct`` (model minus published central value),
        ``within_tolerance`` and ``route`` (legs); a row the model cannot route gets ``nan`` and
        ``within_tolerance`` False.
    """
    custom_router = router is not None
    if router is None:
        router = route

    rows = []
    by_period: dict[str, Any] = {}
    for rid, rec in table.iterrows():
        out = rec.to_dict()
        period = str(rec.get("period") or "").strip()
        here = net
        if period and net is not None and period != net.config.depart:  # the row's period, built once
            here = by_period.get(period) or by_period.setdefault(period, build_network(
                net.data, net.scenario, config=net.config.replace(depart=period)))
        try:
            if rec["mode"] in ("rail", "coach") and not custom_router:
                minutes, total, text = rail_only_journey(here, rec["from_id"], rec["to_id"], mode=rec["mode"])
            else:
                trip = router(here, rec["from_id"], rec["to_id"], mode=rec["mode"])
                minutes, total, text = comparable_minutes(trip, rec["mode"]), float(trip.minutes), _legs_text(trip)
        except UnreachableError as exc:
            log.warning("calibration row %s: %s", rid, exc)
            out.update(model_minutes=math.nan, model_total_minutes=math.nan, route=f"unreachable: {exc}")
        else:
            out.update(model_minutes=minutes, model_total_minutes=total, route=text)
        rows.append(out)
    result = pd.DataFrame(rows, index=table.index)
    result["error_minutes"] = result["model_minutes"] - result["observed_minutes"]
    result["error_pct"] = 100.0 * result["error_minutes"] / result["observed_minutes"]
    low_ok = result["model_minutes"] >= result["observed_low"] * (1 - tolerance)
    high_ok = result["model_minutes"] <= result["observed_high"] * (1 + tolerance)
    result["within_tolerance"] = (low_ok & high_ok).fillna(False).astype(bool)
    return result


def fit_summary(
    result: pd.DataFrame, *, independent_only: bool = False, mode: str | None = None
) -> dict[str, float]:
    """Headline numbers of a :func:`calibrate` result: rows, rows within tolerance and within the aim's ±15 %
    (``within_aim``, :data:`AIM_TOLERANCE`), median/mean errors.

    ``independent_only`` restricts them to the rows no model value was fitted to (``fitted_by`` empty);
    ``mode`` to the ``rail`` or ``car`` rows.
    """
    if independent_only:
        result = result[result["fitted_by"].fillna("").str.strip() == ""]
    if mode is not None:
        result = result[result["mode"] == mode]
    err = result["error_pct"].dropna() / 100.0
    model = result["model_minutes"]
    within_aim = (model >= result["observed_low"] * (1 - AIM_TOLERANCE)) & (
        model <= result["observed_high"] * (1 + AIM_TOLERANCE))
    return {
        "rows": int(len(result)),
        "routed": int(err.size),
        "within_tolerance": int(result["within_tolerance"].sum()),
        "within_aim": int(within_aim.fillna(False).sum()),
        "median_abs_error": float(err.abs().median()) if err.size else math.nan,
        "mean_error": float(err.mean()) if err.size else math.nan,
        "max_abs_error": float(err.abs().max()) if err.size else math.nan,
    }


def calibration_markdown(result: pd.DataFrame, *, names: pd.Series | None = None) -> str:
    """A Markdown table of a :func:`calibrate` result, one row per published time, plus the summary."""

    def name(pid: str) -> str:
        return str(names.get(pid, pid)) if names is not None else pid

    lines = [
        "| id | from → to | mode | kind | rel. | published (min) | model (min) | error | fit | fitted by | "
        "model door-to-door | route |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for _, r in result.iterrows():
        published = f"{r.observed_minutes:g}"
        if r.observed_low != r.observed_high:
            published += f" ({r.observed_low:g}–{r.observed_high:g})"
        model = "–" if math.isnan(r.model_minutes) else f"{r.model_minutes:.1f}"
        error = "–" if math.isnan(r.error_pct) else f"{r.error_pct:+.0f} %"
        total = "–" if math.isnan(r.model_total_minutes) else f"{r.model_total_minutes:.0f}"
        kind = f"{r.kind} ({r.period})" if str(r.get("period") or "").strip() else r.kind
        lines.append(
            f"| {r['id']} | {name(r.from_id)} → {name(r.to_id)} | {r['mode']} | {kind} | {r.reliability} | "
            f"{published} | {model} | {error} | {'ok' if r.within_tolerance else 'MISFIT'} | "
            f"{r.fitted_by or '–'} | {total} | {r.route} |"
        )
    lines.append("")
    summaries = [
        ("Independent rail rows", True, "rail"),
        ("Independent car rows", True, "car"),
        ("Independent coach rows", True, "coach"),
        ("Independent rows (no model value fitted to them)", True, None),
        ("All rows", False, None),
    ]
    for label, only, mode in summaries:
        s = fit_summary(result, independent_only=only, mode=mode)
        share = s["within_tolerance"] / s["rows"] if s["rows"] else math.nan
        aim = s["within_aim"] / s["rows"] if s["rows"] else math.nan
        lines.append(
            f"{label}: {s['rows']}; routed: {s['routed']}; within ±{DEFAULT_TOLERANCE:.0%}: "
            f"{s['within_tolerance']} ({share:.0%}); within ±{AIM_TOLERANCE:.0%}: {s['within_aim']} ({aim:.0%}); "
            f"median absolute error {s['median_abs_error']:.1%}; mean error "
            f"{s['mean_error']:+.1%} (positive = model slower than published); largest absolute error "
            f"{s['max_abs_error']:.1%}.  "
        )
    lines.append(f"Aim for the independent rows: at least {AIM_SHARE:.0%} within ±{AIM_TOLERANCE:.0%} and a median "
                 f"absolute error of at most {AIM_MEDIAN:.0%}.  ")
    return "\n".join(lines) + "\n"
