"""Answers built on the router: airport times, scenario comparisons, plan indicators and zone matrices.

Everything here reads a :class:`wuzhen_geo.network.Network` (never changes it) and returns plain
``pandas`` tables whose columns are documented per function, so that the CLI, the app and tests share them.

Attribution in :func:`compare` works on the routes themselves: a change between two networks is explained
by the plan projects (``projects.yaml``), scenario edits and project-less links (opened by status and year)
that are *present in one network and not the other* and whose members (links or places) appear in the
after-route or drop out of the before-route; an edit of a speed or headway also when a route uses its link.
A change with no such cause is labelled ``"network elsewhere"`` (e.g. a faster alternative that shares no
changed feature with either route).

Network lengths in :func:`plan_indicators` are measured in EPSG:32651, counting a line only where it runs
more than :data:`SAME_TRACK_M` from the lines already counted, so that service patterns drawn on one track
count once.
"""

from __future__ import annotations

import logging
import math
import threading
import weakref
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from .errors import UnreachableError, WuzhenGeoError
from .io import METRIC_CRS
from .places import origin_id, place_name

if TYPE_CHECKING:
    from .io import GeoData
    from .network import Network
    from .places import Origin

__all__ = [
    "MODES",
    "SAME_TRACK_M",
    "airport_ids",
    "airport_times",
    "cause_summary",
    "compare",
    "legs_text",
    "link_changes",
    "network_feature_ids",
    "plan_indicators",
    "project_changes",
    "zone_ids",
    "zone_matrix",
]

log = logging.getLogger(__name__)

MODES: tuple[str, ...] = ("car", "rail", "best")

# How a rail class is named in a legs text ("drive 25 min → HSR 17 min → metro 20 min").
_RAIL_LABEL = {"hsr": "HSR", "conventional": "train", "intercity": "intercity", "suburban": "suburban rail",
               "metro": "metro"}
_EPS_MIN = 0.05  # differences below 3 s are rounding noise, not a change
#: Two lines closer than this (metres) are taken as one track when measuring network length.
SAME_TRACK_M = 300.0


def _routing() -> Any:
    from . import routing  # late: routing imports the network stack

    return routing


def _fmt_min(minutes: float) -> str:
    return f"{minutes:.0f} min" if minutes >= 1 else "<1 min"


# --------------------------------------------------------------------------------------------------
# features of a network


# Per-network memo kept here, not on the shared Network object (which stays untouched).
_FEATURE_IDS: weakref.WeakKeyDictionary[Any, frozenset[str]] = weakref.WeakKeyDictionary()
_FEATURE_IDS_LOCK = threading.Lock()


def network_feature_ids(net: Network) -> frozenset[str]:
    """Ids of every place node and every link present in ``net`` (the scenario's active features)."""
    try:
        return _FEATURE_IDS[net]
    except (KeyError, TypeError):
        pass
    graph = net.graph
    ids: set[str] = {str(n) for n in graph.nodes if isinstance(n, str)}
    for *_, d in graph.edges(data=True):
        link = d.get("link_id")
        if link:
            ids.add(str(link))
    result = frozenset(ids)
    with _FEATURE_IDS_LOCK:
        try:
            _FEATURE_IDS[net] = result
        except TypeError:  # not weak-referenceable: no memo
            pass
    return result


def airport_ids(data: GeoData, net: Network | None = None) -> list[str]:
    """Airport place ids, in data order; only those in ``net`` when given."""
    ids = [str(i) for i in data.places.index[data.places["kind"] == "airport"]]
    if net is not None:
        present = network_feature_ids(net)
        ids = [i for i in ids if i in present]
    return ids


def zone_ids(data: GeoData) -> list[str]:
    """The zone ids, in data order."""
    return [str(i) for i in data.zones.index]


# --------------------------------------------------------------------------------------------------
# legs


def _leg_category(leg: Any) -> str:
    mode = getattr(leg, "mode", "")
    return mode if mode in ("car", "rail") else "stop"


