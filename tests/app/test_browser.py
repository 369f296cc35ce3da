"""The app and the exported map in a real browser (Debian Chromium via Playwright), with no internet.

Only a browser shows whether Leaflet actually loaded: offline, a page with CDN links is blank but raises no
Python error and passes AppTest. Each test asserts Leaflet drew vector paths, no request failed, nothing left
the machine and the console stayed clean; screenshots go to ``test-artifacts/``.

Needs ``apt-get install -y chromium`` (never ``playwright install``: it downloads a browser).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.shared import REPO_ROOT

pytestmark = pytest.mark.browser

ARTIFACTS = REPO_ROOT / "test-artifacts"
CHROMIUM = os.environ.get("WUZHEN_GEO_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--headless", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
]
LOCAL = ("http://127.0.0.1", "data:", "blob:", "about:", "file://")
# Streamlit's own frontend, opened on a page path (/airports) of an app not served by serve.py (the bare page of
# the benchmarks), first probes /airports/_stcore/... for its server and gets a 404 before it finds /_stcore/...;
# that probe is Streamlit's, not a missing asset.
STREAMLIT_PROBE = re.compile(r"^http://127\.0\.0\.1:\d+/[a-z]+/_stcore/(health|host-config)$")

if not Path(CHROMIUM).exists():  # pragma: no cover - depends on the machine
    pytest.skip(f"{CHROMIUM} not found; install it with `apt-get install -y chromium`", allow_module_level=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve_app(repo_root: Path, log_dir: Path, data_dir: Path | None = None,
              script: Path | None = None) -> Iterator[str]:
    """``streamlit run`` of the app as ``scripts/start.sh`` serves it (``serve.py``), or of another ``script``, on a
    free local port, with ``data_dir`` (the shipped data when None); yields the base URL once the server is
    healthy and stops it afterwards."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "WUZHEN_GEO_DATA"}
    env["PYTHONUNBUFFERED"] = "1"
    if data_dir is not None:
        env["WUZHEN_GEO_DATA"] = str(data_dir)
    log_path = log_dir / "streamlit.log"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(script or repo_root / "serve.py"),
             "--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true"],
            cwd=repo_root, env=env, stdout=log, stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                    if resp.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"streamlit did not become healthy:\n{log_path.read_text(errors='replace')}")
            time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:  # pragma: no cover
            proc.kill()
            proc.wait()


@pytest.fixture(scope="module")
def app_url(tmp_path_factory, mini_dir, repo_root) -> Iterator[str]:
    """The app on the mini fixture data; yields the base URL."""
    with serve_app(repo_root, tmp_path_factory.mktemp("server"), mini_dir) as url:
        yield url


class Watch:
    """Collects console errors, page errors, failed and non-local requests, and dialogs (XSS canary)."""

    def __init__(self, page):
        self.console: list[str] = []
        self.failed: list[str] = []
        self.external: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda err: self.console.append(f"pageerror: {err}"))
        page.on("requestfailed", lambda req: self.failed.append(f"{req.url[:120]} {req.failure}"))
        page.on("response", self._response)
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

    def _console(self, msg) -> None:
        if msg.type != "error":
            return
        url = (msg.location or {}).get("url", "")
        if msg.text.startswith("Failed to load resource") and STREAMLIT_PROBE.match(url):
            return
        self.console.append(f"{msg.text} ({url})")

    def _response(self, resp) -> None:
        if resp.status >= 400 and not STREAMLIT_PROBE.match(resp.url):
            self.failed.append(f"{resp.url[:120]} {resp.status}")

    def assert_clean(self) -> None:
        assert not self.external, f"requests left the machine: {self.external}"
        assert not self.failed, f"failed requests: {self.failed}"
        assert not self.console, f"console errors: {self.console}"
        assert not self.dialogs, f"a dialog opened (script injection?): {self.dialogs}"


@pytest.fixture(scope="module")
def browser_context(tmp_path_factory):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        ctx = pw.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=CHROMIUM, args=CHROMIUM_ARGS,
            headless=True, viewport={"width": 1280, "height": 900},
        )
        yield ctx
        ctx.close()


