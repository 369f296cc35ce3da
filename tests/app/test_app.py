"""The Streamlit app without a browser (``AppTest``): pages, language, URL state, errors shown cleanly.

AppTest cannot run JavaScript: whether the map really draws is checked in ``test_browser.py``.
"""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from tests.shared import REPO_ROOT
from wuzhen_geo.i18n import STRINGS, t

APP = str(REPO_ROOT / "streamlit_app.py")


@pytest.fixture
def mini_env(monkeypatch, mini_dir, repo_root):
    monkeypatch.setenv("WUZHEN_GEO_DATA", str(mini_dir))
    monkeypatch.chdir(repo_root)


def _run(query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at.run()


def _titles(at: AppTest) -> list[str]:
    return [el.value for el in at.title]


def test_overview_runs_in_both_languages(mini_env, mini_data):
    at = _run({"lang": "en"})
    assert not at.exception
    assert _titles(at) == [t("page_overview", "en")]
    data = mini_data
    assert t("counts", "en", places=len(data.places), links=len(data.links)) in [c.value for c in at.caption]
    assert at.query_params["lang"] == "en" and at.query_params["page"] == "overview"
    at.sidebar.segmented_control(key="wz_lang_widget").set_value("zh").run()
    assert not at.exception
    assert _titles(at) == [t("page_overview", "zh")]
    assert at.query_params["lang"] == "zh"


def test_unknown_query_values_fall_back_to_defaults(mini_env):
    at = _run({"lang": "fr", "page": "nowhere", "year": "abc"})
    assert not at.exception
    assert _titles(at) == [t("page_overview", "zh")]
    assert "year" not in at.query_params


def test_shared_url_opens_the_named_page(mini_env):
    at = _run({"page": "airports", "lang": "en"})
    assert not at.exception
    assert _titles(at) == [t("page_airports", "en")]
    assert at.query_params["page"] == "airports"


def test_year_toggle_is_mirrored_to_the_url(mini_env):
    at = _run({"lang": "en"})
    at.sidebar.toggle(key="ov_use_year").set_value(True).run()
    at.sidebar.slider(key="ov_year").set_value(2030).run()
    assert not at.exception
    assert at.query_params["year"] == "2030"
    at2 = _run({"lang": "en", "year": "2030"})  # the copied address restores the year
    assert at2.sidebar.slider(key="ov_year").value == 2030
    # today's network in another year is not today's: the airports page's box says what it shows
    at3 = _run({"lang": "en", "year": "2030", "page": "airports"})
    assert any(c.value.startswith("The network of 2030: today's, with the projects due") for c in at3.sidebar.caption)


def test_every_page_runs(mini_env):
    at = _run({"lang": "en"})
    for path in ("app_pages/airports.py", "app_pages/planner.py", "app_pages/presentation.py",
                 "app_pages/overview.py"):
        at.switch_page(path).run()
        assert not at.exception, path
        assert len(at.title) == 1, path


def test_broken_data_shows_a_message_not_a_traceback(tmp_path, monkeypatch, repo_root):
    monkeypatch.setenv("WUZHEN_GEO_DATA", str(tmp_path / "missing"))
    monkeypatch.chdir(repo_root)
    at = _run({"lang": "en"})
    assert not at.exception  # no uncaught exception (which Streamlit would render as a traceback)
    errors = [e.value for e in at.error]
    # headed in the page's language only (an English page began with the Chinese heading)
    assert errors and STRINGS["data_error"]["en"] in errors[0] and STRINGS["data_error"]["zh"] not in errors[0]
    assert "missing" in errors[0]  # names the folder


def _cells(at: AppTest, column: str):
    """The (first) data frame shown with this column."""
    return next(df.value for df in at.dataframe if column in df.value.columns)


def test_airport_table_from_a_shared_origin(mini_env, mini_data, mini_net):
    from wuzhen_geo.answers import airport_times

    data = mini_data
    zone = data.zones.index[-1]
    at = _run({"page": "airports", "lang": "en", "origin": zone})
    assert not at.exception and not at.error
    table = _cells(at, t("col_best", "en"))
    expected = airport_times(mini_net, zone)  # recomputed outside the app
    best = expected[expected["mode"] == "best"]
    assert len(table) == len(best)
    # minutes are numbers (they sort as numbers), shown whole
    assert [f"{v:.0f}" for v in table[t("col_best", "en")]] == [f"{v:.0f}" for v in best["minutes"]]
    assert at.query_params["origin"] == zone


def test_pasted_gcj02_coordinate_is_stored_in_wgs84(mini_env, mini_data):
    from wuzhen_geo.model.coords import gcj02_to_wgs84

    data = mini_data
    p = data.places.geometry["city_tongxiang"]
    at = _run({"page": "airports", "lang": "en"})
    at.radio(key="apt_how__en").set_value("coord").run()
    at.radio(key="apt_system__en").set_value("gcj02").run()
    at.text_input(key="apt_coord").set_value(f"{p.x:.6f},{p.y:.6f}").run()  # lon,lat as AMap copies it
    assert not at.exception and not at.error
    lon, lat = gcj02_to_wgs84(p.x, p.y)
    stored = at.session_state["wz_origin"]
    got_lat, got_lon = (float(v) for v in stored.split(","))
    assert abs(got_lat - float(lat)) < 1e-5 and abs(got_lon - float(lon)) < 1e-5
    assert abs(got_lon - p.x) > 1e-3  # it really was shifted, not taken as WGS-84
    assert len(_cells(at, t("col_best", "en"))) > 0


def test_the_coordinate_box_reads_a_datum_label_and_says_what_to_paste(mini_env, mini_data):
    """'gcj02: lat,lon' (as people label what they copied) was "unknown place", and so was any text that is not
    a coordinate, with no word on what the box wants."""
    from wuzhen_geo.model.coords import gcj02_to_wgs84

    p = mini_data.places.geometry["city_tongxiang"]
    at = _run({"page": "airports", "lang": "en"})
    at.radio(key="apt_how__en").set_value("coord").run()
    at.text_input(key="apt_coord").set_value(f"gcj02: {p.y:.6f},{p.x:.6f}").run()  # the radio left at WGS-84
    assert not at.exception and not at.error
    lon, lat = gcj02_to_wgs84(p.x, p.y)
    got_lat, got_lon = (float(v) for v in at.session_state["wz_origin"].split(","))
    assert abs(got_lat - float(lat)) < 1e-5 and abs(got_lon - float(lon)) < 1e-5
    at.text_input(key="apt_coord").set_value("hello").run()
    shown = " ".join(e.value for e in at.error).replace("\\", "")  # shown literally: Markdown escapes
    assert "cannot read 'hello' as a coordinate" in shown and "unknown place" not in shown


@pytest.mark.parametrize("pasted, words", [("hello", "无法将 'hello' 读作坐标"),
                                            ("39.9, 116.4", "无论按哪种顺序都不在研究区域内")])
def test_a_coordinate_the_box_cannot_use_is_explained_in_chinese_on_the_chinese_page(mini_env, pasted, words):
    """The default page language is Chinese; the coordinate box's errors were in English there."""
    at = _run({"page": "airports", "lang": "zh"})
    at.radio(key="apt_how__zh").set_value("coord").run()
    at.text_input(key="apt_coord").set_value(pasted).run()
    shown = " ".join(e.value for e in at.error).replace("\\", "")
    assert words in shown and "coordinate" not in shown and "study area" not in shown, shown


def test_a_misspelt_name_suggests_places(mini_env):
    # typed, not picked from the list (AppTest cannot type into a select box: the shared URL does)
    at = _run({"page": "airports", "lang": "en", "origin": "Tongxaing"})
    assert at.radio(key="apt_how__en").value == "name"
    assert not at.exception
    assert at.error and "Tongxaing" in at.error[0].value
    # the suggestions are buttons that choose the place
    buttons = [b for b in at.button if "Tongxiang" in b.label]
    assert buttons
    buttons[0].click().run()
    assert not at.exception and not at.error
    assert at.session_state["wz_origin"] and _cells(at, t("col_best", "en")) is not None


def test_planner_link_between_places_changes_times_and_bad_upload_changes_nothing(mini_env, mini_data):
    data = mini_data
    at = _run({"page": "planner", "lang": "en"})
    assert not at.exception and not at.error
    airport = data.places.index[data.places["kind"] == "airport"][0]
    access = data.zones.at[data.zones.index[0], "access"]
    at.selectbox(key="pl_a__en").set_value(access).run()
    at.selectbox(key="pl_b__en").set_value(airport).run()
    at.number_input(key="pl_pf_speed_intercity").set_value(300.0).run()
    at.number_input(key="pl_pf_headway").set_value(5.0).run()
    at.button(key="pl_add_places").click().run()
    assert not at.exception and not at.error
    edits = at.session_state["pl_scenario"].edits
    assert len(edits) == 1 and edits[0].stops == (access, airport)
    change = t("f_change", "en") + " (fastest)"  # the map's mode; the table shows every mode side by side
    table = _cells(at, change)
    row = table[(table[t("to", "en")] == data.places.at[airport, "name_en"])
                & (table[t("from", "en")] == data.zones.at[data.zones.index[0], "name_en"])]
    assert len(row) == 1 and row[change].iloc[0] < 0  # a 300 km/h shuttle every 5 min is faster
    assert row["Rail after"].iloc[0] < row["Rail before"].iloc[0]
    assert row[t("causes", "en")].iloc[0].startswith("your rail link")
    bad = b"name: broken\nedits:\n  - {type: remove_link, link: rd_does_not_exist}\n"
    at.get("file_uploader")[0].upload("bad.yaml", bad, "application/x-yaml")
    at.run()
    assert at.error and "rd_does_not_exist" in at.error[0].value.replace("\\", "")  # escaped Markdown
    assert at.session_state["pl_scenario"].edits == edits  # unchanged


def test_a_refused_upload_is_explained_in_the_page_language(mini_env):
    """The planner in Chinese said why it refused a file in English."""
    at = _run({"page": "planner", "lang": "zh"})
    bad = b"name: broken\nedits:\n  - {type: set_speed, link: rd_cross, speed_kmh: '120'}\n"
    at.get("file_uploader")[0].upload("bad.yaml", bad, "application/x-yaml")
    at.run()
    said = at.error[0].value.replace("\\", "")  # shown literally: Markdown escapes
    assert "bad.yaml：edits[0].speed_kmh：'120' 被读作文字而不是数字（去掉引号）" in said, said
    assert "is read as text" not in said
    at.button(key="pl_upload_problem_close").click().run()  # read: closed (it stayed until the next edit)
    assert not at.error and not at.exception


def test_overview_names_the_network_it_shows_on_the_page_and_its_export(mini_env):
    """The overview named its scenario only in the sidebar box, and every export was
    wuzhen_geo_overview_<lang>.html whatever it showed."""
    at = _run({"lang": "en", "year": "2030"})
    assert not at.exception
    captions = [c.value.replace("\\", "") for c in at.caption]  # shown literally: Markdown escapes
    assert any(t("plan_view", "en") in c and "2030" in c for c in captions), captions
    assert any(b.key == "ov_download" for b in at.get("download_button"))  # its file: a browser test


def test_presentation_contours_and_html_export(mini_env, mini_data):
    at = _run({"page": "presentation", "lang": "en"})
    zone = mini_data.zones.index[0]
    at.sidebar.selectbox(key="pr_zone__en").set_value(zone).run()
    assert not at.exception and not at.error
    assert any(b.key == "pr_html" for b in at.get("download_button"))


def test_every_ui_string_exists_in_both_languages(repo_root):
    import re

    from wuzhen_geo.i18n import LABELS

    for key, entry in STRINGS.items():
        assert entry.get("zh") and entry.get("en"), key
    for group, values in LABELS.items():
        for value, entry in values.items():
            assert entry.get("zh") and entry.get("en"), (group, value)
    sources = [repo_root / "streamlit_app.py", *sorted((repo_root / "app_pages").glob("*.py")),
               *sorted((repo_root / "wuzhen_geo").rglob("*.py"))]
    used = {k for p in sources for k in re.findall(r"\bt\(\s*[\"']([a-z0-9_]+)[\"']", p.read_text(encoding="utf-8"))}
    assert used, "the scan found no t('...') calls"
    assert used <= set(STRINGS), f"missing strings: {sorted(used - set(STRINGS))}"


def test_planner_edit_list_is_readable_and_its_yaml_has_no_anchors(mini_env, mini_data):
    data = mini_data
    at = _run({"page": "planner", "lang": "en"})
    airport = data.places.index[data.places["kind"] == "airport"][0]
    access = data.zones.at[data.zones.index[0], "access"]
    at.selectbox(key="pl_a__en").set_value(access).run()
    at.selectbox(key="pl_b__en").set_value(airport).run()
    at.number_input(key="pl_pf_speed_intercity").set_value(250.0).run()
    at.number_input(key="pl_pf_headway").set_value(15.0).run()
    at.button(key="pl_add_places").click().run()
    removed = data.links.index[0]
    at.selectbox(key="pl_remove__en").set_value(removed).run()
    at.button(key="pl_remove_btn").click().run()
    assert not at.exception and not at.error
    text = "\n".join(el.value for el in at.text)  # st.text: names are never Markdown
    lines = [ln for ln in text.splitlines() if re.match(r"^\d\. ", ln)]
    assert len(lines) == 2, text
    add, rm = lines
    assert add.startswith("1. Add rail link") and "→" in add
    assert data.places.at[access, "name_en"] in add and data.places.at[airport, "name_en"] in add
    assert "250 km/h" in add and "every 15 min" in add
    assert rm.startswith("2. Remove link") and data.links.at[removed, "name_en"] in rm
    assert not re.search(r"[&*]id\d+|\{type:", text)  # no YAML on screen

    # A drawn link keeps its end points in both `stops` and `geometry` (the same values): the file the
    # planner downloads must still have no anchor or alias, and read back to the same scenario.
    from wuzhen_geo.model import AddLink, apply_edit, load_scenario, scenario_to_yaml

    pts = ((120.5, 30.7), (120.6, 30.65), (120.7, 30.6))
    drawn = apply_edit(at.session_state["pl_scenario"],
                       AddLink(id="rl_custom_9", mode="rail", cls="intercity", stops=(pts[0], pts[-1]), geometry=pts,
                               speed_kmh=160.0, headway_min=30.0), data)
    written = scenario_to_yaml(drawn)
    assert not re.search(r"[&*]id\d+", written)
    assert load_scenario(written, data) == drawn and drawn.edits[-1].id == "rl_custom_9"


def test_plan_indicators_name_the_destination_of_each_row(mini_env, mini_data, mini_net):
    from wuzhen_geo.answers import plan_indicators

    data = mini_data
    expected = plan_indicators(mini_net)
    at = _run({"page": "planner", "lang": "en"})
    assert not at.exception and not at.error
    shown = _cells(at, t("target_name", "en"))
    assert "id" not in shown.columns  # internal ids are not shown
    assert len(shown) == len(expected) and expected["to_id"].notna().any()
    for (_, want), got in zip(expected.iterrows(), shown[t("target_name", "en")]):
        assert got.startswith(want["name_en"])
        if isinstance(want.get("to_id"), str) and want["to_id"] in data.places.index:
            assert got.endswith(" · " + data.places.at[want["to_id"], "name_en"])


def test_the_airports_page_answers_for_a_departure_period(monkeypatch, repo_root, shipped_dir, shipped_data):
    """Leaving at the morning peak: the table is the package's answer on the network of that period."""
    import math

    from wuzhen_geo.answers import trip_answer
    from wuzhen_geo.errors import UnreachableError
    from wuzhen_geo.model import DEFAULT_CONFIG, build_network

    monkeypatch.setenv("WUZHEN_GEO_DATA", str(shipped_dir))
    monkeypatch.chdir(repo_root)
    at = AppTest.from_file(str(repo_root / "streamlit_app.py"), default_timeout=240)
    at.query_params.update({"page": "airports", "lang": "en", "origin": "zone_hq"})
    at.run()
    off = next(df.value for df in at.dataframe if "Car (min)" in df.value.columns)
    # the box says what the period changes: roads in the cities; no train or coach at night
    help_text = at.sidebar.selectbox(key="apt_depart__en").help
    assert "daytime service" in help_text and "no train or coach runs" in help_text
    at.sidebar.selectbox(key="apt_depart__en").set_value("am_peak").run()
    assert not at.exception and not at.error
    peak = next(df.value for df in at.dataframe if "Car (min)" in df.value.columns)
    net = build_network(shipped_data, config=DEFAULT_CONFIG.replace(depart="am_peak"))
    for apt, shown in zip([a for a in shipped_data.places.index if shipped_data.places.at[a, "kind"] == "airport"],
                          peak["Car (min)"]):
        try:
            want = round(trip_answer(net, "zone_hq", apt, mode="car").minutes)
        except UnreachableError:
            want = math.nan
        assert (math.isnan(want) and math.isnan(shown)) or shown == want, (apt, shown, want)
    assert (peak["Car (min)"].fillna(0) >= off["Car (min)"].fillna(0)).all()
    assert (peak["Car (min)"] > off["Car (min)"]).any()  # the peak is slower somewhere


def test_an_address_value_that_cannot_be_used_is_said_not_dropped(mini_env):
    """'?year=2300' or '?year=abc' in a shared link silently showed 2026."""
    at = _run({"page": "airports", "lang": "en", "year": "2300", "origin": "zacc_hq"})
    shown = " ".join(w.value for w in at.warning).replace("\\", "")
    assert "year=2300" in shown and "cannot be used" in shown
    assert at.session_state["wz_year"] is None
    at = _run({"page": "overview", "lang": "en"})
    assert not [w for w in at.warning if "cannot be used" in w.value]
    # a scenario no file defines was dropped in silence
    at = _run({"page": "overview", "lang": "en", "scenario": "nosuch"})
    shown = " ".join(w.value for w in at.warning).replace("\\", "")
    assert "scenario=nosuch" in shown and at.session_state["wz_scenario"] is None


def test_projects_settings_survive_another_page(mini_env):
    """The sample size, the projects chosen, the mode and the pairs switch went back to their defaults after a
    visit to another page (Streamlit drops the state of widgets a run does not draw)."""
    at = _run({"lang": "en", "page": "projects"})
    assert not at.exception
    chosen = at.sidebar.multiselect(key="appr_projects_2026")
    assert chosen.value, "the mini data have a project to leave out"
    kept = chosen.value[:-1]
    chosen.set_value(kept).run()
    at.sidebar.slider(key="appr_samples").set_value(at.sidebar.slider(key="appr_samples").min).run()
    samples = at.sidebar.slider(key="appr_samples").value
    at.sidebar.radio(key="appr_mode__en").set_value("car").run()
    at.sidebar.toggle(key="appr_pairs").set_value(True).run()
    at.switch_page("app_pages/overview.py").run()
    at.switch_page("app_pages/projects.py").run()
    assert not at.exception
    assert at.sidebar.multiselect(key="appr_projects_2026").value == kept
    assert at.sidebar.slider(key="appr_samples").value == samples
    assert at.sidebar.radio(key="appr_mode__en").value == "car"
    assert at.sidebar.toggle(key="appr_pairs").value is True
