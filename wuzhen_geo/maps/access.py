"""Maps of people within reach (:mod:`wuzhen_geo.answers.access`): the reach area with the people and GDP it
holds, the county-level units as a choropleth (population, travel time to their centre, or the share reached),
the change between two scenarios per unit, and the access-from-everywhere bands.

Each builder takes ``m=`` (a ``folium.Map`` or a feature group), adds one layer and its legend (in a group,
the legend is shown while the group is on a map) and returns ``m``; none calls Streamlit. Every text is
escaped; the legends and labels come from ``wuzhen_geo.strings.access`` in the map's language. Drawn with
the shipped Leaflet only (offline).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from wuzhen_geo.i18n import check_lang, label, t
from wuzhen_geo.maps._elements import Legend, VectorLayer, keep_layer_control_last
from wuzhen_geo.maps._features import esc, feature, value
from wuzhen_geo.vocabulary import format_minutes, format_people

__all__ = ["gdp_amount", "gdp_text", "people_text", "people_within_text", "reach_basis_text", "reach_layer", "units_layer", "units_difference_layer",
           "everywhere_layer", "TIME_BREAKS", "PEOPLE_COLORS"]

#: Sequential fills, light to dark (colour-blind safe, ColorBrewer "Oranges" and "Blues").
PEOPLE_COLORS = ["#feedde", "#fdd0a2", "#fdae6b", "#fd8d3c", "#e6550d", "#a63603"]
_TIME_COLORS = ["#08519c", "#3182bd", "#6baed6", "#bdd7e7", "#eff3ff", "#f7f7f7"]
#: Minutes that split the time choropleth (the access budgets); beyond the last: not within 2 h.
TIME_BREAKS = (30, 45, 60, 90, 120)
_POP_BREAKS = (0, 500_000, 750_000, 1_000_000, 1_500_000, 2_000_000)
_SHARE_BREAKS = (0.0, 0.01, 0.25, 0.5, 0.75, 0.99)
_UNKNOWN = "#d9d9d9"
#: Greens of the change bands, light to dark (more people reached).
CHANGE_GREENS = ["#d9f0d3", "#d9f0d3", "#a6dba0", "#5aae61", "#1b7837", "#00441b"]
_REACH_STYLE = {"color": "#a63603", "weight": 2, "fillColor": "#fd8d3c", "fillOpacity": 0.30}


def people_text(people: float, lang: str = "zh") -> str:
    """A head count in the map's language, as every view writes it (:func:`wuzhen_geo.vocabulary.format_people`)."""
    return format_people(people, check_lang(lang))


def people_within_text(people: float, minutes: float, lang: str = "zh") -> str:
    """``735 万 people within 60 min`` in the map's language."""
    return t("access_people_within", lang, people=people_text(people, lang), minutes=format_minutes(minutes, lang))


def _signed(people: float, lang: str) -> str:
    return ("+" if people > 0 else "−" if people < 0 else "") + people_text(abs(people), lang)


def gdp_amount(gdp_cny_bn: float, lang: str = "zh") -> float:
    """GDP in the unit a reader of ``lang`` expects: 亿元 (zh) or billion yuan (en); 1 bn yuan = 10 亿元."""
    return gdp_cny_bn * 10 if check_lang(lang) == "zh" else gdp_cny_bn


def gdp_text(gdp_cny_bn: float, lang: str = "zh") -> str:
    """GDP in 亿元 (zh) or billion yuan (en), saying it counts the units with a figure only."""
    return t("access_gdp_within", lang, gdp=f"{gdp_amount(gdp_cny_bn, lang):,.0f}", known=t("access_gdp_known", lang))


def _bin(x: float, breaks: Sequence[float]) -> int:
    """Index of the last break ``<= x`` (0 below the first)."""
    i = 0
    for k, b in enumerate(breaks):
        if x >= b:
            i = k
    return i


def _legend(m: Any, title: str, keys: list[tuple[str, str]], name: str, *, extra: str = "") -> None:
    rows = "".join(f'<i style="display:inline-block;width:14px;height:10px;background:{c};'
                   f'border:1px solid #555"></i> {esc(text)}<br>' for c, text in keys)
    m.add_child(Legend(f"<details open><summary><b>{esc(title)}</b></summary>{extra}{rows}</details>",
                       position="bottomleft"), name=name)


def _figure(row: dict, key: str, lang: str, fmt: str) -> str:
    v = value(row, key)
    return fmt.format(v) if isinstance(v, (int, float)) and math.isfinite(v) else t("access_not_found", lang)


