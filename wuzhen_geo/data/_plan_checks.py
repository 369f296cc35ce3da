"""Checks of the plan files of a geodata folder: ``projects.yaml``, ``targets.yaml``, the ``year_basis`` of every
expected opening year, and that ``scenarios/plan-full.yaml`` switches on every modelled project not yet open
(part of :func:`wuzhen_geo.data.validate.validate_geodata`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from wuzhen_geo.data.problems import Problem, is_missing, is_number, note_translation_problems
from wuzhen_geo.data.year_bases import project_year_bases
from wuzhen_geo.vocabulary import DATA_YEAR, LINK_CLASSES, STATUSES, YEAR_BASES, quoted

if TYPE_CHECKING:
    from wuzhen_geo.data.io import GeoData

__all__ = ["FULL_PLAN", "check_full_plan", "check_projects", "check_targets", "check_year_bases", "open_year_problems"]

#: The shipped scenario that claims every modelled project not yet open (``scenarios/<FULL_PLAN>.yaml``).
FULL_PLAN = "plan-full"


def _year_basis_problems(file: str, fid: str, item: Mapping[str, Any], *, required: bool) -> Iterator[Problem]:
    """``year_basis`` of a project or feature: one of YEAR_BASES, and ``unknown`` exactly when there is no year."""
    basis, year = item.get("year_basis"), item.get("open_year")
    if is_missing(basis):
        if required:
            yield Problem(file, fid, "year_basis", "missing for an expected opening year",
                          "add year_basis: announced (a cited source states the year), inferred (our estimate, "
                          "reasoned in note) or unknown (open_year null), on the feature or on a project listing it")
        return
    if not isinstance(basis, str) or basis not in YEAR_BASES:
        yield Problem(file, fid, "year_basis", f"{quoted(basis)} is not one of {', '.join(YEAR_BASES)}",
                      "use one of those")
    elif basis == "unknown" and is_number(year):
        yield Problem(file, fid, "year_basis", f"'unknown' but open_year is {int(year)}",
                      "say whether the year is announced or inferred, or set open_year to null")
    elif basis != "unknown" and not is_number(year):
        yield Problem(file, fid, "year_basis", f"{basis!r} but open_year is null",
                      "use year_basis: unknown, or give the year")
    elif basis == "inferred" and is_missing(item.get("note")):
        yield Problem(file, fid, "note", "an inferred year without its reasoning",
                      "say in note how the year was inferred")


def open_year_problems(file: str, fid: str, status: Any, year: Any) -> Iterator[Problem]:
    """An ``open_year`` (a feature's or a project's) that is no plausible year, or that its ``status`` denies:
    open but in the future, not open but already past."""
    if is_missing(year):
        return
    if not is_number(year) or int(year) != year or not 1850 <= year <= 2070:
        shown = str(int(year)) if is_number(year) and float(year).is_integer() else quoted(year)
        yield Problem(file, fid, "open_year", f"{shown} is not a plausible year", "write a 4-digit year or null")
    elif status == "open" and year > DATA_YEAR:
        yield Problem(file, fid, "open_year", f"status is open but open_year is {int(year)} (after {DATA_YEAR})",
                      "fix the year or set the status it really has")
    elif status in STATUSES[1:] and year < DATA_YEAR:
        yield Problem(file, fid, "open_year",
                      f"status is {status} but open_year {int(year)} is already past (data date {DATA_YEAR})",
                      "set the expected year, or status open if it has opened")


def check_projects(data: GeoData, known_ids: set[str]) -> Iterator[Problem]:
    """Problems of ``projects.yaml``: fields, status, members among ``known_ids``, modelled or why not."""
    file = "projects.yaml"
    for i, proj in enumerate(data.projects):
        if not isinstance(proj, dict):
            yield Problem(file, f"entry #{i}", "-", "is not a mapping", "write each project as key: value pairs")
            continue
        fid = str(proj.get("id") or f"entry #{i}")
        for name in ("id", "name_zh", "name_en", "status", "plan_reference", "source"):
            if is_missing(proj.get(name)):
                yield Problem(file, fid, name, "missing or empty", f"give the project a {name}")
        if proj.get("status") not in STATUSES:
            yield Problem(file, fid, "status", f"{proj.get('status')!r} is not one of {', '.join(STATUSES)}",
                          "use one of those")
        yield from open_year_problems(file, fid, proj.get("status"), proj.get("open_year"))
        members = proj.get("members") or []
        if not isinstance(members, list):
            yield Problem(file, fid, "members", "is not a list", "list link and place ids")
            continue
        for m in members:
            if m not in known_ids:
                yield Problem(file, fid, "members", f"unknown feature {m!r}", "name an existing link or place id")
        modelled = proj.get("modelled")
        if not isinstance(modelled, bool):
            yield Problem(file, fid, "modelled", f"{modelled!r} is not true/false", "say whether it is modelled")
        elif modelled and not members:
            yield Problem(file, fid, "members", "modelled but has no members", "list the features that model it")
        elif not modelled and is_missing(proj.get("not_modelled_reason")):
            yield Problem(file, fid, "not_modelled_reason", "missing", "say why the project is not modelled")
        yield from _year_basis_problems(file, fid, proj, required=proj.get("status") != "open")
        yield from note_translation_problems(file, fid, proj)
        yield from note_translation_problems(file, fid, proj, "not_modelled_reason")


def check_year_bases(data: GeoData) -> Iterator[Problem]:
    """Problems of ``year_basis`` on places, links and zones.

    A feature whose ``open_year`` lies after the data year needs a ``year_basis`` of its own or from a project
    that lists it as a member; one it carries itself must fit its year.
    """
    inherited = project_year_bases(data)
    for frame in (data.places, data.links, data.zones):
        for i, props in enumerate(frame.drop(columns=frame.geometry.name).to_dict("records")):
            fid = str(frame.index[i])
            file = str(props.get("_file") or "zones.geojson")
            year = props.get("open_year")
            future = is_number(year) and year > DATA_YEAR
            yield from _year_basis_problems(file, fid, props, required=future and fid not in inherited)


def check_full_plan(data: GeoData, plan: Any) -> Iterator[Problem]:
    """Problems of the full-plan scenario (its YAML content ``plan``): it must switch on, in ``projects_on``,
    every modelled project of ``projects.yaml`` that is not yet open, as its title claims."""
    file = f"scenarios/{FULL_PLAN}.yaml"
    listed = plan.get("projects_on") if isinstance(plan, dict) else None
    listed = {p for p in listed if isinstance(p, str)} if isinstance(listed, list) else set()
    for proj in data.projects:
        if not isinstance(proj, dict) or proj.get("status") == "open" or proj.get("modelled") is not True:
            continue
        if proj.get("id") not in listed:
            yield Problem(file, str(proj.get("id")), "projects_on",
                          "a modelled project not yet open is missing from the full plan",
                          f"add {proj.get('id')} to projects_on of {file}")


def check_targets(data: GeoData, known_ids: set[str]) -> Iterator[Problem]:
    """Problems of ``targets.yaml``: fields, and what each kind of target needs."""
    file = "targets.yaml"
    for i, t in enumerate(data.targets):
        if not isinstance(t, dict):
            yield Problem(file, f"entry #{i}", "-", "is not a mapping", "write each target as key: value pairs")
            continue
        fid = str(t.get("id") or f"entry #{i}")
        for name in ("id", "name_zh", "name_en", "kind", "source"):
            if is_missing(t.get(name)):
                yield Problem(file, fid, name, "missing or empty", f"give the target a {name}")
        if t.get("kind") == "travel_time":
            dests = t.get("to") if isinstance(t.get("to"), list) else [t["to"]] if t.get("to") else []
            for dest in dests:
                if not isinstance(dest, str) or dest not in known_ids:
                    yield Problem(file, fid, "to", f"unknown place {quoted(dest)}", "name an existing place id")
            if not t.get("to"):
                yield Problem(file, fid, "to", "missing", "list destination place ids")
            origins = t.get("from")
            origins = [origins] if isinstance(origins, str) else origins
            if origins is not None and (not isinstance(origins, list) or not origins):
                yield Problem(file, fid, "from", f"{quoted(t.get('from'))} is not a list of place ids",
                              "list where the plan measures the target from, or leave from out (the zones)")
            for origin in origins if isinstance(origins, list) else []:
                if not isinstance(origin, str) or origin not in data.places.index:
                    yield Problem(file, fid, "from", f"unknown place {quoted(origin)}", "name an existing place id")
            if not is_number(t.get("max_minutes")) or t["max_minutes"] <= 0:
                yield Problem(file, fid, "max_minutes", f"{quoted(t.get('max_minutes'))} is not positive",
                              "give minutes")
        elif t.get("kind") == "network_length":
            if not isinstance(t.get("within"), str) or t["within"] not in data.boundaries.index:
                yield Problem(file, fid, "within", f"unknown boundary {quoted(t.get('within'))}",
                              "name a boundary id")
            if not is_number(t.get("target_km")) or t["target_km"] <= 0:
                yield Problem(file, fid, "target_km", f"{quoted(t.get('target_km'))} is not positive",
                              "give kilometres")
            if not isinstance(t.get("mode"), str) or t["mode"] not in LINK_CLASSES:
                yield Problem(file, fid, "mode", f"{quoted(t.get('mode'))} is not road or rail", "set the mode")
        else:
            yield Problem(file, fid, "kind", f"{quoted(t.get('kind'))} is not travel_time or network_length",
                          "use one of those")
