"""The residents' airports page on the shipped data in a real browser (Chromium), offline, at 1440×900 and
390×844, in both languages: one answer on the page (table = route panel), choices kept across a change of
language, minutes sorted as numbers, finding a place (picker, ambiguous names, failed searches, points named
by their nearest place) and the answer read whole on a phone.

Each test was written against the page before these fixes and failed there.
"""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect
from tests.app.test_browser import _map_frame, _shot, _wait_idle, browser_context, page  # noqa: F401
from tests.app.test_browser_shipped import app_url  # noqa: F401

from wuzhen_geo.answers import airport_summary, airport_times
from wuzhen_geo.i18n import label, t

pytestmark = pytest.mark.browser

WIDE = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}


def _open(page, url: str, lang: str, viewport=WIDE) -> None:
    page.set_viewport_size(viewport)
    page.goto(url)
    page.get_by_role("heading", name=t("page_airports", lang)).wait_for(timeout=60_000)
    _map_frame(page, timeout_s=60)
    _wait_idle(page, timeout_s=60)


def _settle(page) -> None:
    page.wait_for_timeout(800)  # let the rerun start before waiting for it to end
    _wait_idle(page, timeout_s=60)


def _widget(page, testid: str, label_text: str):
    return page.locator(f'[data-testid="{testid}"]').filter(has_text=label_text).first


def _checked(page, label_text: str) -> str:
    """The label of the checked option of a radio group."""
    group = _widget(page, "stRadio", label_text)
    return group.locator("label").filter(has=page.locator("input:checked")).inner_text().strip()


def _box_text(page, label_text: str) -> str:
    """A select box's label and the option it shows (kept in its input)."""
    box = _widget(page, "stSelectbox", label_text)
    return box.evaluate("e => e.innerText + ' ' + Array.from(e.querySelectorAll('input')).map(i => i.value)"
                        ".join(' ')")


def _pick(page, box_label: str, option: str | re.Pattern) -> None:
    _widget(page, "stSelectbox", box_label).click()
    page.get_by_role("option", name=option).first.click()
    _settle(page)


def _table_column(page, header: str) -> list[str]:
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.scroll_into_view_if_needed()  # the grid (under the map) fills its cells once it is in view
    grid.locator('[role="columnheader"]').first.wait_for(state="attached", timeout=10_000)
    headers = [h.strip() for h in grid.locator('[role="columnheader"]').all_inner_texts()]
    col = [h.lstrip("↑↓ ") for h in headers].index(header)  # a sorted column gains an arrow
    cells = grid.locator('[role="gridcell"]').all_inner_texts()
    return cells[col::len(headers)]


def _summary(shipped_net, origin: str, lang: str):
    return airport_summary(airport_times(shipped_net, origin), shipped_net.data, lang)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_route_panel_gives_the_table_s_rail_answer(app_url, page, shipped_net, lang):
    """Defect 1: Culture and Tourism → Pudong by rail said 172 min in the table and 137 min (a drive to
    Hongqiao and the Airport Link) in the route panel."""
    _open(page, f"{app_url}/?page=airports&lang={lang}&origin=zone_culture", lang)
    loads: list[str] = []  # a new route travels as the map's dynamic layers: the component is not reloaded
    page.on("request", lambda r: loads.append(r.url) if "st_folium/index.html" in r.url else None)
    _pick(page, t("show_route", lang), re.compile("PVG"))
    _widget(page, "stRadio", t("route_mode", lang)).get_by_text(label("mode", "rail", lang), exact=True).click()
    _settle(page)
    expected = _summary(shipped_net, "zone_culture", lang).set_index("airport_id").loc["apt_pvg", "rail_min"]
    panel = page.get_by_text(re.compile(rf"^{label('mode', 'rail', lang)}[:：] ?\d+ "))
    panel.wait_for(timeout=60_000)
    minutes = int(re.search(r"(\d+)", panel.inner_text()).group(1))
    table = _table_column(page, t("col_rail", lang))
    labels = _table_column(page, t("airport", lang))
    shown = table[[i for i, name in enumerate(labels) if name.startswith("PVG")][0]]
    assert int(re.match(r"\d+", shown).group(0)) == minutes == round(expected), (shown, minutes, expected)
    assert not loads, loads
    _shot(page, f"airports_one_answer_{lang}")
    page.watch.assert_clean()


