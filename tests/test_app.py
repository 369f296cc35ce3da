"""The Streamlit app without a browser (``AppTest``): pages, language, URL state, errors shown cleanly.

AppTest cannot run JavaScript: whether the map really draws is checked in ``test_browser.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from wuzhen_geo.i18n import STRINGS, t
from wuzhen_geo.io import load_geodata

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "streamlit_app.py")
MINI = ROOT / "tests" / "fixtures" / "mini"


@pytest.fixture
def mini_env(monkeypatch):
    monkeypatch.setenv("WUZHEN_GEO_DATA", str(MINI))
    monkeypatch.chdir(ROOT)


def _run(query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at.run()


def _titles(at: AppTest) -> list[str]:
    return [el.value for el in at.title]


def test_overview_runs_in_both_languages(mini_env):
    at = _run({"lang": "en"})
    assert not at.exception
    assert _titles(at) == [t("page_overview", "en")]
    data = load_geodata(MINI, validate=False)
    assert t("counts", "en", places=len(data.places), links=len(data.links)) in [c.value for c in at.caption]
    assert at.query_params["lang"] == "en" and at.query_params["page"] == "overview"
    at.sidebar.segmented_control(key="wz_lang_widget").set_value("zh").run()
    assert not at.exception
    assert _titles(at) == [t("page_overview", "zh")]
    assert at.query_params["lang"] == "zh"


def test_unknown_query_values_fall_back_to_defaults(mini_env):
    at = _run({"lang": "fr", "page": "nowhere", "year": "abc"})
    assert not at.exception
    assert _titles(at) == [t("page_overview", "zh")]
    assert "year" not in at.query_params


def test_shared_url_opens_the_named_page(mini_env):
    at = _run({"page": "airports", "lang": "en"})
    assert not at.exception
    assert _titles(at) == [t("page_airports", "en")]
    assert at.query_params["page"] == "airports"


def test_year_toggle_is_mirrored_to_the_url(mini_env):
    at = _run({"lang": "en"})
    at.sidebar.toggle(key="ov_use_year").set_value(True).run()
    at.sidebar.slider(key="ov_year").set_value(2030).run()
    assert not at.exception
    assert at.query_params["year"] == "2030"
    at2 = _run({"lang": "en", "year": "2030"})  # the copied address restores the year
    assert at2.sidebar.slider(key="ov_year").value == 2030


def test_every_page_runs(mini_env):
    at = _run({"lang": "en"})
    for path in ("app_pages/airports.py", "app_pages/planner.py", "app_pages/presentation.py",
                 "app_pages/overview.py"):
        at.switch_page(path).run()
        assert not at.exception, path
        assert len(at.title) == 1, path


def test_broken_data_shows_a_message_not_a_traceback(tmp_path, monkeypatch):
    monkeypatch.setenv("WUZHEN_GEO_DATA", str(tmp_path / "missing"))
    monkeypatch.chdir(ROOT)
    at = _run({"lang": "en"})
    assert not at.exception  # no uncaught exception (which Streamlit would render as a traceback)
    errors = [e.value for e in at.error]
    assert errors and STRINGS["data_error"]["en"] in errors[0] and STRINGS["data_error"]["zh"] in errors[0]
    assert "missing" in errors[0]  # names the folder