def _unit_popup(row: dict, lang: str, extra: Sequence[tuple[str, str]] = ()) -> str:
    pop = _figure(row, "population", lang, "{:,.0f}")
    gdp = value(row, "gdp_cny_bn")  # in 亿元 on a Chinese map, as every other Chinese view says it
    gdp = (f"{gdp_amount(gdp, lang):,.1f} {t('unit_gdp', lang)}" if isinstance(gdp, (int, float)) and math.isfinite(gdp)
           else t("access_not_found", lang))
    year = value(row, "gdp_year")
    rows = [(t("access_population", lang), pop),
            (t("access_gdp", lang), f"{gdp} ({int(year)})" if isinstance(year, (int, float)) and gdp[0].isdigit()
             else gdp), *extra,
            (t("access_source", lang), value(row, "population_source") or ""),
            # why a figure is missing or where sources disagree, in Chinese where the data translate it
            *([(t("f_note_zh", lang), value(row, "note_zh"))] if lang == "zh" and value(row, "note_zh")
              else [(t("f_note", lang), value(row, "note") or "")])]
    body = "".join(f"<tr><td><b>{esc(k)}</b></td><td>{esc(v)}</td></tr>" for k, v in rows if v)
    return (f'<div class="wz-popup"><b>{esc(value(row, "name_zh"))}</b><br>{esc(value(row, "name_en"))}'
            f'<table>{body}</table><span class="wz-id">{esc(value(row, "id"))}</span></div>')


def reach_basis_text(origin: str | None, mode: str | None, lang: str = "zh") -> str:
    """From where and by which mode a count of people reached is made: "from Tongxiang city centre · fastest"."""
    parts = [t("access_from", lang, origin=origin)] if origin else []
    if mode:
        parts.append(label("mode", mode, lang))
    return " · ".join(parts)


def reach_layer(area: Any, *, m: Any, lang: str = "zh", name: str | None = None, origin: str | None = None) -> Any:
    """The reach area of :func:`wuzhen_geo.answers.access.reach_area` (one row: ``minutes``, ``people``,
    ``gdp_cny_bn``, ``mode``, geometry), with the people it holds in its tooltip and, on a map, in large type
    in its legend, under the line that says from where (``origin``, a name) and by which mode."""
    lang = check_lang(lang)
    row = area.iloc[0]
    count = people_within_text(float(row["people"]), float(row["minutes"]), lang)
    gdp = gdp_text(float(row["gdp_cny_bn"]), lang)
    how = reach_basis_text(origin, str(row["mode"]) if "mode" in row else None, lang)
    feat = feature(row.geometry, style=_REACH_STYLE, tip=f"<b>{esc(count)}</b><br>{esc(how)}<br>{esc(gdp)}")
    layer_name = name or t("access_reach_layer", lang, minutes=format_minutes(float(row["minutes"]), lang))
    VectorLayer([feat] if feat else [], name=layer_name).add_to(m)
    big = (f'<div class="wz-access-basis" style="font-size:13px">{esc(how)}</div>'
           f'<div class="wz-access-count" style="font-size:26px;font-weight:700;line-height:1.2">{esc(count)}</div>'
           f'<div style="font-size:12px">{esc(gdp)}<br>{esc(t("access_assumption", lang))}</div>')
    _legend(m, t("access_layer", lang), [], "wz_legend_access_reach", extra=big)
    return keep_layer_control_last(m)


def units_layer(units: Any, *, m: Any, lang: str = "zh", by: str = "population", budget: float = 60,
                name: str | None = None, show: bool = True) -> Any:
    """The units as a choropleth: ``by="population"`` (the data alone), ``"minutes_centre"`` (travel time to
    each unit's centre, as from :func:`~wuzhen_geo.answers.access.unit_reach`) or ``"share_reached"`` (of its
    land within ``budget``). Units without the figure are grey."""
    lang = check_lang(lang)
    if by == "population":
        breaks, colors, title = _POP_BREAKS, PEOPLE_COLORS, t("access_units_layer", lang)
        keys_text = [f"≥ {people_text(b, lang)}" for b in breaks]
    elif by == "minutes_centre":
        breaks, colors, title = (0, *TIME_BREAKS), _TIME_COLORS, t("access_units_by_time", lang)
        keys_text = [f"≤ {format_minutes(b, lang)}" for b in TIME_BREAKS] + [f"> {format_minutes(TIME_BREAKS[-1], lang)}"]
    elif by == "share_reached":
        breaks, colors = _SHARE_BREAKS, PEOPLE_COLORS
        title = t("access_units_by_share", lang, minutes=format_minutes(budget, lang))
        keys_text = ["0 %"] + [f"≥ {b:.0%}" for b in breaks[1:]]
    else:
        raise ValueError(f"by={by!r}; use 'population', 'minutes_centre' or 'share_reached'")
    feats = []
    for _, row in units.iterrows():
        props = row.to_dict()
        v = value(props, by)
        if isinstance(v, (int, float)) and (math.isfinite(v) or by == "minutes_centre"):
            if by == "minutes_centre":
                i = next((k for k, b in enumerate(TIME_BREAKS) if v <= b), len(TIME_BREAKS))
            else:
                i = _bin(float(v), breaks) if not (by == "share_reached" and v == 0) else 0
            color = colors[min(i, len(colors) - 1)]
        else:
            color = _UNKNOWN
        extra = []
        if by == "minutes_centre":
            extra.append((t("access_units_by_time", lang), format_minutes(v, lang)))
        elif by == "share_reached" and isinstance(v, (int, float)):
            extra.append((title, f"{v:.0%}"))
        style = {"color": "#555555", "weight": 1, "fillColor": color, "fillOpacity": 0.55}
        tip = f"<b>{esc(value(props, 'name_zh'))} {esc(value(props, 'name_en'))}</b>"
        f = feature(row.geometry, style=style, tip=tip, popup=_unit_popup(props, lang, extra))
        if f:
            feats.append(f)
    VectorLayer(feats, name=name or title, show=show).add_to(m)
    keys = [(colors[min(i, len(colors) - 1)], text) for i, text in enumerate(keys_text)]
    _legend(m, title, keys + [(_UNKNOWN, t("access_not_found", lang))], f"wz_legend_units_{by}")
    return keep_layer_control_last(m)


