"""Residents' page: time to every airport by car and by rail, from a zone, a name, a map click or a pasted
coordinate, with the legs of the trip and the route drawn on the map."""

from __future__ import annotations

import math

import folium
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from app_pages import common, engine
from wuzhen_geo.errors import WuzhenGeoError
from wuzhen_geo.i18n import bilingual, label, t
from wuzhen_geo.maps.overview import overview_map, point_marker, route_layer
from wuzhen_geo.answers.route_steps import rail_lines_text, route_steps, short_place_name

lang = common.lang()
st.title(t("page_airports", lang))
st.caption(t("airports_intro", lang))


def _set_origin(value: str | None) -> None:
    st.session_state["wz_origin"] = value


def _origin_label(data, origin: str) -> str:
    for frame in (data.zones, data.places):
        if origin in frame.index:
            return bilingual(frame.loc[origin], lang)
    return origin


_MAP_PX = 560
#: Narrowest map the view is fitted for (a phone): on a wider screen the route just has more room around it.
_MIN_MAP_WIDTH_PX = 340


def _route_view(trip) -> tuple[tuple[float, float], float] | None:
    """Centre (lat, lon) and zoom that show the whole route on the map (``None`` for a trip with no shape),
    so that choosing another airport or mode brings its route into view."""
    geom = trip.geometry
    if geom.is_empty:
        return None
    minx, miny, maxx, maxy = geom.bounds

    def merc(lat: float) -> float:  # Web Mercator y, in radians
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    span_x = max((maxx - minx) / 360.0, 1e-6)
    span_y = max((merc(maxy) - merc(miny)) / (2 * math.pi), 1e-6)
    margin = 48  # px left around the route
    zoom = min(math.log2((_MIN_MAP_WIDTH_PX - margin) / 256 / span_x),
               math.log2((_MAP_PX - margin) / 256 / span_y))
    zoom = max(6.0, min(13.0, math.floor(zoom * 4) / 4))  # the maps zoom in quarter steps
    return ((miny + maxy) / 2, (minx + maxx) / 2), zoom


def _why_no_rail(reason: str) -> str:
    """The engine's reason for a missing rail trip, cut to its head and translated (the rail steps below
    give the whole reason when the rail route is chosen)."""
    if reason.startswith("no sensible rail route"):
        return t("no_rail_route", lang)
    return t("unreachable", lang) if reason.startswith("unreachable") or not reason else reason


def _minutes(value: float) -> str:
    return t("unreachable", lang) if value is None or not math.isfinite(value) else f"{value:.0f}"


