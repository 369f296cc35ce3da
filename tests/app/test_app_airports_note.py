"""The airports page (``AppTest``): its Note column speaks for every empty cell of the table — coach and public
transport too — in the words of the cells beside it and with the language's colon; a place left out of the
network shown is "not in this network" (not "not in this year", which is wrong for a place with no opening year);
and a coordinate shared in the address opens in the coordinate box."""

from __future__ import annotations

import math

import pytest
from streamlit.testing.v1 import AppTest

from tests.shared import REPO_ROOT
from wuzhen_geo.i18n import label, t

APP = str(REPO_ROOT / "streamlit_app.py")
#: The table's minute columns and their modes, in the table's order.
COLUMNS = {"car": "col_car", "rail": "col_rail", "best": "col_best", "coach": "col_coach", "transit": "col_transit"}
PUNCTUATION = {"zh": ("：", "、", "；"), "en": (": ", ", ", "; ")}


@pytest.fixture
def shipped_env(monkeypatch, shipped_dir, repo_root):
    monkeypatch.setenv("WUZHEN_GEO_DATA", str(shipped_dir))
    monkeypatch.chdir(repo_root)


@pytest.fixture
def mini_env(monkeypatch, mini_dir, repo_root):
    monkeypatch.setenv("WUZHEN_GEO_DATA", str(mini_dir))
    monkeypatch.chdir(repo_root)


def _page(query: dict[str, str]) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params.update({"page": "airports", **query})
    return at.run()


def _table(at: AppTest, lang: str):
    return next(df.value for df in at.dataframe if t("col_note", lang) in df.value.columns)


