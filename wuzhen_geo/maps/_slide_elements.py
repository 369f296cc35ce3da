"""The page pieces of a slide (:mod:`wuzhen_geo.maps.slide`): its CSS and paper size (:class:`SlideStyle`), the
frame around the map — title, scenario and year, north arrow, scale bar, open legend, source line —
(:class:`SlideFrame`) and the label placer (:class:`SlideLabels`). Private to :mod:`wuzhen_geo.maps`.

The placer gives every key place a label that overlaps no other label, no place marker and no part of the
frame, trying eight positions around the place at two distances; other labels take what room is left and
are hidden where there is none. It runs once the page has loaded (a slide does not move) and marks the map
container ``data-wz-labels-placed``.
"""

from __future__ import annotations

from branca.element import MacroElement
from folium.template import Template

from wuzhen_geo.maps.style import LABEL_PRIORITY, ZONE_LABEL_MIN_ZOOM

__all__ = ["SlideFrame", "SlideLabels", "SlideStyle", "SlideSvg"]

#: Class of the frame's boxes: labels keep clear of them.
OBSTACLE_CLASS = "wz-slide-obstacle"


class SlideStyle(MacroElement):
    """Page CSS of a slide: a fixed page of ``width`` × ``height`` CSS pixels (the paper size for print, set
    by ``@page`` when ``paper_mm`` is given), sizes of type in proportion to the page (``unit`` px per 1080th
    of a slide), colours kept in print, Leaflet's own controls hidden."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>
        {%- if this.paper_mm %}
        @page { size: {{ this.paper_mm[0] }}mm {{ this.paper_mm[1] }}mm; margin: 0; }
        html, body { width: {{ this.paper_mm[0] }}mm !important; height: {{ this.paper_mm[1] }}mm !important; }
        {%- else %}
        html, body { width: {{ this.width }}px !important; height: {{ this.height }}px !important; }
        {%- endif %}
        html, body { overflow: hidden; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        .leaflet-control-zoom, .leaflet-control-layers, .leaflet-control-attribution, .wz-fullscreen,
        .leaflet-draw { display: none !important; }
        .wz-slide-title { background: rgba(255,255,255,0.92); padding: {{ this.px(10) }}px {{ this.px(18) }}px;
            border-radius: {{ this.px(4) }}px; font-family: "Liberation Sans", "DejaVu Sans", "WenQuanYi Micro Hei", sans-serif;
            box-shadow: 0 1px 4px rgba(0,0,0,0.25); max-width: {{ (this.width * 0.6)|int }}px; }
        .wz-slide-title h1 { font-size: {{ this.px(34) }}px; line-height: 1.2; margin: 0; color: #111; }
        .wz-slide-title .wz-slide-sub { font-size: {{ this.px(21) }}px; margin-top: {{ this.px(4) }}px; color: #333; }
        .wz-slide-title .wz-slide-year { font-weight: 700; color: #08306b; }
        .wz-north { background: rgba(255,255,255,0.85); border-radius: {{ this.px(4) }}px; padding: {{ this.px(4) }}px; }
        .wz-north svg { display: block; width: {{ this.px(44) }}px; height: {{ this.px(64) }}px; }
        .wz-legend.wz-slide-legend { font-size: {{ this.px(15) }}px; line-height: 1.35; max-height: none; max-width: none;
            overflow: visible; padding: {{ this.px(8) }}px {{ this.px(12) }}px; }
        .wz-slide-legend summary { list-style: none; cursor: default; }
        .wz-slide-legend summary::-webkit-details-marker { display: none; }
        .wz-slide-legend summary::marker { content: ""; }
        .wz-slide-legend svg { transform: scale({{ this.unit }}); transform-origin: left center; margin-right: {{ this.px(6) }}px; }
        .leaflet-control-scale-line { font-size: {{ this.px(15) }}px; line-height: 1.3; border-width: {{ this.px(3) }}px;
            border-color: #222; background: rgba(255,255,255,0.85); padding: 0 {{ this.px(6) }}px; }
        .wz-source { background: rgba(255,255,255,0.88); color: #333; font: {{ this.px(13) }}px/1.35 sans-serif;
            padding: {{ this.px(3) }}px {{ this.px(8) }}px; max-width: {{ (this.width * 0.62)|int }}px; border-radius: 3px; }
        .leaflet-tooltip.wz-label { font-size: {{ this.px(this.label_px) }}px; line-height: 1.15; margin: 0;
            text-shadow: 0 0 2px #fff; }
        .leaflet-tooltip.wz-label-key { font-size: {{ this.px(this.label_px + 1) }}px; background: rgba(255,255,255,0.9); }
        </style>
        {% endmacro %}
        """
    )

    def __init__(self, *, width: int, height: int, paper_mm: tuple[int, int] | None = None, label_px: int = 17):
        super().__init__()
        self._name = "SlideStyle"
        self.width, self.height = int(width), int(height)
        self.paper_mm = paper_mm
        self.unit = round(self.height / 1080, 4)
        self.label_px = int(label_px)

    def px(self, size: float) -> int:
        """``size`` (pixels on a 1920 × 1080 slide) on this page."""
        return max(1, round(size * self.unit))