@pytest.mark.parametrize("before,after", [("zh", "en"), ("en", "zh")])
def test_switching_language_keeps_every_choice(app_url, page, shipped_data, before, after):
    """Defect 5: after 中文 → English the origin radio showed nothing selected and the route box kept the
    Chinese label."""
    _open(page, f"{app_url}/?page=airports&lang={before}&origin=zone_culture", before)
    _pick(page, t("show_route", before), re.compile("PVG"))
    _widget(page, "stRadio", t("route_mode", before)).get_by_text(label("mode", "rail", before), exact=True).click()
    _settle(page)
    page.locator('[data-testid="stSidebar"]').get_by_text("English" if after == "en" else "中文", exact=True).click()
    page.get_by_role("heading", name=t("page_airports", after)).wait_for(timeout=60_000)
    _settle(page)
    assert _checked(page, t("origin_how", after)) == t("by_zone", after)
    zone_box = _box_text(page, t("by_zone", after))
    assert shipped_data.zones.at["zone_culture", f"name_{after}"] in zone_box, zone_box
    route_box = _box_text(page, t("show_route", after))
    pvg = shipped_data.places.loc["apt_pvg"]
    assert "PVG" in route_box and pvg[f"name_{after}"] in route_box, route_box
    assert pvg[f"name_{before}"] not in route_box, route_box
    assert _checked(page, t("route_mode", after)) == label("mode", "rail", after)
    scenario_box = _box_text(page, t("scenario", after))
    assert t("today_network", after) in scenario_box, scenario_box
    _shot(page, f"airports_language_{before}_to_{after}")
    page.watch.assert_clean()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_minutes_sort_as_numbers_and_empty_cells_say_why(app_url, page, shipped_net, lang):
    """Defect 7: sorting "Car (min)" gave 105, 121, 43, 73 (text order); an empty rail cell said
    "unreachable" where the answer is "no sensible rail route"."""
    _open(page, f"{app_url}/?page=airports&lang={lang}&origin=zone_hq", lang)
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.scroll_into_view_if_needed()
    summary = _summary(shipped_net, "zone_hq", lang)
    expected = sorted(round(v) for v in summary["car_min"].dropna())

    def car() -> list[int]:  # the grid's cells hold the numbers (or the text) behind what it draws
        return [round(float(re.match(r"[\d.]+", c).group(0))) for c in _table_column(page, t("col_car", lang))
                if c.strip()]

    assert car() != expected  # the airports start in their own order
    # The headers are drawn on a canvas: click along the header row (Airport first, then Car (min)) until
    # the grid says it sorts by car, ascending.
    box = grid.bounding_box()
    x = box["x"] + 20
    sorted_by_car = f"↑ {t('col_car', lang)}"
    while sorted_by_car not in grid.locator('[role="columnheader"]').all_inner_texts():
        assert x < box["x"] + box["width"], "no click on the header row sorted by car"
        page.mouse.click(x, box["y"] + 17)
        page.wait_for_timeout(300)
        page.keyboard.press("Escape")
        x += 20
    assert car() == expected, car()
    text = " ".join(grid.locator('[role="gridcell"]').all_inner_texts())
    no_rail = summary[summary["rail_status"] == "no_sensible_rail"]
    assert len(no_rail) > 0  # the shipped data has an airport with no sensible rail route from the HQ zone
    assert t("no_rail_route", lang) in text
    assert t("unreachable", lang) not in text
    _shot(page, f"airports_sorted_{lang}")
    page.watch.assert_clean()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_find_a_place_by_typing(app_url, page, shipped_data, lang):
    """Defect 8: no autocomplete; "Hongqiao" came as a red error suggesting road junctions first; the
    suggestions could not be clicked; a failed search left the previous origin's table. The typed text was
    offered as "Add: Hongqiao" in English on the Chinese page."""
    _open(page, f"{app_url}/?page=airports&lang={lang}&origin=zone_hq", lang)
    page.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=60_000)
    _widget(page, "stRadio", t("origin_how", lang)).get_by_text(t("by_name", lang), exact=True).click()
    _settle(page)
    box = _widget(page, "stSelectbox", t("by_name", lang))
    box.click()
    page.keyboard.type("Hongqiao")
    # the typed text is offered in the page's language (Streamlit says "Add: " in English alone)
    expect(page.get_by_role("option").first).to_have_text(t("st_add_typed", lang) + "Hongqiao", timeout=10_000)
    options = page.get_by_role("option").all_inner_texts()
    assert not any(o.startswith(("Add:", "添加")) for o in options[1:]), options[:3]
    options = options[1:]
    first = options[0]
    assert shipped_data.places.at["apt_sha", f"name_{lang}"] in first, options[:4]
    junctions = [i for i, o in enumerate(options) if "T1" in o or "hub roads" in o or "枢纽道路" in o]
    assert not junctions or min(junctions) > 2, options  # the airport and its stations before road nodes
    page.get_by_role("option", name=first).click()
    page.wait_for_function("() => location.search.includes('origin=apt_sha')", timeout=60_000)
    _settle(page)
    # an ambiguous name typed whole: its candidates are buttons, the place first, the car park after
    box.click()
    page.keyboard.type("乌镇西栅")
    page.keyboard.press("Enter")
    _settle(page)
    buttons = page.locator('[data-testid="stButton"] button')
    buttons.first.wait_for(timeout=30_000)
    assert shipped_data.places.at["poi_xizha", f"name_{lang}"] in buttons.first.inner_text()
    assert page.locator('[data-testid="stDataFrame"]').count() == 0  # no stale answer while choosing
    buttons.first.click()
    page.wait_for_function("() => location.search.includes('origin=poi_xizha')", timeout=60_000)
    _settle(page)
    page.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=60_000)
    # a failed search clears the answer
    box.click()
    page.keyboard.type("xyzzy")
    page.keyboard.press("Enter")
    _settle(page)
    page.locator('[data-testid="stAlert"]').filter(has_text="xyzzy").first.wait_for(timeout=30_000)  # by the box
    assert page.locator('[data-testid="stDataFrame"]').count() == 0
    _shot(page, f"airports_search_{lang}")
    page.watch.assert_clean()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_pasted_point_is_named_by_its_nearest_place(app_url, page, shipped_data, lang):
    """Defect 8: a clicked or pasted origin showed only its raw coordinates."""
    xizha = shipped_data.places.geometry["poi_xizha"]
    _open(page, f"{app_url}/?page=airports&lang={lang}&origin={xizha.y + 0.002:.6f},{xizha.x:.6f}", lang)
    name = shipped_data.places.at["poi_xizha", f"name_{lang}"]
    line = page.get_by_text(re.compile(re.escape(t("origin_now", lang, origin="")) + ".*"
                                       + re.escape(name))).first
    line.wait_for(timeout=60_000)
    assert re.search(r"\d+ (m|米)", line.inner_text()), line.inner_text()  # about 220 m north of it
    page.watch.assert_clean()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_airport_answer_reads_whole_on_a_phone(app_url, page, shipped_net, lang):
    """Defect 9: at 390 px the Fastest and By-rail columns were off-screen."""
    _open(page, f"{app_url}/?page=airports&lang={lang}&origin=zone_hq", lang, viewport=PHONE)
    summary = _summary(shipped_net, "zone_hq", lang)
    deadline = time.monotonic() + 30
    while True:
        seen = page.evaluate(
            "() => Array.from(document.querySelectorAll('[data-testid=\"stMarkdownContainer\"]'))"
            ".filter(e => { const r = e.getBoundingClientRect();"
            " return r.width > 0 && r.left >= 0 && r.right <= window.innerWidth; })"
            ".map(e => e.innerText).join('\\n')")
        ok = all(row["label"] in seen for _, row in summary.iterrows())
        if ok or time.monotonic() > deadline:
            break
        page.wait_for_timeout(500)
    for _, row in summary.iterrows():
        assert row["label"] in seen, row["label"]
        for col in ("car_min", "rail_min", "best_min"):
            if row[col] == row[col]:  # not NaN
                assert f"{row[col]:.0f} {t('min', lang)}" in seen, (row["label"], col, row[col])
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"the page scrolls sideways by {overflow}px"
    _shot(page, f"airports_phone_cards_{lang}")
    page.watch.assert_clean()


