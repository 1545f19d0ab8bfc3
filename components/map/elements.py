"""The map's own folium elements: shapes, borders, labels and places drawn by one small script.

folium writes every shape as pretty-printed GeoJSON and every marker as a block of generated
JavaScript. Here the data goes out compact (`gapwatch.encoding`) and `map.js`, sent once per
map, draws it; markup that repeats (tooltip frames, both names of a place, labels, styles) is
built by the script from a few properties. All text is escaped in Python (`components.html.
escape_for_map`) before it is put in the data; the script only concatenates it with fixed
markup.

The elements (`MapScript`, `Shapes`, `Governorates`, `Labels`, `PlaceMarkers`, `Legend`,
`ZoomClass`) are children of the map or of a feature group, so the layer control and st_folium
treat them like any other layer; each keeps the Python values it was built from, for tests.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.resources import files
from typing import Any

import branca.element
from jinja2 import Template
from markupsafe import Markup
from shapely.geometry.base import BaseGeometry

from components.compat import ScriptElement
from gapwatch.encoding import ALPHABET, ArcTopology, Encoded, Shared, encode_coords, encode_geometry
from gapwatch.i18n import Lang, direction


def _resource(name: str) -> str:
    """A file shipped beside this module (package data)."""
    return files("components.map").joinpath(name).read_text(encoding="utf-8")


def _compact(js: str) -> str:
    """The script without indentation and comment lines (it is sent on every page load)."""
    lines = (line.strip() for line in js.splitlines())
    return "\n".join(line for line in lines if line and not line.startswith("//"))


def minify_css(css: str) -> str:
    """CSS without comments and the spaces a browser does not need (sent with every map)."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    return re.sub(r"\s*([{};:,>])\s*", r"\1", re.sub(r"\s+", " ", css)).strip()


RUNTIME_JS = _compact(_resource("map.js").replace("@ALPHABET@", ALPHABET))
MAP_CSS = "<style>" + minify_css(_resource("map.css")) + "</style>"
DETAILS_CSS = Markup("<style>\n" + _resource("details.css") + "</style>")

_IDENTIFIER = re.compile(r"[A-Za-z][A-Za-z0-9]*")


class ScriptLiteral(str):
    """A value `js_value` has already written: put into a larger value as it is."""


def js_value(value: Any) -> str:
    """`value` as a compact JavaScript literal that is safe inside a <script> element: JSON,
    but object keys that are plain identifiers go unquoted (each quote costs bytes twice, once
    more when st_folium sends the script as a JSON string)."""
    if isinstance(value, ScriptLiteral):
        return str(value)
    if isinstance(value, dict):
        items = (
            f"{key if _IDENTIFIER.fullmatch(key) else js_value(key)}:{js_value(item)}"
            for key, item in value.items()
        )
        return "{" + ",".join(items) + "}"
    if isinstance(value, list | tuple):
        return "[" + ",".join(js_value(item) for item in value) + "]"
    text = json.dumps(value, ensure_ascii=False)
    if isinstance(value, str) and "'" not in value:
        # Single quotes: markup (class="...") needs no escapes, and st_folium sends the script
        # as a JSON string, in which each " costs two bytes and each ' one.
        inner = re.sub(r"\\(.)", lambda m: '"' if m.group(1) == '"' else m.group(0), text[1:-1])
        text = f"'{inner}'"
    return text.replace("</", "<\\/")


class _Call(ScriptElement):
    """One line of script: `gw.<method>(<parent layer>, <data>)`."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "gw.{{ this.method }}({{ this._parent.get_name() }}, {{ this.data_js }});\n"
        "{% endmacro %}"
    )
    method = ""

    def __init__(self, data: Any) -> None:
        super().__init__()
        self._name = type(self).__name__
        self.data_js = js_value(data)


class MapScript(ScriptElement):
    """The drawing script, once per map, before any layer that uses it: the language and
    direction of the tooltips and the words for the kinds of named shapes (escaped)."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "{{ this.runtime }}\ngw.setup({{ this.setup_js }});\n"
        "{% endmacro %}"
    )

    def __init__(self, lang: Lang, other: Lang, kinds: Sequence[str]) -> None:
        super().__init__()
        self._name = "MapScript"
        self.runtime = RUNTIME_JS
        self.kinds = list(kinds)
        self.setup_js = js_value(
            {
                "lang": lang,
                "dir": direction(lang),
                "olang": other,
                "odir": direction(other),
                "kinds": self.kinds,
            }
        )


#: A tooltip: full escaped HTML, or [name, other-language name, kind index] for the script.
Tip = str | list[str | int] | None


@dataclass(frozen=True)
class Shape(Shared):
    """One shape as drawn: its display geometry (lon, lat), style, and escaped HTML."""

    id: str
    geometry: BaseGeometry
    style: int = 0
    tooltip: Tip = None
    popup: str | None = None
    #: `encode_geometry(geometry, decimals)` done beforehand (a cached band), or None.
    encoded: Encoded | None = None


class Shapes(_Call):
    """Polygons or lines with per-shape tooltips and popups, in one group."""

    method = "shapes"

    def __init__(
        self,
        shapes: Sequence[Shape],
        styles: Sequence[dict[str, Any]],
        *,
        decimals: int,
        line: bool = False,
        attribution: str | None = None,
        features: ScriptLiteral | None = None,
    ) -> None:
        """`features`: `shape_features(shapes, decimals)` written beforehand, for shapes that
        are drawn again and again (the incidents' hexagons on every width change)."""
        if features is None:
            features = shape_features(shapes, decimals)
        data: dict[str, Any] = {"k": decimals, "s": list(styles), "f": features}
        if line:
            data["line"] = 1
        if attribution:
            data["a"] = attribution
        super().__init__(data)
        self.shapes = tuple(shapes)
        self.styles = tuple(styles)
        self.decimals = decimals
        self.line = line
        self.attribution = attribution


