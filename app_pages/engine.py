"""Cached calls into the travel-time engine for the pages.

A scenario is passed around as its YAML text (``scenario_to_yaml``): hashable, so it keys the caches, and
the same text a user downloads. Networks are ``st.cache_resource`` (shared, read-only, a few kept);
tables are ``st.cache_data`` (copied per caller).
"""

from __future__ import annotations

import dataclasses
import logging
import re
from typing import Any

import pandas as pd
import streamlit as st
import yaml

from app_pages.common import _load, data_root

__all__ = [
    "dump_yaml",
    "scenario_yaml",
    "scenario_from_yaml",
    "network",
    "airport_table",
    "trip",
    "comparison",
    "indicators",
    "isochrones",
    "origin",
]

log = logging.getLogger(__name__)


class _PlainDumper(yaml.SafeDumper):
    """A safe dumper that writes a value shared by two keys twice instead of as an anchor and alias
    (``&id001`` / ``*id001`` puzzle anyone reading or editing the file by hand)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


#: An anchor or alias as PyYAML writes them (``&id001``, ``*id001``) at the start of a value.
_ANCHOR = re.compile(r"(?:^|[\s\[{,:-])[&*]id\d{3,}\b", re.MULTILINE)


def dump_yaml(value: Any) -> str:
    """YAML text of a plain mapping/list: UTF-8 names kept, key order kept, no anchors or aliases."""
    return yaml.dump(value, Dumper=_PlainDumper, allow_unicode=True, sort_keys=False, default_flow_style=None,
                     width=110)


def scenario_yaml(scenario: Any | None, year: int | None = None) -> str:
    """YAML text of ``scenario`` (or of the network in ``year`` when no scenario), with ``year`` applied;
    never with anchors or aliases (it is also the file a planner downloads)."""
    from wuzhen_geo.model.scenarios import TODAY
    from wuzhen_geo.model.scenario_files import scenario_to_yaml

    scenario = scenario or TODAY
    if year is not None:
        scenario = dataclasses.replace(scenario, year=int(year))
    text = scenario_to_yaml(scenario)
    if _ANCHOR.search(text):  # the writer shared a list between two keys: write it out in full
        text = dump_yaml(yaml.safe_load(text))
    return text


def scenario_from_yaml(text: str) -> Any:
    """Parse and validate scenario YAML against the base data (``ScenarioError`` names the problem)."""
    from wuzhen_geo.model.scenario_files import load_scenario

    return load_scenario(text if "\n" in text else text + "\n", _load(str(data_root())))


@st.cache_resource(show_spinner=False, max_entries=12)
def _network(root: str, text: str) -> Any:
    from wuzhen_geo.model.network import build_network
    from wuzhen_geo.model.scenario_files import load_scenario

    data = _load(root)
    return build_network(data, load_scenario(text, data))


def network(text: str) -> Any:
    """The network of a scenario (YAML text), built once per server and shared read-only."""
    return _network(str(data_root()), text)


def origin(text: str, system: str = "wgs84") -> Any:
    """Resolve user input (id, name, code or pasted coordinate in `system`) to an origin (see places)."""
    from wuzhen_geo.answers.places import resolve_origin

    return resolve_origin(_load(str(data_root())), text, system=system)


@st.cache_data(show_spinner=False, max_entries=256)
def _airport_table(root: str, text: str, origin_text: str, lang: str) -> pd.DataFrame:
    from types import SimpleNamespace

    from wuzhen_geo.answers.analysis import airport_times, legs_text

    net = _network(root, text)
    table = airport_times(net, origin(origin_text))
    table["legs_text"] = [
        legs_text(SimpleNamespace(legs=legs), net.data, lang=lang) if ok else reason
        for ok, legs, reason in zip(table["reachable"], table["legs"], table["legs_text"])
    ]
    return table


def airport_table(text: str, origin_text: str, lang: str) -> pd.DataFrame:
    """``analysis.airport_times`` for an origin (id, name or ``"lat,lon"``), legs described in ``lang``."""
    return _airport_table(str(data_root()), text, origin_text, lang)


def trip(text: str, origin_text: str, destination: str, mode: str) -> Any:
    """One route (not cached: cheap, and drawn at once)."""
    from wuzhen_geo.model.routing import route

    return route(network(text), origin(origin_text), destination, mode=mode)


@st.cache_data(show_spinner=False, max_entries=64)
def _comparison(root: str, before: str, after: str, destinations: tuple[str, ...] | None, mode: str) -> pd.DataFrame:
    from wuzhen_geo.answers.analysis import compare

    return compare(_network(root, before), _network(root, after), None,
                   list(destinations) if destinations else None, mode=mode)


def comparison(before: str, after: str, destinations: list[str] | None = None, mode: str = "best") -> pd.DataFrame:
    """``analysis.compare`` from every zone, before vs after."""
    return _comparison(str(data_root()), before, after, tuple(destinations) if destinations else None, mode)


@st.cache_data(show_spinner=False, max_entries=64)
def _indicators(root: str, text: str) -> pd.DataFrame:
    from wuzhen_geo.answers.analysis import plan_indicators

    return plan_indicators(_network(root, text))


def indicators(text: str) -> pd.DataFrame:
    """``analysis.plan_indicators`` of a scenario."""
    return _indicators(str(data_root()), text)


@st.cache_data(show_spinner=False, max_entries=32)
def _isochrones(root: str, text: str, origin_text: str, mode: str, breaks: tuple[float, ...]) -> Any:
    from wuzhen_geo.answers.surfaces import isochrone_polygons, travel_time_surface

    surface = travel_time_surface(_network(root, text), origin(origin_text), mode=mode)
    return isochrone_polygons(surface, breaks=breaks)


def isochrones(text: str, origin_text: str, mode: str = "best", breaks: tuple[float, ...] = (30, 60, 90, 120)) -> Any:
    """Isochrone polygons (GeoDataFrame, WGS-84) from an origin."""
    return _isochrones(str(data_root()), text, origin_text, mode, tuple(float(b) for b in breaks))
