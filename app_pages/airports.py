"""Residents' page: time to every airport by car and by rail, from a zone, a name, a map click or a pasted
coordinate, with the legs of the trip and the route drawn on the map."""

from __future__ import annotations

import math

import folium
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from app_pages import cached, common
from wuzhen_geo.answers import origin_label, origin_text, route_steps
from wuzhen_geo.errors import WuzhenGeoError
from wuzhen_geo.i18n import bilingual, label, t
from wuzhen_geo.maps import overview_map, point_marker, route_layer, view_for_trip
from wuzhen_geo.model import with_year

lang = common.lang()
st.title(t("page_airports", lang))
st.caption(t("airports_intro", lang))


def _set_origin(value: str | None) -> None:
    st.session_state["wz_origin"] = value


_MAP_PX = 560
#: Narrowest map the view is fitted for (a phone): on a wider screen the route just has more room around it.
_MIN_MAP_WIDTH_PX = 340


def _minutes(value: float) -> str:
    return t("unreachable", lang) if value is None or not math.isfinite(value) else f"{value:.0f}"


with common.guard():
    data = common.get_data()
    scenario, year, _ = common.scenario_picker(lang, key="apt")
    scenario = with_year(scenario, year)
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
                _set_origin(origin_text(cached.origin(query)))
            except WuzhenGeoError as exc:
                common.show_error(exc)
    elif how == "coord":
        cols = st.columns([3, 2])
        pasted = cols[0].text_input(t("by_coord", lang), placeholder=t("coord_hint", lang), key="apt_coord")
        system = cols[1].radio(t("coord_system", lang), ["wgs84", "gcj02", "bd09"], key="apt_system",
                               format_func=lambda s: t(s, lang))
        if pasted.strip():
            try:
                _set_origin(origin_text(cached.origin(pasted, system)))  # stored in WGS-84
            except WuzhenGeoError as exc:
                common.show_error(exc)
    else:
        st.caption(t("click_hint", lang))

    origin = st.session_state.get("wz_origin")
    if origin:
        st.markdown(t("origin_now", lang, origin=origin_label(data, origin, lang)))
        with st.spinner(t("working_airports", lang)):
            table = cached.airport_table(scenario, origin, lang)
    else:
        st.info(t("no_origin", lang))
        table = None

    # One column: the table reads well on a phone and the map gets the full width.
    with st.container():
        if table is not None:
            # Short text in every column, so that the table reads whole at 1280 px and on a phone; the whole
            # rail trip is in the steps below: the cell names the train and where to board, or why there is
            # no sensible rail trip.
            shown = pd.DataFrame({
                t("airport", lang): table["label"],
                t("col_car", lang): table["car_min"].map(_minutes),
                t("col_rail", lang): table["rail_min"].map(_minutes),
                t("col_best", lang): table["best_min"].map(_minutes),
                t("col_rail_via", lang): table["rail_via"],
            })
            st.dataframe(shown, hide_index=True, width="stretch", key="apt_table",
                         column_config={t("col_rail_via", lang): st.column_config.TextColumn(width="large")})
            st.caption(t("steps_hint", lang))
            names = {apt: f"{iata} {name}" for apt, iata, name in zip(table["airport_id"], table["iata"],
                                                                       table["name"])}
            c1, c2 = st.columns([3, 2])
            pick = c1.selectbox(t("show_route", lang), list(names), key="apt_route_to", format_func=names.get)
            mode = c2.radio(t("route_mode", lang), ["best", "car", "rail"], horizontal=True, key="apt_route_mode",
                            format_func=lambda k: label("mode", k, lang))
    with st.container():
        # No popups: a click that opens one never reaches the map, and a click here picks the origin.
        m = overview_map(data, scenario=scenario, lang=lang, legend=False, popups=False)
        dynamic = folium.FeatureGroup(name=t("layer_route", lang))
        view = None
        if table is not None:
            try:
                with st.spinner(t("working_route", lang)):
                    trip = cached.trip(scenario, origin, pick, mode)
            except WuzhenGeoError as exc:
                st.warning(str(exc))
            else:
                route_layer(trip, m=dynamic, lang=lang, data=data)
                view = view_for_trip(trip, _MAP_PX, _MIN_MAP_WIDTH_PX)
                st.markdown("**" + t("route_summary", lang, mode=label("mode", mode, lang),
                                     minutes=f"{trip.minutes:.0f}", km=f"{trip.km:.0f}") + "**")
                steps = route_steps(trip, data, lang)
                st.markdown("\n".join(f"{i}. {step}".replace("*", "\\*") for i, step in enumerate(steps, 1)))
            point = cached.origin(origin)
            if not isinstance(point, str):  # a clicked or pasted point: mark it
                point_marker(point.lon, point.lat, m=dynamic, text=t("origin", lang))
        out = st_folium(m, height=_MAP_PX, use_container_width=True, key="apt_map",
                        returned_objects=["last_clicked"], feature_group_to_add=dynamic,
                        center=view[0] if view else None, zoom=view[1] if view else None)
    clicked = (out or {}).get("last_clicked")
    if how == "click" and clicked:
        value = f"{clicked['lat']:.6f},{clicked['lng']:.6f}"
        if value != st.session_state.get("_apt_last_click"):
            st.session_state["_apt_last_click"] = value
            try:
                cached.origin(value)  # refuse clicks outside the study area with a clear message
            except WuzhenGeoError as exc:
                common.show_error(exc)
            else:
                _set_origin(value)
                st.rerun()
