"""Scenario files: read and validate YAML into a :class:`~wuzhen_geo.model.scenarios.Scenario`, and write it back.

Re-exported by :mod:`wuzhen_geo.model.scenarios` (``load_scenario``, ``scenario_to_yaml``, ``shipped_scenarios``);
the file format is described there. Every problem raises ``ScenarioError`` naming the file (or
``scenario`` for text and mappings), the field (``edits[2].speed_kmh``) and the fix.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from wuzhen_geo.data import Problem, safe_yaml, yaml_problem
from wuzhen_geo.errors import ScenarioError, WuzhenGeoError
from wuzhen_geo.vocabulary import (CONTEXT_AREA, HEADWAY_RANGE, HIDDEN_CHARACTERS, LINK_CLASSES, LINK_MODES, MAX_EDITS,
                                   MAX_GEOMETRY_VERTICES, MAX_SCENARIO_BYTES, MAX_STOPS, MAX_TEXT_CHARS,
                                   NOT_IN_FILE_NAMES, SERVICE_READINGS, SPEED_RANGE, SPEED_RANGE_BY_CLASS,
                                   WALK_MINUTES_RANGE, YEAR_RANGE, quoted)
from wuzhen_geo.data.io import GeoData, read_yaml
from wuzhen_geo.model.scenarios import AddLink, Edit, RemoveLink, Scenario, SetHeadway, SetSpeed, Stop

__all__ = ["load_scenario", "scenario_to_yaml", "shipped_scenarios", "validate_scenarios"]

log = logging.getLogger(__name__)

# A drawn point outside the context area is almost surely swapped or in another datum.
_LON_RANGE = (CONTEXT_AREA[0], CONTEXT_AREA[2])
_LAT_RANGE = (CONTEXT_AREA[1], CONTEXT_AREA[3])


def _fail(label: str, where: str, problem: str, fix: str) -> ScenarioError:
    return ScenarioError(f"{label}: {where}: {problem}; {fix}")


def _finite(value: Any) -> float | None:
    """``value`` as a finite float, or None for anything else (text, bool, NaN, infinity, a 300-digit int)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        number = float(value)
    except OverflowError:
        return None
    return number if math.isfinite(number) else None


def _number(value: Any, label: str, where: str, allowed: tuple[float, float], unit: str, why: str = "") -> float:
    """A finite number inside ``allowed`` (both ends included), or ``ScenarioError`` naming the range."""
    number = _finite(value)
    lo, hi = allowed
    if number is not None and lo <= number <= hi:
        return number
    if isinstance(value, str) and re.fullmatch(r"\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*", value):
        # YAML reads "120" and 1e9 (an exponent without a point and sign) as text: say so, not "no number"
        how = " (an exponent is written 1.0e+9)" if "e" in value.lower() else " (without quotes)"
        problem = f"{quoted(value)} is read as text, not as a number{how}"
    elif isinstance(value, bool) or not isinstance(value, (int, float)):
        problem = f"{quoted(value)} is not a number"
    elif number is None:
        problem = f"{quoted(value)} is not a finite number"
    elif number <= 0:
        problem = f"{quoted(value)} is not positive"
    else:
        problem = f"{quoted(value)} {unit} is outside the plausible range{why}"
    raise _fail(label, where, problem, f"give a number from {lo:g} to {hi:g} {unit}")


def _speed_range(mode: str, cls: str, label: str, where: str) -> tuple[tuple[float, float], str]:
    """The speeds an edit may give a link of this mode and class, and the words that say why."""
    if mode == "walk":
        raise _fail(label, where, "a walk link has minutes, not a speed", "change its minutes instead")
    if cls in SPEED_RANGE_BY_CLASS:
        return SPEED_RANGE_BY_CLASS[cls], f" for a {cls} {mode} link"
    return SPEED_RANGE.get(mode, SPEED_RANGE["rail"]), f" for a {mode} link"


def _text(value: Any, label: str, where: str) -> str:
    text = str(value)
    if len(text) > MAX_TEXT_CHARS:
        raise _fail(label, where, f"{len(text):,} characters is too long",
                    f"keep it to {MAX_TEXT_CHARS} characters")
    if (bad := HIDDEN_CHARACTERS.search(text)) is not None:
        raise _fail(label, where, f"has the hidden character U+{ord(bad.group()):04X}", "remove it")
    return text


