"""The app's web server: ``streamlit run serve.py`` serves ``streamlit_app.py`` with two fixes to a page's first
paint and one to its words (``app_pages/serving.py``); ``streamlit run streamlit_app.py`` still serves the same
app, without them.

* A page opened at its own address (``/planner``, ``/airports``, ``/presentation``) first looked for the server
  under that address, got a 404, waited 100 ms and then found it at ``/`` (streamlit/streamlit#7074). Each page
  now says in its HTML where the server is (``window.__streamlit.BACKEND_BASE_URL``, read by Streamlit's script).
* The map component's script (225 KB) was fetched again for every map: the browser may now keep it.
* Streamlit's select box offered a typed value (a pasted coordinate) as "Add: …" in English on a Chinese page:
  the page's own word now stands in its place.
"""

from __future__ import annotations

import streamlit as st
from starlette.middleware import Middleware

from app_pages.serving import CacheNamedByContent, ScriptsInPage

app = st.App("streamlit_app.py", middleware=[Middleware(ScriptsInPage), Middleware(CacheNamedByContent)])
