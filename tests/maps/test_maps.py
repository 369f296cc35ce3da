"""Rendered map HTML: local assets only, status styles, escaping, scenario layers, self-contained export."""

from __future__ import annotations

import base64
import html
import json
import re
import shutil

import folium
import pytest

from wuzhen_geo import maps
from wuzhen_geo.i18n import t
from wuzhen_geo.maps.assets import STATIC_URL, asset_href, localize_assets, static_dir
from wuzhen_geo.data.io import load_geodata

EVIL = "<img src=x onerror=alert(1)>"
BREAKOUT = "</script><script>alert(2)</script>"
# Any reference the browser would fetch at load time: script/link/img attributes and CSS url().
ASSET_REF = re.compile(r"""<(?:script|link|img)\b[^>]*\b(?:src|href)=["']([^"']+)["']|url\(\s*["']?([^"')]+)""")


@pytest.fixture
def edited(tmp_path, mini_dir):
    """A copy of the mini fixture with an evil place name and every link status present."""
    root = tmp_path / "geo"
    shutil.copytree(mini_dir, root)
    pfile = root / "places" / "places.geojson"
    doc = json.loads(pfile.read_text(encoding="utf-8"))
    doc["features"][0]["properties"]["name_en"] = EVIL
    doc["features"][0]["properties"]["note"] = EVIL
    doc["features"][1]["properties"]["name_zh"] = BREAKOUT
    pfile.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    lfile = root / "links" / "links.geojson"
    doc = json.loads(lfile.read_text(encoding="utf-8"))
    statuses = ["open", "under_construction", "planned", "proposed"]
    for i, feat in enumerate(doc["features"]):
        feat["properties"]["status"] = statuses[i % 4]
        feat["properties"]["open_year"] = None if i % 4 == 0 else 2030
    lfile.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return load_geodata(root, validate=False)


def _layers(m: folium.Map) -> list[maps.VectorLayer]:
    return [c for c in m._children.values() if isinstance(c, maps.VectorLayer)]


def _features(m: folium.Map) -> dict[str, dict]:
    return {f["properties"]["id"]: f for layer in _layers(m) for f in layer.data["features"] if "id" in f["properties"]}


def _asset_refs(page: str) -> list[str]:
    return [a or b for a, b in ASSET_REF.findall(page)]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_url_mode_references_only_local_assets(mini_data, lang):
    page = maps.overview_map(mini_data, lang=lang).get_root().render()
    refs = _asset_refs(page)
    assert refs, "the page must load Leaflet from somewhere"
    assert all(r.startswith(STATIC_URL + "/") for r in refs), refs
    for ref in refs:  # each referenced file is actually shipped
        assert (static_dir() / ref[len(STATIC_URL) + 1:]).is_file(), ref
    assert "L.Icon.Default.imagePath" in page
    # the only internet URL a script may name is the optional (hidden) basemap tile template
    tile_templates = re.findall(r"L\.tileLayer\(\s*\"([^\"]+)\"", page)
    assert tile_templates == [maps.style.OSM_TILES]
    assert "jquery" not in page.lower() and "bootstrap" not in page.lower()


def test_export_is_self_contained(mini_data):
    m = maps.overview_map(mini_data, lang="en")
    page = maps.export_html(m, title="Wuzhen <test>")
    refs = _asset_refs(page)
    assert refs and all(r.startswith("data:") for r in refs), [r[:40] for r in refs]
    assert "<title>Wuzhen &lt;test&gt;</title>" in page
    # the inlined Leaflet is byte-for-byte the shipped file
    js = next(r for r in refs if r.startswith("data:text/javascript"))
    assert base64.b64decode(js.split(",", 1)[1]) == (static_dir() / "leaflet/leaflet.js").read_bytes()
    # CSS images are inlined too, so the layer-control icon does not request images/layers.png
    css = base64.b64decode(next(r for r in refs if r.startswith("data:text/css")).split(",", 1)[1]).decode()
    assert "images/layers.png" not in css and "data:image/png;base64," in css
    # export does not leave the map in inline mode (the app keeps using URLs)
    assert _asset_refs(m.get_root().render())[0].startswith(STATIC_URL)