def _file_name(value: str, label: str) -> str:
    """The scenario's name, which names its file: no folder parts, no characters file systems refuse."""
    if (bad := NOT_IN_FILE_NAMES.search(value)) is not None or value.strip() in (".", ".."):
        raise _fail(label, "name", f"{f'the character {bad.group()!r}' if bad else quoted(value)} cannot be in "
                    'a file name', 'use letters, digits, spaces, "-" and "_" (the name becomes the file name)')
    return value


def _coord(value: Any, label: str, where: str) -> tuple[float, float]:
    if (
        not isinstance(value, (list, tuple))
        or len(value) != 2
        or any(_finite(v) is None for v in value)
    ):
        raise _fail(label, where, f"{quoted(value)} is not a [lon, lat] pair of finite numbers",
                    "write a coordinate as [lon, lat]")
    lon, lat = float(value[0]), float(value[1])
    if not (_LON_RANGE[0] <= lon <= _LON_RANGE[1] and _LAT_RANGE[0] <= lat <= _LAT_RANGE[1]):
        hint = " (lat and lon swapped?)" if _LON_RANGE[0] <= lat <= _LON_RANGE[1] else ""
        raise _fail(
            label, where, f"[{lon}, {lat}] lies outside the study area{hint}",
            "give WGS-84 [lon, lat] inside 118.5-123.5 E, 28.5-33 N",
        )
    return lon, lat


def _link_ref(value: Any, data: GeoData, label: str, where: str, added: Mapping[str, AddLink]) -> str:
    if not isinstance(value, str) or (value not in data.links.index and value not in added):
        raise _fail(label, where, f"unknown link {quoted(value)}",
                    "use the id of a link on the map (its popup shows it) or of a link the scenario adds")
    return value


def _mode_and_class(lid: str, data: GeoData, added: Mapping[str, AddLink]) -> tuple[str, str]:
    if lid in added:
        return added[lid].mode, added[lid].cls
    return str(data.links.at[lid, "mode"]), str(data.links.at[lid, "class"])


