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
from wuzhen_geo.i18n import LANGS, t
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


def _say(key: str, **values: Any) -> dict[str, str]:
    """The string ``key`` in each language; a value that is itself a ``_say`` is taken in the same language."""
    return {lang: t(key, lang, **{k: v[lang] if isinstance(v, dict) else v for k, v in values.items()})
            for lang in LANGS}


def _fail(label: str, where: str | None, key: str, **values: Any) -> ScenarioError:
    """The error naming the file, the field (``where``) and what is wrong and the fix (``key``), in both
    languages (the English text is its message)."""
    said = _say(key, **values)
    at_en, at_zh = (f"{where}: ", f"{where}：") if where else ("", "")
    return ScenarioError(f"{label}: {at_en}{said['en']}", text_zh=f"{label}：{at_zh}{said['zh']}")


def _finite(value: Any) -> float | None:
    """``value`` as a finite float, or None for anything else (text, bool, NaN, infinity, a 300-digit int)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        number = float(value)
    except OverflowError:
        return None
    return number if math.isfinite(number) else None


def _number(value: Any, label: str, where: str, allowed: tuple[float, float], unit: str,
            why: dict[str, str] | None = None) -> float:
    """A finite number inside ``allowed`` (both ends included), or ``ScenarioError`` naming the range."""
    number = _finite(value)
    lo, hi = allowed
    if number is not None and lo <= number <= hi:
        return number
    said = {"value": quoted(value), "lo": f"{lo:g}", "hi": f"{hi:g}", "unit": unit}
    if isinstance(value, str) and re.fullmatch(r"\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*", value):
        # YAML reads "120" and 1e9 (an exponent without a point and sign) as text: say so, not "no number"
        how = _say("sf_how_exponent" if "e" in value.lower() else "sf_how_quotes")
        raise _fail(label, where, "sf_number_as_text", how=how, **said)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _fail(label, where, "sf_not_number", **said)
    if number is None:
        raise _fail(label, where, "sf_not_finite", **said)
    if number <= 0:
        raise _fail(label, where, "sf_not_positive", **said)
    raise _fail(label, where, "sf_out_of_range", why=why or {"zh": "", "en": ""}, **said)


def _speed_range(mode: str, cls: str, label: str, where: str) -> tuple[tuple[float, float], dict[str, str]]:
    """The speeds an edit may give a link of this mode and class, and the words that say why."""
    if mode == "walk":
        raise _fail(label, where, "sf_walk_no_speed")
    if cls in SPEED_RANGE_BY_CLASS:
        return SPEED_RANGE_BY_CLASS[cls], _say("sf_why_class", cls=cls, mode=mode)
    return SPEED_RANGE.get(mode, SPEED_RANGE["rail"]), _say("sf_why_mode", mode=mode)


def _text(value: Any, label: str, where: str) -> str:
    text = str(value)
    if len(text) > MAX_TEXT_CHARS:
        raise _fail(label, where, "sf_too_long", n=f"{len(text):,}", max=MAX_TEXT_CHARS)
    if (bad := HIDDEN_CHARACTERS.search(text)) is not None:
        raise _fail(label, where, "sf_hidden_char", code=f"{ord(bad.group()):04X}")
    return text


def _file_name(value: str, label: str) -> str:
    """The scenario's name, which names its file: no folder parts, no characters file systems refuse."""
    if (bad := NOT_IN_FILE_NAMES.search(value)) is not None or value.strip() in (".", ".."):
        what = _say("sf_the_character", char=repr(bad.group())) if bad else quoted(value)
        raise _fail(label, "name", "sf_file_char", what=what)
    return value


def _coord(value: Any, label: str, where: str) -> tuple[float, float]:
    if (
        not isinstance(value, (list, tuple))
        or len(value) != 2
        or any(_finite(v) is None for v in value)
    ):
        raise _fail(label, where, "sf_not_coord", value=quoted(value))
    lon, lat = float(value[0]), float(value[1])
    if not (_LON_RANGE[0] <= lon <= _LON_RANGE[1] and _LAT_RANGE[0] <= lat <= _LAT_RANGE[1]):
        hint = _say("sf_swapped") if _LON_RANGE[0] <= lat <= _LON_RANGE[1] else {"zh": "", "en": ""}
        raise _fail(label, where, "sf_outside_area", lon=lon, lat=lat, hint=hint, x0=f"{_LON_RANGE[0]:g}",
                    x1=f"{_LON_RANGE[1]:g}", y0=f"{_LAT_RANGE[0]:g}", y1=f"{_LAT_RANGE[1]:g}")
    return lon, lat