class SlideFrame(MacroElement):
    """The frame of a slide as Leaflet controls: the title with scenario and year (top left), a north arrow
    (top right), the legend open (bottom right), the scale bar over the source line (bottom left). Every
    string arrives escaped; every box carries :data:`OBSTACLE_CLASS`."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map) {
            function box(position, cls, html) {
                var c = L.control({position: position});
                c.onAdd = function () {
                    var div = L.DomUtil.create("div", cls + " {{ this.obstacle }}");
                    div.innerHTML = html;
                    return div;
                };
                c.addTo(map);
                return c;
            }
            box("topleft", "wz-slide-title", {{ this.title_html|tojson }});
            box("topright", "wz-north", {{ this.north_html|tojson }});
            box("bottomright", "wz-legend wz-slide-legend", {{ this.legend_html|tojson }});
            box("bottomleft", "wz-source", {{ this.source_html|tojson }});
            var scale = L.control.scale({metric: true, imperial: false, maxWidth: {{ this.scale_px }},
                                         position: "bottomleft"}).addTo(map);
            L.DomUtil.addClass(scale.getContainer(), "{{ this.obstacle }}");
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, *, title_html: str, legend_html: str, source_html: str, north_label: str, unit: float):
        super().__init__()
        self._name = "SlideFrame"
        self.title_html = title_html
        self.legend_html = legend_html
        self.source_html = source_html
        self.obstacle = OBSTACLE_CLASS
        self.scale_px = max(80, round(260 * unit))
        self.north_html = (
            '<svg viewBox="0 0 44 64" role="img" aria-label="' + north_label + '">'
            '<path d="M22 22 L34 58 L22 50 L10 58 Z" fill="#222"/>'
            '<path d="M22 22 L22 50 L10 58 Z" fill="#fff" stroke="#222" stroke-width="1.5"/>'
            '<text x="22" y="18" text-anchor="middle" font-family="Liberation Sans, DejaVu Sans, sans-serif" '
            'font-size="18" font-weight="700" fill="#222">N</text></svg>'
        )


class SlideLabels(MacroElement):
    """Places the permanent labels once the page has loaded (see the module docstring); the result is kept
    in ``window.wzLabelReport`` (labels placed, forced onto an overlap, hidden)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map) {
            var prio = {{ this.priority|tojson }}, zoneMin = {{ this.zone_min_zoom }}, GAP = 3;
            function rank(el) {
                var r = 9;
                for (var k in prio) { if (el.classList.contains(k) && prio[k] < r) { r = prio[k]; } }
                return r;
            }
            function rect(l, t, w, h) { return {l: l, t: t, r: l + w, b: t + h}; }
            function hit(a, b) { return a.l < b.r + GAP && a.r > b.l - GAP && a.t < b.b + GAP && a.b > b.t - GAP; }
            function area(a, b) {
                var w = Math.min(a.r, b.r) - Math.max(a.l, b.l) + GAP, h = Math.min(a.b, b.b) - Math.max(a.t, b.t) + GAP;
                return w > 0 && h > 0 ? w * h : 0;
            }
            function candidates(p, s, w, h) {
                var out = [];
                [1, 2.6].forEach(function (k) {
                    var d = s * k, e = d * 0.75;
                    out.push(rect(p.x + d, p.y - h / 2, w, h), rect(p.x - d - w, p.y - h / 2, w, h),
                             rect(p.x - w / 2, p.y - d - h, w, h), rect(p.x - w / 2, p.y + d, w, h),
                             rect(p.x + e, p.y - e - h, w, h), rect(p.x + e, p.y + e, w, h),
                             rect(p.x - e - w, p.y - e - h, w, h), rect(p.x - e - w, p.y + e, w, h));
                });
                return out;
            }
            function collect() {
                var items = [];
                map.eachLayer(function (layer) {
                    var tip = layer.getTooltip && layer.getTooltip();
                    if (!tip || !tip.options.permanent || !tip._container) { return; }
                    var el = tip._container, ll = layer.getLatLng ? layer.getLatLng() : null;
                    if (!ll && layer.getBounds) { ll = layer.getBounds().getCenter(); }
                    if (!ll) { return; }
                    var radius = layer.getRadius ? layer.getRadius() : 12;
                    items.push({el: el, p: map.latLngToContainerPoint(ll), s: radius + 5, rank: rank(el),
                                zone: el.classList.contains("wz-label-zone"), key: el.classList.contains("wz-label-key"),
                                order: items.length, marker: !!layer.getLatLng});
                });
                return items;
            }
            function attempt(items, frame, fixed) {
                var taken = fixed.slice(), result = [];
                items.forEach(function (it) {
                    var w = it.el.offsetWidth, h = it.el.offsetHeight, best = null, bestCost = Infinity;
                    if (it.zone && map.getZoom() < zoneMin) { result.push({it: it, pos: null}); return; }
                    var cands = it.zone ? [rect(it.p.x - w / 2, it.p.y - h / 2, w, h)] : candidates(it.p, it.s, w, h);
                    for (var i = 0; i < cands.length; i++) {
                        var c = cands[i];
                        if (c.l < frame.l || c.t < frame.t || c.r > frame.r || c.b > frame.b) { continue; }
                        var cost = 0;
                        taken.forEach(function (o) { if (o.owner !== it && hit(c, o)) { cost += 1 + area(c, o); } });
                        if (cost === 0) { best = c; bestCost = 0; break; }
                        if (cost < bestCost) { best = c; bestCost = cost; }
                    }
                    if (best && (bestCost === 0 || it.key)) {
                        best.owner = it; taken.push(best);
                        result.push({it: it, pos: best, forced: bestCost > 0});
                    } else {
                        result.push({it: it, pos: null});
                    }
                });
                return result;
            }
            function place() {
                var c = map.getContainer(), box = c.getBoundingClientRect();
                var frame = {l: 4, t: 4, r: box.width - 4, b: box.height - 4};
                var items = collect(), fixed = [];
                Array.prototype.forEach.call(c.querySelectorAll(".{{ this.obstacle }}"), function (el) {
                    var r = el.getBoundingClientRect();
                    if (r.width > 0) { fixed.push({l: r.left - box.left, t: r.top - box.top, r: r.right - box.left,
                                                   b: r.bottom - box.top}); }
                });
                items.forEach(function (it) {
                    if (it.marker) { var m = it.s - 4; fixed.push({l: it.p.x - m, t: it.p.y - m, r: it.p.x + m, b: it.p.y + m, owner: it}); }
                });
                // crowded places first within a rank: they have the fewest free positions
                items.forEach(function (it) {
                    it.crowd = items.filter(function (o) { return Math.abs(o.p.x - it.p.x) + Math.abs(o.p.y - it.p.y) < 160; }).length;
                });
                var order = items.slice().sort(function (a, b) {
                    return (a.rank - b.rank) || (b.crowd - a.crowd) || (a.order - b.order);
                });
                var result = attempt(order, frame, fixed), tries = 0;
                function forcedKeys(res) { return res.filter(function (x) { return x.it.key && (x.forced || !x.pos); }); }
                while (forcedKeys(result).length && tries < 8) {  // a key label on an overlap goes first next time
                    var bad = forcedKeys(result).map(function (x) { return x.it; });
                    order = bad.concat(order.filter(function (it) { return bad.indexOf(it) < 0; }));
                    var again = attempt(order, frame, fixed);
                    if (forcedKeys(again).length <= forcedKeys(result).length) { result = again; }
                    tries += 1;
                }
                var report = {placed: 0, forced: 0, hidden: 0};
                result.forEach(function (x) {
                    var el = x.it.el;
                    ["leaflet-tooltip-right", "leaflet-tooltip-left", "leaflet-tooltip-top", "leaflet-tooltip-bottom",
                     "leaflet-tooltip-center"].forEach(function (k) { el.classList.remove(k); });
                    el.style.margin = "0";
                    if (!x.pos) { el.classList.add("wz-hidden"); report.hidden += 1; return; }
                    el.classList.remove("wz-hidden");
                    L.DomUtil.setPosition(el, map.containerPointToLayerPoint([x.pos.l, x.pos.t]).round());
                    report[x.forced ? "forced" : "placed"] += 1;
                });
                window.wzLabelReport = report;
                c.setAttribute("data-wz-labels-placed", "1");
            }
            var done = false;
            function once() { if (!done) { done = true; setTimeout(place, 0); } }
            window.addEventListener("load", once);
            if (document.readyState === "complete") { once(); }
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, zone_min_zoom: int = ZONE_LABEL_MIN_ZOOM):
        super().__init__()
        self._name = "SlideLabels"
        self.priority = LABEL_PRIORITY
        self.zone_min_zoom = int(zone_min_zoom)
        self.obstacle = OBSTACLE_CLASS


