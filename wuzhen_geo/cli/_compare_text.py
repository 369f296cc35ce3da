"""The text of ``wuzhen-geo compare``: the changed pairs with their causes, and who gains, in one language."""

from __future__ import annotations

import math

import pandas as pd

from wuzhen_geo.answers import place_name
from wuzhen_geo.cli._output import header_name, with_notes
from wuzhen_geo.data import GeoData
from wuzhen_geo.vocabulary import format_minutes, shown_change

__all__ = ["cause_label", "change_text", "compare_text", "gain_summary"]


def cause_label(text: str, lang: str) -> str:
    """Each ``"[verb ]zh / en"`` cause of ``text`` (``;``-separated) with its name in ``lang`` only, e.g.
    ``"added 杭绍台铁路二期 / Hangzhou-Shaoxing-Taizhou Railway phase II"`` -> ``"added Hangzhou-Shaoxing-…"``."""
    def one(part: str) -> str:
        verb, _, rest = part.strip().partition(" ")
        if not (verb.isascii() and verb.isalpha() and verb.islower() and " / " in rest):
            verb, rest = "", part.strip()
        names = rest.split(" / ", 1)
        return f"{verb} {names[1] if lang == 'en' and len(names) > 1 else names[0]}".strip()
    return "; ".join(one(part) for part in str(text).split(";") if part.strip())


def compare_text(data: GeoData, table: pd.DataFrame, lang: str = "en") -> str:
    """Rows of a comparison with the reason left-aligned after the numbers (reasons vary in length)."""
    shown = pd.DataFrame({
        "from": [place_name(data, f, lang) for f in table["from_id"]],
        "to": [header_name(data, t, lang) for t in table["to_id"]],
        "before": table["before"].map(format_minutes).to_numpy(),
        "after": table["after"].map(format_minutes).to_numpy(),
        "change": [change_text(b, a) for b, a in zip(table["before"], table["after"])],
    })
    return with_notes(shown, [cause_label(t, lang) for t in table["causes_text"]], "why")


def change_text(before: float, after: float) -> str:
    """How a pair's time changes, in words or signed minutes (the minutes shown after minus those shown
    before: :func:`~wuzhen_geo.vocabulary.shown_change`)."""
    if math.isinf(before) and math.isinf(after):
        return "unreachable both"
    if math.isinf(before):
        return "newly reachable"
    if math.isinf(after):
        return "no longer reachable"
    change = shown_change(before, after)  # the minutes shown after minus those shown before
    if change == 0:
        return "same"
    return f"{change:+.0f} min"


def gain_summary(data: GeoData, table: pd.DataFrame, lang: str = "en") -> list[str]:
    """One line per origin: how many destinations get faster, the biggest gain and its cause."""
    out = ["Which zones gain and why:"]
    for origin, group in table.groupby("from_id", sort=False):
        finite = group[group["difference"].map(math.isfinite)]
        shown = pd.Series([shown_change(b, a) for b, a in zip(finite["before"], finite["after"])], index=finite.index)
        gains, losses = finite[shown < 0], finite[shown > 0]  # as the rows show the change
        newly = group[group["before"].map(math.isinf) & group["after"].map(math.isfinite)]
        if gains.empty and newly.empty and losses.empty:
            out.append(f"- {place_name(data, origin, lang)}: no change")
            continue
        parts = []
        if not gains.empty:
            top = gains.loc[gains["difference"].idxmin()]
            parts.append(f"{len(gains)} destination(s) faster, most to {place_name(data, top['to_id'], lang)} "
                         f"({shown_change(top['before'], top['after']):+.0f} min: "
                         f"{cause_label(top['causes_text'], lang)})")
        if not newly.empty:
            parts.append(f"{len(newly)} newly reachable")
        if not losses.empty:
            parts.append(f"{len(losses)} slower")
        out.append(f"- {place_name(data, origin, lang)}: " + "; ".join(parts))
    return out


