"""Answers built on the router: airport times, zone matrices and plan indicators; re-exports the comparison.

Everything here reads a :class:`wuzhen_geo.model.network.Network` (never changes it) and returns plain
``pandas`` tables whose columns are documented per function, so that the CLI, the app and tests share them.
Scenario comparison lives in :mod:`wuzhen_geo.answers.comparison` and trip helpers (legs text, time tables, the
features of a network) in :mod:`wuzhen_geo.answers.trips`; their public functions are re-exported here.

Network lengths in :func:`plan_indicators` are measured in EPSG:32651, counting a line only where it runs
more than :data:`SAME_TRACK_M` from the lines already counted, so that service patterns drawn on one track
count once.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import geopandas as gpd
import pandas as pd
import shapely

from wuzhen_geo.answers.comparison import cause_summary, compare, link_changes, project_changes
from wuzhen_geo.errors import UnreachableError, WuzhenGeoError
from wuzhen_geo.vocabulary import METRIC_CRS
from wuzhen_geo.answers.places import origin_id, place_name
from wuzhen_geo.answers.railtrips import NO_SENSIBLE_RAIL, NoSensibleRailRoute, sensible_rail_trip
from wuzhen_geo.answers.trips import (
    airport_ids,
    default_destinations,
    legs_text,
    network_feature_ids,
    time_table,
    zone_ids,
)

if TYPE_CHECKING:
    from wuzhen_geo.data.io import GeoData
    from wuzhen_geo.model.network import Network
    from wuzhen_geo.answers.places import Origin

__all__ = [
    "MODES",
    "NO_SENSIBLE_RAIL",
    "NoSensibleRailRoute",
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

#: Two lines closer than this (metres) are taken as one track when measuring network length.
SAME_TRACK_M = 300.0


def _routing() -> Any:
    from wuzhen_geo.model import routing

    return routing


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
        Place id, zone id or WGS-84 point (see :func:`wuzhen_geo.answers.places.resolve_origin`).
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

    Notes
    -----
    A rail row is the fastest trip that passes the rail-trip rule (:func:`wuzhen_geo.answers.railtrips.
    sensible_rail_trip`: a short drive after the last train, and most of the moving time on trains), which
    may be slower than the router's fastest trip that merely rides a train. When no trip passes, the row is
    not reachable and its ``legs_text`` starts with ``"no sensible rail route:"``, gives the reason and
    describes the fastest trip using a train; ``best`` is then the car trip.
    The rule applies to these trip answers only: matrices, comparisons and isochrones report the fastest
    time of any trip that rides a train.
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
                            if mode == "rail":
                                trip = sensible_rail_trip(net, origin, apt)
                            else:
                                trip = routing.route(net, origin, apt, mode=mode)
                        except UnreachableError as exc:
                            trips[mode] = exc
                            raise
                        trips[mode] = trip
                except NoSensibleRailRoute as exc:
                    row["legs_text"] = str(exc)
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
        destinations = default_destinations(data, net)
    origins = list(origins) if origins is not None else zone_ids(data)
    table = time_table(net, origins, list(destinations), mode)
    wide = table.pivot(index="from_id", columns="to_id", values="minutes")
    return wide.reindex(index=[origin_id(o) for o in origins], columns=list(destinations))


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
    # A hand-drawn boundary or chord-drawn lines make the measure indicative, not a survey: say so.
    drawn = {str(data.boundaries.at[within, "accuracy"])} | set(chosen["accuracy"].astype(str))
    if drawn - {"surveyed"}:
        detail += f"; indicative only: {within} and the lines are drawn {'/'.join(sorted(drawn - {'surveyed'}))}"
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
    table = time_table(net, list(zones), dests, mode)
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
