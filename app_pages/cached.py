"""Cached calls into the ``wuzhen_geo`` package for the pages.

A scenario is passed as the frozen :class:`~wuzhen_geo.model.Scenario` itself: it keys the caches (by its
``repr``, which names every choice and edit), never re-dumped YAML. Networks are ``st.cache_resource``
(shared, read-only, a few kept); tables are ``st.cache_data`` (copied per caller).
"""

from __future__ import annotations

import logging
from typing import Any

import pandas as pd
import streamlit as st

from app_pages.common import _load, data_root
from wuzhen_geo.answers import (
    AIRPORT_MODES,
    car_minutes_by_period,
    airport_summary,
    airport_times,
    compare,
    access_change as _access_change,
    compare_modes,
    difference_bands as _difference_bands,
    isochrone_polygons,
    plan_indicators,
    resolve_origin,
    travel_time_surface,
    trip_answer,
)
from wuzhen_geo.answers import link_speed
from wuzhen_geo.i18n import bilingual, name
from wuzhen_geo.model import DEFAULT_CONFIG, Network, Scenario, Trip, build_network

__all__ = [
    "network",
    "airport_table",
    "trip",
    "comparison",
    "mode_comparison",
    "indicators",
    "isochrones",
    "origin",
    "difference_bands",
    "access_change",
    "names",
    "link_speeds",
]

log = logging.getLogger(__name__)

#: How the caches hash a scenario: its repr names the year, projects and every edit, exactly.
_BY_SCENARIO = {Scenario: repr}


@st.cache_resource(show_spinner=False, max_entries=12, hash_funcs=_BY_SCENARIO)
def _network(root: str, scenario: Scenario, depart: str = DEFAULT_CONFIG.depart) -> Network:
    config = DEFAULT_CONFIG if depart == DEFAULT_CONFIG.depart else DEFAULT_CONFIG.replace(depart=depart)
    return build_network(_load(root), scenario, config=config)


def network(scenario: Scenario, depart: str = DEFAULT_CONFIG.depart) -> Network:
    """The network of a scenario (roads as at the departure period), built once per server and shared
    read-only."""
    return _network(str(data_root()), scenario, depart)


def origin(text: str, system: str = "wgs84", coordinate_only: bool = False) -> Any:
    """Resolve user input (id, name, code or pasted coordinate in `system`) to an origin (see places)."""
    return resolve_origin(_load(str(data_root())), text, system=system, coordinate_only=coordinate_only)


@st.cache_data(show_spinner=False, max_entries=256, hash_funcs=_BY_SCENARIO)
def _airport_table(root: str, scenario: Scenario, origin_text: str, lang: str, depart: str) -> pd.DataFrame:
    net, start = _network(root, scenario, depart), origin(origin_text)
    # as the CLI answers it: car, rail, best, coach, public transport, and the drive at each period
    return airport_summary(airport_times(net, start, modes=AIRPORT_MODES), net.data, lang,
                           periods=car_minutes_by_period(net, start))


def airport_table(scenario: Scenario, origin_text: str, lang: str,
                  depart: str = DEFAULT_CONFIG.depart) -> pd.DataFrame:
    """``airport_summary`` (one row per airport: car, rail, best, the train or why none) from an origin (id,
    name or ``"lat,lon"``), texts in ``lang``, leaving at the ``depart`` period."""
    return _airport_table(str(data_root()), scenario, origin_text, lang, depart)


def trip(scenario: Scenario, origin_text: str, destination: str, mode: str,
         depart: str = DEFAULT_CONFIG.depart) -> Trip:
    """The trip the table shows (``trip_answer``: by rail one that passes the rail-trip rule); kept with the
    network, so not cached here."""
    return trip_answer(network(scenario, depart), origin(origin_text), destination, mode=mode)


@st.cache_data(show_spinner=False, max_entries=64, hash_funcs=_BY_SCENARIO)
def _comparison(root: str, before: Scenario, after: Scenario, destinations: tuple[str, ...] | None,
                mode: str) -> pd.DataFrame:
    return compare(_network(root, before), _network(root, after), None,
                   list(destinations) if destinations else None, mode=mode)


