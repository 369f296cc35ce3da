"""Scenario files: read and validate YAML into a :class:`~wuzhen_geo.model.scenarios.Scenario`, and write it back.

Re-exported by :mod:`wuzhen_geo.model.scenarios` (``load_scenario``, ``scenario_to_yaml``, ``shipped_scenarios``);
the file format is described there. Every problem raises ``ScenarioError`` naming the file (or
``scenario`` for text and mappings), the field (``edits[2].speed_kmh``) and the fix.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from wuzhen_geo.data import Problem
from wuzhen_geo.errors import ScenarioError, WuzhenGeoError
from wuzhen_geo.vocabulary import CONTEXT_AREA, LINK_CLASSES, LINK_MODES, YEAR_RANGE
from wuzhen_geo.data.io import GeoData, read_yaml
from wuzhen_geo.model.scenarios import AddLink, Edit, RemoveLink, Scenario, SetHeadway, SetSpeed, Stop

__all__ = ["load_scenario", "scenario_to_yaml", "shipped_scenarios", "validate_scenarios"]

log = logging.getLogger(__name__)

# A drawn point outside the context area is almost surely swapped or in another datum.
_LON_RANGE = (CONTEXT_AREA[0], CONTEXT_AREA[2])
_LAT_RANGE = (CONTEXT_AREA[1], CONTEXT_AREA[3])


def _fail(label: str, where: str, problem: str, fix: str) -> ScenarioError:
    return ScenarioError(f"{label}: {where}: {problem}; {fix}")


def _number(value: Any, label: str, where: str, *, positive: bool = True) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or math.isnan(float(value)):
        raise _fail(label, where, f"{value!r} is not a number", "give a number")
    if positive and value <= 0:
        raise _fail(label, where, f"{value!r} is not positive", "give a number greater than 0")
    return float(value)


def _coord(value: Any, label: str, where: str) -> tuple[float, float]:
    if (
        not isinstance(value, (list, tuple))
        or len(value) != 2
        or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value)
    ):
        raise _fail(label, where, f"{value!r} is not a [lon, lat] pair", "write a coordinate as [lon, lat]")
    lon, lat = float(value[0]), float(value[1])
    if not (_LON_RANGE[0] <= lon <= _LON_RANGE[1] and _LAT_RANGE[0] <= lat <= _LAT_RANGE[1]):
        hint = " (lat and lon swapped?)" if _LON_RANGE[0] <= lat <= _LON_RANGE[1] else ""
        raise _fail(
            label, where, f"[{lon}, {lat}] lies outside the study area{hint}",
            "give WGS-84 [lon, lat] inside 118.5-123.5 E, 28.5-33 N",
        )
    return lon, lat


def _link_ref(value: Any, data: GeoData, label: str, where: str, added: set[str]) -> str:
    if not isinstance(value, str) or (value not in data.links.index and value not in added):
        raise _fail(label, where, f"unknown link {value!r}", "use a link id from geodata/links or an added link")
    return value


def _parse_add(raw: Mapping[str, Any], data: GeoData, label: str, where: str) -> AddLink:
    allowed = {"type", "id", "mode", "class", "stops", "speed_kmh", "headway_min", "minutes", "geometry",
               "oneway", "name_zh", "name_en"}
    _no_extra(raw, allowed, label, where)
    lid = raw.get("id")
    if not isinstance(lid, str) or not lid or not all(c.isascii() and (c.isalnum() or c == "_") for c in lid):
        raise _fail(label, f"{where}.id", f"{lid!r} is not a valid id", "give an id of [a-z0-9_], e.g. rl_custom")
    if lid in data.links.index or lid in data.places.index:
        raise _fail(label, f"{where}.id", f"{lid!r} already exists in the data", "choose a new id")
    mode = raw.get("mode")
    if mode not in LINK_MODES:
        raise _fail(label, f"{where}.mode", f"{mode!r} is not a mode", "use road, rail or walk")
    cls = raw.get("class")
    if cls not in LINK_CLASSES[mode]:
        raise _fail(label, f"{where}.class", f"{cls!r} is not a {mode} class",
                    "use one of " + ", ".join(sorted(LINK_CLASSES[mode])))
    stops_raw = raw.get("stops")
    if not isinstance(stops_raw, list) or len(stops_raw) < 2:
        raise _fail(label, f"{where}.stops", f"{stops_raw!r} is not a list of two or more stops",
                    "list place ids or [lon, lat] pairs in travel order")
    stops: list[Stop] = []
    for j, s in enumerate(stops_raw):
        if isinstance(s, str):
            if s not in data.places.index:
                raise _fail(label, f"{where}.stops[{j}]", f"unknown place {s!r}", "use a place id from geodata/places")
            stops.append(s)
        else:
            stops.append(_coord(s, label, f"{where}.stops[{j}]"))
    geometry = None
    if raw.get("geometry") is not None:
        g = raw["geometry"]
        if not isinstance(g, list) or len(g) < 2:
            raise _fail(label, f"{where}.geometry", "not a list of two or more [lon, lat] pairs",
                        "draw the line as [[lon, lat], [lon, lat], ...] or leave geometry out")
        geometry = tuple(_coord(c, label, f"{where}.geometry[{j}]") for j, c in enumerate(g))
    speed = None if raw.get("speed_kmh") is None else _number(raw["speed_kmh"], label, f"{where}.speed_kmh")
    headway = None if raw.get("headway_min") is None else _number(raw["headway_min"], label, f"{where}.headway_min")
    minutes = None if raw.get("minutes") is None else _number(raw["minutes"], label, f"{where}.minutes")
    if mode == "rail" and headway is None:
        raise _fail(label, f"{where}.headway_min", "missing for a rail link", "give minutes between trains")
    if mode == "walk" and minutes is None:
        raise _fail(label, f"{where}.minutes", "missing for a walk link", "give the walking time in minutes")
    oneway = raw.get("oneway", False)
    if not isinstance(oneway, bool):
        raise _fail(label, f"{where}.oneway", f"{oneway!r} is not true/false", "write true or false")
    return AddLink(
        id=lid, mode=mode, cls=cls, stops=tuple(stops), speed_kmh=speed, headway_min=headway, minutes=minutes,
        geometry=geometry, oneway=oneway,
        name_zh=str(raw["name_zh"]) if raw.get("name_zh") else None,
        name_en=str(raw["name_en"]) if raw.get("name_en") else None,
    )


def _no_extra(raw: Mapping[str, Any], allowed: set[str], label: str, where: str) -> None:
    extra = sorted(set(raw) - allowed)
    if extra:
        raise _fail(label, f"{where}.{extra[0]}", "unknown field", "allowed fields: " + ", ".join(sorted(allowed)))


def _parse_edit(raw: Any, data: GeoData, label: str, where: str, added: set[str]) -> Edit:
    if not isinstance(raw, Mapping):
        raise _fail(label, where, f"{raw!r} is not a mapping", "write each edit as {type: ..., ...}")
    kind = raw.get("type")
    if kind == "add_link":
        return _parse_add(raw, data, label, where)
    if kind == "remove_link":
        _no_extra(raw, {"type", "link"}, label, where)
        return RemoveLink(_link_ref(raw.get("link"), data, label, f"{where}.link", added))
    if kind == "set_speed":
        _no_extra(raw, {"type", "link", "speed_kmh"}, label, where)
        lid = _link_ref(raw.get("link"), data, label, f"{where}.link", added)
        return SetSpeed(lid, _number(raw.get("speed_kmh"), label, f"{where}.speed_kmh"))
    if kind == "set_headway":
        _no_extra(raw, {"type", "link", "headway_min"}, label, where)
        lid = _link_ref(raw.get("link"), data, label, f"{where}.link", added)
        if lid in data.links.index and data.links.at[lid, "mode"] != "rail":
            raise _fail(label, f"{where}.link", f"{lid!r} is not a rail link", "set headways on rail links only")
        return SetHeadway(lid, _number(raw.get("headway_min"), label, f"{where}.headway_min"))
    raise _fail(label, f"{where}.type", f"{kind!r} is not an edit type",
                "use add_link, remove_link, set_speed or set_headway")


def _id_list(raw: Any, known: set[str], label: str, where: str) -> tuple[str, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise _fail(label, where, f"{raw!r} is not a list", "write a list of project ids, e.g. [prj_...]")
    for j, pid in enumerate(raw):
        if pid not in known:
            raise _fail(label, f"{where}[{j}]", f"unknown project {pid!r}", "use a project id from projects.yaml")
    return tuple(raw)


def load_scenario(source: str | Path | Mapping[str, Any], data: GeoData) -> Scenario:
    """Read and validate a scenario from a YAML file, YAML text or a mapping.

    Raises ``ScenarioError`` naming the file (or ``scenario``), the field and the fix for: unknown fields,
    places, links or projects; non-positive speeds, headways or minutes; malformed coordinates.
    """
    label = "scenario"
    if isinstance(source, Mapping):
        raw: Any = source
    elif isinstance(source, Path) or (isinstance(source, str) and "\n" not in source
                                      and source.endswith((".yaml", ".yml"))):
        label = Path(source).name
        try:
            raw = read_yaml(Path(source))
        except Exception as exc:
            raise ScenarioError(str(exc)) from None
    elif isinstance(source, str):
        try:
            raw = yaml.safe_load(source)
        except yaml.YAMLError as exc:
            raise ScenarioError(f"scenario: not valid YAML ({exc})") from None
    else:
        raise ScenarioError(f"scenario: cannot read a {type(source).__name__}; pass a path, YAML text or a dict")
    if not isinstance(raw, Mapping):
        raise ScenarioError(f"{label}: the top level must be a mapping with at least 'name'")
    allowed = {"name", "title_zh", "title_en", "year", "projects_on", "projects_off", "edits"}
    _no_extra(raw, allowed, label, "scenario")
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise _fail(label, "name", f"{name!r} is not a name", "give the scenario a short name")
    year = raw.get("year")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int) or not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]):
        raise _fail(label, "year", f"{year!r} is not a year", f"give a year between {YEAR_RANGE[0]} and {YEAR_RANGE[1]}, or leave it out")
    known = {str(p.get("id")) for p in data.projects}
    on = _id_list(raw.get("projects_on"), known, label, "projects_on")
    off = _id_list(raw.get("projects_off"), known, label, "projects_off")
    edits_raw = raw.get("edits") or []
    if not isinstance(edits_raw, list):
        raise _fail(label, "edits", "not a list", "write edits as a list of {type: ..., ...}")
    added: set[str] = set()
    edits: list[Edit] = []
    for i, e in enumerate(edits_raw):
        edit = _parse_edit(e, data, label, f"edits[{i}]", added)
        if isinstance(edit, AddLink):
            added.add(edit.id)
        edits.append(edit)
    return Scenario(
        name=name.strip(),
        title_zh=str(raw.get("title_zh") or name),
        title_en=str(raw.get("title_en") or name),
        year=year,
        projects_on=on,
        projects_off=off,
        edits=tuple(edits),
    )


def _edit_to_dict(edit: Edit) -> dict[str, Any]:
    if isinstance(edit, AddLink):
        out: dict[str, Any] = {"type": "add_link", "id": edit.id, "mode": edit.mode, "class": edit.cls,
                               "stops": [s if isinstance(s, str) else list(s) for s in edit.stops]}
        for key in ("speed_kmh", "headway_min", "minutes", "name_zh", "name_en"):
            if getattr(edit, key) is not None:
                out[key] = getattr(edit, key)
        if edit.geometry is not None:
            out["geometry"] = [list(c) for c in edit.geometry]
        if edit.oneway:
            out["oneway"] = True
        return out
    if isinstance(edit, RemoveLink):
        return {"type": "remove_link", "link": edit.link}
    if isinstance(edit, SetSpeed):
        return {"type": "set_speed", "link": edit.link, "speed_kmh": edit.speed_kmh}
    return {"type": "set_headway", "link": edit.link, "headway_min": edit.headway_min}


class _PlainDumper(yaml.SafeDumper):
    """A safe dumper that writes a value shared by two keys twice instead of as an anchor and alias
    (``&id001`` / ``*id001`` puzzle anyone reading or editing the file by hand)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def scenario_to_yaml(scenario: Scenario) -> str:
    """YAML text that :func:`load_scenario` reads back to an equal :class:`Scenario`: UTF-8 names and key
    order kept, never an anchor or alias (it is also the file a planner downloads and edits by hand)."""
    doc: dict[str, Any] = {
        "name": scenario.name,
        "title_zh": scenario.title_zh,
        "title_en": scenario.title_en,
        "year": scenario.year,
        "projects_on": list(scenario.projects_on),
        "projects_off": list(scenario.projects_off),
        "edits": [_edit_to_dict(e) for e in scenario.edits],
    }
    return yaml.dump(doc, Dumper=_PlainDumper, allow_unicode=True, sort_keys=False, default_flow_style=None,
                     width=110)


def shipped_scenarios(data: GeoData) -> dict[str, Scenario]:
    """Every ``scenarios/*.yaml`` of the data folder, validated, by name (sorted by file name)."""
    folder = Path(data.root) / "scenarios"
    out: dict[str, Scenario] = {}
    for path in sorted(folder.glob("*.yaml")):
        s = load_scenario(path, data)
        if s.name in out:
            raise ScenarioError(f"{path.name}: name: {s.name!r} is used by another scenario file; rename one")
        out[s.name] = s
    return out


def validate_scenarios(data: GeoData) -> list[Problem]:
    """Load every ``scenarios/*.yaml`` of the folder against the data; each failure is one problem."""
    folder = Path(data.root) / "scenarios"
    problems: list[Problem] = []
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        try:
            scenario = load_scenario(path, data)
        except WuzhenGeoError as exc:
            problems.append(Problem(f"scenarios/{path.name}", "-", "-", str(exc), "fix the scenario file"))
            continue
        if scenario.name != path.stem:
            problems.append(Problem(f"scenarios/{path.name}", scenario.name, "name",
                                    f"name {scenario.name!r} differs from the file name",
                                    f"name the scenario {path.stem!r} (the app and CLI find it by file name)"))
    return problems
