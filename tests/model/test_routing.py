"""Routes, legs and invariants: hand-computed toy answers and properties of the mini fixture."""

from __future__ import annotations

import itertools
import math

import geopandas as gpd
import networkx as nx
import pytest
from shapely.geometry import Point as ShapelyPoint

from tests.toy import place, rail, road, toy_data, walk
from wuzhen_geo.model.config import DEFAULT_CONFIG
from wuzhen_geo.errors import UnknownPlaceError, UnreachableError
from wuzhen_geo.vocabulary import METRIC_CRS
from wuzhen_geo.model.network import build_network, layer1
from wuzhen_geo.model import Point, one_to_all, origin_id, route, travel_time_matrix
from wuzhen_geo.model.scenarios import RemoveLink, Scenario

CFG = DEFAULT_CONFIG


# ----------------------------------------------------------------------------------------- toy answers

# a - b by arterial (10 km), b - s1 by connector (2 km); s1 -L1- s2 -L2- s3 (hsr, 30 km each); s3 - c by road
POS = {"a": (120.00, 30.0), "b": (120.10, 30.0), "s1": (120.12, 30.0), "s2": (120.40, 30.0),
       "s3": (120.70, 30.0), "c": (120.72, 30.0)}


def _toy():
    places = [place(k, *v, kind="station", station_class="hsr") if k.startswith("s") else place(k, *v)
              for k, v in POS.items()]
    links = [
        road("rd_ab", ["a", "b"], POS, length_km=10.0),
        road("rd_bs1", ["b", "s1"], POS, cls="connector", length_km=2.0),
        road("rd_s3c", ["s3", "c"], POS, cls="connector", length_km=2.0),
        rail("rl_1", ["s1", "s2"], POS, headway=20, length_km=30.0),
        rail("rl_2", ["s2", "s3"], POS, headway=60, length_km=30.0),
    ]
    return toy_data(places, links)


def test_toy_car_time_is_length_over_class_speed():
    net = build_network(_toy())
    trip = route(net, "a", "s1", mode="car")
    expected = 10 / CFG.road_speed("arterial") * 60 + 2 / CFG.road_speed("connector") * 60
    assert trip.minutes == pytest.approx(expected)
    assert trip.km == pytest.approx(12.0)
    assert [leg.mode for leg in trip.legs] == ["car"]


def test_toy_rail_trip_with_transfer_pays_one_check_and_a_transfer_penalty():
    net = build_network(_toy())
    trip = route(net, "a", "c", mode="rail")
    drive_in = 10 / CFG.road_speed("arterial") * 60 + 2 / CFG.road_speed("connector") * 60
    ride = 30 / CFG.rail_speed("hsr") * 60 + CFG.start_stop("hsr")  # one run: start/stop time once
    expected = (
        drive_in
        + CFG.processing("hsr") + CFG.wait(20) + ride  # first train
        + CFG.wait(60) + CFG.transfer_penalty_min + ride  # change at s2, no second check
        + CFG.egress("hsr") + 2 / CFG.road_speed("connector") * 60
    )
    assert trip.minutes == pytest.approx(expected)
    assert [leg.mode for leg in trip.legs] == ["car", "processing", "wait", "rail", "wait", "rail", "walk", "car"]
    rides = [leg for leg in trip.legs if leg.mode == "rail"]
    assert [leg.line_id for leg in rides] == ["rl_1", "rl_2"]
    assert [(leg.from_id, leg.to_id) for leg in rides] == [("s1", "s2"), ("s2", "s3")]
    assert sum(leg.minutes for leg in trip.legs) == pytest.approx(trip.minutes)
    assert sum(leg.km for leg in trip.legs) == pytest.approx(trip.km) == pytest.approx(10 + 2 + 30 + 30 + 2)


def test_toy_wait_is_capped():
    assert CFG.wait(60) == CFG.max_wait_min and CFG.wait(10) == 5


