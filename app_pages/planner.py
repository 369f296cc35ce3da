"""Planner page (being built)."""

from __future__ import annotations

import streamlit as st

from app_pages import common
from wuzhen_geo.i18n import t

lang = common.lang()
st.title(t("page_planner", lang))
st.info(t("not_ready", lang))
