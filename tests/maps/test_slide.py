"""Slide exports without a browser: the page a slide is made from (frame, no controls, key labels marked), the
open sea past the data's edge, the paper sizes, the stacked labels and the marks drawn in SVG.

What only a browser shows (labels placed without overlap, pixel and paper sizes, GIF frames) is in
``test_slide_browser.py``.
"""

from __future__ import annotations

import html
import re

import folium
import pytest
from shapely.geometry import Point, shape

from wuzhen_geo import maps
from wuzhen_geo.data import write_bytes_atomic
from wuzhen_geo.errors import DataError, WuzhenGeoError
from wuzhen_geo.maps._declutter import Declutter
from wuzhen_geo.maps._elements import FullscreenButton, VectorLayer
from wuzhen_geo.maps.labels import label_text, short_name
from wuzhen_geo.maps.slide import SlideSpec, key_place_ids, open_sea_features, slide_map, slide_page
from wuzhen_geo.maps.style import AIRPORT_ICON, legend_html
from wuzhen_geo.model import Scenario

# Symbols drawn from a font (emoji, dingbats, misc. symbols): a machine without such a font shows a box.
FONT_SYMBOL = re.compile(r"[\u2600-\u27bf\U0001f000-\U0001faff\ufe0f]|&#(?:9992|x2708|10003|10004|10060|9989);")


def _text(page: str) -> str:
    """The page with the ``\\uXXXX`` escapes of its scripts' strings read back (the frame is a script)."""
    return re.sub(r"\\u([0-9a-fA-F]{4})", lambda g: chr(int(g.group(1), 16)), page)


def _features(m: folium.Map) -> dict[str, dict]:
    return {f["properties"].get("id"): f["properties"] for c in m._children.values() if isinstance(c, VectorLayer)
            for f in c.data["features"]}


def test_slide_map_has_no_controls_and_a_frame(mini_data):
    m = slide_map(mini_data, year=2026, lang="en", title="Board meeting <draft>")
    kinds = [type(c) for c in m._children.values()]
    assert folium.LayerControl not in kinds and FullscreenButton not in kinds and Declutter not in kinds
    assert m.options["zoom_control"] is False and m.options["attribution_control"] is False
    page = slide_page(mini_data, year=2026, lang="en", title="Board meeting <draft>")
    assert "zoomControl\": false" in page or "zoomControl: false" in page
    assert "Board meeting &lt;draft&gt;" in page and "<draft>" not in page  # the title, escaped
    # the slide's title card names it once: not also the heading an exported HTML map carries
    assert "wz-export-heading" not in page
    assert "2026" in page and "Today's network" in html.unescape(_text(page))  # the picker's name for it
    assert "The network by opening year" in slide_page(mini_data, year=2030, lang="en")
    assert "<details open>" in _text(page)  # the legend starts open
    assert "L.control.scale" in page and "wz-north" in page and "wz-source" in page
    assert page.count("L.control.scale(") == 1  # its own, not also the interactive map's
    assert "Sources: lines, stations" in _text(page)
    assert "tile.openstreetmap.org" not in page  # nothing online on a slide


def test_interactive_maps_and_their_exports_scale_in_kilometres_only(mini_data):
    """The interactive maps and their HTML exports showed "20 mi" beside the kilometres, in Chinese too."""
    from wuzhen_geo.maps import export_html, overview_map

    for lang in ("zh", "en"):
        page = export_html(overview_map(mini_data, lang=lang))
        scales = re.findall(r"L\.control\.scale\(([^)]*)\)", page)
        assert scales == ["{metric: true, imperial: false}"], scales


def test_a_scenario_slide_names_the_scenario_and_its_year(mini_data):
    scenario = Scenario(name="plan-x", title_zh="规划甲", title_en="Plan X", year=2031)
    page = _text(slide_page(mini_data, scenario=scenario, lang="zh"))
    assert "情景：规划甲" in page and "2031年" in page


def test_every_key_place_is_labelled_and_marked_key(mini_data):
    m = slide_map(mini_data, year=2026)
    feats = _features(m)
    keys = key_place_ids(mini_data)
    # the mini data's airports and city centres, counted from the data itself
    assert set(keys) == set(mini_data.places.index[mini_data.places["kind"].isin(["airport", "city_centre"])])
    for pid in keys:
        assert feats[pid].get("label"), pid
        assert "wz-label-key" in feats[pid]["label_class"].split()
        assert f"wz-place-{pid}" in feats[pid]["label_class"].split()
    others = [p for p, f in feats.items() if f.get("label") and p not in keys and p in mini_data.places.index]
    assert all("wz-label-key" not in feats[p]["label_class"] for p in others)


