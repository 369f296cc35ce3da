"""What every page of the app shares: language, shareable URL state, cached data, error display.

State lives in ``st.session_state`` and is mirrored to ``st.query_params`` on every run, so a copied URL
or a reload reopens the same view (``?page=airports&origin=zone_hq&year=2030&lang=en&depart=am_peak``). Page
changes clear the query string in Streamlit, which is why session state, not the URL, is the source of truth
after the first run.

The base data and networks are cached with ``st.cache_resource`` (one copy per server, shared by every
session, treated as read-only); results with ``st.cache_data`` (a copy per caller).
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import streamlit as st
from streamlit.runtime.scriptrunner_utils.exceptions import ScriptControlException

from app_pages import saved_work, serving
from wuzhen_geo.answers import COMPARED_MODES, access_origins
from wuzhen_geo.data import GeoData, default_data_dir, load_geodata
from wuzhen_geo.errors import WuzhenGeoError
from wuzhen_geo.i18n import LANGS, bilingual, t
from wuzhen_geo.model import Scenario, shipped_scenarios
from wuzhen_geo.vocabulary import DATA_YEAR, DEPART_PERIODS, ROUTE_MODES, quoted

__all__ = [
    "PAGES",
    "SHARED_KEYS",
    "VIEW_CHOICES",
    "PLANNER_MAP_KINDS",
    "init_state",
    "sync_query_params",
    "lang",
    "language_switch",
    "data_root",
    "get_data",
    "get_scenarios",
    "scenario_names",
    "guard",
    "show_error",
    "choice",
    "literal",
    "scenario_picker",
    "scenario_picker_default",
    "chosen",
    "note_view",
    "new_view",
]

log = logging.getLogger(__name__)

#: url path -> (module file, i18n title key, icon)
PAGES: dict[str, tuple[str, str, str]] = {
    "overview": ("app_pages/overview.py", "page_overview", ":material/map:"),
    "airports": ("app_pages/airports.py", "page_airports", ":material/flight_takeoff:"),
    "planner": ("app_pages/planner.py", "page_planner", ":material/alt_route:"),
    "presentation": ("app_pages/presentation.py", "page_presentation", ":material/slideshow:"),
    "projects": ("app_pages/projects.py", "page_projects", ":material/leaderboard:"),
}
#: Session keys mirrored to the URL.
SHARED_KEYS = ("page", "lang", "origin", "scenario", "year", "work")
_DEFAULTS: dict[str, Any] = {"lang": "zh", "page": "overview", "origin": None, "scenario": None, "year": None,
                             "work": None}
#: The planner's maps: the changes, before | after, the difference surface.
PLANNER_MAP_KINDS = ("changes", "side", "surface")
#: A page's view choices, mirrored to the URL so that a reload or a copied link keeps them: URL key -> (the key
#: :func:`choice` keeps the choice under, its options or a function of the data giving them, the default left
#: out of the URL).
VIEW_CHOICES: dict[str, tuple[str, Sequence[str] | Callable[[GeoData], Sequence[str]], str]] = {
    "compare": ("pl_mode", COMPARED_MODES, COMPARED_MODES[0]),
    "map": ("pl_view_kind", PLANNER_MAP_KINDS, PLANNER_MAP_KINDS[0]),
    "depart": ("apt_depart", DEPART_PERIODS, DEPART_PERIODS[0]),
    "route": ("apt_route_to", lambda data: list(data.places.index[data.places["kind"] == "airport"]), ""),
    "route_mode": ("apt_route_mode", ROUTE_MODES, "best"),
    "contours": ("pr_zone", lambda data: list(data.zones.index), ""),
    "contour_mode": ("pr_mode", COMPARED_MODES, COMPARED_MODES[0]),
    "circle": ("pr_circle_from", access_origins, ""),
}
#: View choices that count only while a switch is on: URL key -> the switch's key.
_WHILE_ON = {"circle": "pr_circle"}


def init_state() -> None:
    """On a session's first run, take the shared keys from the URL (ignoring values that make no sense)."""
    if st.session_state.get("_wz_init"):
        return
    qp = st.query_params
    refused = []  # what the address asked for and cannot be shown: said on the page, not dropped in silence
    for key in SHARED_KEYS:
        value = given = qp.get(key)
        if key == "lang" and value not in LANGS:
            value = None
        if key == "page" and value not in PAGES:
            value = None
        if key == "year" and value is not None:
            value = int(value) if str(value).isdigit() and 1990 <= int(value) <= 2100 else None
        if key == "work" and not saved_work.TOKEN.match(str(value or "")):  # the planner's saved work
            value = None
        if key == "scenario" and value not in (None, "") and value not in _known_scenarios():
            value = None
        if given not in (None, "") and value is None:
            refused.append(f"{key}={given}")
        st.session_state[f"wz_{key}"] = value if value not in (None, "") else _DEFAULTS[key]
    for key, (kept_as, options, _) in VIEW_CHOICES.items():
        given = qp.get(key)
        if given in (None, ""):
            continue
        if given in _allowed(options):
            keep(kept_as, given)
            if key in _WHILE_ON:
                st.session_state[_WHILE_ON[key]] = True
        else:
            refused.append(f"{key}={given}")
    st.session_state["wz_refused"] = refused
    st.session_state["_wz_init"] = True


