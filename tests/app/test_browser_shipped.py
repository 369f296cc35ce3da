"""Every page on the shipped data in a real browser, offline: the product as a user first sees it.

The fixture tests in ``test_browser.py`` exercise interactions on a tiny network; these check that the real
network draws on every page and that a GCJ-02 coordinate pasted from AMap gives an airport table.
"""

from __future__ import annotations

import re
import time

import pytest
from tests.app.test_browser import (_map_frame, _most_changed, _shot, _wait_idle, browser_context,  # noqa: F401
                                    page, serve_app)

from wuzhen_geo.model.coords import wgs84_to_gcj02

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def app_url(tmp_path_factory, repo_root):
    """The app on the shipped data (no WUZHEN_GEO_DATA override)."""
    with serve_app(repo_root, tmp_path_factory.mktemp("server")) as url:
        yield url


@pytest.mark.parametrize("page_key,heading", [("overview", "Overview map"), ("airports", "Time to the airports"),
                                              ("planner", "Planner"), ("presentation", "Presentation")])
def test_every_page_draws_the_shipped_network(app_url, page, shipped_data, page_key, heading):
    page.goto(f"{app_url}/?page={page_key}&lang=en&origin=zone_hq")
    page.get_by_role("heading", name=heading).wait_for(timeout=60_000)
    frame = _map_frame(page, timeout_s=60)
    drawn = frame.locator("path.leaflet-interactive").count()
    if page_key == "overview":  # the whole network: one path per link at least
        assert drawn >= len(shipped_data.links), f"{drawn} paths for {len(shipped_data.links)} links"
    else:
        assert drawn >= 50, f"only {drawn} paths drawn"
    _wait_idle(page, timeout_s=60)
    _shot(page, f"shipped_{page_key}_en")
    page.watch.assert_clean()


def test_pasted_amap_coordinate_gives_airport_times(app_url, page, shipped_data):
    # Xizha's WGS-84 point as AMap would show it (GCJ-02, lon first).
    xizha = shipped_data.places.geometry["poi_xizha"]
    lon, lat = wgs84_to_gcj02(xizha.x, xizha.y)
    page.goto(f"{app_url}/?page=airports&lang=en")
    page.get_by_role("heading", name="Time to the airports").wait_for(timeout=60_000)
    page.get_by_text("Paste a coordinate", exact=True).click()
    page.get_by_text("GCJ-02 (AMap, Tencent)").click()
    _wait_idle(page, timeout_s=60)
    box = page.get_by_role("textbox", name="Paste a coordinate")
    box.fill(f"{lon:.6f},{lat:.6f}")
    box.press("Enter")
    # on the place itself: named as the place, which the answers take it for
    origin = page.get_by_text(re.compile(r"^Origin: Wuzhen Xizha .+ \(its coordinates\) \(30\.\d+,120\.\d+\)$"))
    origin.wait_for(timeout=60_000)
    got_lat, got_lon = (float(v) for v in origin.inner_text().rsplit("(", 1)[1].rstrip(")").split(","))
    # converted back to WGS-84: within a few metres of the place, not ~500 m off
    assert abs(got_lat - xizha.y) < 5e-5 and abs(got_lon - xizha.x) < 5e-5
    page.locator('[data-testid="stDataFrame"]').wait_for(timeout=60_000)
    cells = " ".join(page.locator('[data-testid="stDataFrame"] [role="gridcell"]').all_inner_texts())
    for code in ("HGH", "SHA", "PVG", "WUX"):
        assert code in cells
    _shot(page, "shipped_pasted_gcj02_en")
    page.watch.assert_clean()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_presentation_labels_never_overlap_and_the_legend_starts_folded(tmp_path, page, shipped_data, lang):
    from wuzhen_geo.maps.overview import export_html, overview_map

    m = overview_map(shipped_data, lang=lang, labels=True, label_px=18, legend_collapsed=True,
                     label_kinds=["airport", "city_centre", "station"])
    path = tmp_path / "presentation.html"
    path.write_text(export_html(m), encoding="utf-8")
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(path.as_uri())
    page.wait_for_selector(".wz-label", state="attached", timeout=15_000)
    page.wait_for_timeout(500)

    def visible_boxes():
        return page.evaluate(
            "() => Array.from(document.querySelectorAll('.leaflet-tooltip.wz-label'))"
            ".filter(e => getComputedStyle(e).visibility !== 'hidden')"
            ".map(e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom,"
            " e.textContent]; })")

    for zoom_in in (False, True):
        if zoom_in:  # close in on Wuzhen: the zone labels come in and must not collide either
            page.evaluate("() => { const m = Object.values(window).find(v => v instanceof L.Map);"
                          " m.setView([30.74, 120.49], 13, {animate: false}); }")
            page.wait_for_timeout(500)
        boxes = visible_boxes()
        assert len(boxes) >= 4, boxes
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                overlap = a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
                assert not overlap, f"labels overlap: {a[4]!r} and {b[4]!r}"
    names = " ".join(b[4] for b in boxes)
    seen = [z for z in shipped_data.zones["name_zh"] if z.removeprefix("互联网") in names]
    assert len(seen) == len(shipped_data.zones), names  # at zoom 13 every zone is named
    legend = page.locator(".wz-legend")
    assert legend.evaluate("e => e.querySelector('details').open") is False
    assert legend.bounding_box()["height"] < 40  # folded to its title
    legend.locator("summary").click()
    assert legend.bounding_box()["height"] > 100  # and opens on a click
    _shot(page, f"presentation_labels_{lang}")
    page.watch.assert_clean()


