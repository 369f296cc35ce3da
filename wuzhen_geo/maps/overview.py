"""Interactive maps (folium / Leaflet) that work offline.

Every builder returns a :class:`folium.Map`, accepts ``m=`` to draw onto an existing map, and never calls
Streamlit. The background is an offline vector layer built from the data (context water bodies and
boundaries); an OpenStreetMap tile layer is offered but off by default. Chinese tile providers (AMap/Gaode,
Tencent, Baidu) are deliberately not offered: their tiles are in GCJ-02 / BD-09 and would sit ~500 m away
from the WGS-84 vectors unless every overlay were shifted.

Styling (:mod:`wuzhen_geo.maps.style`): links are coloured by mode and class (:data:`CLASS_COLORS`), dashed by
status (:data:`STATUS_DASH`) and, when their alignment is schematic, carry a row of white dots on top
(:data:`SCHEMATIC_OVERLAY`, a layer of its own) and say so in their tooltip. Every user or data string is
HTML-escaped before it reaches the page. Result layers (route, isochrones, differences, drawing) live in
:mod:`wuzhen_geo.maps.layers` and are re-exported here.

Assets (Leaflet, Leaflet.draw) come from ``wuzhen_geo/static`` via :mod:`wuzhen_geo.maps.assets`: ``url`` mode for
the app, ``inline`` mode (what :func:`export_html` uses) for self-contained files.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping
from typing import Any

import folium
from shapely.geometry import LineString

from wuzhen_geo.maps.assets import AssetMode, localize_assets
from wuzhen_geo.i18n import check_lang, label, t
from wuzhen_geo.maps.layers import difference_layer, draw_control, isochrone_layer, point_marker, route_layer
from wuzhen_geo.maps.style import (
    _AIRPORT_ICON,
    _BOUNDARY_STYLE,
    _CLASS_ORDER,
    _CONTEXT_STYLE,
    _OSM_TILES,
    _PLACE_LAYERS,
    _PLACE_STYLE,
    _ZONE_COLORS,
    CLASS_COLORS,
    DEFAULT_LOCATION,
    LABEL_KINDS,
    LABEL_PRIORITY,
    SCHEMATIC_OVERLAY,
    STATUS_DASH,
    STATUS_OPACITY,
    ZONE_LABEL_MIN_ZOOM,
    VectorLayer,
    _Declutter,
    _esc,
    _feature,
    _FullscreenButton,
    _get,
    _Legend,
    _legend_html,
    _MapStyle,
    _popup,
    _rows,
    _tip,
    keep_layer_control_last,
    link_style,
)
from wuzhen_geo.answers.route_steps import short_place_name

__all__ = [
    "CLASS_COLORS",
    "STATUS_DASH",
    "STATUS_OPACITY",
    "SCHEMATIC_OVERLAY",
    "DEFAULT_LOCATION",
    "LABEL_KINDS",
    "LABEL_PRIORITY",
    "ZONE_LABEL_MIN_ZOOM",
    "VectorLayer",
    "label_text",
    "short_name",
    "study_area_bounds",
    "link_style",
    "base_map",
    "overview_map",
    "export_html",
    "keep_layer_control_last",
    "draw_control",
    "point_marker",
    "route_layer",
    "isochrone_layer",
    "difference_layer",
]

log = logging.getLogger(__name__)


# -------------------------------------------------------------------------------------------- builders


def base_map(
    *,
    lang: str = "zh",
    assets: AssetMode = "url",
    location: tuple[float, float] = DEFAULT_LOCATION,
    zoom_start: int = 9,
    online_basemap: bool = True,
    label_px: int = 13,
) -> folium.Map:
    """An empty map with the offline styling and local assets; the OSM tile layer is added but hidden.

    The tile layer is the only thing that needs the internet; offline its tiles fail quietly and the vector
    layers still draw.
    """
    lang = check_lang(lang)
    # Quarter zoom steps: with whole steps the study area often fits only one level out, a third of the map
    # left empty around it.
    m = folium.Map(location=list(location), zoom_start=zoom_start, tiles=None, control_scale=True,
                   prefer_canvas=False, zoom_snap=0.25)
    m.add_child(_MapStyle(label_px=label_px), name="wz_style")
    if online_basemap:
        folium.TileLayer(
            tiles=_OSM_TILES,
            attr="&copy; OpenStreetMap contributors",
            name=t("layer_osm", lang),
            overlay=True,
            show=False,
            max_zoom=19,
        ).add_to(m)
    localize_assets(m, assets)
    return m


def short_name(row: Mapping[str, Any], kind: str | None, lang: str = "zh") -> str:
    """A feature's name cut to what a map label needs (the tooltip keeps the full name)."""
    text = str(_get(row, f"name_{lang}") or _get(row, "name_en") or _get(row, "name_zh") or _get(row, "id") or "")
    if kind == "zone":  # "Internet Headquarters and Convention Zone" -> "Headquarters and Convention"
        if lang == "zh":
            return re.sub(r"^互联网", "", text) or text
        return re.sub(r"\s+zone$", "", re.sub(r"^Internet\s+", "", text), flags=re.IGNORECASE) or text
    if kind == "city_centre":  # "Suzhou city centre (Guanqian Street)" -> "Suzhou"
        text = re.sub(r"\s*[(（][^()（）]*[)）]$", "", text)
        return (re.sub(r"\s+city centre$", "", text) if lang != "zh" else re.sub(r"市中心$", "", text)) or text
    return short_place_name(text, lang)


