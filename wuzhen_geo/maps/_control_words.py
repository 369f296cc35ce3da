"""Leaflet's own controls in the map's language: the zoom buttons, the layer switcher and the Leaflet.draw
tool say "Zoom in", "Layers" and "Click to start drawing line." whatever the page's language."""

from __future__ import annotations

from branca.element import MacroElement
from jinja2 import Template

from wuzhen_geo.i18n import t

__all__ = ["ControlWords"]


def _words(lang: str) -> dict:
    w = {key: t(key, lang) for key in ("ctl_zoom_in", "ctl_zoom_out", "ctl_layers")}
    # shaped as Leaflet.draw's own L.drawLocal, merged into it before a drawing control is made
    w["draw"] = {
        "draw": {"toolbar": {"actions": {"title": t("draw_cancel_title", lang), "text": t("draw_cancel", lang)},
                             "finish": {"title": t("draw_finish_title", lang), "text": t("draw_finish", lang)},
                             "undo": {"title": t("draw_undo_title", lang), "text": t("draw_undo", lang)},
                             "buttons": {"polyline": t("draw_polyline", lang)}},
                 "handlers": {"polyline": {"error": t("draw_crossing", lang),
                                           "tooltip": {"start": t("draw_start", lang), "cont": t("draw_continue", lang),
                                                       "end": t("draw_end", lang)}}}},
        "edit": {"toolbar": {"actions": {"save": {"title": t("draw_save_title", lang), "text": t("draw_save", lang)},
                                         "cancel": {"title": t("draw_discard_title", lang),
                                                    "text": t("draw_cancel", lang)},
                                         "clearAll": {"title": t("draw_clear_title", lang),
                                                      "text": t("draw_clear", lang)}},
                             "buttons": {"remove": t("draw_remove", lang), "removeDisabled": t("draw_remove_none", lang)}},
                 "handlers": {"remove": {"tooltip": {"text": t("draw_remove_tip", lang)}}}},
    }
    return w


class ControlWords(MacroElement):
    """Puts the words of ``lang`` on the zoom buttons and the layer switcher, and into ``L.drawLocal`` (read
    when a drawing control is made and when a line is drawn). Add it before a drawing control."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map, w) {
            function merge(into, from) {
                for (var k in from) {
                    if (typeof from[k] === "object") { into[k] = into[k] || {}; merge(into[k], from[k]); }
                    else { into[k] = from[k]; }
                }
            }
            if (L.drawLocal) { merge(L.drawLocal, w.draw); }
            if (map.zoomControl) {
                [[map.zoomControl._zoomInButton, w.ctl_zoom_in], [map.zoomControl._zoomOutButton, w.ctl_zoom_out]]
                    .forEach(function (b) { b[0].title = b[1]; b[0].setAttribute("aria-label", b[1]); });
            }
            // the layer switcher is added last, after this script's turn
            setTimeout(function () {
                var a = map.getContainer().querySelector(".leaflet-control-layers-toggle");
                if (a) { a.title = w.ctl_layers; }
            }, 0);
        })({{ this._parent.get_name() }}, {{ this.words|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, lang: str):
        super().__init__()
        self._name = "ControlWords"
        self.words = _words(lang)
