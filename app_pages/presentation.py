"""Presenters' page: a large map with big bilingual labels, a year slider that brings planned lines in,
travel-time contours from a chosen zone, the "1-hour circle" in people (the area reached within 60 minutes
and the people living in it, in large type), and exports (self-contained HTML, PNG for slides).

The scenario and the year are the ones every page shares (:func:`app_pages.common.scenario_picker`): the map,
the contours, the people count and the exports all show that one network, and the page says which."""

from __future__ import annotations

import streamlit as st

import wuzhen_geo as wz
from app_pages import cached, common, map_view
from app_pages.settings import setting, setting_value
from wuzhen_geo.answers import COMPARED_MODES, place_name
from wuzhen_geo.i18n import bilingual, label, t
from wuzhen_geo.maps import (LABEL_KINDS, dynamic_group, export_html, find_chromium, gdp_text, isochrone_layer,
                             network_title, overview_map, people_text, reach_basis_text, reach_layer, render_slide,
                             smaller_gif, timeline_gif)
from wuzhen_geo.model import Scenario, with_year
from wuzhen_geo.vocabulary import DATA_YEAR, format_minutes

lang = common.lang()
st.title(t("page_presentation", lang))
st.caption(t("presentation_intro", lang))


#: The slide exports offered: (format, size or paper, file suffix).
_SLIDES = {"png_hd": ("png", "1920x1080", "png"), "png_4k": ("png", "3840x2160", "png"),
           "pdf_a4": ("pdf", "A4", "pdf"), "pdf_a3": ("pdf", "A3", "pdf"), "svg_a4": ("svg", "A4", "svg")}
_MIME = {"png": "image/png", "pdf": "application/pdf", "svg": "image/svg+xml"}


@st.cache_data(show_spinner=False, max_entries=8, hash_funcs={Scenario: repr})
def _slide(_data, kind: str, scenario: Scenario | None, year: int, lang: str) -> bytes:
    """A slide-ready export (title, scenario and year, open legend, scale, north arrow, sources; no map
    controls)."""
    fmt, size, _ = _SLIDES[kind]
    return render_slide(_data, fmt, size=size if fmt == "png" else "1920x1080", paper=size, scenario=scenario,
                        year=year, lang=lang)


def _showing(scenario: Scenario | None, year: int) -> str:
    """Which network is shown, as the slide's subtitle says it: the year, then the network's title."""
    return f"{t('slide_year', lang, year=year)} · {network_title(scenario, year, lang)}"


