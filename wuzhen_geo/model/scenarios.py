"""Scenarios: the network in a given year, with projects switched on or off and edits on top.

A :class:`Scenario` is frozen and holds no data, only choices. :func:`active_features` turns it into the set
of active places and links, and the edits that :mod:`wuzhen_geo.model.network` applies while building; neither ever
touches the :class:`~wuzhen_geo.data.io.GeoData`.

Which features are active, in order:

1. features with status ``open`` and ``open_year`` null or <= year; features of any other status whose
   ``open_year`` is <= year (a null year never opens by itself); a ``connector`` road with no year of its own
   opens with its places (an airport's or a station's access road does not bring it in before it opened);
2. plus every member of ``projects_on``; minus every member of ``projects_off``;
3. minus the links named in ``replaces`` by an active link;
4. plus the places that active links stop at (a link cannot run without its nodes), and, for a place
   switched on early by step 2 or 4, its own access roads: inactive ``connector`` roads whose nodes are all
   active (a planned station comes with its station road unless that road's project is switched off);
5. then the edits, in order: ``add_link``, ``remove_link``, ``set_speed``, ``set_headway``.

Scenario files are YAML, safe-loaded::

    name: example
    title_zh: 示例
    title_en: Example
    year: 2030
    projects_on: [prj_...]
    projects_off: []
    edits:
      - {type: add_link, id: rl_custom, mode: rail, class: intercity, stops: [city_wuzhen, [120.56, 30.54]],
         speed_kmh: 120, headway_min: 30}
      - {type: remove_link, link: rd_...}
      - {type: set_speed, link: rd_..., speed_kmh: 60}
      - {type: set_headway, link: rl_..., headway_min: 10}

``stops`` of an added link are place ids or ``[lon, lat]`` pairs (WGS-84); a drawn stop becomes a new node
joined to the nearest road nodes like a point origin. ``geometry`` (a list of ``[lon, lat]``) is optional;
a straight line through the stops is used without it.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Union

from wuzhen_geo.errors import ScenarioError
from wuzhen_geo.vocabulary import DATA_YEAR
from wuzhen_geo.data.io import GeoData

__all__ = [
    "AddLink",
    "ActiveFeatures",
    "Edit",
    "RemoveLink",
    "Scenario",
    "SetHeadway",
    "SetSpeed",
    "TODAY",
    "active_features",
]

log = logging.getLogger(__name__)

Stop = Union[str, tuple[float, float]]



@dataclass(frozen=True)
class AddLink:
    """A new link. Rail needs ``headway_min``; walk needs ``minutes``; speed defaults to the class default."""

    id: str
    mode: str
    cls: str
    stops: tuple[Stop, ...]
    speed_kmh: float | None = None
    headway_min: float | None = None
    minutes: float | None = None
    geometry: tuple[tuple[float, float], ...] | None = None
    oneway: bool = False
    name_zh: str | None = None
    name_en: str | None = None
    type: str = field(default="add_link", init=False)


@dataclass(frozen=True)
class RemoveLink:
    link: str
    type: str = field(default="remove_link", init=False)


@dataclass(frozen=True)
class SetSpeed:
    link: str
    speed_kmh: float
    type: str = field(default="set_speed", init=False)


@dataclass(frozen=True)
class SetHeadway:
    link: str
    headway_min: float
    type: str = field(default="set_headway", init=False)


Edit = Union[AddLink, RemoveLink, SetSpeed, SetHeadway]


@dataclass(frozen=True)
class Scenario:
    """A named network state. ``year`` None means the configuration's year (:data:`~wuzhen_geo.vocabulary.DATA_YEAR` by default)."""

    name: str
    title_zh: str = ""
    title_en: str = ""
    year: int | None = None
    projects_on: tuple[str, ...] = ()
    projects_off: tuple[str, ...] = ()
    edits: tuple[Edit, ...] = ()
    #: Which reading of planned services to run (one of :data:`~wuzhen_geo.vocabulary.SERVICE_READINGS`); None
    #: leaves it to ``ModelConfig.service_reading``. The network builder applies it.
    service_reading: str | None = None


#: The network as the data describe it in the data year: no project switched, no edit.
TODAY = Scenario(name="today", title_zh="现状", title_en="Today")


@dataclass(frozen=True)
class ActiveFeatures:
    """What a scenario switches on: ids of places and links, per-link overrides and added links."""

    places: frozenset[str]
    links: frozenset[str]
    speed_kmh: Mapping[str, float]
    headway_min: Mapping[str, float]
    added: tuple[AddLink, ...]


# --------------------------------------------------------------------------------------------- activation


