"""Overview page: the regional map in the plan view, or in a chosen year / shipped scenario; optionally the
county-level units with their population (2020 census) and GDP."""

from __future__ import annotations

import streamlit as st

from app_pages import common, map_view
from wuzhen_geo.i18n import name, t
from wuzhen_geo.maps import export_html, overview_map, units_layer

lang = common.lang()
st.title(t("page_overview", lang))
st.caption(t("overview_intro", lang))

with common.guard():
    data = common.get_data()
    scenario, year, _ = common.scenario_picker(lang, key="ov", allow_plan_view=True)
    labels = st.sidebar.toggle(t("show_labels", lang), value=False, key="ov_labels")
    show_units = data.units is not None and st.sidebar.toggle(t("access_show_units", lang), value=False,
                                                              key="ov_units")

    # which network the map shows, on the page and on its export (as the presentation page and slides say it)
    showing = " · ".join([t("plan_view", lang) if scenario is None else name(
        {"name_zh": scenario.title_zh, "name_en": scenario.title_en, "id": scenario.name}, lang),
        *([t("slide_year", lang, year=year)] if year else [])])
    st.caption(common.literal(showing))

    def build():
        m = overview_map(data, scenario=scenario, year=year, lang=lang, labels=labels)
        return units_layer(data.units, m=m, lang=lang) if show_units else m

    st.caption(t("counts", lang, places=len(data.places), links=len(data.links)))
    # built and rendered once per view shown (scenario, year, language, layers), then only looked up
    map_view.show_map("ov_map", ("overview", id(data), repr(scenario), year, lang, labels, show_units), build,
                      height=640)
    st.download_button(
        # made when clicked (deferred): rendering the page on every run cost time and sent it to the browser
        t("download_html", lang),
        data=lambda: export_html(build(), title=f"{t('app_title', lang)} · {showing}").encode("utf-8"),
        file_name=f"wuzhen_geo_overview_{scenario.name if scenario else 'plan-view'}{f'_{year}' if year else ''}"
                  f"_{lang}.html", mime="text/html", key="ov_download", on_click="ignore",
    )