def test_class_level_folium_assets_untouched(mini_data):
    before = list(folium.Map.default_js), list(folium.Map.default_css)
    maps.overview_map(mini_data).get_root().render()
    assert (list(folium.Map.default_js), list(folium.Map.default_css)) == before
    assert any("cdn" in url for _, url in folium.Map.default_js)


def test_unshipped_plugin_asset_is_refused():
    m = folium.Map(tiles=None)
    from folium.plugins import MarkerCluster

    MarkerCluster().add_to(m)
    with pytest.raises(ValueError, match="not shipped"):
        localize_assets(m, "url")


def test_link_styles_follow_status_class_and_accuracy(edited):
    m = maps.overview_map(edited, lang="en")
    feats = _features(m)
    marks = [layer for layer in _layers(m) if layer.layer_name == t("legend_schematic", "en")]
    assert len(marks) == 1 and not marks[0].interactive  # hovering the dots still reaches the line below
    # the marks are merged into one feature per style; each lists its links and holds their lines
    overlays = {lid: mark for mark in marks[0].data["features"] for lid in mark["properties"]["ids"]}
    dashes = set()
    for lid, row in edited.links.iterrows():
        style = feats[lid]["properties"]["style"]
        assert style.get("dashArray") == maps.STATUS_DASH[row["status"]], lid
        assert style["color"] == maps.CLASS_COLORS[row["class"]], lid
        dashes.add(style.get("dashArray"))
        overlay = overlays.get(lid)
        assert (overlay is not None) == (row["accuracy"] == "schematic"), lid
        if overlay is not None:
            assert overlay["properties"]["style"]["dashArray"] == maps.SCHEMATIC_OVERLAY["dashArray"]
            assert "tip" not in overlay["properties"] and "popup" not in overlay["properties"]
            assert "schematic" in feats[lid]["properties"]["tip"]
            line = feats[lid]["geometry"]
            lines = [line["coordinates"]] if line["type"] == "LineString" else line["coordinates"]
            assert all(part in overlay["geometry"]["coordinates"] for part in lines), lid
    assert len(dashes) == 4, "the four statuses must look different"
    assert len(marks[0].data["features"]) < len(overlays), "one feature per style, not one per link"
    page = m.get_root().render()
    for status, dash in maps.STATUS_DASH.items():
        if dash:
            assert f'"dashArray":"{dash}"' in page, status


def test_user_text_is_escaped(edited):
    m = maps.overview_map(edited, lang="en", labels=True)
    page = m.get_root().render()
    assert EVIL not in page
    assert BREAKOUT not in page and "alert(2)</script>" not in page  # data cannot close the script element
    assert page.count("</script>") == page.count("<script")
    feat = _features(m)[edited.places.index[0]]
    escaped = html.escape(EVIL, quote=True)
    for key in ("popup", "label"):
        if key in feat["properties"]:
            assert escaped in feat["properties"][key] and EVIL not in feat["properties"][key]
    assert escaped in feat["properties"]["popup"]


def test_popup_names_source_accuracy_and_year(mini_data):
    m = maps.overview_map(mini_data, lang="zh")
    feats = _features(m)
    for pid, row in mini_data.places.iterrows():
        popup = feats[pid]["properties"]["popup"]
        assert html.escape(row["name_zh"]) in popup and html.escape(row["name_en"]) in popup
        assert html.escape(row["source"].split(" ; ")[0]) in popup
        year = row.get("open_year")
        if year is not None and year == year:
            assert str(int(year)) in popup


def test_year_moves_planned_links_in(mini_data):
    planned = mini_data.links.index[mini_data.links["status"] != "open"]
    years = mini_data.links.loc[planned, "open_year"].dropna()
    assert len(years), "the fixture needs a planned link with a year"
    lid, year = years.index[0], int(years.iloc[0])
    before = maps.overview_map(mini_data, year=year - 1)
    after = maps.overview_map(mini_data, year=year)
    inactive = t("layer_inactive", "zh")

    def layer_of(m):
        return {f["properties"].get("id"): layer.layer_name for layer in _layers(m) for f in layer.data["features"]}

    assert layer_of(before)[lid] == inactive
    assert layer_of(after)[lid] != inactive
    hidden = [layer for layer in _layers(before) if layer.layer_name == inactive]
    assert hidden and not hidden[0].show


