"""The presentation page's full-screen map in a real browser, on the shipped data: the map fills the whole
window (the title, the slider and the sidebar are under it), its labels are drawn at the chosen size, one
button returns to the page. Offline, console clean."""

from __future__ import annotations

import pytest

from tests.app.test_browser import _map_frame, _shot, _wait_idle, browser_context, page, serve_app  # noqa: F401
from wuzhen_geo.maps import study_area_bounds
from wuzhen_geo.maps.style import FIT_PADDING_PX
from wuzhen_geo.vocabulary import DATA_YEAR


@pytest.fixture(scope="module")
def app_url(tmp_path_factory, repo_root):
    """The app on the shipped data (no WUZHEN_GEO_DATA override)."""
    with serve_app(repo_root, tmp_path_factory.mktemp("server")) as url:
        yield url


def _map_iframe(page):
    return page.locator('iframe[title="streamlit_folium.st_folium"]').first


@pytest.mark.parametrize("lang,heading,toggle,leave", [("en", "Presentation", "Full-screen map", "Exit full screen"),
                                                       ("zh", "演示", "全屏演示地图", "退出全屏")])
def test_the_full_screen_map_fills_the_window(app_url, page, shipped_data, lang, heading, toggle, leave):
    west, south, east, north = study_area_bounds(shipped_data)
    # the view is the study area fitted to the map's size (with the padding on each side)
    pad = 2 * FIT_PADDING_PX
    fitted = ("([s, w, n, e]) => Math.abs(map.getZoom()"
              f" - map.getBoundsZoom(L.latLngBounds([[s, w], [n, e]]), false, L.point({pad}, {pad}))) < 1e-9")
    page.goto(f"{app_url}/?page=presentation&lang={lang}")
    title = page.get_by_role("heading", name=heading)
    title.wait_for(timeout=60_000)
    frame = _map_frame(page, timeout_s=60)
    _wait_idle(page, timeout_s=60)
    box = _map_iframe(page).bounding_box()
    assert box["y"] > 50  # on the page, below the title and the slider
    assert frame.evaluate(fitted, [south, west, north, east])
    zoom_on_page = frame.evaluate("() => map.getZoom()")

    page.get_by_text(toggle, exact=True).click()
    _wait_idle(page, timeout_s=60)
    frame = _map_frame(page, timeout_s=60)
    view = page.viewport_size
    box = _map_iframe(page).bounding_box()
    assert abs(box["x"]) <= 1 and abs(box["y"]) <= 1, box
    assert abs(box["width"] - view["width"]) <= 1 and abs(box["height"] - view["height"]) <= 1, (box, view)
    # the Leaflet map fills its frame, not only the frame the window
    inner = frame.evaluate("() => [document.querySelector('.leaflet-container').getBoundingClientRect().height,"
                           " window.innerHeight]")
    assert abs(inner[0] - inner[1]) <= 1, inner
    # nothing of the page is drawn over the map: at the title's place the browser finds the map's frame
    covered = page.evaluate("""() => {
        const h = [...document.querySelectorAll('h1')].find(e => e.getBoundingClientRect().height > 0);
        const r = h.getBoundingClientRect();
        const top = document.elementFromPoint(r.x + 5, r.y + r.height / 2);
        return top !== null && top.tagName === 'IFRAME';
    }""")
    assert covered
    # the labels are the presenter's size (the page's default, 18 px), bilingual place names on the map
    sizes = frame.evaluate("() => [...document.querySelectorAll('.leaflet-tooltip.wz-label:not(.wz-label-zone)')]"
                           ".map(e => parseFloat(getComputedStyle(e).fontSize))")
    assert sizes and min(sizes) >= 18, sizes
    # fitted again to the new size
    frame.wait_for_function("() => map.getSize().x === window.innerWidth", timeout=10_000)
    frame.wait_for_function(fitted, arg=[south, west, north, east], timeout=10_000)
    assert frame.evaluate("() => map.getZoom()") >= zoom_on_page
    # the screen says which network it shows (the page's caption is under the map now): year and scenario
    shown = page.locator(".st-key-pr_exit_box [data-testid='stCaptionContainer']")
    assert str(DATA_YEAR) in shown.inner_text() and shown.is_visible()
    top = shown.bounding_box()
    assert page.evaluate("([x, y]) => document.elementFromPoint(x, y).closest('.st-key-pr_exit_box') !== null",
                         [top["x"] + top["width"] / 2, top["y"] + top["height"] / 2])  # on top of the map
    # the way back covers neither the zoom buttons nor the layer switcher
    back = page.get_by_role("button", name=leave).bounding_box()
    for control in (".leaflet-control-zoom", ".leaflet-control-layers"):
        c = frame.locator(control).bounding_box()
        assert (back["x"] + back["width"] <= c["x"] or c["x"] + c["width"] <= back["x"]
                or back["y"] + back["height"] <= c["y"] or c["y"] + c["height"] <= back["y"]), (control, back, c)
    _shot(page, f"presentation_full_screen_{lang}")

    page.get_by_role("button", name=leave).click()
    _wait_idle(page, timeout_s=60)
    _map_frame(page, timeout_s=60)
    title.wait_for(timeout=10_000)
    assert _map_iframe(page).bounding_box()["y"] > 50
    page.watch.assert_clean()


#: In the map's frame, every Leaflet map as it is made: its size once its view is set, and how often it resized.
_MAPS_AS_MADE = """
if (window !== window.top) {
    let leaflet;
    Object.defineProperty(window, "L", {configurable: true, get() { return leaflet; }, set(value) {
        leaflet = value;
        if (value && value.Map && !value.__wzWatched) {
            value.__wzWatched = true;
            value.Map.addInitHook(function () {
                const m = this, made = {resized: 0};
                (window.__wzMaps = window.__wzMaps || []).push(made);
                m.whenReady(() => { made.size = [m.getSize().x, m.getSize().y]; });
                m.on("resize", () => { made.resized += 1; });
            });
        }
    }});
}
"""


@pytest.mark.parametrize("address", ["presentation?lang=en", "?page=overview&lang=en", "planner?lang=en",
                                     "airports?lang=en&origin=zone_hq"])
def test_the_map_is_drawn_once_at_the_size_it_is_shown(app_url, page, address):
    """Streamlit lays the map's frame out 0 px tall at first. The presentation's map then took a stand-in height
    (300 px), was drawn there, unseen, and drawn again when the frame got its height: the first paint waited for
    both. Every page's map is made at the size it is shown."""
    page.add_init_script(_MAPS_AS_MADE)
    page.goto(f"{app_url}/{address}")
    frame = _map_frame(page, timeout_s=60)
    _wait_idle(page, timeout_s=60)
    maps = frame.evaluate("window.__wzMaps")
    shown = frame.evaluate("[map.getSize().x, map.getSize().y]")
    assert len(maps) == 1 and shown[1] >= 500, (maps, shown)
    assert maps[0] == {"size": shown, "resized": 0}, (maps, shown)
    page.watch.assert_clean()
