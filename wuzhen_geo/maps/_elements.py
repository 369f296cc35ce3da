"""The Leaflet elements the maps are made of: :class:`VectorLayer` (a GeoJSON overlay whose features carry
their own style, tooltip, popup and label) and the page pieces — the CSS (:class:`MapStyle`), the label
declutterer (:class:`Declutter`), a legend control (:class:`Legend`) and a full-screen button
(:class:`FullscreenButton`) — plus :func:`keep_layer_control_last`.

Tooltips and popups are bound in plain Leaflet because folium's ``Popup`` needs jQuery, which is not shipped.
"""

from __future__ import annotations

from typing import Any

import folium
from branca.element import MacroElement
from folium.map import Layer
from folium.template import Template

from wuzhen_geo.maps._features import script_json
from wuzhen_geo.maps.style import LABEL_PRIORITY, ZONE_LABEL_MIN_ZOOM

__all__ = ["ClearSketches", "Declutter", "FitBounds", "FullscreenButton", "Legend", "MapStyle", "VectorLayer",
           "keep_layer_control_last"]

#: Class of the lines a user sketches with the drawing control, so they can be found and cleared.
SKETCH_CLASS = "wz-sketch"


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
        return script_json(self.data)


class ClearSketches(MacroElement):
    """Removes the lines sketched with the drawing control when the group holding it is drawn: once a
    sketch has become a link of the scenario (drawn in that group), the sketch would only hide it, or
    outlive it after an undo. Runs in ``st_folium``'s dynamic group, where the map is ``window.map``."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var map = window.map;
            if (!map) { return; }
            var groups = [], sketches = [];
            map.eachLayer(function (layer) {
                if (layer instanceof L.FeatureGroup) { groups.push(layer); }
                if (layer.options && layer.options.className === {{ this.sketch_class|tojson }}) {
                    sketches.push(layer);
                }
            });
            sketches.forEach(function (s) {
                groups.forEach(function (g) { if (g.hasLayer(s)) { g.removeLayer(s); } });
                map.removeLayer(s);
            });
        })();
        {% endmacro %}
        """
    )

    def __init__(self):
        super().__init__()
        self._name = "ClearSketches"
        self.sketch_class = SKETCH_CLASS