def _known_scenarios() -> list[str]:
    """The shipped scenarios' names; with data that cannot be loaded, none (the page then says why)."""
    try:
        return list(get_scenarios())
    except Exception:  # noqa: BLE001 - the page shows the data error itself
        return []


def _allowed(options: Sequence[str] | Callable[[GeoData], Sequence[str]]) -> Sequence[str]:
    """A view choice's options; from data that cannot be loaded, none (the page then says why)."""
    if not callable(options):
        return options
    try:
        return options(get_data())
    except Exception:  # noqa: BLE001 - the page shows the data error itself
        return []


def note_view(page: str) -> None:
    """Note which page (in which language) this run shows, so a page can tell a new view from a rerun of its own
    (:func:`new_view`)."""
    shown = (page, lang())
    st.session_state["_wz_new_view"] = st.session_state.get("_wz_view") != shown
    st.session_state["_wz_view"] = shown


def new_view() -> bool:
    """Whether this run opens a page (or the same page in another language): the browser has none of its
    elements yet, and no widget of the page has been touched."""
    return bool(st.session_state.get("_wz_new_view", True))


def refused_address_notice() -> None:
    """Say which parts of the address that opened the app could not be used, until another page is opened."""
    refused, page = st.session_state.get("wz_refused"), st.session_state.get("wz_page")
    if not refused:
        return
    first = st.session_state.setdefault("_wz_refused_page", page)
    if page != first:
        st.session_state["wz_refused"] = []
        return
    st.warning(literal(t("address_refused", lang(), items=", ".join(quoted(v, 60) for v in refused))),
               icon=":material/link_off:")


def sync_query_params() -> None:
    """Write the shared keys to the URL (only the ones set), so the address can be copied and shared."""
    wanted = {}
    for key in SHARED_KEYS:
        value = st.session_state.get(f"wz_{key}")
        if value not in (None, ""):
            wanted[key] = str(value)
    for key, (kept_as, _, default) in VIEW_CHOICES.items():
        on = st.session_state.get(_WHILE_ON[key], False) if key in _WHILE_ON else True
        if on and (value := kept(kept_as)) not in (None, default):
            wanted[key] = str(value)
    if dict(st.query_params) != wanted:
        st.query_params.from_dict(wanted)


def lang() -> str:
    """The session's language (``zh`` or ``en``)."""
    value = st.session_state.get("wz_lang", "zh")
    return value if value in LANGS else "zh"


def language_switch() -> str:
    """A zh/en switch in the sidebar; returns the chosen language."""
    current = lang()
    choice = st.sidebar.segmented_control(
        t("language", current), options=list(LANGS), default=current, key="wz_lang_widget",
        format_func=lambda code: {"zh": "中文", "en": "English"}[code],
    )
    if choice in LANGS and choice != current:
        st.session_state["wz_lang"] = choice
        st.rerun()
    # the page's words for what Streamlit's widgets say in English alone (serve.py's page script reads them)
    st.sidebar.html(serving.page_words_css(current))
    return current


def data_root() -> Path:
    """The geodata folder: ``$WUZHEN_GEO_DATA`` or the shipped one."""
    env = os.environ.get("WUZHEN_GEO_DATA")
    return Path(env) if env else default_data_dir()