class _View:
    """What the map shows and how it is drawn: the line naming the network, the 1-hour circle's count, and the
    map (full screen or not) with the contours and the circle as the group sent to it."""

    def __init__(self, data, picked: Scenario | None, chosen_year: int | None, *, full: bool, zone: str | None,
                 mode: str, kinds: list[str], size: int, height: int, circle_from: str | None = None):
        self.data, self.picked, self.full, self.zone, self.mode = data, picked, full, zone, mode
        self.kinds, self.size, self.height, self.circle_from = list(kinds), size, height, circle_from
        self.scenario = with_year(picked, chosen_year)
        self.year = self.scenario.year if self.scenario.year is not None else DATA_YEAR
        self.area = None
        self.what = ("presentation", id(data), repr(self.scenario), lang, tuple(kinds), size, height, full, zone,
                     mode, circle_from)

    def base(self, fill_frame: bool = False):
        # The legend starts folded (a click on its title opens it): unfolded it covers a quarter of a projected map.
        return overview_map(self.data, scenario=self.picked, year=self.year, lang=lang, labels=True,
                            label_kinds=self.kinds, label_px=self.size, legend_collapsed=True, fill_frame=fill_frame)

    def results(self, m):
        """The contours and the circle, each with its legend, on a map or in the group sent to the shown map."""
        if self.zone is not None:
            isochrone_layer(cached.isochrones(self.scenario, self.zone, self.mode), m=m, lang=lang)
        if self.area is not None:
            reach_layer(self.area, m=m, lang=lang, origin=place_name(self.data, self.circle_from, lang))
        return m

    def build(self):  # the whole map, for the HTML export
        return self.results(self.base())

    def draw(self) -> None:
        st.caption(common.literal(_showing(self.picked, self.year)))
        with st.container():  # always there: the circle's count coming or going does not move the map's box
            if self.area is not None:
                people = float(self.area["people"].iloc[0])
                basis = reach_basis_text(place_name(self.data, self.circle_from, lang), self.mode, lang)  # rail≠car
                st.metric(t("access_people_from", lang, minutes=format_minutes(60, lang), basis=basis),
                          people_text(people, lang), help=t("access_assumption", lang))
                st.caption(gdp_text(float(self.area["gdp_cny_bn"].iloc[0]), lang))
        with st.container(key="pr_exit_box"):
            if self.full:
                st.button(t("present_exit", lang), key="pr_exit",
                          on_click=lambda: st.session_state.update(pr_full=False))
                st.caption(common.literal(_showing(self.picked, self.year)))
        with st.container(key="pr_map_box"), st.spinner(t("working_map", lang)):
            # the contours and the circle travel as a group: choosing them does not reload the map
            has_results = self.zone is not None or self.area is not None
            map_view.show_map("pr_map", ("presentation", id(self.data), repr(self.scenario), lang, tuple(self.kinds),
                                         self.size),
                              lambda: self.base(fill_frame=True), height=self.height,
                              group_key=("presentation", id(self.data), repr(self.scenario), lang, self.zone,
                                         self.mode, self.circle_from),
                              group=(lambda: self.results(dynamic_group())) if has_results else None)
        # (after the map: a style applies wherever it stands, and the map need not wait for it)
        # Full screen: the map's box covers the whole window, above the title, the slider and the sidebar, and
        # one button returns. The page keeps the same elements either way (only the style and the button
        # change), so the map component is not reloaded; the map always fills its frame, whichever its size.
        st.html("<style>.st-key-pr_map_box { position: fixed; inset: 0; z-index: 1000000; background: #eef3f4; }"
                ".st-key-pr_map_box iframe { height: 100vh !important; width: 100vw !important; }"
                # with the map's own buttons, under its zoom and full-screen buttons (top left): clear of them,
                # of the layer switcher and of the labels along the top edge
                ".st-key-pr_exit_box { position: fixed; top: 132px; left: 10px; z-index: 1000001; width: auto; }"
                # which network the full-screen map shows, under the way back
                ".st-key-pr_exit_box [data-testid='stCaptionContainer'] { background: rgba(255,255,255,.9); "
                "padding: 2px 8px; border-radius: 4px; width: fit-content; }"
                ".st-key-pr_exit_box [data-testid='stCaptionContainer'], "
                ".st-key-pr_exit_box [data-testid='stCaptionContainer'] * { color: #222 !important; "
                "font-size: 16px !important; }"
                "</style>" if self.full else "<style></style>")