@pytest.fixture
def page(browser_context):
    page = browser_context.new_page()
    watch = Watch(page)

    def offline(route):  # the test machine has no internet; make that explicit and visible
        if route.request.url.startswith(LOCAL):
            route.continue_()
        else:
            watch.external.append(route.request.url[:120])
            route.abort()

    page.route("**/*", offline)
    page.watch = watch
    yield page
    page.close()


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)


def _map_frame(page, timeout_s: float = 30):
    """The st_folium iframe once Leaflet has drawn vector paths in it."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        for frame in page.frames:
            try:
                if frame.locator("path.leaflet-interactive").count() > 0:
                    return frame
            except Exception:  # frame detached while re-rendering
                continue
        page.wait_for_timeout(250)
    raise AssertionError("no Leaflet paths were drawn in any frame: the map is blank")


def test_overview_page_draws_the_offline_map(app_url, page):
    page.goto(f"{app_url}/?lang=en")
    page.get_by_role("heading", name="Overview map").wait_for(timeout=30_000)
    frame = _map_frame(page)
    n_paths = frame.locator("path.leaflet-interactive").count()
    assert n_paths >= 15  # the fixture's 15 links at least (plus zones, boundaries, places)
    assert frame.locator(".wz-legend").count() == 1
    # on a map narrower than 1000 px the network legend starts folded (open, it covers a quarter of the map)
    legend = frame.locator(".wz-legend")
    assert frame.evaluate("() => map.getSize().x") < 1000
    assert legend.evaluate("e => e.querySelector('details').open") is False
    legend.locator("summary").click()
    assert legend.evaluate("e => e.querySelector('details').open") is True
    assert frame.locator(".leaflet-control-layers").count() == 1
    # assets came from the app's static folder, not a CDN
    scripts = frame.evaluate("Array.from(document.scripts).map(s => s.src).filter(Boolean)")
    assert any(s.endswith("/app/static/leaflet/leaflet.js") for s in scripts), scripts
    frame.wait_for_timeout(500)
    _shot(page, "overview_en")
    page.watch.assert_clean()


def test_language_and_state_are_in_the_url(app_url, page):
    page.goto(f"{app_url}/?lang=zh")
    page.get_by_role("heading", name="总览地图").wait_for(timeout=30_000)
    _map_frame(page)
    page.wait_for_function("() => location.search.includes('lang=zh')", timeout=10_000)
    assert "page=overview" in page.url
    page.watch.assert_clean()


def test_exported_html_works_from_a_file(tmp_path, page, mini_data):
    from wuzhen_geo.maps.overview import export_html, overview_map

    data = mini_data
    path = tmp_path / "map.html"
    kinds = ["airport", "station", "city_centre"]
    path.write_text(export_html(overview_map(data, lang="zh", labels=True, label_kinds=kinds)), encoding="utf-8")
    page.goto(path.as_uri())
    page.wait_for_selector("path.leaflet-interactive", timeout=15_000)
    assert page.locator("path.leaflet-interactive").count() >= 15
    # permanent labels: every airport, station and city centre of the data, and every zone
    expected = data.places["kind"].isin(kinds).sum() + len(data.zones)
    assert page.locator(".wz-label").count() == expected
    _shot(page, "export_zh")
    page.watch.assert_clean()


def test_an_exported_map_shows_which_network_it_is_on_the_map(tmp_path, page, mini_data):
    """An exported HTML map said its year and scenario only in the browser tab's title (the overview's not even
    there): a viewer of the file saw no year or scenario. The title is now written on the map, as text."""
    from wuzhen_geo.maps.overview import export_html, overview_map

    title = "Map · 2030 · Scenario: <b>mine</b> & *yours*"
    path = tmp_path / "map.html"
    path.write_text(export_html(overview_map(mini_data, lang="en"), title=title), encoding="utf-8")
    page.goto(path.as_uri())
    page.wait_for_selector("path.leaflet-interactive", timeout=30_000)
    heading = page.locator(".wz-export-heading")
    assert heading.inner_text() == title and heading.locator("b").count() == 0  # shown as written
    box, zoom = heading.bounding_box(), page.locator(".leaflet-control-zoom").bounding_box()
    assert box["y"] < 60 and box["x"] > zoom["x"] + zoom["width"]  # at the top, clear of the zoom buttons
    assert page.title() == title
    page.watch.assert_clean()


def test_a_popup_with_long_sources_wraps_inside_its_box(tmp_path, page, shipped_data):
    """The popup of the feature with the longest source text: the text wraps, nothing spills outside."""
    from wuzhen_geo.maps.overview import export_html, overview_map

    links = shipped_data.links
    longest = max(links.index, key=lambda i: len(str(links.at[i, "source"])))
    path = tmp_path / "map.html"
    path.write_text(export_html(overview_map(shipped_data, lang="en")), encoding="utf-8")
    page.goto(path.as_uri())
    # a drawn shape: the first may be the open sea east of the data, out of view and drawn empty ("M0 0")
    page.wait_for_selector('path.leaflet-interactive:not([d="M0 0"])', timeout=30_000)
    opened = page.evaluate("""id => { let found = false;
        for (const name of Object.keys(window)) {
            const m = window[name];
            if (!m || !(m instanceof L.Map)) continue;
            m.eachLayer(l => { if (!found && l.feature && l.feature.properties.id === id && l.getPopup()) {
                l.openPopup(); found = true; } });
        }
        return found; }""", longest)
    assert opened, longest
    box = page.locator(".leaflet-popup-content").first
    box.wait_for(timeout=5_000)
    sizes = box.evaluate("e => [e.scrollWidth, e.clientWidth, e.querySelector('.wz-popup').scrollWidth]")
    assert sizes[0] <= sizes[1] + 1 and sizes[2] <= sizes[1] + 1, sizes
    page.watch.assert_clean()


def _latlng_to_page(page, frame, lat: float, lng: float) -> tuple[float, float]:
    """Viewport pixel of a WGS-84 point on the st_folium map (``map`` is the Leaflet map in the iframe)."""
    frame.frame_element().scroll_into_view_if_needed()
    box = frame.frame_element().bounding_box()
    x, y = frame.evaluate(
        "([lat, lng]) => { const p = map.latLngToContainerPoint([lat, lng]);"
        " const r = map.getContainer().getBoundingClientRect(); return [p.x + r.left, p.y + r.top]; }",
        [lat, lng],
    )
    return box["x"] + x, box["y"] + y


def _most_changed(caption: str) -> int:
    """The most pairs changed under any mode, from the planner's "Pairs changed of 282: fastest 0 · car 0 · rail 48"."""
    return max(int(n) for n in re.findall(r"\d+", caption.split(":", 1)[1]))


