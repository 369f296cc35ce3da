"""Interactive maps (folium / Leaflet) that work offline.

Every builder returns a :class:`folium.Map`, accepts ``m=`` to draw onto an existing map, and never calls
Streamlit. The background is an offline vector layer built from the data (context water bodies and
boundaries); an OpenStreetMap tile layer is offered but off by default. Chinese tile providers (AMap/Gaode,
Tencent, Baidu) are deliberately not offered: their tiles are in GCJ-02 / BD-09 and would sit ~500 m away
from the WGS-84 vectors unless every overlay were shifted.

Styling: links are coloured by mode and class (:data:`CLASS_COLORS`), dashed by status (:data:`STATUS_DASH`)
and, when their alignment is schematic, carry a row of white dots on top (:data:`SCHEMATIC_OVERLAY`) and say
so in their tooltip. Every user or data string is HTML-escaped before it reaches the page.

Assets (Leaflet, Leaflet.draw) come from ``wuzhen_geo/static`` via :mod:`wuzhen_geo.assets`: ``url`` mode for
the app, ``inline`` mode (what :func:`export_html` uses) for self-contained files.
"""

from __future__ import annotations

import html
import json
import logging
import math
from collections.abc import Iterable, Mapping
from typing import Any

import folium
import geopandas as gpd
from branca.element import MacroElement
from folium.map import Layer
from folium.template import Template
from shapely.geometry import LineString, mapping

from .assets import AssetMode, localize_assets
from .i18n import bilingual, check_lang, label, t

