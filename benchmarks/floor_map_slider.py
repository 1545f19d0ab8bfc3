"""Feature floor for /map: one empty map and the gap-width slider, nothing else.

The least a page can have and still let a reader choose the band's width beside the map (the
Map page's core feature). Its navigation → interactive map, against the one-map floor's
(``floor_map.py``), is what one widget costs in Streamlit before Gap Watch adds anything:
each element type's code is a lazily loaded chunk, and the map's reveal waits for them.
"""

from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

from components.assets import offline_map
from components.map.constants import WIDTH_STEP_KM
from gapwatch.geometry import GAP_MAX_KM, GAP_MIN_KM

st.slider(
    "Band width (km)", min_value=GAP_MIN_KM, max_value=GAP_MAX_KM, value=10.0, step=WIDTH_STEP_KM
)
st_folium(
    offline_map(location=[35.6, 44.2], zoom_start=7, control_scale=True),
    key="map",
    returned_objects=[],
    use_container_width=True,
)
