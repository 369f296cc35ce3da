"""The airports page at night (``?depart=night``): no train or coach runs, the table drives, and the route
says why not by rail, in both languages (``AppTest``, shipped data)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.shared import REPO_ROOT
from wuzhen_geo.i18n import t

APP = str(REPO_ROOT / "streamlit_app.py")


def _open(query: dict[str, str]) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=240)
    at.query_params.update(query)
    return at.run()


def test_a_night_trip_by_rail_says_no_train_runs_and_why(monkeypatch, shipped_dir, repo_root):
    """At night the airports page showed rail times as by day; now it drives, and the rail route says why not."""
    monkeypatch.setenv("WUZHEN_GEO_DATA", str(shipped_dir))
    monkeypatch.chdir(repo_root)
    for lang in ("en", "zh"):
        at = _open({"page": "airports", "lang": lang, "origin": "zone_hq", "depart": "night"})
        table = next(df.value for df in at.dataframe if t("col_coach", lang) in df.value.columns)
        assert table[t("col_rail", lang)].isna().all() and table[t("col_coach", lang)].isna().all()
        assert (table[t("col_best", lang)] == table[t("col_car", lang)]).all()
        at.radio(key=f"apt_route_mode__{lang}").set_value("rail").run()
        assert not at.exception
        shown = " ".join(w.value for w in at.warning).replace("\\", "")
        assert t("no_service_at_night", lang) in shown
