"""The baseline of ``benchmarks/app_speed.py``: a bare Streamlit page with one folium map (no tiles, Leaflet from
the app's own static files, so it works offline like the app)."""

import folium
import streamlit as st
from streamlit_folium import st_folium

from wuzhen_geo.maps.assets import localize_assets

st.title("Bare map")
m = folium.Map(location=[30.74, 120.49], zoom_start=9, tiles=None)
folium.PolyLine([[30.74, 120.49], [31.2, 121.3]], color="#c00").add_to(m)
localize_assets(m, "url")
st.toggle("A widget that does not change the map", key="bare_toggle")
st_folium(m, height=600, use_container_width=True, returned_objects=[], key="bare_map")
