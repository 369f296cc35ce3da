"""The Projects page (project appraisal) in a real browser, offline, on the mini data: it loads, runs the sweep,
draws the ranking chart (Streamlit's own Vega-Lite, no CDN) and logs no error."""

from __future__ import annotations

import pytest
from tests.app.test_browser import _shot, _wait_idle, browser_context, page, serve_app  # noqa: F401

from wuzhen_geo.i18n import t

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def app_url(tmp_path_factory, mini_dir, repo_root):
    """The app on the mini data, with its appraisal cache in a fresh folder."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("WUZHEN_GEO_CACHE", str(tmp_path_factory.mktemp("appraisal-cache")))
        with serve_app(repo_root, tmp_path_factory.mktemp("server"), mini_dir) as url:
            yield url


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_projects_page_ranks_the_projects_offline(page, app_url, lang):  # noqa: F811
    page.goto(f"{app_url}/projects?lang={lang}")
    page.get_by_role("heading", name=t("page_projects", lang)).wait_for(timeout=60_000)
    chart = page.locator('[data-testid="stVegaLiteChart"]')
    chart.wait_for(timeout=90_000)
    _wait_idle(page, timeout_s=60)
    # The mini data's one project, the airport HSR, adds railway km in Tongxiang: the first indicator shown.
    assert chart.locator("canvas, svg").count() > 0
    body = page.locator("body").inner_text()
    km = t("appr_unit_km", lang)  # units in the page's language (the Chinese page said "km" and "min")
    assert f"23.8 {km}" in body and f"27.8 {km}" in body and f"+4.0 {km}" in body
    assert lang == "en" or " km" not in body
    assert t("appr_method_exact", lang, n=1) in body
    assert t("appr_table_note", lang) in body  # the chart's sign (improvement) and the table's (change) said
    _shot(page, f"projects_{lang}")
    page.watch.assert_clean()