def test_dwell_is_paid_at_intermediate_stops_only():
    pos = {"x": (120.0, 30.0), "y": (120.3, 30.0), "z": (120.6, 30.0)}
    places = [place(k, *v, kind="station", station_class="metro") for k, v in pos.items()]
    data = toy_data(places, [rail("rl_m", ["x", "y", "z"], pos, cls="metro", headway=6, length_km=20.0)])
    net = build_network(data)
    km_xy = net.graph.edges[("dep", "rl_m", 1, 0), ("arr", "rl_m", 1, 1)]["km"]
    run = 20 / CFG.rail_speed("metro") * 60 + 2 * CFG.start_stop("metro")  # two runs, each starts and stops
    through = route(net, "x", "z", mode="rail").minutes
    assert through == pytest.approx(CFG.processing("metro") + CFG.wait(6) + run + CFG.dwell("metro") + CFG.egress("metro"))
    one_stop = route(net, "x", "y", mode="rail").minutes
    assert one_stop == pytest.approx(CFG.processing("metro") + CFG.wait(6) + km_xy / CFG.rail_speed("metro") * 60
                                     + CFG.start_stop("metro") + CFG.egress("metro"))


def test_rail_mode_needs_a_train_and_car_mode_ignores_rail():
    pos = {"a": (120.0, 30.0), "b": (120.1, 30.0)}
    data = toy_data([place(k, *v) for k, v in pos.items()], [road("rd_ab", ["a", "b"], pos)])
    net = build_network(data)
    with pytest.raises(UnreachableError, match="rail"):
        route(net, "a", "b", mode="rail")
    assert route(net, "a", "b", mode="best").mode == "car"
    pos2 = {"s": (120.0, 30.0), "t": (120.5, 30.0)}
    only_rail = toy_data([place(k, *v, kind="station", station_class="hsr") for k, v in pos2.items()],
                         [rail("rl", ["s", "t"], pos2)])
    net2 = build_network(only_rail)
    with pytest.raises(UnreachableError, match="car"):
        route(net2, "s", "t", mode="car")
    assert route(net2, "s", "t").mode == "rail"


# -------------------------------------------------------------------------------------- mini fixture


def test_express_service_skips_tongxiang_and_is_chosen_when_faster(mini_net, mini_data):
    # Tongxiang -> Hangzhou East can only use the stopping service
    t = route(mini_net, "stn_tongxiang", "stn_hangzhou_east", mode="rail")
    assert [leg.line_id for leg in t.legs if leg.mode == "rail"] == ["rl_hsr_stopping"]
    # Jiaxing South -> Hangzhou East: the express waits 10 min, the stopping one 15 plus a dwell
    t = route(mini_net, "stn_jiaxing_south", "stn_hangzhou_east", mode="rail")
    rides = [leg for leg in t.legs if leg.mode == "rail"]
    assert [leg.line_id for leg in rides] == ["rl_hsr_express"]
    waits = [leg.minutes for leg in t.legs if leg.mode == "wait"]
    assert waits == [pytest.approx(CFG.wait(20))]


def test_car_trip_to_airport_pays_kerb_time_and_rail_trip_does_not(mini_net):
    car = route(mini_net, "city_hangzhou", "apt_hgh", mode="car")
    assert car.legs[-1].mode == "walk" and car.legs[-1].minutes == pytest.approx(CFG.airport_car_min)
    rail = route(mini_net, "stn_hangzhou_east", "apt_hgh", mode="rail")
    assert [leg.mode for leg in rail.legs] == ["walk", "processing", "wait", "rail", "walk", "walk"]
    assert rail.legs[-1].line_id == "tr_hgh_metro"


def test_legs_add_up_and_chain(mini_net):
    for mode in ("car", "rail", "best"):
        t = route(mini_net, "zone_hq", "apt_hgh", mode=mode)
        assert sum(leg.minutes for leg in t.legs) == pytest.approx(t.minutes)
        for a, b in zip(t.legs, t.legs[1:]):
            assert a.to_id == b.from_id
        assert t.legs[0].from_id == "zacc_hq" and t.legs[-1].to_id == "apt_hgh"
        gj = t.to_geojson()
        assert gj["type"] == "FeatureCollection" and gj["features"]
        assert t.geometry.length > 0


