"""Framework floor: one empty folium map through ``st_folium``, nothing else.

Leaflet is served by the app (``components.assets.offline_map``), as Gap Watch does: with no
internet a CDN-loaded map never appears, so there is no lower floor here. It returns no
objects (``returned_objects=[]``), so zooming and panning need not rerun the script.
"""

from __future__ import annotations

from streamlit_folium import st_folium

from components.assets import offline_map

st_folium(
    offline_map(location=[35.6, 44.2], zoom_start=7, control_scale=True),
    key="map",
    returned_objects=[],
    use_container_width=True,
)
