"""What every page of the app shares: language, shareable URL state, cached data, error display.

State lives in ``st.session_state`` and is mirrored to ``st.query_params`` on every run, so a copied URL
reopens the same view (``?page=airports&origin=zone_hq&year=2030&lang=en``). Page changes clear the query
string in Streamlit, which is why session state, not the URL, is the source of truth after the first run.

The base data and networks are cached with ``st.cache_resource`` (one copy per server, shared by every
session, treated as read-only); results with ``st.cache_data`` (a copy per caller).
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import streamlit as st
from streamlit.runtime.scriptrunner_utils.exceptions import ScriptControlException

from wuzhen_geo.data import GeoData, default_data_dir, load_geodata
from wuzhen_geo.errors import WuzhenGeoError
from wuzhen_geo.i18n import LANGS, bilingual, t
from wuzhen_geo.model import Scenario, shipped_scenarios
from wuzhen_geo.vocabulary import DATA_YEAR

__all__ = [
    "PAGES",
    "SHARED_KEYS",
    "init_state",
    "sync_query_params",
    "lang",
    "language_switch",
    "data_root",
    "get_data",
    "get_scenarios",
    "guard",
    "show_error",
]

log = logging.getLogger(__name__)

#: url path -> (module file, i18n title key, icon)
PAGES: dict[str, tuple[str, str, str]] = {
    "overview": ("app_pages/overview.py", "page_overview", ":material/map:"),
    "airports": ("app_pages/airports.py", "page_airports", ":material/flight_takeoff:"),
    "planner": ("app_pages/planner.py", "page_planner", ":material/alt_route:"),
    "presentation": ("app_pages/presentation.py", "page_presentation", ":material/slideshow:"),
}
#: Session keys mirrored to the URL.
SHARED_KEYS = ("page", "lang", "origin", "scenario", "year")
_DEFAULTS: dict[str, Any] = {"lang": "zh", "page": "overview", "origin": None, "scenario": None, "year": None}


def init_state() -> None:
    """On a session's first run, take the shared keys from the URL (ignoring values that make no sense)."""
    if st.session_state.get("_wz_init"):
        return
    qp = st.query_params
    for key in SHARED_KEYS:
        value = qp.get(key)
        if key == "lang" and value not in LANGS:
            value = None
        if key == "page" and value not in PAGES:
            value = None
        if key == "year" and value is not None:
            value = int(value) if str(value).isdigit() and 1990 <= int(value) <= 2100 else None
        st.session_state[f"wz_{key}"] = value if value not in (None, "") else _DEFAULTS[key]
    st.session_state["_wz_init"] = True


def sync_query_params() -> None:
    """Write the shared keys to the URL (only the ones set), so the address can be copied and shared."""
    wanted = {}
    for key in SHARED_KEYS:
        value = st.session_state.get(f"wz_{key}")
        if value not in (None, ""):
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
    return lang()


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


def show_error(exc: BaseException) -> None:
    """A clear bilingual message; a traceback is never shown to the user (it goes to the log)."""
    if isinstance(exc, WuzhenGeoError):
        st.error(f"{t('data_error', 'zh')}\n\n{t('data_error', 'en')}\n\n`{exc}`", icon=":material/error:")
        suggestions = getattr(exc, "suggestions", None)
        if suggestions:
            st.info(t("did_you_mean", lang()) + " " + " · ".join(str(s) for s in suggestions))
    else:
        log.exception("unexpected error in the app", exc_info=exc)
        st.error(f"{t('internal_error', 'zh')}\n\n{t('internal_error', 'en')}", icon=":material/error:")


@contextlib.contextmanager
def guard() -> Iterator[None]:
    """Run a block of a page; any error becomes a message instead of a traceback."""
    try:
        yield
    except ScriptControlException:  # st.rerun / st.stop / st.switch_page are control flow, not errors
        raise
    except Exception as exc:  # noqa: BLE001 - the app must never show a traceback
        show_error(exc)


def scenario_picker(lang_: str, *, key: str,
                    allow_plan_view: bool = False) -> tuple[Scenario | None, int | None, str]:
    """Sidebar scenario + year selectors bound to the shared ``scenario`` / ``year`` state.

    Returns ``(scenario or None, year or None, choice)``; ``choice`` is the scenario name, or the plan-view /
    "today" pseudo-choice. The year, when set, overrides the scenario's own year.
    """
    scenarios = get_scenarios()
    first = t("plan_view", lang_) if allow_plan_view else t("today_network", lang_)
    options = [first] + list(scenarios)
    current = st.session_state.get("wz_scenario")
    with st.sidebar:
        choice = st.selectbox(
            t("scenario", lang_), options, index=options.index(current) if current in options else 0,
            format_func=lambda k: k if k == first else bilingual(
                {"name_zh": scenarios[k].title_zh, "name_en": scenarios[k].title_en, "id": k}, lang_),
            key=f"{key}_scenario",
        )
        st.session_state["wz_scenario"] = None if choice == first else choice
        use_year = st.toggle(t("pick_year", lang_), value=st.session_state.get("wz_year") is not None,
                             key=f"{key}_use_year")
        year = None
        if use_year:
            year = int(st.slider(t("year", lang_), 2020, 2040, int(st.session_state.get("wz_year") or DATA_YEAR),
                                 key=f"{key}_year"))
        st.session_state["wz_year"] = year
    return scenarios.get(choice), year, choice
