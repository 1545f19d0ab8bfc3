"""The incidents map on the page: the only code of the incidents map that calls Streamlit."""

from __future__ import annotations

from collections.abc import Sequence

import folium

from components.incident_map.tooltips import cell_id_from_tooltip
from components.map.render import show_folium
from gapwatch.i18n import Lang

INCIDENT_MAP_KEY = "incident_map"


def render_incident_map(
    base_map: folium.Map, layers: Sequence[folium.FeatureGroup], lang: Lang
) -> str | None:
    """Show the map with ``layers`` on the base map; return the cell just clicked (or None).

    Zooming and panning rerun nothing (see ``show_folium``)."""
    tooltip = show_folium(
        base_map,
        layers,
        key=f"{INCIDENT_MAP_KEY}_{lang}",
        click_key=f"{INCIDENT_MAP_KEY}_last_click",
    )
    return cell_id_from_tooltip(tooltip)