def _link_ref(value: Any, data: GeoData, label: str, where: str, added: Mapping[str, AddLink]) -> str:
    if not isinstance(value, str) or (value not in data.links.index and value not in added):
        raise _fail(label, where, "sf_unknown_link", value=quoted(value))
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
        raise _fail(label, f"{where}.id", "sf_bad_id", value=quoted(lid))
    if len(lid) > MAX_TEXT_CHARS:
        raise _fail(label, f"{where}.id", "sf_id_too_long", max=MAX_TEXT_CHARS)
    if lid in data.links.index or lid in data.places.index:
        raise _fail(label, f"{where}.id", "sf_id_exists", value=repr(lid))
    if lid in added:
        raise _fail(label, f"{where}.id", "sf_id_added_before", value=repr(lid))
    mode = raw.get("mode")
    if not isinstance(mode, str) or mode not in LINK_MODES:
        raise _fail(label, f"{where}.mode", "sf_bad_mode", value=quoted(mode))
    cls = raw.get("class")
    if not isinstance(cls, str) or cls not in LINK_CLASSES[mode]:
        raise _fail(label, f"{where}.class", "sf_bad_class", value=quoted(cls), mode=mode,
                    choices=", ".join(sorted(LINK_CLASSES[mode])))
    stops_raw = raw.get("stops")
    if not isinstance(stops_raw, list) or len(stops_raw) < 2:
        raise _fail(label, f"{where}.stops", "sf_bad_stops", value=quoted(stops_raw))
    if len(stops_raw) > MAX_STOPS:
        raise _fail(label, f"{where}.stops", "sf_too_many_stops", n=f"{len(stops_raw):,}", max=MAX_STOPS)
    stops: list[Stop] = []
    for j, s in enumerate(stops_raw):
        if isinstance(s, str):
            if s not in data.places.index:
                raise _fail(label, f"{where}.stops[{j}]", "sf_unknown_place", value=quoted(s))
            stops.append(s)
        else:
            stops.append(_coord(s, label, f"{where}.stops[{j}]"))
        if j and stops[j] == stops[j - 1]:  # a link from a place to itself: no link at all
            raise _fail(label, f"{where}.stops[{j}]", "sf_same_stop", value=quoted(s))
    geometry = None
    if raw.get("geometry") is not None:
        g = raw["geometry"]
        if not isinstance(g, list) or len(g) < 2:
            raise _fail(label, f"{where}.geometry", "sf_bad_geometry")
        if len(g) > MAX_GEOMETRY_VERTICES:
            raise _fail(label, f"{where}.geometry", "sf_too_many_points", n=f"{len(g):,}",
                        max=f"{MAX_GEOMETRY_VERTICES:,}")
        geometry = tuple(_coord(c, label, f"{where}.geometry[{j}]") for j, c in enumerate(g))
    speed = headway = minutes = None
    if raw.get("speed_kmh") is not None:
        allowed, why = _speed_range(mode, cls, label, f"{where}.speed_kmh")
        speed = _number(raw["speed_kmh"], label, f"{where}.speed_kmh", allowed, "km/h", why)
    if raw.get("headway_min") is not None:
        headway = _number(raw["headway_min"], label, f"{where}.headway_min", HEADWAY_RANGE, "min",
                          _say("sf_why_headway"))
    if raw.get("minutes") is not None:
        minutes = _number(raw["minutes"], label, f"{where}.minutes", WALK_MINUTES_RANGE, "min", _say("sf_why_walk"))
    if mode == "rail" and headway is None:
        raise _fail(label, f"{where}.headway_min", "sf_rail_no_headway")
    if mode == "walk" and minutes is None:
        raise _fail(label, f"{where}.minutes", "sf_walk_no_minutes")
    oneway = raw.get("oneway", False)
    if not isinstance(oneway, bool):
        raise _fail(label, f"{where}.oneway", "sf_not_bool", value=quoted(oneway))
    return AddLink(
        id=lid, mode=mode, cls=cls, stops=tuple(stops), speed_kmh=speed, headway_min=headway, minutes=minutes,
        geometry=geometry, oneway=oneway,
        name_zh=_text(raw["name_zh"], label, f"{where}.name_zh") if raw.get("name_zh") else None,
        name_en=_text(raw["name_en"], label, f"{where}.name_en") if raw.get("name_en") else None,
    )


