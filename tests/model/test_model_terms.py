"""The realism terms of the travel-time model: rail start/stop time, road chord circuity, urban congestion,
and the rule that a "by rail" answer must be a rail trip. Expectations are recomputed from the configuration
and the toy geometry, never copied from a model run."""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import pytest
from shapely.geometry import LineString, Point

from tests.toy import place, rail, road, toy_data
from wuzhen_geo.model.config import DEFAULT_CONFIG, ModelConfig
from wuzhen_geo.vocabulary import METRIC_CRS
from wuzhen_geo.model.network import build_network
from wuzhen_geo.answers.railtrips import NO_SENSIBLE_RAIL, NoSensibleRailRoute, sensible_rail_trip
from wuzhen_geo.model.routing import route

CFG = DEFAULT_CONFIG


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    s = gpd.GeoSeries([Point(a), Point(b)], crs="EPSG:4326").to_crs(METRIC_CRS)
    return s.iloc[0].distance(s.iloc[1]) / 1000.0


# ------------------------------------------------------------------------------------------ rail runs


def test_each_run_between_stops_pays_the_start_stop_time_once():
    pos = {"x": (120.0, 30.0), "y": (120.2, 30.0), "z": (120.4, 30.0)}
    places = [place(k, *v, kind="station", station_class="hsr") for k, v in pos.items()]
    data = toy_data(places, [rail("rl", ["x", "y", "z"], pos, length_km=40.0, speed_kmh=200.0)])
    g = build_network(data).graph
    for i, j in ((0, 1), (1, 2)):
        edge = g.edges[("dep", "rl", 1, i), ("arr", "rl", 1, j)]
        assert edge["minutes"] == pytest.approx(edge["km"] / 200.0 * 60 + CFG.start_stop("hsr"))
    # switching the term off gives the bare running time, and the class table covers every rail class
    g0 = build_network(data, config=CFG.replace(start_stop_min={**CFG.start_stop_min, "hsr": 0.0})).graph
    bare = g0.edges[("dep", "rl", 1, 0), ("arr", "rl", 1, 1)]
    assert bare["minutes"] == pytest.approx(bare["km"] / 200.0 * 60) and bare["km"] == pytest.approx(20.0, rel=1e-3)
    assert set(CFG.start_stop_min) == set(CFG.rail_speed_kmh)


# ------------------------------------------------------------------------------------------ road length


@pytest.mark.parametrize("cls", ["arterial", "expressway"])
def test_bare_chord_is_lengthened_by_its_class_circuity(cls):
    pos = {"a": (120.0, 30.0), "b": (120.1, 30.0)}
    data = toy_data([place(k, *v) for k, v in pos.items()], [road("rd", ["a", "b"], pos, cls=cls)])
    edge = build_network(data).graph.edges["a", "b"]
    chord = _km(pos["a"], pos["b"])
    assert edge["km"] == pytest.approx(chord * CFG.road_chord_circuity[cls], rel=1e-6)
    assert edge["minutes"] == pytest.approx(edge["km"] / CFG.road_speed(cls) * 60)


def test_drawn_shape_or_published_length_is_not_lengthened():
    pos = {"a": (120.0, 30.0), "b": (120.1, 30.0)}
    bend = (120.05, 30.01)
    shaped = road("rd_shaped", ["a", "b"], pos)
    shaped["geometry"] = LineString([pos["a"], bend, pos["b"]])
    data = toy_data([place(k, *v) for k, v in pos.items()], [shaped])
    edge = build_network(data).graph.edges["a", "b"]
    assert edge["km"] == pytest.approx(_km(pos["a"], bend) + _km(bend, pos["b"]), rel=1e-4)
    published = toy_data([place(k, *v) for k, v in pos.items()], [road("rd", ["a", "b"], pos, length_km=12.5)])
    assert build_network(published).graph.edges["a", "b"]["km"] == pytest.approx(12.5)


# ------------------------------------------------------------------------------------------ congestion


