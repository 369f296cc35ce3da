"""Plan indicators: the targets of ``targets.yaml`` measured on a network (:func:`plan_indicators`).

A ``travel_time`` target counts the origins that reach a place within its minutes (:mod:`wuzhen_geo.answers.
matrices`: the answers every view shows, by rail a trip that passes the rail-trip rule). The origins are where
the plan sets the target: the places in its ``from`` (e.g. the Tongxiang city centre for the Tongxiang plan),
else the zones; a zone marked ``placeholder`` (no published location) is reported beside the row but kept out
of its pass/fail and slowest value. A ``network_length`` target measures the length of the matching links inside a boundary, in
EPSG:32651, counting a line only where it runs more than :data:`SAME_TRACK_M` from the lines already
counted, so that service patterns drawn on one track count once.
"""

from __future__ import annotations

import logging
import math
from typing import Any

import geopandas as gpd
import pandas as pd
import shapely

from wuzhen_geo.answers.access import unit_boundary
from wuzhen_geo.answers.matrices import time_table, zone_ids
from wuzhen_geo.answers.places import place_name
from wuzhen_geo.data import GeoData
from wuzhen_geo.errors import WuzhenGeoError
from wuzhen_geo.i18n import label, t
from wuzhen_geo.model import Network
from wuzhen_geo.model.running import features_as_run
from wuzhen_geo.vocabulary import DEPART_PERIODS, METRIC_CRS, STATUSES, format_minutes

__all__ = ["SAME_TRACK_M", "placeholder_zones", "plan_indicators", "target_origins"]

log = logging.getLogger(__name__)

#: Two lines closer than this (metres) are taken as one track when measuring network length.
SAME_TRACK_M = 300.0


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
    # a boundary that names its county (adcode) is measured inside that county's real outline when the units
    # are there (the shipped boundary is that polygon too); the boundary's own polygon is the fallback
    adcode = data.boundaries.at[within, "adcode"] if "adcode" in data.boundaries.columns else None
    real = unit_boundary(data, str(adcode)) if isinstance(adcode, str) and adcode else None
    area = real if real is not None else data.boundaries.geometry.loc[within]
    outline_accuracy = (str(data.units.at[str(adcode), "accuracy"]) if real is not None
                        else str(data.boundaries.at[within, "accuracy"]))
    links = data.links
    sel = links["mode"] == target.get("mode")
    classes = _as_list(target.get("class"))
    if classes:
        sel &= links["class"].isin(classes)
    chosen = links[sel]
    # the network's length, not what runs at the hour (no train runs at night, yet the line is there)
    built = features_as_run(data, net.scenario, net.config.replace(service_periods=DEPART_PERIODS)).links
    active = chosen[chosen.index.isin(list(built))]
    by_status = {s: _length_km(chosen[chosen["status"] == s], area) for s in STATUSES}
    value = _length_km(active, area)
    target_km = float(target.get("target_km") or 0.0)
    # A schematic boundary or chord-drawn lines make the measure indicative, not a survey: say so.
    drawn = sorted({outline_accuracy} | set(chosen["accuracy"].astype(str)) - {"surveyed"})

    def detail(lang: str) -> str:
        km = (lambda v: f"{v:.1f} " + t("indicator_unit_km", lang))
        by = (", " if lang == "en" else "，").join(f"{label('status', s, lang)} {km(v)}"
                                                  for s, v in by_status.items() if v > 0)
        text = t("ind_length", lang, value=km(value), target=f"{target_km:g} " + t("indicator_unit_km", lang),
                 year=target.get("year"), by_status=by or t("ind_no_links", lang))
        if real is not None:
            text += t("ind_county", lang, adcode=adcode)
        if drawn:
            text += t("ind_indicative", lang, within=within, drawn="/".join(label("accuracy", a, lang) for a in drawn))
        return text

    return [{
        "id": target.get("id"), "name_zh": target.get("name_zh"), "name_en": target.get("name_en"),
        "kind": "network_length", "to_id": None, "target": target_km, "value": round(value, 1),
        **_units("indicator_unit_km"),
        "met": value >= target_km, **_details(detail),
        **{f"km_{s}": round(v, 1) for s, v in by_status.items()},
    }]


def placeholder_zones(data: GeoData) -> list[str]:
    """Zones marked ``placeholder: true`` (no published location), in data order."""
    if "placeholder" not in data.zones.columns:
        return []
    return [str(z) for z, flag in data.zones["placeholder"].items() if flag is True or flag == 1]


def target_origins(data: GeoData, target: dict[str, Any]) -> tuple[list[str], list[str]]:
    """Where a travel-time target is measured from: ``(headline origins, placeholder zones)``.

    The target's ``from`` places when it names them (nothing set aside), else the zones, with the
    placeholder zones set aside: they are reported, not judged.
    """
    named = _as_list(target.get("from"))
    if named:
        return named, []
    aside = placeholder_zones(data)
    return [z for z in zone_ids(data) if z not in aside], aside