__all__ = [
    "CLASS_COLORS",
    "STATUS_DASH",
    "STATUS_OPACITY",
    "SCHEMATIC_OVERLAY",
    "DEFAULT_LOCATION",
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

#: Centre of the default view (between Wuzhen and the airports), lat, lon.
DEFAULT_LOCATION = (30.75, 120.75)

#: Line colour by link class (road classes warm/grey, rail classes saturated, walk black).
CLASS_COLORS: dict[str, str] = {
    "expressway": "#1b7837",
    "urban_expressway": "#5aae61",
    "highway": "#e08214",
    "arterial": "#8c6d31",
    "local": "#9e9e9e",
    "connector": "#bdbdbd",
    "hsr": "#c51b7d",
    "conventional": "#542788",
    "intercity": "#d6604d",
    "suburban": "#2166ac",
    "metro": "#4393c3",
    "transfer": "#222222",
}
_CLASS_WEIGHT = {
    "expressway": 4, "urban_expressway": 3.5, "highway": 3, "arterial": 2.5, "local": 1.8, "connector": 1.5,
    "hsr": 4, "conventional": 3, "intercity": 3.5, "suburban": 3, "metro": 3, "transfer": 2,
}
# Draw order, bottom to top.
_CLASS_ORDER = list(_CLASS_WEIGHT)

#: SVG dash pattern by status; ``None`` is a solid line.
STATUS_DASH: dict[str, str | None] = {
    "open": None,
    "under_construction": "12 6",
    "planned": "6 6",
    "proposed": "2 6",
}
STATUS_OPACITY: dict[str, float] = {"open": 0.95, "under_construction": 0.9, "planned": 0.85, "proposed": 0.75}
#: Drawn over a schematic link: white dots that stay visible whatever the status dash.
SCHEMATIC_OVERLAY: dict[str, Any] = {"color": "#ffffff", "dashArray": "1 9", "lineCap": "round", "opacity": 1.0}

_ZONE_COLORS = ["#e41a1c", "#377eb8", "#4daf4a", "#984ea3", "#ff7f00", "#a65628", "#f781bf", "#999999"]
_CONTEXT_STYLE = {
    "sea": {"color": "#9ecae1", "weight": 0.5, "fillColor": "#c6dbef", "fillOpacity": 1.0},
    "lake": {"color": "#9ecae1", "weight": 0.5, "fillColor": "#c6dbef", "fillOpacity": 1.0},
    "coast": {"color": "#6baed6", "weight": 1.0, "fill": False},
    "river": {"color": "#9ecae1", "weight": 2.0, "fill": False},
    "canal": {"color": "#6baed6", "weight": 2.5, "fill": False},
}
_BOUNDARY_STYLE = {
    "city": {"color": "#444444", "weight": 2.5, "fillColor": "#fffdf3", "fillOpacity": 0.6},
    "town": {"color": "#b2182b", "weight": 2.0, "dashArray": "8 4", "fillColor": "#fff5eb", "fillOpacity": 0.5},
    "district": {"color": "#8c8c8c", "weight": 1.0, "fillColor": "#fafafa", "fillOpacity": 0.35},
}
_PLACE_LAYERS = {  # kind -> (layer key, shown by default)
    "airport": ("layer_airports", True),
    "station": ("layer_stations", True),
    "interchange": ("layer_interchanges", True),
    "city_centre": ("layer_other_places", True),
    "poi": ("layer_other_places", True),
    "zone_access": ("layer_other_places", True),
    "junction": ("layer_other_places", True),
}
_PLACE_STYLE = {
    "station": {"radius": 5, "color": "#333333", "weight": 2, "fillColor": "#ffffff", "fillOpacity": 1.0},
    "interchange": {"radius": 3.5, "color": "#1b7837", "weight": 1, "fillColor": "#a6dba0", "fillOpacity": 1.0},
    "city_centre": {"radius": 7, "color": "#333333", "weight": 2, "fillColor": "#fdd49e", "fillOpacity": 0.9},
    "poi": {"radius": 4, "color": "#6a51a3", "weight": 1, "fillColor": "#bcbddc", "fillOpacity": 1.0},
    "zone_access": {"radius": 3, "color": "#e08214", "weight": 1, "fillColor": "#fee0b6", "fillOpacity": 1.0},
    "junction": {"radius": 2, "color": "#737373", "weight": 1, "fillColor": "#d9d9d9", "fillOpacity": 1.0},
}
_AIRPORT_ICON = {
    "html": '<div class="wz-apt">&#9992;</div>',
    "className": "wz-divicon",
    "iconSize": [24, 24],
    "iconAnchor": [12, 12],
}
_LABEL_KINDS = {"airport", "city_centre", "station"}
_OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"


# ----------------------------------------------------------------------------------------- elements


class VectorLayer(Layer):
    """A GeoJSON overlay whose features carry their own ``style``, ``tip``, ``popup``, ``label``, ``icon``.

    Tooltips and popups are bound in plain Leaflet (folium's ``Popup`` needs jQuery, which is not shipped);
    the strings are already escaped HTML.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.geoJSON({{ this.data_js }}, {
            style: function (f) { return f.properties.style || {}; },
            pointToLayer: function (f, ll) {
                var p = f.properties;
                if (p.icon) { return L.marker(ll, {icon: L.divIcon(p.icon), keyboard: false}); }
                return L.circleMarker(ll, p.style || {});
            },
            onEachFeature: function (f, layer) {
                var p = f.properties;
                if (p.label) {
                    layer.bindTooltip(p.label, {permanent: true, direction: "right", offset: [8, 0],
                                                className: "wz-label"});
                } else if (p.tip) {
                    layer.bindTooltip(p.tip, {sticky: true});
                }
                if (p.popup) { layer.bindPopup(p.popup, {maxWidth: 380}); }
            },
            interactive: {{ this.interactive|tojson }}
        });
        {% endmacro %}
        """
    )

    def __init__(self, features: list[dict], *, name: str, show: bool = True, control: bool = True,
                 interactive: bool = True):
        super().__init__(name=name, overlay=True, control=control, show=show)
        self._name = "VectorLayer"
        self.data = {"type": "FeatureCollection", "features": features}
        self.interactive = bool(interactive)

    @property
    def data_js(self) -> str:
        """The data as a JavaScript literal, safe inside ``<script>``: compact UTF-8 (Chinese stays 3 bytes,
        not a 6-byte ``\\u`` escape as with ``tojson``) with ``< > & '`` and line separators escaped."""
        return _script_json(self.data)


