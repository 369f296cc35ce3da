"""Planners' page: start from a shipped scenario, switch projects, add / remove links (drawn on the map or
between two places), change speeds and headways, and compare before vs after from the six zones.

The working scenario is a frozen ``Scenario`` in ``st.session_state["pl_scenario"]``, made from the start
scenario named in ``pl_from``; every change goes through the package (``apply_edit``, ``with_projects``,
``with_titles``, ``rebased``: validated as a scenario file is) and only then replaces it, so a bad edit or
upload changes nothing. Work is never dropped silently: a new year carries the edits over, another start
scenario or an upload asks first, every change can be undone (``pl_history``), and a reload finds the work
(``saved_work``). Widgets that show the working scenario are set from it after a change (``pl_resync``).
Names from files, the data and the user are shown literally (``st.text``, table cells, ``markdown_text``).
"""

from __future__ import annotations

import math
from collections.abc import Callable

import pandas as pd
import streamlit as st

from app_pages import cached, common, map_view, planner_forms, planner_maps, saved_work
from wuzhen_geo.answers import (COMPARED_MODES, changed_counts, describe_edit, drawn_link, finite_minutes,
                                inferred_years_text, link_between, place_choices, shown_changes, unchanged_reason)
from wuzhen_geo.errors import WuzhenGeoError
from wuzhen_geo.i18n import bilingual, label, markdown_text, name, t
from wuzhen_geo.maps import BUTTON_ICONS, met_text, people_text
from wuzhen_geo.model import (AddLink, EditHistory, RemoveLink, Scenario, SetHeadway, SetSpeed, apply_edit,
                              own_edits, rebased, remove_edit, scenario_from_bytes, scenario_to_yaml,
                              service_reading_of, with_projects, with_service_reading, with_titles, with_year,
                              working_copy)
from wuzhen_geo.vocabulary import DATA_YEAR, SERVICE_READINGS, format_gdp_change, people_change_text

lang = common.lang()
st.title(t("page_planner", lang))
st.caption(t("planner_intro", lang))

_TODAY = ""  # the start choice "today's network" (a name no scenario file has)
# The widgets that show the working scenario, and what each shows. The project boxes are keyed per language:
# their chips are labels in the page language, and a box made in the other language must start afresh.
_SHOWN = {"pl_name": lambda s: s.name, "pl_title_zh": lambda s: s.title_zh, "pl_title_en": lambda s: s.title_en,
          "pl_on": lambda s: list(s.projects_on), "pl_off": lambda s: list(s.projects_off)}
_PER_LANGUAGE = ("pl_on", "pl_off")
ss = st.session_state


def _problem(exc: BaseException) -> None:
    """An error in words, its text shown literally (it may quote a name from a file)."""
    if isinstance(exc, WuzhenGeoError):
        st.error(f"{t('data_error', lang)}\n\n{markdown_text(common.error_text(exc, lang))}", icon=":material/error:")
    else:
        common.show_error(exc)


def _commit(scenario: Scenario, start: str | None = None) -> None:
    """Make ``scenario`` (from start scenario ``start``) the working one; the old state can be undone."""
    ss["pl_history"] = ss["pl_history"].push((ss["pl_from"], ss["pl_scenario"]))
    if start is not None:
        ss["pl_from"] = start
    ss["pl_scenario"] = scenario
    ss["pl_resync"] = True
    ss.pop("pl_upload_problem", None)


def _change(make: Callable[[], Scenario]) -> bool:
    """Commit the scenario ``make`` returns; when it raises, show why and keep the old one."""
    try:
        scenario = make()
    except WuzhenGeoError as exc:
        _problem(exc)
        return False
    _commit(scenario)
    return True


def _step(back: bool) -> None:
    """Undo (``back``) or redo: a callback, so it runs before the widgets are drawn."""
    history: EditHistory = ss["pl_history"]
    history, (start, scenario) = (history.undo if back else history.redo)((ss["pl_from"], ss["pl_scenario"]))
    if start == ss["pl_from"]:  # the year is the view's, shared by every page; only another start brings its own
        scenario = with_year(scenario, ss["pl_scenario"].year)
    ss.update(pl_history=history, pl_from=start, pl_scenario=scenario, pl_resync=True)


