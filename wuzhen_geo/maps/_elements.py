"""The Leaflet elements the maps are made of: :class:`VectorLayer` (a GeoJSON overlay whose features carry
their own style, tooltip, popup and label) and the page pieces — the CSS (:class:`MapStyle`), a legend control
(:class:`Legend`) and a full-screen button (:class:`FullscreenButton`) — plus :func:`keep_layer_control_last`.
The label declutterer is :class:`~wuzhen_geo.maps._declutter.Declutter`.

Tooltips and popups are bound in plain Leaflet because folium's ``Popup`` needs jQuery, which is not shipped.
"""

from __future__ import annotations

import re
from typing import Any

import folium
from branca.element import MacroElement
from folium.map import Layer
from folium.template import Template

from wuzhen_geo.maps._features import script_json

__all__ = ["ClearSketches", "FitBounds", "FullscreenButton", "Legend", "MapStyle", "VectorLayer",
           "keep_layer_control_last"]

#: Class of the lines a user sketches with the drawing control, so they can be found and cleared.
SKETCH_CLASS = "wz-sketch"


class VectorLayer(Layer):
    """A GeoJSON overlay whose features carry their own ``style``, ``tip``, ``popup``, ``label``, ``icon``.

    Tooltips and popups are bound in plain Leaflet (folium's ``Popup`` needs jQuery, which is not shipped);
    the strings are already escaped HTML. Popups travel as lists of pieces from one table per layer (see
    :func:`packed_popups`) and are joined when one opens.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }}_pieces = {{ this.pieces_js }};
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
                if (p.popup) {
                    layer.bindPopup(function () {
                        return p.popup.map(function (i) { return {{ this.get_name() }}_pieces[i]; }).join("");
                    }, {maxWidth: 380});
                }
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

    def render(self, **kwargs: Any) -> None:
        # packed when rendered: a caller may still drop the popups after the layer is made
        self._pieces, self._packed = packed_popups(self.data["features"])
        super().render(**kwargs)

    @property
    def data_js(self) -> str:
        """The data as a JavaScript literal, safe inside ``<script>`` (:func:`script_json`; Chinese stays 3
        bytes of UTF-8, not a 6-byte ``\\u`` escape as with ``tojson``), popups as lists of piece numbers."""
        return script_json({"type": "FeatureCollection", "features": self._packing()[1]})

    @property
    def pieces_js(self) -> str:
        """The layer's popup pieces, indexed by the numbers in its features' ``popup``."""
        return script_json(self._packing()[0])

    def _packing(self) -> tuple[list[str], list[dict]]:
        if not hasattr(self, "_packed"):  # read before render(): packed from the data as they are now
            self._pieces, self._packed = packed_popups(self.data["features"])
        return self._pieces, self._packed


#: A run of tags, the unit popups are cut into (with the text between runs).
_MARKUP = re.compile(r"((?:<[^>]*>)+)")


def packed_popups(features: list[dict]) -> tuple[list[str], list[dict]]:
    """``(pieces, features)``: each popup's HTML cut into runs of tags and the text between them, kept once in
    ``pieces``, the feature's ``popup`` a list of their numbers (``"".join(pieces[i] for i in popup)`` is the
    HTML). The rows' labels and markup and the shared sources recur across a layer's popups: on the overview
    this makes the map's script a third smaller, which the browser parses before it draws anything."""
    pieces: dict[str, int] = {}
    packed = []
    for f in features:
        popup = f["properties"].get("popup")
        if popup:
            numbers = [pieces.setdefault(piece, len(pieces)) for piece in _MARKUP.split(popup) if piece]
            f = {**f, "properties": {**f["properties"], "popup": numbers}}
        packed.append(f)
    return list(pieces), packed


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
                  border-radius: 4px; box-shadow: 0 1px 4px rgba(0,0,0,0.3); max-height: 60vh; overflow: auto;
                  max-width: 260px; }  /* a long line wraps rather than spreading the legend over the map */
        .wz-legend b { display: block; margin-top: 4px; }
        .wz-popup { overflow-wrap: anywhere; max-height: 50vh; overflow-y: auto; }  /* long URLs wrap */
        .wz-popup td { padding: 1px 6px 1px 0; vertical-align: top; }
        .wz-popup td:first-child { white-space: nowrap; }  /* "类型" on one line, the value wraps */
        .leaflet-interactive:focus { outline: none; }  /* a clicked shape drew a black box around itself */
        .wz-popup .wz-id { color: #888; font-size: 11px; }
        {% if this.fill_frame %}
        html, body { height: 100%; margin: 0; }
        /* the whole frame, once the frame has a height: the map is made while its frame is still 0 px tall,
           and then keeps the height it was given (else it would be drawn at 300 px and again at full size);
           never 0 px tall, or fitBounds gets a NaN view */
        @media (min-height: 1px) { #map_div, .folium-map { height: 100vh !important; min-height: 300px; } }
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


class MetricScale(MacroElement):
    """Leaflet's scale bar in kilometres only (folium's ``control_scale`` adds miles too)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        L.control.scale({metric: true, imperial: false}).addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self):
        super().__init__()
        self._name = "MetricScale"


class PlainAttribution(MacroElement):
    """Leaflet's credit as a plain link, without the flag icon Leaflet 1.9 puts before it (the maps are shown to
    officials on a projector; the slides have no attribution control and name their sources in a line)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        if ({{ this._parent.get_name() }}.attributionControl) {
            {{ this._parent.get_name() }}.attributionControl.setPrefix(
                '<a href="https://leafletjs.com" target="_blank" rel="noopener noreferrer">Leaflet</a>');
        }
        {% endmacro %}
        """
    )

    def __init__(self):
        super().__init__()
        self._name = "PlainAttribution"


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
