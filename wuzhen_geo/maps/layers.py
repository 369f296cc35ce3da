"""Result layers for the maps of :mod:`wuzhen_geo.maps.overview`: a route, isochrones, before/after differences, a
point marker and the link-drawing control. Each takes ``m=`` (a ``folium.Map`` or a ``folium.FeatureGroup``,
e.g. the dynamic group of ``st_folium``), adds one layer and returns ``m``; none calls Streamlit.

All text is escaped like the rest of the map (``_features.esc``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import folium
from folium.plugins import Draw
from shapely.geometry import LineString
from shapely.geometry import Point as ShapelyPoint

from wuzhen_geo.answers import DIFFERENCE_BREAKS, step_legs
from wuzhen_geo.i18n import check_lang, label, t
from wuzhen_geo.maps._elements import SKETCH_CLASS, ClearSketches, Legend, VectorLayer, keep_layer_control_last
from wuzhen_geo.maps._features import esc, feature
from wuzhen_geo.maps.assets import AssetMode, localize_assets
from wuzhen_geo.maps.style import CLASS_COLORS
from wuzhen_geo.vocabulary import format_minutes, shown_change

__all__ = ["route_layer", "isochrone_layer", "difference_layer", "difference_legend", "difference_surface_layer",
           "difference_surface_legend", "highlight_links", "point_marker", "draw_control", "clear_sketches",
           "ISOCHRONE_COLORS", "difference_color"]

_LEG_STYLE = {
    # near black: apart from every rail and coach colour (a blue drive read as the blue metro)
    "car": {"color": "#111111", "weight": 6, "opacity": 0.95},
    "rail": {"color": CLASS_COLORS["hsr"], "weight": 6, "opacity": 0.95},
    "walk": {"color": "#444444", "weight": 4, "opacity": 0.95, "dashArray": "2 6"},
    "coach": {"color": CLASS_COLORS["airport_coach"], "weight": 6, "opacity": 0.95},
}
_HALO = {"color": "#ffffff", "weight": 10, "opacity": 0.9}
#: What a tooltip says for a time that cannot be travelled.
_NO_TIME = "–"
#: Fill colour of the isochrone bands, nearest first (light blue to dark blue, colour-blind safe).
ISOCHRONE_COLORS = ["#08519c", "#3182bd", "#6baed6", "#bdd7e7", "#eff3ff", "#f7f7f7"]


def _leg_text(leg: Any, lang: str) -> str:
    what = label("mode", leg.mode, lang)
    line = (getattr(leg, "line_name_zh", None) if lang == "zh" else None) or getattr(leg, "line_name", None)
    a = (getattr(leg, "from_name_zh", "") if lang == "zh" else "") or leg.from_name
    b = (getattr(leg, "to_name_zh", "") if lang == "zh" else "") or leg.to_name
    where = a if leg.from_id == leg.to_id else f"{a} → {b}"
    took = format_minutes(leg.minutes, lang, unreachable=_NO_TIME)
    return f"{what}{' ' + line if line else ''}: {where}, {took}"


def point_marker(lon: float, lat: float, *, m: Any, text: str = "", color: str = "#238b45",
                 radius: float = 8) -> Any:
    """A round marker at ``lon, lat`` with an escaped tooltip (origin, clicked point, drawn stop)."""
    style = {"radius": radius, "color": "#000000", "weight": 2, "fillColor": color, "fillOpacity": 1.0}
    feat = feature(ShapelyPoint(lon, lat), style=style, tip=esc(text) if text else None)
    VectorLayer([feat], name=text or "point", control=False).add_to(m)
    return keep_layer_control_last(m)


def route_layer(trip: Any, *, m: Any, lang: str = "zh", data: Any = None, name: str | None = None) -> Any:
    """Draw a :class:`wuzhen_geo.model.Trip` leg by leg (car blue, walk dotted, rail in its line's class
    colour when ``data`` is given, else magenta) over a white halo, with start and end markers; each leg's
    tooltip says what it is and how long it takes."""
    lang = check_lang(lang)
    # each drawn leg's tooltip is the sentence of its step (a drive names its main roads, not every connector)
    texts = {i: text for text, idx in step_legs(trip, data, lang) for i in idx}
    halos, lines = [], []
    for i, leg in enumerate(trip.legs):
        geom = getattr(leg, "geometry", None)
        if geom is None:
            continue
        tip = esc(texts.get(i) or _leg_text(leg, lang))
        halos.append(feature(geom, style=_HALO, tip=tip))
        style = dict(_LEG_STYLE.get(leg.mode, _LEG_STYLE["walk"]))
        links = getattr(data, "links", None)
        if leg.mode == "rail" and links is not None and leg.line_id in links.index:
            style["color"] = CLASS_COLORS.get(links.at[leg.line_id, "class"], style["color"])
        lines.append(feature(geom, style=style, tip=tip))
    feats = [f for f in halos + lines if f]
    coords = [c for leg in trip.legs for c in getattr(leg, "coords", ())]
    total = f"{format_minutes(trip.minutes, lang, unreachable=_NO_TIME)} · {trip.km:.0f} {t('km', lang)}"
    if coords:
        start, end = coords[0], coords[-1]
        for (lon, lat), color, who in ((start, "#238b45", trip.legs[0]), (end, "#cb181d", trip.legs[-1])):
            end_ = "from" if (lon, lat) == start else "to"
            text = (getattr(who, f"{end_}_name_zh", "") if lang == "zh" else "") or getattr(who, f"{end_}_name") or ""
            feats.append(feature(ShapelyPoint(lon, lat), tip=f"<b>{esc(text)}</b> · {esc(total)}",
                                  style={"radius": 7, "color": "#000", "weight": 2, "fillColor": color,
                                         "fillOpacity": 1.0}))
    VectorLayer(feats, name=name or t("layer_route", lang)).add_to(m)
    return keep_layer_control_last(m)


def isochrone_layer(polygons: Any, *, m: Any, lang: str = "zh", name: str | None = None,
                    opacity: float = 0.45) -> Any:
    """Draw isochrone polygons (``minutes``, ``min_minutes``, geometry in WGS-84, as from
    :func:`wuzhen_geo.answers.isochrone_polygons`), the largest first so that nearer rings stay on top."""
    lang = check_lang(lang)
    frame = polygons.sort_values("minutes", ascending=False)
    n = len(frame)
    feats: list[dict] = []
    keys: list[tuple[str, str]] = []
    for i, (_, row) in enumerate(frame.iterrows()):
        color = ISOCHRONE_COLORS[min(n - 1 - i, len(ISOCHRONE_COLORS) - 1)]
        lo, hi = float(row.get("min_minutes", 0) or 0), float(row["minutes"])
        text = f"≤ {hi:.0f} {t('legend_minutes', lang)}" if lo <= 0 else f"{lo:.0f}–{hi:.0f} {t('legend_minutes', lang)}"
        style = {"color": "#08306b", "weight": 1, "fillColor": color, "fillOpacity": opacity}
        f = feature(row.geometry, style=style, tip=esc(text))
        if f:
            feats.append(f)
            keys.append((color, text))
    VectorLayer(feats, name=name or t("layer_isochrones", lang)).add_to(m)
    # on a map the legend stays; in a group it comes and goes with the group
    rows = "".join(f'<i style="display:inline-block;width:14px;height:10px;background:{c};'
                   f'border:1px solid #08306b;opacity:{opacity + 0.3:.2f}"></i> {esc(x)}<br>'
                   for c, x in reversed(keys))
    m.add_child(Legend(f"<b>{esc(t('layer_isochrones', lang))}</b>{rows}", position="bottomleft"),
                name="wz_legend_isochrones")
    return keep_layer_control_last(m)


def difference_color(minutes: float, *, scale: float = 30.0) -> str:
    """Green for faster (negative), red for slower, grey for no change; saturates at ``scale`` minutes."""
    if minutes is None or not math.isfinite(minutes):
        return "#1a9850" if minutes == -math.inf else "#d73027" if minutes == math.inf else "#999999"
    if abs(minutes) < 0.5:
        return "#999999"
    x = min(abs(minutes) / scale, 1.0)
    if minutes < 0:  # grey-green → dark green
        r, g, b = (int(199 - x * (199 - 26)), int(233 - x * (233 - 152)), int(192 - x * (192 - 80)))
    else:  # pink → dark red
        r, g, b = (int(253 - x * (253 - 215)), int(212 - x * (212 - 48)), int(158 - x * (158 - 39)))
    return f"#{r:02x}{g:02x}{b:02x}"


def difference_layer(table: Any, data: Any, *, m: Any, lang: str = "zh", origins: Iterable[str] | None = None,
                     name: str | None = None) -> Any:
    """Mark each destination of a :func:`wuzhen_geo.answers.compare` table by its change in minutes.

    The marker colour is the change from the origins given (all by default) at their best (the largest
    saving); its tooltip lists before, after and the cause for every origin.
    """
    lang = check_lang(lang)
    rows = table if origins is None else table[table["from_id"].isin(list(origins))]
    feats = []
    for to_id, group in rows.groupby("to_id", sort=False):
        if to_id not in data.places.index:
            continue
        geom = data.places.geometry[to_id]
        diffs = [float(d) for d in group["difference"]]
        change = min(diffs) if diffs else 0.0
        place = data.places.loc[to_id]
        title = f"<b>{esc(place.get('name_zh'))} {esc(place.get('name_en'))}</b>"
        lines = []
        for _, r in group.iterrows():
            origin = data.zones.loc[r["from_id"]] if r["from_id"] in data.zones.index else None
            who = origin.get(f"name_{lang}") if origin is not None else r["from_id"]
            cause = r.get("causes_text") or ""
            before, after = (format_minutes(r[k], lang, unreachable=_NO_TIME) for k in ("before", "after"))
            change_shown = _signed(shown_change(r["before"], r["after"]), lang)  # after minus before, as shown
            lines.append(f"{esc(who)}: {esc(before)} → {esc(after)}"
                         f" ({esc(change_shown)}){' · ' + esc(cause) if cause else ''}")
        radius = 6 + min(abs(change), 60) / 4 if math.isfinite(change) else 14
        style = {"radius": radius, "color": "#222", "weight": 1.5, "fillColor": difference_color(change),
                 "fillOpacity": 0.95}
        feats.append(feature(geom, id=f"diff_{to_id}", style=style, tip=title + "<br>" + "<br>".join(lines)))
    VectorLayer([f for f in feats if f], name=name or t("layer_difference", lang)).add_to(m)
    if isinstance(m, folium.Map):  # a group's map carries the full key from the start (difference_legend)
        difference_legend(m, lang=lang)
    return keep_layer_control_last(m)


def difference_legend(m: folium.Map, *, lang: str = "zh") -> folium.Map:
    """The colour key of :func:`difference_layer` (faster green, slower red), bottom left. It does not depend
    on the table, so a map whose markers come in a dynamic group can carry it from the start."""
    lang = check_lang(lang)
    swatch = ('<svg width="14" height="14" style="vertical-align:middle"><circle cx="7" cy="7" r="6" '
              'fill="{}" stroke="#222"/></svg>')
    body = "".join(f"{swatch.format(difference_color(v))} {esc(_signed(v, lang))} {esc(word)}<br>"
                   for v, word in ((-30, t("legend_faster", lang)), (-10, ""), (0, ""), (10, ""),
                                   (30, t("legend_slower", lang))))
    m.add_child(Legend(f"<b>{esc(t('layer_difference', lang))}</b>{body}", position="bottomleft"),
                name="wz_legend_difference")
    return m


def _band_text(lo: float, hi: float, lang: str) -> str:
    if hi <= 0:  # faster after
        return (t("band_open_faster", lang, a=f"{-hi:g}") if math.isinf(lo)
                else t("band_faster", lang, a=f"{-hi:g}", b=f"{-lo:g}"))
    return (t("band_open_slower", lang, a=f"{lo:g}") if math.isinf(hi)
            else t("band_slower", lang, a=f"{lo:g}", b=f"{hi:g}"))


def difference_surface_layer(bands: Any, *, m: Any, lang: str = "zh", name: str | None = None,
                             opacity: float = 0.55) -> Any:
    """Draw the bands of a travel-time difference surface (``min_minutes``, ``max_minutes``, geometry in
    WGS-84, as from :func:`wuzhen_geo.answers.difference_bands`): green where travel got faster, red where
    slower, each band's tooltip in minutes gained or lost, with a legend on a ``folium.Map``."""
    lang = check_lang(lang)
    feats, keys = [], []
    for _, row in bands.iterrows():
        lo, hi = float(row["min_minutes"]), float(row["max_minutes"])
        middle = hi - 5 if math.isinf(lo) else lo + 5 if math.isinf(hi) else (lo + hi) / 2
        color, text = difference_color(middle), _band_text(lo, hi, lang)
        style = {"color": color, "weight": 0.5, "fillColor": color, "fillOpacity": opacity}
        f = feature(row.geometry, style=style, tip=esc(text))
        if f:
            feats.append(f)
            keys.append((middle, color, text))
    VectorLayer(feats, name=name or t("layer_time_difference", lang)).add_to(m)
    if isinstance(m, folium.Map):  # a group's map carries the full key (difference_surface_legend)
        _surface_legend(m, keys, lang)
    return keep_layer_control_last(m)