def test_overview_keeps_the_scenario_and_year_across_a_change_of_language(app_url, page):
    """Defect 5 on the overview (the shared scenario and year pickers): the scenario box kept the Chinese
    title after 中文 → English."""
    page.set_viewport_size(WIDE)
    page.goto(f"{app_url}/?page=overview&lang=zh")
    page.get_by_role("heading", name=t("page_overview", "zh")).wait_for(timeout=60_000)
    _map_frame(page, timeout_s=60)
    _wait_idle(page, timeout_s=60)
    _pick(page, t("scenario", "zh"), "规划（2030年） Plan (2030)")
    page.locator('[data-testid="stSidebar"]').get_by_text(t("pick_year", "zh")).click()
    _settle(page)
    page.locator('[data-testid="stSidebar"]').get_by_text("English", exact=True).click()
    page.get_by_role("heading", name=t("page_overview", "en")).wait_for(timeout=60_000)
    _settle(page)
    box = _box_text(page, t("scenario", "en"))
    assert "Plan (2030) 规划（2030年）" in box, box
    assert "plan-2030" in page.url and "year=" in page.url
    assert page.locator('[data-testid="stSidebar"] [data-testid="stSlider"]').count() == 1  # the year kept
    _shot(page, "overview_language_zh_to_en")
    page.watch.assert_clean()


