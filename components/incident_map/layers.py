"""The incidents map's layer: hexagons coloured by count or fatalities, their legend, single
events drawn in the browser close in, and the band around an uploaded line (pure builders)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import branca.element
import folium
import pandas as pd
from jinja2 import Template
from shapely.geometry import Polygon

from components.compat import Group
from components.html import escape_html
from components.incident_charts import COLOURS
from components.incident_map.scale import (
    CELL_DECIMALS,
    CLOSE_ZOOM,
    COLOUR_BY,
    PALETTE,
    POINTS_ALWAYS,
    Classes,
    colour_classes,
)
from components.incident_map.tooltips import cell_tooltip, event_tooltip
from components.map.elements import ScriptLiteral, Shape, Shapes, js_value, shape_features
from components.map.gap import ZoneShape, zone_shape
from gapwatch.encoding import encode_geometry
from gapwatch.geodata import ReferenceGeo
from gapwatch.geometry import DerivedZone, area_km2
from gapwatch.i18n import Lang, direction, t
from gapwatch.incidents.aggregate import Cell
from gapwatch.incidents.lines import Line, band_geometry
from gapwatch.model import Bilingual


class _MapScript(branca.element.MacroElement):
    """A script that runs inside a layer group (`g`) and needs its map (`m`): written into the
    figure as text (no Leaflet object of its own). The script has no `_` in it: st_folium
    renames `_xyz` suffixes in what it sends."""

    def render(self, **kwargs: Any) -> str:
        figure = self.get_root()
        assert isinstance(figure, branca.element.Figure), "render the map's figure"
        script = self._template.module.__dict__["script"]
        figure.script.add_child(branca.element.Element(script(self, kwargs)), name=self.get_name())
        return ""


class IncidentPoints(_MapScript):
    """Single events as circles (inside the band vermillion, outside blue; exact solid,
    approximate a dashed ring), shown close in (or always), over faded hexagons. The zoom
    switch runs in the browser: no server round trip on zoom."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "(function (g, m, d) {\n"
        "var pts = L.featureGroup();\n"
        "d.p.forEach(function (p) {\n"
        "L.circleMarker([p[0], p[1]], d.s[p[2]]).bindTooltip(p[3], {sticky: true}).addTo(pts);\n"
        "});\n"
        "function update() {\n"
        "if (!m.hasLayer(g)) { return; }\n"
        "var close = d.always || m.getZoom() >= d.z;\n"
        "if (close && !g.hasLayer(pts)) { g.addLayer(pts); }\n"
        "if (!close && g.hasLayer(pts)) { g.removeLayer(pts); }\n"
        "g.eachLayer(function (l) { if (l !== pts && l.eachLayer) { l.eachLayer(function (c) {\n"
        "if (c.setStyle) { c.setStyle({fillOpacity: close ? d.faded : d.full}); } }); } });\n"
        "}\n"
        'g.on("add", function () { m.on("zoomend", update); update(); });\n'
        'g.on("remove", function () { m.off("zoomend", update); });\n'
        "})({{ this._parent.get_name() }}, {{ this._parent._parent.get_name() }}, "
        "{{ this.data_js }});\n"
        "{% endmacro %}"
    )

    def __init__(
        self,
        points: Sequence[list[Any]],
        styles: Sequence[dict[str, Any]],
        *,
        always: bool,
        close_zoom: int = CLOSE_ZOOM,
    ) -> None:
        super().__init__()
        self._name = "IncidentPoints"
        self.points = tuple(points)
        self.always = always
        self.close_zoom = close_zoom
        self.data_js = js_value(
            {
                "p": list(points),
                "s": list(styles),
                "always": int(always),
                "z": close_zoom,
                "faded": 0.15,
                "full": CELL_STYLE["fillOpacity"],
            }
        )


class IncidentLegend(_MapScript):
    """The colour key of the hexagons as a map control that comes and goes with the layer."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "(function (g, m, html) {\n"
        'var c = L.control({position: "bottomright"});\n'
        'c.onAdd = function () { var div = L.DomUtil.create("div", "gw-legend");\n'
        "div.innerHTML = html; L.DomEvent.disableClickPropagation(div); return div; };\n"
        'g.on("add", function () { c.addTo(m); });\n'
        'g.on("remove", function () { c.remove(); });\n'
        "})({{ this._parent.get_name() }}, {{ this._parent._parent.get_name() }}, "
        "{{ this.html_js }});\n"
        "{% endmacro %}"
    )

    def __init__(self, html: str) -> None:
        super().__init__()
        self._name = "IncidentLegend"
        self.html = html
        self.html_js = js_value(html)


CELL_STYLE: dict[str, Any] = {
    "color": "#ffffff",
    "weight": 0.6,
    "opacity": 0.9,
    "fillOpacity": 0.72,
}
_POINT_STYLES = [
    # exact inside, approximate inside, exact outside, approximate outside
    style
    for colour in (COLOURS["inside"], COLOURS["outside"])
    for style in (
        {"radius": 5, "color": "#ffffff", "weight": 1, "fillColor": colour, "fillOpacity": 0.95},
        {"radius": 6, "color": colour, "weight": 2, "dashArray": "2 2", "fillOpacity": 0.15},
    )
]


def legend_html(classes: Classes, colour_by: str, lang: Lang) -> str:
    """The hexagons' colour key and the points' key (escaped HTML). The data's attribution is
    in Leaflet's attribution control, carried by the hexagons' layer."""
    rows = "".join(
        f'<li><span class="gw-sw" style="background:{PALETTE[i]}"></span>'
        f"<span>{escape_html(label)}</span></li>"
        for i, label in enumerate(classes.labels(lang))
    )
    points = "".join(
        f'<li><span class="gw-sw" style="{css}"></span><span>{escape_html(t(key, lang))}</span>'
        "</li>"
        for css, key in (
            (
                f"background:{COLOURS['inside']};border-radius:50%;flex-basis:12px",
                "inc_map_lg_inside",
            ),
            (
                f"background:{COLOURS['outside']};border-radius:50%;flex-basis:12px",
                "inc_map_lg_outside",
            ),
            ("border:2px dashed #5b6670;border-radius:50%;flex-basis:12px", "inc_map_lg_approx"),
        )
    )
    return (
        f'<details open dir="{direction(lang)}" lang="{lang}">'
        f"<summary>{escape_html(t(f'inc_map_lg_{colour_by}', lang))}</summary>"
        f"<ul>{rows}</ul><ul>{points}</ul></details>"
    )


def point_rows(events: pd.DataFrame, width_km: float, lang: Lang) -> list[list[Any]]:
    """`[lat, lon, style index, tooltip]` for each placed event (Leaflet order: lat first)."""
    rows = []
    half = width_km / 2
    records: Iterable[Any] = events.itertuples(index=False)  # typed loosely by pandas-stubs
    for row in records:
        style = (0 if row.distance_km <= half else 2) + (0 if row.precision == "exact" else 1)
        rows.append(
            [
                round(float(row.lat), 5),
                round(float(row.lon), 5),
                style,
                event_tooltip(row, width_km, lang),
            ]
        )
    return rows


@dataclass(frozen=True)
class CellShapes:
    """The hexagons as drawn (geometry encoded, tooltip written) and their colour classes:
    they depend on the cells, the colouring and the language, not on the band's width, so
    the page builds them once per filter and reuses them on every width change."""

    shapes: tuple[Shape, ...]
    classes: Classes
    #: The shapes written for the map's script once (`shape_features`), not on every width
    #: change: ~20 ms a run at 2,000 hexagons.
    features: ScriptLiteral


def build_cell_shapes(cells: Sequence[Cell], colour_by: str, lang: Lang) -> CellShapes:
    """The hexagons coloured by `colour_by` ("count" or "fatalities"), ready to draw."""
    if colour_by not in COLOUR_BY:
        raise ValueError(f"colour_by must be one of {COLOUR_BY}, got {colour_by!r}")
    values = [c.count if colour_by == "count" else c.fatalities_best for c in cells]
    classes = colour_classes(values)
    shapes = tuple(
        Shape(
            cell.id,
            polygon,
            style=classes.of(value),
            tooltip=cell_tooltip(cell, lang),
            encoded=encode_geometry(polygon, CELL_DECIMALS),
        )
        for cell, value in zip(cells, values, strict=True)
        for polygon in (Polygon(cell.ring),)
    )
    return CellShapes(shapes, classes, shape_features(shapes, CELL_DECIMALS))


def build_incident_layer(
    cells: Sequence[Cell] | CellShapes,
    points: pd.DataFrame | None,
    *,
    colour_by: str,
    width_km: float,
    lang: Lang,
    attribution: str,
    always_points: bool = False,
) -> folium.FeatureGroup:
    """The incidents as one layer: hexagons coloured by `colour_by` ("count" or
    "fatalities"; or already built by `build_cell_shapes`), a legend, and the single events
    in `points` (None: too many to send).

    The attribution (e.g. UCDP's citation) rides on the layer, so Leaflet's attribution
    control shows it whenever the incidents are on the map, and in the legend.
    """
    built = cells if isinstance(cells, CellShapes) else build_cell_shapes(cells, colour_by, lang)
    shapes, classes, features = built.shapes, built.classes, built.features
    styles = [CELL_STYLE | {"fillColor": colour} for colour in PALETTE]
    group = Group(name=t("inc_map_layer", lang))
    if shapes:
        Shapes(
            shapes,
            styles,
            decimals=CELL_DECIMALS,
            attribution=escape_html(attribution),
            features=features,
        ).add_to(group)
    if points is not None and len(points):
        IncidentPoints(
            point_rows(points, width_km, lang),
            _POINT_STYLES,
            always=always_points or len(points) <= POINTS_ALWAYS,
        ).add_to(group)
    IncidentLegend(legend_html(classes, colour_by, lang)).add_to(group)
    return group


def line_band_shape(line: Line, width_km: float, geo: ReferenceGeo) -> ZoneShape:
    """The band around an uploaded line, as the counts define it (`lines.band_geometry`),
    inside Iraq, ready for the Map page's `build_gap_layer`."""
    geometry = band_geometry(line, width_km).intersection(geo.outline_geometry)
    w, half = f"{width_km:g}", f"{width_km / 2:g}"
    zone = DerivedZone(
        id=f"gap-band-{line.id}-{w.replace('.', '-')}km",
        name=Bilingual(
            en=f"Gap zone, {w} km wide, along “{line.name}” (illustrative)",
            ar=f"منطقة الفجوة بعرض {w} كم على طول «{line.name}» (توضيحية)",
        ),
        geometry=geometry,
        area_km2=area_km2(geometry),
        method=Bilingual(
            en=f"{half} km either side of a line uploaded by a user; not a surveyed position.",
            ar=f"{half} كم على كل جانب من خط رفعه مستخدم؛ ليس موقعًا مسحيًا.",
        ),
    )
    return zone_shape(zone, width_km)
