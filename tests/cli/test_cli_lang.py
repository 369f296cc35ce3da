"""``--lang zh`` on the trip commands: the whole table speaks Chinese, and a trip's length reads as the app
writes it (the route header had said 112.9 km where the app's route panel said 113 km)."""

from __future__ import annotations

import re

from wuzhen_geo.answers import trip_answer
from wuzhen_geo.cli import main
from wuzhen_geo.i18n import label, t
from wuzhen_geo.vocabulary import format_km, format_minutes

_ENGLISH = re.compile(r"\b(min|km|unreachable|scenario|mode|from|to|by|legs|airport|car|rail|coach)\b")


def _body(out: str) -> str:
    """The output without its first line, which names the places in both languages."""
    return "\n".join(out.splitlines()[1:])


def test_route_in_chinese_says_its_summary_and_legs_in_chinese(capsys, shipped_data, shipped_net):
    assert main(["route", "--from", "zone_hq", "--to", "HGH", "--mode", "rail", "--lang", "zh"]) == 0
    out = capsys.readouterr().out
    trip = trip_answer(shipped_net, "zone_hq", "apt_hgh", mode="rail")
    summary = out.splitlines()[1]
    assert summary.endswith(f"铁路：{format_minutes(trip.minutes, 'zh')}，{format_km(trip.km, 'zh')}"), summary
    assert not _ENGLISH.search(_body(out)), _body(out)
    assert trip.legs[0].from_name_zh in out and t("cli_col_line", "zh") in out


def test_route_in_english_writes_the_length_as_the_app_does(capsys, shipped_net):
    assert main(["route", "--from", "zone_hq", "--to", "HGH", "--mode", "rail"]) == 0
    summary = capsys.readouterr().out.splitlines()[1]
    trip = trip_answer(shipped_net, "zone_hq", "apt_hgh", mode="rail")
    # the app's route panel: t("route_summary") with the same two formatters
    assert summary.endswith(t("route_summary", "en", mode="rail", minutes=f"{trip.minutes:.0f}",
                              km=format_km(trip.km, "en")).split(": ", 1)[1]), summary


def test_no_trip_in_chinese_says_why_in_chinese(capsys):
    assert main(["route", "--from", "zone_hq", "--to", "apt_jxn", "--mode", "rail", "--lang", "zh"]) == 1
    out = capsys.readouterr().out
    assert f"{label('mode', 'rail', 'zh')}：" in out and "无合理的铁路方案" in out
    assert not _ENGLISH.search(out.split("(apt_jxn)", 1)[1]), out


def test_airports_in_chinese_have_chinese_headers_and_reasons(capsys):
    assert main(["airports", "--from", "zone_hq", "--lang", "zh"]) == 0
    out = capsys.readouterr().out
    body = _body(out)
    # the legs section had said 'unreachable: no sensible coach route: ...' and '78 min' under --lang zh
    assert not _ENGLISH.search(body), body
    assert "无合理的大巴方案" in body and t("col_car_by_period", "zh") in body


def test_compare_in_chinese_speaks_chinese_and_says_why_a_time_is_missing(capsys):
    assert main(["compare", "today", "plan-full", "--from", "zone_hq", "--mode", "rail", "--lang", "zh"]) == 0
    out = capsys.readouterr().out
    body = out.split("\n", 1)[1]  # the first line names the scenarios as their files do
    assert not _ENGLISH.search(body), body
    # Jiaxing Nanhu by rail today: the reason of the airport table's empty cell, not "unreachable"
    jxn = next(line for line in body.splitlines() if line.split()[1:2] == ["嘉兴南湖机场"])
    assert t("no_rail_route", "zh") in jxn and t("cmp_newly_reachable", "zh") in jxn
    assert main(["compare", "today", "plan-full", "--from", "zone_hq", "--mode", "rail"]) == 0
    jxn = next(line for line in capsys.readouterr().out.splitlines() if "Jiaxing Nanhu Airport" in line)
    assert t("no_rail_route", "en") in jxn and "unreachable" not in jxn


def test_indicators_in_either_language_name_places_in_that_language(capsys, shipped_data, shipped_net):
    """The English table had embedded Chinese names in its details ('over: 桐乡市中心 115 min') and had no
    --lang; the met column says what the app's indicator table says."""
    from wuzhen_geo.answers import plan_indicators

    rows = plan_indicators(shipped_net, shipped_data)
    assert main(["indicators"]) == 0
    out_en = capsys.readouterr().out
    assert not re.search(r"[\u4e00-\u9fff]", out_en), out_en
    assert main(["indicators", "--lang", "zh"]) == 0
    out_zh = capsys.readouterr().out
    assert not _ENGLISH.search(_body(out_zh).replace("units.geojson", "")), out_zh
    for row in rows.itertuples(index=False):
        line_en = next(line for line in out_en.splitlines() if line.strip().startswith(row.name_en)
                       and (not isinstance(row.to_id, str) or row.detail_en in line))
        assert t("met" if row.met else "not_met", "en") in line_en
        assert row.detail_zh in out_zh and row.name_zh in out_zh


def test_matrix_says_why_a_cell_is_empty_as_the_airport_table_does(capsys):
    """matrix printed 'unreachable' where the airports table says 'no sensible rail route'."""
    assert main(["matrix", "--from", "zone_hq", "--mode", "rail", "--to", "apt_jxn", "--to", "HGH"]) == 0
    row = capsys.readouterr().out.splitlines()[-1]
    assert t("no_rail_route", "en") in row and "unreachable" not in row


def test_matrix_and_isochrone_in_chinese(capsys):
    assert main(["matrix", "--from", "zone_hq", "--to", "HGH", "--to", "apt_jxn", "--mode", "rail",
                 "--lang", "zh"]) == 0
    out = capsys.readouterr().out
    assert not _ENGLISH.search(out), out
    assert t("no_rail_route", "zh") in out and "分钟" in out
    assert main(["isochrone", "--from", "zone_hq", "--breaks", "30,60", "--lang", "zh"]) == 0
    body = _body(capsys.readouterr().out)
    assert not _ENGLISH.search(body) and "60 分钟" in body, body


def test_coach_and_rail_reasons_and_json_legs_speak_chinese(capsys):
    """Under --lang zh the coach reason of `route` was English, `airports` shortened every reason to the
    table's cell words where --lang en gave the reason, and `route --json` gave its legs in English."""
    import json

    assert main(["route", "--from", "zone_hq", "--to", "PVG", "--mode", "coach", "--lang", "zh"]) == 1
    out = capsys.readouterr().out
    assert "下大巴之后还要驾车" in out and not _ENGLISH.search(_body(out)), out
    assert main(["airports", "--from", "zone_hq", "--lang", "zh"]) == 0
    out = capsys.readouterr().out
    assert "下大巴之后还要驾车" in out and "（自盐官站起）" in out
    assert main(["route", "--from", "zone_hq", "--to", "HGH", "--mode", "rail", "--lang", "zh", "--json"]) == 0
    legs = json.loads(capsys.readouterr().out)["legs_text"]
    assert "高铁" in legs and not _ENGLISH.search(legs), legs
