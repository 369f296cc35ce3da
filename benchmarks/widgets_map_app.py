"""A page of ``benchmarks/paint_floor.py``: the bare page's map with controls and tables of the kinds and number
the planner shows, and no computation. ``?order=`` puts the controls before the map (``before``, as the planner
does), after it (``after``), or after it following a pause of ``?pause=`` seconds (``pause``), which lets the
browser draw the map before the controls arrive."""

import time

import folium
import numpy as np
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from wuzhen_geo.maps.assets import localize_assets

order = st.query_params.get("order", "before")


def the_map() -> None:
    m = folium.Map(location=[30.74, 120.49], zoom_start=9, tiles=None)
    folium.PolyLine([[30.74, 120.49], [31.2, 121.3]], color="#c00").add_to(m)
    localize_assets(m, "url")
    st_folium(m, height=600, use_container_width=True, returned_objects=[], key="bare_map")


def controls() -> None:
    """The planner's controls, by kind and number (sidebar, projects, four edit tabs, edits, compare)."""
    with st.sidebar:
        st.selectbox("Start from", ["today", "plan-2030", "plan-full"], key="start")
        st.slider("Year", 2020, 2040, 2026, key="year")
        c1, c2 = st.columns(2)
        c1.button("Undo", key="undo")
        c2.button("Redo", key="redo")
    with st.expander("Plan projects", expanded=True):
        c1, c2, c3 = st.columns(3)
        for c, label in zip((c1, c2, c3), ("Scenario name", "Title (Chinese)", "Title (English)")):
            c.text_input(label, key=label)
        c1, c2 = st.columns(2)
        projects = [f"project {i}" for i in range(40)]
        c1.multiselect("Projects switched on", projects, key="on")
        c2.multiselect("Projects switched off", projects, key="off")
        st.radio("Service on planned lines", ["as promised", "conservative reading"], horizontal=True, key="reading")
        st.caption("Opening years not announced by the plans: …")
    places = [f"place {i}" for i in range(200)]
    for i, tab in enumerate(st.tabs(["Draw on the map", "Link two places", "Remove a link", "Speed / headway"])):
        with tab:
            c1, c2 = st.columns(2)
            c1.selectbox("From", places, key=f"from{i}")
            c2.selectbox("To", places, key=f"to{i}")
            c1.number_input("Speed (km/h)", 10.0, 400.0, 160.0, key=f"speed{i}")
            c2.number_input("Headway (min)", 1.0, 120.0, 30.0, key=f"headway{i}")
            st.selectbox("Mode", ["rail", "car"], key=f"mode{i}")
            st.button("Add link", key=f"add{i}")
    with st.expander("Current edits (0) and scenario file"):
        c1, c2 = st.columns(2)
        c1.download_button("Download", b"name: my-plan\n", file_name="my-plan.yaml", key="download")
        c2.file_uploader("Upload", type=["yaml"], key="upload")
    st.subheader("Before and after")
    st.radio("Compare travel by", ["fastest", "car", "rail"], horizontal=True, key="compare")
    st.caption("0 of 140 trips change")


def tables() -> None:
    """The planner's three tables under the map, by size."""
    numbers = pd.DataFrame(np.random.default_rng(0).integers(0, 200, (140, 9)), columns=[f"c{i}" for i in range(9)])
    st.toggle("Only changes", key="only_changes")
    st.dataframe(numbers, hide_index=True, key="trips")
    st.subheader("People within reach")
    st.dataframe(numbers.head(6), hide_index=True, key="people")
    st.subheader("Plan targets")
    st.dataframe(numbers.head(12), hide_index=True, key="targets")


st.title("Bare map with the planner's controls")
if order == "before":
    controls()
    the_map()
else:
    the_map()
    if order == "pause":
        time.sleep(float(st.query_params.get("pause", "0.3")))
    controls()
tables()