def _base(choice: str) -> Scenario | None:
    return scenarios.get(choice) if choice else None


def _work_on(scenario: Scenario, start: str) -> tuple[int, bool]:
    """What replacing ``scenario`` would drop: its own edits (as the edits panel counts them) and whether its
    projects differ from those of its start scenario."""
    base = with_year(_base(start), None)
    return len(own_edits(scenario, _base(start))), (scenario.projects_on, scenario.projects_off) != (
        base.projects_on, base.projects_off)


def _ask(n: int, chose: bool) -> str:
    """The question before work is replaced: edits counted as the edits panel counts them, projects apart."""
    return {(True, 0): "discard_projects", (False, 1): "discard_edit_1", (True, 1): "discard_edit_1_projects",
            (False, 2): "discard_edits", (True, 2): "discard_edits_projects"}[chose, min(n, 2)]


def _take_upload() -> None:
    """The uploaded scenario the user agreed may replace the work (a callback: undo brings the work back)."""
    _commit(ss.pop("pl_upload_pending"))


def _add_link(make: Callable[[], AddLink | None]) -> None:
    link = make()
    if link is not None and _change(lambda: apply_edit(ss["pl_scenario"], link, data)):
        ss["pl_new_link"] = link.id
        st.rerun()


def _map_view(start: str | None, after: Scenario, compare_mode: str, view: str):  # the map shown from `start`
    return planner_maps.view_of(data, with_year(_base(start), after.year), after, compare_mode, view,
                                ss.get("pl_new_link"), lang)