def _corridor(core_lon: float) -> tuple[dict, object]:
    """A 0.2-degree east-west arterial a-b with a city place at ``core_lon`` on it."""
    pos = {"a": (120.0, 30.0), "b": (120.2, 30.0), "city": (core_lon, 30.0)}
    places = [place("a", *pos["a"]), place("b", *pos["b"]), place("city", *pos["city"], kind="city_centre")]
    return pos, toy_data(places, [road("rd", ["a", "b"], pos, length_km=20.0)])


def test_congestion_slows_the_share_of_a_segment_inside_the_core():
    pos, data = _corridor(120.2)  # the core is centred on b
    free = build_network(data, config=CFG.replace(congestion=())).graph.edges["a", "b"]["minutes"]
    radius = 5.0
    cfg = CFG.replace(congestion=(("city", radius, 1.5),))
    slow = build_network(data, config=cfg).graph.edges["a", "b"]["minutes"]
    share = radius / _km(pos["a"], pos["b"])  # the part of the segment within 5 km of b
    assert slow == pytest.approx(free * (1 + 0.5 * share), rel=1e-3)
    # a core that the segment does not reach changes nothing; a place missing from the data is skipped
    _, far = _corridor(121.0)
    assert build_network(far, config=cfg).graph.edges["a", "b"]["minutes"] == pytest.approx(free)
    missing = CFG.replace(congestion=(("no_such_city", 50.0, 2.0),))
    assert build_network(data, config=missing).graph.edges["a", "b"]["minutes"] == pytest.approx(free)


@pytest.mark.parametrize(
    "overrides",
    [
        {"congestion": (("city", -1.0, 1.4),)},
        {"congestion": (("city", 10.0, 0.8),)},
        {"congestion": (("city", 10.0),)},
        {"road_chord_circuity": {"arterial": 0.9}},
        {"start_stop_min": {"hsr": -1.0}},
        {"rail_min_train_share": 1.5},
        {"rail_max_car_ratio": 0.5},
    ],
)
def test_config_rejects_impossible_values(overrides):
    with pytest.raises(ValueError, match="ModelConfig"):
        ModelConfig(**overrides)


def test_config_with_the_new_terms_stays_hashable_and_picklable():
    import pickle

    cfg = CFG.replace(congestion=[["city", 5, 1.2]])  # lists are normalised to tuples
    assert cfg.congestion == (("city", 5, 1.2),)
    assert hash(cfg) != hash(CFG) and pickle.loads(pickle.dumps(cfg)) == cfg


# ------------------------------------------------------------------------------------------ rail rule


@dataclass
class _Leg:
    mode: str
    minutes: float
    to_name: str = "X"


@pytest.mark.parametrize(
    ("legs", "problem"),
    [
        ([_Leg("car", 20), _Leg("processing", 15), _Leg("rail", 40), _Leg("car", 10)], None),
        ([_Leg("car", 10), _Leg("rail", 4, "Yanguan"), _Leg("car", 44)], "drive after the last train"),
        ([_Leg("car", 60), _Leg("rail", 20), _Leg("walk", 5)], "on trains"),
        ([_Leg("car", 60)], "no train"),
    ],
)
def test_rail_trip_rule(legs, problem):
    found = CFG.rail_trip_problem(legs)
    assert (found is None) if problem is None else (problem in found)


def test_rule_limits_come_from_the_configuration():
    legs = [_Leg("car", 5), _Leg("rail", 40), _Leg("car", 31)]
    assert "limit is 30 min" in CFG.rail_trip_problem(legs)
    assert CFG.replace(rail_max_final_drive_min=40).rail_trip_problem(legs) is None