@st.cache_resource(show_spinner=False)
def _load(root: str) -> GeoData:
    log.info("loading geodata from %s", root)
    return load_geodata(root)


def get_data() -> GeoData:
    """The validated base data, loaded once per server (read-only: shared by every session); a spinner says
    so while the first visit loads it."""
    with st.spinner(t("working_data", lang())):
        return _load(str(data_root()))


@st.cache_resource(show_spinner=False)
def _scenarios(root: str) -> dict[str, Scenario]:
    return shipped_scenarios(_load(root))


def get_scenarios() -> dict[str, Scenario]:
    """The shipped scenarios by name (empty when the data folder has none)."""
    return _scenarios(str(data_root()))


def scenario_names(*, without_today: bool) -> list[str]:
    """The shipped scenarios' names; ``without_today`` leaves out a scenario that is today's network itself (no
    projects, no edits, the data year), where a box offers today's network already: the same choice twice."""
    return [k for k, s in get_scenarios().items() if not (without_today and not (
        s.projects_on or s.projects_off or s.edits) and s.year in (None, DATA_YEAR))]


def literal(text: object) -> str:
    """``text`` escaped for ``st.markdown`` / ``st.caption``, so that a name from a file or typed by a user is
    shown as written: every ASCII punctuation mark gets a backslash (CommonMark reads ``\\*`` as ``*``), so
    ``**bold**``, ``![](http://…)``, ``<b>`` and ``$x$`` stay text and fetch nothing."""
    return re.sub(r"([!-/:-@\\[-`{-~])", r"\\\1", str(text))


def error_text(exc: BaseException, lang_: str | None = None) -> str:
    """An error's message in ``lang_`` (default the page's) where the error has both languages, else as raised."""
    text = getattr(exc, "text", None)
    return text(lang_ or lang()) if callable(text) else str(exc)


def show_error(exc: BaseException) -> None:
    """A clear message headed in the page's language; a traceback is never shown to the user (it goes to the
    log). The message is shown literally (it may quote what the user typed)."""
    if isinstance(exc, WuzhenGeoError):
        st.error(f"{t('data_error', lang())}\n\n{literal(error_text(exc))}", icon=":material/error:")
        suggestions = getattr(exc, "suggestions", None)
        if suggestions:
            st.info(literal(t("did_you_mean", lang()) + " " + " · ".join(str(s) for s in suggestions)))
    else:
        log.exception("unexpected error in the app", exc_info=exc)
        st.error(t("internal_error", lang()), icon=":material/error:")


@contextlib.contextmanager
def guard() -> Iterator[None]:
    """Run a block of a page; any error becomes a message instead of a traceback."""
    try:
        yield
    except ScriptControlException:  # st.rerun / st.stop / st.switch_page are control flow, not errors
        raise
    except Exception as exc:  # noqa: BLE001 - the app must never show a traceback
        show_error(exc)


def choice(widget: Callable[..., Any], label: str, options: Sequence[Any], *, key: str, lang_: str,
           format_func: Callable[[Any], str], default: Any = None, none_first: bool = False, **kwargs: Any) -> Any:
    """A ``st.radio`` / ``st.selectbox`` / ``st.segmented_control`` whose choice survives a change of language.

    Streamlit keeps a keyed widget's value as its *label* (``format_func`` of the option): once the language
    changes, the old label matches no option, and the radio shows nothing selected or the box keeps the old
    language's text. So the choice is kept as the language-neutral option itself (``_keep_<key>``) and the
    widget is keyed per language (``<key>__<lang>``), re-created in the new language with that choice.

    Parameters
    ----------
    widget
        ``st.radio``, ``st.selectbox`` (also ``st.sidebar.selectbox``, …) or another widget taking ``options``,
        ``index``, ``format_func`` and ``key``.
    label, options, format_func, kwargs
        As for the widget; options are language-neutral keys (ids, codes).
    key
        The language-neutral key of the choice; ``kept(key)`` reads it.
    lang_
        The page's language.
    default
        The option chosen the first time (the first option when ``None`` or not an option).
    none_first
        Start with nothing chosen (a selectbox shows its placeholder) instead of the first option.

    Returns
    -------
    The chosen option (``None`` when the widget allows no choice and none is made).
    """
    store = f"_keep_{key}"
    current = st.session_state.get(store, default)
    options = list(options)
    if current in options:
        index: int | None = options.index(current)
    elif kwargs.get("accept_new_options") and isinstance(current, str) and current:
        options.append(current)  # a typed value (a coordinate, a name) stays in the box
        index = len(options) - 1
    else:
        index = None if none_first else 0
    if st.session_state.get(f"{key}__{lang_}") == current and current is not None:
        index = 0  # the value set by keep(): the widget shows it (0: no "default and state" clash)
    value = widget(label, options, index=index, format_func=format_func, key=f"{key}__{lang_}", **kwargs)
    st.session_state[store] = value
    return value