class SlideSvg(MacroElement):
    """Once the labels are placed, writes the slide as one SVG document into the page's ``data-wz-svg``
    attribute (base64), for :func:`~wuzhen_geo.maps.png.html_to_svg`: the background, Leaflet's vector layers
    as they are drawn, the markers' SVG icons, then every visible label and frame box as a rectangle with its
    borders and its text as ``<text>`` lines at the positions the browser laid them out (fonts by name: the
    reader needs them installed, as for the page)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map) {
            function n(v) { return Math.round(v * 100) / 100; }
            function x(s) { return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
                                            .replace(/"/g, "&quot;"); }
            function clear(c) { return !c || c === "transparent" || /rgba\\(.*,\\s*0\\)$/.test(c); }
            function build() {
                var c = map.getContainer(), cb = c.getBoundingClientRect(), out = [];
                function rel(r) { return {l: r.left - cb.left, t: r.top - cb.top, w: r.width, h: r.height}; }
                function embed(s) {
                    var r = rel(s.getBoundingClientRect());
                    if (!r.w || !r.h) { return; }
                    var vb = s.getAttribute("viewBox") || ("0 0 " + (s.getAttribute("width") || r.w) + " " +
                                                          (s.getAttribute("height") || r.h));
                    out.push('<svg x="' + n(r.l) + '" y="' + n(r.t) + '" width="' + n(r.w) + '" height="' + n(r.h) +
                             '" viewBox="' + vb + '" preserveAspectRatio="none" overflow="hidden">' + s.innerHTML + "</svg>");
                }
                function boxOf(el) {
                    var st = getComputedStyle(el), r = rel(el.getBoundingClientRect());
                    if (!clear(st.backgroundColor)) {
                        out.push('<rect x="' + n(r.l) + '" y="' + n(r.t) + '" width="' + n(r.w) + '" height="' + n(r.h) +
                                 '" rx="' + (parseFloat(st.borderTopLeftRadius) || 0) + '" fill="' + st.backgroundColor + '"/>');
                    }
                    [["Top", r.l, r.t, r.w, 0], ["Bottom", r.l, r.t + r.h, r.w, 0], ["Left", r.l, r.t, 0, r.h],
                     ["Right", r.l + r.w, r.t, 0, r.h]].forEach(function (b) {
                        var w = parseFloat(st["border" + b[0] + "Width"]) || 0;
                        if (!w || st["border" + b[0] + "Style"] === "none") { return; }
                        var bx = b[0] === "Right" ? b[1] - w : b[1], by = b[0] === "Bottom" ? b[2] - w : b[2];
                        out.push('<rect x="' + n(bx) + '" y="' + n(by) + '" width="' + n(b[3] || w) + '" height="' +
                                 n(b[4] || w) + '" fill="' + st["border" + b[0] + "Color"] + '"/>');
                    });
                }
                function textOf(root) {
                    var walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT), node, range = document.createRange();
                    while ((node = walk.nextNode())) {
                        var el = node.parentElement;
                        if (!node.nodeValue.trim() || el.closest("svg")) { continue; }
                        var st = getComputedStyle(el);
                        if (st.visibility === "hidden" || st.display === "none") { continue; }
                        var lines = [], cur = null, s = node.nodeValue;
                        for (var i = 0; i < s.length; i++) {
                            range.setStart(node, i); range.setEnd(node, i + 1);
                            var rr = range.getClientRects()[0];
                            if (!rr || !rr.width) { if (cur) { cur.s += " "; } continue; }
                            if (!cur || Math.abs(rr.top - cur.top) > 2) { cur = {top: rr.top, left: rr.left, h: rr.height, s: ""}; lines.push(cur); }
                            cur.s += s[i];
                        }
                        lines.forEach(function (ln) {
                            out.push('<text x="' + n(ln.left - cb.left) + '" y="' + n(ln.top - cb.top + ln.h * 0.79) +
                                     '" font-family="' + x(st.fontFamily) + '" font-size="' + st.fontSize +
                                     '" font-weight="' + st.fontWeight + '" fill="' + st.color +
                                     '" xml:space="preserve">' + x(ln.s.replace(/\\s+$/, "")) + "</text>");
                        });
                    }
                }
                out.push('<rect width="100%" height="100%" fill="' + getComputedStyle(c).backgroundColor + '"/>');
                c.querySelectorAll(".leaflet-overlay-pane svg, .leaflet-marker-pane svg").forEach(embed);
                var boxes = Array.prototype.slice.call(c.querySelectorAll(
                    ".leaflet-tooltip.wz-label:not(.wz-hidden), .{{ this.obstacle }}, .{{ this.obstacle }} *"));
                boxes.forEach(function (el) { if (!el.closest("svg")) { boxOf(el); } });
                c.querySelectorAll(".{{ this.obstacle }} svg").forEach(function (s) {
                    if (!s.parentElement.closest("svg")) { embed(s); }
                });
                c.querySelectorAll(".leaflet-tooltip.wz-label:not(.wz-hidden), .{{ this.obstacle }}").forEach(textOf);
                var svg = '<svg xmlns="http://www.w3.org/2000/svg" width="' + n(cb.width) + '" height="' + n(cb.height) +
                          '" viewBox="0 0 ' + n(cb.width) + " " + n(cb.height) + '">' + out.join("\\n") + "</svg>";
                document.body.setAttribute("data-wz-svg", btoa(unescape(encodeURIComponent(svg))));
            }
            (function wait() {
                if (map.getContainer().getAttribute("data-wz-labels-placed")) { build(); } else { setTimeout(wait, 50); }
            })();
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self):
        super().__init__()
        self._name = "SlideSvg"
        self.obstacle = OBSTACLE_CLASS
