"""Graph construction: lengths, speeds, connectivity only through shared nodes, rail service patterns."""

from __future__ import annotations

import geopandas as gpd
import pytest
from shapely.geometry import LineString, Point

from tests.toy import place, rail, road, toy_data, walk
from wuzhen_geo.model.config import DEFAULT_CONFIG, ModelConfig
from wuzhen_geo.vocabulary import METRIC_CRS
from wuzhen_geo.model.network import build_network, layer1
from wuzhen_geo.model.scenarios import Scenario


def _metric_km_between(line_wgs, a_wgs, b_wgs) -> float:
    """Independent measure: project line and points to UTM 51N, distance along the line between them."""
    s = gpd.GeoSeries([line_wgs, Point(a_wgs), Point(b_wgs)], crs="EPSG:4326").to_crs(METRIC_CRS)
    line, a, b = s.iloc[0], s.iloc[1], s.iloc[2]
    return abs(line.project(b) - line.project(a)) / 1000.0


def test_road_edge_length_and_time_follow_geometry_and_class_speed(mini_data, mini_net):
    link = mini_data.links.loc["rd_wuzhen_ave"]
    a, b = link["nodes"][1], link["nodes"][2]
    km = _metric_km_between(link.geometry, mini_data.places.loc[a].geometry.coords[0],
                            mini_data.places.loc[b].geometry.coords[0])
    # a stretch drawn as a bare chord (no vertex between its nodes) is lengthened by the class circuity
    s = gpd.GeoSeries([link.geometry, Point(mini_data.places.loc[a].geometry.coords[0]),
                       Point(mini_data.places.loc[b].geometry.coords[0])], crs="EPSG:4326").to_crs(METRIC_CRS)
    lo, hi = sorted((s.iloc[0].project(s.iloc[1]), s.iloc[0].project(s.iloc[2])))
    between = [v for v in s.iloc[0].coords if lo + 1 < s.iloc[0].project(Point(v)) < hi - 1]
    if not between:
        km *= DEFAULT_CONFIG.road_chord_circuity["arterial"]
    edge = mini_net.graph.edges[a, b]
    assert edge["km"] == pytest.approx(km, rel=1e-6)
    assert edge["minutes"] == pytest.approx(km / DEFAULT_CONFIG.road_speed_kmh["arterial"] * 60, rel=1e-6)
    assert edge["mode"] == "road" and edge["link_id"] == "rd_wuzhen_ave"
    # the same road exists in the "has ridden rail" layer, both directions
    assert mini_net.graph.edges[layer1(b), layer1(a)]["minutes"] == pytest.approx(edge["minutes"])


def test_link_speed_overrides_class_default(mini_data):
    net = build_network(mini_data, config=DEFAULT_CONFIG.replace(congestion=()))  # no urban-core slowdown here
    edge = net.graph.edges["ic_hz_north", ("kerb", 0, "apt_hgh")]
    assert edge["minutes"] == pytest.approx(edge["km"] / 70.0 * 60)  # rd_airport has speed_kmh 70


def test_length_km_scales_measured_length():
    pos = {"a": (120.0, 30.0), "b": (120.05, 30.0), "c": (120.15, 30.0)}
    data = toy_data([place(k, *v) for k, v in pos.items()], [road("rd_x", ["a", "b", "c"], pos, length_km=30.0)])
    g = build_network(data).graph
    ab, bc = g.edges["a", "b"]["km"], g.edges["b", "c"]["km"]
    assert ab + bc == pytest.approx(30.0)
    assert ab / bc == pytest.approx(1 / 2, rel=1e-3)  # the split follows the geometry (0.05 vs 0.10 degrees)


def test_expressway_is_entered_only_at_its_interchanges(mini_data, mini_net):
    g = mini_net.graph
    expressway_nodes = set(mini_data.links.loc["rd_expressway", "nodes"])
    for u, v, d in g.edges(data=True):
        if d.get("link_id") == "rd_expressway":
            assert {g.nodes[u]["place"], g.nodes[v]["place"]} <= expressway_nodes
    # the crossing road meets the expressway geometrically but shares no node with it
    cross = mini_data.links.loc["rd_cross"]
    assert cross.geometry.crosses(mini_data.links.loc["rd_expressway"].geometry)
    touching = {d["link_id"] for u, v, d in g.edges(data=True) if "jct_cross" in (u, v)}
    assert touching == {"rd_cross", "rd_wuzhen_ave"}


def test_rail_service_stops_only_at_its_nodes(mini_net):
    g = mini_net.graph
    stops = {g.nodes[n]["place"] for n in g if isinstance(n, tuple) and n[0] in ("dep", "arr") and n[1] == "rl_hsr_express"}
    assert stops == {"stn_jiaxing_south", "stn_hangzhou_east"}
    stops = {g.nodes[n]["place"] for n in g if isinstance(n, tuple) and n[0] in ("dep", "arr") and n[1] == "rl_hsr_stopping"}
    assert stops == {"stn_jiaxing_south", "stn_tongxiang", "stn_hangzhou_east"}