with common.guard():
    data = common.get_data()
    scenario, year, _ = common.scenario_picker(lang, key="apt")
    text = engine.scenario_yaml(scenario, year)
    how_options = ["zone", "name", "click", "coord"]
    if "apt_how" not in st.session_state:  # a shared URL's origin decides which input starts selected
        start = st.session_state.get("wz_origin")
        st.session_state["apt_how"] = ("zone" if not start or start in data.zones.index
                                       else "name" if start in data.places.index else "click")
    how = st.radio(t("origin_how", lang), how_options, horizontal=True, key="apt_how",
                   format_func=lambda k: t(f"by_{k}", lang))
    if how == "zone":
        zones = list(data.zones.index)
        current = st.session_state.get("wz_origin")
        zone = st.selectbox(t("by_zone", lang), zones, index=zones.index(current) if current in zones else 0,
                            format_func=lambda z: bilingual(data.zones.loc[z], lang), key="apt_zone")
        _set_origin(zone)
    elif how == "name":
        query = st.text_input(t("by_name", lang), placeholder=t("name_hint", lang), key="apt_name")
        if query.strip():
            try:
                _set_origin(engine.origin(query))
            except WuzhenGeoError as exc:
                common.show_error(exc)
    elif how == "coord":
        cols = st.columns([3, 2])
        pasted = cols[0].text_input(t("by_coord", lang), placeholder=t("coord_hint", lang), key="apt_coord")
        system = cols[1].radio(t("coord_system", lang), ["wgs84", "gcj02", "bd09"], key="apt_system",
                               format_func=lambda s: t(s, lang))
        if pasted.strip():
            try:
                point = engine.origin(pasted, system)
                _set_origin(f"{point.lat:.6f},{point.lon:.6f}")  # stored in WGS-84
            except WuzhenGeoError as exc:
                common.show_error(exc)
    else:
        st.caption(t("click_hint", lang))

    origin = st.session_state.get("wz_origin")
    if origin:
        st.markdown(t("origin_now", lang, origin=_origin_label(data, origin)))
        with st.spinner(t("working_airports", lang)):
            table = engine.airport_table(text, origin, lang)
    else:
        st.info(t("no_origin", lang))
        table = None

    # One column: the table reads well on a phone and the map gets the full width.
    with st.container():
        if table is not None:
            wide = table.pivot_table(index="airport_id", columns="mode", values="minutes", aggfunc="first",
                                     dropna=False)
            best = table[table["mode"] == "best"].set_index("airport_id")
            rail = table[table["mode"] == "rail"].set_index("airport_id")
            rows = []
            for apt in best.index:
                reach = bool(rail.at[apt, "reachable"]) if "reachable" in rail.columns else True
                via = rail_lines_text(rail.at[apt, "legs"] or [], data, lang) if reach else ""
                rows.append({
                    t("airport", lang): f"{best.at[apt, 'iata'] or ''} "
                                        f"{short_place_name(best.at[apt, f'name_{lang}'], lang)}".strip(),
                    t("col_car", lang): _minutes(wide.at[apt, "car"]),
                    t("col_rail", lang): _minutes(wide.at[apt, "rail"]),
                    t("col_best", lang): _minutes(wide.at[apt, "best"]),
                    # the whole rail trip is in the steps below; the cell names the train and where to board,
                    # or why there is no sensible rail trip
                    t("col_rail_via", lang): via or _why_no_rail(str(rail.at[apt, "legs_text"])),
                })
            # Short text in every column, so that the table reads whole at 1280 px and on a phone.
            st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", key="apt_table",
                         column_config={t("col_rail_via", lang): st.column_config.TextColumn(width="large")})
            st.caption(t("steps_hint", lang))
            airports = list(best.index)
            c1, c2 = st.columns([3, 2])
            pick = c1.selectbox(t("show_route", lang), airports, key="apt_route_to",
                                format_func=lambda a: f"{best.at[a, 'iata'] or ''} {best.at[a, f'name_{lang}']}")
            mode = c2.radio(t("route_mode", lang), ["best", "car", "rail"], horizontal=True, key="apt_route_mode",
                            format_func=lambda k: label("mode", k, lang))
    with st.container():
        # No popups: a click that opens one never reaches the map, and a click here picks the origin.
        m = overview_map(data, scenario=engine.scenario_from_yaml(text), lang=lang, legend=False, popups=False)
        dynamic = folium.FeatureGroup(name=t("layer_route", lang))
        view = None
        if table is not None:
            try:
                with st.spinner(t("working_route", lang)):
                    trip = engine.trip(text, origin, pick, mode)
            except WuzhenGeoError as exc:
                st.warning(str(exc))
            else:
                route_layer(trip, m=dynamic, lang=lang, data=data)
                view = _route_view(trip)
                st.markdown("**" + t("route_summary", lang, mode=label("mode", mode, lang),
                                     minutes=f"{trip.minutes:.0f}", km=f"{trip.km:.0f}") + "**")
                steps = route_steps(trip, data, lang)
                st.markdown("\n".join(f"{i}. {step}".replace("*", "\\*") for i, step in enumerate(steps, 1)))
            if "," in origin and origin not in data.places.index:
                lat, lon = (float(v) for v in origin.split(","))
                point_marker(lon, lat, m=dynamic, text=t("origin", lang))
        out = st_folium(m, height=_MAP_PX, use_container_width=True, key="apt_map",
                        returned_objects=["last_clicked"], feature_group_to_add=dynamic,
                        center=view[0] if view else None, zoom=view[1] if view else None)
    clicked = (out or {}).get("last_clicked")
    if how == "click" and clicked:
        value = f"{clicked['lat']:.6f},{clicked['lng']:.6f}"
        if value != st.session_state.get("_apt_last_click"):
            st.session_state["_apt_last_click"] = value
            try:
                engine.origin(value)  # refuse clicks outside the study area with a clear message
            except WuzhenGeoError as exc:
                common.show_error(exc)
            else:
                _set_origin(value)
                st.rerun()