def _units(key: str) -> dict[str, str]:
    """The unit of a value: ``unit`` (English, as before) and ``unit_zh`` / ``unit_en`` for a page in either
    language, as ``name_zh`` / ``name_en``."""
    return {"unit": t(key, "en"), "unit_zh": t(key, "zh"), "unit_en": t(key, "en")}


def _list(lang: str, sep: str = ", ") -> str:
    """A separator in the text's language: ``", "`` / ``"、"``, ``"; "`` / ``"；"``."""
    return sep if lang == "en" else {", ": "、", "; ": "；"}[sep]


def _details(detail: Any) -> dict[str, str]:
    """What a measure rests on, in words: ``detail`` (English, as before), ``detail_zh`` and ``detail_en``."""
    return {"detail": detail("en"), "detail_zh": detail("zh"), "detail_en": detail("en")}


def _times_text(data: GeoData, minutes: pd.Series, lang: str = "en") -> str:
    return _list(lang).join(f"{place_name(data, z, lang)} {format_minutes(m, lang)}" for z, m in minutes.items())


def _travel_rows(net: Network, data: GeoData, target: dict[str, Any], mode: str) -> list[dict[str, Any]]:
    limit = float(target.get("max_minutes"))
    dests = _as_list(target.get("to")) or []
    origins, aside = target_origins(data, target)
    table = time_table(net, origins + aside, dests, mode)
    rows = []
    for dest in dests:
        all_minutes = table.loc[table["to_id"] == dest].set_index("from_id")["minutes"]
        minutes = all_minutes[[o for o in all_minutes.index if o not in aside]]
        within = [z for z, m in minutes.items() if m <= limit]
        worst_zone = minutes.idxmax() if len(minutes) else None
        worst = float(minutes.max()) if len(minutes) else math.inf
        named = _as_list(target.get("from"))

        def detail(lang: str) -> str:
            if dest not in net.feature_ids:
                text = t("ind_not_in_network", lang, dest=place_name(data, dest, lang))
            else:
                slow = _times_text(data, minutes[minutes > limit], lang)
                text = t("ind_within", lang, n=len(within), total=len(minutes), limit=format_minutes(limit, lang))
                text += t("ind_over", lang, items=slow) if slow else ""
            where = (_list(lang).join(place_name(data, o, lang) for o in origins) if named
                     else t("ind_the_zones", lang, n=len(origins)))
            text += _list(lang, "; ") + t("measured_from", lang, items=where)
            if aside:
                text += _list(lang, "; ") + t("placeholder_zones", lang,
                                              items=_times_text(data, all_minutes[aside], lang))
            return text

        rows.append({
            "id": target.get("id"), "name_zh": target.get("name_zh"), "name_en": target.get("name_en"),
            "kind": "travel_time", "to_id": dest, "target": limit,
            # shown in whole minutes as every view shows a time; met is judged on the exact minutes
            "value": float(round(worst)) if math.isfinite(worst) else math.inf, "slowest_minutes": worst,
            **_units("indicator_unit_slowest"),
            "met": bool(len(minutes)) and len(within) == len(minutes), **_details(detail),
            "zones_within": len(within), "zones": len(minutes), "slowest_zone": worst_zone,
            "from_ids": ", ".join(origins), "placeholder_ids": ", ".join(aside),
        })
    return rows


def plan_indicators(net: Network, data: GeoData | None = None, *, mode: str = "best") -> pd.DataFrame:
    """Measure the plan targets of ``targets.yaml`` on a network.

    ``travel_time`` targets give one row per destination: how many of its origins (:func:`target_origins`)
    reach it within ``max_minutes`` (``zones_within`` of ``zones``; ``value`` = minutes from the slowest in
    whole minutes, as every view shows a time, ``slowest_minutes`` the same unrounded, on which ``met`` is
    judged, ``slowest_zone`` its id; ``from_ids`` the origins, ``placeholder_ids`` the zones reported but not judged). ``network_length`` targets give the length of the matching
    links (``mode``, ``class``) inside the ``within`` boundary that are in the scenario (``value``, km), with
    the lengths in the data by status (``km_open`` … ``km_proposed``).

    Returns
    -------
    DataFrame
        ``id``, ``name_zh``, ``name_en``, ``kind``, ``to_id``, ``target``, ``value``, ``unit`` (English),
        ``unit_zh``, ``unit_en``, ``met``, ``detail`` and the kind-specific columns above.
    """
    data = data if data is not None else net.data
    rows: list[dict[str, Any]] = []
    for target in data.targets:
        kind = target.get("kind")
        if kind == "travel_time":
            rows.extend(_travel_rows(net, data, target, mode))
        elif kind == "network_length":
            rows.extend(_length_rows(net, data, target))
        else:
            log.warning("targets.yaml: %s: unknown kind %r skipped", target.get("id"), kind)
    return pd.DataFrame(rows)