def _stop_word(leg: Any) -> str:
    """What a non-moving leg is, for the compact legs text."""
    if leg.mode == "processing":
        return "station"
    if leg.mode == "wait":
        return "wait"
    line = (getattr(leg, "line_name", None) or "").lower()
    if "car park" in line or "drop-off" in line:
        return "drop-off/park"
    if "exit" in line:
        return "exit"
    return "walk"


def _stop_run_word(run: Sequence[Any]) -> str:
    words = {_stop_word(leg) for leg in run}
    if len(words) == 1:
        return words.pop()
    if "station" in words:
        return "check-in & wait"
    if "wait" in words:
        return "change"
    return "walk"


def _rail_label(data: GeoData | None, leg: Any) -> str:
    line_id = getattr(leg, "line_id", None)
    if data is not None and line_id and line_id in data.links.index:
        cls = data.links.at[line_id, "class"]
        return _RAIL_LABEL.get(str(cls), "rail")
    return "rail"


# Words of the legs text by language.
_WORDS = {
    "en": {"drive": "drive", "station": "station", "wait": "wait", "drop-off/park": "drop-off/park",
           "exit": "exit", "walk": "walk", "check-in & wait": "check-in & wait", "change": "change",
           "HSR": "HSR", "train": "train", "intercity": "intercity", "suburban rail": "suburban rail",
           "metro": "metro", "rail": "rail", "none": "no legs (origin is the destination)", "at": "at"},
    "zh": {"drive": "驾车", "station": "安检进站", "wait": "候车", "drop-off/park": "落客/停车", "exit": "出站",
           "walk": "步行", "check-in & wait": "安检候车", "change": "换乘", "HSR": "高铁", "train": "火车",
           "intercity": "城际", "suburban rail": "市域铁路", "metro": "地铁", "rail": "铁路",
           "none": "无需出行（起终点相同）", "at": "于"},
}


def _minutes_text(minutes: float, lang: str) -> str:
    text = _fmt_min(minutes)
    return text.replace("<1 min", "<1 分钟").replace(" min", " 分钟") if lang == "zh" else text


def legs_text(trip: Any, data: GeoData | None = None, *, detail: bool = False, lang: str = "en") -> str:
    """Describe a trip's legs: ``"drive 25 min → HSR 17 min → metro 20 min"`` (``lang="zh"``: Chinese).

    Runs of waiting, walking and station processing between moving legs are merged into one step
    (``"check-in & wait"`` before a train, ``"change"`` between trains, ``"walk"``, ``"exit"``,
    ``"drop-off/park"`` at an airport); with ``detail=True`` every leg is listed with its end points
    and line name.
    """
    words = _WORDS["zh" if lang == "zh" else "en"]
    legs = list(getattr(trip, "legs", []) or [])
    if not legs:
        return words["none"]

    def name(leg: Any, end: str) -> str:
        if lang == "zh":
            return getattr(leg, f"{end}_name_zh", "") or getattr(leg, f"{end}_name")
        return getattr(leg, f"{end}_name")

    if detail:
        parts = []
        for leg in legs:
            what = words[{"car": "drive", "rail": _rail_label(data, leg), "processing": "station"}.get(
                leg.mode, _stop_word(leg))]
            line = getattr(leg, "line_name_zh", None) if lang == "zh" else getattr(leg, "line_name", None)
            line = f" {line}" if leg.mode == "rail" and line else ""
            where = (f"{words['at']} {name(leg, 'from')}" if leg.from_id == leg.to_id
                     else f"{name(leg, 'from')} → {name(leg, 'to')}")
            parts.append(f"{what}{line} {where} {_minutes_text(leg.minutes, lang)}")
        return "; ".join(parts)
    steps: list[str] = []
    i = 0
    while i < len(legs):
        leg = legs[i]
        cat = _leg_category(leg)
        if cat == "stop":
            run = [leg]
            while i + 1 < len(legs) and _leg_category(legs[i + 1]) == "stop":
                i += 1
                run.append(legs[i])
            minutes = sum(r.minutes for r in run)
            if minutes >= 0.5:
                steps.append(f"{words[_stop_run_word(run)]} {_minutes_text(minutes, lang)}")
        elif cat == "car":
            minutes = leg.minutes
            while i + 1 < len(legs) and _leg_category(legs[i + 1]) == "car":
                i += 1
                minutes += legs[i].minutes
            steps.append(f"{words['drive']} {_minutes_text(minutes, lang)}")
        else:
            label, line, minutes = _rail_label(data, leg), leg.line_id, leg.minutes
            while i + 1 < len(legs) and legs[i + 1].mode == "rail" and legs[i + 1].line_id == line:
                i += 1
                minutes += legs[i].minutes
            steps.append(f"{words[label]} {_minutes_text(minutes, lang)}")
        i += 1
    return " → ".join(steps)


