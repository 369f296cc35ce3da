"""The 1-hour circle in people in a real browser, on the shipped data: the presentation page shows the people
within 60 minutes in large type (the count the answers give), the map draws the reach area with the same count
in its legend, the overview can show the county-level units, and the planner's before / after table is the
package's answer. Offline, console clean."""

from __future__ import annotations

import time

import pytest

from tests.app.test_browser import _map_frame, _shot, _wait_idle, browser_context, page, serve_app  # noqa: F401
from wuzhen_geo.answers.access import access_change, reach_area
from wuzhen_geo.answers import place_name
from wuzhen_geo.maps.access import people_text, people_within_text, reach_basis_text
from wuzhen_geo.model import build_network, with_projects, with_year, working_copy
from wuzhen_geo.vocabulary import DATA_YEAR


@pytest.fixture(scope="module")
def app_url(tmp_path_factory, repo_root):
    """The app on the shipped data (no WUZHEN_GEO_DATA override)."""
    with serve_app(repo_root, tmp_path_factory.mktemp("server")) as url:
        yield url


def _legend_count(page, timeout_s: float = 60) -> str:
    """The text of the reach legend's count in the map frame (the frame may be re-mounted while we look)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        for frame in page.frames:
            try:
                found = frame.locator(".wz-access-count")
                if found.count():
                    return found.first.inner_text().strip()
            except Exception:  # frame detached while re-rendering
                continue
        page.wait_for_timeout(250)
    raise AssertionError("the map shows no people count")


@pytest.mark.parametrize("lang,heading,toggle", [("en", "Presentation", "Show the 1-hour circle in people"),
                                                 ("zh", "演示", "显示一小时交通圈人口")])
def test_presentation_shows_the_people_within_an_hour_in_large_type(app_url, page, shipped_data, lang, heading,
                                                                    toggle):
    # The presentation page's network is today's (the slider starts at the data year); its default origin is
    # Tongxiang city centre and its mode "best".
    expected = reach_area(build_network(shipped_data), "city_tongxiang", budget=60, mode="best")
    people = float(expected["people"].iloc[0])
    page.goto(f"{app_url}/?page=presentation&lang={lang}")
    page.get_by_role("heading", name=heading).wait_for(timeout=60_000)
    frame = _map_frame(page, timeout_s=60)
    _wait_idle(page, timeout_s=60)
    # the circle and its count arrive in the map already shown: the presenter's view stays (the count, coming
    # above the map, had moved the map's box, which the browser then loaded afresh)
    frame.evaluate("() => map.setView([30.75, 120.5], 10, {animate: false})")
    loads: list[str] = []
    page.on("request", lambda r: loads.append(r.url) if "st_folium/index.html" in r.url else None)
    page.get_by_text(toggle, exact=True).click()
    value = page.locator('[data-testid="stMetricValue"]')
    value.wait_for(timeout=60_000)
    assert value.inner_text().strip() == people_text(people, lang)
    # large type: the metric is drawn well above body size
    size = float(value.evaluate("el => parseFloat(getComputedStyle(el).fontSize)"))
    assert size >= 28, size
    _wait_idle(page, timeout_s=60)
    assert _legend_count(page) == people_within_text(people, 60, lang)
    # the count says from where and by which mode (a rail count under the same headline is 300 times smaller)
    basis = reach_basis_text(place_name(shipped_data, "city_tongxiang", lang), "best", lang)
    label = page.locator('[data-testid="stMetricLabel"]').inner_text()
    assert basis in label, label
    assert any(f.locator(".wz-access-basis").count() and f.locator(".wz-access-basis").first.inner_text() == basis
               for f in page.frames), basis
    assert not loads, f"the map component was reloaded: {loads}"
    view = frame.evaluate("() => [map.getCenter().lat, map.getCenter().lng, map.getZoom()]")
    assert view == pytest.approx([30.75, 120.5, 10], abs=1e-6)
    _shot(page, f"presentation_circle_{lang}")
    page.watch.assert_clean()


def test_overview_shows_the_units(app_url, page, shipped_data):
    page.goto(f"{app_url}/?page=overview&lang=en")
    page.get_by_role("heading", name="Overview map").wait_for(timeout=60_000)
    frame = _map_frame(page, timeout_s=60)
    _wait_idle(page, timeout_s=60)
    before = frame.locator("path.leaflet-interactive").count()
    page.get_by_text("Show county populations", exact=True).click()
    _wait_idle(page, timeout_s=60)
    deadline, after = time.monotonic() + 60, before
    while time.monotonic() < deadline and after < before + len(shipped_data.units):
        page.wait_for_timeout(500)
        try:
            after = _map_frame(page, timeout_s=60).locator("path.leaflet-interactive").count()
        except Exception:  # frame re-mounted while counting
            continue
    assert after >= before + len(shipped_data.units), (before, after)
    _shot(page, "overview_units_en")
    page.watch.assert_clean()


def test_planner_shows_people_within_an_hour_before_and_after(app_url, page, shipped_data):
    """The planner's "people within 60 min" table in the browser is the package's answer for the planner's
    scenarios: today's network against today's with the Water-Town line switched on (by the fastest mode it
    brings people within the hour of one zone)."""
    before = with_year(None, DATA_YEAR)
    after = with_projects(working_copy(None, year=DATA_YEAR), ["prj_water_town_line"], [], shipped_data)
    expected = access_change(build_network(shipped_data, before), build_network(shipped_data, after), mode="best")
    page.goto(f"{app_url}/?page=planner&lang=en")
    page.get_by_role("heading", name="Planner").wait_for(timeout=60_000)
    _map_frame(page, timeout_s=60)
    _wait_idle(page, timeout_s=60)
    switch = page.locator('[data-testid="stMultiSelect"]').filter(has_text="Projects switched on")
    switch.locator("input").click()
    switch.locator("input").fill("Water-town tourism")
    page.keyboard.press("Enter")
    _wait_idle(page, timeout_s=120)
    switch.get_by_text("Water-town tourism", exact=False).wait_for(timeout=30_000)  # the project is on
    want = {"From": list(expected["name_en"]),
            "Before": [people_text(v, "en") for v in expected["people_before"]],
            "After": [people_text(v, "en") for v in expected["people_after"]]}
    assert (expected["people_change"] != 0).any()  # the table must show a change, not only equal columns
    # the planner's only table with a GDP column
    grid = page.locator("[data-testid='stDataFrame']").filter(
        has=page.locator('[role="columnheader"]', has_text="GDP"))
    deadline, got = time.monotonic() + 60, None
    while time.monotonic() < deadline:  # the table is redrawn by the run the switch started
        try:
            headers = [h.strip().lstrip("↑↓ ") for h in grid.locator('[role="columnheader"]').all_inner_texts()]
            cells = grid.locator('[role="gridcell"]').all_inner_texts()
            rows = [dict(zip(headers, cells[i:i + len(headers)])) for i in range(0, len(cells), len(headers))]
            got = {k: [r.get(k) for r in rows] for k in want}
        except Exception:  # the grid is being replaced
            got = None
        if got == want:
            break
        page.wait_for_timeout(500)
    assert got == want
    _shot(page, "planner_access_en")
    page.watch.assert_clean()
