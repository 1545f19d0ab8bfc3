"""Lean drawing for the map: shapes sent as short encoded strings, drawn by one small script.

The map's own HTML/JS is sent to the browser on every page load, so its size is load time.
folium writes every shape as pretty-printed GeoJSON and every marker as a block of generated
JavaScript (about 280 KB for this map). Here instead:

- **Coordinates** are thinned for display (`gapwatch.geometry.for_display`: simplified in
  metres, rounded to 3-4 decimals) and written as a compact string: each vertex is the change
  in longitude and latitude from the one before, in units of 10^-decimals degrees, as zigzag
  varints of 5 bits a character (the scheme of Google's encoded polylines, with a URL-safe
  alphabet that needs no escaping in JSON, JavaScript or HTML and has no `_`, which
  st_folium rewrites in variable names). About 3 bytes a vertex instead of 20.
- **Shared borders are sent once.** Governorates come as arcs (the border between two
  neighbours, or a stretch of the national border) and each governorate as the list of arcs
  around it (`polygon_arcs`), as in TopoJSON. The arcs used once are the national border, so
  the national outline needs no data of its own.
- **Markup that repeats** (tooltip frames, both names of a place, label markup, styles) is
  built by the script from a few properties. All text is escaped in Python
  (`components.escape.escape_for_map`) before it is put in the data; the script only
  concatenates it with fixed markup.

The folium elements here (`MapScript`, `Shapes`, `Governorates`, `Labels`, `PlaceMarkers`)
are children of the map or of a `folium.FeatureGroup`, so the layer control and st_folium
treat them like any other layer; each keeps the Python values it was built from, for tests.

The script (`gw` in the map's frame) decodes to Leaflet's `[lat, lng]`; the strings are
`[lon, lat]` like GeoJSON.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import branca.element
import folium
import folium.map
from jinja2 import Template
from shapely.geometry import LineString, MultiLineString, MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from gapwatch.i18n import Lang, direction

#: 64 characters, each safe unescaped in JSON, JavaScript and HTML, and with no `_`.
ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-."
_VALUE = {c: i for i, c in enumerate(ALPHABET)}

#: A geometry as the script takes it: encoded strings nested like Leaflet's latlngs arrays.
Encoded = str | list["Encoded"]


class _Frozen:
    """Immutable values kept on the map's elements: `copy.deepcopy(map)` (st_folium changes
    the map it is given, so each run draws a copy) shares them instead of copying."""

    def __deepcopy__(self, memo: dict[int, Any]) -> Any:
        return self


# --- coordinates -------------------------------------------------------------------------


def _varint(value: int) -> str:
    zigzag = value * 2 if value >= 0 else -value * 2 - 1
    chars = []
    while zigzag >= 32:
        chars.append(ALPHABET[32 | (zigzag & 31)])
        zigzag >>= 5
    chars.append(ALPHABET[zigzag])
    return "".join(chars)


def encode_coords(coords: Iterable[Sequence[float]], decimals: int) -> str:
    """`[(lon, lat), ...]` as one compact string (see the module docstring)."""
    scale = 10**decimals
    out = []
    last_x = last_y = 0
    for lon, lat, *_ in coords:
        x, y = round(lon * scale), round(lat * scale)
        out.append(_varint(x - last_x) + _varint(y - last_y))
        last_x, last_y = x, y
    return "".join(out)


def decode_coords(text: str, decimals: int) -> list[tuple[float, float]]:
    """The inverse of `encode_coords`: `[(lon, lat), ...]` (the browser's script does the same,
    giving `[lat, lng]` for Leaflet)."""
    numbers = []
    value = shift = 0
    for char in text:
        bits = _VALUE[char]
        value |= (bits & 31) << shift
        shift += 5
        if bits < 32:
            numbers.append(value // 2 if value % 2 == 0 else -(value + 1) // 2)
            value = shift = 0
    if shift or len(numbers) % 2:
        raise ValueError("truncated coordinate string")
    scale = 10**decimals
    coords = []
    x = y = 0
    for dx, dy in zip(numbers[::2], numbers[1::2], strict=True):
        x, y = x + dx, y + dy
        coords.append((x / scale, y / scale))
    return coords


def _polygons(geom: BaseGeometry) -> list[Polygon]:
    if isinstance(geom, Polygon):
        return [geom] if not geom.is_empty else []
    if isinstance(geom, MultiPolygon):
        return list(geom.geoms)
    raise ValueError(f"expected a polygon, got {geom.geom_type}")


def _lines(geom: BaseGeometry) -> list[LineString]:
    if isinstance(geom, LineString):
        return [geom] if not geom.is_empty else []
    if isinstance(geom, MultiLineString):
        return list(geom.geoms)
    raise ValueError(f"expected a line, got {geom.geom_type}")


def encode_geometry(geom: BaseGeometry, decimals: int) -> Encoded:
    """A (multi)polygon as `[[ring, hole, ...], ...]` or a (multi)line as `[line, ...]`, each
    ring or line an encoded string (the shapes Leaflet's `L.polygon` / `L.polyline` take)."""
    if isinstance(geom, Polygon | MultiPolygon):
        return [
            [encode_coords(ring.coords[:-1], decimals) for ring in (p.exterior, *p.interiors)]
            for p in _polygons(geom)
        ]
    return [encode_coords(line.coords, decimals) for line in _lines(geom)]


# --- shared borders ----------------------------------------------------------------------

Point = tuple[float, float]


@dataclass(frozen=True)
class ArcTopology(_Frozen):
    """Polygons that share borders, as arcs drawn once.

    `arcs[i]` is a line of `(lon, lat)` points from one junction to the next; `polygons[j]` is
    the j-th input polygon as parts, each a list of rings, each ring a list of arc references
    (`i` for arc i as stored, `~i` for it reversed) that run around it in order. `uses[i]` is
    how many rings arc i belongs to: 1 on the outer border of the whole set.
    """

    arcs: tuple[tuple[Point, ...], ...]
    polygons: tuple[tuple[tuple[tuple[int, ...], ...], ...], ...]
    uses: tuple[int, ...]

    def ring(self, refs: Sequence[int]) -> list[Point]:
        """The closed ring a list of arc references stands for (to check the topology)."""
        points: list[Point] = []
        for ref in refs:
            arc = self.arcs[ref] if ref >= 0 else self.arcs[~ref][::-1]
            points.extend(arc if not points else arc[1:])
        return points


def _rings(geom: BaseGeometry) -> Iterator[list[list[Point]]]:
    for polygon in _polygons(geom):
        yield [
            [(float(x), float(y)) for x, y, *_ in ring.coords[:-1]]
            for ring in (polygon.exterior, *polygon.interiors)
        ]


def polygon_arcs(geoms: Sequence[BaseGeometry]) -> ArcTopology:
    """Split polygons that tile an area (governorates) into the arcs between junctions.

    A junction is a vertex with more than two distinct neighbours: where the border between two
    polygons meets a third one or the outer border. Shared borders must share their vertices
    exactly (true of a clean coverage such as COD-AB's). A ring with no junction (an island)
    becomes one closed arc, cut at its smallest point so its neighbour's copy matches.
    """
    all_rings = [ring for geom in geoms for part in _rings(geom) for ring in part]
    neighbours: dict[Point, set[Point]] = {}
    for ring in all_rings:
        n = len(ring)
        for i, point in enumerate(ring):
            neighbours.setdefault(point, set()).update((ring[i - 1], ring[(i + 1) % n]))
    junctions = {p for p, around in neighbours.items() if len(around) > 2}

    index: dict[tuple[Point, ...], int] = {}
    arcs: list[tuple[Point, ...]] = []
    uses: list[int] = []

    def ref(arc: tuple[Point, ...]) -> int:
        if arc in index:
            found = index[arc]
        elif arc[::-1] in index:
            found = ~index[arc[::-1]]
        else:
            found = index[arc] = len(arcs)
            arcs.append(arc)
            uses.append(0)
        uses[found if found >= 0 else ~found] += 1
        return found

    def cut(ring: list[Point]) -> tuple[int, ...]:
        starts = [i for i, p in enumerate(ring) if p in junctions] or [ring.index(min(ring))]
        n = len(ring)
        bounds = zip(starts, [*starts[1:], starts[0] + n], strict=True)
        return tuple(ref(tuple(ring[i % n] for i in range(a, b + 1))) for a, b in bounds)

    polygons = tuple(
        tuple(tuple(cut(ring) for ring in part) for part in _rings(geom)) for geom in geoms
    )
    return ArcTopology(tuple(arcs), polygons, tuple(uses))


# --- the script and the folium elements --------------------------------------------------

# ES5, no `_` anywhere (st_folium renames `_xyz` suffixes in the script), no comments in what
# is sent: `_compact` strips indentation and the `//` lines.
_RUNTIME_JS = """
var gw = (function () {
  var ABC = "@ALPHABET@", VAL = {}, T = {};
  for (var i = 0; i < 64; i++) { VAL[ABC.charAt(i)] = i; }
  // An encoded line or ring (lon, lat deltas) -> Leaflet's [[lat, lng], ...].
  function decode(s, k) {
    var out = [], at = 0, x = 0, y = 0, p = Math.pow(10, k);
    function next() {
      var r = 0, m = 1, b;
      do { b = VAL[s.charAt(at++)]; r += (b % 32) * m; m *= 32; } while (b >= 32);
      return r % 2 ? -(r + 1) / 2 : r / 2;
    }
    while (at < s.length) { x += next(); y += next(); out.push([y / p, x / p]); }
    return out;
  }
  function deep(g, k) {
    return typeof g === "string" ? decode(g, k) : g.map(function (h) { return deep(h, k); });
  }
  function frame(html) {
    return '<div class="gw-tip" dir="' + T.dir + '" lang="' + T.lang + '">' + html + "</div>";
  }
  // [name, name in the other language, kind] -> the tooltip of a governorate, river or lake.
  function named(n) {
    return frame("<b>" + n[0] + '</b> · <bdi dir="' + T.odir + '" lang="' + T.olang + '">'
      + n[1] + "</bdi><br>" + T.kinds[n[2]]);
  }
  function bind(layer, tip, popup) {
    if (tip) { layer.bindTooltip(typeof tip === "string" ? tip : named(tip), {sticky: true}); }
    if (popup) { layer.bindPopup(popup, {maxWidth: 320}); }
    return layer;
  }
  function labels(parent, css, list) {
    list.forEach(function (l) {
      L.marker([l[0], l[1]], {interactive: false, keyboard: false, icon: L.divIcon({
        html: '<div class="gw-label ' + css + '" dir="' + T.dir + '" lang="' + T.lang + '">'
          + l[2] + "</div>",
        iconSize: [0, 0], iconAnchor: [0, 0], className: "gw-label-icon"})}).addTo(parent);
    });
  }
  return {
    setup: function (t) { T = t; },
    labels: labels,
    // d: {k: decimals, line: 0|1, s: [styles], a: attribution,
    //     f: [[geometry, style index, tooltip, popup], ...]}
    shapes: function (parent, d) {
      var group = L.featureGroup().addTo(parent);
      d.f.forEach(function (f, i) {
        var style = d.s[f[1] || 0];
        if (d.a && i === 0) { style = L.extend({attribution: d.a}, style); }
        var make = d.line ? L.polyline : L.polygon;
        bind(make(deep(f[0], d.k), style), f[2], f[3]).addTo(group);
      });
      return group;
    },
    // d: {k, a: arcs, u: uses, p: [parts of rings of arc refs], n: [[name, other, kri]],
    //     s: [fill, KRI fill, inner border, outer border], at: attribution}
    govs: function (parent, d) {
      var arcs = d.a.map(function (s) { return decode(s, d.k); });
      function ring(refs) {
        var out = [];
        refs.forEach(function (r) {
          var a = r < 0 ? arcs[-r - 1].slice().reverse() : arcs[r];
          out = out.concat(out.length ? a.slice(1) : a);
        });
        return out;
      }
      var group = L.featureGroup().addTo(parent), inner = [], outer = [];
      d.p.forEach(function (parts, i) {
        var rings = parts.map(function (part) { return part.map(ring); });
        bind(L.polygon(rings, d.s[d.n[i][2]]), d.n[i]).addTo(group);
      });
      arcs.forEach(function (a, i) { (d.u[i] > 1 ? inner : outer).push(a); });
      L.polyline(inner, d.s[2]).addTo(group);
      L.polyline(outer, L.extend({attribution: d.at}, d.s[3])).addTo(group);
      return group;
    },
    // list: [[lat, lng, exact, tooltip, popup, label]]; s: [exact style, approximate style]
    places: function (parent, list, s) {
      list.forEach(function (p) {
        bind(L.circleMarker([p[0], p[1]], s[p[2] ? 0 : 1]), p[3], p[4]).addTo(parent);
      });
      labels(parent, "gw-town", list.map(function (p) { return [p[0], p[1], p[5]]; }));
    }
  };
})();
""".replace("@ALPHABET@", ALPHABET)


def _compact(js: str) -> str:
    """The script without indentation and comment lines (it is sent on every page load)."""
    lines = (line.strip() for line in js.splitlines())
    return "\n".join(line for line in lines if line and not line.startswith("//"))


RUNTIME_JS = _compact(_RUNTIME_JS)


_IDENTIFIER = re.compile(r"[A-Za-z][A-Za-z0-9]*")


def js_value(value: Any) -> str:
    """`value` as a compact JavaScript literal that is safe inside a <script> element: JSON,
    but object keys that are plain identifiers go unquoted (each quote costs bytes twice, once
    more when st_folium sends the script as a JSON string)."""
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


class _RawScript(branca.element.Element):
    """Script text that is already rendered: the figure prints it as it is."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def render(self, **kwargs: Any) -> str:
        return self.text


class _ScriptElement(branca.element.MacroElement):
    """A MacroElement with only a `script` macro and no children, rendered into the figure
    as plain text. (branca's `MacroElement.render` compiles each rendered script as a new
    Jinja template, which for the encoded shapes is most of the time st_folium takes.)"""

    def render(self, **kwargs: Any) -> str:
        figure = self.get_root()
        assert isinstance(figure, branca.element.Figure), "render the map's figure"
        script = self._template.module.__dict__["script"]
        figure.script.add_child(_RawScript(script(self, kwargs)), name=self.get_name())
        return ""


class _Call(_ScriptElement):
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


class MapScript(_ScriptElement):
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
class Shape(_Frozen):
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
    ) -> None:
        features: list[list[Any]] = []
        for s in shapes:
            geometry = s.encoded if s.encoded is not None else encode_geometry(s.geometry, decimals)
            feature: list[Any] = [geometry, s.style]
            if s.tooltip or s.popup:
                feature.append(s.tooltip or 0)
            if s.popup:
                feature.append(s.popup)
            features.append(feature)
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


@dataclass(frozen=True)
class Governorate(_Frozen):
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
class Label(_Frozen):
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
class PlaceMarker(_Frozen):
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


class Group(folium.FeatureGroup):
    """A `folium.FeatureGroup` (a layer the layer control lists) written in one short line."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "var {{ this.get_name() }} = L.featureGroup("
        "{% if this.options %}{{ this.options|tojson }}{% endif %});\n"
        "{% endmacro %}"
    )


class Pane(folium.map.CustomPane):
    """A `folium.map.CustomPane` (a z-level for layers) written in one short line."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "var {{ this.get_name() }} = {{ this._parent.get_name() }}.createPane("
        "{{ this.name|tojson }}); {{ this.get_name() }}.style.zIndex = {{ this.z_index|tojson }};"
        "{% if not this.pointer_events %} {{ this.get_name() }}.style.pointerEvents = 'none';"
        "{% endif %}\n"
        "{% endmacro %}"
    )


class QuietMount(_ScriptElement):
    """Spare the app the rerun st_folium's frontend asks for as soon as the map has mounted.

    The frontend reports the returned objects once the map is up, and the report reruns the
    app when it differs from the default `st_folium` gave it. The click counter starts at 0 in
    the browser but at None in that default, so with the counter among the returned objects
    every page load cost one rerun that changed nothing. This sets the browser's counter to
    null before that first report; a first click still makes it 1 (null + 1).

    It relies on st_folium's frontend internals (`window.__GLOBAL_DATA__`, the counter's name
    and start value): `tests/test_gap_map.py` checks them in the installed frontend bundle, and
    the browser test checks that loading the page sends nothing. Without st_folium (the
    standalone map file) it does nothing.
    """

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "(function (g) { if (g && g.last_object_clicked_count === 0) "
        "{ g.last_object_clicked_count = null; } })(window.__GLOBAL_DATA__);\n"
        "{% endmacro %}"
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "QuietMount"


class Layers(folium.LayerControl):
    """A `folium.LayerControl` (the layer switcher) written in one line instead of twenty."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "let {{ this.get_name() }} = L.control.layers({ "
        "{% for key, val in this.base_layers.items() %}{{ key|tojson }}: {{ val }}, {% endfor %}"
        "}, { "
        "{% for key, val in this.overlays.items() %}{{ key|tojson }}: {{ val }}, {% endfor %}"
        "}, {{ this.options|tojson }}).addTo({{ this._parent.get_name() }});\n"
        "{% endmacro %}"
    )
