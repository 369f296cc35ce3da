"""``--depart`` on the answer commands and the coach / public-transport / car-by-period columns of ``airports``,
on the shipped data: the command gives what the answers give for the same configuration."""

from __future__ import annotations

import json

import pytest

from wuzhen_geo.answers import trip_answer
from wuzhen_geo.answers.airports import car_minutes_by_period
from wuzhen_geo.cli import main
from wuzhen_geo.model import DEFAULT_CONFIG, build_network
from wuzhen_geo.vocabulary import DEPART_PERIODS


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("period", ["am_peak", "night"])
def test_route_depart_gives_the_car_answer_at_that_period(capsys, shipped_data, period):
    code, out, _ = run(capsys, "route", "--from", "city_tongxiang", "--to", "city_hangzhou", "--mode", "car",
                       "--depart", period, "--json")
    assert code == 0
    net = build_network(shipped_data, config=DEFAULT_CONFIG.replace(depart=period))
    assert json.loads(out)["minutes"] == pytest.approx(trip_answer(net, "city_tongxiang", "city_hangzhou",
                                                                   mode="car").minutes)


def test_a_morning_peak_drive_into_hangzhou_is_slower_than_at_night(capsys):
    minutes = {}
    for period in ("am_peak", "night"):
        code, out, _ = run(capsys, "route", "--from", "city_tongxiang", "--to", "city_hangzhou", "--mode", "car",
                           "--depart", period, "--json")
        minutes[period] = json.loads(out)["minutes"]
    assert minutes["am_peak"] > minutes["night"]


def test_an_unknown_period_is_refused_by_the_parser(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["airports", "--from", "zone_hq", "--depart", "lunch"])
    assert exc.value.code == 2
    assert "--depart" in capsys.readouterr().err


def test_airports_shows_coach_public_transport_and_the_car_spread(capsys, shipped_data, shipped_net):
    code, out, _ = run(capsys, "airports", "--from", "zone_hq")
    assert code == 0
    header = out.splitlines()[2]
    assert "coach" in header and "public transport" in header and "car " + "/".join(DEPART_PERIODS) in header
    spread = car_minutes_by_period(shipped_net, "zone_hq")
    hgh = spread.set_index("airport_id").loc["apt_hgh"]
    assert "/".join(f"{hgh[p]:.0f}" for p in DEPART_PERIODS) in out


def test_airports_json_keeps_car_rail_best_rows_and_adds_the_public_transport_rows(capsys, shipped_net):
    code, out, _ = run(capsys, "airports", "--from", "zone_hq", "--json")
    doc = json.loads(out)
    assert {r["mode"] for r in doc["rows"]} == {"car", "rail", "best"}
    assert {r["mode"] for r in doc["public_transport_rows"]} == {"coach", "transit"}
    for row in doc["public_transport_rows"]:
        if row["reachable"]:
            assert row["minutes"] == pytest.approx(trip_answer(shipped_net, "zone_hq", row["airport_id"],
                                                               mode=row["mode"]).minutes)
        else:
            assert row["reason"] in ("no_coach_route", "no_rail_route", "not_in_scenario", "unreachable")
    assert {r["airport_id"] for r in doc["car_by_period"]} == {r["airport_id"] for r in doc["rows"]}


def test_route_by_coach_names_the_coach(capsys):
    code, out, _ = run(capsys, "route", "--from", "city_hangzhou", "--to", "apt_pvg", "--mode", "coach")
    assert code == 0 and "coach" in out and "Pudong" in out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_airports_empty_cells_say_why_in_the_apps_words_and_language(capsys, shipped_data, shipped_net, lang):
    # the public-transport column had said "unreachable" where the app says "no sensible rail or coach
    # route", and --lang zh printed "80 min" and English reasons
    from wuzhen_geo.answers import AIRPORT_MODES, airport_summary, airport_times, missing_cell_text
    from wuzhen_geo.vocabulary import format_minutes

    code, out, _ = run(capsys, "airports", "--from", "zone_hq", "--lang", lang)
    assert code == 0
    summary = airport_summary(airport_times(shipped_net, "zone_hq", modes=AIRPORT_MODES), shipped_data, lang)
    row = summary.set_index("airport_id").loc["apt_jxn"]
    line = next(x for x in out.splitlines() if row["name"] in x)
    for mode in ("rail", "coach", "transit"):
        assert missing_cell_text(row, mode, lang) in line, mode
    assert format_minutes(row["car_min"], lang) in line
    assert (" min " in line) == (lang == "en")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_at_night_the_airports_command_drives_and_says_no_train_runs(capsys, lang):
    from wuzhen_geo.i18n import t

    code, out, _ = run(capsys, "airports", "--from", "zone_hq", "--depart", "night", "--lang", lang)
    assert code == 0
    assert t("no_service_at_night", lang) in out
    code, out, _ = run(capsys, "isochrone", "--from", "zone_hq", "--mode", "rail", "--depart", "night", "--lang", lang)
    assert code == 0 and t("no_service_at_night", lang) in out  # the empty rings say why
