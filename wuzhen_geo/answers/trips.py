"""Trip helpers shared by the answers: what a network holds, time tables, and trips described in words.

* :func:`network_feature_ids`: the place and link ids present in a network (a scenario's active features);
* :func:`time_table`: minutes for origins × destinations from the router's fast path, keyed by
  :func:`~wuzhen_geo.answers.places.origin_id`, unreachable as ``inf``;
* :func:`legs_text`: ``"drive 25 min → HSR 17 min → metro 20 min"`` (English or Chinese);

Nothing here changes a :class:`~wuzhen_geo.model.network.Network`: a per-network memo lives in this module.
"""

from __future__ import annotations

import logging
import math
import threading
import weakref
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from wuzhen_geo.answers.places import origin_id

if TYPE_CHECKING:
    from wuzhen_geo.data.io import GeoData
    from wuzhen_geo.model.network import Network
    from wuzhen_geo.answers.places import Origin

__all__ = [
    "airport_ids",
    "default_destinations",
    "legs_text",
    "network_feature_ids",
    "time_table",
    "trip_feature_ids",
    "zone_ids",
]

log = logging.getLogger(__name__)

# How a rail class is named in a legs text ("drive 25 min → HSR 17 min → metro 20 min").
_RAIL_LABEL = {"hsr": "HSR", "conventional": "train", "intercity": "intercity", "suburban": "suburban rail",
               "metro": "metro"}


def _routing() -> Any:
    from wuzhen_geo.model import routing

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


def default_destinations(data: GeoData, *nets: Network) -> list[str]:
    """The airports and city centres present in any of ``nets``, in data order."""
    present: set[str] = set()
    for net in nets:
        present |= network_feature_ids(net)
    kinds = data.places["kind"]
    return [str(i) for i in data.places.index[kinds.isin(["airport", "city_centre"])] if i in present]


# --------------------------------------------------------------------------------------------------
# time tables


def time_table(net: Network, origins: Sequence[Origin], destinations: Sequence[str], mode: str) -> pd.DataFrame:
    """``from_id``, ``to_id``, ``minutes`` (inf when unreachable) using the router's matrix fast path.

    ``from_id`` is :func:`~wuzhen_geo.answers.places.origin_id` of each origin; destinations absent from the network
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
    if len(table) != len(keys) * len(dests):  # the relabelling below relies on one row per pair, in order
        raise RuntimeError(f"travel_time_matrix returned {len(table)} rows for {len(keys)} x {len(dests)} pairs")
    # The router labels rows in origin order, len(dests) rows per origin: relabel with our stable keys.
    table = table.assign(from_id=np.repeat(keys, len(dests)), to_id=dests * len(keys))
    minutes = table.set_index(["from_id", "to_id"])["minutes"].astype(float)
    minutes = minutes[~minutes.index.duplicated()].reindex(full).fillna(math.inf)
    return minutes.rename("minutes").reset_index()


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
            label, line, minutes, first = _rail_label(data, leg), leg.line_id, leg.minutes, leg
            while i + 1 < len(legs) and legs[i + 1].mode == "rail" and legs[i + 1].line_id == line:
                i += 1
                minutes += legs[i].minutes
            # Name where the train is boarded and left: the part of a rail trip a rider must know.
            stations = f"{name(first, 'from')}→{name(legs[i], 'to')}"
            steps.append(f"{words[label]} {stations} {_minutes_text(minutes, lang)}")
        i += 1
    return " → ".join(steps)


def trip_feature_ids(trip: Any) -> set[str]:
    """Links and places named by a trip's legs (line ids and end points)."""
    ids: set[str] = set()
    for leg in getattr(trip, "legs", []) or []:
        for attr in ("line_id", "from_id", "to_id"):
            value = getattr(leg, attr, None)
            if value:
                ids.add(str(value))
    return ids
