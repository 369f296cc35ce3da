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

import pandas as pd

from wuzhen_geo.answers.places import snap_to_place
from wuzhen_geo.data import GeoData
from wuzhen_geo.i18n import label, name, t
from wuzhen_geo.model import AddLink, Edit, RemoveLink, Scenario, SetHeadway, SetSpeed, new_link_id

__all__ = [
    "CHANGE_MINUTES",
    "changes_first",
    "comparison_destinations",
    "describe_edit",
    "drawn_link",
    "finite_minutes",
    "link_between",
]

#: A difference of at least this many minutes counts as a change (smaller ones are rounding).
CHANGE_MINUTES = 0.5


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


# ------------------------------------------------------------------------------------------ new links


def link_between(scenario: Scenario, data: GeoData, a: str, b: str, *, mode: str, cls: str,
                 speed_kmh: float | None = None, headway_min: float | None = None) -> AddLink:
    """A new link from place ``a`` to place ``b`` with a free id (validate it with ``apply_edit``)."""
    return AddLink(id=new_link_id(scenario, data, mode), mode=mode, cls=cls, stops=(a, b),
                   speed_kmh=_float(speed_kmh), headway_min=_float(headway_min))


def drawn_link(scenario: Scenario, data: GeoData, coords: Sequence[Sequence[float]], *, mode: str, cls: str,
               speed_kmh: float | None = None, headway_min: float | None = None,
               snap_m: float = 1000.0) -> AddLink | None:
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
                   geometry=tuple(points), speed_kmh=_float(speed_kmh), headway_min=_float(headway_min))


def _float(value: float | None) -> float | None:
    return None if value is None else float(value)


# ------------------------------------------------------------------------------------------ comparison


def comparison_destinations(data: GeoData) -> list[str]:
    """The places a plan is compared on: airports, city centres and high-speed rail stations."""
    places = data.places
    kinds = places["kind"].isin(["airport", "city_centre"])
    if "station_class" in places.columns:
        kinds |= (places["kind"] == "station") & (places["station_class"] == "hsr")
    return [str(p) for p in places.index[kinds]]


def changes_first(table: pd.DataFrame) -> pd.DataFrame:
    """A comparison (``compare``) with the pairs that changed first, biggest gain first, then the losses;
    unchanged pairs keep their order below. Adds a boolean ``changed`` column."""
    diff = table["difference"]
    changed = diff.abs() >= CHANGE_MINUTES
    order = diff.where(changed)
    return (table.assign(changed=changed.to_numpy(), _order=order)
            .sort_values("_order", kind="stable", na_position="last").drop(columns="_order"))


def finite_minutes(values: pd.Series) -> pd.Series:
    """Minutes rounded to whole minutes, unreachable (infinite) as NaN: a table shows them blank."""
    return values.replace([math.inf, -math.inf], math.nan).round(0)
