"""Map styling shared by :mod:`wuzhen_geo.maps.overview` and :mod:`wuzhen_geo.maps.layers`: colours, dash patterns,
the Leaflet elements the maps are made of (:class:`VectorLayer`, the page CSS and the legend control) and the
helpers that turn data rows into escaped GeoJSON features.

Every string that reaches the page goes through :func:`_esc` (HTML) or :func:`_script_json` (inside
``<script>``); tooltips and popups are bound in plain Leaflet because folium's ``Popup`` needs jQuery.
"""

from __future__ import annotations

import html
import json
import math
from collections.abc import Iterable, Mapping
from typing import Any

import folium
import geopandas as gpd
from branca.element import MacroElement
from folium.map import Layer
from folium.template import Template
from shapely.geometry import mapping

from wuzhen_geo.i18n import bilingual, label, t

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
    "link_style",
    "keep_layer_control_last",
]

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
#: Place kinds labelled by default when labels are on (stations crowd a regional view).
LABEL_KINDS: tuple[str, ...] = ("airport", "city_centre")
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
                    var centre = p.label_dir === "center";
                    layer.bindTooltip(p.label, {permanent: true, direction: centre ? "center" : "right",
                                                offset: centre ? [0, 0] : [8, 0],
                                                className: "wz-label " + (p.label_class || "")});
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
        .leaflet-tooltip.wz-label-zone { font-size: {{ (this.label_px * 0.8)|round|int }}px; color: #5a1d1d; text-align: center;
                  background: rgba(255,255,255,0.7); }
        .leaflet-tooltip.wz-label.wz-hidden { visibility: hidden; }
        .wz-legend summary { cursor: pointer; }
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


#: Label priority (lower wins a place on the map) by label class: city names first (they orient the
#: audience; an airport keeps its icon when its label gives way), zones after every named place.
LABEL_PRIORITY: dict[str, int] = {"wz-label-city_centre": 0, "wz-label-airport": 1, "wz-label-zone": 2,
                                  "wz-label-station": 3, "wz-label-interchange": 4}
#: Zone labels appear from this zoom on: below it the six zones are a few pixels across.
ZONE_LABEL_MIN_ZOOM = 11


