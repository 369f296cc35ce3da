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


def view(data, scenario, year: int | None, labels: bool, show_units: bool):
    """What the map shows (a key) and how to draw it with the line above it that says which network it is."""
    # which network the map shows, on the page and on its export (as the presentation page and slides say it)
    showing = " · ".join([t("plan_view", lang) if scenario is None else name(
        {"name_zh": scenario.title_zh, "name_en": scenario.title_en, "id": scenario.name}, lang),
        *([t("slide_year", lang, year=year)] if year else [])])

    def build():
        m = overview_map(data, scenario=scenario, year=year, lang=lang, labels=labels)
        return units_layer(data.units, m=m, lang=lang) if show_units else m

    what = ("overview", id(data), repr(scenario), year, lang, labels, show_units)

    def draw():
        st.caption(common.literal(showing))
        st.caption(t("counts", lang, places=len(data.places), links=len(data.links)))
        # built and rendered once per view shown (scenario, year, language, layers), then only looked up
        map_view.show_map("ov_map", what, build, height=640)

    return what, draw, build, showing


with common.guard():
    data = common.get_data()
    has_units = data.units is not None
    slot = map_view.MapSlot()
    # a new view: the map first, as the untouched controls will have it; the controls follow
    slot.draw_early(*view(data, *common.scenario_picker_default(allow_plan_view=True),
                          st.session_state.get("ov_labels", False),
                          has_units and st.session_state.get("ov_units", False))[:2])
    scenario, year, _ = common.scenario_picker(lang, key="ov", allow_plan_view=True)
    labels = st.sidebar.toggle(t("show_labels", lang), value=False, key="ov_labels")
    show_units = has_units and st.sidebar.toggle(t("access_show_units", lang), value=False, key="ov_units")
    what, draw, build, showing = view(data, scenario, year, labels, show_units)
    slot.draw(what, draw)
    st.download_button(
        # made when clicked (deferred): rendering the page on every run cost time and sent it to the browser
        t("download_html", lang),
        data=lambda: export_html(build(), title=f"{t('app_title', lang)} · {showing}").encode("utf-8"),
        file_name=f"wuzhen_geo_overview_{scenario.name if scenario else 'plan-view'}{f'_{year}' if year else ''}"
                  f"_{lang}.html", mime="text/html", key="ov_download", on_click="ignore",
    )
