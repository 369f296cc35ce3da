"""Maps of people within reach (wuzhen_geo.maps.access): the layers render offline, bilingual and escaped.

Kept beside the access answers' tests because they draw those answers."""

from __future__ import annotations

import html
import json
import re

import pytest

from wuzhen_geo.answers.access import access_everywhere, reach, reach_area, unit_reach
from wuzhen_geo.i18n import t
from wuzhen_geo.maps import export_html, overview_map
from wuzhen_geo.model import build_network, shipped_scenarios
from wuzhen_geo.maps.access import (
    everywhere_layer,
    gdp_text,
    people_text,
    people_within_text,
    reach_layer,
    units_difference_layer,
    units_layer,
)


@pytest.mark.parametrize(("people", "lang", "text"), [
    (7_351_172, "zh", "735 万"), (7_351_172, "en", "7.35 million"), (12_000, "zh", "1 万"), (999, "en", "999"),
])
def test_people_read_as_people_say_them(people, lang, text):
    assert people_text(people, lang) == text


def test_gdp_is_in_yi_yuan_in_chinese_and_billions_in_english():
    assert gdp_text(443.0, "zh").startswith("地区生产总值 4,430 亿元")
    assert gdp_text(443.0, "en").startswith("GDP 443 bn yuan")


@pytest.fixture(scope="module")
def pages(shipped_data, shipped_net):
    out = {}
    area = reach_area(shipped_net, "city_tongxiang", budget=60)
    units = unit_reach(shipped_net, "city_tongxiang", budget=60)
    bands = access_everywhere(shipped_net, budget=60, cells=2000).bands([0, 1e6, 5e6, 1e7])
    for lang in ("zh", "en"):
        m = overview_map(shipped_data, lang=lang)
        reach_layer(area, m=m, lang=lang)
        units_layer(units, m=m, lang=lang, by="minutes_centre")
        units_layer(units, m=m, lang=lang, by="share_reached")
        units_layer(shipped_data.units, m=m, lang=lang)
        units_difference_layer(units, units, m=m, lang=lang)
        everywhere_layer(bands, m=m, lang=lang)
        out[lang] = export_html(m)
    return out


def test_the_reach_layer_shows_the_count_in_large_type(pages, shipped_net):
    people = reach(shipped_net, "city_tongxiang", budgets=[60]).iloc[0]["people"]
    for lang, page in pages.items():
        assert "wz-access-count" in page
        assert people_within_text(people, 60, lang) in page


def _shows(page, text):
    """``text`` is in the page as such (GeoJSON layers) or as JSON escapes (legends go through ``tojson``)."""
    return text in page or json.dumps(text)[1:-1] in page


def test_legends_are_in_the_map_language(pages):
    assert _shows(pages["zh"], "到区县中心的时间") and _shows(pages["en"], "Time to the unit")
    assert _shows(pages["zh"], "可达人口变化") and _shows(pages["en"], "Change in people within 60 min")
    assert _shows(pages["en"], "1-hour circle (people)") and _shows(pages["zh"], "一小时交通圈（人口）")
    assert not _shows(pages["en"], "一小时交通圈（人口）")


def test_the_export_fetches_nothing(pages):
    for page in pages.values():
        assert not re.search(r'<script[^>]+src="https?://', page)
        assert not re.search(r'<link[^>]+href="https?://', page)


def test_unit_names_are_escaped(shipped_data):
    units = shipped_data.units.copy()
    units["name_en"] = units["name_en"].astype(object)
    units.iloc[0, units.columns.get_loc("name_en")] = "<script>alert(1)</script>"
    m = overview_map(shipped_data, lang="en", network=False)
    page = export_html(units_layer(units, m=m, lang="en"))
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page  # escaped HTML in the data


@pytest.mark.parametrize("lang, field", [("zh", "note_zh"), ("en", "note")])
def test_a_units_popup_says_why_a_figure_is_missing_in_the_maps_language(shipped_data, lang, field):
    layer = units_layer(shipped_data.units, m=overview_map(shipped_data, lang=lang, network=False), lang=lang)
    popups = [f["properties"]["popup"] for child in layer._children.values() if child.__class__.__name__ == "VectorLayer"
              and child.layer_name == t("access_units_layer", lang) for f in child.data["features"]]
    units = shipped_data.units
    assert len(popups) == len(units) and units["note_zh"].notna().sum() > 20
    for (uid, row), popup in zip(units.iterrows(), popups):
        if row["note_zh"] == row["note_zh"] and row["note_zh"]:
            assert html.escape(row[field]) in popup, uid


@pytest.mark.parametrize("lang, gdp", [("zh", "1,347.1 亿元 (2024)"), ("en", "134.7 bn yuan (2024)")])
def test_a_units_popup_gives_gdp_in_the_unit_of_the_maps_language(shipped_data, lang, gdp):
    """A Chinese map's county popup said Tongxiang's GDP was "134.7 bn"; Chinese readers count in 亿元."""
    layer = units_layer(shipped_data.units, m=overview_map(shipped_data, lang=lang, network=False), lang=lang)
    popups = [f["properties"]["popup"] for child in layer._children.values() if child.__class__.__name__ == "VectorLayer"
              and child.layer_name == t("access_units_layer", lang) for f in child.data["features"]]
    tongxiang = [p for p in popups if "桐乡市" in str(p)]
    assert tongxiang and all(gdp in str(p) for p in tongxiang), tongxiang[:1]
    assert lang == "en" or not any(" bn" in str(p) for p in popups)


def test_an_unknown_choropleth_is_refused(shipped_data):
    with pytest.raises(ValueError, match="by="):
        units_layer(shipped_data.units, m=overview_map(shipped_data, network=False), by="gdp")


def test_the_change_between_surfaces_is_drawn_red_and_green(shipped_data, shipped_net):
    plan = build_network(shipped_data, shipped_scenarios(shipped_data)["plan-full"])
    before = access_everywhere(shipped_net, budget=60, cells=2000)
    change = access_everywhere(plan, budget=60, cells=2000).minus(before)
    bands = change.bands([-1e9, -1e4, 1e4, 1e6])
    m = overview_map(shipped_data, lang="en", network=False)
    page = export_html(everywhere_layer(bands, m=m, lang="en"))
    assert "Change in people within 60 min" in page
    assert "#1b7837" in page or "#a6dba0" in page or "#d9f0d3" in page  # somewhere more people are reached
    with pytest.raises(ValueError, match="different grids"):
        change.minus(access_everywhere(shipped_net, budget=60, cells=3000))