def test_shipped_key_places_include_wuzhen_and_every_airport(shipped_data):
    keys = set(key_place_ids(shipped_data))
    places = shipped_data.places
    assert set(places.index[places["kind"] == "airport"]) <= keys
    assert "poi_wuzhen_centre" in keys
    for city in ("Tongxiang", "Shanghai", "Hangzhou", "Suzhou", "Jiaxing", "Huzhou"):
        assert any(places.loc[k, "name_en"].startswith(city) for k in keys), city
    row = places.loc["poi_wuzhen_centre"].to_dict()
    assert short_name(row, "poi", "en") == "Wuzhen" and short_name(row, "poi", "zh") == "乌镇"


def test_stacked_labels_put_the_two_languages_on_two_lines():
    row = {"name_zh": "苏州市中心(观前街)", "name_en": "Suzhou city centre (Guanqian Street)"}
    assert label_text(row, "city_centre", "zh") == "苏州 Suzhou"
    assert label_text(row, "city_centre", "zh", stacked=True) == "苏州<br>Suzhou"
    assert label_text(row, "city_centre", "en", stacked=True) == "Suzhou<br>苏州"


def test_the_open_sea_continues_east_of_the_shipped_sea_and_covers_no_land(shipped_data, mini_data):
    feats = open_sea_features(shipped_data)
    assert len(feats) == 1
    sea = shape(feats[0]["geometry"])
    assert feats[0]["properties"]["style"]["stroke"] is False
    minx, miny, maxx, maxy = shipped_data.context.total_bounds
    # past the data's eastern edge, at every latitude of the box: sea (the seam was land colour there)
    for lat in (miny + 0.01, (miny + maxy) / 2, maxy - 0.01):
        assert sea.contains(Point(maxx + 0.2, lat))
    # it adds nothing inside the box but a sliver: the places, all on land or coast, stay off it
    inside = sea.intersection(shape({"type": "Polygon", "coordinates": [[(minx, miny), (maxx, miny), (maxx, maxy),
                                                                        (minx, maxy), (minx, miny)]]}))
    assert inside.area < 1e-3
    assert not any(sea.contains(g) for g in shipped_data.places.geometry)
    assert open_sea_features(mini_data) == []  # the mini data has no sea


def test_paper_and_pixel_sizes():
    a4, a3 = SlideSpec.for_paper("A4"), SlideSpec.for_paper("a3")
    # 297 x 210 mm and 420 x 297 mm at 96 CSS px per inch
    assert (a4.width, a4.height) == (int(297 / 25.4 * 96), int(210 / 25.4 * 96))
    assert (a3.width, a3.height) == (int(420 / 25.4 * 96), int(297 / 25.4 * 96))
    big = SlideSpec.for_png("3840x2160")
    assert (big.width * big.scale, big.height * big.scale) == (3840, 2160)
    with pytest.raises(WuzhenGeoError, match="--paper"):
        SlideSpec.for_paper("Letter")
    with pytest.raises(WuzhenGeoError, match="--size"):
        SlideSpec.for_png("800x600")
    with pytest.raises(WuzhenGeoError, match="--format"):
        maps.render_slide(None, "tiff")


def test_marks_need_no_symbol_font(mini_data):
    assert not FONT_SYMBOL.search(AIRPORT_ICON["html"]) and "<svg" in AIRPORT_ICON["html"]
    for lang in ("zh", "en"):
        assert not FONT_SYMBOL.search(legend_html(lang, ["hsr"], ["open"]))
    page = slide_page(mini_data, year=2026)
    assert not FONT_SYMBOL.search(page)
    for name in ("plane", "yes", "no"):
        svg = maps.mark_svg(name, size=20)
        assert svg.startswith("<svg") and 'width="20"' in svg and svg.isascii()
        assert maps.mark_data_uri(name).startswith("data:image/svg+xml;base64,")
    assert maps.met_text(True, "zh") == "达标" and maps.met_text(False, "en") == "not met"
    assert not FONT_SYMBOL.search(maps.met_html(True, "zh")) and maps.met_html(False, "en").endswith("</svg> not met")
    assert not FONT_SYMBOL.search("".join(maps.BUTTON_ICONS.values()))


def test_write_bytes_atomic_replaces_the_file_whole(tmp_path):
    target = tmp_path / "slide.png"
    target.write_bytes(b"old")
    target.chmod(0o640)
    write_bytes_atomic(target, b"\x89PNG\r\n\x1a\n\xff")
    assert target.read_bytes() == b"\x89PNG\r\n\x1a\n\xff" and (target.stat().st_mode & 0o777) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["slide.png"]  # no temporary file left
    link = tmp_path / "link.png"
    link.symlink_to(target)
    with pytest.raises(DataError, match="symbolic link"):
        write_bytes_atomic(link, b"x")
    with pytest.raises(DataError, match="does not exist"):
        write_bytes_atomic(tmp_path / "missing" / "a.png", b"x")
