"""The GeoJSON features of the data on the overview map: background and boundaries, zones, links (with their
schematic marks), places, and the links a scenario adds. Private to :mod:`wuzhen_geo.maps`.

Each feature carries its style, an escaped tooltip and popup and, when labelled, its label
(:class:`~wuzhen_geo.maps._elements.VectorLayer` binds them).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from shapely.geometry import LineString

from wuzhen_geo.answers.plan_years import feature_year_bases
from wuzhen_geo.i18n import label, t
from wuzhen_geo.model import DEFAULT_CONFIG
from wuzhen_geo.maps._features import feature, frame_rows, popup_html, tip_html, value
from wuzhen_geo.maps.labels import label_text
from wuzhen_geo.maps.style import (
    AIRPORT_ICON,
    BOUNDARY_STYLE,
    CLASS_COLORS,
    CLASS_ORDER,
    CONTEXT_STYLE,
    PLACE_STYLE,
    SCHEMATIC_OVERLAY,
    ZONE_COLORS,
    link_style,
)

__all__ = ["added_link_features", "background_features", "feature_year_bases", "link_features", "merged_marks",
           "place_feature",
           "with_year_basis", "zone_features"]


def background_features(data: Any, lang: str) -> tuple[list[dict], list[dict]]:
    """Features of the background (water, coast) and of the boundaries (districts under cities under towns)."""
    context, bounds = [], []
    for row, geom in frame_rows(getattr(data, "context", None)):
        kind = value(row, "kind")
        style = dict(CONTEXT_STYLE.get(kind, {"color": "#9ecae1", "weight": 1, "fill": False}))
        kind_text = label("kind", kind, lang)
        f = feature(geom, style=style, tip=tip_html(row, lang, kind_text, transport=False),
                    popup=popup_html(row, lang, kind_text, transport=False))
        if f:
            context.append(f)
    order = {"district": 0, "city": 1, "town": 2}
    boundaries = sorted(frame_rows(getattr(data, "boundaries", None)),
                        key=lambda rg: order.get(value(rg[0], "kind"), 0))
    for row, geom in boundaries:
        kind = value(row, "kind")
        style = dict(BOUNDARY_STYLE.get(kind, BOUNDARY_STYLE["district"]))
        kind_text = label("kind", kind, lang)
        f = feature(geom, style=style, tip=tip_html(row, lang, kind_text, transport=False),
                    popup=popup_html(row, lang, kind_text, transport=False))
        if f:
            bounds.append(f)
    return context, bounds


def zone_features(data: Any, lang: str, labels: bool) -> list[dict]:
    """One coloured area per zone, labelled over its centre when ``labels``; a placeholder zone (no published
    location) says so in its popup and is drawn with a dotted outline."""
    out = []
    for i, (row, geom) in enumerate(frame_rows(getattr(data, "zones", None))):
        color = ZONE_COLORS[i % len(ZONE_COLORS)]
        style = {"color": color, "weight": 2, "fillColor": color, "fillOpacity": 0.25}
        if value(row, "accuracy") == "schematic":
            style["dashArray"] = "4 4"
        if value(row, "placeholder"):
            style.update(dashArray="1 6", fillOpacity=0.08)
        kind_text = label("kind", "zone", lang)
        desc = value(row, f"description_{lang}") or value(row, "description_zh") or ""
        f = feature(  # a zone is an area of the plan, not a transport feature: no "open" status or year
            geom, id=value(row, "id"), style=style, tip=tip_html(row, lang, kind_text, transport=False),
            popup=popup_html(row, lang, kind_text, [(t("f_description", lang), desc)] if desc else [],
                             transport=False),
            label=label_text(row, "zone", lang) if labels else None,
            label_class="wz-label-zone", label_dir="center",
        )
        if f:
            out.append(f)
    return out


def _link_extra(row: Mapping[str, Any], lang: str) -> list[tuple[str, str]]:
    extra = []
    if value(row, "length_km") is not None:
        extra.append((t("f_length", lang), f"{float(row['length_km']):.1f} {t('km', lang)}"))
    # the speed the model runs, as the planner's speed box shows it; a different design speed beside it
    modelled, design = value(row, "speed_kmh"), value(row, "design_speed_kmh")
    mode, cls = value(row, "mode"), value(row, "class")
    speeds = DEFAULT_CONFIG.rail_speed_kmh if mode == "rail" else DEFAULT_CONFIG.road_speed_kmh
    if modelled is None and mode in ("rail", "road") and cls in speeds:
        modelled = DEFAULT_CONFIG.class_speed(mode, cls, float(design) if design is not None else None)
    if modelled is not None:
        extra.append((t("f_speed", lang), f"{float(modelled):.0f} {t('km_per_h', lang)}"))
    if design is not None and (modelled is None or round(float(design)) != round(float(modelled))):
        extra.append((t("f_design_speed", lang), f"{float(design):.0f} {t('km_per_h', lang)}"))
    if value(row, "headway_min") is not None:
        extra.append((t("f_headway", lang), f"{float(row['headway_min']):.0f} {t('min', lang)}"))
    return extra


def with_year_basis(row: Mapping[str, Any], year_bases: Mapping[str, str] | None) -> Mapping[str, Any]:
    """``row`` with the ``year_basis`` it inherits from its projects (:func:`~wuzhen_geo.answers.plan_years.
    feature_year_bases`) when it carries none of its own."""
    if not year_bases or value(row, "year_basis") or value(row, "id") not in year_bases:
        return row
    return {**row, "year_basis": year_bases[row["id"]]}


def link_features(rows: Iterable[tuple[dict, Any]], lang: str, *, faded: bool = False,
                  year_bases: Mapping[str, str] | None = None) -> list[dict]:
    """Links in draw order (class by class), each schematic one followed by its row of white dots
    (``schematic_mark``, drawn by the caller in a layer of its own). ``year_bases`` (:func:`~wuzhen_geo.
    answers.plan_years.feature_year_bases`) lets a popup say whether a planned year is announced or inferred
    for links that take it from their project."""
    ordered = sorted(rows, key=lambda rg: (CLASS_ORDER.index(rg[0].get("class"))
                                           if rg[0].get("class") in CLASS_ORDER else -1))
    out = []
    for row, geom in ordered:
        row = with_year_basis(row, year_bases)
        kind_text = label("class", value(row, "class"), lang)
        style = link_style(row, faded=faded)
        f = feature(geom, id=value(row, "id"), style=style, tip=tip_html(row, lang, kind_text),
                    popup=popup_html(row, lang, kind_text, _link_extra(row, lang)))
        if f is None:
            continue
        out.append(f)
        if value(row, "accuracy") == "schematic" and not faded:
            dots = dict(SCHEMATIC_OVERLAY, weight=max(1.5, style["weight"] * 0.55))
            out.append(feature(geom, id=f"{value(row, 'id')}__schematic", style=dots, schematic_mark=True))
    return out


def merged_marks(marks: Iterable[dict]) -> list[dict]:
    """Schematic marks (from :func:`link_features`) merged into one feature per style, a MultiLineString
    listing its links in ``ids``: the marks are not interactive, and one path per style instead of one per
    link saves the browser about 180 paths to build on the overview."""
    merged: dict[str, dict] = {}
    for mark in marks:
        geom, props = mark["geometry"], mark["properties"]
        key = json.dumps(props["style"], sort_keys=True)
        into = merged.setdefault(key, {"type": "Feature", "geometry": {"type": "MultiLineString", "coordinates": []},
                                       "properties": {"ids": [], "style": props["style"], "schematic_mark": True}})
        lines = [geom["coordinates"]] if geom["type"] == "LineString" else geom["coordinates"]
        into["geometry"]["coordinates"].extend(lines)
        into["properties"]["ids"].append(props["id"].removesuffix("__schematic"))
    return list(merged.values())


def place_feature(row: Mapping[str, Any], geom: Any, lang: str, *, labels: Iterable[str] = (),
                  faded: bool, year_bases: Mapping[str, str] | None = None) -> dict | None:
    """A place: an airport icon or a circle styled by kind (and rail class), labelled if its kind is in
    ``labels``; ``faded`` for a place not in the scenario; ``year_bases`` as for :func:`link_features`."""
    row = with_year_basis(row, year_bases)
    kind = value(row, "kind")
    kind_text = label("kind", kind, lang)
    if value(row, "station_class"):
        kind_text = f"{kind_text} ({label('class', row['station_class'], lang)})"
    props: dict[str, Any] = {"id": value(row, "id"), "tip": tip_html(row, lang, kind_text),
                             "popup": popup_html(row, lang, kind_text)}
    if kind == "airport" and not faded:
        props["icon"] = AIRPORT_ICON
    else:
        style = dict(PLACE_STYLE.get(kind, PLACE_STYLE["poi"]))
        if kind == "station" and value(row, "station_class") in CLASS_COLORS:
            style["color"] = CLASS_COLORS[row["station_class"]]
        if value(row, "status") not in (None, "open"):
            style["dashArray"] = "2 2"
        if faded:
            style.update(opacity=0.3, fillOpacity=0.3)
        props["style"] = style
    if kind in labels and not faded:
        props["label"] = label_text(row, kind, lang)
        props["label_class"] = f"wz-label-{kind}"
    return feature(geom, **props)


def added_link_features(added: Iterable[Any], data: Any, lang: str) -> list[dict]:
    """The links a scenario adds (:class:`~wuzhen_geo.model.AddLink`), drawn as schematic proposals along
    their geometry or their stops."""
    out = []
    for a in added:
        if a.geometry:
            coords = [tuple(c) for c in a.geometry]
        else:
            coords = []
            for s in a.stops:
                if isinstance(s, str):
                    p = data.places.geometry.get(s)
                    if p is not None:
                        coords.append((p.x, p.y))
                else:
                    coords.append(tuple(s))
        if len(coords) < 2:
            continue
        row = {"id": a.id, "name_zh": a.name_zh or a.id, "name_en": a.name_en or a.id, "class": a.cls,
               "status": "proposed", "accuracy": "schematic", "source": "scenario edit",
               "speed_kmh": a.speed_kmh, "headway_min": a.headway_min}
        out.extend(link_features([(row, LineString(coords))], lang))
    return out

