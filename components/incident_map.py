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

Every text put into the map goes through `components.escape.escape_for_map`; a cell's id rides
in its tooltip as a hidden token (`[[cell:...]]`) so a click maps back to the cell.
"""

from __future__ import annotations

import copy
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import branca.element
import folium
import pandas as pd
import streamlit as st
from jinja2 import Template
from shapely.geometry import Polygon
from streamlit_folium import st_folium

from components.compat import Group, Layers
from components.html import escape_for_map, escape_html
from components.map.constants import MAP_HEIGHT_PX
from components.map.elements import Shape, Shapes, js_value
from components.map.gap import ZoneShape, zone_shape
from gapwatch.encoding import encode_geometry
from gapwatch.geodata import ReferenceGeo
from gapwatch.geometry import DerivedZone, area_km2
from gapwatch.i18n import Lang, direction, format_number, t
from gapwatch.incidents.aggregate import Cell
from gapwatch.incidents.lines import Line, band_geometry
from gapwatch.model import Bilingual

#: Centre to corner: a cell is ~260 km², Iraq holds at most ~1,700, so the hexagons' payload
#: is bounded whatever the number of events (and at 10 km a cell is still finer than the
#: band's 20 km at its widest).
HEX_SIZE_KM = 10.0
#: Viridis in six steps, light (few) to dark (many): readable with colour-vision deficiencies
#: and in greyscale.
PALETTE = ("#fde725", "#7ad151", "#22a884", "#2a788e", "#414487", "#440154")
#: At most this many single events are sent to the browser (each carries its source text).
POINTS_MAX = 1500
#: Up to this many, single events show at every zoom, not only close in.
POINTS_ALWAYS = 150
#: From this zoom on (about 1 km per 10 px here), single events replace the hexagons.
CLOSE_ZOOM = 10
#: Source text shown in a map tooltip (the full text is in the list under the map).
TOOLTIP_SOURCE_CHARS = 280
INCIDENT_MAP_KEY = "incident_map"
CELL_DECIMALS = 4

_CELL_TOKEN = "[[cell:{}]]"
_CELL_TOKEN_RE = re.compile(r"\[\[cell:([A-Za-z0-9_.:-]{1,64})\]\]")

COLOUR_BY = ("count", "fatalities")


@dataclass(frozen=True)
class Classes:
    """Colour classes: class i holds values from `bounds[i]` to `bounds[i + 1] - 1`."""

    bounds: tuple[int, ...]

    def of(self, value: int) -> int:
        """The class of `value` (values below the first bound go in the first class)."""
        index = 0
        for i, bound in enumerate(self.bounds[:-1]):
            if value >= bound:
                index = i
        return index

    def labels(self, lang: Lang) -> list[str]:
        """'1–2', '3–5', ..., '51+' in the language's digits."""
        out = []
        for i, low in enumerate(self.bounds[:-1]):
            high = self.bounds[i + 1] - 1
            last = i == len(self.bounds) - 2
            if last:
                out.append(f"{format_number(low, lang)}+")
            elif high == low:
                out.append(format_number(low, lang))
            else:
                out.append(f"{format_number(low, lang)}–{format_number(high, lang)}")
        return out


def _nice_up(value: float) -> int:
    """The smallest of 1, 2, 5, 10, 20, 50, ... that is >= `value`."""
    if value <= 1:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if step * power >= value:
            return int(step * power)
    return int(10 * power)


def colour_classes(values: Sequence[int], n: int = len(PALETTE)) -> Classes:
    """At most `n` classes with round bounds, from the quantiles of `values` (so a few very
    violent cells do not leave every other cell in the first colour). Zero is its own class
    when present (cells with events but no recorded deaths)."""
    positive = sorted(v for v in values if v > 0)
    bounds: list[int] = [0] if any(v <= 0 for v in values) else []
    start = 1
    if positive:
        qs = [positive[min(len(positive) - 1, int(len(positive) * k / n))] for k in range(1, n)]
        cuts = sorted({_nice_up(q + 1) for q in qs if q + 1 > start})
        bounds += [start, *cuts]
    else:
        bounds += [start]
    bounds = sorted(set(bounds))[:n]
    return Classes((*bounds, max([*values, bounds[-1]]) + 1))


