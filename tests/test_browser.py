"""The app and the exported map in a real browser (Debian Chromium via Playwright), with no internet.

Only a browser shows whether Leaflet actually loaded: offline, a page with CDN links is blank but raises no
Python error and passes AppTest. Each test asserts Leaflet drew vector paths, no request failed, nothing left
the machine and the console stayed clean; screenshots go to ``test-artifacts/``.

Needs ``apt-get install -y chromium`` (never ``playwright install``: it downloads a browser).
"""

from __future__ import annotations

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

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("WUZHEN_GEO_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--headless", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
]
LOCAL = ("http://127.0.0.1", "data:", "blob:", "about:", "file://")

if not Path(CHROMIUM).exists():  # pragma: no cover - depends on the machine
    pytest.skip(f"{CHROMIUM} not found; install it with `apt-get install -y chromium`", allow_module_level=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def app_url(tmp_path_factory) -> Iterator[str]:
    """``streamlit run`` on a free port with the mini fixture data; yields the base URL."""
    port = _free_port()
    env = dict(os.environ, WUZHEN_GEO_DATA=str(MINI), PYTHONUNBUFFERED="1")
    log_path = tmp_path_factory.mktemp("server") / "streamlit.log"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(ROOT / "streamlit_app.py"),
             "--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
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


class Watch:
    """Collects console errors, page errors, failed and non-local requests, and dialogs (XSS canary)."""

    def __init__(self, page):
        self.console: list[str] = []
        self.failed: list[str] = []
        self.external: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", lambda msg: msg.type == "error" and self.console.append(msg.text))
        page.on("pageerror", lambda err: self.console.append(f"pageerror: {err}"))
        page.on("requestfailed", lambda req: self.failed.append(f"{req.url[:120]} {req.failure}"))
        page.on("response", lambda resp: resp.status >= 400 and self.failed.append(f"{resp.url[:120]} {resp.status}"))
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

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


def test_exported_html_works_from_a_file(tmp_path, page):
    from wuzhen_geo.io import load_geodata
    from wuzhen_geo.maps import export_html, overview_map

    data = load_geodata(MINI, validate=False)
    path = tmp_path / "map.html"
    path.write_text(export_html(overview_map(data, lang="zh", labels=True)), encoding="utf-8")
    page.goto(path.as_uri())
    page.wait_for_selector("path.leaflet-interactive", timeout=15_000)
    assert page.locator("path.leaflet-interactive").count() >= 15
    # permanent labels: every airport, station and city centre of the data, and every zone
    expected = data.places["kind"].isin(["airport", "station", "city_centre"]).sum() + len(data.zones)
    assert page.locator(".wz-label").count() == expected
    _shot(page, "export_zh")
    page.watch.assert_clean()