def _wait_idle(page, timeout_s: float = 30) -> None:
    """Wait until the script has stopped running (no status widget) for half a second: a rerun moves and
    re-mounts the map, and a click computed before it lands somewhere else."""
    deadline = time.monotonic() + timeout_s
    quiet_since = None
    while time.monotonic() < deadline:
        if page.locator('[data-testid="stStatusWidget"]').count() == 0:
            quiet_since = quiet_since or time.monotonic()
            if time.monotonic() - quiet_since >= 0.5:
                return
        else:
            quiet_since = None
        page.wait_for_timeout(100)
    raise AssertionError("the app kept running")


def _grid_cells(page) -> list[str]:
    return page.locator('[data-testid="stDataFrame"] [role="gridcell"]').all_inner_texts()


def test_click_an_origin_and_read_the_airport_table(app_url, page, mini_data):
    data = mini_data
    page.goto(f"{app_url}/?page=airports&lang=en")
    page.get_by_role("heading", name="Time to the airports").wait_for(timeout=30_000)
    page.get_by_text("Click on the map", exact=True).click()
    _map_frame(page)
    _wait_idle(page)
    frame = _map_frame(page)
    # a point between the two cities of the fixture, well inside the study area
    lon, lat = data.places.geometry["city_tongxiang"].x + 0.02, data.places.geometry["city_tongxiang"].y + 0.02
    x, y = _latlng_to_page(page, frame, lat, lon)
    page.mouse.click(x, y)
    # named by its nearest place, with the point itself
    origin = page.get_by_text(re.compile(r"^Origin: near .+, [\d.]+ k?m \(30\.\d+,120\.\d+\)$"))
    origin.wait_for(timeout=20_000)
    got_lat, got_lon = (float(v) for v in origin.inner_text().rsplit("(", 1)[1].rstrip(")").split(","))
    assert abs(got_lat - lat) < 0.01 and abs(got_lon - lon) < 0.01  # the click, not some default
    page.locator('[data-testid="stDataFrame"]').wait_for(timeout=20_000)
    cells = _grid_cells(page)
    airports = data.places[data.places["kind"] == "airport"]
    assert any(name in " ".join(cells) for name in airports["name_en"])
    minutes = [c for c in cells if c.isdigit()]
    assert minutes, f"no minutes in the airport table: {cells}"
    page.get_by_text(re.compile(r"^fastest: \d+ min, \d+ km$")).wait_for(timeout=20_000)
    _shot(page, "airports_click_en")
    page.watch.assert_clean()


