"""Projects page: which plan projects buy the most of each indicator (``wuzhen_geo.appraise``).

Ranked bars of each project's fair share (Shapley value, ± one standard error when sampled) per indicator,
the pairwise interactions, the whole table and a CSV download. The sweep runs in the server process with a
progress bar; every scenario's record is kept on disk (shared with ``wuzhen-geo appraise``), and a result is
kept for the session, so a rerun of the page, or a larger sample, evaluates only what is new.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages import common
from app_pages.settings import setting
from wuzhen_geo import APP_SAMPLES, APP_SAMPLES_MAX, SAMPLES_RANGE, Appraisal, appraise, default_projects
from wuzhen_geo.answers import indicator_change_text, indicator_value_text, project_table
from wuzhen_geo.i18n import STRINGS, label, t
from wuzhen_geo.model import with_year
from wuzhen_geo.vocabulary import DATA_YEAR, TRAVEL_MODES

lang = common.lang()
st.title(t("page_projects", lang))
st.caption(t("appr_intro", lang))

#: Results kept per session (by their inputs), the latest few.
_KEPT = 4


def _run(data, year: int, projects: tuple[str, ...], mode: str, samples: int, pairs: bool) -> Appraisal:
    memo: dict = st.session_state.setdefault("appr_results", {})
    key = (year, projects, mode, samples, pairs)
    if key not in memo:
        bar = st.progress(0.0, text=t("appr_running", lang, done=0, total="…"))

        def progress(done: int, total: int) -> None:
            bar.progress(done / total if total else 1.0, text=t("appr_running", lang, done=done, total=total))

        memo[key] = appraise(data, projects=list(projects), year=year, mode=mode, samples=samples, pairs=pairs,
                             scheduler="serial", progress=progress)
        bar.empty()
        for old in list(memo)[:-_KEPT]:
            memo.pop(old)
    return memo[key]


def _unit(unit: str) -> str:
    """An indicator's unit in the page's language (the records keep the English one)."""
    key = "appr_unit_" + str(unit).replace(" ", "_")
    return t(key, lang) if key in STRINGS else str(unit)


with common.guard():
    data = common.get_data()
    with st.expander(t("proj_list", lang)):  # what each year rests on and why, before any ranking
        projects = project_table(data, lang).drop(columns="id")
        st.dataframe(projects.rename(columns={
            "name": t("appr_col_project", lang), "status": t("f_status", lang), "year": t("f_year", lang),
            "modelled": t("proj_col_modelled", lang), "note": t("f_note_zh", lang), "source": t("f_source", lang)}),
            hide_index=True, width="stretch", key="proj_list")
    with st.sidebar:
        year = int(setting(st.slider, t("appr_year", lang), min_value=2020, max_value=2040, value=DATA_YEAR,
                           key="appr_year"))
        candidates = default_projects(data, with_year(None, year))
        names = {str(p["id"]): str(p.get(f"name_{lang}") or p["id"]) for p in data.projects}
        chosen = setting(st.multiselect, t("appr_projects", lang), options=candidates, value=candidates,
                         value_arg="default", key=f"appr_projects_{year}", format_func=lambda pid: names.get(pid, pid),
                         placeholder=t("choose_options", lang))
        mode = common.choice(st.radio, t("appr_mode", lang), list(TRAVEL_MODES), key="appr_mode", lang_=lang,
                             default="best", horizontal=True, format_func=lambda k: label("mode", k, lang))
        samples = int(setting(st.slider, t("appr_samples", lang), min_value=SAMPLES_RANGE[0],
                              max_value=APP_SAMPLES_MAX, value=APP_SAMPLES, key="appr_samples",
                              help=t("appr_samples_help", lang)))
        pairs = setting(st.toggle, t("appr_pairs", lang), value=False, key="appr_pairs")
    if not chosen:
        st.info(t("appr_no_projects", lang))
        st.stop()
    result = _run(data, year, tuple(chosen), mode, samples, pairs)
    stats = result.stats
    method = (t("appr_method_exact", lang, n=len(result.players)) if result.method == "exact"
              else t("appr_method_sampled", lang, samples=result.samples))
    st.caption(f"{method} · " + t("appr_sweep", lang, scenarios=stats.scenarios, cached=stats.cached,
                                  evaluated=stats.evaluated, seconds=stats.seconds))

    table = result.indicators
    changed = table.loc[table["change"].abs() > 0, "indicator"].tolist()
    indicator_names = dict(zip(table["indicator"], table[f"name_{lang}"]))
    options = changed + [i for i in table["indicator"] if i not in changed]
    shown = st.selectbox(t("appr_indicator", lang), options, key="appr_indicator",
                         format_func=lambda i: indicator_names.get(i, i))
    row = table.set_index("indicator").loc[shown]
    st.markdown(common.literal(t("appr_summary", lang, name=indicator_names[shown], year=year,
                                 base=indicator_value_text(row["base"], row["unit"], lang),
                                 full=indicator_value_text(row["full"], row["unit"], lang),
                                 change=indicator_change_text(row["base"], row["full"], row["unit"], lang))))
    part = result.shares[result.shares["indicator"] == shown]
    if not part[["shapley", "add_one", "drop_one"]].abs().to_numpy().any():
        st.info(t("appr_nothing", lang))
    else:
        bars = pd.DataFrame({
            "project": part[f"project_{lang}"], "share": part["gain"],
            "low": part["gain"] - part["shapley_se"], "high": part["gain"] + part["shapley_se"],
        })
        axis = f"{t('appr_gain_axis', lang)} ({_unit(row['unit'])})"
        st.vega_lite_chart(bars, {
            "height": max(120, 34 * len(bars)),
            "encoding": {"y": {"field": "project", "type": "nominal", "sort": "-x", "title": None,
                               "axis": {"labelLimit": 360}}},
            "layer": [
                {"mark": {"type": "bar", "tooltip": True},
                 "encoding": {"x": {"field": "share", "type": "quantitative", "title": axis}}},
                {"mark": {"type": "rule", "color": "#333"},
                 "encoding": {"x": {"field": "low", "type": "quantitative"}, "x2": {"field": "high"}}},
            ],
        }, width="stretch", key="appr_chart")
        st.caption(t("appr_gain_note", lang))
        st.caption(t("appr_table_note", lang))
        st.dataframe(pd.DataFrame({
            t("appr_col_rank", lang): part["rank"], t("appr_col_project", lang): part[f"project_{lang}"],
            t("appr_col_shapley", lang): part["shapley"].round(2), t("appr_col_se", lang): part["shapley_se"].round(2),
            t("appr_col_add", lang): part["add_one"].round(2), t("appr_col_drop", lang): part["drop_one"].round(2),
            t("appr_col_unit", lang): part["unit"].map(_unit),
        }), hide_index=True, width="stretch", key="appr_ranking")

    if pairs:
        st.subheader(t("appr_interactions", lang))
        inter = result.interactions
        if inter.empty:
            st.info(t("appr_no_interactions", lang))
        else:
            players = {p.id: getattr(p, f"name_{lang}") for p in result.players}
            top = inter.head(20)
            st.dataframe(pd.DataFrame({
                t("appr_col_pair", lang): [f"{players[a]} + {players[b]}" for a, b in zip(top["project_a"], top["project_b"])],
                t("appr_indicator", lang): [indicator_names.get(i, i) for i in top["indicator"]],
                t("appr_col_with_base", lang): top["with_base"].round(2),
                t("appr_col_within_full", lang): top["within_full"].round(2),
                t("appr_col_unit", lang): top["unit"].map(_unit),
            }), hide_index=True, width="stretch", key="appr_interactions")

    with st.expander(t("appr_table", lang)):
        st.dataframe(result.shares, hide_index=True, width="stretch", key="appr_table")
    st.download_button(t("appr_download", lang), result.shares.to_csv(index=False).encode("utf-8"),
                       file_name=f"wuzhen_geo_projects_{year}_{mode}.csv", mime="text/csv", key="appr_csv",
                       on_click="ignore")
