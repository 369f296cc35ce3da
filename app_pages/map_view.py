"""Maps in the pages, rendered once and shown many times.

``st_folium`` renders its folium map to a script on every rerun (about half a second for the overview on the
shipped data, most of a page's first paint). Here a map is built and rendered once per *what it shows* — a key
the page gives, e.g. the scenario, year and language — and the rendered strings are kept (immutable, shared by
every session); a rerun only looks them up and hands them to the same browser component ``st_folium`` uses.
The dynamic group (what changes with an edit) is rendered and kept the same way, under its own key.

A page opened anew sends its map before its controls (:class:`MapSlot`): the browser draws the widgets that
reach it together in one pass and attaches the map's frame only after it, so a map sent after a page's
controls is drawn after all of them (``benchmarks/paint_floor.py`` measures this).

It uses ``streamlit_folium``'s own rendering helpers, so the component receives exactly what ``st_folium``
would send (``tests/app/test_map_view.py`` checks that against ``st_folium`` itself).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

import folium
import streamlit as st
import streamlit_folium as _sf

from app_pages import common

__all__ = ["show_map", "rendered_map", "rendered_group", "MapSlot", "FIRST_PAINT_PAUSE_S"]

#: On a new view, how long the page waits between sending its map and sending its controls: time for the
#: browser to attach the map's frame, load it and draw the map before the controls' rendering pass takes the
#: same thread (the frame shares the page's). 0.3 s was enough for one line (``paint_floor_results.md``); our
#: maps' frames finish loading 0.3-0.5 s after they reach the browser, so with 0.3 s the controls arrived
#: mid-load. The price is controls shown later. One run, 8 rounds, Chromium, first paint / table shown:
#: planner 0.3 s 1.11 / 1.67 s, 0.5 s 0.86 / 1.94 s, 0.7 s 0.89 / 2.16 s; airports 1.10 / 1.48, 0.84 / 1.79,
#: 0.85 / 1.68 s. Past 0.5 s the map is drawn no sooner.
FIRST_PAINT_PAUSE_S = 0.5

#: Rendered maps and groups kept per server (a few MB each at most; the oldest goes first).
_KEEP = 48
_rendered: OrderedDict[Hashable, Any] = OrderedDict()
_lock = threading.Lock()
# One lock per key, so two sessions asking for the same new map render it once, and others are not held up.
_key_locks: dict[Hashable, threading.Lock] = {}

_DEFAULTS = {
    "last_clicked": None, "last_object_clicked": None, "last_object_clicked_count": None,
    "last_object_clicked_tooltip": None, "last_object_clicked_popup": None, "all_drawings": None,
    "last_active_drawing": None, "last_circle_radius": None, "last_circle_polygon": None,
    "selected_layers": None, "selected_tags": None, "last_geocoder_result": None,
}


def _kept(key: Hashable, make: Callable[[], Any]) -> Any:
    with _lock:
        if key in _rendered:
            _rendered.move_to_end(key)
            return _rendered[key]
        key_lock = _key_locks.setdefault(key, threading.Lock())
    with key_lock:
        with _lock:
            if key in _rendered:
                return _rendered[key]
        value = make()  # outside the global lock: other maps are served meanwhile
        with _lock:
            _rendered[key] = value
            _key_locks.pop(key, None)
            while len(_rendered) > _KEEP:
                _rendered.popitem(last=False)
        return value


def _render_map(m: folium.Map) -> dict[str, Any]:
    m.render()
    html, header = _sf._get_html(m), _sf._get_header(m)  # before _get_map_string, which alters the map
    script = _sf._get_map_string(m)
    try:
        south_west, north_east = m.get_bounds()
    except AttributeError:  # pragma: no cover - a map always has bounds
        south_west, north_east = [None, None], [None, None]
    css: list[str] = []
    js: list[str] = []

    def walk(element: Any) -> None:
        css.extend(href for _, href in getattr(element, "default_css", []))
        js.extend(src for _, src in getattr(element, "default_js", []))
        for child in element._children.values():
            walk(child)

    walk(m)
    return {
        "script": script, "header": header, "html": html, "id": _sf.get_full_id(m),
        "bounds": {"_southWest": {"lat": south_west[0], "lng": south_west[1]},
                   "_northEast": {"lat": north_east[0], "lng": north_east[1]}},
        "zoom": m.options.get("zoom"),
        "css_links": list(dict.fromkeys(css)), "js_links": list(dict.fromkeys(js)),
    }


def rendered_map(key: Hashable, build: Callable[[], folium.Map]) -> dict[str, Any]:
    """The rendered strings of the map ``build()`` makes, made once per ``key``."""
    return _kept(("map", key), lambda: _render_map(build()))


def rendered_group(key: Hashable, build: Callable[[], folium.FeatureGroup]) -> str:
    """The script that adds the group ``build()`` makes to the shown map, made once per ``key``."""
    # a group's script names the map only as map_div, so any map can carry it while it is rendered
    return _kept(("group", key), lambda: _sf._get_feature_group_string(build(), map=folium.Map(tiles=None)))


def show_map(key: str, base_key: Hashable, base: Callable[[], folium.Map], *, height: int,
             group_key: Hashable | None = None, group: Callable[[], folium.FeatureGroup] | None = None,
             returned_objects: list[str] | None = None, center: Any = None, zoom: int | None = None
             ) -> dict[str, Any] | None:
    """Show a map (full container width) as ``st_folium(base(), feature_group_to_add=group(), ...)`` would,
    building and rendering each part only when its key is new. Returns what the map reports back
    (``returned_objects``)."""
    shown = rendered_map(base_key, base)
    group_script = rendered_group(group_key, group) if group is not None else None
    returned = list(returned_objects or [])
    defaults = {k: v for k, v in {**_DEFAULTS, "bounds": shown["bounds"], "zoom": shown["zoom"]}.items()
                if k in returned}
    # st_folium's key for the component: a hash of the script and the page's key, so made once as well
    component_key = _kept(("hash", base_key, key), lambda: _sf.generate_js_hash(shown["script"], key, False))
    return _sf._component_func(
        script=shown["script"], header=shown["header"], html=shown["html"], id=shown["id"], key=component_key,
        height=height, width=None, returned_objects=returned, default=defaults, zoom=zoom, center=center,
        feature_group=group_script, return_on_hover=False, layer_control=None, pixelated=False,
        css_links=shown["css_links"], js_links=shown["js_links"], on_change=None, wrap_longitude=False,
    )


class MapSlot:
    """The place of a page's map, made where the map shows; the map can be drawn there before the widgets it
    depends on.

    On a new view (:func:`app_pages.common.new_view`) a page calls :meth:`draw_early` with what its widgets
    will say when untouched; the map is sent at once, and the controls follow after a short pause. Later the
    page calls :meth:`draw` with what the widgets said: the same view is not sent again; another one (a guess
    that missed) starts the run again, which draws the map after the controls as any later run does. On any
    other run the map is drawn only by :meth:`draw`, after the controls, so what it shows is always theirs."""

    def __init__(self) -> None:
        # a container, not st.empty: an empty's new container each run would mount the map's frame afresh
        self._place = st.container()
        self._early: Hashable | None = None
        self._early_out: Any = None

    def draw_early(self, what: Hashable, draw: Callable[[], Any]) -> None:
        """On a new view, draw the map showing ``what`` (``draw()`` puts it on the page), then pause."""
        if not common.new_view():
            return
        with self._place:
            self._early_out = draw()
        self._early = what
        time.sleep(FIRST_PAINT_PAUSE_S)

    def draw(self, what: Hashable, draw: Callable[[], Any]) -> Any:
        """Draw the map showing ``what`` (unless drawn early for it); returns what ``draw()`` returned."""
        if self._early is None:
            with self._place:
                return draw()
        if what != self._early:
            st.rerun()  # the controls say otherwise than the guess: draw it in the usual order, once
        return self._early_out