with common.guard():
    data = common.get_data()
    ss = st.session_state
    slot = map_view.MapSlot()
    # A new view: the map first, as the untouched controls will have it, the controls after it. Not when the
    # controls kept contours or a circle (a change of language): those are computed first. Choices are kept
    # language-neutral (common.choice): a change of language keeps them, in the new language's words.
    kinds_key = f"pr_label_kinds__{lang}"  # a box of labels in one language starts afresh in the other
    kept_kinds = ss.get(kinds_key, ss.get("_keep_pr_label_kinds", list(LABEL_KINDS)))
    if not common.chosen("pr_zone", lang, "") and not ss.get("pr_circle", False):
        guess = _View(data, *common.scenario_picker_default(), full=ss.get("pr_full", False), zone=None,
                      mode=common.chosen("pr_mode", lang, "best"), kinds=kept_kinds,
                      size=setting_value("pr_label", 18), height=setting_value("pr_height", 800))
        slot.draw_early(guess.what, guess.draw)
    # the scenario and year every page shares (from the URL or another page); the year, when not set, is the
    # scenario's own (today's network: the data year)
    picked, chosen_year, _ = common.scenario_picker(lang, key="pr")
    with st.sidebar:
        full = st.toggle(t("present_full", lang), key="pr_full", help=t("present_full_help", lang))
        zone = common.choice(st.selectbox, t("contours_from", lang), [""] + list(data.zones.index), key="pr_zone",
                             lang_=lang, format_func=lambda z: bilingual(data.zones.loc[z], lang) if z else
                             t("no_contours", lang))
        mode = common.choice(st.radio, t("contour_mode", lang), list(COMPARED_MODES), key="pr_mode", lang_=lang,
                             horizontal=True, format_func=lambda k: label("mode", k, lang))
        circle = data.units is not None and st.toggle(t("access_show_circle", lang), value=False, key="pr_circle")
        circle_from = None
        if circle:
            places = wz.access_origins(data)
            circle_from = common.choice(st.selectbox, t("origin", lang), places, key="pr_circle_from", lang_=lang,
                                        default=places[-1], format_func=lambda o: place_name(data, o, lang))
        size = setting(st.slider, t("label_size", lang), min_value=12, max_value=28, value=18, key="pr_label")
        kinds = st.multiselect(t("label_kinds", lang), ["airport", "city_centre", "station", "interchange"],
                               default=None if kinds_key in ss else kept_kinds, key=kinds_key,
                               placeholder=t("choose_options", lang), format_func=lambda k: label("kind", k, lang))
        ss["_keep_pr_label_kinds"] = kinds
        height = setting(st.slider, t("map_height", lang), min_value=500, max_value=1200, value=800, step=50,
                         key="pr_height")
    view = _View(data, picked, chosen_year, full=full, zone=zone or None, mode=mode, kinds=kinds,
                 size=size, height=height, circle_from=circle_from)
    scenario, year = view.scenario, view.year
    if circle:
        with st.spinner(t("working_contours", lang)):
            view.area = wz.reach_area(cached.network(scenario), circle_from, budget=60, mode=mode)
    slot.draw(view.what, view.draw)
    build = view.build
    if zone:  # why an airport's band and its table minutes can differ by the drop-off
        st.caption(t("contour_note", lang, minutes=format_minutes(wz.DEFAULT_CONFIG.airport_car_min, lang)))
    c1, c2 = st.columns(2)
    # made when clicked (deferred), not on every run
    c1.download_button(t("download_html", lang), lambda: export_html(
        build(), title=f"{t('app_title', lang)} · {_showing(picked, year)}").encode("utf-8"),
        file_name=f"wuzhen_geo_{scenario.name}_{year}_{lang}.html", mime="text/html", key="pr_html",
        on_click="ignore")
    if find_chromium() is None:
        c2.info(t("png_unavailable", lang))
    else:
        kind = c2.selectbox(t("slide_format", lang), list(_SLIDES), key="pr_slide_kind",
                            format_func=lambda k: t(f"slide_format_{k}", lang))
        if c2.button(t("make_png", lang), key="pr_make_png"):
            with c2, st.spinner(t("working_png", lang)):
                slide = _slide(data, kind, picked, year, lang)
            suffix = _SLIDES[kind][2]
            c2.download_button(t("download_png", lang), slide,
                               file_name=f"wuzhen_geo_{scenario.name}_{year}_{lang}_{kind}.{suffix}",
                               mime=_MIME[suffix], key="pr_png", on_click="ignore")

    # ---------------------------------------------------------------- the timeline that plays
    if find_chromium() is not None:
        with st.expander(t("timeline", lang)):
            first, last = setting(st.slider, t("timeline_years", lang), min_value=2020, max_value=2040,
                                  value=(DATA_YEAR, DATA_YEAR + 9), key="pr_years")
            wanted = (int(first), int(last), lang, repr(picked))  # the chosen scenario, opening year by year
            made = st.session_state.get("pr_timeline_made")  # (what, gif): this session's last timeline
            if st.button(t("make_timeline", lang), key="pr_make_timeline"):
                # Any click (this button, or another widget) starts a new run, which stops this one at its next
                # progress report: the frames still waiting are dropped.
                st.button(t("cancel", lang), key="pr_timeline_cancel", icon=":material/close:")
                bar = st.progress(0.0, text=t("working_timeline", lang, n=last - first + 1))
                gif = timeline_gif(data, list(range(first, last + 1)), size="1920x1080", scenario=picked, lang=lang,
                                   progress=lambda done, total: bar.progress(
                                       done / total, text=t("timeline_progress", lang, done=done, total=total)))
                bar.empty()
                made = (wanted, gif)
                st.session_state["pr_timeline_made"] = made
            if made is not None and made[0] == wanted:
                gif = made[1]
                # played in the page at a width the page shows as it is (a wider one would be shrunk to a still)
                st.image(smaller_gif(gif, 1280))
                # which network opens, as the frames say it (the title is shown as written)
                which = network_title(picked, None, lang)
                st.caption(common.literal(f"{t('timeline_caption', lang, first=first, last=last)} · {which}"))
                st.download_button(t("download_timeline", lang), gif,
                                   file_name=f"wuzhen_geo_{scenario.name}_{first}-{last}_{lang}.gif",
                                   mime="image/gif", key="pr_timeline_gif", on_click="ignore")