def _no_extra(raw: Mapping[str, Any], allowed: set[str], label: str, where: str) -> None:
    extra = sorted((str(k) for k in set(raw) - allowed), key=str)
    if extra:
        raise _fail(label, f"{where}.{extra[0][:40]}", "sf_unknown_field", fields=", ".join(sorted(allowed)))


def _parse_edit(raw: Any, data: GeoData, label: str, where: str, added: Mapping[str, AddLink]) -> Edit:
    if not isinstance(raw, Mapping):
        raise _fail(label, where, "sf_not_mapping", value=quoted(raw))
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
            raise _fail(label, f"{where}.link", "sf_not_rail", value=repr(lid))
        return SetHeadway(lid, _number(raw.get("headway_min"), label, f"{where}.headway_min", HEADWAY_RANGE, "min",
                                       _say("sf_why_headway")))
    raise _fail(label, f"{where}.type", "sf_bad_edit_type", value=quoted(kind))


def _id_list(raw: Any, known: set[str], label: str, where: str) -> tuple[str, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise _fail(label, where, "sf_projects_not_list", value=quoted(raw))
    for j, pid in enumerate(raw):
        if not isinstance(pid, str) or pid not in known:
            raise _fail(label, f"{where}[{j}]", "sf_unknown_project", value=quoted(pid))
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
            raise _fail(label, None, "sf_too_big", size=f"{size:,}", max=f"{MAX_SCENARIO_BYTES:,}")
        try:
            raw = safe_yaml(source)  # no aliases (a few bytes could expand to gigabytes), bounded nesting
        except yaml.YAMLError as exc:
            # where to look and what to check, for someone who wrote the file by hand
            raise _fail(label, None, "sf_yaml_syntax", at=yaml_problem(exc)) from None
    else:
        raise ScenarioError(f"scenario: cannot read a {type(source).__name__}; pass a path, YAML text or a dict")
    if not isinstance(raw, Mapping):
        raise _fail(label, None, "sf_top_level")
    allowed = {"name", "title_zh", "title_en", "year", "projects_on", "projects_off", "edits", "service_reading"}
    _no_extra(raw, allowed, label, "scenario")
    reading = raw.get("service_reading")
    if reading is not None and reading not in SERVICE_READINGS:
        raise _fail(label, "service_reading", "sf_bad_reading", value=quoted(reading),
                    choices=", ".join(SERVICE_READINGS))
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise _fail(label, "name", "sf_name_missing") if name is None else \
            _fail(label, "name", "sf_not_a_name", value=quoted(name))
    name = _file_name(_text(name, label, "name"), label)
    year = raw.get("year")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int) or not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]):
        raise _fail(label, "year", "sf_not_year", value=quoted(year), lo=YEAR_RANGE[0], hi=YEAR_RANGE[1])
    known = {str(p.get("id")) for p in data.projects}
    on = _id_list(raw.get("projects_on"), known, label, "projects_on")
    off = _id_list(raw.get("projects_off"), known, label, "projects_off")
    edits_raw = raw.get("edits") or []
    if not isinstance(edits_raw, list):
        raise _fail(label, "edits", "sf_edits_not_list")
    if len(edits_raw) > MAX_EDITS:
        raise _fail(label, "edits", "sf_too_many_edits", n=f"{len(edits_raw):,}", max=f"{MAX_EDITS:,}")
    added: dict[str, AddLink] = {}
    removed: dict[str, int] = {}  # link id -> the edit that removes it
    edits: list[Edit] = []
    for i, e in enumerate(edits_raw):
        edit = _parse_edit(e, data, label, f"edits[{i}]", added)
        if isinstance(edit, AddLink):
            added[edit.id] = edit
        elif edit.link in removed:  # a change to a removed link would do nothing, and say nothing
            raise _fail(label, f"edits[{i}].link", "sf_removed_before", value=repr(edit.link), i=removed[edit.link])
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
