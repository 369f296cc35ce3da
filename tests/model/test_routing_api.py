"""The public routing API: a trip's link and place ids, many destinations from one shortest-path tree, and the
trip building (trip ends, a trip from a path) that rail trips reuse."""

from __future__ import annotations

import itertools

import pytest

from tests.toy import place, rail, road, toy_data
from wuzhen_geo.model.config import DEFAULT_CONFIG
from wuzhen_geo.errors import UnknownPlaceError, UnreachableError
from wuzhen_geo.model.network import build_network
from wuzhen_geo.model import Point, is_after_train, origin_id, route, routes, trip_ends, trip_from_path
from wuzhen_geo.answers.comparison import trip_feature_ids

CFG = DEFAULT_CONFIG


def _searched_path_ids(net, origin, destination, trip) -> set[str]:
    """Links and places of the path found by running the router's search again, edge by edge."""
    from wuzhen_geo.model import routing

    car = trip.mode == "car"
    sources = routing.trip_ends(net, origin, layer=0)
    targets = routing.trip_ends(net, destination, layer=0 if car else 1)
    _, path, _, _ = routing._best_path(net, sources, targets, car=car)
    edges = [net.graph.edges[u, v] for u, v in zip(path, path[1:])]
    ids = trip_feature_ids(trip) | {str(e["link_id"]) for e in edges if e.get("link_id")}
    return ids | {str(net.graph.nodes[n]["place"]) for n in path if net.graph.nodes[n].get("place")}


def _is_subsequence(short, long) -> bool:
    it = iter(long)
    return all(any(x == y for y in it) for x in short)


# ------------------------------------------------------------------------------------------------ toy


def test_toy_rail_trip_lists_every_link_in_order_including_merged_roads():
    # a - b - s1 by road, s1 -L1- s2 -L2- s3 by train, s3 - c by road: the only way from a to c by rail
    pos = {"a": (120.00, 30.0), "b": (120.10, 30.0), "s1": (120.12, 30.0), "s2": (120.40, 30.0),
           "s3": (120.70, 30.0), "c": (120.72, 30.0)}
    places = [place(k, *v, kind="station", station_class="hsr") if k.startswith("s") else place(k, *v)
              for k, v in pos.items()]
    links = [road("rd_ab", ["a", "b"], pos), road("rd_bs1", ["b", "s1"], pos, cls="connector"),
             rail("rl_1", ["s1", "s2"], pos), rail("rl_2", ["s2", "s3"], pos),
             road("rd_s3c", ["s3", "c"], pos, cls="connector")]
    trip = route(build_network(toy_data(places, links)), "a", "c", mode="rail")
    assert trip.legs[0].mode == "car" and trip.legs[0].line_id is None  # two roads merged into one drive leg
    assert trip.link_ids == ("rd_ab", "rd_bs1", "rl_1", "rl_2", "rd_s3c")
    assert trip.place_ids == ("a", "b", "s1", "s2", "s3", "c")
    assert trip.feature_ids == frozenset(trip.link_ids) | frozenset(trip.place_ids)


def test_toy_car_trip_names_the_faster_of_two_roads():
    # a -> b directly on a local road, or a -> m -> b on an expressway: whichever the speeds make faster
    pos = {"a": (120.0, 30.0), "m": (120.05, 30.02), "b": (120.1, 30.0)}
    links = [road("rd_direct", ["a", "b"], pos, cls="local", length_km=10.0),
             road("rd_e1", ["a", "m"], pos, cls="expressway", length_km=6.0),
             road("rd_e2", ["m", "b"], pos, cls="expressway", length_km=6.0)]
    net = build_network(toy_data([place(k, *v) for k, v in pos.items()], links))
    direct = net.graph.edges["a", "b"]["minutes"]
    via_m = net.graph.edges["a", "m"]["minutes"] + net.graph.edges["m", "b"]["minutes"]
    assert direct != pytest.approx(via_m)  # the toy must have one fastest road
    trip = route(net, "a", "b", mode="car")
    if via_m < direct:
        assert trip.link_ids == ("rd_e1", "rd_e2") and trip.place_ids == ("a", "m", "b")
    else:
        assert trip.link_ids == ("rd_direct",) and trip.place_ids == ("a", "b")
    assert trip.minutes == pytest.approx(min(direct, via_m))


# ------------------------------------------------------------------------------------------ mini fixture

PAIRS = [("zone_hq", "apt_hgh"), ("city_wuzhen", "stn_hangzhou_east"), ("stn_jiaxing_south", "apt_hgh"),
         ("zacc_culture", "city_hangzhou")]


@pytest.mark.parametrize("mode", ["car", "rail", "best"])
def test_link_and_place_ids_follow_the_legs_and_the_data(mini_net, mini_data, mode):
    for origin, dest in PAIRS:
        try:
            trip = route(mini_net, origin, dest, mode=mode)
        except UnreachableError:
            continue
        assert set(trip.link_ids) <= set(mini_data.links.index)
        assert set(trip.place_ids) <= set(mini_data.places.index)
        # every named line of the legs appears, in the same order (a wait and its ride name one line)
        lines = [leg.line_id for leg in trip.legs if leg.line_id]
        lines = [x for i, x in enumerate(lines) if i == 0 or lines[i - 1] != x]
        assert _is_subsequence(lines, trip.link_ids)
        # consecutive links meet at a place of the trip
        for a, b in zip(trip.link_ids, trip.link_ids[1:]):
            shared = set(mini_data.links.at[a, "nodes"]) & set(mini_data.links.at[b, "nodes"])
            assert shared & set(trip.place_ids), (a, b)
        assert trip.place_ids[-1] == dest
        assert {leg.from_id for leg in trip.legs} | {leg.to_id for leg in trip.legs} <= set(trip.place_ids)
        # the same ids as the path the router searches again from its own ends (internals on purpose: an
        # independent check of the public ids)
        assert trip.feature_ids | trip_feature_ids(trip) == _searched_path_ids(mini_net, origin, dest, trip)


