"""Which plan years a scenario rests on: the projects it switches on that are not yet open, each with its
expected year and what that year rests on (``year_basis``: announced, inferred or unknown), and the sentence
that names the inferred ones for a scenario's description (:func:`inferred_years_text`).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from wuzhen_geo.data import GeoData
from wuzhen_geo.data.year_bases import feature_year_bases
from wuzhen_geo.i18n import check_lang, label, t
from wuzhen_geo.model import Scenario
from wuzhen_geo.model.scenarios import active_features

__all__ = ["PLAN_YEAR_COLUMNS", "feature_year_bases", "inferred_years_text", "project_table", "scenario_plan_years",
           "year_text"]

PLAN_YEAR_COLUMNS = ("id", "name_zh", "name_en", "status", "open_year", "year_basis")


def scenario_plan_years(data: GeoData, scenario: Scenario) -> pd.DataFrame:
    """The modelled projects not yet open that ``scenario`` brings in (all their members active), in
    ``projects.yaml`` order: :data:`PLAN_YEAR_COLUMNS` (``open_year`` None when unknown)."""
    active = active_features(data, scenario)
    on = active.places | active.links
    rows = []
    for proj in data.projects:
        members = set(proj.get("members") or [])
        if proj.get("status") == "open" or not proj.get("modelled") or not members or not members <= on:
            continue
        rows.append({c: proj.get(c) for c in PLAN_YEAR_COLUMNS})
    return pd.DataFrame(rows, columns=list(PLAN_YEAR_COLUMNS))


def year_text(year: Any, basis: Any, lang: str = "zh") -> str:
    """``2030 (inferred)`` / ``2030（推断）``; the year alone when its basis is not known."""
    if year is None or (isinstance(year, float) and year != year):
        return t("unknown_year", lang)
    text = str(int(year))
    if basis in ("announced", "inferred"):
        word = t(f"year_basis_{basis}", lang)
        return f"{text}（{word}）" if check_lang(lang) == "zh" else f"{text} ({word})"
    return text


def inferred_years_text(data: GeoData, scenario: Scenario, lang: str = "zh") -> str:
    """The sentence naming the projects of ``scenario`` whose opening years are inferred (``""`` if none),
    e.g. ``Opening years inferred, not announced: New Shanghai-Hangzhou HSR 2030, ...``."""
    table = scenario_plan_years(data, scenario)
    table = table[table["year_basis"] == "inferred"]
    if table.empty:
        return ""
    key = "name_zh" if check_lang(lang) == "zh" else "name_en"
    sep = "；" if lang == "zh" else "; "
    items = sep.join(f"{row[key]} {int(row['open_year'])}" for _, row in table.iterrows())
    return t("inferred_years", lang, items=items)


def _status_text(data: GeoData, proj: dict, lang: str) -> str:
    """A project's status, and its members' where the map shows them otherwise (a project under construction
    in Jiangsu whose line through Wuzhen is only proposed): the map's popups show the members'."""
    own = proj.get("status")
    others = []
    for member in proj.get("members") or []:
        for frame in (data.links, data.places):
            if member in frame.index and "status" in frame.columns:
                status = frame.at[member, "status"]
                if isinstance(status, str) and status != own and status not in others:
                    others.append(status)
    text = label("status", own, lang)
    if not others:
        return text
    members = "、".join(label("status", o, lang) for o in others) if lang == "zh" else ", ".join(
        label("status", o, lang) for o in others)
    return t("project_members_status", lang, status=text, members=members)


def project_table(data: GeoData, lang: str = "zh") -> pd.DataFrame:
    """Every project of ``projects.yaml``, as a planner reads it: ``id``, ``name``, ``status``, ``year`` (with
    what it rests on, :func:`year_text`), ``modelled`` (or why not), ``note`` and ``source``, in ``lang``.

    The note is the data's Chinese one (``note_zh``) on a Chinese table where there is one; otherwise the
    English original, marked as English on a Chinese table."""
    zh = check_lang(lang) == "zh"
    rows = []
    for proj in data.projects:
        note = str(proj.get("note") or "")
        if zh:
            note = str(proj.get("note_zh") or "") or (f"（{t('lang_en_mark', lang)}）{note}" if note else "")
        reason = str((proj.get("not_modelled_reason_zh") if zh else None) or proj.get("not_modelled_reason") or "")
        rows.append({
            "id": str(proj.get("id")), "name": str(proj.get("name_zh" if zh else "name_en") or proj.get("id")),
            "status": _status_text(data, proj, lang),
            "year": year_text(proj.get("open_year"), proj.get("year_basis"), lang),
            "modelled": t("yes", lang) if proj.get("modelled") else (
                f"{t('no', lang)}{'：' if zh else ': '}{reason}" if reason else t("no", lang)),
            "note": note, "source": str(proj.get("source") or ""),
        })
    return pd.DataFrame(rows, columns=["id", "name", "status", "year", "modelled", "note", "source"])
