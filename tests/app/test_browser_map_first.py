"""A page opened anew sends its map before its controls (``app_pages.map_view.MapSlot``), in a real browser:
when the map's frame joins the page, the page's own sidebar controls are not there yet; they follow, and the
map is not loaded a second time."""

from __future__ import annotations

import pytest

from tests.app.test_browser import _map_frame, _wait_idle, browser_context, page, serve_app  # noqa: F401

#: Records, when the map's frame is attached, whether a control of the page (by its key) was on the page.
_WATCH = """
(() => {
  const seen = window.__wzSeen = {frames: 0};
  new MutationObserver(() => {
    const frames = document.querySelectorAll('iframe[title="streamlit_folium.st_folium"]').length;
    if (frames > seen.frames) {
      seen.frames = frames;
      if (seen.controlAtAttach === undefined)
        seen.controlAtAttach = document.querySelector(window.__wzControl) !== null;
    }
  }).observe(document, {subtree: true, childList: true});
})();
"""


@pytest.fixture(scope="module")
def app_url(tmp_path_factory, repo_root):
    with serve_app(repo_root, tmp_path_factory.mktemp("server")) as url:
        yield url


@pytest.mark.parametrize("path,control", [("/?page=overview&lang=en", ".st-key-ov_labels"),
                                          ("/presentation?page=presentation&lang=zh", ".st-key-pr_label_kinds__zh"),
                                          ("/?page=overview&lang=zh&year=2030", ".st-key-ov_labels"),
                                          ("/airports?page=airports&lang=en&origin=zone_hq", ".st-key-apt_depart__en"),
                                          ("/airports?page=airports&lang=zh", ".st-key-apt_route_to__zh"),
                                          ("/planner?page=planner&lang=en", ".st-key-pl_year"),
                                          ("/planner?page=planner&lang=zh&year=2035", ".st-key-pl_mode__zh")])
def test_a_new_view_shows_its_map_before_its_controls(app_url, page, path, control):
    page.add_init_script(f"window.__wzControl = {control!r};" + _WATCH)
    page.goto(app_url + path)
    _map_frame(page, timeout_s=60)
    page.locator(control).first.wait_for(timeout=60_000)  # the control comes, after the map
    _wait_idle(page, timeout_s=60)
    seen = page.evaluate("window.__wzSeen")
    assert seen["controlAtAttach"] is False, seen
    assert seen["frames"] == 1, seen  # the map was sent once: the controls agreed with it
