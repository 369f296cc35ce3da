"""Popups and clicked shapes of the offline map in a real Chromium: a Chinese popup's field names stay on one
line, and a clicked shape draws no focus box around itself."""

from __future__ import annotations

import pytest

from tests.app.test_browser import browser_context, page  # noqa: F401  (fixtures)
from wuzhen_geo.maps import export_html, overview_map

pytestmark = pytest.mark.browser

_MAP = "Object.values(window).find(v => v instanceof L.Map)"


def _open(page, tmp_path, m) -> None:  # noqa: F811
    path = tmp_path / "map.html"
    path.write_text(export_html(m), encoding="utf-8")
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(path.as_uri())
    page.wait_for_selector("path.leaflet-interactive", state="attached", timeout=30_000)


def test_a_chinese_popup_keeps_its_field_names_on_one_line(page, tmp_path, shipped_data):  # noqa: F811
    """The key column wrapped one character a line ("类/型", "来/源") in the popup of Tongxiang's boundary."""
    _open(page, tmp_path, overview_map(shipped_data, lang="zh", assets="inline"))
    heights = page.evaluate(f"""() => {{
        const map = {_MAP}; let found = null;
        map.eachLayer(l => {{ if (!found && l.feature && l.feature.properties && l.getPopup && l.getPopup()
                                 && String(l.feature.properties.tip).startsWith("<b>桐乡市 ")) found = l; }});
        if (!found) return null;
        found.openPopup(found.getBounds ? found.getBounds().getCenter() : undefined);
        const keys = Array.from(document.querySelectorAll(".leaflet-popup .wz-popup td:first-child"));
        // the lines the name itself takes (a cell is as tall as its row, which the value sets)
        return keys.map(td => {{ const r = document.createRange(); r.selectNodeContents(td);
                                 const tops = new Set(Array.from(r.getClientRects()).map(b => Math.round(b.top)));
                                 return [td.innerText, tops.size]; }});
    }}""")
    assert heights, "no popup of the Tongxiang boundary on the map"
    for text, lines in heights:
        assert lines == 1, f"{text!r} wraps over {lines} lines"


def test_a_clicked_shape_draws_no_focus_box(page, tmp_path, shipped_data):  # noqa: F811
    _open(page, tmp_path, overview_map(shipped_data, lang="en", assets="inline"))
    # a point where a shape itself is on top, clicked with the mouse as a user would
    spot = page.evaluate("""() => {
        for (const el of document.querySelectorAll("path.leaflet-interactive")) {
            const r = el.getBoundingClientRect();
            for (let i = 1; i < 10; i++) for (let j = 1; j < 10; j++) {
                const x = r.left + r.width * i / 10, y = r.top + r.height * j / 10;
                if (x > 0 && y > 0 && x < innerWidth && y < innerHeight && document.elementFromPoint(x, y) === el
                    && el.getAttribute("fill") !== "none") return [x, y];
            }
        }
        return null; }""")
    assert spot is not None
    page.mouse.click(*spot)
    page.wait_for_timeout(200)
    outline = page.evaluate("""() => { const el = document.activeElement;
        return [el.tagName, getComputedStyle(el).outlineStyle, getComputedStyle(el).outlineWidth]; }""")
    assert outline[0].lower() != "path" or outline[1] == "none" or outline[2] == "0px", outline


def test_the_credit_is_a_plain_link_without_a_flag(page, tmp_path, shipped_data):  # noqa: F811
    """Leaflet 1.9 puts a flag icon before its name in the corner of every map; the maps are projected before
    officials, and the slides already leave it out."""
    _open(page, tmp_path, overview_map(shipped_data, lang="en", assets="inline"))
    credit = page.locator(".leaflet-control-attribution")
    assert credit.inner_text().strip().startswith("Leaflet")
    assert credit.locator("svg, img, .leaflet-attribution-flag").count() == 0


def test_a_legend_with_long_lines_wraps_instead_of_spreading_over_the_map(page, tmp_path, shipped_data):  # noqa: F811
    """The people-within-60-min legend spread 653 px over a 1366 x 768 full-screen map, over Hangzhou and
    Xiaoshan airport: its last line is a sentence."""
    import wuzhen_geo as wz
    from wuzhen_geo.maps.access import reach_layer

    m = overview_map(shipped_data, lang="en", assets="inline")
    reach_layer(wz.reach_area(wz.build_network(shipped_data), "city_tongxiang", budget=60), m=m, lang="en",
                origin="Tongxiang city centre")
    _open(page, tmp_path, m)
    page.set_viewport_size({"width": 1366, "height": 768})
    widths = page.evaluate("() => Array.from(document.querySelectorAll('.wz-legend'), e => e.getBoundingClientRect().width)")
    assert len(widths) == 2 and max(widths) <= 300, widths
