"""Planners' page: start from a shipped scenario, switch projects, add / remove links (drawn on the map or
between two places), change speeds and headways, and compare before vs after from the six zones.

The working scenario is a plain mapping in ``st.session_state["pl_raw"]``; every change is validated with
``load_scenario`` first and only then applied, so a bad edit or upload changes nothing.
"""

from __future__ import annotations

import copy
import math

import pandas as pd
import streamlit as st
import yaml
from streamlit_folium import st_folium

from app_pages import common, engine
from wuzhen_geo.errors import WuzhenGeoError
from wuzhen_geo.i18n import bilingual, label, name, t
from wuzhen_geo.maps.overview import difference_layer, draw_control, overview_map
from wuzhen_geo.answers.places import snap_to_place

lang = common.lang()
st.title(t("page_planner", lang))
st.caption(t("planner_intro", lang))

_RAIL = ["intercity", "hsr", "suburban", "metro", "conventional"]
_ROAD = ["expressway", "urban_expressway", "highway", "arterial", "local"]


def _apply(raw: dict) -> bool:
    """Validate ``raw`` and make it the working scenario; on error show it and keep the old one."""
    try:
        engine.scenario_from_yaml(engine.dump_yaml(raw))
    except WuzhenGeoError as exc:
        common.show_error(exc)
        return False
    st.session_state["pl_raw"] = raw
    return True


def _with_edit(edit: dict) -> dict:
    raw = copy.deepcopy(st.session_state["pl_raw"])
    raw.setdefault("edits", []).append(edit)
    return raw


def _new_id(raw: dict, prefix: str) -> str:
    used = {e.get("id") for e in raw.get("edits", []) if isinstance(e, dict)}
    n = 1
    while f"{prefix}_custom_{n}" in used or f"{prefix}_custom_{n}" in data.links.index:
        n += 1
    return f"{prefix}_custom_{n}"


def _link_text(lid: object) -> str:
    lid = str(lid)
    return f"{name(data.links.loc[lid], lang)} ({lid})" if lid in data.links.index else lid


def _stop_text(stop: object) -> str:
    if isinstance(stop, str):
        return name(data.places.loc[stop], lang) if stop in data.places.index else stop
    if isinstance(stop, (list, tuple)) and len(stop) >= 2:  # [lon, lat], a point drawn on the map
        return f"{t('edit_drawn', lang)} ({float(stop[1]):.4f}, {float(stop[0]):.4f})"
    return str(stop)


def _number(value: object) -> str:
    return f"{float(value):g}" if isinstance(value, (int, float)) else str(value)


def edit_line(edit: dict) -> str:
    """One readable line for a scenario edit: what it does, to which link or between which stops, and its
    speed and headway (the YAML stays in the downloaded file)."""
    kind = edit.get("type")
    extra = []
    if edit.get("speed_kmh") is not None:
        extra.append(t("edit_speed", lang, v=_number(edit["speed_kmh"])))
    if edit.get("headway_min") is not None:
        extra.append(t("edit_headway", lang, v=_number(edit["headway_min"])))
    if kind == "add_link":
        label_name = edit.get(f"name_{lang}") or edit.get("name_en") or edit.get("name_zh") or edit.get("id", "")
        head = t("edit_add_link", lang, mode=label("mode", edit.get("mode", ""), lang), name=label_name,
                 cls=label("class", edit.get("class", ""), lang),
                 stops=" → ".join(_stop_text(s) for s in edit.get("stops") or []))
    elif kind in ("remove_link", "set_speed", "set_headway"):
        head = t(f"edit_{kind}", lang, link=_link_text(edit.get("link", "")))
        if kind == "set_speed":
            extra = extra[:1]
        elif kind == "set_headway":
            extra = extra[1:] if edit.get("speed_kmh") is not None else extra
    else:
        head = t("edit_other", lang, type=kind)
    return " · ".join([head, *extra])