def difference_surface_legend(m: folium.Map, *, lang: str = "zh",
                              breaks: Iterable[float] = DIFFERENCE_BREAKS) -> folium.Map:
    """The key of every band :func:`difference_surface_layer` can draw for these breaks (not only the bands
    one surface has), so a map whose bands come in a dynamic group can carry it from the start."""
    lang = check_lang(lang)
    edges = sorted(float(b) for b in breaks)
    keys = []
    for lo, hi in zip([-math.inf, *edges], [*edges, math.inf]):
        if not lo < 0 < hi:
            middle = hi - 5 if math.isinf(lo) else lo + 5 if math.isinf(hi) else (lo + hi) / 2
            keys.append((middle, difference_color(middle), _band_text(lo, hi, lang)))
    return _surface_legend(m, keys, lang)


def _surface_legend(m: folium.Map, keys: list[tuple[float, str, str]], lang: str) -> folium.Map:
    rows = "".join(f'<i style="display:inline-block;width:14px;height:10px;background:{c};opacity:0.8"></i> '
                   f"{esc(x)}<br>" for _, c, x in sorted(keys))
    m.add_child(Legend(f"<b>{esc(t('layer_time_difference', lang))}</b>{rows}", position="bottomleft"),
                name="wz_legend_time_difference")
    return m


