"""The map's fixed numbers and looks: view, zooms, colours, panes, shape styles, thinning."""

from __future__ import annotations

from typing import Any

MAP_CENTER = (35.05, 44.2)  # [lat, lon]: the middle of the federal-Peshmerga line
MAP_ZOOM = 7
FOCUS_ZOOM = 9
MAP_HEIGHT_PX = 600
SECTOR_LABEL_MIN_ZOOM = 8  # below it the sector names crowd each other
MAP_KEY = "gap_map"
WIDTH_STEP_KM = 0.5

GAP_PLACE_ID = "gap-zones"  # the place the gap band stands for
KRI_GOVERNORATES = frozenset({"IQG06", "IQG09", "IQG11"})  # Sulaymaniyah, Duhok, Erbil (COD-AB)

COLORS = {
    "gov_fill": "#f3f0e8",
    "kri_fill": "#e6edf5",
    "gov_line": "#9aa5b1",
    "outline": "#4f5b66",
    "river": "#3d85c6",
    "lake": "#a9cfe8",
    "place": "#b03a2e",
    "outskirts": "#e67e22",
    "hamrin": "#8d6e63",
    "gap": "#7d3c98",
}

# Panes decide what lies on top, and so what a click hits: the areas above the gap band (which
# is added last, into the overlay pane), the places above everything; labels never clickable.
AREAS_PANE = "gw_areas"
PLACES_PANE = "gw_places"


# --- display geometry --------------------------------------------------------------------

# Shapes are thinned for drawing (gapwatch.geometry.for_display): borders at most 250 m off,
# about a pixel at zoom 9 (FOCUS_ZOOM) and two at zoom 10; rivers and lakes, context only, 400
# m; coordinates to 3 decimals (~100 m). The basemap data itself has a vertex every ~3.5 km.
BORDER_TOLERANCE_M = 250.0
WATER_TOLERANCE_M = 400.0
BASEMAP_DECIMALS = 3
# A band is thinned by a share of its width (so a 1 km band keeps its shape), between these.
ZONE_TOLERANCE_SHARE = 0.1
ZONE_TOLERANCE_M = (25.0, 250.0)


STYLES: dict[str, dict[str, Any]] = {
    "gov": {"stroke": False, "fillColor": COLORS["gov_fill"], "fillOpacity": 0.75},
    "kri": {"stroke": False, "fillColor": COLORS["kri_fill"], "fillOpacity": 0.75},
    "gov_line": {"color": COLORS["gov_line"], "weight": 0.8, "interactive": False},
    "outline": {"color": COLORS["outline"], "weight": 1.6, "interactive": False},
    "lake": {
        "color": COLORS["river"],
        "weight": 0.6,
        "fillColor": COLORS["lake"],
        "fillOpacity": 0.9,
    },
    "river": {"color": COLORS["river"], "weight": 1.4, "opacity": 0.85},
    "river_quiet": {"color": COLORS["river"], "weight": 1.4, "opacity": 0.85, "interactive": False},
    "hamrin": {
        "stroke": False,
        "fillColor": COLORS["hamrin"],
        "fillOpacity": 0.3,
        "pane": AREAS_PANE,
    },
    "outskirts": {
        "color": COLORS["outskirts"],
        "weight": 1.2,
        "dashArray": "4 4",
        "fillColor": COLORS["outskirts"],
        "fillOpacity": 0.2,
        "pane": AREAS_PANE,
    },
    "gap_ref": {
        "color": COLORS["gap"],
        "weight": 1,
        "dashArray": "5 4",
        "fill": False,
        "opacity": 0.8,
        "interactive": False,
    },
    "gap": {"color": COLORS["gap"], "weight": 1.5, "fillColor": COLORS["gap"], "fillOpacity": 0.28},
    "place_exact": {
        "radius": 7,
        "color": "#ffffff",
        "weight": 2,
        "fillColor": COLORS["place"],
        "fillOpacity": 0.95,
        "pane": PLACES_PANE,
    },
    "place_approx": {
        "radius": 10,
        "color": COLORS["place"],
        "weight": 2,
        "dashArray": "3 3",
        "fillColor": COLORS["place"],
        "fillOpacity": 0.3,
        "pane": PLACES_PANE,
    },
}

# The words the map script puts under a governorate's, river's or lake's names (by index).
KINDS = ("map_governorate", "map_kri_governorate", "map_river", "map_lake")
