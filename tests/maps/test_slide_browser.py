"""Slide exports in a real Chromium (Debian's, through Playwright, and the command-line snapshot the package
uses): what is on the page, labels measured in the page, pixel and paper sizes, GIF frames.

The page checks load the exported slide from a file with nothing else reachable; boxes are measured after the
label placer has run (``data-wz-labels-placed``). Screenshots go to ``test-artifacts/``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from io import BytesIO

import pytest
from PIL import Image

from tests.app.test_browser import ARTIFACTS, CHROMIUM, browser_context, page  # noqa: F401  (fixtures)
from wuzhen_geo.maps import slide
from wuzhen_geo.maps.slide import (SlideSpec, key_place_ids, render_slide, slide_page, timeline_frames, timeline_gif,
                                   timeline_mp4)

pytestmark = pytest.mark.browser

_BOXES = """() => Array.from(document.querySelectorAll('.leaflet-tooltip.wz-label'))
    .filter(el => !el.classList.contains('wz-hidden') && getComputedStyle(el).visibility !== 'hidden')
    .map(el => { const r = el.getBoundingClientRect();
                 return {cls: el.className, l: r.left, t: r.top, r: r.right, b: r.bottom}; })"""
_FRAME = """() => Array.from(document.querySelectorAll('.wz-slide-obstacle')).map(el => {
    const r = el.getBoundingClientRect(); return {cls: el.className, l: r.left, t: r.top, r: r.right, b: r.bottom}; })"""


def _overlap(a: dict, b: dict) -> bool:
    return a["l"] < b["r"] and b["l"] < a["r"] and a["t"] < b["b"] and b["t"] < a["b"]


def _open(page, tmp_path, html: str, spec: SlideSpec, name: str):  # noqa: F811
    path = tmp_path / f"{name}.html"
    path.write_text(html, encoding="utf-8")
    page.set_viewport_size({"width": spec.width, "height": spec.height})
    page.goto(path.as_uri())
    page.wait_for_selector("[data-wz-labels-placed]", state="attached", timeout=30_000)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def _check_labels(page, keys: list[str]) -> None:  # noqa: F811
    boxes = page.evaluate(_BOXES)
    frame = page.evaluate(_FRAME)
    width, height = page.viewport_size["width"], page.viewport_size["height"]
    for pid in keys:
        assert any(f"wz-place-{pid}" in b["cls"].split() for b in boxes), f"{pid} is not labelled"
    for i, a in enumerate(boxes):
        assert 0 <= a["l"] and a["r"] <= width and 0 <= a["t"] and a["b"] <= height, f"cut by the edge: {a}"
        for b in boxes[i + 1:]:
            assert not _overlap(a, b), f"labels overlap: {a['cls']} / {b['cls']}"
        for f in frame:
            assert not _overlap(a, f), f"label {a['cls']} covers {f['cls']}"
    assert page.evaluate("() => window.wzLabelReport.forced") == 0


def test_slide_page_has_its_frame_and_no_controls(page, tmp_path, mini_data):  # noqa: F811
    spec = SlideSpec.for_png()
    _open(page, tmp_path, slide_page(mini_data, spec, year=2026, lang="en", title="Wuzhen links"), spec, "slide_mini")
    for gone in (".leaflet-control-zoom", ".leaflet-control-layers", ".leaflet-draw", ".leaflet-control-attribution",
                 ".leaflet-attribution-flag", ".wz-fullscreen"):
        assert page.locator(gone).count() == 0, gone
    title = page.locator(".wz-slide-title")
    assert "Wuzhen links" in title.inner_text() and "2026" in title.inner_text()
    assert page.locator("body :text('Wuzhen links'):visible").count() == 1  # not also an HTML export's heading
    assert "Today's network" in title.inner_text()
    assert page.locator(".wz-slide-legend details[open]").count() == 1
    assert page.locator(".wz-slide-legend").get_by_text("high-speed rail").is_visible()
    assert page.locator(".leaflet-control-scale-line").is_visible()
    assert re.fullmatch(r"\d+ k?m", page.locator(".leaflet-control-scale-line").inner_text().strip())
    assert page.locator(".wz-north svg").is_visible()
    source = page.locator(".wz-source").inner_text()
    assert source.startswith("Sources:") and "Leaflet" not in source
    assert page.locator("path.leaflet-interactive").count() >= 15  # the map itself drew
    _check_labels(page, key_place_ids(mini_data))
    page.watch.assert_clean()


def test_shipped_slide_labels_every_key_place_without_overlap_at_every_size(page, tmp_path, shipped_data):  # noqa: F811
    keys = key_place_ids(shipped_data)
    assert "poi_wuzhen_centre" in keys and "apt_sha" in keys and "apt_jxn" in keys
    # 3840x2160 is the 1920x1080 page at twice the pixels: the same layout
    for name, spec in (("1920x1080", SlideSpec.for_png()), ("A4", SlideSpec.for_paper("A4")),
                       ("A3", SlideSpec.for_paper("A3"))):
        for lang in ("zh", "en"):
            _open(page, tmp_path, slide_page(shipped_data, spec, year=2030, lang=lang), spec, f"slide_{name}_{lang}")
            _check_labels(page, keys)
    page.watch.assert_clean()


_VIEW = """() => { for (const k of Object.keys(window)) { if (!k.startsWith('map_')) continue;
    const m = window[k]; if (m && m.getBounds && m._container) { const b = m.getBounds();
    return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]; } } return null; }"""


def test_the_shipped_background_covers_the_whole_slide_at_every_size(page, tmp_path, shipped_data):  # noqa: F811
    """Where the background data stopped inside the view, the slide showed a straight edge: the Yangtze cut off
    flat along 32.0 N at the top of every 1920 x 1080 PNG and GIF frame. East of the data the open sea goes on."""
    west, south, east, north = shipped_data.context.total_bounds
    assert slide.open_sea_features(shipped_data)  # beyond the eastern edge
    for name, spec in (("1920x1080", SlideSpec.for_png()), ("A4", SlideSpec.for_paper("A4")),
                       ("A3", SlideSpec.for_paper("A3"))):
        _open(page, tmp_path, slide_page(shipped_data, spec, year=2026, lang="en"), spec, f"slide_view_{name}")
        w, s_, e, n = page.evaluate(_VIEW)
        assert west <= w and south <= s_ and n <= north, f"{name}: view {w, s_, e, n} leaves the data's box"
    page.watch.assert_clean()


@pytest.mark.parametrize("size", ["1920x1080", "3840x2160"])
def test_png_has_the_requested_pixels(mini_data, size):
    png = render_slide(mini_data, "png", size=size, year=2026, chromium=CHROMIUM)
    image = Image.open(BytesIO(png))
    assert image.format == "PNG" and f"{image.width}x{image.height}" == size
    # not a blank page: the map drew colours of its own
    assert len(image.convert("RGB").resize((192, 108)).getcolors(192 * 108)) > 50


@pytest.mark.parametrize(("paper", "points"), [("A4", (841.9, 595.3)), ("A3", (1190.6, 841.9))])
def test_pdf_is_one_landscape_page_of_the_paper(mini_data, paper, points):
    pdf = render_slide(mini_data, "pdf", paper=paper, year=2026, chromium=CHROMIUM)
    assert pdf.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page(?![a-z])", pdf)) == 1
    box = [float(v) for v in re.search(rb"/MediaBox\s*\[([^\]]*)\]", pdf).group(1).split()]
    # mm / 25.4 * 72 points, within a point (Chromium rounds to its own units)
    assert box[2] - box[0] == pytest.approx(points[0], abs=1.0) and box[3] - box[1] == pytest.approx(points[1], abs=1.0)


def test_timeline_gif_has_one_frame_per_year(mini_data):
    reports = []
    gif = timeline_gif(mini_data, [2026, 2027, 2028], chromium=CHROMIUM, progress=lambda *r: reports.append(r))
    image = Image.open(BytesIO(gif))
    assert image.format == "GIF" and image.n_frames == 3 and image.size == (1920, 1080)
    assert image.info.get("loop") == 0  # plays on
    assert reports == [(1, 3), (2, 3), (3, 3)]  # one report per frame, in the caller's thread


def test_a_cancel_from_the_progress_report_stops_the_timeline(mini_data, monkeypatch):
    rendered = []

    def png(page, **kwargs):
        rendered.append(1)
        out = BytesIO()
        Image.new("RGB", (8, 8)).save(out, format="PNG")
        return out.getvalue()

    class Cancelled(Exception):
        pass

    def cancel(done, total):
        raise Cancelled

    monkeypatch.setattr(slide, "html_to_png", png)
    with pytest.raises(Cancelled):
        timeline_frames(mini_data, list(range(2026, 2036)), workers=1, progress=cancel)
    # one worker: the first frame only; none of the nine still waiting is started (under load the worker had
    # started two more before the cancel was seen: all ten were submitted at once)
    assert len(rendered) == 1


def test_svg_is_a_paper_sized_drawing_with_text_and_vectors(mini_data):
    svg = render_slide(mini_data, "svg", paper="A3", year=2026, lang="en", title="Links & lines", chromium=CHROMIUM)
    root = ET.fromstring(svg)  # well-formed XML
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert (root.get("width"), root.get("height")) == ("420mm", "297mm")
    ns = {"s": "http://www.w3.org/2000/svg"}
    texts = [el.text or "" for el in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "Links & lines" in texts  # the title, as text (escaped in the file, read back here)
    assert any("2026" in s for s in texts) and any(s.startswith("Sources:") for s in texts)
    for pid in key_place_ids(mini_data):  # each key place's label lines are there
        name = mini_data.places.loc[pid, "name_en"].split(" city centre")[0].replace(" Airport", "")
        assert any(s.startswith(name) for s in texts), name
    assert len(root.findall(".//s:path", ns)) >= 15  # the map's vectors, as paths
    assert not any("Leaflet" in s for s in texts)


@pytest.mark.skipif(slide.imageio_ffmpeg is None, reason="the MP4 needs imageio-ffmpeg")
def test_timeline_mp4_shows_each_year_for_its_time(mini_data, tmp_path):
    years = [2026, 2027, 2028]
    mp4 = timeline_mp4(mini_data, years, frame_s=0.6, chromium=CHROMIUM)
    assert mp4[4:8] == b"ftyp"  # an MP4 container
    path = tmp_path / "t.mp4"
    path.write_bytes(mp4)
    frames, seconds = slide.imageio_ffmpeg.count_frames_and_secs(str(path))
    # 0.6 s a year at the container's frame rate, the last year three times as long: 3 + 3 + 9 frames at 5 fps
    per_year = round(0.6 * slide.TIMELINE_FPS)
    assert frames == per_year * (len(years) + 2)
    assert seconds == pytest.approx(frames / slide.TIMELINE_FPS, abs=0.25)