def _link_form(key: str) -> dict | None:
    """Mode, class, speed and headway of a new link; ``None`` until all are valid."""
    cols = st.columns(4)
    mode = cols[0].selectbox(t("f_mode", lang), ["rail", "road"], key=f"{key}_mode",
                             format_func=lambda k: label("mode", k, lang))
    classes = _RAIL if mode == "rail" else _ROAD
    cls = cols[1].selectbox(t("f_class", lang), classes, key=f"{key}_class", format_func=lambda k: label("class", k, lang))
    speed = cols[2].number_input(t("f_speed_kmh", lang), 10.0, 400.0, 160.0 if mode == "rail" else 80.0, step=10.0,
                                 key=f"{key}_speed_{mode}")
    form = {"mode": mode, "class": cls, "speed_kmh": float(speed)}
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
                                                                 getattr(scenarios.get(base_name), "year", None) or 2026),
                             key="pl_year"))
        st.session_state["wz_year"] = year
    base_text = engine.scenario_yaml(scenarios.get(base_name), year)
    if st.session_state.get("pl_base_text") != base_text:  # a new starting point resets the working copy
        st.session_state["pl_base_text"] = base_text
        st.session_state["pl_raw"] = yaml.safe_load(base_text)
        st.session_state["pl_raw"]["name"] = "my-plan"
    raw = st.session_state["pl_raw"]

    # ---------------------------------------------------------------- projects
    modelled = [p for p in data.projects if p.get("modelled")]
    ids = [str(p["id"]) for p in modelled]
    names = {str(p["id"]): bilingual(p, lang) for p in modelled}
    with st.expander(t("projects", lang), expanded=True):
        c1, c2 = st.columns(2)
        on = c1.multiselect(t("projects_on", lang), ids, default=[i for i in raw.get("projects_on") or [] if i in ids],
                            format_func=names.get, key="pl_on", placeholder=t("choose_options", lang))
        off = c2.multiselect(t("projects_off", lang), ids,
                             default=[i for i in raw.get("projects_off") or [] if i in ids],
                             format_func=names.get, key="pl_off", placeholder=t("choose_options", lang))
        if sorted(on) != sorted(raw.get("projects_on") or []) or sorted(off) != sorted(raw.get("projects_off") or []):
            new = copy.deepcopy(raw)
            new["projects_on"], new["projects_off"] = list(on), list(off)
            if _apply(new):
                raw = new

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
            edit = {"type": "add_link", "id": _new_id(raw, "rl" if form["mode"] == "rail" else "rd"),
                    "stops": [a, b], **form}
            if _apply(_with_edit(edit)):
                st.rerun()
    with tab_remove:
        gone = st.selectbox(t("remove_which", lang), link_ids, key="pl_remove",
                            format_func=lambda lid: f"{bilingual(data.links.loc[lid], lang)} ({lid})")
        if st.button(t("remove_link", lang), key="pl_remove_btn"):
            if _apply(_with_edit({"type": "remove_link", "link": gone})):
                st.rerun()
    with tab_speed:
        lid = st.selectbox(t("change_which", lang), link_ids, key="pl_speed_link",
                           format_func=lambda lid: f"{bilingual(data.links.loc[lid], lang)} ({lid})")
        c1, c2 = st.columns(2)
        speed = c1.number_input(t("f_speed_kmh", lang), 5.0, 400.0, 100.0, step=5.0, key="pl_speed")
        if c1.button(t("set_speed", lang), key="pl_speed_btn"):
            if _apply(_with_edit({"type": "set_speed", "link": lid, "speed_kmh": float(speed)})):
                st.rerun()
        if data.links.at[lid, "mode"] == "rail":
            headway = c2.number_input(t("f_headway_min", lang), 1.0, 240.0, 15.0, step=5.0, key="pl_headway")
            if c2.button(t("set_headway", lang), key="pl_headway_btn"):
                if _apply(_with_edit({"type": "set_headway", "link": lid, "headway_min": float(headway)})):
                    st.rerun()
    with tab_draw:
        st.caption(t("draw_hint", lang))
        draw_form = _link_form("pl_df")

    # ---------------------------------------------------------------- current edits, download / upload
    edits = raw.get("edits") or []
    with st.expander(t("edits_now", lang, n=len(edits)), expanded=bool(edits)):
        for i, e in enumerate(edits):
            c1, c2 = st.columns([8, 1])
            c1.markdown(f"{i + 1}. " + edit_line(e).replace("*", "\\*").replace("_", "\\_"))
            if c2.button("✕", key=f"pl_del_{i}", help=t("delete_edit", lang)):
                new = copy.deepcopy(raw)
                del new["edits"][i]
                if _apply(new):
                    st.rerun()
        c1, c2 = st.columns(2)
        after_text = engine.scenario_yaml(engine.scenario_from_yaml(
            engine.dump_yaml(raw)), None)
        c1.download_button(t("download_yaml", lang), after_text.encode("utf-8"), file_name="scenario.yaml",
                           mime="application/x-yaml", key="pl_download", on_click="ignore")
        upload = c2.file_uploader(t("upload_yaml", lang), type=["yaml", "yml"], key="pl_upload")
        if upload is not None and st.session_state.get("pl_upload_seen") != upload.file_id:
            st.session_state["pl_upload_seen"] = upload.file_id
            try:
                text = upload.getvalue().decode("utf-8")
                loaded = yaml.safe_load(text)
            except (UnicodeDecodeError, yaml.YAMLError) as exc:
                common.show_error(WuzhenGeoError(f"{upload.name}: not UTF-8 YAML ({exc})"))
            else:
                if isinstance(loaded, dict) and _apply(loaded):
                    st.rerun()
                elif not isinstance(loaded, dict):
                    common.show_error(WuzhenGeoError(f"{upload.name}: the top level must be a mapping"))

    # ---------------------------------------------------------------- before / after
    before_text = base_text
    dest_kinds = data.places["kind"].isin(["airport", "city_centre"]) | (
        (data.places["kind"] == "station") & (data.places.get("station_class") == "hsr"))
    destinations = [str(p) for p in data.places.index[dest_kinds]]
    st.subheader(t("before_after", lang))
    # A rail link may not beat the car ("fastest"), yet change every rail trip: let the planner look at each.
    compare_mode = st.radio(t("compare_mode", lang), ["best", "rail", "car"], horizontal=True, key="pl_mode",
                            format_func=lambda k: label("mode", k, lang))
    with st.spinner(t("working_comparison", lang)):
        table = engine.comparison(before_text, after_text, destinations, mode=compare_mode)
    n_changed = int((table["difference"].abs() >= 0.5).sum())
    st.caption(t("n_changed", lang, n=n_changed, total=len(table)))

    # ---------------------------------------------------------------- map: differences + drawing
    m = overview_map(data, scenario=engine.scenario_from_yaml(after_text), lang=lang, legend=False)
    difference_layer(table, data, m=m, lang=lang)
    draw_control(m, lang=lang)
    out = st_folium(m, height=600, use_container_width=True, key="pl_map",
                    returned_objects=["last_active_drawing"])
    drawing = (out or {}).get("last_active_drawing")
    if drawing and (drawing.get("geometry") or {}).get("type") == "LineString":
        coords = [[round(float(x), 6), round(float(y), 6)] for x, y, *_ in drawing["geometry"]["coordinates"]]
        sig = str(coords)
        if sig != st.session_state.get("pl_drawn_seen") and len(coords) >= 2 and draw_form is not None:
            st.session_state["pl_drawn_seen"] = sig
            # An end drawn on a station (rail) or road node means that place: riders change inside it.
            stops = [snap_to_place(data, x, y, mode=draw_form["mode"]) or [x, y] for x, y in (coords[0], coords[-1])]
            for end, stop in ((0, stops[0]), (-1, stops[1])):  # the drawn line ends on the place it means
                if isinstance(stop, str):
                    pt = data.places.geometry[stop]
                    coords[end] = [round(pt.x, 6), round(pt.y, 6)]
            edit = {"type": "add_link", "id": _new_id(raw, "rl" if draw_form["mode"] == "rail" else "rd"),
                    "stops": stops, "geometry": coords, **draw_form}
            if _apply(_with_edit(edit)):
                st.rerun()

    # ---------------------------------------------------------------- the table under the map
    # Biggest gains first, then losses: what a planner looks for; unchanged pairs keep their order below.
    order = table["difference"].where(table["difference"].abs() >= 0.5)
    table = table.assign(_order=order).sort_values("_order", kind="stable", na_position="last").drop(columns="_order")
    zone_names = {z: name(data.zones.loc[z], lang) for z in data.zones.index}
    place_names = {p: name(data.places.loc[p], lang) for p in data.places.index}
    finite = table[["before", "after", "difference"]].replace([math.inf, -math.inf], math.nan)  # shown blank
    show = pd.DataFrame({
        t("from", lang): table["from_id"].map(zone_names).fillna(table["from_id"]),
        t("to", lang): table["to_id"].map(place_names).fillna(table["to_id"]),
        t("f_before", lang): finite["before"].round(0),
        t("f_after", lang): finite["after"].round(0),
        t("f_change", lang): finite["difference"].round(0),
        t("causes", lang): table["causes_text"],
    })
    if st.toggle(t("only_changes", lang), value=n_changed > 0, key="pl_only_changes"):
        show = show[(table["difference"].abs() >= 0.5).values]
    st.dataframe(show, hide_index=True, width="stretch", key="pl_table")

    # ---------------------------------------------------------------- indicators
    st.subheader(t("indicators", lang))
    with st.spinner(t("working_indicators", lang)):
        ind_before, ind_after = engine.indicators(before_text), engine.indicators(after_text)
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