class _Declutter(MacroElement):
    """Hide permanent labels that would overlap a label of higher priority (city centres, then airports,
    then zones, stations, interchanges), labels cut by the map's edge, and zone labels below
    :data:`ZONE_LABEL_MIN_ZOOM`; run again after
    every zoom, pan, resize and layer switch, so a label comes back when there is room for it."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map) {
            var prio = {{ this.priority|tojson }};
            function rank(el) {
                for (var k in prio) { if (el.classList.contains(k)) { return prio[k]; } }
                return 9;
            }
            function declutter() {
                var els = Array.prototype.slice.call(
                    map.getContainer().querySelectorAll(".leaflet-tooltip.wz-label"));
                els.forEach(function (el, i) { el.classList.remove("wz-hidden"); el._wzOrder = i; });
                els.sort(function (a, b) { return (rank(a) - rank(b)) || (a._wzOrder - b._wzOrder); });
                var kept = [], zoom = map.getZoom(), box = map.getContainer().getBoundingClientRect();
                els.forEach(function (el) {
                    if (el.classList.contains("wz-label-zone") && zoom < {{ this.zone_min_zoom }}) {
                        el.classList.add("wz-hidden"); return;
                    }
                    var r = el.getBoundingClientRect();
                    if (r.right > box.right || r.left < box.left) {  // a label cut by the map's edge
                        el.classList.add("wz-hidden"); return;
                    }
                    var hit = kept.some(function (k) {
                        return r.left < k.right + 2 && r.right > k.left - 2 && r.top < k.bottom && r.bottom > k.top;
                    });
                    if (hit) { el.classList.add("wz-hidden"); } else { kept.push(r); }
                });
            }
            function later() { setTimeout(declutter, 0); }
            map.on("zoomend moveend resize overlayadd overlayremove layeradd", later);
            map.whenReady(later);
            window.addEventListener("load", later);
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, zone_min_zoom: int = ZONE_LABEL_MIN_ZOOM):
        super().__init__()
        self._name = "Declutter"
        self.priority = LABEL_PRIORITY
        self.zone_min_zoom = int(zone_min_zoom)


class _Legend(MacroElement):
    """A Leaflet control holding prepared (escaped) legend HTML; a ``<details>`` legend starts folded on a map
    narrower than ``fold_below_px`` (a phone), where it would cover most of the map."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var legend = L.control({position: {{ this.position|tojson }}});
            legend.onAdd = function () {
                var div = L.DomUtil.create("div", "wz-legend");
                div.innerHTML = {{ this.html|tojson }};
                // on a phone-sized map an open legend hides most of it: start folded (a tap opens it)
                var details = div.querySelector("details");
                if (details && {{ this._parent.get_name() }}.getSize().x < {{ this.fold_below_px }}) {
                    details.open = false;
                }
                L.DomEvent.disableClickPropagation(div);
                L.DomEvent.disableScrollPropagation(div);
                return div;
            };
            legend.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
        """
    )

    def __init__(self, html_text: str, position: str = "bottomright", fold_below_px: int = 600):
        super().__init__()
        self._name = "Legend"
        self.fold_below_px = int(fold_below_px)
        self.html = html_text
        self.position = position


class _FullscreenButton(MacroElement):
    """A plain Leaflet button that shows the map full screen (Fullscreen API; no plugin to ship)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map) {
            var ctl = L.control({position: "topleft"});
            ctl.onAdd = function () {
                var bar = L.DomUtil.create("div", "leaflet-bar");
                var a = L.DomUtil.create("a", "wz-fullscreen", bar);
                a.href = "#"; a.title = {{ this.title|tojson }};
                // corner brackets drawn in SVG: the usual glyph (U+26F6) is missing from many fonts
                a.innerHTML = '<svg width="16" height="16" viewBox="0 0 16 16" style="margin-top:7px" ' +
                    'fill="none" stroke="#333" stroke-width="2"><path d="M1 6V1h5M10 1h5v5M15 10v5h-5M6 15H1v-5"/></svg>';
                a.setAttribute("role", "button");
                L.DomEvent.on(a, "click", function (e) {
                    L.DomEvent.preventDefault(e);
                    var el = map.getContainer();
                    if (!document.fullscreenElement) { if (el.requestFullscreen) { el.requestFullscreen(); } }
                    else if (document.exitFullscreen) { document.exitFullscreen(); }
                });
                L.DomEvent.disableClickPropagation(bar);
                return bar;
            };
            ctl.addTo(map);
            document.addEventListener("fullscreenchange", function () { map.invalidateSize(); });
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, title: str):
        super().__init__()
        self._name = "FullscreenButton"
        self.title = title


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



def _legend_html(lang: str, classes: Iterable[str], statuses: Iterable[str], *, collapsed: bool = False) -> str:
    """Legend HTML in a ``<details>`` element: a click on its title shows or hides it (``collapsed``: hidden
    at first, so that it covers nothing on a projected map until asked for)."""
    def line(style: Mapping[str, Any], overlay: bool = False) -> str:
        dash = f' stroke-dasharray="{style["dashArray"]}"' if style.get("dashArray") else ""
        svg = (f'<line x1="2" y1="6" x2="40" y2="6" stroke="{style["color"]}" stroke-width="{style["weight"]}"'
               f'{dash}/>')
        if overlay:
            svg += ('<line x1="2" y1="6" x2="40" y2="6" stroke="#fff" stroke-width="2" stroke-linecap="round" '
                    'stroke-dasharray="1 9"/>')
        return f'<svg width="42" height="12" style="vertical-align:middle">{svg}</svg>'

    parts = [f"<details{'' if collapsed else ' open'}><summary title=\"{_esc(t('legend_hint', lang))}\">"
             f"<b style='display:inline'>{_esc(t('legend_title', lang))}</b></summary>"]
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


def keep_layer_control_last(m: Any) -> Any:
    """Move the map's layer control after every layer (it must be created after the layers it lists)."""
    if isinstance(m, folium.Map):
        for key, child in list(m._children.items()):
            if isinstance(child, folium.LayerControl):
                m._children.move_to_end(key)
    return m
