"""Map layers of the planner: the travel-time difference bands with their legend, and the added link
highlighted; names are escaped like every text on the maps."""

from __future__ import annotations

import json
import math

import geopandas as gpd
from shapely.geometry import box

from wuzhen_geo import maps
from wuzhen_geo.maps.layers import difference_color
from wuzhen_geo.model import AddLink


def _features(m) -> list[dict]:
    layers = [c for c in m._children.values() if isinstance(c, maps.VectorLayer)]
    return layers[-1].data["features"]


def test_difference_surface_layer_colours_and_names_each_band():
    bands = gpd.GeoDataFrame({"min_minutes": [-math.inf, 5.0], "max_minutes": [-30.0, 15.0], "area_km2": [1.0, 2.0]},
                             geometry=[box(120.4, 30.6, 120.5, 30.7), box(120.6, 30.6, 120.7, 30.7)], crs="EPSG:4326")
    m = maps.difference_surface_layer(bands, m=maps.base_map(lang="en"), lang="en")
    tips = [f["properties"]["tip"] for f in _features(m)]
    colors = [f["properties"]["style"]["fillColor"] for f in _features(m)]
    assert tips == ["over 30 min faster", "5–15 min slower"]
    assert colors == [difference_color(-35), difference_color(10)]
    page = m.get_root().render()
    assert "Travel time change (after \\u2212 before)" in page  # the legend names what the colours mean
    zh = maps.difference_surface_layer(bands, m=maps.base_map(lang="zh"), lang="zh")
    assert [f["properties"]["tip"] for f in _features(zh)] == ["快 30 分钟以上", "慢 5–15 分钟"]


def test_highlight_links_draws_the_new_link_with_its_name_escaped(mini_data):
    probe = "<img src=x onerror=alert(1)>"
    link = AddLink(id="rl_custom_1", mode="rail", cls="intercity", stops=("city_wuzhen", (120.6, 30.65)),
                   name_en=probe)
    feats = _features(maps.highlight_links([link], mini_data, m=maps.base_map(lang="en"), lang="en"))
    assert len(feats) == 2  # a white halo and the bright line
    assert {f["properties"]["tip"] for f in feats} == {"&lt;img src=x onerror=alert(1)&gt;"}
    wuzhen = mini_data.places.geometry["city_wuzhen"]
    assert feats[1]["geometry"]["coordinates"] == [[round(wuzhen.x, 5), round(wuzhen.y, 5)], [120.6, 30.65]]
    unnamed = AddLink(id="rl_custom_2", mode="rail", cls="intercity", stops=("city_wuzhen", "stn_tongxiang"))
    assert _features(maps.highlight_links([unnamed], mini_data, m=maps.base_map(lang="zh"), lang="zh"))[0][
        "properties"]["tip"] == "rl_custom_2"


def _script_key(m) -> str:
    """What makes the map component reload when it changes: the map's own script (as ``st_folium`` hashes it,
    generated names aside)."""
    import re

    m.get_root().render()
    return re.sub(r"_[0-9a-f]{32}", "", m.get_root().script.render())


def test_the_planner_base_is_the_same_for_every_scenario_and_the_network_travels_apart(mini_data):
    from wuzhen_geo.model import Scenario, apply_edit

    today = Scenario(name="today", year=2026)
    link = AddLink(id="rl_custom_1", mode="rail", cls="intercity", stops=tuple(mini_data.places.index[:2]),
                   speed_kmh=200.0, headway_min=30.0, name_en="<b>My</b> link")
    after = apply_edit(today, link, mini_data)
    bases = [maps.difference_legend(maps.overview_map(mini_data, scenario=s, lang="en", legend=False, network=False),
                                    lang="en") for s in (today, after)]
    assert _script_key(bases[0]) == _script_key(bases[1])
    assert not [c for c in bases[0]._children.values()
                if isinstance(c, maps.VectorLayer) and c.layer_name in ("Roads", "Railways")]
    groups = [maps.network_layers(mini_data, scenario=s, lang="en") for s in (today, after)]
    ids = [{f["properties"].get("id") for c in g._children.values() if isinstance(c, maps.VectorLayer)
            for f in c.data["features"]} for g in groups]
    assert "rl_custom_1" not in ids[0] and "rl_custom_1" in ids[1]
    # the full overview draws the same network as the group
    full = maps.overview_map(mini_data, scenario=after, lang="en")
    full_ids = {f["properties"].get("id") for c in full._children.values() if isinstance(c, maps.VectorLayer)
                for f in c.data["features"]}
    assert ids[1] <= full_ids


def test_a_sketch_is_cleared_when_the_dynamic_group_is_drawn(mini_data):
    base = maps.overview_map(mini_data, lang="en", network=False)
    maps.draw_control(base, lang="en")
    page = base.get_root().render()
    assert '"className": "wz-sketch"' in page or '"className":"wz-sketch"' in page
    group = maps.clear_sketches(maps.network_layers(mini_data, year=2026, lang="en"))
    group.add_to(base)
    script = base.get_root().render()
    assert "wz-sketch" in script and "removeLayer" in script


def test_the_surface_legend_lists_every_band_of_the_breaks():
    m = maps.difference_surface_legend(maps.base_map(lang="en"), lang="en")
    page = m.get_root().render()
    for text in ("over 30 min faster", "15–30 min faster", "5–15 min faster", "5–15 min slower",
                 "15–30 min slower", "over 30 min slower"):
        assert json.dumps(text)[1:-1] in page, text  # the legend's HTML is a JSON string in the page