class MapStyle(MacroElement):
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
        .wz-popup { overflow-wrap: anywhere; max-height: 50vh; overflow-y: auto; }  /* long URLs wrap */
        .wz-popup td { padding: 1px 6px 1px 0; vertical-align: top; }
        .wz-popup .wz-id { color: #888; font-size: 11px; }
        {% if this.fill_frame %}
        html, body { height: 100%; margin: 0; }
        /* the whole frame; never 0 px tall, or a frame still being laid out gives fitBounds a NaN view */
        #map_div, .folium-map { height: 100vh !important; min-height: 300px; }
        {% endif %}
        </style>
        {% endmacro %}
        """
    )

    def __init__(self, label_px: int = 13, fill_frame: bool = False):
        super().__init__()
        self._name = "MapStyle"
        self.label_px = int(label_px)
        self.fill_frame = bool(fill_frame)


class Declutter(MacroElement):
    """Place permanent labels so that none overlaps another. Zone labels, centred on their zone, cannot move
    and go first (from :data:`~wuzhen_geo.maps.style.ZONE_LABEL_MIN_ZOOM` on; below it they are hidden); then
    each place label, in order of priority (key places, city centres, airports, stations, interchanges), goes
    to the right of its place, or else to its left, above, below or at a corner of it, whichever is free,
    inside the map and off the other labelled places' marks; a label with no free place is hidden. When a
    must-have label (a key place, city centre or airport) is hidden, the labels are placed again with it first
    (as the slide's labels are), and the placing that hides fewer of them is kept. Run again
    after every zoom, pan, resize and layer switch, so a label comes back when there is room for it."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map) {
            var prio = {{ this.priority|tojson }};
            function rank(el) {
                for (var k in prio) { if (el.classList.contains(k)) { return prio[k]; } }
                return 9;
            }
            function shifted(r, dx, dy) {
                return {left: r.left + dx, right: r.right + dx, top: r.top + dy, bottom: r.bottom + dy};
            }
            function declutter() {
                var els = Array.prototype.slice.call(
                    map.getContainer().querySelectorAll(".leaflet-tooltip.wz-label"));
                // back to where Leaflet puts them, then measure all at once (one layout, not one per label)
                els.forEach(function (el, i) {
                    el.classList.remove("wz-hidden"); el.style.marginLeft = ""; el.style.marginTop = "";
                    el._wzOrder = i;
                });
                var rects = els.map(function (el) {
                    return [el.getBoundingClientRect(), parseFloat(getComputedStyle(el).marginLeft) || 0];
                });
                els.forEach(function (el, i) { el._wzRect = rects[i][0]; el._wzMargin = rects[i][1]; });
                // labels that cannot move (centred on their area: the zones, when shown) go first, so that the
                // others find room around them
                function order(el) { return el.classList.contains("leaflet-tooltip-right") ? rank(el) : -9; }
                els.sort(function (a, b) { return (order(a) - order(b)) || (a._wzOrder - b._wzOrder); });
                var zoom = map.getZoom(), box = map.getContainer().getBoundingClientRect();
                // the places themselves: a label does not cover another labelled place's mark
                var marks = [];
                els.forEach(function (el) {
                    if (!el.classList.contains("leaflet-tooltip-right")) { return; }
                    var r = el._wzRect, x = r.left - el._wzMargin - 8, y = (r.top + r.bottom) / 2;
                    marks.push({el: el, left: x - 7, right: x + 7, top: y - 7, bottom: y + 7});
                });
                function hits(c, boxes) {
                    return boxes.some(function (k) {
                        return c.left < k.right + 2 && c.right > k.left - 2 && c.top < k.bottom && c.bottom > k.top;
                    });
                }
                function spotFor(el, kept) {  // [move, box] of the first free place of the label, or null
                    var r = el._wzRect, w = r.right - r.left, h = r.bottom - r.top;
                    // a right-hand label starts `gap` px right of its place; the others mirror or centre on it
                    var gap = el.classList.contains("leaflet-tooltip-right") ? el._wzMargin + 8 : null;
                    var up = h / 2 + 10, side = -(w + 2 * gap), mid = -(gap + w / 2);
                    var moves = gap === null ? [[0, 0]] :  // right, left, above, below, then the four corners
                        [[0, 0], [side, 0], [mid, -up], [mid, up], [0, -up], [0, up], [side, -up], [side, up]];
                    var others = function (k) { return k.el !== el; };
                    // a label that cannot move is kept unless it covers another label (a mark is small)
                    var taken = gap === null ? kept : kept.concat(marks.filter(others));
                    for (var i = 0; i < moves.length; i++) {
                        var c = shifted(r, moves[i][0], moves[i][1]);
                        if (c.right > box.right || c.left < box.left || c.top < box.top || c.bottom > box.bottom) {
                            continue;  // cut by the map's edge
                        }
                        if (!hits(c, taken)) { return [moves[i], c]; }
                    }
                    return null;
                }
                function attempt(order) {  // each label's place, in this order; null for a hidden one
                    var kept = [], spots = new Map();
                    order.forEach(function (el) {
                        var hidden = el.classList.contains("wz-label-zone") && zoom < {{ this.zone_min_zoom }};
                        var spot = hidden ? null : spotFor(el, kept);
                        if (spot !== null) { kept.push(spot[1]); }
                        spots.set(el, spot);
                    });
                    return spots;
                }
                // the must-have labels (key places, city centres, airports) that found no place
                function missed(spots) {
                    return els.filter(function (el) {
                        return spots.get(el) === null && order(el) > -9 && rank(el) <= {{ this.must_rank }};
                    });
                }
                var spots = attempt(els);
                // greedy placement can box a must-have label in; try again with it placed before the movable
                // others (after the fixed zone labels), and keep the try that hides fewer of them
                for (var tries = 0; tries < 4 && missed(spots).length; tries++) {
                    var bad = missed(spots), fixed = els.filter(function (el) { return order(el) === -9; });
                    var rest = els.filter(function (el) { return order(el) > -9 && bad.indexOf(el) < 0; });
                    var again = attempt(fixed.concat(bad, rest));
                    if (missed(again).length >= missed(spots).length) { break; }
                    spots = again;
                }
                els.forEach(function (el) {
                    var spot = spots.get(el);
                    if (spot === null) { el.classList.add("wz-hidden"); return; }
                    if (spot[0][0] || spot[0][1]) {
                        el.style.marginLeft = (el._wzMargin + spot[0][0]) + "px";
                        el.style.marginTop = spot[0][1] + "px";
                    }
                });
            }
            // one pass per burst of events: adding a layer of 600 features fires 600 "layeradd"s in a row
            var pending = false;
            function later() {
                if (pending) { return; }
                pending = true;
                setTimeout(function () { pending = false; declutter(); }, 0);
            }
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
        self.must_rank = LABEL_PRIORITY["wz-label-airport"]
        self.zone_min_zoom = int(zone_min_zoom)


class Legend(MacroElement):
    """A Leaflet control holding prepared (escaped) legend HTML; a ``<details>`` legend starts folded on a map
    narrower than ``fold_below_px`` (a phone), where it would cover most of the map.

    Added to a map, it stays; added to a layer (a feature group), it is shown while that layer is on a map, so a
    group sent to a map already drawn brings its legend and takes it away again when it is replaced.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var owner = {{ this._parent.get_name() }};
            var legend = L.control({position: {{ this.position|tojson }}});
            legend.onAdd = function (map) {
                var div = L.DomUtil.create("div", "wz-legend");
                div.innerHTML = {{ this.html|tojson }};
                // on a phone-sized map an open legend hides most of it: start folded (a tap opens it)
                var details = div.querySelector("details");
                if (details && map.getSize().x < {{ this.fold_below_px }}) {
                    details.open = false;
                }
                L.DomEvent.disableClickPropagation(div);
                L.DomEvent.disableScrollPropagation(div);
                return div;
            };
            if (owner instanceof L.Map) {
                legend.addTo(owner);
            } else {
                owner.on("add", function () { legend.addTo(owner._map); });
                owner.on("remove", function () { legend.remove(); });
                if (owner._map) { legend.addTo(owner._map); }
            }
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


class FitBounds(MacroElement):
    """Fit the view to ``[[south, west], [north, east]]`` as soon as the map has a size, and again whenever its
    frame changes size (a full-screen switch, a new map height) until the user moves or zooms the map.

    A map made in a frame that is not laid out yet (0 x 0, e.g. a full-screen box being drawn) would get a NaN
    view from Leaflet's ``fitBounds``; it keeps its starting view and fits when the frame grows.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map) {
            // not animated: an animation starts its zoom a frame later, when it would look like the user's
            var bounds = {{ this.bounds|tojson }}, options = {padding: {{ this.padding|tojson }}, animate: false};
            var fitting = false, moved = false;
            function fit() {
                var size = map.getSize();
                if (!(size.x > 0 && size.y > 0)) { return; }
                fitting = true;
                try { map.fitBounds(bounds, options); } finally { fitting = false; }
            }
            // a move or zoom that is not this fit is the user's: from then on the view is theirs
            map.on("movestart zoomstart", function () { if (!fitting) { moved = true; } });
            map.on("resize", function () { if (!moved) { fit(); } });
            fit();
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, bounds: list[list[float]], padding: tuple[int, int] = (10, 10)):
        super().__init__()
        self._name = "FitBounds"
        self.bounds = [[float(v) for v in corner] for corner in bounds]
        self.padding = list(padding)


class FullscreenButton(MacroElement):
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


def keep_layer_control_last(m: Any) -> Any:
    """Move the map's layer control after every layer (it must be created after the layers it lists)."""
    if isinstance(m, folium.Map):
        for key, child in list(m._children.items()):
            if isinstance(child, folium.LayerControl):
                m._children.move_to_end(key)
    return m
