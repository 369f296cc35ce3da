"""The text of ``wuzhen-geo compare``: the changed pairs with their causes, and who gains, in one language
(``--lang``: the names, the words and the headers)."""

from __future__ import annotations

import math

import pandas as pd

from wuzhen_geo.answers import missing_cell_text, place_name
from wuzhen_geo.cli._output import header_name, with_notes
from wuzhen_geo.data import GeoData
from wuzhen_geo.i18n import t
from wuzhen_geo.vocabulary import format_minutes, shown_change

__all__ = ["cause_label", "change_text", "compare_text", "gain_summary", "signed_minutes"]

_VERBS = ("added", "removed", "opened", "closed", "replaced")


def signed_minutes(change: float, lang: str = "en") -> str:
    """A change of minutes with its sign: ``"-65 min"`` / ``"-65 分钟"``."""
    return f"{change:+.0f} " + ("分钟" if lang == "zh" else "min")


def cause_label(text: str, lang: str) -> str:
    """Each ``"[verb ]zh / en"`` cause of ``text`` (``;``-separated) with its name in ``lang`` only, e.g.
    ``"added 杭绍台铁路二期 / Hangzhou-Shaoxing-Taizhou Railway phase II"`` -> ``"added Hangzhou-Shaoxing-…"``."""
    def one(part: str) -> str:
        verb, _, rest = part.strip().partition(" ")
        if not (verb.isascii() and verb.isalpha() and verb.islower() and " / " in rest):
            verb, rest = "", part.strip()
        names = rest.split(" / ", 1)
        if verb in _VERBS:
            verb = t(f"cmp_verb_{verb}", lang)
        return f"{verb} {names[1] if lang == 'en' and len(names) > 1 else names[0]}".strip()
    return ("；" if lang == "zh" else "; ").join(one(part) for part in str(text).split(";") if part.strip())


def _minutes_cell(minutes: float, reason: object, mode: str, lang: str) -> str:
    """A time, or why there is none in the words of the airport table's empty cells."""
    return format_minutes(minutes, lang, unreachable=missing_cell_text({f"{mode}_reason": reason or None}, mode, lang))


def compare_text(data: GeoData, table: pd.DataFrame, lang: str = "en") -> str:
    """Rows of a comparison with the reason left-aligned after the numbers (reasons vary in length)."""
    modes = table["mode"] if "mode" in table.columns else ["best"] * len(table)
    shown = pd.DataFrame({
        t("cli_col_from", lang): [place_name(data, f, lang) for f in table["from_id"]],
        t("cli_col_to", lang): [header_name(data, x, lang) for x in table["to_id"]],
        t("cmp_col_before", lang): [_minutes_cell(v, r, m, lang) for v, r, m in
                                    zip(table["before"], table.get("reason_before", [""] * len(table)), modes)],
        t("cmp_col_after", lang): [_minutes_cell(v, r, m, lang) for v, r, m in
                                   zip(table["after"], table.get("reason_after", [""] * len(table)), modes)],
        t("cmp_col_change", lang): [change_text(b, a, lang) for b, a in zip(table["before"], table["after"])],
    })
    return with_notes(shown, [cause_label(x, lang) for x in table["causes_text"]], t("cmp_col_why", lang))


def change_text(before: float, after: float, lang: str = "en") -> str:
    """How a pair's time changes, in words or signed minutes (the minutes shown after minus those shown
    before: :func:`~wuzhen_geo.vocabulary.shown_change`)."""
    if math.isinf(before) and math.isinf(after):
        return t("cmp_unreachable_both", lang)
    if math.isinf(before):
        return t("cmp_newly_reachable", lang)
    if math.isinf(after):
        return t("cmp_no_longer_reachable", lang)
    change = shown_change(before, after)  # the minutes shown after minus those shown before
    if change == 0:
        return t("cmp_same", lang)
    return signed_minutes(change, lang)


def gain_summary(data: GeoData, table: pd.DataFrame, lang: str = "en") -> list[str]:
    """One line per origin: how many destinations get faster, the biggest gain and its cause."""
    out, colon = [t("cmp_gains_heading", lang)], "：" if lang == "zh" else ": "
    for origin, group in table.groupby("from_id", sort=False):
        finite = group[group["difference"].map(math.isfinite)]
        shown = pd.Series([shown_change(b, a) for b, a in zip(finite["before"], finite["after"])], index=finite.index)
        gains, losses = finite[shown < 0], finite[shown > 0]  # as the rows show the change
        newly = group[group["before"].map(math.isinf) & group["after"].map(math.isfinite)]
        if gains.empty and newly.empty and losses.empty:
            out.append(f"- {place_name(data, origin, lang)}{colon}" + t("cmp_no_change", lang))
            continue
        parts = []
        if not gains.empty:
            top = gains.loc[gains["difference"].idxmin()]
            parts.append(t("cmp_faster", lang, n=len(gains), place=place_name(data, top["to_id"], lang),
                           change=signed_minutes(shown_change(top["before"], top["after"]), lang),
                           cause=cause_label(top["causes_text"], lang)))
        if not newly.empty:
            parts.append(t("cmp_newly", lang, n=len(newly)))
        if not losses.empty:
            parts.append(t("cmp_slower", lang, n=len(losses)))
        out.append(f"- {place_name(data, origin, lang)}{colon}" + ("；" if lang == "zh" else "; ").join(parts))
    return out