def test_airports_page_fits_a_phone(app_url, browser_context):
    page = browser_context.new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    watch = Watch(page)
    try:
        page.goto(f"{app_url}/?page=airports&lang=zh&origin=zone_hq")
        page.get_by_role("heading", name="去机场要多久").wait_for(timeout=30_000)
        _map_frame(page)
        page.locator(".st-key-apt_cards").wait_for(timeout=20_000)  # cards, not the wide table
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"the page scrolls sideways by {overflow}px on a phone"
        _shot(page, "airports_phone_zh")
        watch.assert_clean()
    finally:
        page.close()


def test_draw_a_link_in_the_planner_changes_the_comparison(app_url, page, mini_data):
    data = mini_data
    page.goto(f"{app_url}/?page=planner&lang=en")
    page.get_by_role("heading", name="Planner").wait_for(timeout=30_000)
    _map_frame(page)
    _wait_idle(page)
    frame = _map_frame(page)
    counter = page.get_by_text(re.compile(r"^Pairs changed of \d+: "))
    before = _most_changed(counter.inner_text())
    # a fast rail link from the first zone's access point straight to the airport
    zone = data.zones.index[0]
    start = data.places.geometry[data.zones.at[zone, "access"]]
    end = data.places.geometry[data.places.index[data.places["kind"] == "airport"][0]]
    # the planner's own view: frame both ends, a little off the default framing
    frame.evaluate("([a, b]) => map.fitBounds([a, b], {padding: [80, 80], animate: false})",
                   [[start.y, start.x], [end.y, end.x]])
    view = frame.evaluate("() => [map.getCenter().lat, map.getCenter().lng, map.getZoom()]")
    loads: list[str] = []
    page.on("request", lambda r: loads.append(r.url) if "st_folium/index.html" in r.url else None)
    frame.locator(".leaflet-draw-draw-polyline").click()
    for pt in (start, end):
        x, y = _latlng_to_page(page, frame, pt.y, pt.x)
        page.mouse.click(x, y)
        page.wait_for_timeout(300)
    assert frame.locator(".leaflet-draw-guide-dash, path.leaflet-interactive").count() > 0
    frame.get_by_role("link", name="Finish").click()
    assert frame.locator("path.wz-sketch").count() == 1
    frame.wait_for_function("() => window.__GLOBAL_DATA__ && window.__GLOBAL_DATA__.last_active_drawing",
                            timeout=10_000)
    page.wait_for_function(
        "n => { const el = [...document.querySelectorAll('p')].find(p => /^Pairs changed of/.test(p.textContent));"
        " return el && Math.max(...el.textContent.split(':')[1].match(/\\d+/g).map(Number)) > n; }", arg=before, timeout=30_000)
    after = _most_changed(counter.inner_text())
    assert after > before
    page.get_by_text("Current edits (1) and scenario file").wait_for(timeout=10_000)
    # only the dynamic layers travelled: the same map, still where the planner left it, shows the new link
    # highlighted (orange over a white halo)
    frame.wait_for_function("() => document.querySelectorAll('path[stroke=\"#ff7f00\"]').length > 0",
                            timeout=30_000)
    _wait_idle(page)
    assert not loads, f"the map component was reloaded by the edit: {loads}"
    kept = frame.evaluate("() => [map.getCenter().lat, map.getCenter().lng, map.getZoom()]")
    assert kept == pytest.approx(view, abs=1e-6), (view, kept)
    # the sketch is gone: the link it became is drawn from the scenario (and goes with an undo)
    assert frame.locator("path.wz-sketch").count() == 0
    _shot(page, "planner_drawn_en")
    page.watch.assert_clean()


