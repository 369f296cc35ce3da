"""Pages that follow the shared scenario and year, and say in the page's language why a place is not in the
network shown (``AppTest``, on the shipped data)."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from streamlit.testing.v1 import AppTest

import wuzhen_geo as wz
import wuzhen_geo.maps
from wuzhen_geo.i18n import name
from wuzhen_geo.maps import people_text
from wuzhen_geo.model import build_network, shipped_scenarios, with_year

SCENARIO, YEAR = "plan-full", 2035


@pytest.fixture
def shipped_env(monkeypatch, repo_root, shipped_dir):
    monkeypatch.setenv("WUZHEN_GEO_DATA", str(shipped_dir))
    monkeypatch.chdir(repo_root)


def _open(repo_root, **query: str) -> AppTest:
    at = AppTest.from_file(str(repo_root / "streamlit_app.py"), default_timeout=300)
    at.query_params.update(query)
    return at.run()


def _people(data, scenario, origin: str, mode: str) -> str:
    """The 1-hour circle's head count, as the page words it, straight from the package."""
    area = wz.reach_area(build_network(data, scenario), origin, budget=60, mode=mode)
    return people_text(float(area["people"].iloc[0]), "en")


def test_the_presentation_counts_the_people_of_the_shared_scenario(shipped_env, repo_root, shipped_data):
    at = _open(repo_root, page="presentation", lang="en", scenario=SCENARIO, year=str(YEAR))
    at.sidebar.toggle(key="pr_circle").set_value(True).run()
    assert not at.exception and not at.error
    origin, mode = at.sidebar.selectbox(key="pr_circle_from__en").value, at.sidebar.radio(key="pr_mode__en").value
    plan = with_year(shipped_scenarios(shipped_data)[SCENARIO], YEAR)
    want = _people(shipped_data, plan, origin, mode)
    today = _people(shipped_data, with_year(None, YEAR), origin, mode)
    assert want != today  # else this test could not tell the two networks apart
    shown = [m.value for m in at.metric]
    assert shown == [want], (shown, want, today)
    # the page says which network it shows, as the slide does
    title = name({"name_zh": plan.title_zh, "name_en": plan.title_en}, "en")
    captions = [c.value.replace("\\", "") for c in at.caption]  # shown literally: punctuation escaped
    assert any(title in c and str(YEAR) in c for c in captions), captions
    assert at.query_params["scenario"] == SCENARIO and at.query_params["year"] == str(YEAR)  # still shared


def test_the_presentation_exports_the_shared_scenario(shipped_env, repo_root, monkeypatch):
    """The slide and the timeline are drawn from the scenario the page shows (the exporters are stubbed:
    this checks what the page asks for, not Chromium)."""
    asked: dict[str, dict] = {}

    def slide(data, fmt, **kwargs):
        asked["slide"] = kwargs
        return b"slide"

    def timeline(data, years, **kwargs):
        asked["timeline"] = {"years": list(years), **kwargs}
        out = io.BytesIO()
        Image.new("RGB", (4, 4)).save(out, format="GIF")
        return out.getvalue()

    monkeypatch.setattr(wuzhen_geo.maps, "find_chromium", lambda: "chromium")
    monkeypatch.setattr(wuzhen_geo.maps, "render_slide", slide)
    monkeypatch.setattr(wuzhen_geo.maps, "timeline_gif", timeline)
    at = _open(repo_root, page="presentation", lang="en", scenario="plan-2030", year="2031")
    at.button(key="pr_make_png").click().run()
    assert not at.exception and not at.error
    assert asked["slide"]["scenario"].name == "plan-2030" and asked["slide"]["year"] == 2031
    at.button(key="pr_make_timeline").click().run()
    assert not at.exception and not at.error
    assert asked["timeline"]["scenario"].name == "plan-2030"
    title = asked["timeline"]["scenario"].title_en
    # the caption under the animation names the scenario as well as the years
    assert any(title in c.value.replace("\\", "") and "–" in c.value for c in at.caption), [c.value for c in at.caption]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_place_not_in_the_network_is_explained_in_the_page_language(shipped_env, repo_root, shipped_data, lang):
    place = "stn_wuzhen"  # proposed, no opening year in the data
    assert shipped_data.places.at[place, "open_year"] != shipped_data.places.at[place, "open_year"]  # NaN
    at = _open(repo_root, page="airports", lang=lang, origin=place)
    assert not at.exception
    text = " ".join(w.value for w in at.warning).replace("\\", "")
    assert shipped_data.places.at[place, f"name_{lang}"] in text
    projects = [p for p in shipped_data.projects if place in (p.get("members") or [])]
    assert projects and all(name(p, lang) in text for p in projects)
    for raw in ("nan", "open_year", place, "pick a later year", "is not in scenario"):
        assert raw not in text, raw
    if lang == "zh":
        assert "尚无开通年份" in text
    else:
        assert "has no opening year" in text