def _parse_add(raw: Mapping[str, Any], data: GeoData, label: str, where: str,
               added: Mapping[str, AddLink]) -> AddLink:
    allowed = {"type", "id", "mode", "class", "stops", "speed_kmh", "headway_min", "minutes", "geometry",
               "oneway", "name_zh", "name_en"}
    _no_extra(raw, allowed, label, where)
    lid = raw.get("id")
    if not isinstance(lid, str) or not lid or not all(c.isascii() and (c.isalnum() or c == "_") for c in lid):
        raise _fail(label, f"{where}.id", f"{quoted(lid)} is not a valid id", "give an id of [a-z0-9_], e.g. rl_custom")
    if len(lid) > MAX_TEXT_CHARS:
        raise _fail(label, f"{where}.id", "the id is too long", f"keep it to {MAX_TEXT_CHARS} characters")
    if lid in data.links.index or lid in data.places.index:
        raise _fail(label, f"{where}.id", f"{lid!r} already exists in the data", "choose a new id")
    if lid in added:
        raise _fail(label, f"{where}.id", f"{lid!r} is added by an earlier edit",
                    "choose a new id, or change the earlier edit")
    mode = raw.get("mode")
    if not isinstance(mode, str) or mode not in LINK_MODES:
        raise _fail(label, f"{where}.mode", f"{quoted(mode)} is not a mode", "use road, rail or walk")
    cls = raw.get("class")
    if not isinstance(cls, str) or cls not in LINK_CLASSES[mode]:
        raise _fail(label, f"{where}.class", f"{quoted(cls)} is not a {mode} class",
                    "use one of " + ", ".join(sorted(LINK_CLASSES[mode])))
    stops_raw = raw.get("stops")
    if not isinstance(stops_raw, list) or len(stops_raw) < 2:
        raise _fail(label, f"{where}.stops", f"{quoted(stops_raw)} is not a list of two or more stops",
                    "list place ids or [lon, lat] pairs in travel order")
    if len(stops_raw) > MAX_STOPS:
        raise _fail(label, f"{where}.stops", f"{len(stops_raw):,} stops are too many",
                    f"give at most {MAX_STOPS} stops")
    stops: list[Stop] = []
    for j, s in enumerate(stops_raw):
        if isinstance(s, str):
            if s not in data.places.index:
                raise _fail(label, f"{where}.stops[{j}]", f"unknown place {quoted(s)}",
                            "use the id of a place on the map (its popup shows it), or pick the place from the "
                            "planner's list")
            stops.append(s)
        else:
            stops.append(_coord(s, label, f"{where}.stops[{j}]"))
        if j and stops[j] == stops[j - 1]:  # a link from a place to itself: no link at all
            raise _fail(label, f"{where}.stops[{j}]", f"{quoted(s)} is the stop before it too",
                        "give two different places (or points) in a row")
    geometry = None
    if raw.get("geometry") is not None:
        g = raw["geometry"]
        if not isinstance(g, list) or len(g) < 2:
            raise _fail(label, f"{where}.geometry", "not a list of two or more [lon, lat] pairs",
                        "draw the line as [[lon, lat], [lon, lat], ...] or leave geometry out")
        if len(g) > MAX_GEOMETRY_VERTICES:
            raise _fail(label, f"{where}.geometry", f"{len(g):,} points are too many",
                        f"simplify the line to at most {MAX_GEOMETRY_VERTICES:,} points")
        geometry = tuple(_coord(c, label, f"{where}.geometry[{j}]") for j, c in enumerate(g))
    speed = headway = minutes = None
    if raw.get("speed_kmh") is not None:
        allowed, why = _speed_range(mode, cls, label, f"{where}.speed_kmh")
        speed = _number(raw["speed_kmh"], label, f"{where}.speed_kmh", allowed, "km/h", why)
    if raw.get("headway_min") is not None:
        headway = _number(raw["headway_min"], label, f"{where}.headway_min", HEADWAY_RANGE, "min",
                          " between trains")
    if raw.get("minutes") is not None:
        minutes = _number(raw["minutes"], label, f"{where}.minutes", WALK_MINUTES_RANGE, "min", " for a walk")
    if mode == "rail" and headway is None:
        raise _fail(label, f"{where}.headway_min", "missing for a rail link", "give minutes between trains")
    if mode == "walk" and minutes is None:
        raise _fail(label, f"{where}.minutes", "missing for a walk link", "give the walking time in minutes")
    oneway = raw.get("oneway", False)
    if not isinstance(oneway, bool):
        raise _fail(label, f"{where}.oneway", f"{quoted(oneway)} is not true/false", "write true or false")
    return AddLink(
        id=lid, mode=mode, cls=cls, stops=tuple(stops), speed_kmh=speed, headway_min=headway, minutes=minutes,
        geometry=geometry, oneway=oneway,
        name_zh=_text(raw["name_zh"], label, f"{where}.name_zh") if raw.get("name_zh") else None,
        name_en=_text(raw["name_en"], label, f"{where}.name_en") if raw.get("name_en") else None,
    )


def _no_extra(raw: Mapping[str, Any], allowed: set[str], label: str, where: str) -> None:
    extra = sorted((str(k) for k in set(raw) - allowed), key=str)
    if extra:
        raise _fail(label, f"{where}.{extra[0][:40]}", "unknown field",
                    "allowed fields: " + ", ".join(sorted(allowed)))


def _parse_edit(raw: Any, data: GeoData, label: str, where: str, added: Mapping[str, AddLink]) -> Edit:
    if not isinstance(raw, Mapping):
        raise _fail(label, where, f"{quoted(raw)} is not a mapping", "write each edit as {type: ..., ...}")
    kind = raw.get("type")
    if kind == "add_link":
        return _parse_add(raw, data, label, where, added)
    if kind == "remove_link":
        _no_extra(raw, {"type", "link"}, label, where)
        return RemoveLink(_link_ref(raw.get("link"), data, label, f"{where}.link", added))
    if kind == "set_speed":
        _no_extra(raw, {"type", "link", "speed_kmh"}, label, where)
        lid = _link_ref(raw.get("link"), data, label, f"{where}.link", added)
        allowed, why = _speed_range(*_mode_and_class(lid, data, added), label, f"{where}.link")
        return SetSpeed(lid, _number(raw.get("speed_kmh"), label, f"{where}.speed_kmh", allowed, "km/h", why))
    if kind == "set_headway":
        _no_extra(raw, {"type", "link", "headway_min"}, label, where)
        lid = _link_ref(raw.get("link"), data, label, f"{where}.link", added)
        if _mode_and_class(lid, data, added)[0] != "rail":
            raise _fail(label, f"{where}.link", f"{lid!r} is not a rail link", "set headways on rail links only")
        return SetHeadway(lid, _number(raw.get("headway_min"), label, f"{where}.headway_min", HEADWAY_RANGE, "min",
                                       " between trains"))
    raise _fail(label, f"{where}.type", f"{quoted(kind)} is not an edit type",
                "use add_link, remove_link, set_speed or set_headway")


