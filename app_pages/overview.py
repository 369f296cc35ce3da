"""Overview page: the regional map in the plan view or in a chosen year / shipped scenario."""

from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

from app_pages import common
from wuzhen_geo.i18n import bilingual, t
from wuzhen_geo.maps import export_html, overview_map

lang = common.lang()
st.title(t("page_overview", lang))
st.caption(t("overview_intro", lang))

with common.guard():
    data = common.get_data()
    scenarios = common.get_scenarios()
    plan = t("plan_view", lang)
    options = [plan] + list(scenarios)
    current = st.session_state.get("wz_scenario")
    with st.sidebar:
        choice = st.selectbox(
            t("scenario", lang), options, index=options.index(current) if current in options else 0,
            format_func=lambda k: k if k == plan else bilingual(
                {"name_zh": scenarios[k].title_zh, "name_en": scenarios[k].title_en, "id": k}, lang),
            key="ov_scenario",
        )
        st.session_state["wz_scenario"] = None if choice == plan else choice
        use_year = st.toggle(t("pick_year", lang), value=st.session_state.get("wz_year") is not None,
                             key="ov_use_year")
        year = None
        if use_year:
            year = st.slider(t("year", lang), 2020, 2040, int(st.session_state.get("wz_year") or 2026),
                             key="ov_year")
        st.session_state["wz_year"] = year
        labels = st.toggle(t("show_labels", lang), value=False, key="ov_labels")
    scenario = scenarios.get(choice) if choice != plan else None
    m = overview_map(data, scenario=scenario, year=year, lang=lang, labels=labels)
    st.caption(t("counts", lang, places=len(data.places), links=len(data.links)))
    st_folium(m, height=640, use_container_width=True, returned_objects=[], key="ov_map")
    st.download_button(
        t("download_html", lang), data=export_html(m, title=t("app_title", lang)).encode("utf-8"),
        file_name=f"wuzhen_geo_overview_{lang}.html", mime="text/html", key="ov_download",
    )