def _trip_feature_ids(trip: Any) -> set[str]:
    """Links and places named by a trip's legs (line ids and end points)."""
    ids: set[str] = set()
    for leg in getattr(trip, "legs", []) or []:
        for attr in ("line_id", "from_id", "to_id"):
            value = getattr(leg, attr, None)
            if value:
                ids.add(str(value))
    return ids


def _path_feature_ids(net: Network, origin: Origin, destination: str, trip: Any) -> set[str]:
    """Every link and place on the path of ``trip`` (the router merges driving legs and drops road ids).

    An adapter over the router's own path search, so that the path is the one :func:`routing.route` chose;
    falls back to the legs if the router's internals change.
    """
    routing = _routing()
    ids = _trip_feature_ids(trip)
    try:
        car = trip.mode == "car"
        sources = routing._ends(net, origin, layer=0)
        targets = routing._ends(net, destination, layer=0 if car else 1)
        _, path, _, _ = routing._best_path(net, sources, targets, car=car)
    except (AttributeError, TypeError, ValueError, UnreachableError) as exc:  # pragma: no cover - defensive
        log.debug("path ids from legs only (%s)", exc)
        return ids
    graph = net.graph
    for u, v in zip(path, path[1:]):
        link = graph.edges[u, v].get("link_id")
        if link:
            ids.add(str(link))
    for node in path:
        place = graph.nodes[node].get("place")
        if place:
            ids.add(str(place))
    return ids


# --------------------------------------------------------------------------------------------------
# airport times


def airport_times(
    net: Network,
    origin: Origin,
    *,
    airports: Sequence[str] | None = None,
    modes: Sequence[str] = MODES,
) -> pd.DataFrame:
    """Time from ``origin`` to each airport by car, by rail and the best of both, with the legs.

    Parameters
    ----------
    net
        A built network (read only).
    origin
        Place id, zone id or WGS-84 point (see :func:`wuzhen_geo.places.resolve_origin`).
    airports
        Airport place ids; every airport of the data by default (those absent from the scenario get a row
        saying so).
    modes
        Any of ``"car"``, ``"rail"``, ``"best"``.

    Returns
    -------
    DataFrame
        One row per airport × mode: ``from_id``, ``airport_id``, ``iata``, ``name_zh``, ``name_en``,
        ``mode``, ``reachable`` (bool), ``minutes``, ``km`` (NaN when unreachable), ``trip_mode`` (the mode
        of the best trip), ``legs_text`` (or the reason it is unreachable) and ``legs`` (list of ``Leg``).
    """
    routing = _routing()
    data = net.data
    ids = list(airports) if airports is not None else airport_ids(data)
    present = network_feature_ids(net)
    rows = []
    for apt in ids:
        base = {
            "from_id": origin_id(origin),
            "airport_id": apt,
            "iata": _iata(data, apt),
            "name_zh": place_name(data, apt, "zh"),
            "name_en": place_name(data, apt, "en"),
        }
        trips: dict[str, Any] = {}  # car and rail trips, reused for "best" (the faster of the two)
        for mode in modes:
            row = dict(base, mode=mode, reachable=False, minutes=math.nan, km=math.nan, trip_mode=None,
                       legs_text="", legs=[])
            if apt not in present:
                row["legs_text"] = "unreachable: the airport is not in this scenario's network"
            else:
                try:
                    if mode == "best" and "car" in trips and "rail" in trips:
                        found = [t for t in (trips["car"], trips["rail"]) if not isinstance(t, Exception)]
                        if not found:
                            raise UnreachableError(f"{origin_id(origin)} -> {apt}: unreachable by car and by rail "
                                                   f"in scenario {getattr(net.scenario, 'name', '')!r}")
                        trip = min(found, key=lambda t: t.minutes)
                    else:
                        try:
                            trip = routing.route(net, origin, apt, mode=mode)
                        except UnreachableError as exc:
                            trips[mode] = exc
                            raise
                        trips[mode] = trip
                except UnreachableError as exc:
                    row["legs_text"] = f"unreachable: {exc}"
                else:
                    row.update(reachable=True, minutes=float(trip.minutes), km=float(trip.km),
                               trip_mode=getattr(trip, "mode", mode), legs_text=legs_text(trip, data),
                               legs=list(trip.legs))
            rows.append(row)
    return pd.DataFrame(rows, columns=["from_id", "airport_id", "iata", "name_zh", "name_en", "mode", "reachable",
                                       "minutes", "km", "trip_mode", "legs_text", "legs"])