def comparison(before: Scenario, after: Scenario, destinations: list[str] | None = None,
               mode: str = "best") -> pd.DataFrame:
    """``compare`` from every zone, before vs after (the minutes every view shows for ``mode``)."""
    return _comparison(str(data_root()), before, after, tuple(destinations) if destinations else None, mode)


@st.cache_data(show_spinner=False, max_entries=64, hash_funcs=_BY_SCENARIO)
def _mode_comparison(root: str, before: Scenario, after: Scenario, destinations: tuple[str, ...] | None
                     ) -> pd.DataFrame:
    return compare_modes(_network(root, before), _network(root, after), None,
                         list(destinations) if destinations else None)


def mode_comparison(before: Scenario, after: Scenario, destinations: list[str] | None = None) -> pd.DataFrame:
    """``compare_modes`` from every zone: fastest, car and rail side by side, before vs after."""
    return _mode_comparison(str(data_root()), before, after, tuple(destinations) if destinations else None)


@st.cache_data(show_spinner=False, max_entries=64, hash_funcs=_BY_SCENARIO)
def _indicators(root: str, scenario: Scenario) -> pd.DataFrame:
    return plan_indicators(_network(root, scenario))


def indicators(scenario: Scenario) -> pd.DataFrame:
    """``plan_indicators`` of a scenario."""
    return _indicators(str(data_root()), scenario)


@st.cache_data(show_spinner=False, max_entries=32, hash_funcs=_BY_SCENARIO)
def _isochrones(root: str, scenario: Scenario, origin_text: str, mode: str, breaks: tuple[float, ...]) -> Any:
    surface = travel_time_surface(_network(root, scenario), origin(origin_text), mode=mode)
    return isochrone_polygons(surface, breaks=breaks)


def isochrones(scenario: Scenario, origin_text: str, mode: str = "best",
               breaks: tuple[float, ...] = (30, 60, 90, 120)) -> Any:
    """Isochrone polygons (GeoDataFrame, WGS-84) from an origin."""
    return _isochrones(str(data_root()), scenario, origin_text, mode, tuple(float(b) for b in breaks))


@st.cache_data(show_spinner=False, max_entries=16, hash_funcs={Scenario: repr})
def difference_bands(before: Scenario, after: Scenario, zone: str, mode: str) -> Any:
    """Where travel from a zone got faster or slower between two scenarios (difference bands, WGS-84)."""
    surfaces = [travel_time_surface(network(s), origin(zone), mode=mode) for s in (before, after)]
    return _difference_bands(*surfaces)


@st.cache_data(show_spinner=False, max_entries=16, hash_funcs={Scenario: repr})
def access_change(before: Scenario, after: Scenario, mode: str) -> pd.DataFrame:
    """People and GDP within 60 min from each zone and Tongxiang city, before and after (by ``mode``)."""
    return _access_change(network(before), network(after), mode=mode)


@st.cache_resource(show_spinner=False, max_entries=4)
def _names(root: str, lang: str) -> dict[str, dict[str, str]]:
    data = _load(root)
    rows = {kind: getattr(data, kind).drop(columns="geometry").to_dict("index")
            for kind in ("links", "zones", "places")}
    return {
        # a link is chosen by its name and id (several share a name)
        "links": {lid: f"{bilingual(row, lang)} ({lid})" for lid, row in rows["links"].items()},
        "zones": {z: name(row, lang) for z, row in rows["zones"].items()},
        "places": {p: name(row, lang) for p, row in rows["places"].items()},
    }


def names(kind: str, lang: str) -> dict[str, str]:
    """Display names of the data's ``links`` (with their id), ``zones`` or ``places`` in ``lang``, by id: made
    once per server, so a picker of two hundred links does not look each one up on every run."""
    return _names(str(data_root()), lang)[kind]


@st.cache_resource(show_spinner=False, max_entries=2)
def _link_speeds(root: str) -> dict[str, float]:
    data = _load(root)
    return {lid: v for lid in data.links.index if (v := link_speed(data, lid)) is not None}


def link_speeds() -> dict[str, float]:
    """``link_speed`` of every link whose speed an edit can set, by id (made once per server)."""
    return _link_speeds(str(data_root()))
