"""wuzhen_geo in the browser: ``streamlit run serve.py`` (as ``scripts/start.sh`` does; ``streamlit run
streamlit_app.py`` serves the same app, its pages a little slower to connect).

UI only: the pages in ``app_pages/`` arrange widgets and call the ``wuzhen_geo`` package. Shared state
(page, language, origin, scenario, year) is mirrored to the URL so that a view can be shared by its address.
"""

from __future__ import annotations

import streamlit as st

from app_pages import common
from wuzhen_geo.i18n import t
from wuzhen_geo.maps import static_dir

# A local icon: a Material or emoji icon would make the browser fetch a favicon from the internet.
st.set_page_config(
    page_title="乌镇·桐乡 Wuzhen · Tongxiang", page_icon=str(static_dir() / "app" / "icon.png"), layout="wide"
)

common.init_state()
lang = common.language_switch()

pages = {
    key: st.Page(path, title=t(title_key, lang), icon=icon, url_path=key, default=(key == "overview"))
    for key, (path, title_key, icon) in common.PAGES.items()
}
nav = st.navigation(list(pages.values()))

# A shared link may name its page in ?page=…; honour it once, on the session's first run (a page in the
# URL path, e.g. /airports, is already the current page).
# The default page (the overview) has an empty URL path: it is no switch, which would cost a second run.
wanted = st.query_params.get("page")
current = nav.url_path or "overview"
if not st.session_state.get("_wz_page_applied"):
    st.session_state["_wz_page_applied"] = True
    if wanted in pages and wanted != current:
        st.switch_page(pages[wanted])
st.session_state["wz_page"] = current if current in pages else "overview"
common.note_view(st.session_state["wz_page"])

st.sidebar.caption(t("app_title", lang))
common.refused_address_notice()
common.sync_query_params()
nav.run()
common.sync_query_params()
