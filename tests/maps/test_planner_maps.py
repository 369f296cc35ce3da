"""Map layers of the planner: the travel-time difference bands with their legend, and the added link
highlighted; names are escaped like every text on the maps."""

from __future__ import annotations

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