def units_difference_layer(before: Any, after: Any, *, m: Any, lang: str = "zh", budget: float = 60,
                           name: str | None = None) -> Any:
    """Each unit by the change in its people reached within ``budget`` between two
    :func:`~wuzhen_geo.answers.access.unit_reach` frames of the same units (green more, red fewer)."""
    lang = check_lang(lang)
    title = name or t("access_difference_layer", lang, minutes=format_minutes(budget, lang))
    change = after.set_index("id")["people_reached"] - before.set_index("id")["people_reached"]
    feats = []
    for _, row in after.iterrows():
        d = float(change.get(row["id"], math.nan))
        color = (_UNKNOWN if not math.isfinite(d) else "#f7f7f7" if abs(d) < 500 else
                 "#1a9850" if d >= 100_000 else "#91cf60" if d > 0 else "#d73027" if d <= -100_000 else "#fc8d59")
        sign = t("access_more", lang) if d > 0 else t("access_fewer", lang)
        text = t("access_no_change", lang) if not math.isfinite(d) or abs(d) < 500 else f"{people_text(abs(d), lang)} {sign}"
        props = row.to_dict()
        style = {"color": "#555555", "weight": 1, "fillColor": color, "fillOpacity": 0.6}
        f = feature(row.geometry, style=style, tip=f"<b>{esc(value(props, 'name_zh'))}</b> {esc(text)}",
                    popup=_unit_popup(props, lang, [(title, text)]))
        if f:
            feats.append(f)
    VectorLayer(feats, name=title).add_to(m)
    keys = [("#1a9850", f"≥ {people_text(100_000, lang)} {t('access_more', lang)}"),
            ("#91cf60", t("access_more", lang)), ("#f7f7f7", t("access_no_change", lang)),
            ("#fc8d59", t("access_fewer", lang)), ("#d73027", f"≥ {people_text(100_000, lang)} {t('access_fewer', lang)}")]
    _legend(m, title, keys, "wz_legend_units_difference")
    return keep_layer_control_last(m)


def everywhere_layer(bands: Any, *, m: Any, lang: str = "zh", budget: float = 60, name: str | None = None,
                     show: bool = True) -> Any:
    """The access-from-everywhere bands (:meth:`wuzhen_geo.answers.access.AccessSurface.bands`: ``low``,
    ``high``, geometry): each area coloured by the people reachable from it within ``budget``; bands of a
    change (``after.minus(before)``, a negative ``low``) are drawn red (fewer), grey (about none), green (more)."""
    lang = check_lang(lang)
    change = bool(len(bands)) and float(bands["low"].min()) < 0
    title = name or t("access_difference_layer" if change else "access_everywhere_layer", lang,
                      minutes=format_minutes(budget, lang))
    feats, keys = [], []
    for i, (_, row) in enumerate(bands.iterrows()):
        lo, hi = float(row["low"]), float(row["high"])
        if change:  # red where fewer are reached, grey around no change, greens where more
            color = "#d73027" if hi <= 0 and lo < -1 else "#f7f7f7" if lo <= 0 <= hi or lo < 0 < hi else (
                CHANGE_GREENS[min(i, len(CHANGE_GREENS) - 1)])
        else:
            color = PEOPLE_COLORS[min(i, len(PEOPLE_COLORS) - 1)]
        text = (f"{_signed(lo, lang)} – {_signed(hi, lang)}" if change and math.isfinite(hi) and math.isfinite(lo)
                else f"≥ {_signed(lo, lang)}" if change and math.isfinite(lo)
                else f"< {_signed(hi, lang)}" if change
                else f"{people_text(lo, lang)} – {people_text(hi, lang)}" if math.isfinite(hi)
                else f"≥ {people_text(lo, lang)}")
        f = feature(row.geometry, style={"color": color, "weight": 0, "fillColor": color, "fillOpacity": 0.6},
                    tip=esc(text))
        if f:
            feats.append(f)
        keys.append((color, text))
    VectorLayer(feats, name=title, show=show).add_to(m)
    _legend(m, title, keys, "wz_legend_access_everywhere")
    return keep_layer_control_last(m)
