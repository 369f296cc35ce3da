"""Residents' page: time to every airport by car and by rail, from a zone, a place found by name (a searchable
picker), a map click or a pasted coordinate, with the legs of the trip and the route drawn on the map.

The page shows the map first; beside it (under it on a phone) the origin and the route shown, then every
airport. The departure time and the scenario are in the sidebar. A page opened anew sends its map before the
controls (``map_view.MapSlot``), drawn for what the untouched controls will say.

Every choice is kept as a language-neutral key (:func:`app_pages.common.choice`), so switching the language
keeps it. A wide screen shows the airports as a table (minutes are numbers: they sort as numbers); a phone
shows one card per airport, so nothing is off-screen.
"""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from app_pages import cached, common, map_view
from wuzhen_geo.answers import (
    NO_SERVICE,
    AmbiguousPlaceError,
    NoSensibleCoachRoute,
    NoSensibleRailRoute,
    finite_minutes,
    looks_like_coordinate,
    missing_cell_text,
    near_place_text,
    not_in_network_text,
    origin_label,
    origin_text,
    place_candidates,
    place_name,
    route_steps,
    search_label,
    search_options,
    unknown_place_message,
)
from wuzhen_geo.errors import UnknownPlaceError, UnreachableError, WuzhenGeoError
from wuzhen_geo.i18n import bilingual, label, name, t
from wuzhen_geo.maps import network_layers, overview_map, point_marker, route_layer, view_for_trip
from wuzhen_geo.model import Point, trip_ends, with_year
from wuzhen_geo.vocabulary import DEPART_PERIODS, format_km

lang = common.lang()
st.title(t("page_airports", lang))
st.caption(t("airports_intro", lang))

_MAP_PX = 560
#: Narrowest map the view is fitted for (a phone): on a wider screen the route just has more room around it.
_MIN_MAP_WIDTH_PX = 340
#: Below this width the airports show as cards (a table's five columns do not fit a phone).
_PHONE_PX = 640
_HOW = ["zone", "name", "click", "coord"]
#: The table's columns a trip can be shown for, legs and route (the table's order).
_MODES = ["best", "car", "rail", "coach", "transit"]

# One view or the other by the screen's width: Streamlit cannot tell the width to Python.
st.html(f"<style>@media (max-width: {_PHONE_PX}px) {{ .st-key-apt_wide {{ display: none; }} }}"
        f"@media (min-width: {_PHONE_PX + 1}px) {{ .st-key-apt_cards {{ display: none; }} }}</style>")


def _set_origin(value: str | None) -> None:
    st.session_state["wz_origin"] = value


def _choose_place(place_id: str) -> None:
    """A candidate clicked: it becomes the origin and the search box shows it."""
    common.keep("apt_place", place_id, reset_widget=True)
    _set_origin(place_id)


def _minutes_text(value: float) -> str:
    return "–" if value is None or not math.isfinite(value) else f"{value:.0f} {t('min', lang)}"


#: The columns of the table the note speaks for, in their order; a phone's card shows only the first three.
_NOTE_MODES = ("car", "rail", "best", "coach", "transit")
#: Colon, list comma and separator of the note: Chinese text takes the full-width marks.
_PUNCTUATION = {"zh": ("：", "、", "；"), "en": (": ", ", ", "; ")}


def _note(row: pd.Series, modes: tuple[str, ...] = _NOTE_MODES) -> str:
    """Every empty cell of ``modes`` with its reason, the columns that share a reason named together
    ("Car, rail, fastest: not in this network"), with the language's colon and separators."""
    grouped: dict[str, list[str]] = {}
    for mode in modes:
        minutes = row.get(f"{mode}_min")
        if minutes is None or not math.isfinite(minutes):
            grouped.setdefault(missing_cell_text(row, mode, lang), []).append(label("mode", mode, lang))
    colon, comma, separator = _PUNCTUATION[lang]
    parts = [comma.join(names) + colon + why for why, names in grouped.items()]
    return separator.join(part[:1].upper() + part[1:] for part in parts)


def _why_no_trip(data, scenario, depart: str, ends: tuple, row: pd.Series, mode: str) -> str:
    """Why there is no trip: for an end this network leaves out, a sentence in the page's language from the
    facts of the model's error (``trip_ends`` raises it with them); at night by train or coach, the hours and
    why; else the table's own note for that cell, "Car: no road" (the same words as the table, in the page's
    language)."""
    for end in ends:
        try:
            trip_ends(cached.network(scenario, depart), end, layer=0)
        except UnreachableError as missing:
            facts = getattr(missing, "facts", None)
            if facts:
                return not_in_network_text(data, scenario, facts, lang)
    if row.get(f"{mode}_reason") == NO_SERVICE:  # when none runs, and why
        why = label("mode", mode, lang) + _PUNCTUATION[lang][0] + t("no_service_at_night", lang)
        return why[:1].upper() + why[1:]
    return _note(row, (mode,))


