"""The overview map (folium / Leaflet) that works offline, and the page it exports to.

Every builder returns a :class:`folium.Map`, accepts ``m=`` to draw onto an existing map, and never calls
Streamlit. The background is an offline vector layer built from the data (context water bodies and
boundaries); an OpenStreetMap tile layer is offered but off by default. Chinese tile providers (AMap/Gaode,
Tencent, Baidu) are deliberately not offered: their tiles are in GCJ-02 / BD-09 and would sit ~500 m away
from the WGS-84 vectors unless every overlay were shifted.

Styling (:mod:`wuzhen_geo.maps.style`): links are coloured by mode and class (``CLASS_COLORS``), dashed by
status (``STATUS_DASH``) and, when their alignment is schematic, carry a row of white dots on top
(``SCHEMATIC_OVERLAY``, a layer of its own) and say so in their tooltip. Every user or data string is
HTML-escaped before it reaches the page. The features come from ``_data_features``; result layers (route,
isochrones, differences, drawing) are in :mod:`wuzhen_geo.maps.layers`.

Assets (Leaflet, Leaflet.draw) come from ``wuzhen_geo/static`` via :mod:`wuzhen_geo.maps.assets`: ``url`` mode for
the app, ``inline`` mode (what :func:`export_html` uses) for self-contained files.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any

import folium

from wuzhen_geo.i18n import check_lang, t
from wuzhen_geo.maps._data_features import (
    added_link_features,
    background_features,
    feature_year_bases,
    link_features,
    merged_marks,
    place_feature,
    zone_features,
)
from wuzhen_geo.maps._declutter import Declutter
from wuzhen_geo.maps._control_words import ControlWords
from wuzhen_geo.maps._elements import (FitBounds, FullscreenButton, Legend, MapStyle, MetricScale, PlainAttribution,
                                        VectorLayer, keep_layer_control_last)
from wuzhen_geo.maps._features import esc, frame_rows, value
from wuzhen_geo.maps._open_sea import open_sea_features
from wuzhen_geo.maps.assets import AssetMode, localize_assets
from wuzhen_geo.maps.style import (DEFAULT_LOCATION, FIT_PADDING_PX, KEY_PLACE_IDS, LABEL_KINDS, NETWORK_LEGEND_FOLD_BELOW_PX, OSM_TILES,
                                   PLACE_LAYERS, legend_html)
from wuzhen_geo.model import Scenario, features_as_run

__all__ = ["base_map", "export_html", "network_layers", "overview_map", "study_area_bounds"]


def base_map(
    *,
    lang: str = "zh",
    assets: AssetMode = "url",
    location: tuple[float, float] = DEFAULT_LOCATION,
    zoom_start: int = 9,
    online_basemap: bool = True,
    label_px: int = 13,
    fill_frame: bool = False,
) -> folium.Map:
    """An empty map with the offline styling and local assets; the OSM tile layer is added but hidden.

    The tile layer is the only thing that needs the internet; offline its tiles fail quietly and the vector
    layers still draw.
    """
    lang = check_lang(lang)
    # Quarter zoom steps: with whole steps the study area often fits only one level out, a third of the map
    # left empty around it.
    m = folium.Map(location=list(location), zoom_start=zoom_start, tiles=None, control_scale=False,
                   prefer_canvas=False, zoom_snap=0.25)
    m.add_child(MapStyle(label_px=label_px, fill_frame=fill_frame), name="wz_style")
    m.add_child(MetricScale(), name="wz_scale")  # kilometres only, as on the slides
    m.add_child(PlainAttribution(), name="wz_attribution")
    if lang != "en":  # English is what Leaflet and Leaflet.draw say themselves
        m.add_child(ControlWords(lang), name="wz_control_words")
    if online_basemap:
        folium.TileLayer(
            tiles=OSM_TILES,
            attr="&copy; OpenStreetMap contributors",
            name=t("layer_osm", lang),
            overlay=True,
            show=False,
            max_zoom=19,
        ).add_to(m)
    localize_assets(m, assets)
    return m


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


def _scenario_ids(data: Any, scenario: Any, year: int | None) -> tuple[set[str], set[str], tuple]:
    """Active place ids, link ids and added links of a scenario (or of the network in ``year``)."""
    if scenario is None:
        scenario = Scenario(name="year", year=year)
    elif year is not None and scenario.year != year:
        scenario = dataclasses.replace(scenario, year=year)
    act = features_as_run(data, scenario)  # as the network runs it: one service reading, patterns with their track
    return set(act.places), set(act.links), tuple(act.added)


def _add_network(m: Any, data: Any, *, scenario: Any, year: int | None, lang: str, labels: bool,
                 label_kinds: Iterable[str], inactive: bool = True) -> None:
    """Add the network's layers (links by mode, schematic marks, places by kind and, with ``inactive``, the
    features the scenario lacks, hidden) to a map or a feature group."""
    links, places = data.links, data.places
    if scenario is None and year is None:
        on_links, on_places, added = set(links.index), set(places.index), ()
    else:
        on_places, on_links, added = _scenario_ids(data, scenario, year)

    bases = feature_year_bases(data)  # a popup says whether a planned year is announced or inferred
    link_rows = list(frame_rows(links))
    groups = {"road": [], "rail": [], "coach": [], "walk": []}
    faded_rows = []
    for row, geom in link_rows:
        if row.get("id") in on_links:
            groups.setdefault(row.get("mode"), []).append((row, geom))
        else:
            faded_rows.append((row, geom))
    marks: list[dict] = []
    for mode, key in (("road", "layer_roads"), ("rail", "layer_rail"), ("coach", "layer_coach"),
                      ("walk", "layer_walk")):
        feats = link_features(groups.get(mode, []), lang, year_bases=bases)
        if mode == "rail":
            feats += added_link_features(added, data, lang)
        marks += [f for f in feats if f["properties"].get("schematic_mark")]
        feats = [f for f in feats if not f["properties"].get("schematic_mark")]
        if feats:
            VectorLayer(feats, name=t(key, lang)).add_to(m)
    if marks:  # one non-interactive layer on top: hovering a dotted line still reaches the line below
        VectorLayer(merged_marks(marks), name=t("legend_schematic", lang), interactive=False).add_to(m)

    by_layer: dict[str, list[dict]] = {}
    faded_places = []
    for row, geom in frame_rows(places):
        if row.get("id") not in on_places:
            faded_places.append((row, geom))
            continue
        key, _ = PLACE_LAYERS.get(value(row, "kind"), ("layer_other_places", True))
        # with labels on, Wuzhen (a key place of another kind) is named whatever kinds are chosen, first of all
        named_anyway = labels and row.get("id") in KEY_PLACE_IDS
        kinds = (set(label_kinds) | ({value(row, "kind")} if named_anyway else set())) if labels else ()
        f = place_feature(row, geom, lang, labels=kinds, faded=False, year_bases=bases)
        if f and named_anyway and f["properties"].get("label"):
            f["properties"]["label_class"] = "wz-label-key " + f["properties"]["label_class"]
        if f:
            by_layer.setdefault(key, []).append(f)
    for key in ("layer_other_places", "layer_interchanges", "layer_stations", "layer_airports"):
        if by_layer.get(key):
            VectorLayer(by_layer[key], name=t(key, lang)).add_to(m)

    if inactive and (faded_rows or faded_places):
        feats = link_features(faded_rows, lang, faded=True, year_bases=bases)
        feats += [f for r, g in faded_places if (f := place_feature(r, g, lang, faded=True, year_bases=bases))]
        VectorLayer(feats, name=t("layer_inactive", lang), show=False).add_to(m)


def network_layers(data: Any, *, scenario: Any = None, year: int | None = None, lang: str = "zh",
                   labels: bool = False, label_kinds: Iterable[str] = LABEL_KINDS, popups: bool = True,
                   name: str | None = None) -> folium.FeatureGroup:
    """The network of a scenario (or year) as one feature group, the part of the overview that changes with
    an edit: drawn onto ``overview_map(..., network=False)`` (e.g. as ``st_folium``'s dynamic group), the
    base map stays the same and the browser keeps its view. The features the scenario lacks are left out: a
    group has no layer switcher to show them."""
    lang = check_lang(lang)
    group = folium.FeatureGroup(name=name or t("layer_network", lang), control=False)
    _add_network(group, data, scenario=scenario, year=year, lang=lang, labels=labels, label_kinds=label_kinds,
                 inactive=False)
    if not popups:
        _drop_popups(group._children.values())
    return group


def _drop_popups(children: Iterable[Any]) -> None:
    for child in children:
        if isinstance(child, VectorLayer):
            for f in child.data["features"]:
                f["properties"].pop("popup", None)


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
    network: bool = True,
    fill_frame: bool = False,
) -> folium.Map:
    """The regional map: offline background, boundaries, zones, network and places.

    Parameters
    ----------
    data
        A :class:`wuzhen_geo.data.GeoData`.
    scenario, year
        Without either, every feature is drawn in its status style (the plan view). With a scenario (a
        :class:`wuzhen_geo.model.Scenario`) or a year, the features active in it are drawn normally, its
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
        priority (:data:`~wuzhen_geo.maps.LABEL_PRIORITY`) is hidden, and zone labels appear from zoom
        :data:`~wuzhen_geo.maps.ZONE_LABEL_MIN_ZOOM` on.
    legend, legend_collapsed, fit
        Add the legend control (``legend_collapsed``: folded to its title until clicked, e.g. when the map
        is projected); fit the view to the study area (:func:`study_area_bounds`).
    fullscreen
        Add a button that shows the map full screen (for projecting).
    network
        Draw the network; ``False`` leaves a base map for :func:`network_layers` (the same for every
        scenario, so a browser showing it need not reload it).
    fill_frame
        The map fills the whole height of its page or frame (a full-screen presentation), whatever height
        the frame was first given.
    popups
        Bind click popups (details and sources). Pass ``False`` where a click must reach the map itself
        (picking a point): Leaflet stops a click that opens a popup. Tooltips stay either way.
    """
    lang = check_lang(lang)
    if m is None:
        m = base_map(lang=lang, assets=assets, label_px=label_px, fill_frame=fill_frame)
    else:
        m.add_child(MapStyle(label_px=label_px, fill_frame=fill_frame), name="wz_style")
    area = study_area_bounds(data) if fit else None
    if area is not None:
        minx, miny, maxx, maxy = area
        # Before the layers: each layer is then projected once, at the fitted view (fitting after them
        # re-projected every feature, a fifth of the map's script time). Room at the edges for the outermost
        # places' marks and labels.
        m.add_child(FitBounds([[miny, minx], [maxy, maxx]], padding=(FIT_PADDING_PX, FIT_PADDING_PX)),
                    name="wz_fit")
    start = len(m._children)
    context, bounds = background_features(data, lang)
    # the sea continued past the data's box, so a wide view shows no seam where the shipped sea stops
    VectorLayer(open_sea_features(data) + context + bounds, name=t("layer_background", lang)).add_to(m)

    zones = zone_features(data, lang, labels)
    if zones:
        VectorLayer(zones, name=t("layer_zones", lang)).add_to(m)

    if network:
        _add_network(m, data, scenario=scenario, year=year, lang=lang, labels=labels, label_kinds=label_kinds)
    link_rows = list(frame_rows(data.links))

    if not popups:
        _drop_popups(list(m._children.values())[start:])
    if fullscreen:
        m.add_child(FullscreenButton(t("full_screen", lang)), name="wz_fullscreen")
    if legend:
        classes = [r.get("class") for r, _ in link_rows]
        statuses = [r.get("status") for r, _ in link_rows]
        m.add_child(Legend(legend_html(lang, classes, statuses, collapsed=legend_collapsed),
                           fold_below_px=NETWORK_LEGEND_FOLD_BELOW_PX), name="wz_legend")
    if labels:
        m.add_child(Declutter(), name="wz_declutter")
    folium.LayerControl(collapsed=True).add_to(m)
    localize_assets(m, assets)
    return m


#: The exported page's visible title: centred at the top, clear of the zoom buttons and the layer switcher.
_HEADING_STYLE = ("position:fixed;top:10px;left:50%;transform:translateX(-50%);z-index:1000;max-width:60%;"
                  "background:rgba(255,255,255,.92);padding:4px 12px;border-radius:4px;font:600 16px/1.35 "
                  "sans-serif;color:#222;text-align:center;box-shadow:0 1px 4px rgba(0,0,0,.3);pointer-events:none")


def export_html(m: folium.Map, *, title: str | None = None, heading: bool = True) -> str:
    """A self-contained HTML page of ``m``: Leaflet and its images inlined, nothing fetched at load time.

    ``title`` (e.g. the map, year and scenario) is the page's title and, with ``heading``, is also written on
    the map, so a viewer of the file sees which network it shows (a slide has its own title card and passes
    ``heading=False``). Only the optional online basemap (hidden by default)
    still points at the internet. The map's assets are switched back to ``url`` afterwards, so the same map
    can still be shown in the app.
    """
    keep_layer_control_last(m)
    localize_assets(m, "inline")
    try:
        page = m.get_root().render()
    finally:
        localize_assets(m, "url")
    if title:
        page = page.replace("<head>", f"<head>\n<title>{esc(title)}</title>", 1)
    if title and heading:
        shown = f'<div class="wz-export-heading" style="{_HEADING_STYLE}">{esc(title)}</div>'
        at = page.rfind("</body>")
        page = page[:at] + shown + "\n" + page[at:] if at >= 0 else page + shown
    return page