def _empty(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _read_note(note: str, lang: str) -> dict[str, str]:
    """``{mode: reason}`` from a note such as "Car, rail: not in this network; Coach: no coach route"."""
    colon, comma, separator = PUNCTUATION[lang]
    names = {label("mode", mode, lang).lower(): mode for mode in COLUMNS}
    out: dict[str, str] = {}
    for part in note.split(separator) if note else []:
        assert part.count(colon) == 1, (part, note)
        modes, why = part.split(colon)
        for name in modes.split(comma):
            out[names[name.lower()]] = why
    return out


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_note_names_every_empty_cell_in_the_words_of_the_table(shipped_env, lang):
    at = _page({"lang": lang, "origin": "zone_hq"})
    assert not at.exception, at.exception
    table = _table(at, lang)
    empty_coach = 0
    for _, row in table.iterrows():
        note = row[t("col_note", lang)]
        if lang == "zh":
            assert ":" not in note and ";" not in note, note  # Chinese text takes the full-width marks
        said = _read_note(note, lang)
        empty = {mode for mode, column in COLUMNS.items() if _empty(row[t(column, lang)])}
        assert set(said) == empty, (row.to_dict(), said)
        empty_coach += "coach" in empty
        if "rail" in said and row[t("col_rail_via", lang)] in (t("no_rail_route", lang), t("unreachable", lang)):
            assert said["rail"] == row[t("col_rail_via", lang)]  # the next column's words
        if "coach" in said:
            assert said["coach"] == t("no_coach_route", lang)
    assert empty_coach > 0  # some airports have no scheduled coach from the HQ zone (WUX, Ningbo in the audit)


def test_a_place_with_no_opening_year_is_not_in_this_network_not_this_year(shipped_env, shipped_data):
    assert math.isnan(shipped_data.places.at["stn_wuzhen", "open_year"])  # the case: no year at all
    at = _page({"lang": "en", "origin": "stn_wuzhen"})
    assert not at.exception, at.exception
    for note in _table(at, "en")[t("col_note", "en")]:
        said = _read_note(note, "en")
        assert set(said) == set(COLUMNS) and set(said.values()) == {t("why_not_in_scenario", "en")}
        assert "year" not in note and "network" in note
    assert "年份" not in t("why_not_in_scenario", "zh")


def test_a_shared_coordinate_opens_in_the_coordinate_box(mini_env, mini_data):
    p = mini_data.places.geometry["city_tongxiang"]
    shared = f"{p.y:.4f},{p.x:.4f}"
    at = _page({"lang": "en", "origin": shared})
    assert not at.exception and not at.error
    assert at.radio(key="apt_how__en").value == "coord"
    assert at.text_input(key="apt_coord").value == shared
    assert at.radio(key="apt_system__en").value == "wgs84"
    stored = at.session_state["wz_origin"]
    assert [float(v) for v in stored.split(",")] == pytest.approx([p.y, p.x], abs=1e-4)
    assert len(_table(at, "en")) > 0


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_route_panel_says_why_there_is_no_rail_trip_in_the_pages_language(shipped_env, shipped_net, lang):
    # the Chinese page had said only 铁路：无合理的铁路方案, while the English one gave the reason and the trip
    from wuzhen_geo.answers import NoSensibleRailRoute, trip_answer

    with pytest.raises(NoSensibleRailRoute) as refused:
        trip_answer(shipped_net, "zone_hq", "apt_jxn", mode="rail")
    at = _page({"lang": lang, "origin": "zone_hq"})
    at.selectbox(key=f"apt_route_to__{lang}").set_value("apt_jxn").run()
    at.radio(key=f"apt_route_mode__{lang}").set_value("rail").run()
    assert not at.exception
    shown = [c.value.replace("\\", "") for c in at.caption]  # shown literally: Markdown escapes
    assert refused.value.text(lang) in shown
    words = ("无合理的铁路方案：", "所考虑的行程", "驾车") if lang == "zh" else ("no sensible rail route: ", "the trip considered")
    assert all(w in refused.value.text(lang) for w in words)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_route_panel_says_why_there_is_no_trip_in_the_tables_words(shipped_env, lang):
    """In 1990 no road reaches Hongqiao airport in the model; the route panel showed the model's own line,
    "poi_wuzhen_centre → apt_sha: unreachable by car in scenario 'today'", on the Chinese page too."""
    at = _page({"lang": lang, "origin": "poi_wuzhen_centre", "year": "1990"})
    next(e for e in at.selectbox if str(e.key).startswith("apt_route_to")).set_value("apt_sha").run()
    next(e for e in at.radio if str(e.key).startswith("apt_route_mode")).set_value("car").run()
    assert not at.exception
    row = _table(at, lang)
    note = row[row[t("airport", lang)].str.startswith("SHA")][t("col_note", lang)].iloc[0]
    said = [w.value.replace("\\", "") for w in at.warning]
    assert said and said[0] in note, (said, note)  # the table's words for the car cell
    assert "apt_sha" not in said[0] and "scenario" not in said[0]


@pytest.mark.parametrize("lang, pasted, words", [
    ("zh", "31.2, 120.2", "在太湖的水面上"), ("en", "31.2, 120.2", "lies on the water of Lake Tai"),
    ("zh", "31.2, 122.2", "在东海、杭州湾与长江口的水面上"), ("en", "31.2, 122.2", "lies on the water of East China Sea")])
def test_a_point_on_lake_tai_or_far_out_at_sea_is_refused_in_the_page_language(shipped_env, lang, pasted, words):
    """A pasted point on Lake Tai, or 30 km out at sea, was joined to the roads across the water and answered as
    if on the shore."""
    at = _page({"lang": lang})
    at.radio(key=f"apt_how__{lang}").set_value("coord").run()
    at.text_input(key="apt_coord").set_value(pasted).run()
    shown = " ".join(e.value for e in at.error).replace("\\", "")
    assert words in shown, shown
    assert at.session_state["wz_origin"] != pasted.replace(" ", "")  # not taken as the origin


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_route_by_public_transport_says_what_its_cell_says(shipped_env, lang):
    """From zone_hq to Jiaxing Nanhu the table said "Public transport: no sensible rail or coach route" and the
    route beside it "public transport: no sensible rail route"."""
    at = _page({"lang": lang, "origin": "zone_hq", "route": "apt_jxn", "route_mode": "transit"})
    assert not at.exception
    table = _table(at, lang)
    row = table[table.iloc[:, 0].str.contains("Jiaxing" if lang == "en" else "嘉兴")]
    note = _read_note(row[t("col_note", lang)].iloc[0], lang)
    shown = [w.value.replace("\\", "") for w in at.warning]
    assert shown == [label("mode", "transit", lang).capitalize() + PUNCTUATION[lang][0] + note["transit"]]
    assert any(t("no_rail_route", lang) in c.value.replace("\\", "") for c in at.caption)  # why by rail