def label_text(row: Mapping[str, Any], kind: str | None, lang: str = "zh") -> str:
    """The escaped HTML of a permanent map label: the short name in ``lang``, then in the other language
    when it differs (``"苏州 Suzhou"``); a zone's two names go on two lines, as it is labelled over its
    area, where six wide labels would collide."""
    a = short_name(row, kind, lang)
    b = short_name(row, kind, "en" if lang == "zh" else "zh")
    if not b or a == b:
        return _esc(a)
    return f"{_esc(a)}<br>{_esc(b)}" if kind == "zone" else _esc(f"{a} {b}")


def study_area_bounds(data: Any) -> tuple[float, float, float, float] | None:
    """``(minx, miny, maxx, maxy)`` of the study area: the zones, city centres and airports (the places the
    project links Wuzhen to), or of every place when the data has none of those."""
    places = getattr(data, "places", None)
    if places is None or len(places) == 0:
        return None
    frames = [places[places["kind"].isin(["city_centre", "airport"])].geometry]
    zones = getattr(data, "zones", None)
    if zones is not None and len(zones):
        frames.append(zones.geometry)
    parts = [f for f in frames if len(f)]
    if not parts:
        return tuple(float(v) for v in places.total_bounds)  # type: ignore[return-value]
    bounds = [f.total_bounds for f in parts]
    return (min(b[0] for b in bounds), min(b[1] for b in bounds), max(b[2] for b in bounds),
            max(b[3] for b in bounds))


def _background_features(data: Any, lang: str) -> tuple[list[dict], list[dict]]:
    context, bounds = [], []
    for row, geom in _rows(getattr(data, "context", None)):
        kind = _get(row, "kind")
        style = dict(_CONTEXT_STYLE.get(kind, {"color": "#9ecae1", "weight": 1, "fill": False}))
        kind_text = label("kind", kind, lang)
        f = _feature(geom, style=style, tip=_tip(row, lang, kind_text), popup=_popup(row, lang, kind_text))
        if f:
            context.append(f)
    order = {"district": 0, "city": 1, "town": 2}
    rows = sorted(_rows(getattr(data, "boundaries", None)), key=lambda rg: order.get(_get(rg[0], "kind"), 0))
    for row, geom in rows:
        kind = _get(row, "kind")
        style = dict(_BOUNDARY_STYLE.get(kind, _BOUNDARY_STYLE["district"]))
        kind_text = label("kind", kind, lang)
        f = _feature(geom, style=style, tip=_tip(row, lang, kind_text), popup=_popup(row, lang, kind_text))
        if f:
            bounds.append(f)
    return context, bounds


def _zone_features(data: Any, lang: str, labels: bool) -> list[dict]:
    out = []
    for i, (row, geom) in enumerate(_rows(getattr(data, "zones", None))):
        color = _ZONE_COLORS[i % len(_ZONE_COLORS)]
        style = {"color": color, "weight": 2, "fillColor": color, "fillOpacity": 0.25}
        if _get(row, "accuracy") == "schematic":
            style["dashArray"] = "4 4"
        kind_text = label("kind", "zone", lang)
        desc = _get(row, f"description_{lang}") or _get(row, "description_zh") or ""
        f = _feature(
            geom, id=_get(row, "id"), style=style, tip=_tip(row, lang, kind_text),
            popup=_popup(row, lang, kind_text, [(t("f_note", lang), desc)] if desc else []),
            label=label_text(row, "zone", lang) if labels else None,
            label_class="wz-label-zone", label_dir="center",
        )
        if f:
            out.append(f)
    return out


def _link_extra(row: Mapping[str, Any], lang: str) -> list[tuple[str, str]]:
    extra = []
    if _get(row, "length_km") is not None:
        extra.append((t("f_length", lang), f"{float(row['length_km']):.1f} {t('km', lang)}"))
    speed = _get(row, "speed_kmh") or _get(row, "design_speed_kmh")
    if speed is not None:
        extra.append((t("f_speed", lang), f"{float(speed):.0f} km/h"))
    if _get(row, "headway_min") is not None:
        extra.append((t("f_headway", lang), f"{float(row['headway_min']):.0f} {t('min', lang)}"))
    return extra