def _iata(data: GeoData, place_id: str) -> str | None:
    if "iata" in data.places.columns and place_id in data.places.index:
        value = data.places.at[place_id, "iata"]
        return str(value) if isinstance(value, str) and value else None
    return None


# --------------------------------------------------------------------------------------------------
# matrices


def _time_table(net: Network, origins: Sequence[Origin], destinations: Sequence[str], mode: str) -> pd.DataFrame:
    """``from_id``, ``to_id``, ``minutes`` (inf when unreachable) using the router's matrix fast path.

    ``from_id`` is :func:`~wuzhen_geo.places.origin_id` of each origin; destinations absent from the network
    are unreachable rather than an error.
    """
    routing = _routing()
    present = network_feature_ids(net)
    dests = [d for d in destinations if d in present or d in net.data.zones.index]
    keys = [origin_id(o) for o in origins]
    full = pd.MultiIndex.from_product([keys, list(destinations)], names=["from_id", "to_id"])
    if not dests or not origins:
        return pd.Series(math.inf, index=full, name="minutes").reset_index()
    table = routing.travel_time_matrix(net, list(origins), dests, mode=mode)
    # The router labels rows in origin order, len(dests) rows per origin: relabel with our stable keys.
    table = table.assign(from_id=np.repeat(keys, len(dests)), to_id=dests * len(keys))
    minutes = table.set_index(["from_id", "to_id"])["minutes"].astype(float)
    minutes = minutes[~minutes.index.duplicated()].reindex(full).fillna(math.inf)
    return minutes.rename("minutes").reset_index()


def zone_matrix(
    net: Network,
    destinations: Sequence[str] | None = None,
    *,
    mode: str = "best",
    origins: Sequence[Origin] | None = None,
) -> pd.DataFrame:
    """Zones × destinations table of minutes (``inf`` = unreachable).

    Parameters
    ----------
    destinations
        Place ids; by default the airports and the city centres present in the network.
    origins
        Defaults to the zone ids.

    Returns
    -------
    DataFrame
        Index = origin ids, columns = destination ids, values = minutes.
    """
    data = net.data
    if destinations is None:
        present = network_feature_ids(net)
        kinds = data.places["kind"]
        destinations = [str(i) for i in data.places.index[kinds.isin(["airport", "city_centre"])] if i in present]
    origins = list(origins) if origins is not None else zone_ids(data)
    table = _time_table(net, origins, list(destinations), mode)
    wide = table.pivot(index="from_id", columns="to_id", values="minutes")
    return wide.reindex(index=[origin_id(o) for o in origins], columns=list(destinations))


# --------------------------------------------------------------------------------------------------
# comparison