def test_planned_features_are_absent_today_and_present_in_their_year(mini_data, mini_net):
    today = mini_net
    assert "stn_hgh_hsr" not in today.graph
    assert not any(d.get("link_id") == "rl_airport_hsr" for _, _, d in today.graph.edges(data=True))
    later = build_network(mini_data, Scenario(name="y2028", year=2028))
    assert "stn_hgh_hsr" in later.graph
    assert any(d.get("link_id") == "rl_airport_hsr" for _, _, d in later.graph.edges(data=True))


def test_every_edge_has_the_contract_attributes(mini_net):
    for u, v, d in mini_net.graph.edges(data=True):
        assert d["minutes"] >= 0 and d["km"] >= 0
        assert d["mode"] in {"road", "rail", "walk", "board", "alight", "access"}
        assert "link_id" in d


def test_walk_link_takes_its_fixed_minutes(mini_net):
    assert mini_net.graph.edges["stn_hangzhou_east", "stn_hz_east_metro"]["minutes"] == 6
    assert mini_net.graph.edges[layer1("stn_hz_east_metro"), layer1("stn_hangzhou_east")]["minutes"] == 6


def test_building_does_not_mutate_the_data(mini_data):
    before_links = mini_data.links.drop(columns="geometry").astype(str).copy()
    before_geom = mini_data.links.geometry.copy()
    build_network(mini_data, Scenario(name="all", year=2040))
    assert mini_data.links.drop(columns="geometry").astype(str).equals(before_links)
    assert mini_data.links.geometry.equals(before_geom)


def test_config_is_frozen_hashable_and_replaceable():
    with pytest.raises(TypeError):
        DEFAULT_CONFIG.replace(no_such_field=1)
    faster = DEFAULT_CONFIG.replace(road_speed_kmh={**DEFAULT_CONFIG.road_speed_kmh, "arterial": 90})
    assert faster.road_speed("arterial") == 90 and DEFAULT_CONFIG.road_speed("arterial") != 90
    assert hash(faster) != hash(DEFAULT_CONFIG) and hash(ModelConfig()) == hash(DEFAULT_CONFIG)
    with pytest.raises(Exception):
        DEFAULT_CONFIG.year = 2000  # type: ignore[misc]
    with pytest.raises(TypeError):
        DEFAULT_CONFIG.road_speed_kmh["arterial"] = 1  # type: ignore[index]
    with pytest.raises(ValueError, match="road_speed_kmh"):
        ModelConfig(road_speed_kmh={"arterial": -5})
    import pickle

    assert pickle.loads(pickle.dumps(faster)) == faster


def test_unknown_class_names_the_config_field():
    pos = {"a": (120.0, 30.0), "b": (120.1, 30.0)}
    data = toy_data([place(k, *v) for k, v in pos.items()], [road("rd_x", ["a", "b"], pos, cls="motorway")])
    with pytest.raises(ValueError, match="road_speed_kmh"):
        build_network(data)


def test_two_links_between_the_same_nodes_keep_the_faster():
    pos = {"a": (120.0, 30.0), "b": (120.1, 30.0)}
    data = toy_data([place(k, *v) for k, v in pos.items()],
                    [road("rd_slow", ["a", "b"], pos, cls="local"), road("rd_fast", ["a", "b"], pos, cls="expressway")])
    assert build_network(data).graph.edges["a", "b"]["link_id"] == "rd_fast"


def test_oneway_road_has_no_reverse_edge():
    pos = {"a": (120.0, 30.0), "b": (120.1, 30.0)}
    data = toy_data([place(k, *v) for k, v in pos.items()], [road("rd_x", ["a", "b"], pos, oneway=True)])
    g = build_network(data).graph
    assert g.has_edge("a", "b") and not g.has_edge("b", "a")


def test_geometry_of_edges_is_the_piece_between_the_nodes(mini_data, mini_net):
    coords = mini_net.graph.edges["city_wuzhen", "jct_cross"]["coords"]
    line = LineString(coords)
    assert Point(coords[0]).distance(mini_data.places.loc["city_wuzhen"].geometry) < 1e-6
    assert Point(coords[-1]).distance(mini_data.places.loc["jct_cross"].geometry) < 1e-6
    assert line.length > 0


def test_metro_stop_reached_on_foot_is_not_a_road_node(mini_net):
    # the metro stop at Hangzhou East is reached on foot only; it is in the graph but not a road node
    assert "stn_hz_east_metro" in mini_net.graph
    assert "stn_hz_east_metro" not in mini_net.road_nodes
    assert "city_wuzhen" in mini_net.road_nodes