def _toy_rail():
    """Origin o and destination d on an expressway; a short intercity hop near o (fastest with a train, but
    then a long drive) and an HSR line from near o to near d (slower, but a rail trip)."""
    pos = {"o": (120.0, 30.0), "i1": (120.01, 30.0), "i2": (120.08, 30.0), "s1": (120.0, 30.03),
           "s2": (121.0, 30.03), "d": (121.0, 30.0)}
    cls = {"i1": "intercity", "i2": "intercity", "s1": "hsr", "s2": "hsr"}
    places = [place(k, *v, kind="station", station_class=cls[k]) if k in cls else place(k, *v)
              for k, v in pos.items()]
    links = [road("rd_od", ["o", "i1", "i2", "d"], pos, cls="expressway"),
             road("rd_os1", ["o", "s1"], pos, cls="connector"), road("rd_s2d", ["s2", "d"], pos, cls="connector"),
             rail("rl_i", ["i1", "i2"], pos, cls="intercity", headway=10),
             rail("rl_h", ["s1", "s2"], pos, cls="hsr", headway=60)]
    return places, links


def test_rail_answer_is_the_fastest_trip_that_passes_the_rule():
    places, links = _toy_rail()
    # an expressway as fast as 100 km/h, so that the hop and the long drive beat the HSR (the toy's premise)
    fast_road = CFG.replace(road_speed_kmh={**CFG.road_speed_kmh, "expressway": 100.0})
    net = build_network(toy_data(places, links), config=fast_road)
    fastest = route(net, "o", "d", mode="rail")
    assert "drive after the last train" in CFG.rail_trip_problem(fastest.legs)  # the premise of the toy
    trip = sensible_rail_trip(net, "o", "d")
    assert CFG.rail_trip_problem(trip.legs) is None and trip.minutes > fastest.minutes
    assert [leg.line_id for leg in trip.legs if leg.mode == "rail"] == ["rl_h"]
    assert sum(leg.minutes for leg in trip.legs) == pytest.approx(trip.minutes)
    # hand-built expectation: connector, check, wait, run, exit, connector
    run = [leg for leg in trip.legs if leg.mode == "rail"][0]
    expected = (CFG.processing("hsr") + CFG.wait(60) + run.km / CFG.rail_speed("hsr") * 60 + CFG.start_stop("hsr")
                + CFG.egress("hsr") + sum(leg.minutes for leg in trip.legs if leg.mode == "car"))
    assert trip.minutes == pytest.approx(expected)


def test_no_sensible_rail_route_says_why():
    places, links = _toy_rail()
    without_hsr = toy_data(places, [lk for lk in links if lk["id"] != "rl_h"])
    net = build_network(without_hsr)
    with pytest.raises(NoSensibleRailRoute, match=f"^{NO_SENSIBLE_RAIL}: .*drive after the last train"):
        sensible_rail_trip(net, "o", "d")
    # a rail trip much slower than driving is refused as well
    strict = build_network(toy_data(places, links), config=CFG.replace(rail_max_car_ratio=1.0))
    with pytest.raises(NoSensibleRailRoute, match="x the .* min drive"):
        sensible_rail_trip(strict, "o", "d")


def test_cli_airport_table_says_no_sensible_rail_route(capsys, shipped_net):
    from wuzhen_geo.answers import airport_times
    from wuzhen_geo.cli import main

    table = airport_times(shipped_net, "zone_hq").set_index(["airport_id", "mode"])
    refused = [apt for (apt, mode), row in table.iterrows()
               if mode == "rail" and str(row["legs_text"]).startswith(NO_SENSIBLE_RAIL)]
    assert refused, "expected at least one airport without a sensible rail route from zone_hq"
    for apt in refused:
        assert not table.loc[(apt, "rail"), "reachable"]
        assert table.loc[(apt, "best"), "trip_mode"] == "car"
    assert main(["airports", "--from", "zone_hq"]) == 0
    out = capsys.readouterr().out
    assert out.count(NO_SENSIBLE_RAIL) >= 2 * len(refused)  # the summary cell and the legs note


def test_cli_route_by_rail_applies_the_rule(capsys):
    from wuzhen_geo.cli import main

    code = main(["route", "--from", "zone_hq", "--to", "apt_jxn", "--mode", "rail"])
    out = capsys.readouterr().out
    assert code == 1 and f"by rail: {NO_SENSIBLE_RAIL}:" in out
    code = main(["route", "--from", "zone_hq", "--to", "apt_jxn", "--mode", "car"])
    assert code == 0 and NO_SENSIBLE_RAIL not in capsys.readouterr().out