def _search(data, text: str) -> None:
    """Resolve typed text (a name, a code, an id or a WGS-84 coordinate); an ambiguous name offers its
    candidates as buttons, a failed search clears the origin (no stale answer under the error)."""
    try:
        found = cached.origin(text)
    except AmbiguousPlaceError:
        _set_origin(None)
        _offer(data, text, t("may_mean", lang, query=text))
    except UnknownPlaceError:
        _set_origin(None)
        st.error(common.literal(unknown_place_message(text, lang)), icon=":material/search_off:")
        _offer(data, text, t("did_you_mean", lang))
    except WuzhenGeoError as exc:  # a coordinate outside the study area
        _set_origin(None)
        common.show_error(exc)
    else:
        _set_origin(origin_text(found))


def _offer(data, text: str, heading: str) -> None:
    candidates = place_candidates(data, text)
    if not candidates:
        return
    st.markdown(common.literal(heading))
    for fid in candidates:
        st.button(search_label(data, fid, lang), key=f"apt_candidate_{fid}", on_click=_choose_place, args=(fid,))


def _origin_line(data, origin: str) -> str:
    point = cached.origin(origin)
    if isinstance(point, Point):
        return f"{near_place_text(data, point, lang)} ({point.lat:.6f},{point.lon:.6f})"
    return origin_label(data, origin, lang)


def _wide(table: pd.DataFrame) -> None:
    """The table: minutes as numbers (sorted as numbers), a note saying why a cell is empty."""
    min_format = f"%d {t('min', lang)}"
    shown = pd.DataFrame({
        t("airport", lang): table["label"],
        # whole minutes, as the route panel says them; an unreachable cell is empty
        t("col_car", lang): finite_minutes(table["car_min"]),
        t("col_rail", lang): finite_minutes(table["rail_min"]),
        t("col_best", lang): finite_minutes(table["best_min"]),
        # every minute column before the text columns: at 1440 px the text runs off the right edge
        t("col_coach", lang): finite_minutes(table["coach_min"]),
        t("col_transit", lang): finite_minutes(table["transit_min"]),
        t("col_note", lang): table.apply(_note, axis=1),
        t("col_rail_via", lang): table["rail_via"],
        t("col_car_by_period", lang): table["car_spread"],
    })
    numbers = {t(f"col_{c}", lang): st.column_config.NumberColumn(format=min_format)
               for c in ("car", "rail", "best", "coach", "transit")}
    # an empty cell shows a dash (its reason is in the note); the short note and the long "where to board" get
    # the room they need at 1440 px
    texts = {t("col_note", lang): st.column_config.TextColumn(width="medium"),
             t("col_rail_via", lang): st.column_config.TextColumn(width="large")}
    st.dataframe(shown, hide_index=True, width="stretch", key=f"apt_table__{lang}", placeholder="–",
                 column_config={**numbers, **texts})


def _cards(table: pd.DataFrame) -> None:
    """One card per airport for a phone: its name, car, rail and fastest minutes and the train to take."""
    for _, row in table.iterrows():
        with st.container(border=True):
            st.markdown("**" + common.literal(row["label"]) + "**")
            times = {m: _minutes_text(row[f"{m}_min"]) for m in ("car", "rail", "best")}
            st.markdown(common.literal(t("card_times", lang, **times)))
            train = row["rail_via"] if math.isfinite(row["rail_min"]) else ""  # else the note says why not
            note = _note(row, ("car", "rail", "best"))  # the card shows these three
            parts = (train, note, row["car_spread"])
            st.caption(common.literal(_PUNCTUATION[lang][2].join(part for part in parts if part)))


_RULE = {"rail": NoSensibleRailRoute, "coach": NoSensibleCoachRoute}


def _refusal(scenario, origin: str, pick: str, mode: str, depart: str) -> WuzhenGeoError | None:
    """Why the answer by ``mode`` is refused (a rule's reason in both languages), or None."""
    try:
        cached.trip(scenario, origin, pick, mode, depart)
    except (NoSensibleRailRoute, NoSensibleCoachRoute) as exc:
        return exc
    except WuzhenGeoError:
        return None
    return None


