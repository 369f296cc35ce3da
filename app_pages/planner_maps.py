"""The planner's maps: the changes with the drawing tool, before | after side by side, or the travel-time
difference from a zone.

Each map is a base that never changes (background, zones, legends, the drawing control) and a dynamic group
(the scenario's network and the results): after an edit only the group travels to the browser, the map
component is not reloaded and the map stays where the planner left it. Both are rendered once per what they
show (``map_view``): the base per language, the group per scenarios, mode and language.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages import cached, common, map_view
from wuzhen_geo.answers import explained_changes
from wuzhen_geo.i18n import bilingual, t
from wuzhen_geo.maps import (
    clear_sketches,
    compared_networks_text,
    difference_layer,
    difference_legend,
    difference_surface_layer,
    difference_surface_legend,
    draw_control,
    highlight_links,
    network_layers,
    network_name,
    overview_map,
)
from wuzhen_geo.model import AddLink, Scenario

__all__ = ["kind_control", "shown_kind", "view_of", "show"]


_KINDS = dict(zip(common.PLANNER_MAP_KINDS, ("map_changes", "map_side_by_side", "map_surface"), strict=True))


def kind_control(lang: str) -> str:
    """Which map the planner shows (in the sidebar): the changes, before | after, or the difference surface."""
    # keyed per language like common.choice (a segmented control takes a default, not an index)
    view = st.segmented_control(t("map_what", lang), list(_KINDS), default=common.kept("pl_view_kind", "changes"),
                                key=f"pl_view_kind__{lang}", format_func=lambda k: t(_KINDS[k], lang)) or "changes"
    common.keep("pl_view_kind", view)
    return view


def shown_kind() -> str:
    """The map :func:`kind_control` will choose if untouched (for a map drawn before the controls)."""
    return common.kept("pl_view_kind", "changes")


def view_of(data, before: Scenario, after: Scenario, compare_mode: str, view: str, new_link: str | None,
            lang: str) -> tuple:
    """What the planner's map shows (a key), how to draw it (:func:`show`), and the comparison it marks."""
    side = explained_changes(cached.mode_comparison(before, after), data, lang,
                             after=after, before=before)
    new_links = [e for e in after.edits if isinstance(e, AddLink) and e.id == new_link]
    what = (repr(before), repr(after), compare_mode, view, repr(new_links), common.kept("pl_surface_zone"), lang)
    return what, lambda: show(data, before, after, side, compare_mode, new_links, lang, view), side


def show(data, before: Scenario, after: Scenario, side: pd.DataFrame, compare_mode: str, new_links: list,
         lang: str, view: str) -> list | None:
    """Draw the ``view`` map; return the coordinates of a line just drawn on it (once), else ``None``."""
    st.caption(common.literal(compared_networks_text(before, after, lang)))  # which two networks, which year
    if view == "side":
        cols = st.columns(2)
        for col, (scenario, key, which) in zip(cols, ((before, "pl_map_before", "map_before"),
                                                      (after, "pl_map_after", "map_after"))):
            with col:
                st.text(t(which, lang, title=network_name(scenario, scenario.year, lang)))  # as the table says

                def group(scenario=scenario):
                    layers = network_layers(data, scenario=scenario, lang=lang)
                    if scenario is after:
                        highlight_links([e for e in after.edits if isinstance(e, AddLink)], data, m=layers,
                                        lang=lang)
                    return layers

                map_view.show_map(key, ("planner_side", id(data), lang),
                                  lambda: overview_map(data, lang=lang, legend=False, network=False), height=460,
                                  group_key=("planner_side", id(data), repr(scenario), scenario is after, lang),
                                  group=group)
    elif view == "surface":
        zone = common.choice(st.selectbox, t("surface_from", lang), list(data.zones.index), key="pl_surface_zone",
                             lang_=lang, format_func=lambda z: bilingual(data.zones.loc[z], lang))
        with st.spinner(t("working_contours", lang)):
            bands = cached.difference_bands(before, after, zone, compare_mode)
        if not len(bands):
            st.info(t("no_surface_change", lang))

        def group():
            layers = network_layers(data, scenario=after, lang=lang)
            difference_surface_layer(bands, m=layers, lang=lang)
            return layers

        map_view.show_map(
            "pl_map_surface", ("planner_surface", id(data), lang),
            lambda: difference_surface_legend(overview_map(data, lang=lang, legend=False, network=False), lang=lang),
            height=600, group=group,
            group_key=("planner_surface", id(data), repr(before), repr(after), zone, compare_mode, lang))
    else:

        def base():
            m = difference_legend(overview_map(data, lang=lang, legend=False, network=False), lang=lang)
            draw_control(m, lang=lang)
            return m

        def group():
            layers = network_layers(data, scenario=after, lang=lang)
            marked = side.rename(columns={f"{c}_{compare_mode}": c for c in ("before", "after", "difference")})
            difference_layer(marked.assign(causes_text=side["causes_words"]), data, m=layers, lang=lang)
            highlight_links(new_links, data, m=layers, lang=lang)
            return clear_sketches(layers)

        # the differences are those of (before, after, mode): they and the new links key the group
        out = map_view.show_map(
            "pl_map", ("planner_changes", id(data), lang), base, height=600, group=group,
            group_key=("planner_changes", id(data), repr(before), repr(after), compare_mode, repr(new_links), lang),
            returned_objects=["last_active_drawing"]) or {}
        drawing = out.get("last_active_drawing")
        if drawing and (drawing.get("geometry") or {}).get("type") == "LineString":
            sig = str(drawing["geometry"]["coordinates"])
            if sig != st.session_state.get("pl_drawn_seen"):  # the component repeats its last drawing on every run
                st.session_state["pl_drawn_seen"] = sig
                return drawing["geometry"]["coordinates"]
    return None