def _link_features(rows: Iterable[tuple[dict, Any]], lang: str, *, faded: bool = False) -> list[dict]:
    ordered = sorted(rows, key=lambda rg: (_CLASS_ORDER.index(rg[0].get("class"))
                                           if rg[0].get("class") in _CLASS_ORDER else -1))
    out = []
    for row, geom in ordered:
        kind_text = label("class", _get(row, "class"), lang)
        style = link_style(row, faded=faded)
        f = _feature(geom, id=_get(row, "id"), style=style, tip=_tip(row, lang, kind_text),
                     popup=_popup(row, lang, kind_text, _link_extra(row, lang)))
        if f is None:
            continue
        out.append(f)
        if _get(row, "accuracy") == "schematic" and not faded:
            dots = dict(SCHEMATIC_OVERLAY, weight=max(1.5, style["weight"] * 0.55))
            out.append(_feature(geom, id=f"{_get(row, 'id')}__schematic", style=dots, schematic_mark=True))
    return out


def _place_feature(row: Mapping[str, Any], geom: Any, lang: str, *, labels: Iterable[str] = (),
                   faded: bool) -> dict | None:
    kind = _get(row, "kind")
    kind_text = label("kind", kind, lang)
    if _get(row, "station_class"):
        kind_text = f"{kind_text} ({label('class', row['station_class'], lang)})"
    props: dict[str, Any] = {"id": _get(row, "id"), "tip": _tip(row, lang, kind_text),
                             "popup": _popup(row, lang, kind_text)}
    if kind == "airport" and not faded:
        props["icon"] = _AIRPORT_ICON
    else:
        style = dict(_PLACE_STYLE.get(kind, _PLACE_STYLE["poi"]))
        if kind == "station" and _get(row, "station_class") in CLASS_COLORS:
            style["color"] = CLASS_COLORS[row["station_class"]]
        if _get(row, "status") not in (None, "open"):
            style["dashArray"] = "2 2"
        if faded:
            style.update(opacity=0.3, fillOpacity=0.3)
        props["style"] = style
    if kind in labels and not faded:
        props["label"] = label_text(row, kind, lang)
        props["label_class"] = f"wz-label-{kind}"
    return _feature(geom, **props)


def _scenario_ids(data: Any, scenario: Any, year: int | None) -> tuple[set[str], set[str], tuple]:
    """Active place ids, link ids and added links of a scenario (or of the network in ``year``)."""
    from wuzhen_geo.model.scenarios import Scenario, active_features

    if scenario is None:
        scenario = Scenario(name="year", year=year)
    elif year is not None and scenario.year != year:
        from dataclasses import replace

        scenario = replace(scenario, year=year)
    act = active_features(data, scenario)
    return set(act.places), set(act.links), tuple(act.added)


def _added_link_features(added: Iterable[Any], data: Any, lang: str) -> list[dict]:
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
        out.extend(_link_features([(row, LineString(coords))], lang))
    return out