def _route_view(data, scenario, depart: str, origin: str | None, table: pd.DataFrame | None, pick: str | None,
                mode: str):
    """What the map shows (a key), how to draw it, and how to say the route in words beside it."""
    trip, problem, point = None, None, None
    if table is not None:
        try:
            trip = cached.trip(scenario, origin, pick, mode, depart)
        except WuzhenGeoError as exc:
            problem = exc
        point = cached.origin(origin)
    point = point if isinstance(point, Point) else None  # a clicked or pasted point: marked
    view = view_for_trip(trip, _MAP_PX, _MIN_MAP_WIDTH_PX) if trip is not None else None
    what = (repr(scenario), depart, origin, pick, mode) if table is not None else (repr(scenario),)

    def dynamic():
        group = network_layers(data, scenario=scenario, lang=lang, popups=False)
        if trip is not None:
            route_layer(trip, m=group, lang=lang, data=data)
        if point is not None:
            point_marker(point.lon, point.lat, m=group, text=t("origin", lang))
        return group

    def draw():
        # No popups: a click that opens one never reaches the map, and a click here picks the origin.
        # The base never changes; the scenario's network, the route and the origin travel as a dynamic group,
        # so a new answer does not reload the map component (and a user's pan and zoom stay).
        return map_view.show_map(
            "apt_map", ("airports", id(data), lang),
            lambda: overview_map(data, lang=lang, legend=False, popups=False, network=False), height=_MAP_PX,
            group_key=("airports", id(data), lang, trip is not None, *what), group=dynamic,
            returned_objects=["last_clicked"], center=view[0] if view else None, zoom=view[1] if view else None)

    def words():
        if isinstance(problem, (NoSensibleRailRoute, NoSensibleCoachRoute)):
            # The table's words for the cell (no trip passes the rail-trip or coach-trip rule), then why, with the
            # trip refused; public transport has both reasons (the table says "no sensible rail or coach route")
            st.warning(common.literal(_note(table[table["airport_id"] == pick].iloc[0], (mode,))))
            for part in (("rail", "coach") if mode == "transit" else (mode,)):
                why = problem if isinstance(problem, _RULE[part]) else _refusal(scenario, origin, pick, part, depart)
                if why is not None:
                    st.caption(common.literal(why.text(lang)))
        elif problem is not None:
            row = table[table["airport_id"] == pick].iloc[0]
            st.warning(common.literal(_why_no_trip(data, scenario, depart, (cached.origin(origin), pick), row, mode)))
        elif trip is not None:
            summary = t("route_summary", lang, mode=label("mode", mode, lang), minutes=f"{trip.minutes:.0f}",
                        km=format_km(trip.km, lang))
            st.markdown("**" + common.literal(summary) + "**")
            steps = route_steps(trip, data, lang)
            st.markdown("\n".join(f"{i}. {common.literal(step)}" for i, step in enumerate(steps, 1)))

    return what, draw, words


def _guess(data) -> tuple:
    """What the untouched controls will say on a new view: the shared scenario, year and origin, the widgets'
    defaults (for a page that draws its map before its controls)."""
    scenario, year = common.scenario_picker_default()
    scenario = with_year(scenario, year)
    depart = common.chosen("apt_depart", lang, DEPART_PERIODS[0])
    origin = st.session_state.get("wz_origin")
    if origin and looks_like_coordinate(origin):  # as the coordinate box keeps it: a missed guess reruns the page,
        origin = origin_text(cached.origin(origin))  # and after that rerun the next click reset the origin radio
    if not origin and common.chosen("apt_how", lang, "zone") == "zone":
        origin = common.chosen("apt_zone", lang, data.zones.index[0])
    table = cached.airport_table(scenario, origin, lang, depart) if origin else None
    pick = common.chosen("apt_route_to", lang, table["airport_id"].iloc[0]) if table is not None else None
    return data, scenario, depart, origin, table, pick, common.chosen("apt_route_mode", lang, _MODES[0])