def _id_list(raw: Any, known: set[str], label: str, where: str) -> tuple[str, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise _fail(label, where, f"{quoted(raw)} is not a list", "write a list of project ids, e.g. [prj_...]")
    for j, pid in enumerate(raw):
        if not isinstance(pid, str) or pid not in known:
            raise _fail(label, f"{where}[{j}]", f"unknown project {quoted(pid)}", "use a project id from projects.yaml")
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
            raw = read_yaml(Path(source), max_bytes=MAX_SCENARIO_BYTES)
        except Exception as exc:
            raise ScenarioError(str(exc)) from None
    elif isinstance(source, str):
        size = len(source.encode("utf-8", "surrogatepass"))
        if size > MAX_SCENARIO_BYTES:
            raise ScenarioError(f"scenario: {size:,} bytes, more than the {MAX_SCENARIO_BYTES:,} bytes a scenario "
                                "may have; remove edits or simplify drawn lines")
        try:
            raw = safe_yaml(source)  # no aliases (a few bytes could expand to gigabytes), bounded nesting
        except yaml.YAMLError as exc:
            # where to look and what to check, for someone who wrote the file by hand
            raise ScenarioError(f"scenario: YAML syntax error at {yaml_problem(exc)}; check the indentation and "
                                "the colons there (items of a list line up under each other)") from None
    else:
        raise ScenarioError(f"scenario: cannot read a {type(source).__name__}; pass a path, YAML text or a dict")
    if not isinstance(raw, Mapping):
        raise ScenarioError(f"{label}: the top level must be a mapping with at least 'name'")
    allowed = {"name", "title_zh", "title_en", "year", "projects_on", "projects_off", "edits", "service_reading"}
    _no_extra(raw, allowed, label, "scenario")
    reading = raw.get("service_reading")
    if reading is not None and reading not in SERVICE_READINGS:
        raise _fail(label, "service_reading", f"{quoted(reading)} is not a reading",
                    f"use one of {', '.join(SERVICE_READINGS)}, or leave it out")
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise _fail(label, "name", "missing" if name is None else f"{quoted(name)} is not a name",
                    "give the scenario a short name, e.g. name: my-plan")
    name = _file_name(_text(name, label, "name"), label)
    year = raw.get("year")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int) or not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]):
        raise _fail(label, "year", f"{quoted(year)} is not a year", f"give a year between {YEAR_RANGE[0]} and {YEAR_RANGE[1]}, or leave it out")
    known = {str(p.get("id")) for p in data.projects}
    on = _id_list(raw.get("projects_on"), known, label, "projects_on")
    off = _id_list(raw.get("projects_off"), known, label, "projects_off")
    edits_raw = raw.get("edits") or []
    if not isinstance(edits_raw, list):
        raise _fail(label, "edits", "not a list", "write edits as a list of {type: ..., ...}")
    if len(edits_raw) > MAX_EDITS:
        raise _fail(label, "edits", f"{len(edits_raw):,} edits are too many",
                    f"keep a scenario to {MAX_EDITS:,} edits (split it into several)")
    added: dict[str, AddLink] = {}
    removed: dict[str, int] = {}  # link id -> the edit that removes it
    edits: list[Edit] = []
    for i, e in enumerate(edits_raw):
        edit = _parse_edit(e, data, label, f"edits[{i}]", added)
        if isinstance(edit, AddLink):
            added[edit.id] = edit
        elif edit.link in removed:  # a change to a removed link would do nothing, and say nothing
            raise _fail(label, f"edits[{i}].link", f"{edit.link!r} is removed by edits[{removed[edit.link]}]",
                        "drop one of the two edits")
        if isinstance(edit, RemoveLink):
            removed[edit.link] = i
        edits.append(edit)
    return Scenario(
        name=name.strip(),
        title_zh=_text(raw.get("title_zh") or name, label, "title_zh"),
        title_en=_text(raw.get("title_en") or name, label, "title_en"),
        year=year,
        projects_on=on,
        projects_off=off,
        edits=tuple(edits),
        service_reading=reading,
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
    if scenario.service_reading is not None:
        doc["service_reading"] = scenario.service_reading
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