@pytest.mark.parametrize("page,key", [("airports", "apt_scenario__en"), ("presentation", "pr_scenario__en"),
                                      ("planner", "pl_base__en")])
def test_today_is_offered_once(shipped_env, repo_root, page, key):
    """A box that starts with "Today's network" does not also offer the shipped "Today (2026)" scenario,
    which is the same network: the same choice twice."""
    at = _open(repo_root, page=page, lang="en")
    box = at.selectbox(key=key)
    labels = [str(o) for o in box.options]
    assert labels[0].startswith("Today's network"), labels
    assert not any(label.startswith("Today (2026)") for label in labels), labels
    assert len(labels) >= 3  # the plans are still offered


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_projects_page_lists_the_plan_projects_with_their_year_basis(shipped_env, repo_root, shipped_data, lang):
    from wuzhen_geo.answers import project_table
    from wuzhen_geo.i18n import t

    at = _open(repo_root, page="projects", lang=lang)
    assert not at.exception
    assert at.expander[0].label == t("proj_list", lang)
    shown = [d.value for d in at.dataframe if t("proj_col_modelled", lang) in d.value.columns]
    assert len(shown) == 1
    frame, expected = shown[0], project_table(shipped_data, lang)
    assert len(frame) == len(shipped_data.projects)
    assert list(frame[t("f_year", lang)]) == list(expected["year"])  # the year and its basis, as the package says
    assert list(frame[t("f_note_zh", lang)]) == list(expected["note"])


def test_contours_say_why_an_airport_can_lie_in_the_band_below_its_table_minutes(shipped_env, repo_root):
    """From zone_hq, Hongqiao lay inside the 90 min car band while the airport table said 94: the table adds the
    drop-off at the terminal. The page says so whenever contours are drawn."""
    at = _open(repo_root, page="presentation", lang="en")
    assert not any("drop off or park" in c.value for c in at.caption)
    at.selectbox(key="pr_zone__en").set_value("zone_hq").run()
    assert not at.exception
    assert any("drop off or park" in c.value and "10 min" in c.value for c in at.caption)


def test_the_presentation_keeps_its_choices_across_a_change_of_language(shipped_env, repo_root):
    """After a switch to Chinese the contour-mode radio showed nothing chosen, the zone box and the label
    kinds kept their English words, while the map still used the old choices."""
    at = _open(repo_root, page="presentation", lang="en")
    at.sidebar.selectbox(key="pr_zone__en").set_value("zone_culture").run()
    at.sidebar.radio(key="pr_mode__en").set_value("rail").run()
    at.sidebar.multiselect(key="pr_label_kinds__en").set_value(["airport", "station"]).run()
    at.button_group(key="wz_lang_widget").set_value("zh").run()  # the sidebar's 中文 / English switch
    assert not at.exception and not at.error
    assert at.sidebar.selectbox(key="pr_zone__zh").value == "zone_culture"
    assert at.sidebar.radio(key="pr_mode__zh").value == "rail"
    assert at.sidebar.multiselect(key="pr_label_kinds__zh").value == ["airport", "station"]
