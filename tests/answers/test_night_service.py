"""No train or coach runs at night (``ModelConfig.service_periods``): every answer by rail, coach or public
transport says so, the car answers are the night's free-flow drives, and what the network *is* (its lengths,
the maps) does not change with the hour."""

from __future__ import annotations

import pytest

from wuzhen_geo.answers import NO_SERVICE, airport_summary, airport_times, answer_minutes, trip_answer
from wuzhen_geo.answers.indicators import plan_indicators
from wuzhen_geo.errors import NoServiceError
from wuzhen_geo.i18n import t
from wuzhen_geo.model import DEFAULT_CONFIG, build_network, features_as_run
from wuzhen_geo.vocabulary import DEPART_PERIODS


@pytest.fixture(scope="module")
def night_net(shipped_data):
    return build_network(shipped_data, config=DEFAULT_CONFIG.replace(depart="night"))


def _modes(net) -> set[str]:
    return {d.get("mode") for *_, d in net.graph.edges(data=True)}


def test_no_train_or_coach_runs_at_night(shipped_net, night_net):
    assert {"rail", "coach"} <= _modes(shipped_net)
    assert not {"rail", "coach"} & _modes(night_net)
    assert not DEFAULT_CONFIG.replace(depart="night").services_run
    assert all(DEFAULT_CONFIG.replace(depart=p).services_run for p in DEPART_PERIODS if p != "night")


@pytest.mark.parametrize("mode", ["rail", "coach", "transit"])
def test_a_night_trip_by_train_or_coach_says_none_runs(night_net, mode):
    with pytest.raises(NoServiceError) as err:
        trip_answer(night_net, "zone_hq", "apt_hgh", mode=mode)
    assert err.value.reason == NO_SERVICE
    assert "00:00–05:00" in err.value.text("en") and "0–5 时" in err.value.text("zh")
    table = answer_minutes(night_net, ["zone_hq"], ["apt_hgh", "apt_pvg"], mode=mode)
    assert (table["reason"] == NO_SERVICE).all()


def test_the_night_airport_table_drives_and_says_why_not_by_train(shipped_data, night_net):
    table = airport_times(night_net, "zone_hq", modes=("car", "rail", "best", "coach", "transit"))
    summary = airport_summary(table, shipped_data, "en")
    for _, row in summary.iterrows():
        car = trip_answer(night_net, "zone_hq", row["airport_id"], mode="car").minutes
        assert row["car_min"] == pytest.approx(car) and row["best_min"] == pytest.approx(car)
        assert row["rail_reason"] == row["coach_reason"] == row["transit_reason"] == NO_SERVICE
        assert row["rail_via"] == t("why_no_service", "en")


def test_the_network_is_the_same_at_night_only_its_services_stop(shipped_data, shipped_net, night_net):
    """At night the railway length in Tongxiang read 0.0 km: the measure took the network at that hour."""
    day = {r["id"]: r["value"] for r in plan_indicators(shipped_net).to_dict("records") if r["kind"] == "network_length"}
    night = {r["id"]: r["value"] for r in plan_indicators(night_net).to_dict("records") if r["kind"] == "network_length"}
    assert day and day == night and any(v > 0 for v in day.values())
    # the maps ask with the default period: every line is drawn
    assert features_as_run(shipped_data, shipped_net.scenario).links == shipped_net.active.links


def test_no_shipped_coach_leaves_at_night(shipped_data):
    """The night rule assumes it (ModelConfig's sources): a coach with a published departure before 05:00, or a
    last departure after midnight, would be dropped at night though it runs."""
    coaches = shipped_data.links[shipped_data.links["mode"] == "coach"]
    for lid, row in coaches.iterrows():
        first, last = row.get("first_departure"), row.get("last_departure")
        if isinstance(first, str):
            assert first >= "05:00", (lid, first)
        if isinstance(first, str) and isinstance(last, str):
            assert last > first, (lid, first, last)  # not past midnight
