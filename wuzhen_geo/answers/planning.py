"""What a planner's view needs besides the comparison itself: edits told in words, links built from two
places or from a line drawn on the map, the destinations a plan is compared on, and the comparison ordered
by what changed most.

Pure functions over a scenario, its edits and the base data; editing the scenario itself (validated edits,
new link ids) is :mod:`wuzhen_geo.model.editing`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from wuzhen_geo.answers.isochrones import isochrone_polygons
from wuzhen_geo.answers.places import snap_to_place
from wuzhen_geo.answers.surfaces import TravelTimeSurface
from wuzhen_geo.data import GeoData
from wuzhen_geo.i18n import bilingual, label, name, t
from wuzhen_geo.model import (
    DEFAULT_CONFIG,
    AddLink,
    Edit,
    ModelConfig,
    Network,
    RemoveLink,
    Scenario,
    SetHeadway,
    SetSpeed,
    active_features,
    new_link_id,
)
from wuzhen_geo.vocabulary import SPEED_RANGE_BY_CLASS, changed_as_shown, shown_change

__all__ = [
    "COMPARED_MODES",
    "cause_words",
    "changed_counts",
    "changes_first",
    "comparison_destinations",
    "DIFFERENCE_BREAKS",
    "describe_edit",
    "difference_bands",
    "drawn_link",
    "edit_title",
    "finite_minutes",
    "shown_changes",
    "link_between",
    "link_speed",
    "explained_changes",
    "place_choices",
    "unchanged_reason",
]

#: Edges of the bands of a travel-time difference surface, minutes (negative = faster after).
DIFFERENCE_BREAKS = (-30.0, -15.0, -5.0, 5.0, 15.0, 30.0)
#: The modes a planner's comparison shows side by side, fastest first.
COMPARED_MODES = ("best", "car", "rail")


# ------------------------------------------------------------------------------------------ edits in words


def _link_text(data: GeoData, lid: object, lang: str) -> str:
    lid = str(lid)
    return f"{name(data.links.loc[lid], lang)} ({lid})" if lid in data.links.index else lid


def _stop_text(data: GeoData, stop: object, lang: str) -> str:
    if isinstance(stop, str):
        return name(data.places.loc[stop], lang) if stop in data.places.index else stop
    if isinstance(stop, (list, tuple)) and len(stop) >= 2:  # (lon, lat), a point drawn on the map
        return f"{t('edit_drawn', lang)} ({float(stop[1]):.4f}, {float(stop[0]):.4f})"
    return str(stop)


def _number(value: object) -> str:
    return f"{float(value):g}" if isinstance(value, (int, float)) else str(value)


def describe_edit(edit: Edit, data: GeoData, lang: str = "en") -> str:
    """One readable line for a scenario edit: what it does, to which link or between which stops, and its
    speed and headway (``"Add rail link rl_custom_1 (Intercity): Wuzhen → Tongxiang Station · 160 km/h ·
    every 30 min"``)."""
    if isinstance(edit, AddLink):
        extra = []
        if edit.speed_kmh is not None:
            extra.append(t("edit_speed", lang, v=_number(edit.speed_kmh)))
        if edit.headway_min is not None:
            extra.append(t("edit_headway", lang, v=_number(edit.headway_min)))
        shown = getattr(edit, f"name_{lang}", None) or edit.name_en or edit.name_zh or edit.id
        head = t("edit_add_link", lang, mode=label("mode", edit.mode, lang), name=shown,
                 cls=label("class", edit.cls, lang),
                 stops=" → ".join(_stop_text(data, s, lang) for s in edit.stops))
        return " · ".join([head, *extra])
    if isinstance(edit, RemoveLink):
        return t("edit_remove_link", lang, link=_link_text(data, edit.link, lang))
    if isinstance(edit, SetSpeed):
        return " · ".join([t("edit_set_speed", lang, link=_link_text(data, edit.link, lang)),
                           t("edit_speed", lang, v=_number(edit.speed_kmh))])
    if isinstance(edit, SetHeadway):
        return " · ".join([t("edit_set_headway", lang, link=_link_text(data, edit.link, lang)),
                           t("edit_headway", lang, v=_number(edit.headway_min))])
    return t("edit_other", lang, type=getattr(edit, "type", type(edit).__name__))


def edit_title(edit: Edit, data: GeoData, lang: str = "en") -> str:
    """An edit named as the cause of a change: ``"your rail link Wuzhen town centre – Tongxiang Station"``
    (an added link by its own name, else by its stops); other edits as :func:`describe_edit` tells them."""
    if not isinstance(edit, AddLink):
        return describe_edit(edit, data, lang)
    own = getattr(edit, f"name_{lang}", None) or edit.name_en or edit.name_zh
    shown = own or " – ".join(_stop_text(data, s, lang) if isinstance(s, str) else t("edit_drawn", lang)
                              for s in edit.stops)
    return t("cause_your_link", lang, mode=label("mode", edit.mode, lang), name=shown)


def cause_words(causes: Sequence[str], data: GeoData, lang: str = "en", *, after: Scenario | None = None,
                before: Scenario | None = None) -> str:
    """The causes of one change (ids as ``compare`` gives them: ``edit:N`` of ``after``, ``edit:before:N``
    of ``before``, a project id or a link id) in words, joined by ``"; "``."""
    projects = {str(p.get("id")): p for p in data.projects}
    words = []
    for cause in causes:
        cause = str(cause)
        side, _, number = cause.rpartition(":")
        scenario = before if side == "edit:before" else after if side == "edit" else None
        if scenario is not None and number.isdigit() and 0 < int(number) <= len(scenario.edits):
            text = edit_title(scenario.edits[int(number) - 1], data, lang)
            words.append(t("cause_dropped", lang, what=text) if side == "edit:before" else text)
        elif cause in projects:
            words.append(bilingual(projects[cause], lang))
        elif cause in data.links.index:
            words.append(name(data.links.loc[cause], lang))
        else:
            words.append(cause)
    return "; ".join(words)


def place_choices(data: GeoData, scenario: Scenario | None, lang: str = "en") -> dict[str, str]:
    """Places a link can join (no road junctions), each with its status and whether ``scenario`` has it:
    ``{"stn_wuzhen": "乌镇站 Wuzhen Station · proposed · not in this network yet"}``."""
    active = active_features(data, scenario).places
    out = {}
    # plain records: a GeoDataFrame row per place (iterrows) took most of the time of a planner run
    rows = data.places.drop(columns=data.places.geometry.name).to_dict("records")
    for pid, row in zip(data.places.index, rows):
        if row.get("kind") == "junction":
            continue
        parts = [bilingual(row, lang), label("status", row.get("status"), lang)]
        if pid not in active:
            parts.append(t("place_not_in_network", lang))
        out[str(pid)] = " · ".join(p for p in parts if p)
    return out


# ------------------------------------------------------------------------------------------ new links


def link_between(scenario: Scenario, data: GeoData, a: str, b: str, *, mode: str, cls: str,
                 speed_kmh: float | None = None, headway_min: float | None = None,
                 name_zh: str | None = None, name_en: str | None = None) -> AddLink:
    """A new link from place ``a`` to place ``b`` with a free id and, if given, its own names (validate it
    with ``apply_edit``)."""
    return AddLink(id=new_link_id(scenario, data, mode), mode=mode, cls=cls, stops=(a, b),
                   speed_kmh=_float(speed_kmh), headway_min=_float(headway_min),
                   name_zh=_name(name_zh), name_en=_name(name_en))


def drawn_link(scenario: Scenario, data: GeoData, coords: Sequence[Sequence[float]], *, mode: str, cls: str,
               speed_kmh: float | None = None, headway_min: float | None = None,
               name_zh: str | None = None, name_en: str | None = None, snap_m: float = 1000.0) -> AddLink | None:
    """A new link along a line drawn on the map (``[lon, lat, …]`` points, WGS-84), or ``None`` for a line
    of fewer than two points.

    An end drawn within ``snap_m`` of a station (rail) or a road node (road) means that place
    (:func:`~wuzhen_geo.answers.places.snap_to_place`): the stop is the place's id, so riders change inside
    it, and the line is moved to end on the place. Other ends stay drawn points. Coordinates are rounded to
    six decimals (about 0.1 m), as a scenario file keeps them.
    """
    points = [(round(float(p[0]), 6), round(float(p[1]), 6)) for p in coords]
    if len(points) < 2:
        return None
    stops: list[Any] = []
    for end in (0, -1):
        x, y = points[end]
        place = snap_to_place(data, x, y, mode=mode, max_m=snap_m)
        if place is None:
            stops.append((x, y))
        else:
            stops.append(place)
            pt = data.places.geometry[place]
            points[end] = (round(float(pt.x), 6), round(float(pt.y), 6))
    return AddLink(id=new_link_id(scenario, data, mode), mode=mode, cls=cls, stops=tuple(stops),
                   geometry=tuple(points), speed_kmh=_float(speed_kmh), headway_min=_float(headway_min),
                   name_zh=_name(name_zh), name_en=_name(name_en))


def _name(text: str | None) -> str | None:
    return str(text).strip() or None if text is not None else None


def _float(value: float | None) -> float | None:
    return None if value is None else float(value)


# ------------------------------------------------------------------------------------------ comparison


def comparison_destinations(data: GeoData, *nets: Network) -> list[str]:
    """The places a plan is compared on: airports, city centres and high-speed rail stations (with ``nets``,
    those present in any of them). Every comparison asks here by default: the planner and ``compare``."""
    places = data.places
    kinds = places["kind"].isin(["airport", "city_centre"])
    if "station_class" in places.columns:
        kinds |= (places["kind"] == "station") & (places["station_class"] == "hsr")
    present = set().union(*(net.feature_ids for net in nets)) if nets else None
    return [str(p) for p in places.index[kinds] if present is None or p in present]


def changed_counts(side: pd.DataFrame) -> dict[str, int]:
    """How many pairs of a :func:`~wuzhen_geo.answers.comparison.compare_modes` table change under each mode, as
    the rows show the change (:func:`~wuzhen_geo.vocabulary.changed_as_shown`), in :data:`COMPARED_MODES` order."""
    return {m: int(sum(changed_as_shown(side[f"before_{m}"], side[f"after_{m}"]))) for m in COMPARED_MODES
            if f"difference_{m}" in side}


def changes_first(table: pd.DataFrame) -> pd.DataFrame:
    """A comparison (``compare``) with the pairs that changed first, biggest gain first, then the losses;
    unchanged pairs keep their order below. Adds a boolean ``changed`` column."""
    diff = table["difference"]
    changed = pd.Series(changed_as_shown(table["before"], table["after"]), index=table.index)
    order = diff.where(changed)
    return (table.assign(changed=changed.to_numpy(), _order=order)
            .sort_values("_order", kind="stable", na_position="last").drop(columns="_order"))


def finite_minutes(values: pd.Series) -> pd.Series:
    """Minutes rounded to whole minutes, unreachable (infinite) as NaN: a table shows them blank."""
    return values.replace([math.inf, -math.inf], math.nan).round(0)


def shown_changes(before: pd.Series, after: pd.Series) -> pd.Series:
    """The change column beside :func:`finite_minutes` ``(before)`` and ``(after)``: the minutes shown after
    minus those shown before (:func:`~wuzhen_geo.vocabulary.shown_change`), so that the three columns agree;
    blank (NaN) where either side is unreachable."""
    changes = [shown_change(b, a) for b, a in zip(before, after)]
    both = np.isfinite(before.to_numpy(dtype=float)) & np.isfinite(after.to_numpy(dtype=float))
    return pd.Series(changes, index=before.index, dtype=float).where(both)


def explained_changes(table: pd.DataFrame, data: GeoData, lang: str = "en", *, after: Scenario | None = None,
                      before: Scenario | None = None) -> pd.DataFrame:
    """A :func:`~wuzhen_geo.answers.comparison.compare_modes` table (fastest, car and rail side by side) with
    what a planner reads first: ``changed`` (any mode changed) and ``causes_words`` (the causes of every
    changed mode in words, each once: :func:`cause_words`); the biggest finite gain of any mode first, then the losses, then
    pairs newly (un)reachable, then the unchanged."""
    modes = [m for m in COMPARED_MODES if f"difference_{m}" in table]
    changed = {m: np.array(changed_as_shown(table[f"before_{m}"], table[f"after_{m}"])) for m in modes}
    words = []
    for i in range(len(table)):
        ids = list(dict.fromkeys(c for m in modes if changed[m][i] for c in table[f"causes_{m}"].iloc[i]))
        words.append(cause_words(ids, data, lang, after=after, before=before))
    diffs = table[[f"difference_{m}" for m in modes]].replace([math.inf, -math.inf], math.nan)
    any_change = np.any([changed[m] for m in modes], axis=0)
    # the biggest finite gain first, then the losses, then pairs newly (un)reachable, then the unchanged
    shown = np.column_stack([changed[m] for m in modes])
    biggest = diffs.where(shown).min(axis=1).where(lambda v: v.notna() | ~any_change, 1e9)
    out = table.assign(changed=any_change, causes_words=words, _order=biggest)
    return out.sort_values("_order", kind="stable", na_position="last").drop(columns="_order").reset_index(drop=True)


def unchanged_reason(side: pd.DataFrame, edit: Edit | None, before: Scenario | None, data: GeoData,
                     lang: str = "en", mode: str = "best") -> str | None:
    """Why a planner's comparison under ``mode`` (the mode its table and map show) shows what it shows, in
    words, or ``None`` when trips change under that mode.

    * no pair changed in any mode: the last edit changes no compared trip (with the stops it brought in);
    * ``mode`` unchanged but another mode changed: "this change shows under rail, not under fastest".
    """
    counts = changed_counts(side)
    if counts.get(mode, 0):
        return None
    shown = [m for m, n in counts.items() if n]
    if shown:
        modes, n = " / ".join(label("mode", m, lang) for m in shown), max(counts[m] for m in shown)
        if mode == "best":  # rail improved, yet the fastest trips did not: the car still beats it
            return t("shows_under", lang, modes=modes, n=n)
        return t("shows_under_other", lang, modes=modes, n=n, mode=label("mode", mode, lang))
    if edit is None:
        return None
    text = t("no_change_any_mode", lang, what=edit_title(edit, data, lang))
    if isinstance(edit, AddLink):
        had = active_features(data, before).places
        brought = [_stop_text(data, s, lang) for s in edit.stops if isinstance(s, str) and s not in had]
        if brought:
            text += " " + t("stops_brought_in", lang, places=", ".join(brought))
    return text


def difference_bands(before: TravelTimeSurface, after: TravelTimeSurface,
                     breaks: Sequence[float] = DIFFERENCE_BREAKS) -> Any:
    """Where travel from one origin got faster or slower: areas of ``after - before`` minutes between the
    ``breaks`` (two surfaces of :func:`~wuzhen_geo.answers.surfaces.travel_time_surface` on the same grid).

    Returns a GeoDataFrame (WGS-84) of the non-empty bands below the first and above the last break and
    between consecutive ones, except the band around zero (no change): ``min_minutes``, ``max_minutes``
    (``-inf`` / ``inf`` at the open ends), ``area_km2`` and the geometry. Cells reachable on one side only
    are left out. ``ValueError`` for surfaces on different grids.
    """
    if before.minutes.shape != after.minutes.shape or not (np.allclose(before.x, after.x)
                                                              and np.allclose(before.y, after.y)):
        raise ValueError("the two surfaces are on different grids; compute both for the same data")
    edges = sorted(float(b) for b in breaks)
    diff = after.minutes - before.minutes
    finite = diff[np.isfinite(diff)]
    top = max(float(finite.max()) if finite.size else 0.0, edges[-1]) + 1.0
    low = min(float(finite.min()) if finite.size else 0.0, edges[0]) - 1.0
    # isochrone_polygons contours positive minutes: shift the differences above zero
    shift = -low + 1.0
    shifted = TravelTimeSurface(x=before.x, y=before.y, minutes=diff + shift, crs=before.crs)
    levels = [*(e + shift for e in edges), top + shift]
    bands = isochrone_polygons(shifted, breaks=levels, kind="bands")
    lows = [-math.inf, *edges]
    highs = [*edges, math.inf]
    bands = bands.assign(min_minutes=lows, max_minutes=highs)
    keep = [not (lo < 0 < hi) and not g.is_empty for lo, hi, g in zip(lows, highs, bands.geometry)]
    return bands.loc[keep, ["min_minutes", "max_minutes", "area_km2", "geometry"]].reset_index(drop=True)


def link_speed(data: GeoData, link_id: str, config: ModelConfig = DEFAULT_CONFIG) -> float | None:
    """The speed (km/h) a link of the data runs at in the model: its own ``speed_kmh``, else its class's
    default capped at its design speed (:meth:`~wuzhen_geo.model.ModelConfig.class_speed`); ``None`` for a
    link whose speed an edit cannot set (a walking transfer)."""
    row = data.links.loc[link_id]
    cls, own, design = row.get("class"), row.get("speed_kmh"), row.get("design_speed_kmh")
    if cls not in SPEED_RANGE_BY_CLASS:
        return None
    if own is not None and not pd.isna(own):
        return float(own)
    design = None if design is None or pd.isna(design) else float(design)
    return config.class_speed("rail" if row.get("mode") == "rail" else "road", cls, design)