def project_changes(net_before: Network, net_after: Network) -> list[dict[str, Any]]:
    """Projects and edits present in one network and not the other.

    Returns a list of ``{"id", "label", "change", "members"}``: projects are ``"added"`` or ``"removed"``
    (present when any member is in the network); scenario edits (ids ``edit:N``, numbered in their own
    scenario) are ``"applied"`` (only in the after-scenario) or ``"dropped"`` (only in the before one).
    """
    data = net_after.data
    before, after = network_feature_ids(net_before), network_feature_ids(net_after)
    out = []
    for prj in data.projects:
        members = frozenset(str(m) for m in (prj.get("members") or []))
        if not members:
            continue
        in_before, in_after = bool(members & before), bool(members & after)
        # Partly present on both sides still changes when its present members differ.
        if in_before == in_after and (members & before) == (members & after):
            continue
        change = "added" if len(members & after) > len(members & before) else "removed"
        out.append({"id": str(prj.get("id")), "label": f"{prj.get('name_zh')} / {prj.get('name_en')}",
                    "change": change, "members": members})
    for side, net, other, prefix in (("applied", net_after, net_before, "edit:"),
                                     ("dropped", net_before, net_after, "edit:before:")):
        edits_here = _edits(net)
        edits_other = {repr(e) for e in _edits(other)}
        for k, edit in enumerate(edits_here):
            if repr(edit) in edits_other:
                continue
            members = frozenset(_edit_targets(edit))
            label = _edit_label(edit, k)
            out.append({"id": f"{prefix}{k + 1}", "label": label, "change": side, "members": members})
    return out


def link_changes(net_before: Network, net_after: Network) -> list[dict[str, Any]]:
    """Links in one network and not the other that no plan project or edit accounts for.

    They come in by status and year alone (e.g. a line under construction that opens by the scenario's
    year without being listed in ``projects.yaml``). Same dict shape as :func:`project_changes`, with the
    link id as ``id`` and ``change`` ``"opened"``, ``"closed"`` or ``"replaced"`` (by a link that lists it
    in ``replaces``).
    """
    data = net_after.data
    accounted: set[str] = set()
    for prj in data.projects:
        accounted.update(str(m) for m in (prj.get("members") or []))
    for net in (net_before, net_after):
        for edit in _edits(net):
            accounted.update(_edit_targets(edit))
    links = data.links
    before, after = network_feature_ids(net_before), network_feature_ids(net_after)
    replaced_by: dict[str, str] = {}
    if "replaces" in links.columns:
        for lid, value in links["replaces"].items():
            if lid in after and isinstance(value, (list, tuple)):
                for old in value:
                    replaced_by.setdefault(str(old), str(lid))
    out = []
    for change, ids in (("opened", after - before), ("closed", before - after)):
        for lid in sorted(i for i in ids if i in links.index and i not in accounted):
            row = links.loc[lid]
            year = row.get("open_year")
            when = f", {int(year)}" if isinstance(year, (int, float)) and not pd.isna(year) else ""
            kind = change
            if change == "closed" and lid in replaced_by:
                kind = "replaced"
                when += f", by {replaced_by[lid]}"
            out.append({"id": lid, "change": kind, "members": frozenset([lid]),
                        "label": f"{row.get('name_zh')} / {row.get('name_en')} ({lid}: {row.get('status')}{when})"})
    return out


def _edits(net: Network) -> list[Any]:
    scenario = getattr(net, "scenario", None)
    return list(getattr(scenario, "edits", ()) or ()) if scenario is not None else []


def _edit_targets(edit: Any) -> list[str]:
    """Link and place ids an edit touches (``scenarios.AddLink``: its id and place stops; others: ``link``)."""
    ids: list[str] = []
    for attr in ("id", "link"):
        value = getattr(edit, attr, None)
        if isinstance(value, str) and value:
            ids.append(value)
    for stop in getattr(edit, "stops", None) or ():
        if isinstance(stop, str):
            ids.append(stop)
    return ids


