"""The airport summary (one row per airport: car, rail, best, the train or why none) that the app's airports page
and ``wuzhen-geo airports`` both show, and the planner's answers: edits in words, links from places and
drawings, the comparison ordered by change."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from wuzhen_geo.answers import (
    NO_SENSIBLE_RAIL,
    SUMMARY_COLUMNS,
    airport_summary,
    airport_times,
    changes_first,
    comparison_destinations,
    describe_edit,
    drawn_link,
    link_between,
    origin_label,
    origin_text,
)
from wuzhen_geo.i18n import t
from wuzhen_geo.model import TODAY, Point, RemoveLink, SetHeadway, SetSpeed, apply_edit


def test_summary_has_one_row_per_airport_with_the_times_of_airport_times(mini_net, mini_data):
    table = airport_times(mini_net, "zone_hq")
    summary = airport_summary(table, mini_data, "en")
    assert list(summary.columns) == list(SUMMARY_COLUMNS)
    assert list(summary["airport_id"]) == list(dict.fromkeys(table["airport_id"]))
    for _, row in summary.iterrows():
        rows = table[table["airport_id"] == row["airport_id"]].set_index("mode")
        for mode in ("car", "rail", "best"):
            want = rows.at[mode, "minutes"] if rows.at[mode, "reachable"] else math.nan
            got = row[f"{mode}_min"]
            assert (math.isnan(got) and math.isnan(want)) or got == pytest.approx(want)
        assert row["best_mode"] == (rows.at["best", "trip_mode"] if rows.at["best", "reachable"] else None)
        assert row["name"] == row["name_en"] and row["label"].startswith(row["iata"])
        if row["rail_status"] == "ok":
            assert row["rail_via"] and ":" in row["rail_via"]  # where to board, then the trains
    zh = airport_summary(table, mini_data, "zh")
    assert list(zh["name"]) == list(zh["name_zh"]) and list(zh["car_min"].fillna(-1)) == list(
        summary["car_min"].fillna(-1))


def _row(apt: str, mode: str, reachable: bool, minutes: float, legs_text: str, trip_mode=None) -> dict:
    return {"from_id": "zone_hq", "airport_id": apt, "iata": "HGH" if apt == "apt_hgh" else None,
            "name_zh": "机场", "name_en": "Airport", "mode": mode, "reachable": reachable, "minutes": minutes,
            "km": math.nan, "trip_mode": trip_mode, "legs_text": legs_text, "legs": []}


def test_summary_says_why_there_is_no_rail_trip(mini_data):
    table = pd.DataFrame([
        _row("apt_hgh", "car", True, 70.0, "drive", "car"),
        _row("apt_hgh", "rail", False, math.nan, f"{NO_SENSIBLE_RAIL}: the drive after the last train is long"),
        _row("apt_hgh", "best", True, 70.0, "drive", "car"),
        _row("apt_far", "car", False, math.nan, "unreachable: the airport is not in this scenario's network"),
        _row("apt_far", "rail", False, math.nan, "unreachable: the airport is not in this scenario's network"),
        _row("apt_far", "best", False, math.nan, "unreachable: the airport is not in this scenario's network"),
    ])
    summary = airport_summary(table, mini_data, "en").set_index("airport_id")
    assert summary.at["apt_hgh", "rail_status"] == "no_sensible_rail"
    assert summary.at["apt_hgh", "rail_via"] == t("no_rail_route", "en")  # the head of the reason, translated
    assert summary.at["apt_hgh", "best_mode"] == "car" and summary.at["apt_hgh", "best_min"] == 70.0
    assert summary.at["apt_far", "rail_status"] == "unreachable"
    assert summary.at["apt_far", "rail_via"] == t("unreachable", "en")
    assert summary.at["apt_far", "best_mode"] is None and math.isnan(summary.at["apt_far", "best_min"])
    assert summary.at["apt_far", "iata"] == "" and summary.at["apt_far", "label"] == "Airport"
    zh = airport_summary(table, mini_data, "zh").set_index("airport_id")
    assert zh.at["apt_hgh", "rail_via"] != summary.at["apt_hgh", "rail_via"]  # translated


def test_origin_label_and_text(mini_data):
    assert origin_label(mini_data, "zone_hq", "en").startswith(mini_data.zones.at["zone_hq", "name_en"])
    assert origin_label(mini_data, "stn_tongxiang", "zh").startswith(mini_data.places.at["stn_tongxiang", "name_zh"])
    assert origin_label(mini_data, "30.6,120.5", "en") == "30.6,120.5"
    assert origin_text("zone_hq") == "zone_hq"
    assert origin_text(Point(120.5, 30.6)) == "30.600000,120.500000"


def test_edits_in_words(mini_data):
    link = link_between(TODAY, mini_data, "city_wuzhen", "stn_tongxiang", mode="rail", cls="intercity",
                        speed_kmh=250, headway_min=15)
    assert link.id == "rl_custom_1" and link.stops == ("city_wuzhen", "stn_tongxiang")
    line = describe_edit(link, mini_data, "en")
    assert line.startswith("Add rail link") and "Wuzhen → Tongxiang Station" in line
    assert "250 km/h" in line and "every 15 min" in line
    assert describe_edit(RemoveLink("rd_cross"), mini_data, "en").startswith("Remove link Cross road (rd_cross)")
    assert "100 km/h" in describe_edit(SetSpeed("rd_cross", 100.0), mini_data, "en")
    assert "every 5 min" in describe_edit(SetHeadway("rl_metro", 5.0), mini_data, "en")
    assert describe_edit(link, mini_data, "zh") != line


def test_a_drawn_line_snaps_its_ends_to_a_station(mini_data):
    stn = mini_data.places.geometry["stn_tongxiang"]
    coords = [[stn.x + 0.001, stn.y + 0.001], [120.6, 30.65], [120.7, 30.6, 0.0]]  # ~140 m off the station
    link = drawn_link(TODAY, mini_data, coords, mode="rail", cls="intercity", speed_kmh=160, headway_min=30)
    assert link.stops == ("stn_tongxiang", (120.7, 30.6))
    assert link.geometry[0] == (round(stn.x, 6), round(stn.y, 6))  # the line ends on the station it means
    assert link.geometry[1:] == ((120.6, 30.65), (120.7, 30.6))
    assert apply_edit(TODAY, link, mini_data).edits == (link,)  # a valid edit as built
    assert drawn_link(TODAY, mini_data, [[120.6, 30.65]], mode="rail", cls="intercity") is None
    road = drawn_link(TODAY, mini_data, coords, mode="road", cls="arterial", speed_kmh=80)
    assert road.id == "rd_custom_1" and road.headway_min is None


def test_comparison_destinations_and_changes_first(mini_data):
    dest = comparison_destinations(mini_data)
    kinds = set(mini_data.places.loc[dest, "kind"])
    assert "apt_hgh" in dest and kinds <= {"airport", "city_centre", "station"}
    before = [60.0, 63.0, 60.0, 70.0, math.inf, 74.4, 74.6]
    after = [60.1, 60.0, 62.0, 60.0, math.inf, 73.6, 74.4]
    table = pd.DataFrame({"from_id": list("abcdefg"), "before": before, "after": after,
                          "difference": [a - b if math.isfinite(b) else 0.0 for a, b in zip(after, before)]})
    ordered = changes_first(table)
    # changed as the minutes are shown: 74.4 -> 73.6 reads 74 -> 74 (no change), 74.6 -> 74.4 reads 75 -> 74
    assert list(ordered["from_id"]) == ["d", "b", "g", "c", "a", "e", "f"]
    assert list(ordered["changed"]) == [True, True, True, True, False, False, False]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_place_not_in_the_network_says_so_where_the_train_would_be_named(shipped_net, shipped_data, lang):
    """From a station with no opening year, the "where to board" column says "not in this network", as the
    note beside it does, not "unreachable"."""
    summary = airport_summary(airport_times(shipped_net, "stn_wuzhen"), shipped_data, lang=lang)
    assert (summary["rail_reason"] == "not_in_scenario").all()
    assert (summary["rail_via"] == t("why_not_in_scenario", lang)).all(), summary["rail_via"].tolist()