def test_the_airports_map_frames_the_chosen_route(app_url, page, shipped_data, shipped_net):
    from wuzhen_geo.maps.overview import study_area_bounds
    from wuzhen_geo.model.routing import route

    page.goto(f"{app_url}/?page=airports&lang=en&origin=zone_hq")
    page.get_by_role("heading", name="Time to the airports").wait_for(timeout=60_000)
    _map_frame(page, timeout_s=60)
    _wait_idle(page, timeout_s=60)
    # the nearest airport: a short drive, far smaller than the study area
    page.get_by_label("Route shown on the map").click()
    page.get_by_role("option", name=re.compile("Jiaxing Nanhu")).click()
    page.get_by_text(re.compile(r"^Drive \d+ min, \d+ km: .+ → Jiaxing Nanhu Airport")).wait_for(timeout=60_000)
    _wait_idle(page, timeout_s=60)
    trip = route(shipped_net, "zone_hq", "apt_jxn", mode="best")
    minx, miny, maxx, maxy = trip.geometry.bounds
    frame = _map_frame(page, timeout_s=60)
    frame.wait_for_timeout(800)
    west, south, east, north = frame.evaluate(
        "() => { const b = map.getBounds(); return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]; }")
    assert west <= minx and maxx <= east and south <= miny and maxy <= north, (west, south, east, north)
    area = study_area_bounds(shipped_data)
    assert (north - south) < 0.5 * (area[3] - area[1]), "the map still shows the whole region"
    _shot(page, "shipped_route_framed_en")
    page.watch.assert_clean()


def test_planner_draws_the_wuzhen_tongxiang_station_rail_link(app_url, page, shipped_data):
    """The planner's story: draw a rail link from Wuzhen to Tongxiang HSR station and see which zones gain."""
    from tests.app.test_browser import _latlng_to_page

    page.goto(f"{app_url}/?page=planner&lang=en")
    page.get_by_role("heading", name="Planner").wait_for(timeout=60_000)
    _map_frame(page, timeout_s=60)
    _wait_idle(page, timeout_s=60)
    frame = _map_frame(page, timeout_s=60)
    page.get_by_text("Compare travel by").wait_for(timeout=20_000)
    page.locator('[data-testid="stRadio"]').filter(has_text="Compare travel by").get_by_text("rail").click()
    page.wait_for_timeout(1500)  # let the rerun start before waiting for it to end
    _wait_idle(page, timeout_s=60)
    frame = _map_frame(page, timeout_s=60)
    counter = page.get_by_text(re.compile(r"^Pairs changed of \d+: "))
    before = _most_changed(counter.inner_text())
    start = shipped_data.places.geometry["poi_wuzhen_centre"]
    end = shipped_data.places.geometry["stn_tongxiang"]
    # frame both ends so a click lands well within the 1 km snap distance of the station
    frame.evaluate("([a, b]) => map.fitBounds([a, b], {padding: [60, 60], animate: false})",
                   [[start.y, start.x], [end.y, end.x]])
    frame = _map_frame(page, timeout_s=60)
    frame.locator(".leaflet-draw-draw-polyline").click()
    for pt in (start, end):
        x, y = _latlng_to_page(page, frame, pt.y, pt.x)
        page.mouse.click(x, y)
        page.wait_for_timeout(300)
    frame.get_by_role("link", name="Finish").click()
    page.wait_for_function(
        "n => { const el = [...document.querySelectorAll('p')].find(p => /^Pairs changed of/.test(p.textContent));"
        " return el && Math.max(...el.textContent.split(':')[1].match(/\\d+/g).map(Number)) > n; }", arg=before, timeout=60_000)
    # the drawn end snapped to the station: riders change to the HSR inside it
    edits = page.get_by_text(re.compile(r"Add rail link rl_custom"))
    edits.wait_for(timeout=20_000)
    assert "Tongxiang" in edits.inner_text(), edits.inner_text()
    # the table lists the biggest gains first; the grid's cells refresh a moment after the caption
    deadline = time.monotonic() + 30
    while True:
        cells = page.locator('[data-testid="stDataFrame"]').first.locator('[role="gridcell"]').all_inner_texts()
        changes = [float(c) for c in cells if re.fullmatch(r"-\d+(\.\d+)?", c)]
        if (changes and min(changes) < 0) or time.monotonic() > deadline:
            break
        page.wait_for_timeout(500)
    assert changes and min(changes) < 0, f"no zone gained: {cells[:40]}"
    _map_frame(page, timeout_s=60)
    _shot(page, "shipped_planner_wuzhen_tongxiang_en")
    page.watch.assert_clean()
