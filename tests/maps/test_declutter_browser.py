"""The app map's label declutter in a real Chromium: visible labels never overlap, and a burst of layers added
at once (a dynamic group of hundreds of features) costs one declutter pass, not one per feature."""

from __future__ import annotations

import pytest

from tests.app.test_browser import browser_context, page  # noqa: F401  (fixtures)
from wuzhen_geo.maps import export_html, overview_map
from wuzhen_geo.maps.labels import label_text
from wuzhen_geo.maps.style import KEY_PLACE_IDS

pytestmark = pytest.mark.browser

_VISIBLE = """() => Array.from(document.querySelectorAll('.leaflet-tooltip.wz-label'))
    .filter(el => !el.classList.contains('wz-hidden'))
    .map(el => { const r = el.getBoundingClientRect(); return {l: r.left, t: r.top, r: r.right, b: r.bottom}; })"""
_MAP = "Object.values(window).find(v => v instanceof L.Map)"


def _open(page, tmp_path, m, width: int, height: int) -> None:  # noqa: F811
    """The map as its offline page, in a window of that size, its labels placed."""
    path = tmp_path / "map.html"
    path.write_text(export_html(m), encoding="utf-8")
    page.set_viewport_size({"width": width, "height": height})
    page.goto(path.as_uri())
    page.wait_for_selector(".leaflet-tooltip.wz-label", state="attached", timeout=30_000)
    page.wait_for_timeout(500)


def test_labels_do_not_overlap_and_a_burst_of_layers_is_decluttered_once(page, tmp_path, shipped_data):  # noqa: F811
    m = overview_map(shipped_data, lang="en", assets="inline", labels=True,
                     label_kinds=("airport", "city_centre", "station", "interchange"))
    _open(page, tmp_path, m, 1280, 800)
    labels = page.locator(".leaflet-tooltip.wz-label").count()
    visible = page.evaluate(_VISIBLE)
    assert 0 < len(visible) < labels  # crowded at this zoom: some labels give way
    for i, a in enumerate(visible):
        for b in visible[i + 1:]:
            assert not (a["l"] < b["r"] - 2 and b["l"] < a["r"] - 2 and a["t"] < b["b"] and b["t"] < a["b"]), (a, b)

    # count the passes (each measures the map's box once), then add 300 features in one go, as a group sent by
    # the app is added
    passes = page.evaluate(f"""async () => {{
        const map = {_MAP}, box = map.getContainer(), measure = box.getBoundingClientRect;
        window.wzPasses = 0;
        box.getBoundingClientRect = function () {{ window.wzPasses += 1; return measure.call(this); }};
        const lines = [];
        for (let i = 0; i < 300; i++) {{
            lines.push({{type: "Feature", properties: {{}},
                         geometry: {{type: "LineString", coordinates: [[120.4 + i / 1000, 30.7], [120.5, 30.8]]}}}});
        }}
        L.geoJSON({{type: "FeatureCollection", features: lines}}).addTo(map);
        await new Promise(r => setTimeout(r, 300));
        return window.wzPasses;
    }}""")
    assert 1 <= passes <= 2, passes
    page.watch.assert_clean()


def test_city_centres_and_wuzhen_are_named_at_the_regional_view(page, tmp_path, shipped_data):  # noqa: F811
    """At the view a presenter opens (the study area fitted, airports and city centres labelled), a label that
    collides moves around its place instead of disappearing: every city centre, every airport and Wuzhen are
    named (Jiaxing Nanhu airport, boxed in by the Wuzhen, Jiaxing and Tongxiang labels, needs a second placing
    with it first)."""
    m = overview_map(shipped_data, lang="en", assets="inline", labels=True)
    _open(page, tmp_path, m, 1440, 900)
    shown = page.evaluate("""() => Array.from(document.querySelectorAll('.leaflet-tooltip.wz-label'))
        .filter(el => !el.classList.contains('wz-hidden')).map(el => el.textContent)""")
    places = shipped_data.places

    def text(pid):  # the label the map gives the place
        return label_text({**places.loc[pid].to_dict(), "id": pid}, places.at[pid, "kind"], "en")

    for pid in [*places.index[places["kind"].isin(["city_centre", "airport"])], *KEY_PLACE_IDS]:
        assert text(pid) in shown, (pid, shown)
    moved = page.evaluate("""() => Array.from(document.querySelectorAll('.leaflet-tooltip.wz-label'))
        .filter(el => !el.classList.contains('wz-hidden') && el.style.marginTop !== '').length""")
    assert moved > 0  # at this view some labels only fit beside or above their place
    page.watch.assert_clean()
