"""The incidents map: the app's base map and gap band, with the incidents on top.

Pure builders (`build_*`) return folium layers, tested on what they hold; `render_incident_map`
is the only code here that calls Streamlit. The base map and the gap band are the Map page's
own (`components.gap_map`), so both pages draw the same line, band and places.

How the incidents are drawn, so the map stays light at 100,000 events:

- **Hexagons** from the core's aggregation (`gapwatch.incidents.aggregate`, `HEX_SIZE_KM`
  from centre to corner), coloured by the
  number of events or by fatalities in six viridis classes (colour-blind safe, ordered light to
  dark). Their size does not depend on the number of events, so neither does the payload.
- **Single events** with their source text are sent only when few are selected
  (`POINTS_MAX`): then they appear from `CLOSE_ZOOM` on, over faded hexagons (and at every
  zoom when there are at most `POINTS_ALWAYS`). When more are selected, clicking a hexagon
  lists its events under the map and draws them as points.
- **Zooming and panning never reach the server**: the switch between hexagons and points is
  done in the browser by the layer's own script, on Leaflet's `zoomend`. The layers change
  only through `feature_group_to_add`, so the base map (and the reader's zoom) stays mounted.

Every text put into the map goes through `components.html.escape_for_map`; a cell's id rides
in its tooltip as a hidden token (`[[cell:...]]`) so a click maps back to the cell.

The parts: `scale` (sizes, limits, colour classes), `tooltips`, `layers` (the pure builders)
and `render` (Streamlit).
"""

from components.incident_map.layers import (
    CELL_STYLE,
    CellShapes,
    IncidentLegend,
    IncidentPoints,
    build_cell_shapes,
    build_incident_layer,
    legend_html,
    line_band_shape,
    point_rows,
)
from components.incident_map.render import INCIDENT_MAP_KEY, render_incident_map
from components.incident_map.scale import (
    CELL_DECIMALS,
    CLOSE_ZOOM,
    COLOUR_BY,
    HEX_SIZE_KM,
    PALETTE,
    POINTS_ALWAYS,
    POINTS_MAX,
    Classes,
    colour_classes,
)
from components.incident_map.tooltips import (
    TOOLTIP_SOURCE_CHARS,
    cell_id_from_tooltip,
    cell_token,
    event_tooltip,
)

__all__ = [
    "CELL_DECIMALS",
    "CELL_STYLE",
    "CLOSE_ZOOM",
    "COLOUR_BY",
    "HEX_SIZE_KM",
    "INCIDENT_MAP_KEY",
    "PALETTE",
    "POINTS_ALWAYS",
    "POINTS_MAX",
    "TOOLTIP_SOURCE_CHARS",
    "CellShapes",
    "Classes",
    "IncidentLegend",
    "IncidentPoints",
    "build_cell_shapes",
    "build_incident_layer",
    "cell_id_from_tooltip",
    "cell_token",
    "colour_classes",
    "event_tooltip",
    "legend_html",
    "line_band_shape",
    "point_rows",
    "render_incident_map",
]