@pytest.mark.parametrize("mode", ["car", "rail", "best"])
def test_routes_gives_the_trips_of_route_for_every_destination(mini_net, mini_data, mode):
    dests = [str(p) for p in mini_data.places.index if p in mini_net.graph][:40] + [Point(120.30, 30.62)]
    for origin in ("zone_hq", "city_hangzhou", Point(120.515, 30.70)):
        many = routes(mini_net, origin, dests, mode=mode)
        for dest in dests:
            label = origin_id(dest)
            try:
                one = route(mini_net, origin, dest, mode=mode)
            except UnreachableError:
                assert label not in many
                continue
            got = many[label]
            assert got == one  # same minutes, legs, link and place ids


def test_routes_refuses_unknown_ids_and_skips_places_outside_the_scenario(mini_net):
    with pytest.raises(UnknownPlaceError):
        routes(mini_net, "zone_hq", ["apt_hgh", "no_such_place"], mode="car")
    with pytest.raises(UnknownPlaceError):
        routes(mini_net, "no_such_place", ["apt_hgh"])
    assert routes(mini_net, "zone_hq", [], mode="rail") == {}


def test_routes_answers_every_pair_like_route_on_a_grid_of_origins(mini_net, mini_data):
    ids = [str(p) for p in mini_data.places.index if p in mini_net.graph]
    for origin, mode in itertools.product(ids[::7], ("car", "rail")):
        many = routes(mini_net, origin, ids[::3], mode=mode)
        for dest, trip in many.items():
            assert trip.minutes == pytest.approx(route(mini_net, origin, dest, mode=mode).minutes)


def test_legs_of_each_network_are_its_own(mini_data, mini_net):
    """Legs are memoised per network: a network with a slower road reports its own, slower drive."""
    from wuzhen_geo.model.scenarios import Scenario, SetSpeed

    before = route(mini_net, "zacc_culture", "city_hangzhou", mode="car")
    checked = 0
    for link in before.link_ids:
        slow = build_network(mini_data, Scenario(name="slow", edits=(SetSpeed(link=link, speed_kmh=20.0),)))
        after = route(slow, "zacc_culture", "city_hangzhou", mode="car")
        if link not in after.link_ids:
            continue  # the slower road is avoided: nothing to see on this link
        checked += 1
        assert after.minutes > before.minutes
        # had the legs been shared between networks, the slowed edges would show the old minutes
        assert sum(leg.minutes for leg in after.legs) == pytest.approx(after.minutes)
        assert route(slow, "zacc_culture", "city_hangzhou", mode="car") == after
    assert checked


# ------------------------------------------------------------------------------- trips from paths


def test_trip_from_path_rebuilds_the_trip_route_gives(mini_net):
    """The public trip building (rail trips use it) gives route()'s trip for route()'s own path."""
    from wuzhen_geo.model import routing

    for origin, dest, mode in [("zacc_hq", "apt_hgh", "car"), ("zacc_hq", "apt_hgh", "rail"),
                               (Point(120.47, 30.69), "city_hangzhou", "rail"),
                               ("zacc_culture", Point(120.2, 30.28), "car")]:
        car = mode == "car"
        sources = trip_ends(mini_net, origin, layer=0)
        targets = trip_ends(mini_net, dest, layer=0 if car else 1)
        total, path, src, dst = routing._best_path(mini_net, sources, targets, car=car)
        rebuilt = trip_from_path(mini_net, origin, dest, mode, path, src, dst, minutes=total)
        assert rebuilt == route(mini_net, origin, dest, mode=mode)
        assert rebuilt.origin == origin_id(origin) and rebuilt.destination == origin_id(dest)
        unsummed = trip_from_path(mini_net, origin, dest, mode, path, src, dst)
        assert unsummed.minutes == pytest.approx(sum(leg.minutes for leg in rebuilt.legs))


def test_trip_ends_of_a_place_and_of_a_point(mini_net):
    assert trip_ends(mini_net, "city_hangzhou", layer=0) == [("city_hangzhou", 0.0, 0.0)]
    ends = trip_ends(mini_net, Point(120.47, 30.69), layer=1)
    assert len(ends) == CFG.access_k and all(is_after_train(node) and minutes > 0 for node, minutes, _ in ends)
    with pytest.raises(UnknownPlaceError):
        trip_ends(mini_net, "no_such_place", layer=0)


def test_every_train_is_boarded_at_a_boarding_station(mini_net):
    stations = set(mini_net.boarding_stations)
    assert stations and all(mini_net.data.places.at[s, "kind"] == "station" for s in stations)
    trip = route(mini_net, "zacc_hq", "apt_hgh", mode="rail")
    first = next(leg for leg in trip.legs if leg.mode in ("processing", "wait", "rail"))
    assert first.from_id in stations