def highlight_links(added: Iterable[Any], data: Any, *, m: Any, lang: str = "zh", name: str | None = None) -> Any:
    """Draw added links (:class:`~wuzhen_geo.model.AddLink`) wide and bright over a white halo, e.g. the
    link just added, along their geometry or their stops; the tooltip is the link's name as text."""
    lang = check_lang(lang)
    feats = []
    for link in added:
        coords = [tuple(c) for c in link.geometry] if link.geometry else [
            (data.places.geometry[s].x, data.places.geometry[s].y) if isinstance(s, str) else tuple(s)
            for s in link.stops if not isinstance(s, str) or s in data.places.index]
        if len(coords) < 2:
            continue
        own = (link.name_zh if lang == "zh" else link.name_en) or link.name_en or link.name_zh or link.id
        line = LineString(coords)
        feats.append(feature(line, style={**_HALO, "weight": 14}, tip=esc(own)))
        feats.append(feature(line, style={"color": "#ff7f00", "weight": 7, "opacity": 1.0}, tip=esc(own)))
    VectorLayer([f for f in feats if f], name=name or t("layer_new_link", lang)).add_to(m)
    return keep_layer_control_last(m)


def dynamic_group() -> folium.FeatureGroup:
    """An empty group for layers sent to a map already shown (``st_folium``'s ``feature_group_to_add``):
    the layers and legends added to it come and go together, the map itself is not reloaded."""
    return folium.FeatureGroup(control=False)