def test_the_map_stays_when_the_table_goes(app_url, page):
    """A search that finds nothing clears the table; the map below it had moved up a place and the browser
    loaded it afresh (losing pan and zoom, and under load aborting the frame's own script)."""
    _open(page, f"{app_url}/?page=airports&lang=en&origin=zone_hq", "en")
    page.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=60_000)
    loads: list[str] = []
    page.on("request", lambda r: loads.append(r.url) if "st_folium/index.html" in r.url else None)
    _widget(page, "stRadio", t("origin_how", "en")).get_by_text(t("by_name", "en"), exact=True).click()
    _settle(page)
    _widget(page, "stSelectbox", t("by_name", "en")).click()
    page.keyboard.type("xyzzy")
    page.keyboard.press("Enter")
    _settle(page)
    page.locator('[data-testid="stAlert"]').first.wait_for(timeout=30_000)
    assert page.locator('[data-testid="stDataFrame"]').count() == 0
    assert not loads, f"the map component was reloaded: {loads}"
    page.watch.assert_clean()


@pytest.mark.parametrize("origin", ["30.74,120.49", "30.7400,120.4900"])
def test_a_shared_coordinate_origin_survives_the_first_click(app_url, page, origin):
    """An address with a coordinate origin lost it at the first click: the page opened anew drew its map for
    the address's text, the coordinate box then kept it rounded to six places, the run started again, and the
    origin radio the browser then held sent 'zone' with the next click (the origin became the HQ zone)."""
    _open(page, f"{app_url}/airports?page=airports&lang=en&origin={origin}", "en")
    for mode in ("car", "rail"):
        _widget(page, "stRadio", t("route_mode", "en")).get_by_text(label("mode", mode, "en"), exact=True).click()
        _settle(page)
        assert "origin=30.740000" in page.url, page.url
        assert _checked(page, t("origin_how", "en")) == t("by_coord", "en")
    page.watch.assert_clean()