def shape_features(shapes: Sequence[Shape], decimals: int) -> ScriptLiteral:
    """The shapes as `map.js`'s `shapes` reads them: `[geometry, style, tooltip, popup]`."""
    features: list[list[Any]] = []
    for s in shapes:
        geometry = s.encoded if s.encoded is not None else encode_geometry(s.geometry, decimals)
        feature: list[Any] = [geometry, s.style]
        if s.tooltip or s.popup:
            feature.append(s.tooltip or 0)
        if s.popup:
            feature.append(s.popup)
        features.append(feature)
    return ScriptLiteral(js_value(features))


@dataclass(frozen=True)
class Governorate(Shared):
    """A governorate as drawn: its names (escaped) and whether it is in the Kurdistan Region."""

    pcode: str
    name: str
    other_name: str
    kri: bool


class Governorates(_Call):
    """Governorate fills with tooltips, their shared borders once, the national border."""

    method = "govs"

    def __init__(
        self,
        governorates: Sequence[Governorate],
        topology: ArcTopology,
        styles: Sequence[dict[str, Any]],
        *,
        decimals: int,
        attribution: str,
    ) -> None:
        super().__init__(
            {
                "k": decimals,
                "a": [encode_coords(arc, decimals) for arc in topology.arcs],
                "u": list(topology.uses),
                "p": [[list(map(list, part)) for part in p] for p in topology.polygons],
                "n": [[g.name, g.other_name, int(g.kri)] for g in governorates],
                "s": list(styles),
                "at": attribution,
            }
        )
        self.governorates = tuple(governorates)
        self.topology = topology
        self.decimals = decimals
        self.attribution = attribution


@dataclass(frozen=True)
class Label(Shared):
    """Text on the map at a point (escaped), never clickable."""

    lat: float
    lon: float
    html: str


class Labels(_Call):
    """Text labels with one CSS class (e.g. the sector names)."""

    method = "labels"
    _template = Template(
        "{% macro script(this, kwargs) %}"
        "gw.labels({{ this._parent.get_name() }}, {{ this.css_js }}, {{ this.data_js }});\n"
        "{% endmacro %}"
    )

    def __init__(self, labels: Sequence[Label], css_class: str) -> None:
        super().__init__([[round(x.lat, 4), round(x.lon, 4), x.html] for x in labels])
        self.labels = tuple(labels)
        self.css_class = css_class
        self.css_js = js_value(css_class)


@dataclass(frozen=True)
class PlaceMarker(Shared):
    """A place's circle: at `lat`, `lon`, solid if `exact`, with escaped tooltip, popup and
    label."""

    place_id: str
    lat: float
    lon: float
    exact: bool
    tooltip: str
    popup: str
    label: str = ""


class PlaceMarkers(_Call):
    """The places' circle markers and their names beside them."""

    method = "places"
    _template = Template(
        "{% macro script(this, kwargs) %}"
        "gw.places({{ this._parent.get_name() }}, {{ this.data_js }}, {{ this.styles_js }});\n"
        "{% endmacro %}"
    )

    def __init__(self, markers: Sequence[PlaceMarker], styles: Sequence[dict[str, Any]]) -> None:
        super().__init__(
            [[m.lat, m.lon, int(m.exact), m.tooltip, m.popup, m.label] for m in markers]
        )
        self.markers = tuple(markers)
        self.styles_js = js_value(list(styles))


class Legend(branca.element.MacroElement):
    """A Leaflet control showing prepared (escaped) HTML: no external CSS or JS."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "(function () {\n"
        "var legend = L.control({position: {{ this.position|tojson }}});\n"
        "legend.onAdd = function () {\n"
        'var div = L.DomUtil.create("div", "gw-legend");\n'
        "div.innerHTML = {{ this.html_js }};\n"
        "L.DomEvent.disableClickPropagation(div);\n"
        "L.DomEvent.disableScrollPropagation(div);\n"
        "return div;\n"
        "};\n"
        "legend.addTo({{ this._parent.get_name() }});\n"
        "})();\n"
        "{% endmacro %}"
    )

    def __init__(self, html: str, position: str = "bottomleft") -> None:
        super().__init__()
        self._name = "Legend"
        self.html = html
        self.position = position
        self.html_js = js_value(html)


class ZoomClass(branca.element.MacroElement):
    """Sets a class on the map container from a zoom level on, so CSS can show detail (the
    sector names) only when there is room for it. No server round trip."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "(function (map) {\n"
        "function update() {\n"
        "map.getContainer().classList.toggle("
        "{{ this.css_class|tojson }}, map.getZoom() >= {{ this.min_zoom|tojson }});\n"
        "}\n"
        'map.on("zoomend", update);\n'
        "map.whenReady(update);\n"
        "})({{ this._parent.get_name() }});\n"
        "{% endmacro %}"
    )

    def __init__(self, css_class: str, min_zoom: int) -> None:
        super().__init__()
        self._name = "ZoomClass"
        self.css_class = css_class
        self.min_zoom = min_zoom