def clear_sketches(group: Any) -> Any:
    """Add to a dynamic group (``st_folium``'s ``feature_group_to_add``): each time the group is drawn, the
    lines sketched with :func:`draw_control` go, since what they became is drawn from the scenario."""
    group.add_child(ClearSketches(), name="wz_clear_sketches")
    return group


def _signed(minutes: float, lang: str) -> str:
    if minutes is None or not math.isfinite(minutes):
        return _NO_TIME
    return f"{minutes:+.0f} {t('min', lang)}"


def draw_control(m: folium.Map, *, assets: AssetMode = "url", lang: str = "zh") -> Draw:
    """Add a Leaflet.draw control that draws polylines only (a new link); returns the control.

    Its JavaScript and CSS are the shipped Leaflet.draw 1.0.2 files; drawn lines reach Python through
    ``st_folium`` (``last_active_drawing`` / ``all_drawings``, GeoJSON in WGS-84).
    """
    check_lang(lang)
    color = CLASS_COLORS["intercity"]
    draw = Draw(
        export=False,
        show_geometry_on_click=False,  # it would alert() the GeoJSON
        position="topleft",
        draw_options={"polyline": {"shapeOptions": {"color": color, "weight": 5, "className": SKETCH_CLASS}},
                      "polygon": False,
                      "rectangle": False, "circle": False, "marker": False, "circlemarker": False},
        edit_options={"edit": False, "remove": True},
    )
    draw.add_to(m)
    localize_assets(m, assets)
    return draw