def _edit_label(edit: Any, index: int) -> str:
    kind = getattr(edit, "type", None) or type(edit).__name__
    target = getattr(edit, "link", None) or getattr(edit, "id", None) or ""
    extra = ""
    if getattr(edit, "speed_kmh", None) is not None and kind == "set_speed":
        extra = f" to {edit.speed_kmh:g} km/h"
    elif getattr(edit, "headway_min", None) is not None and kind == "set_headway":
        extra = f" to {edit.headway_min:g} min"
    name = getattr(edit, "name_en", None) or getattr(edit, "name_zh", None) or ""
    text = f"edit {index + 1}: {kind} {target}{extra}".strip()
    return f"{text} ({name})" if name else text


def compare(
    net_before: Network,
    net_after: Network,
    origins: Sequence[Origin] | None = None,
    destinations: Sequence[str] | None = None,
    *,
    mode: str = "best",
) -> pd.DataFrame:
    """Travel times before and after, per origin–destination pair, with the projects/edits that cause each change.

    Parameters
    ----------
    net_before, net_after
        Two networks on the same data (e.g. ``today`` and ``plan-full``).
    origins
        Defaults to the zones.
    destinations
        Defaults to the airports and city centres present in either network.
    mode
        ``"car"``, ``"rail"`` or ``"best"``.

    Returns
    -------
    DataFrame
        ``from_id``, ``to_id``, ``mode``, ``before``, ``after`` (minutes; ``inf`` when unreachable),
        ``difference`` (after − before; negative = faster), ``causes`` (project ids, ``edit:N``, or the
        ids of links that opened or closed by status and year without a project),
        ``causes_text`` and ``via`` (legs text of the after-route when it changed).
    """
    data = net_after.data
    origins = list(origins) if origins is not None else zone_ids(data)
    if destinations is None:
        present = network_feature_ids(net_before) | network_feature_ids(net_after)
        kinds = data.places["kind"]
        destinations = [str(i) for i in data.places.index[kinds.isin(["airport", "city_centre"])] if i in present]
    destinations = list(destinations)
    before = _time_table(net_before, origins, destinations, mode).rename(columns={"minutes": "before"})
    after = _time_table(net_after, origins, destinations, mode).rename(columns={"minutes": "after"})
    table = before.merge(after, on=["from_id", "to_id"], how="left")  # both hold every pair, in order
    with np.errstate(invalid="ignore"):
        diff = table["after"] - table["before"]
    both_inf = np.isinf(table["after"]) & np.isinf(table["before"])
    table["difference"] = diff.where(~both_inf, 0.0)
    table.insert(2, "mode", mode)

    changes = project_changes(net_before, net_after) + link_changes(net_before, net_after)
    by_key = {origin_id(o): o for o in origins}
    causes, causes_text, via = [], [], []
    routing = _routing()
    for row in table.itertuples(index=False):
        if abs(row.difference) <= _EPS_MIN:
            causes.append([])
            causes_text.append("")
            via.append("")
            continue
        origin = by_key[row.from_id]
        trip_before = _trip_or_none(routing, net_before, origin, row.to_id, mode)
        trip_after = _trip_or_none(routing, net_after, origin, row.to_id, mode)
        used_before = _path_feature_ids(net_before, origin, row.to_id, trip_before) if trip_before else set()
        used_after = _path_feature_ids(net_after, origin, row.to_id, trip_after) if trip_after else set()
        gained, lost = used_after - used_before, used_before - used_after
        # A project explains the change when its members enter or leave the route; an edit (a new speed
        # or headway) also when it touches a link that both routes use.
        found = [c for c in changes
                 if c["members"] & (gained | lost)
                 or (c["change"] in ("applied", "dropped") and c["members"] & (used_after | used_before))]
        causes.append([c["id"] for c in found])
        if found:
            causes_text.append("; ".join(c["label"] if c["change"] == "applied" else f"{c['change']} {c['label']}"
                                         for c in found))
        elif math.isinf(row.after):
            causes_text.append("unreachable after")
        else:
            causes_text.append("network elsewhere (no changed feature on either route)")
        via.append(legs_text(trip_after, data) if trip_after is not None else "unreachable")
    table["causes"] = causes
    table["causes_text"] = causes_text
    table["via"] = via
    return table