def test_accepts_existing_map_and_bilingual_layer_names(mini_data):
    m = folium.Map(tiles=None)
    out = maps.overview_map(mini_data, m=m, lang="en")
    assert out is m
    names = {layer.layer_name for layer in _layers(m)}
    assert t("layer_rail", "en") in names and t("layer_rail", "zh") not in names
    with pytest.raises(ValueError, match="language"):
        maps.overview_map(mini_data, lang="fr")


def test_inline_asset_href_unknown_mode():
    assert asset_href("leaflet/leaflet.css", "inline").startswith("data:text/css;base64,")
    with pytest.raises(ValueError, match="asset mode"):
        asset_href("leaflet/leaflet.css", "cdn")  # type: ignore[arg-type]


def test_popups_can_be_left_out_so_clicks_reach_the_map(mini_data):
    with_popups = _features(maps.overview_map(mini_data))
    without = maps.overview_map(mini_data, popups=False)
    feats = [f for layer in _layers(without) for f in layer.data["features"]]
    assert feats and not any("popup" in f["properties"] for f in feats)
    assert any("popup" in f["properties"] for f in with_popups.values())
    assert all("tip" in f["properties"] for f in feats
               if "id" in f["properties"] and not f["properties"].get("schematic_mark"))


# ------------------------------------------------------------------------------------- result layers


def test_route_layer_draws_every_leg_with_shape(mini_data, mini_net):
    from wuzhen_geo.model.routing import route

    airport = mini_data.places.index[mini_data.places["kind"] == "airport"][0]
    trip = route(mini_net, mini_data.zones.index[0], airport, mode="rail")
    m = maps.route_layer(trip, m=maps.base_map(lang="en"), lang="en", data=mini_data)
    layer = _layers(m)[-1]
    lines = [f for f in layer.data["features"] if f["geometry"]["type"] == "LineString"]
    shaped = [leg for leg in trip.legs if leg.geometry is not None]
    assert len(lines) == 2 * len(shaped)  # a halo and a line per leg
    rail = [leg for leg in shaped if leg.mode == "rail"]
    assert rail, "the rail trip must ride a train"
    colours = {f["properties"]["style"]["color"] for f in lines}
    assert maps.CLASS_COLORS[mini_data.links.at[rail[0].line_id, "class"]] in colours
    ends = [f for f in layer.data["features"] if f["geometry"]["type"] == "Point"]
    assert len(ends) == 2 and f"{trip.minutes:.0f}" in ends[0]["properties"]["tip"]
    # each leg's tooltip is its step's sentence: the drive names main roads, never a connector
    drive = next(leg for leg in shaped if leg.mode == "car")
    car_colour = next(f["properties"]["style"]["color"] for f in lines  # the line, not its white halo
                      if f["properties"]["tip"].startswith(f"Drive {drive.minutes:.0f} min")
                      and f["properties"]["style"]["color"] != "#ffffff")
    car_tip = next(f["properties"]["tip"] for f in lines if f["properties"]["style"]["color"] == car_colour)
    # the drive's colour is far from that of every train and coach class (a blue drive read as the metro)
    rgb = [int(car_colour[i:i + 2], 16) for i in (1, 3, 5)]
    for cls in ("hsr", "conventional", "intercity", "suburban", "metro", "airport_coach", "intercity_coach"):
        other = [int(maps.CLASS_COLORS[cls][i:i + 2], 16) for i in (1, 3, 5)]
        assert sum((a - b) ** 2 for a, b in zip(rgb, other)) ** 0.5 > 100, (cls, car_colour)
    assert car_tip.startswith(f"Drive {drive.minutes:.0f} min")
    for lid in trip.link_ids:
        if lid in mini_data.links.index and mini_data.links.at[lid, "class"] == "connector":
            assert html.escape(mini_data.links.at[lid, "name_en"]) not in car_tip
    ride = next(f["properties"]["tip"] for f in lines
                if f["properties"]["style"]["color"] == maps.CLASS_COLORS[mini_data.links.at[rail[0].line_id, "class"]])
    assert ride.startswith("Take " + html.escape(rail[0].line_name))


