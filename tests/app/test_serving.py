"""``serve.py``: every page says where its server is, so that a page opened at its own address (/planner)
connects at once instead of first looking for its server under /planner (streamlit/streamlit#7074); and the
browser may keep the map component's script, named by its content, instead of fetching it for every map.

The middlewares are checked on their own (ASGI messages in, messages out) and in Chromium on the served app: no
request goes to /<page>/_stcore/, the map is drawn, and a second map takes the component's script from the
browser's cache."""

from __future__ import annotations

import asyncio
import re
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

from app_pages.serving import (STREAMLIT_WORDS, CacheNamedByContent, ScriptsInPage, is_page_address,
                              named_by_content, page_words_css, with_page_words, with_server_address)
from tests.app.test_browser import LOCAL, _map_frame, app_url, browser_context, page  # noqa: F401

INDEX = b"<!DOCTYPE html><html><head><title>x</title><script type=module src=./static/js/index.js></script></head>"


@pytest.mark.parametrize("path, page_address", [
    ("/", True), ("/planner", True), ("/airports", True), ("/presentation", True),
    ("/_stcore/health", False), ("/_stcore/stream", False), ("/static/js/index.DormvYxC.js", False),
    ("/app/static/leaflet/leaflet.js", False), ("/component/streamlit_folium.st_folium/index.html", False),
    ("/media/abc.png", False), ("/favicon.png", False), ("/planner/_stcore/health", True),
])
def test_only_page_addresses_are_pages(path, page_address):
    # /planner/_stcore/health is answered with the index page too: harmless, and no page asks for it any more
    assert is_page_address(path) is page_address


def test_a_page_below_a_base_path():
    assert is_page_address("/wz/planner", "/wz") and not is_page_address("/wz/_stcore/health", "/wz")
    assert b'window.location.origin + "/wz/"' in with_server_address(INDEX, "/wz")
    assert b"</script><b>" not in with_server_address(INDEX, "/</script><b>")  # a base path stays text


def test_the_address_is_set_before_streamlit_reads_it():
    html = with_server_address(INDEX)
    set_at, bundle_at = html.find(b"BACKEND_BASE_URL"), html.find(b"index.js")
    assert 0 < set_at < bundle_at
    assert b'window.location.origin + "/"' in html
    assert with_server_address(b"<html>no script</html>") == b"<html>no script</html>"


def test_the_page_words_script_runs_before_streamlit_s_own():
    """The script that puts the page's words in place of Streamlit's English watches the page from before
    Streamlit draws."""
    html = with_page_words(with_server_address(INDEX))
    assert html.count(b"--wz-word-") == 1
    assert 0 < html.find(b"--wz-word-") < html.find(b"index.js")
    assert with_page_words(b"<html>no script</html>") == b"<html>no script</html>"


def _serve(path: str, response: tuple[int, bytes, bytes], method: str = "GET",
           middleware=ScriptsInPage) -> tuple[list[dict], list]:
    """What ``middleware`` sends for a request of ``path``, and the request headers the app behind it saw."""
    status, kind, body = response
    seen, sent = [], []

    async def app(scope, receive, send):
        seen.append(scope["headers"])
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", kind), (b"content-length", str(len(body)).encode()),
                                (b"cache-control", b"public")]})
        half = len(body) // 2
        await send({"type": "http.response.body", "body": body[:half], "more_body": True})
        await send({"type": "http.response.body", "body": body[half:]})

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": method, "path": path,
             "headers": [(b"accept-encoding", b"gzip"), (b"host", b"127.0.0.1")]}
    asyncio.run(middleware(app)(scope, None, send))
    return sent, seen[0]


def test_a_page_gets_the_address_with_its_length_and_uncompressed():
    sent, headers = _serve("/planner", (200, b"text/html; charset=utf-8", INDEX))
    assert (b"accept-encoding", b"gzip") not in headers  # so that the HTML can be written into
    body = b"".join(m["body"] for m in sent if m["type"] == "http.response.body")
    assert b"BACKEND_BASE_URL" in body and b"--wz-word-" in body
    assert dict(sent[0]["headers"])[b"content-length"] == str(len(body)).encode()


@pytest.mark.parametrize("path, response, method", [
    ("/static/js/index.js", (200, b"application/javascript", b"let x = '<script';"), "GET"),
    ("/planner", (404, b"text/html", INDEX), "GET"),
    ("/planner", (200, b"text/html", b""), "HEAD"),
])
def test_everything_else_passes_unchanged(path, response, method):
    sent, headers = _serve(path, response, method)
    body = b"".join(m["body"] for m in sent if m["type"] == "http.response.body")
    assert body == response[2] and b"BACKEND_BASE_URL" not in body
    if method == "GET" and not path.startswith("/planner"):
        assert (b"accept-encoding", b"gzip") in headers  # assets stay compressible