def _pick(page, box_label: str, option_index: int) -> None:
    box = page.locator('[data-testid="stSelectbox"]').filter(has_text=box_label)
    box.click()
    page.get_by_role("option").nth(option_index).click()


def test_presentation_page_draws_contours_without_reloading_the_map(app_url, page):
    """Contours from a zone arrive in the map already shown, with their legend; choosing none takes both away.
    The map component is not reloaded and the view stays where the presenter left it."""
    page.goto(f"{app_url}/?page=presentation&lang=en")
    page.get_by_role("heading", name="Presentation").wait_for(timeout=30_000)
    frame = _map_frame(page)
    _wait_idle(page)
    assert frame.locator(".wz-label").count() > 0
    assert frame.locator(".wz-legend", has_text="Travel-time contours").count() == 0
    paths = frame.locator("path.leaflet-interactive").count()
    frame.evaluate("() => map.setView([30.75, 120.5], 10, {animate: false})")
    loads: list[str] = []
    page.on("request", lambda r: loads.append(r.url) if "st_folium/index.html" in r.url else None)

    _pick(page, "Contours from zone", 1)  # the first zone
    legend = frame.locator(".wz-legend", has_text="Travel-time contours")
    legend.wait_for(timeout=60_000)
    _wait_idle(page)
    assert legend.count() == 1 and "min" in legend.inner_text()
    assert frame.locator("path.leaflet-interactive").count() > paths  # the rings are drawn
    _shot(page, "presentation_contours_en")

    _pick(page, "Contours from zone", 0)  # none
    frame.wait_for_function("() => !document.querySelector('.wz-legend') || ![...document.querySelectorAll("
                            "'.wz-legend')].some(e => e.textContent.includes('Travel-time contours'))",
                            timeout=60_000)
    _wait_idle(page)
    assert frame.locator("path.leaflet-interactive").count() == paths
    assert not loads, f"the map component was reloaded: {loads}"
    view = frame.evaluate("() => [map.getCenter().lat, map.getCenter().lng, map.getZoom()]")
    assert view == pytest.approx([30.75, 120.5, 10], abs=1e-6)
    page.watch.assert_clean()


def test_overview_downloads_a_self_contained_page_made_on_click(app_url, page, tmp_path):
    """The offline HTML is made when the button is clicked (not on every run) and needs nothing online."""
    from wuzhen_geo.i18n import t

    page.goto(f"{app_url}/?page=overview&lang=en&year=2030")
    _map_frame(page)
    _wait_idle(page)
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name=t("download_html", "en")).click()
    # named after what it shows (it was wuzhen_geo_overview_en.html for every view)
    assert info.value.suggested_filename == "wuzhen_geo_overview_plan-view_2030_en.html"
    body = (tmp_path / "overview.html")
    info.value.save_as(body)
    html = body.read_text(encoding="utf-8")
    assert html.lstrip().lower().startswith("<!doctype html") and "L.geoJSON" in html
    assert not re.search(r"<script[^>]+src=\"https?://", html)  # Leaflet is inlined
    assert re.search(r'class="wz-export-heading"[^>]*>[^<]*Plan view \(by status\) · 2030<', html)
    page.watch.assert_clean()