class _MapStyle(MacroElement):
    """Page CSS: offline background colour, labels, legend. Goes into the page header."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>
        .leaflet-container { background: #eef3f4; }
        .wz-divicon { background: none; border: 0; }
        .wz-apt { font-size: 20px; line-height: 24px; text-align: center; color: #08306b;
                  text-shadow: 0 0 3px #fff, 0 0 3px #fff; }
        .leaflet-tooltip.wz-label { font-size: {{ this.label_px }}px; font-weight: 600; padding: 1px 4px;
                  background: rgba(255,255,255,0.85); border: 0; box-shadow: none; }
        .leaflet-tooltip.wz-label:before { display: none; }
        .wz-legend { background: rgba(255,255,255,0.93); padding: 6px 8px; font: 12px/1.35 sans-serif;
                  border-radius: 4px; box-shadow: 0 1px 4px rgba(0,0,0,0.3); max-height: 60vh; overflow: auto; }
        .wz-legend b { display: block; margin-top: 4px; }
        .wz-popup td { padding: 1px 6px 1px 0; vertical-align: top; }
        .wz-popup .wz-id { color: #888; font-size: 11px; }
        </style>
        {% endmacro %}
        """
    )

    def __init__(self, label_px: int = 13):
        super().__init__()
        self._name = "MapStyle"
        self.label_px = int(label_px)


class _Legend(MacroElement):
    """A Leaflet control holding prepared (escaped) legend HTML."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var legend = L.control({position: "bottomright"});
            legend.onAdd = function () {
                var div = L.DomUtil.create("div", "wz-legend");
                div.innerHTML = {{ this.html|tojson }};
                L.DomEvent.disableClickPropagation(div);
                L.DomEvent.disableScrollPropagation(div);
                return div;
            };
            legend.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
        """
    )

    def __init__(self, html_text: str):
        super().__init__()
        self._name = "Legend"
        self.html = html_text


# ------------------------------------------------------------------------------------------- helpers


_SCRIPT_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "'": "\\u0027",
                  "\u2028": "\\u2028", "\u2029": "\\u2029"}