def cell_token(cell_id: str) -> str:
    """The hidden marker a cell's tooltip carries so that a click can be traced to it."""
    return _CELL_TOKEN.format(cell_id)


def cell_id_from_tooltip(text: object) -> str | None:
    """The cell a clicked tooltip belongs to; None for anything else on the map."""
    if not isinstance(text, str):
        return None
    match = _CELL_TOKEN_RE.search(text)
    return match.group(1) if match else None


def _tip(lang: Lang, lines: Sequence[str], token: str = "") -> str:
    hidden = f'<span hidden style="display:none">{token}</span>' if token else ""
    body = "<br>".join(lines)
    return f'<div class="gw-tip" dir="{direction(lang)}" lang="{lang}">{body}{hidden}</div>'


def _cell_tooltip(cell: Cell, lang: Lang) -> str:
    lines = [
        "<b>"
        + escape_for_map(t("inc_map_cell_events", lang, count=format_number(cell.count, lang)))
        + "</b>",
        escape_for_map(
            t(
                "inc_map_cell_precision",
                lang,
                exact=format_number(cell.exact, lang),
                approximate=format_number(cell.approximate, lang),
            )
        ),
        escape_for_map(
            t("inc_map_cell_deaths", lang, deaths=format_number(cell.fatalities_best, lang))
        ),
        f'<span class="gw-muted">{escape_for_map(t("inc_map_cell_click", lang))}</span>',
    ]
    return _tip(lang, lines, cell_token(cell.id))


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def event_tooltip(row: Any, width_km: float, lang: Lang) -> str:
    """A single event's tooltip: date, sides, type, deaths, precision, distance to the line,
    where, and (shortened) the source text. Every value is data, so every value is escaped."""
    e = escape_for_map
    distance = row.distance_km
    band = t("inc_inside" if distance <= width_km / 2 else "inc_outside", lang)
    lines = [
        f"<b>{e(str(row.date_start)[:10])}</b> · {e(row.dyad or '')}",
        e(f"{row.violence or ''}" + (f" · {row.sub_type}" if row.sub_type else "")),
        e(
            t(
                "inc_map_event_deaths",
                lang,
                best=row.fatalities_best,
                low=row.fatalities_low,
                high=row.fatalities_high,
            )
        ),
        e(
            t(
                "inc_map_event_where",
                lang,
                precision=t(f"inc_precision_{row.precision}", lang),
                distance=format_number(distance, lang, digits=1),
                band=band,
            )
        ),
        e(", ".join(str(p) for p in (row.location, row.admin2, row.admin1) if p)),
        f'<span class="gw-muted">{e(_shorten(str(row.source_text or ""), TOOLTIP_SOURCE_CHARS))}'
        "</span>",
    ]
    return _tip(lang, lines)


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
    {"radius": 5, "color": "#ffffff", "weight": 1, "fillColor": "#D55E00", "fillOpacity": 0.95},
    {"radius": 6, "color": "#D55E00", "weight": 2, "dashArray": "2 2", "fillOpacity": 0.15},
    {"radius": 5, "color": "#ffffff", "weight": 1, "fillColor": "#0072B2", "fillOpacity": 0.95},
    {"radius": 6, "color": "#0072B2", "weight": 2, "dashArray": "2 2", "fillOpacity": 0.15},
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
            ("background:#D55E00;border-radius:50%;flex-basis:12px", "inc_map_lg_inside"),
            ("background:#0072B2;border-radius:50%;flex-basis:12px", "inc_map_lg_outside"),
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
            tooltip=_cell_tooltip(cell, lang),
            encoded=encode_geometry(polygon, CELL_DECIMALS),
        )
        for cell, value in zip(cells, values, strict=True)
        for polygon in (Polygon(cell.ring),)
    )
    return CellShapes(shapes, classes)


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
    shapes, classes = built.shapes, built.classes
    styles = [CELL_STYLE | {"fillColor": colour} for colour in PALETTE]
    group = Group(name=t("inc_map_layer", lang))
    if shapes:
        Shapes(shapes, styles, decimals=CELL_DECIMALS, attribution=escape_html(attribution)).add_to(
            group
        )
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


# --- Streamlit ---------------------------------------------------------------------------


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
