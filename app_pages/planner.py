"""Planners' page: start from a shipped scenario, switch projects, add / remove links (drawn on the map or
between two places), change speeds and headways, and compare before vs after from the six zones.

The working scenario is a frozen ``Scenario`` in ``st.session_state["pl_scenario"]``; every change goes
through ``apply_edit`` / ``with_projects`` (validated as a scenario file is) and only then replaces it, so a
bad edit or upload changes nothing.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from app_pages import cached, common
from wuzhen_geo.answers import (
    changes_first,
    comparison_destinations,
    describe_edit,
    drawn_link,
    finite_minutes,
    link_between,
)
from wuzhen_geo.errors import WuzhenGeoError
from wuzhen_geo.i18n import bilingual, label, name, t
from wuzhen_geo.maps import difference_layer, draw_control, overview_map
from wuzhen_geo.model import (
    RemoveLink,
    Scenario,
    SetHeadway,
    SetSpeed,
    apply_edit,
    remove_edit,
    scenario_from_bytes,
    scenario_to_yaml,
    with_projects,
    with_year,
    working_copy,
)
from wuzhen_geo.vocabulary import DATA_YEAR

lang = common.lang()
st.title(t("page_planner", lang))
st.caption(t("planner_intro", lang))

_RAIL = ["intercity", "hsr", "suburban", "metro", "conventional"]
_ROAD = ["expressway", "urban_expressway", "highway", "arterial", "local"]


def _change(make: Callable[[], Scenario]) -> bool:
    """Make the scenario ``make`` returns the working one; when it raises, show why and keep the old one."""
    try:
        scenario = make()
    except WuzhenGeoError as exc:
        common.show_error(exc)
        return False
    st.session_state["pl_scenario"] = scenario
    return True


def _add(edit) -> bool:
    return _change(lambda: apply_edit(st.session_state["pl_scenario"], edit, data))


def _link_form(key: str) -> dict | None:
    """Mode, class, speed and headway of a new link; ``None`` until all are valid."""
    cols = st.columns(4)
    mode = cols[0].selectbox(t("f_mode", lang), ["rail", "road"], key=f"{key}_mode",
                             format_func=lambda k: label("mode", k, lang))
    classes = _RAIL if mode == "rail" else _ROAD
    cls = cols[1].selectbox(t("f_class", lang), classes, key=f"{key}_class", format_func=lambda k: label("class", k, lang))
    speed = cols[2].number_input(t("f_speed_kmh", lang), 10.0, 400.0, 160.0 if mode == "rail" else 80.0, step=10.0,
                                 key=f"{key}_speed_{mode}")
    form = {"mode": mode, "cls": cls, "speed_kmh": float(speed)}
    if mode == "rail":
        form["headway_min"] = float(cols[3].number_input(t("f_headway_min", lang), 1.0, 240.0, 30.0, step=5.0,
                                                         key=f"{key}_headway"))
    return form


with common.guard():
    data = common.get_data()
    scenarios = common.get_scenarios()
    today = t("today_network", lang)
    options = [today] + list(scenarios)
    with st.sidebar:
        base_name = st.selectbox(
            t("start_from", lang), options, key="pl_base",
            index=options.index(st.session_state["wz_scenario"]) if st.session_state.get("wz_scenario") in options else 0,
            format_func=lambda k: k if k == today else bilingual(
                {"name_zh": scenarios[k].title_zh, "name_en": scenarios[k].title_en}, lang))
        st.session_state["wz_scenario"] = None if base_name == today else base_name
        year = int(st.slider(t("year", lang), 2020, 2040, int(st.session_state.get("wz_year") or
                                                                 getattr(scenarios.get(base_name), "year", None) or DATA_YEAR),
                             key="pl_year"))
        st.session_state["wz_year"] = year
    before = with_year(scenarios.get(base_name), year)
    if st.session_state.get("pl_before") != before:  # a new starting point resets the working copy
        st.session_state["pl_before"] = before
        st.session_state["pl_scenario"] = working_copy(before)
    after: Scenario = st.session_state["pl_scenario"]

    # ---------------------------------------------------------------- projects
    modelled = [p for p in data.projects if p.get("modelled")]
    ids = [str(p["id"]) for p in modelled]
    names = {str(p["id"]): bilingual(p, lang) for p in modelled}
    with st.expander(t("projects", lang), expanded=True):
        c1, c2 = st.columns(2)
        on = c1.multiselect(t("projects_on", lang), ids, default=[i for i in after.projects_on if i in ids],
                            format_func=names.get, key="pl_on", placeholder=t("choose_options", lang))
        off = c2.multiselect(t("projects_off", lang), ids, default=[i for i in after.projects_off if i in ids],
                             format_func=names.get, key="pl_off", placeholder=t("choose_options", lang))
        if sorted(on) != sorted(after.projects_on) or sorted(off) != sorted(after.projects_off):
            if _change(lambda: with_projects(after, on, off, data)):
                after = st.session_state["pl_scenario"]

    # ---------------------------------------------------------------- edits
    link_ids = list(data.links.index)
    place_ids = [p for p in data.places.index if data.places.at[p, "kind"] != "junction"]
    tab_draw, tab_places, tab_remove, tab_speed = st.tabs(
        [t("tab_draw", lang), t("tab_places", lang), t("tab_remove", lang), t("tab_speed", lang)])
    with tab_places:
        c1, c2 = st.columns(2)
        a = c1.selectbox(t("from_place", lang), place_ids, key="pl_a", format_func=lambda p: bilingual(data.places.loc[p], lang))
        b = c2.selectbox(t("to_place", lang), place_ids, index=min(1, len(place_ids) - 1), key="pl_b",
                         format_func=lambda p: bilingual(data.places.loc[p], lang))
        form = _link_form("pl_pf")
        if st.button(t("add_link", lang), key="pl_add_places", disabled=a == b):
            if _add(link_between(after, data, a, b, **form)):
                st.rerun()
    with tab_remove:
        gone = st.selectbox(t("remove_which", lang), link_ids, key="pl_remove",
                            format_func=lambda lid: f"{bilingual(data.links.loc[lid], lang)} ({lid})")
        if st.button(t("remove_link", lang), key="pl_remove_btn"):
            if _add(RemoveLink(gone)):
                st.rerun()
    with tab_speed:
        lid = st.selectbox(t("change_which", lang), link_ids, key="pl_speed_link",
                           format_func=lambda lid: f"{bilingual(data.links.loc[lid], lang)} ({lid})")
        c1, c2 = st.columns(2)
        speed = c1.number_input(t("f_speed_kmh", lang), 5.0, 400.0, 100.0, step=5.0, key="pl_speed")
        if c1.button(t("set_speed", lang), key="pl_speed_btn"):
            if _add(SetSpeed(lid, float(speed))):
                st.rerun()
        if data.links.at[lid, "mode"] == "rail":
            headway = c2.number_input(t("f_headway_min", lang), 1.0, 240.0, 15.0, step=5.0, key="pl_headway")
            if c2.button(t("set_headway", lang), key="pl_headway_btn"):
                if _add(SetHeadway(lid, float(headway))):
                    st.rerun()
    with tab_draw:
        st.caption(t("draw_hint", lang))
        draw_form = _link_form("pl_df")

    # ---------------------------------------------------------------- current edits, download / upload
    with st.expander(t("edits_now", lang, n=len(after.edits)), expanded=bool(after.edits)):
        for i, e in enumerate(after.edits):
            c1, c2 = st.columns([8, 1])
            c1.markdown(f"{i + 1}. " + describe_edit(e, data, lang).replace("*", "\\*").replace("_", "\\_"))
            if c2.button("✕", key=f"pl_del_{i}", help=t("delete_edit", lang)):
                if _change(lambda: remove_edit(after, i, data)):
                    st.rerun()
        c1, c2 = st.columns(2)
        c1.download_button(t("download_yaml", lang), scenario_to_yaml(after).encode("utf-8"),
                           file_name="scenario.yaml", mime="application/x-yaml", key="pl_download", on_click="ignore")
        upload = c2.file_uploader(t("upload_yaml", lang), type=["yaml", "yml"], key="pl_upload")
        if upload is not None and st.session_state.get("pl_upload_seen") != upload.file_id:
            st.session_state["pl_upload_seen"] = upload.file_id
            if _change(lambda: scenario_from_bytes(upload.getvalue(), data, filename=upload.name)):
                st.rerun()

    # ---------------------------------------------------------------- before / after
    st.subheader(t("before_after", lang))
    # A rail link may not beat the car ("fastest"), yet change every rail trip: let the planner look at each.
    compare_mode = st.radio(t("compare_mode", lang), ["best", "rail", "car"], horizontal=True, key="pl_mode",
                            format_func=lambda k: label("mode", k, lang))
    with st.spinner(t("working_comparison", lang)):
        table = cached.comparison(before, after, comparison_destinations(data), mode=compare_mode)
    ordered = changes_first(table)  # biggest gains first, then losses: what a planner looks for
    n_changed = int(ordered["changed"].sum())
    st.caption(t("n_changed", lang, n=n_changed, total=len(table)))

    # ---------------------------------------------------------------- map: differences + drawing
    m = overview_map(data, scenario=after, lang=lang, legend=False)
    difference_layer(table, data, m=m, lang=lang)
    draw_control(m, lang=lang)
    out = st_folium(m, height=600, use_container_width=True, key="pl_map",
                    returned_objects=["last_active_drawing"])
    drawing = (out or {}).get("last_active_drawing")
    if drawing and (drawing.get("geometry") or {}).get("type") == "LineString" and draw_form is not None:
        sig = str(drawing["geometry"]["coordinates"])
        if sig != st.session_state.get("pl_drawn_seen"):
            st.session_state["pl_drawn_seen"] = sig
            # An end drawn on a station (rail) or road node means that place: riders change inside it.
            link = drawn_link(after, data, drawing["geometry"]["coordinates"], **draw_form)
            if link is not None and _add(link):
                st.rerun()

    # ---------------------------------------------------------------- the table under the map
    zone_names = {z: name(data.zones.loc[z], lang) for z in data.zones.index}
    place_names = {p: name(data.places.loc[p], lang) for p in data.places.index}
    show = pd.DataFrame({
        t("from", lang): ordered["from_id"].map(zone_names).fillna(ordered["from_id"]),
        t("to", lang): ordered["to_id"].map(place_names).fillna(ordered["to_id"]),
        t("f_before", lang): finite_minutes(ordered["before"]),
        t("f_after", lang): finite_minutes(ordered["after"]),
        t("f_change", lang): finite_minutes(ordered["difference"]),
        t("causes", lang): ordered["causes_text"],
    })
    if st.toggle(t("only_changes", lang), value=n_changed > 0, key="pl_only_changes"):
        show = show[ordered["changed"].to_numpy()]
    st.dataframe(show, hide_index=True, width="stretch", key="pl_table")

    # ---------------------------------------------------------------- indicators
    st.subheader(t("indicators", lang))
    with st.spinner(t("working_indicators", lang)):
        ind_before, ind_after = cached.indicators(before), cached.indicators(after)
    if len(ind_after):
        merged = ind_after[[f"name_{lang}", "target", "value", "unit", "met"]].copy()
        # a target checked per destination (every airport within two hours) names the destination on its row
        if "to_id" in ind_after.columns:
            dest = [name(data.places.loc[p], lang) if isinstance(p, str) and p in data.places.index else ""
                    for p in ind_after["to_id"]]
            merged[f"name_{lang}"] = [f"{n} · {d}" if d else n for n, d in zip(merged[f"name_{lang}"], dest)]
        merged.insert(2, t("f_before", lang), ind_before["value"].round(1).values if len(ind_before) == len(ind_after)
                      else math.nan)
        merged["value"] = merged["value"].round(1)
        merged["met"] = merged["met"].map({True: "✅ " + t("met", lang), False: "❌ " + t("not_met", lang)})
        merged = merged.rename(columns={f"name_{lang}": t("target_name", lang), "target": t("target", lang),
                                        "value": t("f_after", lang), "unit": t("unit", lang), "met": t("result", lang)})
        st.dataframe(merged, hide_index=True, width="stretch", key="pl_indicators")
    else:
        st.info(t("no_targets", lang))
