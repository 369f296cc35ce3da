"""Checks of the plan files of a geodata folder: ``projects.yaml`` and ``targets.yaml`` (part of
:func:`wuzhen_geo.data.validate.validate_geodata`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from wuzhen_geo.data.problems import Problem, is_missing, is_number
from wuzhen_geo.vocabulary import LINK_CLASSES, STATUSES

if TYPE_CHECKING:
    from wuzhen_geo.data.io import GeoData

__all__ = ["check_projects", "check_targets"]


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
            for dest in t.get("to") or []:
                if dest not in known_ids:
                    yield Problem(file, fid, "to", f"unknown place {dest!r}", "name an existing place id")
            if not t.get("to"):
                yield Problem(file, fid, "to", "missing", "list destination place ids")
            if not is_number(t.get("max_minutes")) or t["max_minutes"] <= 0:
                yield Problem(file, fid, "max_minutes", f"{t.get('max_minutes')!r} is not positive", "give minutes")
        elif t.get("kind") == "network_length":
            if t.get("within") not in data.boundaries.index:
                yield Problem(file, fid, "within", f"unknown boundary {t.get('within')!r}", "name a boundary id")
            if not is_number(t.get("target_km")) or t["target_km"] <= 0:
                yield Problem(file, fid, "target_km", f"{t.get('target_km')!r} is not positive", "give kilometres")
            if t.get("mode") not in LINK_CLASSES:
                yield Problem(file, fid, "mode", f"{t.get('mode')!r} is not road or rail", "set the mode")
        else:
            yield Problem(file, fid, "kind", f"{t.get('kind')!r} is not travel_time or network_length",
                          "use one of those")