def cause_summary(table: pd.DataFrame) -> pd.DataFrame:
    """Per cause of a :func:`compare` table: how many pairs it speeds up or slows down, and by how much.

    Returns
    -------
    DataFrame
        ``cause``, ``label``, ``pairs_faster``, ``pairs_slower``, ``pairs_newly_reachable``,
        ``best_gain_min`` (most negative finite difference), ``mean_gain_min`` (mean over the faster pairs)
        and ``origins`` (the origins it helps), sorted by the number of faster pairs.
    """
    rows: dict[str, dict[str, Any]] = {}
    for row in table.itertuples(index=False):
        texts = [t.strip() for t in str(row.causes_text).split(";")] if row.causes else []
        for i, cause in enumerate(row.causes):
            entry = rows.setdefault(cause, {"cause": cause, "label": texts[i] if i < len(texts) else cause,
                                            "pairs_faster": 0, "pairs_slower": 0, "pairs_newly_reachable": 0,
                                            "gains": [], "origins": []})
            if math.isinf(row.before) and math.isfinite(row.after):
                entry["pairs_newly_reachable"] += 1
            elif row.difference < -_EPS_MIN:
                entry["pairs_faster"] += 1
                entry["gains"].append(row.difference)
            elif row.difference > _EPS_MIN:
                entry["pairs_slower"] += 1
            if (row.difference < -_EPS_MIN or math.isinf(row.before)) and row.from_id not in entry["origins"]:
                entry["origins"].append(row.from_id)
    out = []
    for entry in rows.values():
        gains = entry.pop("gains")
        entry["best_gain_min"] = min(gains) if gains else math.nan
        entry["mean_gain_min"] = sum(gains) / len(gains) if gains else math.nan
        out.append(entry)
    columns = ["cause", "label", "pairs_faster", "pairs_slower", "pairs_newly_reachable", "best_gain_min",
               "mean_gain_min", "origins"]
    frame = pd.DataFrame(out, columns=columns)
    return frame.sort_values(["pairs_faster", "pairs_newly_reachable"], ascending=False, ignore_index=True)


def _trip_or_none(routing: Any, net: Network, origin: Origin, dest: str, mode: str) -> Any:
    if dest not in network_feature_ids(net):
        return None
    try:
        return routing.route(net, origin, dest, mode=mode)
    except UnreachableError:
        return None


# --------------------------------------------------------------------------------------------------
# plan indicators


def _as_list(value: Any) -> list[str] | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


def _length_km(links: gpd.GeoDataFrame, area: Any) -> float:
    """Length (km) of the track of ``links`` inside ``area`` (both EPSG:4326), measured in EPSG:32651.

    Service patterns on one track are drawn more than once, not always with the same vertices, so a line
    counts only where it runs more than :data:`SAME_TRACK_M` from the lines already counted. Lines with
    more vertices (the more faithful drawings) are counted first. Where a new line branches off, the short
    stretch still within ``SAME_TRACK_M`` of the counted track is not counted.
    """
    if links.empty:
        return 0.0
    metric = links.geometry.to_crs(METRIC_CRS)
    area_m = gpd.GeoSeries([area], crs=links.crs).to_crs(METRIC_CRS).iloc[0]
    order = sorted(metric.values, key=lambda g: -shapely.get_num_coordinates(g))
    counted: Any = None
    total = 0.0
    for geom in order:
        part = shapely.intersection(geom, area_m)
        if counted is not None and not part.is_empty:
            part = shapely.difference(part, shapely.buffer(counted, SAME_TRACK_M))
        total += float(part.length)
        counted = geom if counted is None else shapely.union(counted, geom)
    return total / 1000.0