@pytest.mark.parametrize("path, kept", [
    ("/component/streamlit_folium.st_folium/static/js/main.521860b0.js", True),
    ("/component/streamlit_folium.st_folium/static/js/main.521860b0.chunk.js", True),
    ("/component/streamlit_folium.st_folium/static/css/main.0a1b2c3d.css", True),
    ("/component/streamlit_folium.st_folium/index.html", False),  # names the current script: never kept
    ("/component/streamlit_folium.st_folium/bootstrap.min.css", False),
    ("/component/x/static/js/main.js", False), ("/static/js/index.DormvYxC.js", False),
    ("/app/static/leaflet/leaflet.js", False),
])
def test_only_files_named_by_their_content_are_kept(path, kept):
    assert named_by_content(path) is kept
    sent, _ = _serve(path, (200, b"application/javascript", b"x"), middleware=CacheNamedByContent)
    cache = dict(sent[0]["headers"])[b"cache-control"]
    assert (cache == b"public, max-age=31536000, immutable") is kept
    assert [k for k, _ in sent[0]["headers"]].count(b"cache-control") == 1


def test_a_failed_request_is_not_kept():
    path = "/component/streamlit_folium.st_folium/static/js/main.521860b0.js"
    sent, _ = _serve(path, (404, b"text/plain", b"not found"), middleware=CacheNamedByContent)
    assert dict(sent[0]["headers"])[b"cache-control"] == b"public"


@pytest.mark.browser
def test_a_second_map_takes_the_component_script_from_the_cache(app_url, browser_context):  # noqa: F811
    page = browser_context.new_page()  # not the `page` fixture: Playwright's routing turns the cache off
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    try:
        for _ in range(2):
            page.goto(f"{app_url}/?page=overview&lang=en")
            frame = _map_frame(page)
        sizes = frame.evaluate("performance.getEntriesByType('resource')"
                               ".filter(r => /main\\.[0-9a-f]+\\.js/.test(r.name)).map(r => r.transferSize)")
    finally:
        page.close()
    assert sizes == [0], sizes  # 0 bytes on the wire: from the browser's cache
    assert all(url.startswith(LOCAL) for url in asked)


@pytest.mark.browser
@pytest.mark.parametrize("name", ["planner", "airports", "presentation"])
def test_a_page_opened_at_its_address_connects_at_once(app_url, page, name):  # noqa: F811
    with urllib.request.urlopen(f"{app_url}/{name}", timeout=10) as resp:
        assert b"BACKEND_BASE_URL" in resp.read()
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(f"{app_url}/{name}?lang=en")
    _map_frame(page)
    probes = [u for u in asked if "/_stcore/" in u]
    assert any(u == f"{app_url}/_stcore/health" for u in probes), probes
    assert not [u for u in probes if re.search(rf"/{name}/_stcore/", u)], probes
    page.watch.assert_clean()


@pytest.mark.browser
def test_only_streamlit_s_own_words_are_changed(page):  # noqa: F811
    """In Chromium, on a page in Chinese: the option that is the typed text, the empty list's "No results", a
    tooltip and a button's name take the page's words; an option whose name merely reads like them (a name from
    the data or a user) stays as it is."""
    page.set_content(with_page_words(b"<html><head><script></script></head><body></body></html>").decode())
    page.evaluate("""css => {
        document.head.insertAdjacentHTML("beforeend", css);
        document.body.innerHTML = '<input id="box" value="Hongqiao">'
          + '<div role="listbox"><div role="option">Add: Hongqiao</div><div role="option">Add: 我的线路</div>'
          + '<div role="option">No results</div><div role="option">Search</div></div>'
          + '<div role="listbox" data-empty="true"><div role="option">No results</div></div>'
          + '<div data-testid="InputInstructions"><span>Press Enter to apply</span><span>5/80</span></div>'
          + '<button aria-label="Download as CSV">x</button><div role="tooltip">Download as CSV</div>';
        document.getElementById("box").focus();
    }""", page_words_css("zh"))
    expect(page.locator('[role="option"]').first).to_have_text("添加：Hongqiao")
    assert page.locator('[role="option"]').all_inner_texts() == ["添加：Hongqiao", "Add: 我的线路", "No results",
                                                                 "Search", "无匹配项"]
    assert page.locator('[data-testid="InputInstructions"] span').all_inner_texts() == ["按回车键确认", "5/80"]
    assert page.locator("button").get_attribute("aria-label") == "下载为 CSV"
    assert page.locator('[role="tooltip"]').inner_text() == "下载为 CSV"
    assert page.evaluate("document.documentElement.lang") == "zh-CN"


def test_every_streamlit_word_is_streamlit_s_own():
    """Each phrase the page script looks for is in Streamlit's front end as written (a Streamlit upgrade that
    rewords one shows here, not as English left on a Chinese page)."""
    import streamlit

    from wuzhen_geo.strings import STRINGS

    front_end = "".join(p.read_text(encoding="utf-8", errors="replace")
                        for p in (Path(streamlit.__file__).parent / "static" / "static" / "js").glob("*.js"))
    made = {"st_press_enter": ("`Press Enter to ${", "`apply`")}  # put together from two parts
    missing = [key for key in STREAMLIT_WORDS
               if not all(part in front_end for part in made.get(key, (f"`{STRINGS[key]['en']}",)))]
    assert not missing, missing