def _open_presentation(app_url, page) -> None:
    """The presentation page in English, its map drawn and the app idle."""
    page.goto(f"{app_url}/?page=presentation&lang=en")
    page.get_by_role("heading", name="Presentation").wait_for(timeout=30_000)
    _map_frame(page)
    _wait_idle(page)


def test_presentation_page_exports_a_slide(app_url, page, tmp_path):
    """The presenter picks a slide format and downloads it: a PDF page (A4 landscape) made offline."""
    _open_presentation(app_url, page)
    box = page.locator('[data-testid="stSelectbox"]').filter(has_text="Slide format")
    box.scroll_into_view_if_needed()
    box.locator("input").click()
    page.keyboard.type("PDF A4")
    page.get_by_role("option", name="PDF A4 landscape").click()
    _wait_idle(page)
    assert "PDF A4 landscape" in box.inner_text() + box.locator("input").input_value()
    page.get_by_role("button", name="Make the slide").click()
    button = page.get_by_role("button", name="Download the slide")
    button.wait_for(timeout=120_000)
    with page.expect_download(timeout=60_000) as info:
        button.click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    body = path.read_bytes()
    assert path.suffix == ".pdf" and body.startswith(b"%PDF")
    assert b"/MediaBox [0 0 841" in body or b"/MediaBox[0 0 841" in body  # A4 landscape, 297 mm wide
    page.watch.assert_clean()


def test_presentation_page_plays_the_network_year_by_year(app_url, page, tmp_path):
    """The timeline: an animated GIF of the network year by year, playing in the page and downloadable."""
    _open_presentation(app_url, page)
    page.get_by_text("Play the network year by year").click()
    page.get_by_role("button", name="Make the animation").click()
    image = page.locator('[data-testid="stImage"] img')
    image.wait_for(timeout=180_000)
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
    import io

    from PIL import Image

    shown = page.request.get(image.evaluate("img => img.src")).body()  # what the page plays
    with Image.open(io.BytesIO(shown)) as gif:
        assert gif.format == "GIF" and gif.n_frames == 10  # 2026-2035, one frame a year
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name="Download the GIF").click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    with Image.open(path) as gif:
        assert gif.format == "GIF" and gif.n_frames == 10 and gif.size == (1920, 1080)
    page.watch.assert_clean()


def test_making_the_timeline_shows_progress_and_can_be_cancelled(app_url, page):
    """Long work in the app reports its progress and stops on Cancel: the frames still waiting are dropped."""
    _open_presentation(app_url, page)
    page.get_by_text("Play the network year by year").click()
    page.get_by_role("button", name="Make the animation").click()
    report = page.locator('[data-testid="stProgress"]').get_by_text(re.compile(r"^\d+ of 10 frames made"))
    report.wait_for(timeout=120_000)  # the first frames are made (they come in pairs: two are made at a time)
    page.get_by_role("button", name="Cancel").click()
    # stopped within a frame or two, not after the remaining ones: the progress goes, the app is idle
    page.locator('[data-testid="stProgress"]').wait_for(state="detached", timeout=10_000)
    _wait_idle(page, timeout_s=30)
    page.wait_for_timeout(3_000)  # longer than the frames that were left would have taken to appear one by one
    assert page.locator('[data-testid="stImage"] img').count() == 0  # no timeline was made
    assert page.get_by_role("button", name="Make the animation").is_visible()
    page.watch.assert_clean()


def test_png_snapshot_of_the_exported_map(tmp_path, mini_data):
    import struct

    from wuzhen_geo.maps.overview import export_html, overview_map
    from wuzhen_geo.maps.png import html_to_png

    data = mini_data
    png = html_to_png(export_html(overview_map(data, lang="en", labels=True)), width=800, height=600,
                      chromium=CHROMIUM, wait_ms=2000)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])  # IHDR
    assert (width, height) == (800, 600)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "snapshot_en.png").write_bytes(png)
    # a blank page compresses to almost nothing; a drawn map does not
    assert len(png) > 20_000