def test_path_cost_recomputed_from_graph_edges(mini_net):
    g = mini_net.graph
    t = route(mini_net, "zacc_culture", "city_hangzhou", mode="car")
    weight = lambda u, v, d: d["minutes"] if d["car"] else None  # noqa: E731
    path = nx.dijkstra_path(g, "zacc_culture", "city_hangzhou", weight=weight)
    assert t.minutes == pytest.approx(sum(g.edges[u, v]["minutes"] for u, v in zip(path, path[1:])))


def test_point_origin_joins_k_nearest_road_nodes(mini_net, mini_data):
    pt = Point(120.515, 30.70)
    trip = route(mini_net, pt, "city_hangzhou", mode="car")
    # independent recomputation: metric distances to every road node, access minutes, plus the car time
    places = mini_data.places.loc[[n for n in mini_net.road_nodes if isinstance(n, str)]]
    metric = places.geometry.to_crs(METRIC_CRS)
    here = gpd.GeoSeries([ShapelyPoint(pt.lon, pt.lat)], crs="EPSG:4326").to_crs(METRIC_CRS).iloc[0]
    dist = metric.distance(here).sort_values().iloc[: CFG.access_k]
    best = min(
        m * CFG.access_detour_factor / 1000 / CFG.access_speed_kmh * 60
        + route(mini_net, pid, "city_hangzhou", mode="car").minutes
        for pid, m in dist.items()
    )
    assert trip.minutes == pytest.approx(best)
    assert trip.legs[0].from_id == pt.label and trip.legs[0].line_name.startswith("local access")
    before = (mini_net.graph.number_of_nodes(), mini_net.graph.number_of_edges())
    one_to_all(mini_net, pt, mode="best")
    assert (mini_net.graph.number_of_nodes(), mini_net.graph.number_of_edges()) == before


def test_zone_resolves_to_its_access_place(mini_net):
    assert route(mini_net, "zone_culture", "city_wuzhen", mode="car").minutes == pytest.approx(
        route(mini_net, "zacc_culture", "city_wuzhen", mode="car").minutes
    )


def test_unknown_place_suggests(mini_net):
    with pytest.raises(UnknownPlaceError) as err:
        route(mini_net, "city_wuzen", "apt_hgh")
    assert "city_wuzhen" in err.value.suggestions


def test_bad_mode(mini_net):
    with pytest.raises(ValueError, match="mode"):
        route(mini_net, "city_wuzhen", "apt_hgh", mode="bike")  # type: ignore[arg-type]


# ------------------------------------------------------------------------------------------ invariants


def _car_times(net):
    ids = sorted(p for p in net.place_ids if p in net.road_nodes or ("kerb", 0, p) in net.road_nodes)
    m = travel_time_matrix(net, ids, ids, mode="car")
    return ids, {(r.from_id, r.to_id): r.minutes for r in m.itertuples()}


def test_symmetric_roads_give_symmetric_car_times(mini_net):
    ids, t = _car_times(mini_net)
    for a, b in itertools.combinations(ids, 2):
        assert t[a, b] == pytest.approx(t[b, a])


def test_car_times_obey_the_triangle_inequality(mini_net):
    ids, t = _car_times(mini_net)
    for a, b, c in itertools.permutations(ids, 3):
        assert t[a, c] <= t[a, b] + t[b, c] + 1e-9


@pytest.mark.parametrize("link_id", ["rd_expressway", "rd_wuzhen_ave", "rl_hsr_express", "tr_hz_east", "rl_metro"])
def test_closing_a_link_never_makes_a_trip_faster(mini_data, mini_net, link_id):
    closed = build_network(mini_data, Scenario(name="closed", edits=(RemoveLink(link_id),)))
    for mode in ("car", "rail", "best"):
        before = travel_time_matrix(mini_net, ["zacc_hq", "city_hangzhou"], mode=mode)
        after = travel_time_matrix(closed, ["zacc_hq", "city_hangzhou"], mode=mode)
        assert (after.minutes.to_numpy() >= before.minutes.to_numpy() - 1e-9).all()