def _script_json(value: Any) -> str:
    """JSON that cannot end a ``<script>`` element or open markup (the escapes ``tojson`` uses)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for char, esc in _SCRIPT_UNSAFE.items():
        text = text.replace(char, esc)
    return text


def _esc(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return html.escape(str(value), quote=True)


def _get(row: Mapping[str, Any], key: str) -> Any:
    value = row.get(key)
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _source_html(source: Any) -> str:
    parts = [p.strip() for p in str(source or "").split(" ; ") if p.strip()]
    out = []
    for part in parts:
        if part.startswith(("http://", "https://")):
            out.append(f'<a href="{_esc(part)}" target="_blank" rel="noopener noreferrer">{_esc(part)}</a>')
        else:
            out.append(_esc(part))
    return "<br>".join(out)


def _year_text(row: Mapping[str, Any], lang: str) -> str:
    year = _get(row, "open_year")
    return str(int(year)) if year is not None else t("unknown_year", lang)


def _popup(row: Mapping[str, Any], lang: str, kind_text: str, extra: Iterable[tuple[str, str]] = ()) -> str:
    """Escaped popup HTML: names, kind, status, year, accuracy, extras, source, note, id."""
    rows = [
        (t("f_kind", lang), _esc(kind_text)),
        (t("f_status", lang), _esc(label("status", _get(row, "status"), lang))),
        (t("f_year", lang), _esc(_year_text(row, lang))),
        (t("f_accuracy", lang), _esc(label("accuracy", _get(row, "accuracy"), lang))),
        *[(k, _esc(v)) for k, v in extra],
        (t("f_source", lang), _source_html(_get(row, "source"))),
    ]
    if _get(row, "note"):
        rows.append((t("f_note", lang), _esc(row.get("note"))))
    body = "".join(f"<tr><td><b>{_esc(k)}</b></td><td>{v}</td></tr>" for k, v in rows if v)
    title = f"<b>{_esc(_get(row, 'name_zh'))}</b><br>{_esc(_get(row, 'name_en'))}"
    return f'<div class="wz-popup">{title}<table>{body}</table><span class="wz-id">{_esc(_get(row, "id"))}</span></div>'


def _tip(row: Mapping[str, Any], lang: str, kind_text: str) -> str:
    status = label("status", _get(row, "status"), lang)
    bits = [f"<b>{_esc(bilingual(row, lang))}</b>", _esc(kind_text), _esc(status)]
    if _get(row, "accuracy") == "schematic":
        bits.append(f"<i>{_esc(label('accuracy', 'schematic', lang))}</i>")
    return " · ".join(b for b in bits if b)


def _geom(geometry: Any, digits: int = 5) -> dict | None:
    """GeoJSON geometry with coordinates rounded (5 decimals ≈ 1 m) to keep pages small."""
    if geometry is None or geometry.is_empty:
        return None

    def rnd(c: Any) -> Any:
        if isinstance(c, (list, tuple)) and c and isinstance(c[0], (int, float)):
            return [round(float(v), digits) for v in c[:2]]
        return [rnd(v) for v in c]

    g = mapping(geometry)
    if g["type"] == "GeometryCollection":
        return {"type": g["type"], "geometries": [_geom(part, digits) for part in geometry.geoms]}
    return {"type": g["type"], "coordinates": rnd(g["coordinates"])}


def _feature(geometry: Any, **props: Any) -> dict | None:
    g = _geom(geometry)
    return None if g is None else {"type": "Feature", "geometry": g, "properties": props}


def _rows(frame: gpd.GeoDataFrame | None) -> Iterable[tuple[dict, Any]]:
    if frame is None or len(frame) == 0:
        return []
    cols = [c for c in frame.columns if c != frame.geometry.name]
    return ((dict(zip(cols, vals)), geom) for *vals, geom in frame[cols + [frame.geometry.name]].itertuples(index=False))


def link_style(row: Mapping[str, Any], *, faded: bool = False) -> dict[str, Any]:
    """Leaflet path style of a link: colour and weight by class, dash and opacity by status."""
    cls = _get(row, "class")
    status = _get(row, "status") or "open"
    style: dict[str, Any] = {
        "color": CLASS_COLORS.get(cls, "#555555"),
        "weight": _CLASS_WEIGHT.get(cls, 2),
        "opacity": 0.25 if faded else STATUS_OPACITY.get(status, 0.8),
        "lineCap": "butt" if STATUS_DASH.get(status) else "round",
    }
    if STATUS_DASH.get(status):
        style["dashArray"] = STATUS_DASH[status]
    return style


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
    m = folium.Map(location=list(location), zoom_start=zoom_start, tiles=None, control_scale=True,
                   prefer_canvas=False)
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
            geom, style=style, tip=_tip(row, lang, kind_text),
            popup=_popup(row, lang, kind_text, [(t("f_note", lang), desc)] if desc else []),
            label=_esc(bilingual(row, lang)) if labels else None,
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


def _place_feature(row: Mapping[str, Any], geom: Any, lang: str, *, labels: bool, faded: bool) -> dict | None:
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
    if labels and kind in _LABEL_KINDS and not faded:
        props["label"] = _esc(bilingual(row, lang))
    return _feature(geom, **props)


def _legend_html(lang: str, classes: Iterable[str], statuses: Iterable[str]) -> str:
    def line(style: Mapping[str, Any], overlay: bool = False) -> str:
        dash = f' stroke-dasharray="{style["dashArray"]}"' if style.get("dashArray") else ""
        svg = (f'<line x1="2" y1="6" x2="40" y2="6" stroke="{style["color"]}" stroke-width="{style["weight"]}"'
               f'{dash}/>')
        if overlay:
            svg += ('<line x1="2" y1="6" x2="40" y2="6" stroke="#fff" stroke-width="2" stroke-linecap="round" '
                    'stroke-dasharray="1 9"/>')
        return f'<svg width="42" height="12" style="vertical-align:middle">{svg}</svg>'

    parts = [f"<details open><summary><b style='display:inline'>{_esc(t('legend_title', lang))}</b></summary>"]
    parts.append(f"<b>{_esc(t('legend_status', lang))}</b>")
    for status in [s for s in STATUS_DASH if s in set(statuses)] or list(STATUS_DASH):
        style = {"color": "#333", "weight": 3, "dashArray": STATUS_DASH[status]}
        parts.append(f"{line(style)} {_esc(label('status', status, lang))}<br>")
    parts.append(f"{line({'color': '#333', 'weight': 4}, overlay=True)} {_esc(t('legend_schematic', lang))}<br>")
    parts.append(f"<b>{_esc(t('legend_modes', lang))}</b>")
    present = set(classes)
    for cls in [c for c in _CLASS_ORDER[::-1] if c in present]:
        style = {"color": CLASS_COLORS[cls], "weight": _CLASS_WEIGHT[cls]}
        parts.append(f"{line(style)} {_esc(label('class', cls, lang))}<br>")
    parts.append(f"<b>{_esc(t('legend_places', lang))}</b>")
    parts.append(f"<span class='wz-apt' style='font-size:14px'>&#9992;</span> {_esc(label('kind', 'airport', lang))}<br>")
    for kind in ("station", "interchange", "city_centre"):
        s = _PLACE_STYLE[kind]
        parts.append(f'<svg width="14" height="14" style="vertical-align:middle"><circle cx="7" cy="7" r="5" '
                     f'fill="{s["fillColor"]}" stroke="{s["color"]}" stroke-width="2"/></svg> '
                     f"{_esc(label('kind', kind, lang))}<br>")
    parts.append("</details>")
    return "".join(parts)


def _scenario_ids(data: Any, scenario: Any, year: int | None) -> tuple[set[str], set[str], tuple]:
    """Active place ids, link ids and added links of a scenario (or of the network in ``year``)."""
    from .scenarios import Scenario, active_features

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
    label_px: int = 13,
    legend: bool = True,
    fit: bool = True,
    popups: bool = True,
) -> folium.Map:
    """The regional map: offline background, boundaries, zones, network and places.

    Parameters
    ----------
    data
        A :class:`wuzhen_geo.io.GeoData`.
    scenario, year
        Without either, every feature is drawn in its status style (the plan view). With a scenario (a
        :class:`wuzhen_geo.scenarios.Scenario`) or a year, the features active in it are drawn normally, its
        added links are drawn as schematic proposals, and the rest go to a faded layer that starts hidden.
    lang
        ``"zh"`` or ``"en"`` for names, tooltips, legend and layer names.
    m
        Draw onto this map instead of a new one (its assets are switched to ``assets``).
    assets
        ``"url"`` (the app) or ``"inline"`` (self-contained; see :func:`export_html`).
    labels, label_px
        Permanent bilingual labels on airports, stations, city centres and zones, at this font size.
    legend, fit
        Add the legend control; fit the view to the data.
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
        f = _place_feature(row, geom, lang, labels=labels, faded=False)
        if f:
            by_layer.setdefault(key, []).append(f)
    for key in ("layer_other_places", "layer_interchanges", "layer_stations", "layer_airports"):
        if by_layer.get(key):
            VectorLayer(by_layer[key], name=t(key, lang)).add_to(m)

    if faded_rows or faded_places:
        feats = _link_features(faded_rows, lang, faded=True)
        feats += [f for r, g in faded_places if (f := _place_feature(r, g, lang, labels=False, faded=True))]
        VectorLayer(feats, name=t("layer_inactive", lang), show=False).add_to(m)

    if not popups:
        for child in list(m._children.values())[start:]:
            if isinstance(child, VectorLayer):
                for f in child.data["features"]:
                    f["properties"].pop("popup", None)
    if legend:
        classes = [r.get("class") for r, _ in link_rows]
        statuses = [r.get("status") for r, _ in link_rows]
        m.add_child(_Legend(_legend_html(lang, classes, statuses)), name="wz_legend")
    if fit and len(places):
        minx, miny, maxx, maxy = places.total_bounds
        m.fit_bounds([[miny, minx], [maxy, maxx]], padding=(10, 10))
    folium.LayerControl(collapsed=True).add_to(m)
    localize_assets(m, assets)
    return m


def keep_layer_control_last(m: Any) -> Any:
    """Move the map's layer control after every layer (it must be created after the layers it lists)."""
    if isinstance(m, folium.Map):
        for key, child in list(m._children.items()):
            if isinstance(child, folium.LayerControl):
                m._children.move_to_end(key)
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


_LAYER_BUILDERS = ("route_layer", "isochrone_layer", "difference_layer", "point_marker", "draw_control")


def __getattr__(attr: str) -> Any:
    # The result layers live in maplayers.py (which imports this module); expose them here lazily.
    if attr in _LAYER_BUILDERS:
        from . import maplayers

        return getattr(maplayers, attr)
    raise AttributeError(f"module {__name__!r} has no attribute {attr!r}")
