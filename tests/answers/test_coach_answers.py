"""The coach and public-transport answers on the shipped data: the through coach found behind a shuttle that
only leads to a long drive; the rule's verdicts; the airport summary's columns."""

from __future__ import annotations

import math

import pytest

from wuzhen_geo.answers import airport_summary, airport_times, trip_answer
from wuzhen_geo.answers.airports import AIRPORT_MODES
from wuzhen_geo.answers.trip_answers import NO_COACH_ROUTE, coach_trip_problem, reason_of
from wuzhen_geo.errors import UnreachableError
from wuzhen_geo.model import route
from wuzhen_geo.vocabulary import DEPART_PERIODS


def test_the_hangzhou_pudong_coach_is_the_coach_answer_at_its_published_time(shipped_net):
    cfg = shipped_net.config
    links = shipped_net.data.links
    row = links.loc["co_hangzhou_pvg"]
    trip = trip_answer(shipped_net, "city_hangzhou", "apt_pvg", mode="coach")
    expected = cfg.coach_processing(row["class"]) + cfg.wait(row["headway_min"]) + row["minutes"] + cfg.coach_egress_min
    assert trip.minutes == pytest.approx(expected)
    assert [leg.line_id for leg in trip.legs if leg.mode == "coach"] == ["co_hangzhou_pvg"]


def test_the_router_fastest_coach_trip_fails_the_rule_there(shipped_net):
    fastest = route(shipped_net, "city_hangzhou", "apt_pvg", mode="coach")  # a shuttle, then a long drive
    car = route(shipped_net, "city_hangzhou", "apt_pvg", mode="car").minutes
    assert coach_trip_problem(shipped_net, fastest, car) is not None
    assert fastest.minutes < trip_answer(shipped_net, "city_hangzhou", "apt_pvg", mode="coach").minutes


def test_no_coach_answer_says_why(shipped_net):
    with pytest.raises(UnreachableError) as exc:
        trip_answer(shipped_net, "zone_hq", "apt_wux", mode="coach")
    assert reason_of(exc.value) == NO_COACH_ROUTE


def test_transit_is_the_faster_of_rail_and_coach_answers(shipped_net):
    for apt in ("apt_hgh", "apt_sha", "apt_pvg"):
        found = []
        for mode in ("rail", "coach"):
            try:
                found.append(trip_answer(shipped_net, "zone_hq", apt, mode=mode).minutes)
            except UnreachableError:
                pass
        assert trip_answer(shipped_net, "zone_hq", apt, mode="transit").minutes == pytest.approx(min(found))


def test_the_summary_has_coach_and_public_transport_columns(shipped_net, shipped_data):
    table = airport_times(shipped_net, "zone_hq", modes=AIRPORT_MODES)
    summary = airport_summary(table, shipped_data).set_index("airport_id")
    rows = table.set_index(["airport_id", "mode"])
    for apt, s in summary.iterrows():
        coach = rows.loc[(apt, "coach")]
        assert (math.isnan(s["coach_min"]) and s["coach_reason"]) or s["coach_min"] == pytest.approx(coach["minutes"])
        assert s["transit_mode"] in (None, "rail", "coach")
    plain = airport_summary(airport_times(shipped_net, "zone_hq"), shipped_data)
    assert plain["coach_min"].isna().all() and (plain["coach_reason"] == "").all()


def test_car_minutes_by_period_are_the_car_answers_of_networks_built_at_each_period(shipped_net, shipped_data):
    from wuzhen_geo.answers.airports import car_minutes_by_period
    from wuzhen_geo.model import build_network
    from wuzhen_geo.vocabulary import DEPART_PERIODS

    spread = car_minutes_by_period(shipped_net, "zone_hq", airports=["apt_hgh", "apt_sha"]).set_index("airport_id")
    for period in DEPART_PERIODS:
        net = build_network(shipped_data, config=shipped_net.config.replace(depart=period))
        for apt in ("apt_hgh", "apt_sha"):
            assert spread.at[apt, period] == pytest.approx(trip_answer(net, "zone_hq", apt, mode="car").minutes)
    # the Hangzhou core lies on the way to Xiaoshan: its peak is slower than its night
    assert spread.at["apt_hgh", "am_peak"] > spread.at["apt_hgh", "night"]


def test_the_summary_says_the_spread_in_words(shipped_net, shipped_data):
    from wuzhen_geo.answers.airport_table import car_spread_text
    from wuzhen_geo.answers.airports import car_minutes_by_period

    periods = car_minutes_by_period(shipped_net, "zone_hq")
    summary = airport_summary(airport_times(shipped_net, "zone_hq"), shipped_data, periods=periods)
    row = periods.set_index("airport_id").loc["apt_hgh"]
    hgh = summary.set_index("airport_id").at["apt_hgh", "car_spread"]
    # every period the column header names, in its order, as the command line's car/period column gives them
    assert hgh == (f"{row['offpeak']:.0f} min off-peak, {row['am_peak']:.0f} morning peak, "
                   f"{row['pm_peak']:.0f} evening peak, {row['night']:.0f} night")
    zh = airport_summary(airport_times(shipped_net, "zone_hq"), shipped_data, "zh", periods=periods)
    assert zh.set_index("airport_id").at["apt_hgh", "car_spread"] == (
        f"平峰 {row['offpeak']:.0f} 分钟，早高峰 {row['am_peak']:.0f}，晚高峰 {row['pm_peak']:.0f}，夜间 {row['night']:.0f}")
    assert car_spread_text({"offpeak": math.nan, "am_peak": 3.0, "pm_peak": 3.0, "night": 2.0}) == ""
    assert car_spread_text({"offpeak": 3.0, "am_peak": 3.0}) == ""  # a period missing
    assert (airport_summary(airport_times(shipped_net, "zone_hq"), shipped_data)["car_spread"] == "").all()