def overview_map(
    data: Any,
    *,
    scenario: Any = None,
    year: int | None = None,
    lang: str = "zh",
    m: folium.Map | None = None,
    assets: AssetMode = "url",
    labels: bool = False,
    label_kinds: Iterable[str] = LABEL_KINDS,
    label_px: int = 13,
    legend: bool = True,
    legend_collapsed: bool = False,
    fit: bool = True,
    popups: bool = True,
    fullscreen: bool = True,
) -> folium.Map:
    """The regional map: offline background, boundaries, zones, network and places.

    Parameters
    ----------
    data
        A :class:`wuzhen_geo.data.io.GeoData`.
    scenario, year
        Without either, every feature is drawn in its status style (the plan view). With a scenario (a
        :class:`wuzhen_geo.model.scenarios.Scenario`) or a year, the features active in it are drawn normally, its
        added links are drawn as schematic proposals, and the rest go to a faded layer that starts hidden.
    lang
        ``"zh"`` or ``"en"`` for names, tooltips, legend and layer names.
    m
        Draw onto this map instead of a new one (its assets are switched to ``assets``).
    assets
        ``"url"`` (the app) or ``"inline"`` (self-contained; see :func:`export_html`).
    labels, label_kinds, label_px
        Permanent bilingual labels on the zones and on the places of these kinds (airports and city centres
        by default; add ``"station"`` for a zoomed-in view), at this font size.
        Labels use short names (the tooltip keeps the full one); where two would overlap, the one of lower
        priority (:data:`LABEL_PRIORITY`) is hidden, and zone labels appear from zoom
        :data:`ZONE_LABEL_MIN_ZOOM` on.
    legend, legend_collapsed, fit
        Add the legend control (``legend_collapsed``: folded to its title until clicked, e.g. when the map
        is projected); fit the view to the study area (:func:`study_area_bounds`).
    fullscreen
        Add a button that shows the map full screen (for projecting).
    popups
        Bind click popups (details and sources). Pass ``False`` where a click must reach the map itself
        (picking a point): Leaflet stops a click that opens a popup. Tooltips stay either way.
    """
    lang = check_lang(lang)
    if m is None:
        m = base_map(lang=lang, assets=assets, label_px=label_px)
    else:
        m.add_child(_MapStyle(label_px=label_px), name="wz_style")
    start = len(m._children)
    context, bounds = _background_features(data, lang)
    VectorLayer(context + bounds, name=t("layer_background", lang)).add_to(m)

    links, places = data.links, data.places
    if scenario is None and year is None:
        on_links, on_places, added = set(links.index), set(places.index), ()
    else:
        on_places, on_links, added = _scenario_ids(data, scenario, year)

    zones = _zone_features(data, lang, labels)
    if zones:
        VectorLayer(zones, name=t("layer_zones", lang)).add_to(m)

    link_rows = list(_rows(links))
    groups = {"road": [], "rail": [], "walk": []}
    faded_rows = []
    for row, geom in link_rows:
        if row.get("id") in on_links:
            groups.setdefault(row.get("mode"), []).append((row, geom))
        else:
            faded_rows.append((row, geom))
    marks: list[dict] = []
    for mode, key in (("road", "layer_roads"), ("rail", "layer_rail"), ("walk", "layer_walk")):
        feats = _link_features(groups.get(mode, []), lang)
        if mode == "rail":
            feats += _added_link_features(added, data, lang)
        marks += [f for f in feats if f["properties"].get("schematic_mark")]
        feats = [f for f in feats if not f["properties"].get("schematic_mark")]
        if feats:
            VectorLayer(feats, name=t(key, lang)).add_to(m)
    if marks:  # one non-interactive layer on top: hovering a dotted line still reaches the line below
        VectorLayer(marks, name=t("legend_schematic", lang), interactive=False).add_to(m)

    by_layer: dict[str, list[dict]] = {}
    faded_places = []
    for row, geom in _rows(places):
        if row.get("id") not in on_places:
            faded_places.append((row, geom))
            continue
        key, _ = _PLACE_LAYERS.get(_get(row, "kind"), ("layer_other_places", True))
        f = _place_feature(row, geom, lang, labels=set(label_kinds) if labels else (), faded=False)
        if f:
            by_layer.setdefault(key, []).append(f)
    for key in ("layer_other_places", "layer_interchanges", "layer_stations", "layer_airports"):
        if by_layer.get(key):
            VectorLayer(by_layer[key], name=t(key, lang)).add_to(m)

    if faded_rows or faded_places:
        feats = _link_features(faded_rows, lang, faded=True)
        feats += [f for r, g in faded_places if (f := _place_feature(r, g, lang, faded=True))]
        VectorLayer(feats, name=t("layer_inactive", lang), show=False).add_to(m)

    if not popups:
        for child in list(m._children.values())[start:]:
            if isinstance(child, VectorLayer):
                for f in child.data["features"]:
                    f["properties"].pop("popup", None)
    if fullscreen:
        m.add_child(_FullscreenButton(t("full_screen", lang)), name="wz_fullscreen")
    if legend:
        classes = [r.get("class") for r, _ in link_rows]
        statuses = [r.get("status") for r, _ in link_rows]
        m.add_child(_Legend(_legend_html(lang, classes, statuses, collapsed=legend_collapsed)), name="wz_legend")
    if labels:
        m.add_child(_Declutter(), name="wz_declutter")
    bounds = study_area_bounds(data) if fit else None
    if bounds is not None:
        minx, miny, maxx, maxy = bounds
        m.fit_bounds([[miny, minx], [maxy, maxx]], padding=(10, 10))
    folium.LayerControl(collapsed=True).add_to(m)
    localize_assets(m, assets)
    return m


def export_html(m: folium.Map, *, title: str | None = None) -> str:
    """A self-contained HTML page of ``m``: Leaflet and its images inlined, nothing fetched at load time.

    Only the optional online basemap (hidden by default) still points at the internet. The map's assets are
    switched back to ``url`` afterwards, so the same map can still be shown in the app.
    """
    keep_layer_control_last(m)
    localize_assets(m, "inline")
    try:
        page = m.get_root().render()
    finally:
        localize_assets(m, "url")
    if title:
        page = page.replace("<head>", f"<head>\n<title>{_esc(title)}</title>", 1)
    return page