def test_isochrone_layer_puts_nearer_rings_on_top(mini_data, mini_net):
    from wuzhen_geo.answers import isochrone_polygons, travel_time_surface

    polys = isochrone_polygons(travel_time_surface(mini_net, mini_data.zones.index[0], mode="best", cells=2_000))
    m = maps.isochrone_layer(polys, m=maps.base_map(), lang="zh")
    feats = _layers(m)[-1].data["features"]
    drawn = [float(re.search(r"(\d+)", f["properties"]["tip"]).group(1)) for f in feats]
    assert drawn == sorted(drawn, reverse=True)  # largest first, so the 30-min ring is drawn last (on top)
    assert len({f["properties"]["style"]["fillColor"] for f in feats}) == len(feats)
    legend = m._children["wz_legend_isochrones"]
    for f in feats:  # every ring's colour is explained
        assert f["properties"]["style"]["fillColor"] in legend.html


def test_difference_colours_follow_the_sign():
    from wuzhen_geo.maps.layers import difference_color

    assert difference_color(0.2) == difference_color(-0.2) == "#999999"
    faster, slower = difference_color(-20), difference_color(20)
    assert int(faster[3:5], 16) > int(faster[1:3], 16)  # more green than red
    assert int(slower[1:3], 16) > int(slower[3:5], 16)  # more red than green
    assert difference_color(-60) == difference_color(-90)  # saturates


def test_difference_layer_marks_each_destination(mini_data):
    import pandas as pd

    zone = mini_data.zones.index[0]
    dests = list(mini_data.places.index[:3])
    table = pd.DataFrame({"from_id": zone, "to_id": dests, "before": [50.0, 40.0, 30.0],
                          "after": [30.0, 40.0, 45.0], "difference": [-20.0, 0.0, 15.0], "causes_text": "x"})
    m = maps.difference_layer(table, mini_data, m=maps.base_map(lang="en"), lang="en")
    feats = {f["properties"]["id"]: f for f in _layers(m)[-1].data["features"]}
    assert set(feats) == {f"diff_{d}" for d in dests}
    from wuzhen_geo.maps.layers import difference_color

    for d, diff in zip(dests, table["difference"]):
        assert feats[f"diff_{d}"]["properties"]["style"]["fillColor"] == difference_color(diff)
    assert "-20 min" in feats[f"diff_{dests[0]}"]["properties"]["tip"]


def test_draw_control_uses_the_shipped_leaflet_draw(mini_data):
    m = maps.overview_map(mini_data)
    maps.draw_control(m)
    page = m.get_root().render()
    refs = _asset_refs(page)
    assert STATIC_URL + "/leaflet-draw/leaflet.draw.js" in refs
    assert STATIC_URL + "/leaflet-draw/leaflet.draw.css" in refs
    assert all(r.startswith(STATIC_URL) for r in refs)
    assert "alert(" not in page  # folium's default would alert() the drawn GeoJSON on click
    # the layer control still comes after every layer (it is created from them)
    kids = list(m._children.values())
    assert isinstance(kids[-1], (folium.LayerControl, folium.plugins.Draw))
    last_layer = max(i for i, c in enumerate(kids) if isinstance(c, maps.VectorLayer))
    assert max(i for i, c in enumerate(kids) if isinstance(c, folium.LayerControl)) > last_layer