def _no_year(open_year: Any) -> bool:
    return open_year is None or (isinstance(open_year, float) and math.isnan(open_year))


def _is_active(status: Any, open_year: Any, year: int) -> bool:
    y = None if open_year is None or (isinstance(open_year, float) and math.isnan(open_year)) else int(open_year)
    if status == "open":
        return y is None or y <= year
    return y is not None and y <= year


def _project_members(data: GeoData) -> dict[str, list[str]]:
    return {str(p.get("id")): list(p.get("members") or []) for p in data.projects}


def active_features(data: GeoData, scenario: Scenario | None = None, *, year: int = DATA_YEAR) -> ActiveFeatures:
    """The places and links a scenario switches on (see the module docstring for the rules).

    ``year`` is used only when the scenario has none. The scenario is assumed validated
    (:func:`~wuzhen_geo.model.scenario_files.load_scenario`); unknown ids in it raise ``ScenarioError`` all the
    same.
    """
    scenario = scenario or TODAY
    year = scenario.year if scenario.year is not None else year
    places = data.places
    links = data.links
    on_places = {
        pid for pid, st, oy in zip(places.index, places.get("status", []), places.get("open_year", []))
        if _is_active(st, oy, year)
    }
    on_links = {
        lid for lid, st, oy in zip(links.index, links.get("status", []), links.get("open_year", []))
        if _is_active(st, oy, year)
    }
    if "nodes" in links.columns and "class" in links.columns:
        on_links -= {lid for lid in on_links if links.at[lid, "class"] == "connector" and _no_year(
            links.at[lid, "open_year"] if "open_year" in links.columns else None) and not all(
            n in on_places for n in links.at[lid, "nodes"] if n in places.index)}
    by_year = set(on_places)
    members = _project_members(data)
    switched_off: set[str] = set()
    for pid in scenario.projects_on:
        for m in _members_or_raise(members, pid, "projects_on"):
            (on_links if m in links.index else on_places).add(m)
    for pid in scenario.projects_off:
        for m in _members_or_raise(members, pid, "projects_off"):
            switched_off.add(m)
            on_links.discard(m)
            on_places.discard(m)
    if "replaces" in links.columns:
        replaced: set[str] = set()
        for lid in on_links:
            rep = links.at[lid, "replaces"]
            if isinstance(rep, (list, tuple)):
                replaced.update(rep)
        on_links -= replaced
    removed: set[str] = set()
    speed: dict[str, float] = {}
    headway: dict[str, float] = {}
    added: list[AddLink] = []
    for i, edit in enumerate(scenario.edits):
        if isinstance(edit, AddLink):
            added = [a for a in added if a.id != edit.id] + [edit]
            on_links.discard(edit.id)
        elif isinstance(edit, RemoveLink):
            on_links.discard(edit.link)
            removed.add(edit.link)
            added = [a for a in added if a.id != edit.link]
        elif isinstance(edit, SetSpeed):
            speed[edit.link] = float(edit.speed_kmh)
        elif isinstance(edit, SetHeadway):
            headway[edit.link] = float(edit.headway_min)
        else:  # pragma: no cover - guarded by the dataclasses
            raise ScenarioError(f"edits[{i}]: unknown edit {edit!r}")
    # The stops of added links are on before access roads are chosen: a proposed station linked by an edit
    # needs its connector as much as one switched on by a project (else the link reaches nothing).
    for a in added:
        on_places.update(s for s in a.stops if isinstance(s, str))
    if "nodes" in links.columns:
        # Links need their stops: a link that is on switches its places on.
        for lid in on_links:
            on_places.update(n for n in links.at[lid, "nodes"] if n in places.index)
        # A place switched on early (by a project or a link) comes with its own access roads, so that a
        # planned station is reachable from the street: inactive connectors whose nodes are all on.
        early = on_places - by_year
        kept_off = switched_off | removed
        for lid, mode, cls, nodes in zip(links.index, links["mode"], links["class"], links["nodes"]):
            if (mode == "road" and cls == "connector" and lid not in on_links and lid not in kept_off
                    and isinstance(nodes, (list, tuple)) and set(nodes) <= on_places and early & set(nodes)):
                on_links.add(lid)
    return ActiveFeatures(
        places=frozenset(on_places),
        links=frozenset(on_links),
        speed_kmh=speed,
        headway_min=headway,
        added=tuple(added),
    )


def _members_or_raise(members: dict[str, list[str]], pid: str, field_name: str) -> list[str]:
    if pid not in members:
        raise ScenarioError(f"{field_name}: unknown project {pid!r}; use an id from projects.yaml")
    return members[pid]
