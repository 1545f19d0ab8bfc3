"""The incidents map on the page: the only code of the map that calls Streamlit."""

from __future__ import annotations

import copy
from collections.abc import Sequence

import folium
import streamlit as st
from streamlit_folium import st_folium

from components.compat import Layers
from components.incident_map.tooltips import cell_id_from_tooltip
from components.map.constants import MAP_HEIGHT_PX
from gapwatch.i18n import Lang

INCIDENT_MAP_KEY = "incident_map"


def render_incident_map(
    base_map: folium.Map, layers: Sequence[folium.FeatureGroup], lang: Lang
) -> str | None:
    """Show the map with `layers` on the base map; return the cell just clicked (or None).

    Only a click's tooltip and counter come back, so zooming and panning rerun nothing; the
    base map is a private copy of the cached one (st_folium changes what it is given).
    """
    last_key = f"{INCIDENT_MAP_KEY}_last_click"
    result = st_folium(
        copy.deepcopy(base_map),
        key=f"{INCIDENT_MAP_KEY}_{lang}",
        height=MAP_HEIGHT_PX,
        use_container_width=True,
        returned_objects=["last_object_clicked_tooltip", "last_object_clicked_count"],
        feature_group_to_add=list(layers),
        layer_control=Layers(collapsed=True),
        render=False,
    )
    result = result or {}
    tooltip = result.get("last_object_clicked_tooltip")
    click = (result.get("last_object_clicked_count"), tooltip)
    if click == st.session_state.get(last_key):
        return None
    st.session_state[last_key] = click
    return cell_id_from_tooltip(tooltip)