def test_labels_are_short_bilingual_and_decluttered_by_priority(mini_data):
    m = maps.overview_map(mini_data, lang="en", labels=True, label_kinds=["airport", "city_centre", "station"])
    feats = _features(m)
    for zid, row in mini_data.zones.iterrows():
        label = feats[zid]["properties"]["label"]
        assert "Internet" not in label and not label.lower().endswith("zone")  # short, the tooltip has the rest
        assert row["name_zh"].removeprefix("互联网") in label  # both languages
        assert feats[zid]["properties"]["label_class"] == "wz-label-zone"
    for pid, row in mini_data.places[mini_data.places["kind"].isin(["airport", "city_centre", "station"])].iterrows():
        assert feats[pid]["properties"]["label_class"] == f"wz-label-{row['kind']}"
    page = m.get_root().render()
    # the browser-side declutter: priorities, the zone zoom threshold and the hide class are on the page
    prio = re.search(r"var prio = (\{.*?\});", page)
    assert prio and json.loads(prio.group(1)) == maps.LABEL_PRIORITY
    assert f"zoom < {maps.ZONE_LABEL_MIN_ZOOM}" in page
    assert ".leaflet-tooltip.wz-label.wz-hidden { visibility: hidden; }" in page
    assert maps.LABEL_PRIORITY["wz-label-zone"] > max(maps.LABEL_PRIORITY["wz-label-airport"],
                                                      maps.LABEL_PRIORITY["wz-label-city_centre"])
    unlabelled = maps.overview_map(mini_data, lang="en").get_root().render()
    assert "querySelectorAll(\".leaflet-tooltip.wz-label\")" not in unlabelled  # no labels, no declutter


def test_legend_folds_when_asked_and_on_a_narrow_map(mini_data):
    def page(**kw) -> str:  # the legend HTML sits in a JSON string with < and > escaped
        text = maps.overview_map(mini_data, lang="en", **kw).get_root().render()
        return text.replace("\\u003c", "<").replace("\\u003e", ">")

    opened, folded = page(), page(legend_collapsed=True)
    assert "<details open>" in opened and "<details open>" not in folded
    assert "<details>" in folded and t("legend_hint", "en") in folded  # the title says it opens on a click
    for page in (opened, folded):  # folded on a map too narrow for it to leave the map readable
        assert re.search(r"getSize\(\)\.x < (\d+)\) \{\s*details\.open = false;", page).group(1) == \
            str(maps.style.NETWORK_LEGEND_FOLD_BELOW_PX)


def test_initial_view_frames_zones_cities_and_airports(mini_data):
    m = maps.overview_map(mini_data, lang="en")
    keep = mini_data.places[mini_data.places["kind"].isin(["airport", "city_centre"])]
    xs = [b for g in list(keep.geometry) + list(mini_data.zones.geometry) for b in (g.bounds[0], g.bounds[2])]
    ys = [b for g in list(keep.geometry) + list(mini_data.zones.geometry) for b in (g.bounds[1], g.bounds[3])]
    page = m.get_root().render()
    fit = re.search(r"var bounds = (\[\[.*?\]\]), options = .*?map\.fitBounds\(bounds", page, re.S)
    assert fit, "the map sets its initial view"
    (s, w), (n, e) = json.loads(fit.group(1))
    assert (s, w, n, e) == pytest.approx((min(ys), min(xs), max(ys), max(xs)))


def test_route_end_markers_name_the_ends_in_the_maps_language(mini_data, mini_net):
    """On the Chinese airports page the start and end markers said "HQ and convention zone access" and "Wuxi
    Sunan Shuofang International Airport" while the steps beside them were in Chinese."""
    from wuzhen_geo.model.routing import route

    airport = mini_data.places.index[mini_data.places["kind"] == "airport"][0]
    trip = route(mini_net, mini_data.zones.index[0], airport, mode="car")
    for lang, first, last in (("zh", trip.legs[0].from_name_zh, trip.legs[-1].to_name_zh),
                              ("en", trip.legs[0].from_name, trip.legs[-1].to_name)):
        layer = _layers(maps.route_layer(trip, m=maps.base_map(lang=lang), lang=lang, data=mini_data))[-1]
        tips = [f["properties"]["tip"] for f in layer.data["features"] if f["geometry"]["type"] == "Point"]
        assert first and last and first != last
        assert tips[0].startswith(f"<b>{html.escape(first)}</b>") and tips[1].startswith(f"<b>{html.escape(last)}</b>")
