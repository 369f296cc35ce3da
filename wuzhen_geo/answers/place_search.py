"""Finding a place to start from: the options of a searchable picker, the candidates of an ambiguous name and
the nearest place that names a clicked or pasted point.

A resident looks for an airport, a station or a zone far more often than for a road junction, so every list
here puts zones, airports and stations first and road nodes last (:data:`SEARCH_ORDER`). Places that are not
open say so in their label (``"乌镇站 Wuzhen Station · 设想/研究中"``), so that a resident knows why a
proposed station gives no trip today.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from wuzhen_geo.answers.places import normalise_name, resolve_place_id, _entries, _short_forms, _subsequence
from wuzhen_geo.answers.trip_answers import SAME_PLACE_M
from wuzhen_geo.data import GeoData
from wuzhen_geo.errors import UnknownPlaceError
from wuzhen_geo.i18n import bilingual, label, t
from wuzhen_geo.model import Point

__all__ = ["SEARCH_ORDER", "NearestPlace", "search_options", "search_label", "place_candidates",
           "nearest_place", "near_place_text"]

#: The order of kinds in a picker and in the candidates of an ambiguous name: what residents look for first.
SEARCH_ORDER: tuple[str, ...] = ("zone", "airport", "station", "city_centre", "poi", "interchange", "junction",
                                 "zone_access")
#: Kinds that name a point well ("near Wuzhen Xizha"): a zone's access point or a road junction does not.
_NAMING_KINDS = ("airport", "station", "city_centre", "poi")
_EARTH_RADIUS_M = 6_371_000.0


def _kind_rank(kind: str) -> int:
    return SEARCH_ORDER.index(kind) if kind in SEARCH_ORDER else len(SEARCH_ORDER)


def search_options(data: GeoData) -> list[str]:
    """Every zone and place id, in :data:`SEARCH_ORDER` (zones, airports, stations, … road nodes last), each
    kind in the data's order: the options of the app's place picker (shown with :func:`search_label`)."""
    entries = _entries(data)
    return [e.id for e in sorted(entries, key=lambda e: _kind_rank(e.kind))]


def search_label(data: GeoData, feature_id: str, lang: str = "zh") -> str:
    """A picker label: the name in ``lang`` then the other language, and the status when not open
    (``"乌镇站 Wuzhen Station · 设想/研究中"``); the id itself when unknown."""
    for frame in (data.zones, data.places):
        if feature_id in frame.index:
            row = frame.loc[feature_id]
            text = bilingual(row, lang)
            status = row.get("status")
            if isinstance(status, str) and status and status != "open":
                text += " · " + label("status", status, lang)
            return text
    return str(feature_id)


def _match_tier(q: str, name_zh: str, name_en: str, fid: str) -> int | None:
    """How well a normalised query fits a feature: 0 exact, 1 short form or prefix, 2 inside a name, 3 the
    characters of a Chinese abbreviation in order; None when it does not fit."""
    names = [normalise_name(name_zh), normalise_name(name_en)]
    if q in names or q == fid:
        return 0
    if q in _short_forms(name_zh, name_en) or any(n.startswith(q) for n in names) or fid.startswith(q):
        return 1
    if any(q in n for n in names):
        return 2
    if any("\u4e00" <= ch <= "\u9fff" for ch in q) and _subsequence(q, names[0]):
        return 3
    return None


def place_candidates(data: GeoData, text: str, limit: int = 8) -> list[str]:
    """The zones and places a name may mean, most likely first: the kinds residents look for (zones,
    airports, stations) before road nodes (:data:`SEARCH_ORDER`), then the closer fit of the name.

    Parameters
    ----------
    data
        The loaded geodata (only read).
    text
        What the user typed (``"Hongqiao"``, ``"乌镇西栅"``).
    limit
        At most this many ids.

    Returns
    -------
    list of str
        Zone and place ids; empty when nothing fits (then :func:`~wuzhen_geo.answers.places.resolve_place_id`'s
        suggestions are the fallback).
    """
    q = normalise_name(text)
    if not q:
        return []
    fits = []
    for n, e in enumerate(_entries(data)):
        tier = _match_tier(q, e.name_zh, e.name_en, e.id)
        if tier is not None:
            fits.append((_kind_rank(e.kind), tier, n, e.id))
    if not fits:
        try:  # an airport code or a label read back
            return [resolve_place_id(data, text)]
        except UnknownPlaceError as exc:
            return [s.rsplit("(", 1)[-1].rstrip(")") for s in exc.suggestions][:limit]  # labels end "(id)"
    return [fid for *_, fid in sorted(fits)][:limit]


@dataclass(frozen=True)
class NearestPlace:
    """The place nearest to a point: its id and the straight-line distance in metres."""

    id: str
    metres: float


def _metres(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Great-circle distance (haversine); good to a few metres over the study area."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * _EARTH_RADIUS_M * math.asin(math.sqrt(a))


def nearest_place(data: GeoData, point: Point, kinds: tuple[str, ...] = _NAMING_KINDS) -> NearestPlace | None:
    """The place of one of ``kinds`` (airports, stations, city centres and points of interest by default)
    nearest to a WGS-84 ``point``; ``None`` when the data has none."""
    places = data.places[data.places["kind"].isin(kinds)]
    best: NearestPlace | None = None
    for pid, geom in places.geometry.items():
        d = _metres(point.lon, point.lat, geom.x, geom.y)
        if best is None or d < best.metres:
            best = NearestPlace(str(pid), d)
    return best


def _distance_text(metres: float, lang: str) -> str:
    if metres < 1000:
        return f"{max(10, round(metres, -1)):.0f} " + ("米" if lang == "zh" else "m")
    return f"{metres / 1000:.1f} " + t("km", lang)


def near_place_text(data: GeoData, point: Any, lang: str = "zh") -> str:
    """A clicked or pasted point named by its nearest place: ``"near Wuzhen Xizha (West Gate) scenic zone,
    1.2 km"`` / ``"乌镇西栅景区附近 1.2 公里"``; within :data:`~wuzhen_geo.answers.trip_answers.SAME_PLACE_M`
    of a place, which the answers take the point for, ``"Tongxiang city centre (its coordinates)"``; the bare
    ``"lat, lon"`` when the data has no place."""
    found = nearest_place(data, point)
    if found is None:
        return f"{point.lat:.6f}, {point.lon:.6f}"
    name = data.places.at[found.id, "name_zh" if lang == "zh" else "name_en"]
    name = str(name) if isinstance(name, str) and name else found.id
    if found.metres <= SAME_PLACE_M:  # the answers take it as the place itself
        return t("at_place", lang, place=name)
    return t("near_place", lang, place=name, distance=_distance_text(found.metres, lang))