def _origin_controls(data) -> None:
    """The origin: a zone, a name, a click or a pasted coordinate; sets ``wz_origin``."""
    start = st.session_state.get("wz_origin")
    # A shared URL's origin decides which input starts selected: a coordinate is shown in the coordinate box.
    first_how = ("zone" if not start or start in data.zones.index
                 else "coord" if looks_like_coordinate(start) else "name")
    how = common.choice(st.radio, t("origin_how", lang), _HOW, key="apt_how", lang_=lang, default=first_how,
                        format_func=lambda k: t(f"by_{k}", lang))
    if how == "zone":
        zones = list(data.zones.index)
        zone = common.choice(st.selectbox, t("by_zone", lang), zones, key="apt_zone", lang_=lang,
                             default=start if start in zones else None,
                             format_func=lambda z: bilingual(data.zones.loc[z], lang))
        _set_origin(zone)
    elif how == "name":
        options = search_options(data)
        known = set(options)
        picked = common.choice(
            st.selectbox, t("by_name", lang), options, key="apt_place", lang_=lang, none_first=True,
            default=start if start and start not in data.zones.index else None, accept_new_options=True,
            # "contains" keeps the order: airports and stations first
            placeholder=t("name_hint", lang), filter_mode="contains",
            format_func=lambda k: search_label(data, k, lang) if k in known else k,
        )
        if picked in known:
            _set_origin(picked)
        elif picked and str(picked).strip():
            _search(data, str(picked).strip())
    elif how == "coord":
        if ("apt_coord" not in st.session_state and start and looks_like_coordinate(start)
                and common.kept("apt_system", "wgs84") == "wgs84"):
            st.session_state["apt_coord"] = start  # the origin (kept in WGS-84) in the box, until one is typed
        pasted = st.text_input(t("by_coord", lang), placeholder=t("coord_hint", lang), key="apt_coord")
        system = common.choice(st.radio, t("coord_system", lang), ["wgs84", "gcj02", "bd09"], key="apt_system",
                               lang_=lang, horizontal=True, format_func=lambda s: t(s, lang))
        if pasted.strip():
            try:
                _set_origin(origin_text(cached.origin(pasted, system, coordinate_only=True)))  # kept in WGS-84
            except WuzhenGeoError as exc:
                _set_origin(None)  # no stale answer under the error
                common.show_error(exc)
    else:
        st.caption(t("click_hint", lang))


with common.guard():
    data = common.get_data()
    # The map first, with the origin and the route beside it, then the table: the map keeps its place whatever comes or goes
    # above or beside it (a box that moves it would make the browser load it afresh, losing pan and zoom).
    origin_box = st.container()
    map_col, route_col = st.columns([3, 2])
    with map_col:
        slot = map_view.MapSlot()
    if common.new_view():  # the map first, as the untouched controls will have it; the controls follow
        try:
            slot.draw_early(*_route_view(*_guess(data))[:2])
        except WuzhenGeoError:
            pass  # an origin the controls will refuse, with their message: the map comes after them
    scenario, year, _ = common.scenario_picker(lang, key="apt")
    scenario = with_year(scenario, year)
    with st.sidebar:
        # roads are slower at the peaks in the two big cities: the drive (and the drive to a station) by period
        depart = common.choice(st.selectbox, t("depart", lang), list(DEPART_PERIODS), key="apt_depart", lang_=lang,
                               format_func=lambda p: t(f"depart_{p}", lang), help=t("depart_help", lang))
    with route_col:  # beside the map; on a phone under it (a phone folds the sidebar away)
        with st.container(border=True):
            _origin_controls(data)
    origin = st.session_state.get("wz_origin")
    table, pick, mode = None, None, _MODES[0]
    with origin_box:
        if origin:
            st.markdown(common.literal(t("origin_now", lang, origin=_origin_line(data, origin))))
            with st.spinner(t("working_airports", lang)):
                table = cached.airport_table(scenario, origin, lang, depart)
        else:
            st.info(t("no_origin", lang))
    with route_col:
        if table is not None:
            st.caption(t("steps_hint", lang))
            names = {apt: f"{iata} {name}"
                     for apt, iata, name in zip(table["airport_id"], table["iata"], table["name"])}
            pick = common.choice(st.selectbox, t("show_route", lang), list(names), key="apt_route_to", lang_=lang,
                                 format_func=names.get)
            mode = common.choice(st.radio, t("route_mode", lang), _MODES, key="apt_route_mode", lang_=lang,
                                 horizontal=True, format_func=lambda k: label("mode", k, lang))
        with st.spinner(t("working_route", lang)):
            what, draw, words = _route_view(data, scenario, depart, origin, table, pick, mode)
        words()
    out = slot.draw(what, draw)
    if table is not None:
        # A table on a wide screen, cards on a phone (the CSS above shows one of them)
        with st.container(key="apt_wide"):
            _wide(table)
        with st.container(key="apt_cards"):
            _cards(table)
    clicked = (out or {}).get("last_clicked")
    if common.kept("apt_how") == "click" and clicked:
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
