"""The live map's label declutterer (:class:`Declutter`): permanent labels placed in the browser so that none
overlaps another, again after every zoom, pan, resize and layer switch. A slide places its labels once, with
:class:`~wuzhen_geo.maps._slide_elements.SlideLabels`."""

from __future__ import annotations

from branca.element import MacroElement
from folium.template import Template

from wuzhen_geo.maps.style import LABEL_PRIORITY, ZONE_LABEL_MIN_ZOOM

__all__ = ["Declutter"]


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