def test_fast_path_equals_networkx_on_the_fixture(mini_net):
    for origin in [*mini_net.place_ids, "zone_hq", Point(120.47, 30.69)]:
        for mode in ("car", "rail", "best"):
            fast = one_to_all(mini_net, origin, mode=mode)
            ref = one_to_all(mini_net, origin, mode=mode, engine="networkx")
            assert fast.index.equals(ref.index)
            both_inf = (fast == math.inf) & (ref == math.inf)
            assert ((fast - ref).abs()[~both_inf] < 1e-9).all()


def test_route_and_one_to_all_agree(mini_net):
    times = one_to_all(mini_net, "zacc_hq", mode="rail")
    for pid, minutes in times.items():
        if math.isfinite(minutes):
            assert route(mini_net, "zacc_hq", pid, mode="rail").minutes == pytest.approx(minutes)


def test_matrix_shape_and_point_destination(mini_net):
    m = travel_time_matrix(mini_net, ["zone_hq", "zone_culture"], ["apt_hgh", Point(120.2, 30.28)], mode="best")
    assert list(m.columns) == ["from_id", "to_id", "mode", "minutes"]
    assert len(m) == 4
    pt_time = m.loc[(m.from_id == "zone_hq") & (m.to_id == origin_id(Point(120.2, 30.28))), "minutes"].item()
    assert pt_time == pytest.approx(route(mini_net, "zone_hq", Point(120.2, 30.28), mode="best").minutes)


def test_rail_layer_nodes_exist_for_every_place(mini_net):
    for pid in mini_net.place_ids:
        assert layer1(pid) in mini_net.graph


def test_route_fast_and_networkx_engines_agree(mini_net):
    origins = ["zacc_hq", "zacc_culture", "city_hangzhou", Point(120.47, 30.69)]
    for o in origins:
        for d in ["apt_hgh", "stn_tongxiang", "city_wuzhen", Point(120.2, 30.28)]:
            for mode in ("car", "rail", "best"):
                try:
                    fast = route(mini_net, o, d, mode=mode)
                except UnreachableError:
                    with pytest.raises(UnreachableError):
                        route(mini_net, o, d, mode=mode, engine="networkx")
                    continue
                ref = route(mini_net, o, d, mode=mode, engine="networkx")
                assert fast.minutes == pytest.approx(ref.minutes)
                assert sum(leg.minutes for leg in fast.legs) == pytest.approx(fast.minutes)


def test_place_outside_the_scenario_is_unreachable_not_unknown(mini_net):
    with pytest.raises(UnreachableError, match="stn_hgh_hsr.*not in scenario"):
        route(mini_net, "city_wuzhen", "stn_hgh_hsr")


def test_fast_path_equals_networkx_on_the_shipped_network(shipped_data, shipped_net):
    shipped = shipped_net
    for zone in shipped_data.zones.index:
        for mode in ("car", "rail", "best"):
            fast = one_to_all(shipped, zone, mode=mode)
            ref = one_to_all(shipped, zone, mode=mode, engine="networkx")
            finite = (fast != math.inf) | (ref != math.inf)
            assert ((fast - ref).abs()[finite] < 1e-9).all()


def test_trip_to_itself_by_car_is_empty(mini_net):
    t = route(mini_net, "city_wuzhen", "city_wuzhen", mode="car")
    assert t.minutes == 0 and t.legs == () and t.geometry.is_empty


def test_every_rail_trip_rides_a_train_and_every_car_trip_only_drives(mini_net):
    ids = mini_net.place_ids
    for a in ids:
        for b in ids:
            try:
                rail_trip = route(mini_net, a, b, mode="rail")
            except UnreachableError:
                rail_trip = None
            if rail_trip is not None:
                assert any(leg.mode == "rail" for leg in rail_trip.legs)
            try:
                car_trip = route(mini_net, a, b, mode="car")
            except UnreachableError:
                continue
            # driving, plus the kerb time at an airport end
            assert all(leg.mode == "car" or leg.line_name == "drop-off / car park" for leg in car_trip.legs)