def _length_rows(net: Network, data: GeoData, target: dict[str, Any]) -> list[dict[str, Any]]:
    within = target.get("within")
    if within not in data.boundaries.index:
        raise WuzhenGeoError(f"targets.yaml: {target.get('id')}: boundary {within!r} not found; "
                             "give the id of a feature in boundaries.geojson")
    area = data.boundaries.geometry.loc[within]
    links = data.links
    sel = links["mode"] == target.get("mode")
    classes = _as_list(target.get("class"))
    if classes:
        sel &= links["class"].isin(classes)
    chosen = links[sel]
    present = network_feature_ids(net)
    active = chosen[chosen.index.isin(list(present))]
    by_status = {s: _length_km(chosen[chosen["status"] == s], area)
                 for s in ("open", "under_construction", "planned", "proposed")}
    value = _length_km(active, area)
    target_km = float(target.get("target_km") or 0.0)
    detail = ", ".join(f"{s} {v:.1f} km" for s, v in by_status.items() if v > 0) or "no such links"
    return [{
        "id": target.get("id"), "name_zh": target.get("name_zh"), "name_en": target.get("name_en"),
        "kind": "network_length", "to_id": None, "target": target_km, "value": round(value, 1), "unit": "km",
        "met": value >= target_km, "detail": f"in scenario {value:.1f} km of {target_km:g} km "
        f"(target year {target.get('year')}); in the data by status: {detail}",
        **{f"km_{s}": round(v, 1) for s, v in by_status.items()},
    }]


def _travel_rows(net: Network, data: GeoData, target: dict[str, Any], zones: Sequence[str],
                 mode: str) -> list[dict[str, Any]]:
    limit = float(target.get("max_minutes"))
    dests = _as_list(target.get("to")) or []
    table = _time_table(net, list(zones), dests, mode)
    rows = []
    for dest in dests:
        minutes = table.loc[table["to_id"] == dest].set_index("from_id")["minutes"]
        within = [z for z, m in minutes.items() if m <= limit]
        worst_zone = minutes.idxmax() if len(minutes) else None
        worst = float(minutes.max()) if len(minutes) else math.inf
        if dest not in network_feature_ids(net):
            detail = f"{dest} is not in this scenario's network"
        else:
            slow = ", ".join(f"{place_name(data, z)} {m:.0f} min" if math.isfinite(m)
                             else f"{place_name(data, z)} unreachable" for z, m in minutes.items() if m > limit)
            detail = f"{len(within)}/{len(minutes)} zones within {limit:g} min" + (f"; over: {slow}" if slow else "")
        rows.append({
            "id": target.get("id"), "name_zh": target.get("name_zh"), "name_en": target.get("name_en"),
            "kind": "travel_time", "to_id": dest, "target": limit,
            "value": round(worst, 1) if math.isfinite(worst) else math.inf, "unit": "min (slowest zone)",
            "met": bool(len(minutes)) and len(within) == len(minutes), "detail": detail,
            "zones_within": len(within), "zones": len(minutes), "slowest_zone": worst_zone,
        })
    return rows


def plan_indicators(net: Network, data: GeoData | None = None, *, mode: str = "best") -> pd.DataFrame:
    """Measure the plan targets of ``targets.yaml`` on a network.

    ``travel_time`` targets give one row per destination: how many zones reach it within ``max_minutes``
    (``value`` = minutes from the slowest zone). ``network_length`` targets give the length of the matching
    links (``mode``, ``class``) inside the ``within`` boundary that are in the scenario (``value``, km), with
    the lengths in the data by status (``km_open`` … ``km_proposed``).

    Returns
    -------
    DataFrame
        ``id``, ``name_zh``, ``name_en``, ``kind``, ``to_id``, ``target``, ``value``, ``unit``, ``met``,
        ``detail`` and the kind-specific columns above.
    """
    data = data if data is not None else net.data
    zones = zone_ids(data)
    rows: list[dict[str, Any]] = []
    for target in data.targets:
        kind = target.get("kind")
        if kind == "travel_time":
            rows.extend(_travel_rows(net, data, target, zones, mode))
        elif kind == "network_length":
            rows.extend(_length_rows(net, data, target))
        else:
            log.warning("targets.yaml: %s: unknown kind %r skipped", target.get("id"), kind)
    return pd.DataFrame(rows)
