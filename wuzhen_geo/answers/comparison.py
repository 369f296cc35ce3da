"""Compare two scenarios: travel times before and after, and the projects, edits or links behind each change.

Attribution works on the routes themselves: a change between two networks is explained by the plan projects
(``projects.yaml``), scenario edits and project-less links (opened by status and year) that are *present in
one network and not the other* and whose members (links or places) appear in the after-route or drop out of
the before-route; an edit of a speed or headway also when a route uses its link. A change with no such cause
is labelled ``"network elsewhere"`` (e.g. a faster alternative that shares no changed feature with either
route). :func:`cause_summary` totals the gains per cause.

The times and routes are the answers every view shows (:mod:`wuzhen_geo.answers.trip_answers`: by rail a trip
that passes the rail-trip rule), and a route's features are its :attr:`~wuzhen_geo.model.trips.Trip.feature_ids`
(every link and place of the path). :func:`compare_modes` puts fastest, car and rail side by side, so that a
change that shows under one mode only (a rail link that does not beat the car) is seen.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from wuzhen_geo.answers.legs_text import legs_text
from wuzhen_geo.answers.matrices import zone_ids
from wuzhen_geo.answers.planning import comparison_destinations, edit_title
from wuzhen_geo.answers.trip_answers import answer_minutes, trip_answers
from wuzhen_geo.model import Network, Origin, Trip, origin_id
from wuzhen_geo.vocabulary import changed_as_shown, shown_change

__all__ = ["MODE_COLUMNS", "cause_summary", "compare", "compare_modes", "link_changes", "project_changes",
           "trip_feature_ids"]

log = logging.getLogger(__name__)

_EPS_MIN = 0.05  # differences below 3 s are rounding noise: such pairs are not routed for their causes


def project_changes(net_before: Network, net_after: Network) -> list[dict[str, Any]]:
    """Projects and edits present in one network and not the other.

    Returns a list of ``{"id", "label", "change", "members"}``: projects are ``"added"`` or ``"removed"``
    (present when any of its links is in the network, or any member for a project of places only: a station
    another project's line brings in does not make the station's own project "added"); scenario edits (numbered in their own
    scenario: ``edit:N`` after, ``edit:before:N`` before) are ``"applied"`` (only in the after-scenario) or
    ``"dropped"`` (only in the before one).
    """
    data = net_after.data
    before, after = net_before.feature_ids, net_after.feature_ids
    out = []
    for prj in data.projects:
        members = _project_members(data, prj)
        if not members:
            continue
        own = frozenset(m for m in members if m in data.links.index) or members  # its lines define it
        in_before, in_after = bool(own & before), bool(own & after)
        if not in_before and not in_after:
            continue
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
            label = _edit_label(edit, data)
            out.append({"id": f"{prefix}{k + 1}", "label": label, "change": side, "members": members})
    return out


def _project_members(data: Any, prj: dict) -> frozenset[str]:
    """A project's members and the service patterns that run on their tracks (a link's ``pattern_of``): an
    express on a project's line is that project's doing, not a link of its own."""
    members = {str(m) for m in (prj.get("members") or [])}
    if "pattern_of" in data.links.columns:
        members |= {str(lid) for lid, parent in data.links["pattern_of"].items() if parent in members}
    return frozenset(members)


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
        accounted.update(_project_members(data, prj))
    for net in (net_before, net_after):
        for edit in _edits(net):
            accounted.update(_edit_targets(edit))
    links = data.links
    before, after = net_before.feature_ids, net_after.feature_ids
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


def _edit_label(edit: Any, data: Any) -> str:
    """A scenario edit as a cause, ``"zh / en"``: ``"your rail link Wuzhen town centre – Tongxiang Station"`` (the
    edit's own name when it has one, else its stops; :func:`~wuzhen_geo.answers.planning.edit_title`)."""
    return " / ".join(edit_title(edit, data, lang) for lang in ("zh", "en"))


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
        Defaults to the airports, city centres and high-speed rail stations present in either network
        (:func:`~wuzhen_geo.answers.planning.comparison_destinations`, as the planner compares).
    mode
        ``"car"``, ``"rail"`` or ``"best"``.

    Returns
    -------
    DataFrame
        ``from_id``, ``to_id``, ``mode``, ``before``, ``after`` (minutes; ``inf`` when unreachable),
        ``difference`` (after − before; negative = faster; 0 when unreachable on both sides),
        ``reason_before``, ``reason_after`` (``""``, or why there is no trip: ``"no_rail_route"``,
        ``"not_in_scenario"``, ``"unreachable"``), ``causes`` (project ids, ``edit:N``, or the ids of links
        that opened or closed by status and year without a project), ``causes_text`` (``"zh / en"`` per cause,
        ``"; "`` between causes; a scenario edit as ``"your rail link Wuzhen town centre – Tongxiang
        Station"``) and ``via`` (legs text of the after-route when it changed).

    Notes
    -----
    The minutes are those of :func:`~wuzhen_geo.answers.trip_answers.trip_answer` on each network: by rail a
    trip that passes the rail-trip rule, best the faster of car and that.
    """
    data = net_after.data
    origins = list(origins) if origins is not None else zone_ids(data)
    destinations = list(destinations) if destinations is not None else comparison_destinations(data, net_before,
                                                                                                 net_after)
    before = answer_minutes(net_before, origins, destinations, mode=mode).rename(
        columns={"minutes": "before", "reason": "reason_before"})
    after = answer_minutes(net_after, origins, destinations, mode=mode).rename(
        columns={"minutes": "after", "reason": "reason_after"})
    table = before.merge(after, on=["from_id", "to_id"], how="left")  # both hold every pair, in order
    with np.errstate(invalid="ignore"):
        diff = table["after"] - table["before"]
    both_inf = np.isinf(table["after"]) & np.isinf(table["before"])
    table["difference"] = diff.where(~both_inf, 0.0)
    table.insert(2, "mode", mode)
    table = table[["from_id", "to_id", "mode", "before", "after", "difference", "reason_before", "reason_after"]]

    changes = project_changes(net_before, net_after) + link_changes(net_before, net_after)
    by_key = {origin_id(o): o for o in origins}
    changed = table.index[~(np.abs(table["difference"].to_numpy()) <= _EPS_MIN)]  # as the loop below
    # Route only the changed pairs, one shortest-path tree per origin, network and mode for all of them.
    trips_before = _trips(net_before, by_key, table.loc[changed], mode)
    trips_after = _trips(net_after, by_key, table.loc[changed], mode)
    causes, causes_text, via = [], [], []
    for row in table.itertuples(index=False):
        if abs(row.difference) <= _EPS_MIN:
            causes.append([])
            causes_text.append("")
            via.append("")
            continue
        trip_before = trips_before.get((row.from_id, row.to_id))
        trip_after = trips_after.get((row.from_id, row.to_id))
        used_before = _used(trip_before)
        used_after = _used(trip_after)
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


#: Columns of :func:`compare_modes` per mode, each followed by ``_best``, ``_car`` or ``_rail``.
MODE_COLUMNS = ("before", "after", "difference", "reason_before", "reason_after", "causes", "causes_text", "via")


def compare_modes(
    net_before: Network,
    net_after: Network,
    origins: Sequence[Origin] | None = None,
    destinations: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Fastest, car and rail side by side: one row per origin–destination pair, :func:`compare` of each mode.

    Returns
    -------
    DataFrame
        ``from_id``, ``to_id``; for each mode ``m`` of ``best``, ``car``, ``rail`` the columns of
        :data:`MODE_COLUMNS` as :func:`compare` gives them, named ``<column>_<m>`` (``before_best``,
        ``after_best``, ``difference_best``, ``reason_before_best``, ``reason_after_best``, ``causes_best``,
        ``causes_text_best``, ``via_best``, ``before_car`` …); and ``changed_modes``, the modes whose time
        changes as shown (:func:`~wuzhen_geo.vocabulary.changed_as_shown`; ``("rail",)`` for a change that
        shows under rail only).
    """
    data = net_after.data
    origins = list(origins) if origins is not None else zone_ids(data)
    destinations = list(destinations) if destinations is not None else comparison_destinations(data, net_before,
                                                                                                 net_after)
    out: pd.DataFrame | None = None
    for mode in ("best", "car", "rail"):
        part = compare(net_before, net_after, origins, destinations, mode=mode)
        part = part[["from_id", "to_id", *MODE_COLUMNS]].rename(columns={c: f"{c}_{mode}" for c in MODE_COLUMNS})
        out = part if out is None else out.merge(part, on=["from_id", "to_id"], how="left")
    assert out is not None
    changed = {m: changed_as_shown(out[f"before_{m}"], out[f"after_{m}"]) for m in ("best", "car", "rail")}
    out["changed_modes"] = [tuple(m for m in ("best", "car", "rail") if changed[m][i]) for i in range(len(out))]
    return out


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
            change = shown_change(row.before, row.after)  # as the rows show it (changed_as_shown)
            if math.isinf(row.before) and math.isfinite(row.after):
                entry["pairs_newly_reachable"] += 1
            elif change < 0:
                entry["pairs_faster"] += 1
                entry["gains"].append(change)
            elif change > 0:
                entry["pairs_slower"] += 1
            if (change < 0 or math.isinf(row.before)) and row.from_id not in entry["origins"]:
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


def _trips(net: Network, by_key: dict[str, Origin], pairs: pd.DataFrame, mode: str) -> dict[tuple[str, str], Any]:
    """The answer trips (:func:`~wuzhen_geo.answers.trip_answers.trip_answer`) of ``pairs`` (``from_id``,
    ``to_id``) in ``net``, by pair; pairs without a trip left out."""
    out: dict[tuple[str, str], Any] = {}
    for from_id, group in pairs.groupby("from_id", sort=False):
        found = trip_answers(net, by_key[from_id], list(dict.fromkeys(group["to_id"])), mode=mode)
        out.update(((from_id, d), trip) for d, trip in found.items() if isinstance(trip, Trip))
    return out


def _used(trip: Any) -> set[str]:
    """Every link and place a trip uses, and the ends its legs name (a point origin's label among them)."""
    if trip is None:
        return set()
    return set(trip.feature_ids) | trip_feature_ids(trip)


def trip_feature_ids(trip: Any) -> set[str]:
    """Links and places named by a trip's legs (line ids and end points)."""
    ids: set[str] = set()
    for leg in getattr(trip, "legs", []) or []:
        for attr in ("line_id", "from_id", "to_id"):
            value = getattr(leg, attr, None)
            if value:
                ids.add(str(value))
    return ids
