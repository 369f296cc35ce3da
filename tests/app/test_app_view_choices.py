"""A page's view choices (compared mode, planner map, departure period, contours) survive a reload: they are
mirrored to the URL, and an address that names one opens the page with it (``AppTest``)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.shared import REPO_ROOT
from wuzhen_geo.i18n import t

APP = str(REPO_ROOT / "streamlit_app.py")


@pytest.fixture
def mini_env(monkeypatch, mini_dir, repo_root):
    monkeypatch.setenv("WUZHEN_GEO_DATA", str(mini_dir))
    monkeypatch.chdir(repo_root)


def _open(query: dict[str, str]) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params.update(query)
    return at.run()


def _widget(at: AppTest, kind: str, key: str):
    return getattr(at, kind)(key=key)


# page, widget kind, widget key (English page), URL key, a choice other than the default
CHOICES = [
    ("planner", "radio", "pl_mode__en", "compare", "rail"),
    ("planner", "button_group", "pl_view_kind__en", "map", "side"),
    ("airports", "selectbox", "apt_depart__en", "depart", "am_peak"),
    ("airports", "radio", "apt_route_mode__en", "route_mode", "car"),
    ("presentation", "selectbox", "pr_zone__en", "contours", "zone_culture"),
    ("presentation", "radio", "pr_mode__en", "contour_mode", "car"),
]


@pytest.mark.parametrize(("page", "kind", "key", "url_key", "value"), CHOICES,
                         ids=[c[3] for c in CHOICES])
def test_a_view_choice_survives_a_reload(mini_env, page, kind, key, url_key, value):
    """The planner compared by rail, reloaded the page and compared by 'fastest' again without noticing."""
    at = _open({"page": page, "lang": "en"})
    assert not at.exception
    assert url_key not in at.query_params  # the default is not written
    _widget(at, kind, key).set_value(value).run()
    assert not at.exception
    assert at.query_params[url_key] == value

    reloaded = _open(dict(at.query_params))  # a reload: a new session from the same address
    assert not reloaded.exception
    assert _widget(reloaded, kind, key).value == value


def test_the_route_shown_survives_a_reload(mini_env, mini_data):
    """The airports page went back to the first airport."""
    airports = list(mini_data.places.index[mini_data.places["kind"] == "airport"])
    at = _open({"page": "airports", "lang": "en", "origin": "zacc_hq"})
    at.selectbox(key="apt_route_to__en").set_value(airports[-1]).run()
    assert at.query_params["route"] == airports[-1]
    reloaded = _open(dict(at.query_params))
    assert reloaded.selectbox(key="apt_route_to__en").value == airports[-1]


def test_the_one_hour_circle_survives_a_reload(monkeypatch, shipped_dir, shipped_data, repo_root):
    """The presentation lost its circle of people within an hour (the mini data has no population units)."""
    monkeypatch.setenv("WUZHEN_GEO_DATA", str(shipped_dir))
    monkeypatch.chdir(repo_root)
    at = _open({"page": "presentation", "lang": "en"})
    assert "circle" not in at.query_params
    at.sidebar.toggle(key="pr_circle").set_value(True).run()
    first = shipped_data.zones.index[0]
    at.sidebar.selectbox(key="pr_circle_from__en").set_value(first).run()
    assert at.query_params["circle"] == first
    reloaded = _open(dict(at.query_params))
    assert reloaded.sidebar.toggle(key="pr_circle").value is True
    assert reloaded.sidebar.selectbox(key="pr_circle_from__en").value == first
    at.sidebar.toggle(key="pr_circle").set_value(False).run()
    assert "circle" not in at.query_params  # off: the address does not ask for it


def test_a_view_choice_survives_a_change_of_language(mini_env):
    at = _open({"page": "airports", "lang": "en", "depart": "night"})
    assert at.selectbox(key="apt_depart__en").value == "night"
    at.sidebar.segmented_control(key="wz_lang_widget").set_value("zh").run()
    assert at.selectbox(key="apt_depart__zh").value == "night"
    assert at.query_params["depart"] == "night"


def test_a_view_choice_that_makes_no_sense_is_refused_and_said(mini_env):
    at = _open({"page": "planner", "lang": "en", "compare": "walk", "contours": "zone_nowhere"})
    assert not at.exception
    assert at.radio(key="pl_mode__en").value == "best"
    shown = " ".join(w.value for w in at.warning)
    assert t("address_refused", "en", items="'compare=walk', 'contours=zone_nowhere'") in shown.replace("\\", "")
    assert "compare" not in at.query_params and "contours" not in at.query_params