def test_fullscreen_button_fills_the_screen(tmp_path, page, mini_data):
    from wuzhen_geo.maps.overview import export_html, overview_map

    path = tmp_path / "map.html"
    path.write_text(export_html(overview_map(mini_data, lang="en")), encoding="utf-8")
    page.goto(path.as_uri())
    page.wait_for_selector("path.leaflet-interactive", timeout=15_000)
    page.locator("a.wz-fullscreen").click()
    page.wait_for_function("() => document.fullscreenElement !== null", timeout=5_000)
    assert page.evaluate("document.fullscreenElement.classList.contains('leaflet-container')")
    page.watch.assert_clean()


def test_route_steps_read_as_sentences(app_url, page, mini_data, mini_net):
    page.goto(f"{app_url}/?page=airports&lang=en&origin=zone_hq")
    page.get_by_role("heading", name="Time to the airports").wait_for(timeout=30_000)
    _map_frame(page)
    _wait_idle(page)
    # the fastest trip of the fixture is a drive: one sentence with time, distance, ends and main roads
    drive = page.get_by_text(re.compile(r"^Drive \d+ min, \d+ km: .+ → .+, via .+"))
    drive.wait_for(timeout=20_000)
    assert "connector" not in drive.inner_text()  # connectors are not named
    page.get_by_text("rail", exact=True).last.click()
    # the rail answer (a trip that passes the rail-trip rule) may ride more than one train: one step each
    ride = page.get_by_text(re.compile(r"^Take .+ \d+ min, \d+ km: .+ → .+")).first
    ride.wait_for(timeout=20_000)
    page.get_by_text(re.compile(r"^Security check and wait for the train \d+ min at .+")).first.wait_for(timeout=5_000)
    _wait_idle(page)
    # the map is framed on the route: all of it in view, centred on it
    from wuzhen_geo.answers import trip_answer

    data = mini_data
    airport = data.places.index[data.places["kind"] == "airport"][0]
    minx, miny, maxx, maxy = trip_answer(mini_net, "zone_hq", airport, mode="rail").geometry.bounds
    frame = _map_frame(page)
    frame.wait_for_timeout(500)
    west, south, east, north = frame.evaluate(
        "() => { const b = map.getBounds(); return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]; }")
    assert west <= minx and maxx <= east and south <= miny and maxy <= north, (west, south, east, north)
    assert abs((west + east) / 2 - (minx + maxx) / 2) < 0.01
    assert abs((south + north) / 2 - (miny + maxy) / 2) < 0.02  # Mercator: the centre latitude differs a little
    _shot(page, "airports_steps_en")
    page.watch.assert_clean()


def test_presentation_settings_survive_another_page(app_url, page):
    """A presenter's label size and map height went back to their defaults after a visit to another page:
    Streamlit drops the state of widgets a run does not draw."""
    page.goto(f"{app_url}/?page=presentation&lang=en")
    page.get_by_role("heading", name="Presentation").wait_for(timeout=30_000)
    _map_frame(page)
    _wait_idle(page)

    def slider(name: str):
        return page.locator('[data-testid="stSlider"]').filter(has_text=name).get_by_role("slider")

    def value(name: str) -> str:
        return page.locator('[data-testid="stSlider"]').filter(has_text=name).get_by_test_id(
            "stSliderThumbValue").inner_text()

    for name, presses in (("Label size", 3), ("Map height", 2)):
        slider(name).focus()
        for _ in range(presses):
            page.keyboard.press("ArrowRight")
        page.wait_for_timeout(800)
        _wait_idle(page)
    moved = {name: value(name) for name in ("Label size", "Map height")}
    assert moved == {"Label size": "21", "Map height": "900"}, moved
    page.locator('[data-testid="stSidebarNav"]').get_by_text("Overview").click()
    page.wait_for_timeout(800)
    _wait_idle(page)
    page.locator('[data-testid="stSidebarNav"]').get_by_text("Presentation").click()
    page.get_by_role("heading", name="Presentation").wait_for(timeout=30_000)
    page.wait_for_timeout(800)
    _wait_idle(page)
    assert {name: value(name) for name in moved} == moved
    page.watch.assert_clean()