def kept(key: str, default: Any = None) -> Any:
    """The choice :func:`choice` keeps under ``key`` (``default`` before the widget first ran)."""
    return st.session_state.get(f"_keep_{key}", default)


def chosen(key: str, lang_: str, default: Any = None) -> Any:
    """What :func:`choice` will return for ``key`` if its widget is not touched in this run: the widget's
    value, else the kept choice, else ``default`` (for a page that draws its map before its controls)."""
    value = st.session_state.get(f"{key}__{lang_}")
    return value if value is not None else st.session_state.get(f"_keep_{key}", default)


def keep(key: str, value: Any, *, reset_widget: bool = False) -> None:
    """Set the choice :func:`choice` keeps under ``key``. The widget shows it when it is next created; with
    ``reset_widget`` (in a callback, or before the widget runs) it shows it at once, replacing what was chosen.

    The widget's value is set, not dropped: a dropped value is sent back by the browser, which still shows the
    old choice, and would silently choose it again at the next click."""
    st.session_state[f"_keep_{key}"] = value
    if reset_widget:
        for code in LANGS:  # the other language's widget is made afresh from the kept choice
            st.session_state.pop(f"{key}__{code}", None)
        if value is not None:
            st.session_state[f"{key}__{lang()}"] = value


#: The scenario box's first option: the plan view or today's network (its label depends on the page).
_FIRST = ""


def scenario_picker(lang_: str, *, key: str,
                    allow_plan_view: bool = False) -> tuple[Scenario | None, int | None, str]:
    """Sidebar scenario + year selectors bound to the shared ``scenario`` / ``year`` state.

    Returns ``(scenario or None, year or None, choice)``; ``choice`` is the scenario name, or the plan-view /
    "today" pseudo-choice (its label in ``lang_``). The year, when set, overrides the scenario's own year.
    The choices are kept as scenario names and numbers, so a change of language keeps them.
    """
    scenarios = get_scenarios()
    first = t("plan_view", lang_) if allow_plan_view else t("today_network", lang_)
    options = [_FIRST] + scenario_names(without_today=not allow_plan_view)
    current = st.session_state.get("wz_scenario")
    keep(f"{key}_scenario", current if current in options else _FIRST)
    with st.sidebar:
        picked = choice(
            st.selectbox, t("scenario", lang_), options, key=f"{key}_scenario", lang_=lang_,
            format_func=lambda k: first if k == _FIRST else bilingual(
                {"name_zh": scenarios[k].title_zh, "name_en": scenarios[k].title_en, "id": k}, lang_),
        )
        st.session_state["wz_scenario"] = picked or None
        use_year = st.toggle(t("pick_year", lang_), value=st.session_state.get("wz_year") is not None,
                             key=f"{key}_use_year")
        year = None
        if use_year:
            year = int(st.slider(t("year", lang_), 2020, 2040, int(st.session_state.get("wz_year") or DATA_YEAR),
                                 key=f"{key}_year"))
            if not picked and not allow_plan_view and year != DATA_YEAR:  # "today" in another year: say what
                st.caption(t("today_later" if year > DATA_YEAR else "today_earlier", lang_, year=year))
        st.session_state["wz_year"] = year
    return scenarios.get(picked), year, picked or first


def scenario_picker_default(*, allow_plan_view: bool = False) -> tuple[Scenario | None, int | None]:
    """What :func:`scenario_picker` returns on a new view (its widgets untouched): the shared scenario and year.
    A page can draw its map with it before the picker is drawn (``map_view.MapSlot``)."""
    current = st.session_state.get("wz_scenario")
    options = [_FIRST] + scenario_names(without_today=not allow_plan_view)
    year = st.session_state.get("wz_year")
    return get_scenarios().get(current if current in options else _FIRST), (None if year is None else int(year))
