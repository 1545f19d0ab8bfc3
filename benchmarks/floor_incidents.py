"""Feature floor for /incidents: one of each element type the page needs, with six events.

The gap-width slider, one metric, the map with the band drawn as the page draws it (a
polygon in the band's colour, sent with ``feature_group_to_add``), one plotly chart with the
band as a shape named ``band``, and one table. Navigation → interactive map here, against the
one-map floor, is what those element types cost before any data; a width change here
(slider → band redrawn on the map and in the chart), against the blank page's round trip, is
the least that interaction can take. Both are measured like Gap Watch's incidents page
(``benchmarks/trace.py --pages floors``).
"""

from __future__ import annotations

import folium
import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from streamlit_folium import st_folium

from benchmarks.page_js import BAND_FILL
from components.assets import offline_map
from components.map.constants import WIDTH_STEP_KM
from gapwatch.geometry import GAP_MAX_KM, GAP_MIN_KM

#: Six events: distance from the line (km) and deaths.
EVENTS = pd.DataFrame(
    {"distance_km": [0.5, 2.0, 4.5, 7.9, 12.0, 30.0], "deaths": [1, 0, 3, 2, 0, 5]}
)
KM_PER_DEGREE = 111.0

width = st.slider(
    "Band width (km)", min_value=GAP_MIN_KM, max_value=GAP_MAX_KM, value=10.0, step=WIDTH_STEP_KM
)
half = width / 2
st.metric("Events inside the band", int((EVENTS["distance_km"] <= half).sum()))
band = folium.FeatureGroup(name="band")
d = half / KM_PER_DEGREE  # a band along the 35.5° N parallel, `width` km across
folium.Polygon(
    [[35.5 - d, 43.0], [35.5 - d, 45.5], [35.5 + d, 45.5], [35.5 + d, 43.0]],
    color=BAND_FILL,
    fill=True,
    fill_color=BAND_FILL,
).add_to(band)
st_folium(
    offline_map(location=[35.6, 44.2], zoom_start=7, control_scale=True),
    key="map",
    feature_group_to_add=band,
    returned_objects=[],
    use_container_width=True,
    render=False,
)
figure = go.Figure(go.Histogram(x=EVENTS["distance_km"], xbins={"size": 2}))
figure.add_shape(type="rect", x0=0, x1=half, y0=0, y1=1, yref="paper", name="band", opacity=0.2)
st.plotly_chart(figure, key="histogram")
st.dataframe(EVENTS)