def test_no_coach_answer_drives_away_from_the_destination_to_board(shipped_net, shipped_data):
    """From Wuzhen, the Hangzhou - Pudong coach is an hour's drive away in the wrong direction (Hangzhou is
    farther from Pudong than Wuzhen is): a coach answer to Pudong does not start with that drive."""
    for origin in ["poi_wuzhen_centre", *map(str, shipped_data.zones.index)]:
        try:
            trip = trip_answer(shipped_net, origin, "apt_pvg", mode="coach")
        except UnreachableError as exc:
            assert reason_of(exc) == NO_COACH_ROUTE
            continue
        assert "co_hangzhou_pvg" not in {leg.line_id for leg in trip.legs}, trip.legs_text()
    # the through coach itself is still the answer from Hangzhou
    assert "co_hangzhou_pvg" in {leg.line_id for leg in trip_answer(shipped_net, "city_hangzhou", "apt_pvg",
                                                                    mode="coach").legs}


def test_a_short_drive_to_a_stop_a_little_farther_off_is_still_on_the_way(shipped_net):
    """From the HQ zone the Wuzhen coach stop lies 1.3 km away and a few hundred metres farther from
    Hongqiao: the Shanghai coach is still the coach answer there."""
    trip = trip_answer(shipped_net, "zone_hq", "apt_sha", mode="coach")
    assert "co_wuzhen_shanghai_south" in {leg.line_id for leg in trip.legs}


def test_a_coach_left_too_early_is_ridden_on_not_set_aside(shipped_data):
    """From Hangzhou East Station to Xiaoshan the router's fastest coach trip rides the Wulin Square shuttle
    7 min to Hangzhou station and drives 44 min on; the search had set the whole shuttle aside and answered
    "no coach route" (it did so from zone_hq, whose 66-min drive to the shuttle is now refused on its own).
    Now the stop where it got off is set aside, and the answers keep the order of the roads' speeds."""
    from wuzhen_geo.model import DEFAULT_CONFIG, build_network

    minutes = {}
    for period in ("night", "offpeak", "am_peak"):  # night's free-flow roads, as if the coaches ran then
        net = build_network(shipped_data, config=DEFAULT_CONFIG.replace(depart=period, service_periods=DEPART_PERIODS))
        trip = trip_answer(net, "stn_hangzhou_east", "apt_hgh", mode="coach")
        car = route(net, "stn_hangzhou_east", "apt_hgh", mode="car").minutes
        assert coach_trip_problem(net, trip, car) is None
        last_ride = max(i for i, leg in enumerate(trip.legs) if leg.mode == "coach")
        assert not any(leg.mode == "car" for leg in trip.legs[last_ride + 1:])  # rides to the airport
        minutes[period] = trip.minutes
    assert minutes["night"] <= minutes["offpeak"] <= minutes["am_peak"]


def test_a_coach_is_not_boarded_after_most_of_the_drive(shipped_data, shipped_net):
    """From zone_hq to Xiaoshan the coach answer had been a 73-min drive to Hangzhou Station for the 53-min
    airport shuttle, beside a 78-min drive straight there: whoever is in the car rides on. Now that is no coach
    trip, and the refusal says why in both languages. At night (the taxi from Hangzhou East within the 30 min
    after a coach) the answer from Wuzhen town centre boards the Wuzhen coach where it starts."""
    from wuzhen_geo.answers import NoSensibleCoachRoute
    from wuzhen_geo.model import DEFAULT_CONFIG, build_network

    with pytest.raises(NoSensibleCoachRoute) as err:
        trip_answer(shipped_net, "zone_hq", "apt_hgh", mode="coach")
    assert "more than half the 78 min drive to the destination" in err.value.text("en"), err.value.text("en")
    assert "已超过直接驾车到达 78 分钟的一半" in err.value.text("zh"), err.value.text("zh")
    # night's free-flow roads, as if the coach ran then (it does not: test_no_coach_or_train_runs_at_night)
    night = build_network(shipped_data, config=DEFAULT_CONFIG.replace(depart="night", service_periods=DEPART_PERIODS))
    car = route(night, "poi_wuzhen_centre", "apt_hgh", mode="car").minutes
    trip = trip_answer(night, "poi_wuzhen_centre", "apt_hgh", mode="coach")
    first = min(i for i, leg in enumerate(trip.legs) if leg.mode == "coach")
    assert sum(leg.minutes for leg in trip.legs[:first] if leg.mode == "car") <= 0.5 * car