with common.guard():
    data = common.get_data()
    scenarios = common.get_scenarios()
    # ------------------------------------------------------------ the working scenario and its start
    if "pl_scenario" not in ss:
        # a reload, a shared address, a restarted server; the draft is what was typed before "Add"
        kept, kept_draft = saved_work.load_with_draft(ss.get("wz_work"), data)
        if kept is not None and (kept[0] == _TODAY or kept[0] in scenarios):
            ss.update(pl_from=kept[0], pl_history=kept[1], pl_scenario=kept[2], pl_upload_n=0, pl_resync=True)
            planner_forms.restore_draft(kept_draft)
        else:
            first = ss.get("wz_scenario") if ss.get("wz_scenario") in common.scenario_names(without_today=True) else _TODAY
            ss.update(pl_from=first, pl_history=EditHistory(), pl_upload_n=0,
                      pl_scenario=working_copy(_base(first), year=ss.get("wz_year") or getattr(_base(first), "year",
                                                                                                None)))
        ss["wz_work"] = saved_work.new_token()  # this session's own: a restored copy never overwrites another tab's
    if ss.pop("pl_resync", False):  # a change, undo or upload: widgets show the working scenario again
        common.keep("pl_base", ss["pl_from"], reset_widget=True)
        ss["pl_year"] = int(ss["pl_scenario"].year or DATA_YEAR)
        common.keep("pl_reading", service_reading_of(ss["pl_scenario"]), reset_widget=True)
        # set, not dropped: a widget whose value is dropped keeps showing what the browser last had
        for key, shown in _SHOWN.items():
            for code in (common.LANGS if key in _PER_LANGUAGE else ("",)):
                ss.pop(f"{key}__{code}" if code else key, None)
            ss[f"{key}__{lang}" if key in _PER_LANGUAGE else key] = shown(ss["pl_scenario"])
    if common.kept("pl_base") is None:
        common.keep("pl_base", ss["pl_from"])
    ss.setdefault("pl_year", int(ss.get("wz_year") or ss["pl_scenario"].year or DATA_YEAR))
    # The map first, then the table and the tools under it; the questions above it sit in a box of their own,
    # so a question that comes or goes does not move the map (which the browser would load afresh)
    notices = st.container()
    slot = map_view.MapSlot()
    if common.new_view():  # the map first, as the untouched controls will have it; the controls follow
        guess = with_year(ss["pl_scenario"], ss.get("pl_year"))
        slot.draw_early(*_map_view(ss["pl_from"], guess, common.chosen("pl_mode", lang, COMPARED_MODES[0]),
                                   planner_maps.shown_kind())[:2])
    options = [_TODAY] + common.scenario_names(without_today=True)
    with st.sidebar:
        choice = common.choice(st.selectbox, t("start_from", lang), options, key="pl_base", lang_=lang,
                               format_func=lambda k: bilingual(
            {"name_zh": scenarios[k].title_zh, "name_en": scenarios[k].title_en, "id": k}, lang) if k else
            t("today_network", lang))
        shown = int(ss["pl_year"])  # a scenario of 2050 (the full plan) widens the slider rather than failing
        year = int(st.slider(t("year", lang), min(2020, shown), max(2040, shown), key="pl_year"))
        ss["wz_year"] = year
        h: EditHistory = ss["pl_history"]
        c1, c2 = st.columns(2)
        c1.button(t("undo", lang), key="pl_undo", on_click=_step, args=(True,), disabled=not h.can_undo,
                  icon=":material/undo:", width="stretch")
        c2.button(t("redo", lang), key="pl_redo", on_click=_step, args=(False,), disabled=not h.can_redo,
                  icon=":material/redo:", width="stretch")
    if ss["pl_scenario"].year != year:  # a new year (here or on another page) carries the edits over
        ss["pl_scenario"] = with_year(ss["pl_scenario"], year)
    start = ss["pl_from"]
    after: Scenario = ss["pl_scenario"]
    if choice != start:
        old, new = _base(start), _base(choice)
        n, chose = _work_on(after, start)
        if n == 0 and not chose:  # nothing to lose: start from the new scenario at once, in its own year
            _commit(rebased(after, old, new, data), start=choice)
            st.rerun()
        ss["wz_scenario"] = start or None
        with notices, st.container(border=True):
            st.warning(t(_ask(n, chose), lang, n=n), icon=":material/help:")
            st.text(t("discard_why", lang, name=t("today_network", lang) if not choice else bilingual(
                {"name_zh": new.title_zh, "name_en": new.title_en}, lang)))
            try:
                moved = rebased(after, old, new, data)
            except WuzhenGeoError as exc:
                moved = None
                st.text(t("cannot_carry", lang, why=common.error_text(exc, lang)))
            c1, c2, c3 = st.columns(3)
            if moved is not None:
                c1.button(t("carry_over_edits" if chose else "carry_over", lang), key="pl_carry", type="primary", on_click=_commit,
                          args=(moved, choice))
            c2.button(t("discard", lang), key="pl_discard", on_click=_commit,
                      args=(working_copy(new, year=getattr(new, "year", None) or year), choice))
            c3.button(t("cancel", lang), key="pl_cancel", on_click=lambda: common.keep("pl_base", start, reset_widget=True))
    ss["wz_scenario"] = start or None
    before = with_year(_base(start), after.year)
    saved_work.save(ss["wz_work"], (start, ss["pl_history"], after))  # what a reload of this address finds
    with st.sidebar:
        for key, shown in _SHOWN.items():  # first shown: the working scenario's own values
            ss.setdefault(f"{key}__{lang}" if key in _PER_LANGUAGE else key, shown(after))
        st.subheader(t("projects", lang))
        modelled = [p for p in data.projects if p.get("modelled")]
        ids = [str(p["id"]) for p in modelled]
        names = {str(p["id"]): bilingual(p, lang) for p in modelled}
        for key in _PER_LANGUAGE:  # only modelled projects can be chosen in a box
            if any(i not in ids for i in ss[f"{key}__{lang}"]):
                ss[f"{key}__{lang}"] = [i for i in ss[f"{key}__{lang}"] if i in ids]
        # no "Select N matches" (Streamlit's English): typing a name switched on every project it matched
        on = st.multiselect(t("projects_on", lang), ids, format_func=names.get, key=f"pl_on__{lang}",
                            placeholder=t("choose_options", lang), select_all=False)
        off = st.multiselect(t("projects_off", lang), ids, format_func=names.get, key=f"pl_off__{lang}",
                             placeholder=t("choose_options", lang), select_all=False)
        # where the sources on a planned line's service differ: what its promoters promise, or a cautious reading
        reading = common.choice(st.radio, t("service_reading", lang), list(SERVICE_READINGS), key="pl_reading",
                                lang_=lang, format_func=lambda r: t(f"reading_{r}", lang),
                                default=service_reading_of(after))
        if inferred := inferred_years_text(data, after, lang):  # years the plans do not announce
            st.caption(common.literal(inferred))
        st.subheader(t("before_after", lang))
        # The map marks one mode; the table shows fastest, car and rail side by side.
        compare_mode = common.choice(st.radio, t("compare_mode", lang), list(COMPARED_MODES), key="pl_mode",
                                     lang_=lang, format_func=lambda k: label("mode", k, lang))
        view = planner_maps.kind_control(lang)
    if sorted(on) != sorted(after.projects_on) or sorted(off) != sorted(after.projects_off):
        if _change(lambda: with_projects(after, on, off, data)):
            st.rerun()
    if reading != service_reading_of(after) and _change(lambda: with_service_reading(after, reading, data)):
        st.rerun()

    # ---------------------------------------------------------------- the map, then the table under it
    with st.spinner(t("working_comparison", lang)):
        what, draw_map, side = _map_view(start, after, compare_mode, view)
    drawn = slot.draw(what, draw_map)
    n_changed = int(side["changed"].sum())  # in any mode: the table shows every mode
    st.caption(t("n_changed", lang, total=len(side), counts=" · ".join(
        f"{label('mode', m, lang)} {n}" for m, n in changed_counts(side).items())))
    last_edit = (own_edits(after, _base(start)) or [None])[-1]
    if (why := unchanged_reason(side, last_edit, before, data, lang, mode=compare_mode)) is not None:
        st.info(markdown_text(why), icon=":material/info:")
    zone_names, place_names = cached.names("zones", lang), cached.names("places", lang)
    show = pd.DataFrame({t("from", lang): side["from_id"].map(zone_names).fillna(side["from_id"]),
                         t("to", lang): side["to_id"].map(place_names).fillna(side["to_id"])})
    # what changed (the shown after minus the shown before) and why first, as a phone shows the first columns;
    # then every mode side by side; every number is minutes (said under the table: headers stay narrow)
    show[t("f_change", lang) + f" ({label('mode', compare_mode, lang)})"] = shown_changes(
        side[f"before_{compare_mode}"], side[f"after_{compare_mode}"])
    show[t("causes", lang)] = side["causes_words"]
    for m_ in COMPARED_MODES:
        word = label("mode", m_, lang).capitalize()
        show[t("col_mode_before", lang, mode=word)] = finite_minutes(side[f"before_{m_}"])
        show[t("col_mode_after", lang, mode=word)] = finite_minutes(side[f"after_{m_}"])
    if st.toggle(t("only_changes", lang), value=n_changed > 0, key="pl_only_changes"):
        show = show[side["changed"].to_numpy()]
    st.dataframe(show, hide_index=True, width="stretch", key="pl_table", placeholder="–")
    st.caption(t("times_in_minutes", lang))

    # ---------------------------------------------------------------- edits
    link_ids = list(data.links.index)
    places = place_choices(data, after, lang)  # with status: a proposed station says it is not in yet
    tab_draw, tab_places, tab_remove, tab_speed = st.tabs(
        [t("tab_draw", lang), t("tab_places", lang), t("tab_remove", lang), t("tab_speed", lang)])
    with tab_places:
        c1, c2 = st.columns(2)
        a = common.choice(c1.selectbox, t("from_place", lang), list(places), key="pl_a", lang_=lang,
                          format_func=places.get)
        b = common.choice(c2.selectbox, t("to_place", lang), list(places), key="pl_b", lang_=lang,
                          format_func=places.get, default=list(places)[min(1, len(places) - 1)])
        form = planner_forms.link_form("pl_pf", lang)
        if st.button(t("add_link", lang), key="pl_add_places", disabled=a == b):
            _add_link(lambda: link_between(after, data, a, b, **form))
    with tab_remove:
        gone = common.choice(st.selectbox, t("remove_which", lang), link_ids, key="pl_remove", lang_=lang,
                            format_func=cached.names("links", lang).get)
        if st.button(t("remove_link", lang), key="pl_remove_btn") and _change(lambda: apply_edit(after, RemoveLink(gone), data)):
            st.rerun()
    with tab_speed:
        speeds = cached.link_speeds()
        lid = common.choice(st.selectbox, t("change_which", lang), list(speeds), key="pl_speed_link", lang_=lang,
                           format_func=cached.names("links", lang).get)
        c1, c2 = st.columns(2)
        speed = planner_forms.speed_input(c1, data.links.at[lid, "class"], speeds[lid], f"pl_speed_{lid}", lang,
                                          draft_group="pl_speed_")
        if c1.button(t("set_speed", lang), key="pl_speed_btn") and _change(
                lambda: apply_edit(after, SetSpeed(lid, float(speed)), data)):
            st.rerun()
        if data.links.at[lid, "mode"] == "rail":
            headway = planner_forms.headway_input(c2, "pl_headway", 15.0, lang)
            if c2.button(t("set_headway", lang), key="pl_headway_btn") and _change(
                    lambda: apply_edit(after, SetHeadway(lid, float(headway)), data)):
                st.rerun()
    with tab_draw:
        st.caption(t("draw_hint", lang))
        draw_form = planner_forms.link_form("pl_df", lang)
    saved_work.save_draft(ss["wz_work"], planner_forms.draft())

    if drawn is not None:
        # An end drawn on a station (rail) or road node means that place: riders change inside it.
        _add_link(lambda: drawn_link(after, data, drawn, **draw_form))

    # ---------------------------------------------------------------- current edits, download / upload
    with st.expander(t("edits_now", lang, n=len(after.edits)), expanded=bool(after.edits)):
        c1, c2, c3 = st.columns(3)  # the plan's names, as its file will carry them
        title = (c1.text_input(t("scenario_name", lang), key="pl_name", max_chars=60),
                 c2.text_input(t("title_zh", lang), key="pl_title_zh", max_chars=80),
                 c3.text_input(t("title_en", lang), key="pl_title_en", max_chars=80))
        if title != (after.name, after.title_zh, after.title_en) and _change(lambda: with_titles(after, *title, data)):
            st.rerun()
        for i, e in enumerate(after.edits):
            c1, c2 = st.columns([8, 1])
            c1.text(f"{i + 1}. {describe_edit(e, data, lang)}")  # st.text: a name is never Markdown or HTML
            if c2.button(BUTTON_ICONS["delete"], key=f"pl_del_{i}", help=t("delete_edit", lang)):
                if _change(lambda: remove_edit(after, i, data)):
                    st.rerun()
        c1, c2 = st.columns(2)
        c1.download_button(t("download_yaml", lang), scenario_to_yaml(after).encode("utf-8"),
                           file_name=f"{after.name}.yaml", mime="application/x-yaml", key="pl_download",
                           on_click="ignore")
        # a rejected file is cleared: the uploader gets a new key, and the reason is shown on the next run
        upload = planner_forms.yaml_upload(c2, lang, key=f"pl_upload_{ss['pl_upload_n']}")
        if upload is not None:
            ss["pl_upload_n"] += 1
            ss.pop("pl_upload_problem", None)
            try:
                uploaded = scenario_from_bytes(upload.getvalue(), data, filename=upload.name)
            except WuzhenGeoError as exc:
                ss["pl_upload_problem"] = exc
            else:
                if any(_work_on(after, start)):  # work to lose: asked first, as for another start scenario
                    ss["pl_upload_pending"] = uploaded
                else:
                    _commit(uploaded)
            st.rerun()
    if (pending := ss.get("pl_upload_pending")) is not None:
        n, chose = _work_on(after, start)
        if not (n or chose):  # nothing left to lose (undone meanwhile): no question
            _take_upload()
            st.rerun()
        with notices, st.container(border=True):
            st.warning(t(_ask(n, chose), lang, n=n), icon=":material/help:")
            st.text(t("upload_replaces", lang, name=pending.name))  # st.text: the file's name stays text
            c1, c2 = st.columns(2)
            c1.button(t("replace", lang), key="pl_upload_replace", type="primary", on_click=_take_upload)
            c2.button(t("cancel", lang), key="pl_upload_cancel", on_click=lambda: ss.pop("pl_upload_pending", None))

    if (problem := ss.get("pl_upload_problem")) is not None:  # outside the expander; kept until the next change
        with notices:  # or until read and closed
            _problem(problem)
            st.button(t("dismiss", lang), key="pl_upload_problem_close", icon=":material/close:",
                      on_click=lambda: ss.pop("pl_upload_problem", None))

    # ---------------------------------------------------------------- the 1-hour circle in people
    if data.units is not None:
        st.subheader(t("access_before_after", lang) + f" · {label('mode', compare_mode, lang)}")
        with st.spinner(t("working_comparison", lang)):
            reach = cached.access_change(before, after, compare_mode)
        st.dataframe(pd.DataFrame({
            t("from", lang): reach[f"name_{lang}"],
            t("f_before", lang): reach["people_before"].map(lambda v: people_text(v, lang)),
            t("f_after", lang): reach["people_after"].map(lambda v: people_text(v, lang)),
            f"{t('f_change', lang)} ({t('unit_people', lang)})": [
                people_change_text(b, a, lang) for b, a in zip(reach["people_before"], reach["people_after"])],
            f"{t('access_gdp', lang)} · {t('f_change', lang)} ({t('unit_gdp', lang)})": reach["gdp_change"].map(
                lambda v: format_gdp_change(v, lang)),
        }), hide_index=True, width="stretch", key="pl_access")
        st.caption(t("access_assumption", lang))

    # ---------------------------------------------------------------- indicators
    st.subheader(t("indicators", lang))
    with st.spinner(t("working_indicators", lang)):
        ind_before, ind_after = cached.indicators(before), cached.indicators(after)
    if len(ind_after):
        merged = ind_after[[f"name_{lang}", "target", "value", f"unit_{lang}", "met"]].copy()
        # a target checked per destination (every airport within two hours) names the destination on its row
        if "to_id" in ind_after.columns:
            dest = [name(data.places.loc[p], lang) if isinstance(p, str) and p in data.places.index else ""
                    for p in ind_after["to_id"]]
            merged[f"name_{lang}"] = [f"{n} · {d}" if d else n for n, d in zip(merged[f"name_{lang}"], dest)]
        # times in whole minutes, lengths to 0.1 km, as the package gives them ("72", not "72.0")
        def shown(v: float) -> str:
            return f"{v:g}" if isinstance(v, (int, float)) and math.isfinite(v) else "–"
        merged.insert(2, t("f_before", lang), ind_before["value"].round(1).map(shown).values
                      if len(ind_before) == len(ind_after) else "–")
        merged["value"] = merged["value"].round(1).map(shown)
        merged["met"] = merged["met"].map(lambda ok: met_text(bool(ok), lang))  # no emoji font needed
        merged[t("indicator_detail", lang)] = ind_after[f"detail_{lang}"].values  # whence it is measured
        merged = merged.rename(columns={f"name_{lang}": t("target_name", lang), "target": t("target", lang),
                                        "value": t("f_after", lang), f"unit_{lang}": t("unit", lang), "met": t("result", lang)})
        st.dataframe(merged, hide_index=True, width="stretch", key="pl_indicators")
    else:
        st.info(t("no_targets", lang))
