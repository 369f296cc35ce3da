"""Scheduled coaches (a third graph layer) and road times by departure period, on toy networks.

Times are checked against the configuration's own terms recomputed by hand, so a changed assumption moves
the expectation with it: a coach trip costs the check, half the headway, the published running time and the
egress; a road inside a congestion core costs its free time times 1 + (factor - 1) x the period's excess.
"""

from __future__ import annotations

import pytest

from wuzhen_geo.errors import UnreachableError
from wuzhen_geo.model import DEFAULT_CONFIG, build_network, route
from wuzhen_geo.vocabulary import DEPART_PERIODS
from tests.toy import _link, place, rail, road, toy_data

POS = {"a": (120.0, 30.0), "b": (120.1, 30.0), "c": (120.2, 30.0), "d": (120.3, 30.0)}


def coach(lid, nodes, pos, minutes, headway, cls="airport_coach", **extra):
    return _link(lid, "coach", cls, nodes, pos, minutes=minutes, headway_min=headway, **extra)


def _coach_data(with_coach: bool = True):
    places = [place("a", *POS["a"]), place("b", *POS["b"], kind="station", station_class="hsr"),
              place("c", *POS["c"], kind="station", station_class="hsr"), place("d", *POS["d"], kind="airport")]
    # a slow lane from a to b (2 h), so that a trip from a boards the coach at a
    links = [road("r_ab", ["a", "b"], POS, length_km=10, speed_kmh=5),
             road("r_bc", ["b", "c"], POS, length_km=100, speed_kmh=60),
             road("r_cd", ["c", "d"], POS, length_km=10, speed_kmh=60),
             rail("t_bc", ["b", "c"], POS, headway=20, length_km=100, speed_kmh=200)]
    if with_coach:
        links.append(coach("k_ad", ["a", "b", "d"], POS, minutes=90, headway=60, length_km=120))
    return toy_data(places, links)


def test_a_coach_trip_costs_check_half_the_headway_its_timetable_time_and_egress():
    net = build_network(_coach_data())
    trip = route(net, "a", "d", mode="coach")
    cfg = DEFAULT_CONFIG
    expected = cfg.coach_processing("airport_coach") + cfg.wait(60) + 90 + cfg.coach_egress_min
    assert trip.minutes == pytest.approx(expected)
    assert [leg.mode for leg in trip.legs].count("coach") == 1
    assert not any(leg.mode == "rail" for leg in trip.legs)


def test_a_coach_boarded_at_an_intermediate_stop_rides_its_share_of_the_time_by_length():
    net = build_network(_coach_data())
    trip = route(net, "b", "d", mode="coach")
    km_ab = net.graph.edges[("dep", "k_ad", 1, 0), ("arr", "k_ad", 1, 1)]["km"]
    km_bd = net.graph.edges[("dep", "k_ad", 1, 1), ("arr", "k_ad", 1, 2)]["km"]
    ride = 90 * km_bd / (km_ab + km_bd)
    cfg = DEFAULT_CONFIG
    assert trip.minutes == pytest.approx(cfg.coach_processing("airport_coach") + cfg.wait(60) + ride
                                         + cfg.coach_egress_min)


def test_rail_never_rides_a_coach_and_coach_never_rides_a_train():
    with_coach, without = build_network(_coach_data()), build_network(_coach_data(with_coach=False))
    assert route(with_coach, "a", "d", mode="rail").minutes == pytest.approx(
        route(without, "a", "d", mode="rail").minutes)
    assert route(with_coach, "a", "d", mode="car").minutes == pytest.approx(
        route(without, "a", "d", mode="car").minutes)
    with pytest.raises(UnreachableError):
        route(without, "a", "d", mode="coach")


def test_transit_is_the_faster_of_rail_and_coach():
    net = build_network(_coach_data())
    transit = route(net, "a", "d", mode="transit")
    assert transit.minutes == pytest.approx(min(route(net, "a", "d", mode=m).minutes for m in ("rail", "coach")))


def test_an_unknown_mode_is_refused_with_the_modes_named():
    with pytest.raises(ValueError, match="transit"):
        route(build_network(_coach_data()), "a", "d", mode="bus")  # type: ignore[arg-type]


# --- departure periods ---------------------------------------------------------------------------------------

def _core_data():
    places = [place("a", *POS["a"]), place("b", *POS["b"]), place("city_x", *POS["a"], kind="city_centre")]
    links = [road("r_ab", ["a", "b"], POS, length_km=10, speed_kmh=60)]
    return toy_data(places, links)


@pytest.mark.parametrize("period", DEPART_PERIODS)
def test_the_builder_applies_the_period_factor_to_a_core_exactly(period):
    cfg = DEFAULT_CONFIG.replace(congestion=(("city_x", 100.0, 1.5),), depart=period)
    net = build_network(_core_data(), config=cfg)
    free = 10 / 60 * 60  # 10 km at 60 km/h, wholly inside the 100 km core
    expected = free * (1 + 0.5 * cfg.period_excess[period])
    assert net.graph.edges["a", "b"]["minutes"] == pytest.approx(expected)


def test_peaks_are_slower_than_off_peak_and_night_is_free_flow():
    cfg = DEFAULT_CONFIG.replace(congestion=(("city_x", 100.0, 1.4),))
    minutes = {p: build_network(_core_data(), config=cfg.replace(depart=p)).graph.edges["a", "b"]["minutes"]
               for p in DEPART_PERIODS}
    assert minutes["night"] == pytest.approx(10.0)
    assert minutes["night"] < minutes["offpeak"] < minutes["am_peak"]
    assert minutes["offpeak"] < minutes["pm_peak"]


def test_an_unknown_period_is_refused():
    with pytest.raises(ValueError, match="depart"):
        DEFAULT_CONFIG.replace(depart="lunch")
