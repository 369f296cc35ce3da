"""The planner's answers: places listed with their status, an edit named as a cause, causes in words, the
modes side by side, why a change shows nothing under fastest, and the travel-time difference bands."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from wuzhen_geo.answers import (
    cause_words,
    compare_modes,
    difference_bands,
    edit_title,
    explained_changes,
    link_between,
    place_choices,
    travel_time_surface,
    unchanged_reason,
)
from wuzhen_geo.answers.surfaces import TravelTimeSurface
from wuzhen_geo.i18n import markdown_text
from wuzhen_geo.model import TODAY, AddLink, Scenario, apply_edit, build_network, working_copy


@pytest.fixture(scope="module")
def shuttle(mini_data) -> tuple[Scenario, Scenario]:
    before = working_copy(TODAY)
    link = link_between(before, mini_data, "zacc_hq", "apt_hgh", mode="rail", cls="intercity", speed_kmh=300,
                        headway_min=5, name_en="HQ shuttle", name_zh="  ")
    return before, apply_edit(before, link, mini_data)


def test_places_are_listed_with_status_and_presence(mini_data):
    today = place_choices(mini_data, None, "en")
    assert "jct_cross" not in today  # road junctions are not link ends
    assert today["stn_hgh_hsr"].endswith("not in this network yet (linking brings it in with its access roads)")
    assert "planned" in today["stn_hgh_hsr"] and "not in this network" not in today["stn_tongxiang"]
    plan = Scenario(name="p", projects_on=("prj_airport_hsr",))
    assert "not in this network" not in place_choices(mini_data, plan, "en")["stn_hgh_hsr"]
    assert "尚未在路网中" in place_choices(mini_data, None, "zh")["stn_hgh_hsr"]


def test_an_edit_is_named_as_a_cause(mini_data, shuttle):
    _, after = shuttle
    link = after.edits[-1]
    assert link.name_en == "HQ shuttle" and link.name_zh is None  # blank names are no names
    assert edit_title(link, mini_data, "en") == "your rail link HQ shuttle"
    unnamed = AddLink(id="rl_x", mode="rail", cls="intercity", stops=("city_wuzhen", (120.6, 30.7)))
    assert edit_title(unnamed, mini_data, "en") == "your rail link Wuzhen – point drawn on the map"
    assert cause_words(["edit:1", "prj_airport_hsr", "rd_cross", "odd"], mini_data, "en", after=after) == (
        "your rail link HQ shuttle; Hangzhou Airport HSR 杭州机场高铁; Cross road; odd")
    assert cause_words(["edit:before:1"], mini_data, "en", before=after) == "dropped: your rail link HQ shuttle"


def test_changes_are_explained_in_words_and_the_reason_shown(mini_data, shuttle):
    before, after = shuttle
    nb, na = build_network(mini_data, before), build_network(mini_data, after)
    table = compare_modes(nb, na)
    side = explained_changes(table, mini_data, "en", after=after, before=before)
    assert len(side) == len(table) and set(table.columns) < set(side.columns)
    assert side.merge(table, on=["from_id", "to_id"], suffixes=("", "_t")).eval("after_rail == after_rail_t").all()
    row = side[(side["from_id"] == mini_data.zones.index[0]) & (side["to_id"] == "apt_hgh")].iloc[0]
    assert row["changed"] and row["causes_words"] == "your rail link HQ shuttle"
    gains = side[["difference_best", "difference_car", "difference_rail"]].replace(-math.inf, math.nan).min(axis=1)
    assert side["changed"].iloc[0] and gains.iloc[0] == gains.min()  # the biggest finite gain first
    assert not side.loc[~side["changed"], "causes_words"].str.len().any()
    assert unchanged_reason(side, after.edits[-1], before, mini_data, "en") is None
    # a change seen under rail only is said so
    same = {f"{k}_{m}": 60.0 for k in ("before", "after") for m in ("best", "car", "rail")}
    rail_only = side.assign(**same).assign(after_rail=[55.0 if i < 3 else 60.0 for i in range(len(side))])
    assert "shows under rail (3 pairs)" in unchanged_reason(rail_only, None, before, mini_data, "en")
    # ... and said against the mode the planner compares: none under rail, where it shows
    assert unchanged_reason(rail_only, None, before, mini_data, "en", mode="rail") is None
    assert unchanged_reason(rail_only, None, before, mini_data, "en", mode="car") == \
        "This change shows under rail (3 pairs), not under car."
    assert "“驾车”方式下没有变化" in unchanged_reason(rail_only, None, before, mini_data, "zh", mode="car")
    nothing = rail_only.assign(after_rail=60.4)  # 60 -> 60.4 still reads 60 -> 60
    assert unchanged_reason(nothing, None, before, mini_data, "en") is None
    far = AddLink(id="rl_y", mode="rail", cls="intercity", stops=("stn_hgh_hsr", "stn_tongxiang"))
    why = unchanged_reason(nothing, far, before, mini_data, "en")
    assert "changes no trip" in why and "Xiaoshan Airport HSR Station" in why


def test_difference_bands_follow_the_subtraction(mini_net):
    x, y = np.arange(0.0, 50_000, 1_000), np.arange(0.0, 40_000, 1_000)
    xx, _ = np.meshgrid(x, y)
    base = TravelTimeSurface(x=x, y=y, minutes=np.full(xx.shape, 60.0))
    # after: 40 min faster in the west, 20 slower in the east, unchanged in between
    after = TravelTimeSurface(x=x, y=y, minutes=np.where(xx < 15_000, 20.0, np.where(xx > 35_000, 80.0, 60.0)))
    bands = difference_bands(base, after).to_crs(base.crs)
    faster, slower = bands[bands["max_minutes"] <= 0], bands[bands["min_minutes"] >= 0]
    assert not len(bands[(bands["min_minutes"] < 0) & (bands["max_minutes"] > 0)])  # "no change" is not drawn
    assert faster.loc[faster["area_km2"].idxmax(), "min_minutes"] == -math.inf  # over 30 min faster
    assert slower.loc[slower["area_km2"].idxmax(), ["min_minutes", "max_minutes"]].tolist() == [15.0, 30.0]
    assert faster.total_bounds[2] < 16_000 and slower.total_bounds[0] > 34_000
    assert difference_bands(base, base).empty
    with pytest.raises(ValueError, match="different grids"):
        difference_bands(base, TravelTimeSurface(x=x[:-1], y=y, minutes=np.zeros((len(y), len(x) - 1))))
    real = travel_time_surface(mini_net, mini_net.data.zones.index[0])
    assert difference_bands(real, real).empty


def test_markdown_text_is_shown_literally():
    for probe in ("![](http://example.com/track.png)", "[a](javascript:alert(1))", "<img src=x onerror=alert(1)>",
                  "www.example.com", "*bold* _it_ `code` $x$"):
        escaped = markdown_text(probe)
        assert escaped.replace("\\", "") == probe
        marks = [i for i, c in enumerate(escaped) if c.isascii() and not c.isalnum() and not c.isspace() and c != "\\"]
        assert marks and all(escaped[i - 1] == "\\" for i in marks), escaped  # every mark is escaped
    assert markdown_text("乌镇站 Wuzhen 2030") == "乌镇站 Wuzhen 2030"
    assert markdown_text(None) == ""


def test_link_speed_is_the_speed_the_model_runs_a_link_at(mini_data):
    from wuzhen_geo.answers import link_speed
    from wuzhen_geo.model import DEFAULT_CONFIG

    links = mini_data.links
    for lid, row in links.iterrows():
        got = link_speed(mini_data, lid)
        if row["mode"] == "walk":
            assert got is None
        elif pd.notna(row.get("speed_kmh")):
            assert got == row["speed_kmh"]
        else:
            default = DEFAULT_CONFIG.rail_speed if row["mode"] == "rail" else DEFAULT_CONFIG.road_speed
            assert got == default(row["class"])


def test_the_project_table_lists_every_project_with_its_year_basis_and_a_note_in_the_language(shipped_data):
    """Planners see why a year is inferred: every project with its status, its year and what the year rests on,
    and its note; in Chinese the data's translation where there is one, else the English marked as English."""
    import dataclasses

    from wuzhen_geo.answers import project_table

    projects = [dict(p) for p in shipped_data.projects]
    first, second = projects[0], projects[1]
    first.update(note="advance works from 29 Sep 2025", note_zh="2025年9月29日起先行工程")
    second.update(note="opening claimed for 2028")
    second.pop("note_zh", None)
    data = dataclasses.replace(shipped_data, projects=projects)
    zh, en = project_table(data, "zh").set_index("id"), project_table(data, "en").set_index("id")
    assert list(zh.index) == [p["id"] for p in projects] == list(en.index)
    assert zh.at[first["id"], "note"] == "2025年9月29日起先行工程"
    assert en.at[first["id"], "note"] == "advance works from 29 Sep 2025"
    assert zh.at[second["id"], "note"] == "（英文）opening claimed for 2028"
    inferred = next(p for p in projects if p.get("year_basis") == "inferred" and p.get("open_year"))
    assert en.at[inferred["id"], "year"] == f"{inferred['open_year']} (inferred)"
    assert zh.at[inferred["id"], "year"] == f"{inferred['open_year']}（推断）"
    assert zh.at[inferred["id"], "name"] == inferred["name_zh"]


def test_the_project_table_says_why_a_project_is_not_modelled_in_the_language(shipped_data):
    from wuzhen_geo.answers import project_table

    zh, en = project_table(shipped_data, "zh").set_index("id"), project_table(shipped_data, "en").set_index("id")
    skipped = [p for p in shipped_data.projects if not p.get("modelled")]
    assert skipped
    for p in skipped:
        assert en.at[p["id"], "modelled"] == f"no: {p['not_modelled_reason']}"
        assert zh.at[p["id"], "modelled"] == f"否：{p.get('not_modelled_reason_zh') or p['not_modelled_reason']}"
    assert all(p.get("not_modelled_reason_zh") for p in skipped)  # every reason is said in Chinese too
