"""The map page: a vector basemap, the places the article names and the illustrative zones.

Pure builders (`build_*`, no Streamlit call) return a folium map, a folium layer or an HTML
string; they are unit-tested on what they contain. The `render_*` functions and the cached
wrappers at the bottom are the only code here that calls Streamlit.

Three rules shape the builders:

- **Offline.** The map comes from `components.assets.offline_map` (Leaflet served by the app,
  no tiles). Governorates, rivers and lakes are drawn from `data/geo` as vectors, so the map is
  readable with no tile server; OpenStreetMap is only an overlay that starts off.
- **Lean.** The map's HTML/JS is sent on every page load and every rerun of the map panel, so
  shapes are thinned for display (within a pixel or two at zoom 9-10, `gapwatch.geometry.
  for_display`) and sent as compact strings that a small script in the map draws
  (`components.map_display`: about 38 KB for the whole map instead of 280 KB).
- **No rerun on zoom or on load, no remount on a rerun.** `st_folium` keys its iframe on a
  hash of the map's generated JavaScript. The base map therefore never changes within a
  language (built once, cached, element ids fixed), and what does change (the gap band for
  the chosen width, the focus) reaches the live map through `feature_group_to_add=` and
  `center=` / `zoom=`.
  Only a click's tooltip and counter come back, and `map_display.QuietMount` keeps the map's
  first report after mounting from rerunning the app.

Every text put into the map goes through `components.escape.escape_for_map`. A place's id
rides along in its tooltip as a hidden token (`[[place:erbil]]`): `st_folium` returns the
clicked tooltip's text, and the token maps the click back to the place without guessing.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

import branca.element
import folium
import folium.map
import streamlit as st
from jinja2 import Template
from shapely.geometry import GeometryCollection, LineString, shape
from shapely.geometry.base import BaseGeometry
from streamlit_folium import st_folium

from components.assets import offline_map
from components.escape import escape_for_map, escape_html
from components.map_display import (
    Encoded,
    Governorate,
    Governorates,
    Group,
    Label,
    Labels,
    Layers,
    MapScript,
    Pane,
    PlaceMarker,
    PlaceMarkers,
    QuietMount,
    Shape,
    Shapes,
    encode_geometry,
    js_value,
    polygon_arcs,
)
from components.source_view import source_href
from gapwatch.geometry import (
    ATTRIBUTION,
    GAP_MAX_KM,
    GAP_MIN_KM,
    HAMRIN_DEFAULT_KM,
    DerivedZone,
    GeoJSON,
    ReferenceGeo,
    for_display,
    gap_band,
    hamrin_band,
    outskirts_ring,
)
from gapwatch.i18n import Lang, direction, format_fuzzy_date, format_number, t
from gapwatch.model import Bilingual, Briefing, Event, Place, SourceSpan, Statement

# --- constants ---------------------------------------------------------------------------

MAP_CENTER = (35.05, 44.2)  # [lat, lon]: the middle of the federal-Peshmerga line
MAP_ZOOM = 7
FOCUS_ZOOM = 9
MAP_HEIGHT_PX = 600
SECTOR_LABEL_MIN_ZOOM = 8  # below it the sector names crowd each other
MAP_KEY = "gap_map"
WIDTH_STEP_KM = 0.5

GAP_PLACE_ID = "gap-zones"  # the place the gap band stands for
KRI_GOVERNORATES = frozenset({"IQG06", "IQG09", "IQG11"})  # Sulaymaniyah, Duhok, Erbil (COD-AB)

_TOKEN = "[[place:{}]]"
_TOKEN_RE = re.compile(r"\[\[place:([a-z0-9]+(?:-[a-z0-9]+)*)\]\]")

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
_AREAS_PANE = "gw_areas"
_PLACES_PANE = "gw_places"

_MAP_CSS = """<style>
.gw-tip { width: max-content; max-width: 300px; white-space: normal; font: 12px/1.4 sans-serif; }
.gw-tip b { font-size: 13px; }
.gw-muted { color: #5b6670; }
.gw-popup { font: 12px/1.4 sans-serif; }
.gw-popup ul { margin: 4px 0; padding-inline-start: 16px; }
.gw-label { font: 11px/1.1 sans-serif; color: #4f5b66; white-space: nowrap;
  display: inline-block; transform: translate(-50%, -50%); pointer-events: none;
  text-shadow: 0 0 3px #fff, 0 0 3px #fff, 0 0 2px #fff; }
.gw-label.gw-sector { font-style: italic; display: none; }
.gw-show-sectors .gw-label.gw-sector { display: inline-block; }
.gw-label.gw-town { font-weight: bold; font-size: 12px; color: #1c2530;
  transform: translate(10px, -50%); }
.gw-label.gw-town[dir="rtl"] { transform: translate(calc(-100% - 10px), -50%); }
.gw-legend { background: rgba(255, 255, 255, 0.94); padding: 5px 7px; border-radius: 4px;
  box-shadow: 0 1px 4px rgba(0, 0, 0, 0.3); font: 11px/1.3 sans-serif; max-width: 250px; }
.gw-legend summary { font-weight: bold; cursor: pointer; }
.gw-legend ul { list-style: none; margin: 4px 0 0; padding: 0; }
.gw-legend li { display: flex; gap: 6px; align-items: flex-start; margin: 3px 0; }
.gw-legend .gw-sw { flex: 0 0 18px; height: 12px; margin-top: 2px; border-radius: 2px;
  box-sizing: border-box; }
.gw-legend .gw-note { color: #5b6670; margin-top: 4px; }
.leaflet-control-attribution { font-size: 10px; max-width: 55%; white-space: normal; }
</style>"""
# Sent with the map on every load: without the spaces a browser does not need.
_MAP_CSS = re.sub(r"\s*([{};:,>])\s*", r"\1", re.sub(r"\s+", " ", _MAP_CSS))


# --- what lies at a place ----------------------------------------------------------------


@dataclass(frozen=True)
class PlaceItems:
    """What the article puts at one place: its events and the statements naming it."""

    place: Place
    events: tuple[Event, ...]
    statements: tuple[Statement, ...]
    # Other places drawn at the same point (Hawija and its outskirts).
    same_point: tuple[Place, ...]

    @property
    def count(self) -> int:
        return len(self.events) + len(self.statements)


def items_at(briefing: Briefing, place_id: str) -> PlaceItems:
    """Events and statements at `place_id` (KeyError for an unknown id)."""
    place = briefing.place(place_id)
    return PlaceItems(
        place=place,
        events=tuple(e for e in briefing.events if place_id in e.place_ids),
        statements=tuple(s for s in briefing.statements if place_id in s.place_ids),
        same_point=tuple(
            p
            for p in briefing.places
            if p.id != place_id and (p.lat, p.lon) == (place.lat, place.lon)
        ),
    )


def place_token(place_id: str) -> str:
    """The hidden marker a tooltip carries so that a click can be traced to its place."""
    return _TOKEN.format(place_id)


def place_id_from_tooltip(text: object, briefing: Briefing) -> str | None:
    """The place a clicked tooltip belongs to; None for a governorate, a river or nothing."""
    if not isinstance(text, str):
        return None
    match = _TOKEN_RE.search(text)
    if match is None or match.group(1) not in {p.id for p in briefing.places}:
        return None
    return match.group(1)


def snap_width(width_km: float) -> float:
    """A width the slider can show: within 1-20 km, on its 0.5 km steps."""
    snapped = round(width_km / WIDTH_STEP_KM) * WIDTH_STEP_KM
    return min(max(snapped, GAP_MIN_KM), GAP_MAX_KM)


# --- small HTML helpers (every data text escaped) ----------------------------------------


def _other(lang: Lang) -> Lang:
    return "en" if lang == "ar" else "ar"


def _both_names(name: Bilingual, lang: Lang) -> str:
    """'<b>Erbil</b> · أربيل' in English, the Arabic name first in Arabic."""
    other = _other(lang)
    return (
        f"<b>{escape_for_map(name.in_lang(lang))}</b> · "
        f'<bdi dir="{direction(other)}" lang="{other}">{escape_for_map(name.in_lang(other))}</bdi>'
    )


def _tip(lang: Lang, lines: Iterable[str], token: str = "") -> str:
    """Tooltip HTML from escaped lines, in the page's direction, with a hidden place token."""
    body = "<br>".join(lines)
    hidden = f'<span hidden style="display:none">{token}</span>' if token else ""
    return f'<div class="gw-tip" dir="{direction(lang)}" lang="{lang}">{body}{hidden}</div>'


def _muted(html: str) -> str:
    return f'<span class="gw-muted">{html}</span>'


def precision_text(place: Place, lang: Lang) -> str:
    """'Precision 1: the point itself': the ACLED-style code and what it means (plain text)."""
    return t(
        "map_precision",
        lang,
        code=place.geo_precision,
        meaning=t(f"map_precision_{place.geo_precision}", lang),
    )


def _place_tooltip(items: PlaceItems, lang: Lang, extra: Iterable[str] = ()) -> str:
    place = items.place
    lines = [
        _both_names(place.name, lang),
        *extra,
        escape_for_map(precision_text(place, lang)),
        _muted(
            escape_for_map(t("map_coordinates", lang))
            + f' <bdi dir="ltr">{escape_for_map(place.coordinate_source)}</bdi>'
        ),
        _muted(escape_for_map(t("map_click_for_items", lang, count=items.count))),
    ]
    return _tip(lang, lines, place_token(place.id))


def _place_popup(items: PlaceItems, lang: Lang) -> str:
    """One line per event and statement at a place (the full details appear under the map)."""
    rows = [
        f"<li>{escape_for_map(format_fuzzy_date(e.date, lang))}: "
        f"{escape_for_map(e.title.in_lang(lang))}</li>"
        for e in items.events
    ]
    rows += [
        f"<li>{escape_for_map(t(s.status, lang))}: {escape_for_map(s.text.in_lang(lang))}</li>"
        for s in items.statements
    ]
    if not rows:
        rows = [f"<li>{escape_for_map(t('map_no_items_here', lang))}</li>"]
    return (
        f'<div class="gw-popup" dir="{direction(lang)}" lang="{lang}">'
        f"{_both_names(items.place.name, lang)}<ul>{''.join(rows)}</ul></div>"
    )


def _zone_lines(zone: DerivedZone, lang: Lang) -> list[str]:
    """Tooltip lines for a drawn zone: area, 'illustrative', and how it was drawn."""
    return [
        escape_for_map(
            t("map_area", lang, area=format_number(zone.area_km2, lang))
            + " · "
            + t("map_illustrative", lang)
        ),
        _muted(escape_for_map(zone.method.in_lang(lang))),
    ]


# --- folium pieces -----------------------------------------------------------------------


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


def legend_html(lang: Lang) -> str:
    """What each shape is, and which shapes are illustrative and why (escaped HTML)."""
    c = COLORS
    swatches = [
        (
            f"background:{c['place']};border:2px solid #fff;outline:1px solid {c['place']};"
            "border-radius:50%;flex-basis:12px",
            "map_lg_place",
        ),
        (f"background:{c['gap']};opacity:.5", "map_lg_gap"),
        (f"border:1.5px dashed {c['gap']}", "map_lg_gap_refs"),
        (f"background:{c['hamrin']};opacity:.5", "map_lg_hamrin"),
        (f"background:rgba(230,126,34,.3);border:1px dashed {c['outskirts']}", "map_lg_outskirts"),
        (f"background:{c['kri_fill']};border:1px solid {c['gov_line']}", "map_lg_kri"),
        (f"background:{c['gov_fill']};border:1px solid {c['gov_line']}", "map_lg_governorates"),
        (f"border-top:2px solid {c['river']};height:0;margin-top:8px", "map_lg_rivers"),
    ]
    rows = "".join(
        f'<li><span class="gw-sw" style="{css}"></span>'
        f"<span>{escape_html(t(key, lang))}</span></li>"
        for css, key in swatches
    )
    return (
        f'<details open dir="{direction(lang)}" lang="{lang}">'
        f"<summary>{escape_html(t('map_legend', lang))}</summary>"
        f"<ul>{rows}</ul>"
        f'<div class="gw-note">{escape_html(t("map_lg_note", lang))}</div>'
        "</details>"
    )


# --- display geometry --------------------------------------------------------------------

# Shapes are thinned for drawing (gapwatch.geometry.for_display): borders at most 250 m off,
# about a pixel at zoom 9 (FOCUS_ZOOM) and two at zoom 10; rivers and lakes, context only, 400
# m; coordinates to 3 decimals (~100 m). The basemap data itself has a vertex every ~3.5 km.
BORDER_TOLERANCE_M = 250.0
WATER_TOLERANCE_M = 400.0
BASEMAP_DECIMALS = 3
# A band is thinned by a share of its width (so a 1 km band keeps its shape), between these.
_ZONE_TOLERANCE_SHARE = 0.1
_ZONE_TOLERANCE_M = (25.0, 250.0)


def zone_tolerance_m(width_km: float) -> float:
    """How far a drawn band of `width_km` may be off its exact shape: 10 % of the width,
    25-250 m (1 km: 100 m; from 2.5 km: 250 m)."""
    low, high = _ZONE_TOLERANCE_M
    return min(max(width_km * 1000 * _ZONE_TOLERANCE_SHARE, low), high)


def _decimals_for(tolerance_m: float) -> int:
    """Round to ~100 m where the tolerance allows it, else to ~10 m."""
    return 3 if tolerance_m >= 100 else 4


@dataclass(frozen=True)
class ZoneShape:
    """A zone, the lighter copy of its shape that is drawn, and that copy encoded."""

    zone: DerivedZone
    display: BaseGeometry
    decimals: int
    encoded: Encoded

    def shape(self, **kwargs: Any) -> Shape:
        """The drawn zone as a `Shape` (tooltip, popup, style as keyword arguments)."""
        return Shape(self.zone.id, self.display, encoded=self.encoded, **kwargs)


def zone_shape(zone: DerivedZone, width_km: float) -> ZoneShape:
    """`zone` thinned for drawing, by a tolerance proportional to its width."""
    tolerance = zone_tolerance_m(width_km)
    return _drawn(zone, tolerance, _decimals_for(tolerance))


def _drawn(zone: DerivedZone, tolerance_m: float, decimals: int) -> ZoneShape:
    display = for_display(zone.geometry, tolerance_m, decimals)
    return ZoneShape(zone, display, decimals, encode_geometry(display, decimals))


_STYLES: dict[str, dict[str, Any]] = {
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
        "pane": _AREAS_PANE,
    },
    "outskirts": {
        "color": COLORS["outskirts"],
        "weight": 1.2,
        "dashArray": "4 4",
        "fillColor": COLORS["outskirts"],
        "fillOpacity": 0.2,
        "pane": _AREAS_PANE,
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
        "pane": _PLACES_PANE,
    },
    "place_approx": {
        "radius": 10,
        "color": COLORS["place"],
        "weight": 2,
        "dashArray": "3 3",
        "fillColor": COLORS["place"],
        "fillOpacity": 0.3,
        "pane": _PLACES_PANE,
    },
}

# The words the map script puts under a governorate's, river's or lake's names (by index).
_KINDS = ("map_governorate", "map_kri_governorate", "map_river", "map_lake")


# --- folium pieces: the basemap ----------------------------------------------------------


def _governorates(geo: ReferenceGeo, lang: Lang, attribution: str) -> Governorates:
    """Governorate fills (the three of the Kurdistan Region tinted), every border drawn once."""
    features = geo.governorates["features"]
    topology = polygon_arcs([shape(f["geometry"]) for f in features])
    # All arcs thinned together, so the one arc that two governorates share stays shared, and
    # arcs that touch keep touching (their ends do not move).
    thinned = for_display(
        GeometryCollection([LineString(arc) for arc in topology.arcs]),
        BORDER_TOLERANCE_M,
        BASEMAP_DECIMALS,
    )
    assert isinstance(thinned, GeometryCollection)
    arcs = tuple(tuple((x, y) for x, y, *_ in line.coords) for line in thinned.geoms)
    assert len(arcs) == len(topology.arcs), "an arc collapsed when thinned"
    other = _other(lang)
    governorates = [
        Governorate(
            pcode=f["properties"]["ADM1_PCODE"],
            name=escape_for_map(_gov_name(f["properties"], lang)),
            other_name=escape_for_map(_gov_name(f["properties"], other)),
            kri=f["properties"].get("ADM1_PCODE") in KRI_GOVERNORATES,
        )
        for f in features
    ]
    return Governorates(
        governorates,
        replace(topology, arcs=arcs),
        [_STYLES["gov"], _STYLES["kri"], _STYLES["gov_line"], _STYLES["outline"]],
        decimals=BASEMAP_DECIMALS,
        attribution=attribution,
    )


def _gov_name(properties: dict[str, Any], lang: Lang) -> str:
    return str(properties["ADM1_AR"] if lang == "ar" else properties["ADM1_EN"])


def _water(collection: GeoJSON, lang: Lang, kind: int, prefix: str) -> list[Shape]:
    """Rivers or lakes thinned for drawing; the named ones carry both names and what they are."""
    geoms = [shape(f["geometry"]) for f in collection["features"]]
    thinned = for_display(GeometryCollection(geoms), WATER_TOLERANCE_M, BASEMAP_DECIMALS)
    assert isinstance(thinned, GeometryCollection) and len(thinned.geoms) == len(geoms)
    shapes = []
    for n, (f, geom) in enumerate(zip(collection["features"], thinned.geoms, strict=True)):
        p = f["properties"]
        tip: list[str | int] | None = None
        if p.get("name"):
            name = Bilingual(en=p["name"], ar=p.get("name_ar") or p["name"])
            tip = [
                escape_for_map(name.in_lang(lang)),
                escape_for_map(name.in_lang(_other(lang))),
                kind,
            ]
        shapes.append(Shape(f"{prefix}-{n}", geom, style=0 if tip else 1, tooltip=tip))
    return shapes


def _town_name_at(briefing: Briefing, place: Place) -> Bilingual:
    """The name of the town whose point an area shares (Hawija, for its outskirts)."""
    for other in briefing.places:
        same_point = (other.lat, other.lon) == (place.lat, place.lon)
        if other.id != place.id and other.geo_precision == 1 and same_point:
            return other.name
    return place.name


def _area_layer(briefing: Briefing, geo: ReferenceGeo, place: Place, lang: Lang) -> Shapes:
    """A ridge as the Hamrin band, an area as a ring around its town: both illustrative."""
    items = items_at(briefing, place.id)
    if place.kind == "ridge":
        zone, style = hamrin_band(geo.hamrin_axis), _STYLES["hamrin"]
        drawn = zone_shape(zone, HAMRIN_DEFAULT_KM)
    else:
        zone = outskirts_ring(place.lat, place.lon, place=_town_name_at(briefing, place))
        style = _STYLES["outskirts"]
        # A ring's edges are circles: 100 m off keeps them round at zoom 10 (a 3 km hole is
        # then a 12-gon, the 15 km edge a 27-gon).
        drawn = _drawn(zone, 100, 3)
    tip = _place_tooltip(
        items, lang, extra=[escape_for_map(zone.name.in_lang(lang)), *_zone_lines(zone, lang)]
    )
    return Shapes(
        [drawn.shape(tooltip=tip, popup=_place_popup(items, lang))],
        [style],
        decimals=drawn.decimals,
    )


def _place_marker(items: PlaceItems, lang: Lang) -> PlaceMarker:
    """A place with a point of its own: a circle (solid if the point is exact) and its name."""
    place = items.place
    return PlaceMarker(
        place_id=place.id,
        lat=place.lat,  # Leaflet wants [lat, lon]
        lon=place.lon,
        exact=place.geo_precision == 1,
        tooltip=_place_tooltip(items, lang),
        popup=_place_popup(items, lang),
        label=escape_for_map(place.name.in_lang(lang)),
    )


def _stable_ids(root: branca.element.Element, prefix: str) -> None:
    """Give every element a fixed id so that the same map renders to the same HTML.

    folium names its JavaScript variables after random ids; fixed ones make the base map's
    script byte-identical between builds (no iframe remount, testable, cache-friendly).
    """

    def walk(element: branca.element.Element) -> Iterator[branca.element.Element]:
        yield element
        # A Figure's sections and a Popup's content hang off attributes, not `_children`.
        for section in ("header", "html", "script"):
            part = getattr(element, section, None)
            if isinstance(part, branca.element.Element):
                yield from walk(part)
        for child in list(getattr(element, "_children", {}).values()):
            yield from walk(child)

    elements = list(walk(root))
    old_names = {id(e): e.get_name() for e in elements}
    for n, element in enumerate(elements):
        element._id = f"{prefix}{n}"
    # Some templates name a variable after the key a child was added under (a Popup's
    # content), so keys that were the old name follow the new one.
    for element in elements:
        children = getattr(element, "_children", None)
        if children:
            element._children = type(children)(
                (child.get_name() if key == old_names[id(child)] else key, child)
                for key, child in children.items()
            )


def build_base_map(
    briefing: Briefing, geo: ReferenceGeo, lang: Lang, *, layer_control: bool = True
) -> folium.Map:
    """Everything but the gap band: governorates and their borders (the national border among
    them), rivers and lakes, the places (points, the Hawija outskirts ring, the Hamrin band),
    sector labels, legend, attribution, scale bar, an online tile layer that starts off, and a
    layer control (`layer_control=False` when the caller adds one that also lists the gap band).

    Shapes are drawn by the map's own script from compact data (`components.map_display`).
    Deterministic: the same inputs give the same HTML.
    """
    m = offline_map(
        location=list(MAP_CENTER),
        zoom_start=MAP_ZOOM,
        min_zoom=5,
        max_zoom=14,
        control_scale=True,
    )
    # Tooltips and popups are bound by the map script, so the map needs Leaflet only, no jQuery.
    m.default_js = [(name, url) for name, url in m.default_js if name == "leaflet"]
    figure = m.get_root()
    assert isinstance(figure, branca.element.Figure)
    figure.header.add_child(branca.element.Element(_MAP_CSS), name="gapwatch_css")
    MapScript(lang, _other(lang), [escape_for_map(t(key, lang)) for key in _KINDS]).add_to(m)
    Pane(_AREAS_PANE, z_index=450).add_to(m)
    Pane(_PLACES_PANE, z_index=640).add_to(m)

    # The data attribution rides on the basemap layers: Leaflet's attribution control shows it
    # whenever one of them is on the map.
    attribution = escape_html(ATTRIBUTION)
    governorates = Group(name=t("map_layer_governorates", lang))
    _governorates(geo, lang, attribution).add_to(governorates)
    governorates.add_to(m)

    water = Group(name=t("map_layer_water", lang))
    Shapes(
        _water(geo.lakes, lang, _KINDS.index("map_lake"), "map_lake"),
        [_STYLES["lake"], _STYLES["lake"]],
        decimals=BASEMAP_DECIMALS,
        attribution=attribution,
    ).add_to(water)
    Shapes(
        _water(geo.rivers, lang, _KINDS.index("map_river"), "map_river"),
        [_STYLES["river"], _STYLES["river_quiet"]],
        decimals=BASEMAP_DECIMALS,
        line=True,
    ).add_to(water)
    water.add_to(m)

    sectors = Group(name=t("map_layer_sectors", lang))
    Labels(
        [Label(s.lat, s.lon, escape_for_map(s.name.in_lang(lang))) for s in geo.sector_labels],
        "gw-sector",
    ).add_to(sectors)
    sectors.add_to(m)
    ZoomClass("gw-show-sectors", SECTOR_LABEL_MIN_ZOOM).add_to(m)

    groups = {
        "ridge": Group(name=t("map_layer_hamrin", lang)),
        "area": Group(name=t("map_layer_outskirts", lang)),
        "point": Group(name=t("map_layer_places", lang)),
    }
    markers = []
    for place in briefing.places:
        if place.kind == "gap_zone":
            continue  # the gap band (build_gap_layer) is this place
        if place.kind in ("ridge", "area"):
            _area_layer(briefing, geo, place, lang).add_to(groups[place.kind])
        else:
            markers.append(_place_marker(items_at(briefing, place.id), lang))
    PlaceMarkers(markers, [_STYLES["place_exact"], _STYLES["place_approx"]]).add_to(groups["point"])
    for group in groups.values():
        group.add_to(m)

    folium.TileLayer(
        "OpenStreetMap",
        name=t("map_layer_osm", lang),
        overlay=True,
        control=True,
        show=False,
    ).add_to(m)

    Legend(legend_html(lang)).add_to(m)
    QuietMount().add_to(m)
    if layer_control:
        Layers(collapsed=True).add_to(m)
    _stable_ids(m.get_root(), "gw")
    return m


# --- the gap band ------------------------------------------------------------------------


def gap_zone(geo: ReferenceGeo, width_km: float) -> DerivedZone:
    """The illustrative gap band of `width_km` along the assumed line, inside Iraq."""
    return gap_band(geo.assumed_line, width_km, clip_to=geo.outline_geometry)


def gap_shape(geo: ReferenceGeo, width_km: float) -> ZoneShape:
    """The gap band of `width_km` and the lighter copy of it that is drawn."""
    return zone_shape(gap_zone(geo, width_km), width_km)


def build_gap_layer(
    geo: ReferenceGeo,
    width_km: float,
    lang: Lang,
    *,
    shapes: Callable[[float], ZoneShape] | None = None,
) -> folium.FeatureGroup:
    """The gap band for the chosen width, over thin outlines of the 1 km and 20 km bands.

    `shapes` lets the UI pass a cached `gap_shape`; by default each band is computed here.
    """
    make = shapes or (lambda w: gap_shape(geo, w))
    group = Group(name=t("map_layer_gap", lang, width=f"{width_km:g}"))
    for ref_km in (GAP_MIN_KM, GAP_MAX_KM):
        ref = make(ref_km)
        Shapes([ref.shape()], [_STYLES["gap_ref"]], decimals=ref.decimals).add_to(group)
    band = make(width_km)
    zone = band.zone
    lines = [
        f"<b>{escape_for_map(zone.name.in_lang(lang))}</b>",
        escape_for_map(t("map_gap_width", lang, width=f"{width_km:g}")),
        *_zone_lines(zone, lang),
        _muted(escape_for_map(t("map_gap_click", lang))),
    ]
    Shapes(
        [band.shape(tooltip=_tip(lang, lines, place_token(GAP_PLACE_ID)))],
        [_STYLES["gap"]],
        decimals=band.decimals,
    ).add_to(group)
    _stable_ids(group, "gap")
    return group


# --- below the map: what the article says about a place ----------------------------------


def _spans_html(item_id: str, spans: Iterable[SourceSpan], lang: Lang) -> str:
    """The Arabic source sentences, right to left, each linked to its paragraph."""
    quotes = []
    for span in spans:
        href = escape_html(source_href(item_id, lang, span.paragraph))
        para = escape_html(t("map_para", lang, index=span.paragraph))
        quotes.append(
            '<blockquote class="gwm-src" dir="rtl" lang="ar">'
            f"{escape_html(span.text_ar)} "
            f'<a href="{href}" target="_self">{para}</a></blockquote>'
        )
    return "".join(quotes)


def _meta(parts: Iterable[str]) -> str:
    return f'<div class="gwm-meta">{" · ".join(escape_html(p) for p in parts if p)}</div>'


def _event_html(event: Event, lang: Lang) -> str:
    date = event.date
    own_words = t("map_article_words", lang, words=date.text.in_lang(lang))
    return (
        '<div class="gwm-item">'
        f'<div class="gwm-item-title">{escape_html(event.title.in_lang(lang))}</div>'
        + _meta(
            [
                format_fuzzy_date(date, lang),
                own_words,
                t(date.precision, lang),
                t(event.status, lang),
                t(event.event_type, lang),
            ]
        )
        + f"<p>{escape_html(event.summary.in_lang(lang))}</p>"
        + (
            f'<p class="gwm-note">{escape_html(event.place_note.in_lang(lang))}</p>'
            if event.place_note
            else ""
        )
        + _spans_html(event.id, event.spans, lang)
        + "</div>"
    )


def _statement_html(statement: Statement, briefing: Briefing, lang: Lang) -> str:
    speaker = briefing.actor(statement.speaker_id).name.in_lang(lang)
    return (
        '<div class="gwm-item">'
        + _meta([speaker, t(f"map_{statement.form}", lang), t(statement.status, lang)])
        + f"<p>{escape_html(statement.text.in_lang(lang))}</p>"
        + _spans_html(statement.id, statement.spans, lang)
        + "</div>"
    )


_DETAILS_CSS = """<style>
.gwm-details { font-size: 0.95rem; }
.gwm-details h4 { margin: 0.2rem 0 0.1rem; }
.gwm-details h5 { margin: 0.9rem 0 0.3rem; }
.gwm-details .gwm-meta { color: #5b6670; font-size: 0.85rem; }
.gwm-details .gwm-note { color: #5b6670; font-size: 0.88rem; }
.gwm-details .gwm-item { border-inline-start: 3px solid #d5dbe1; padding: 0.1rem 0.7rem;
  margin: 0.5rem 0; }
.gwm-details .gwm-item-title { font-weight: 600; }
.gwm-details .gwm-item p { margin: 0.25rem 0; }
.gwm-details blockquote.gwm-src { margin: 0.3rem 0; padding: 0.2rem 0.6rem; text-align: right;
  border-right: 3px solid #1f4e79; border-left: 0; background: #f3f5f7;
  font-family: "Noto Naskh Arabic", "Noto Sans Arabic", serif; }
.gwm-details blockquote.gwm-src a { font-size: 0.8rem; font-family: sans-serif; }
</style>"""


def build_place_details_html(briefing: Briefing, place_id: str, lang: Lang) -> str:
    """Everything the article says at one place: its events (date, status, source sentence),
    the statements that name it, and how precisely it is located. Escaped HTML."""
    items = items_at(briefing, place_id)
    place = items.place
    parts = [
        _DETAILS_CSS,
        f'<div class="gwm-details" dir="{direction(lang)}" lang="{lang}">',
        f"<h4>{escape_html(place.name.in_lang(lang))} · "
        f'<bdi lang="{_other(lang)}">{escape_html(place.name.in_lang(_other(lang)))}</bdi></h4>',
        _meta(
            [
                precision_text(place, lang),
                t("map_coordinates", lang) + " " + place.coordinate_source,
            ]
        ),
    ]
    if place.note:
        parts.append(f'<p class="gwm-note">{escape_html(place.note.in_lang(lang))}</p>')
    parts.append(f"<h5>{escape_html(t('map_events_here', lang, count=len(items.events)))}</h5>")
    if items.events:
        parts += [_event_html(e, lang) for e in items.events]
    else:
        parts.append(f'<p class="gwm-note">{escape_html(t("map_no_events_here", lang))}</p>')
    if items.statements:
        parts.append(
            f"<h5>{escape_html(t('map_statements_here', lang, count=len(items.statements)))}</h5>"
        )
        parts += [_statement_html(s, briefing, lang) for s in items.statements]
    parts.append(f"<h5>{escape_html(t('map_named_in_source', lang))}</h5>")
    parts.append(_spans_html(place.id, place.spans, lang))
    # Hawija and its outskirts share one point: what the article says about the one is what
    # a reader clicking the other is looking for, so show it, labelled as the other place's.
    for other in items.same_point:
        other_items = items_at(briefing, other.id)
        if not other_items.count:
            continue
        name = t("map_same_point", lang, name=other.name.in_lang(lang))
        parts.append(f'<h5 class="gwm-same-point">{escape_html(name)}</h5>')
        parts += [_event_html(e, lang) for e in other_items.events]
        parts += [_statement_html(s, briefing, lang) for s in other_items.statements]
    parts.append("</div>")
    return "".join(parts)


def build_places_list_html(briefing: Briefing, lang: Lang) -> str:
    """Every place with its precision and what the article puts there, so the page is usable
    without clicking the map: the statements that place ISIS remnants there, the events."""
    parts = [_DETAILS_CSS, f'<div class="gwm-details" dir="{direction(lang)}" lang="{lang}">']
    for place in briefing.places:
        items = items_at(briefing, place.id)
        parts.append(
            f'<div class="gwm-item" id="gwm-place-{escape_html(place.id)}">'
            f'<div class="gwm-item-title">{escape_html(place.name.in_lang(lang))} · '
            f'<bdi lang="{_other(lang)}">{escape_html(place.name.in_lang(_other(lang)))}</bdi>'
            "</div>" + _meta([t(f"map_kind_{place.kind}", lang), precision_text(place, lang)])
        )
        for statement in items.statements:
            speaker = briefing.actor(statement.speaker_id).name.in_lang(lang)
            parts.append(
                f"<p>{escape_html(speaker)}: {escape_html(statement.text.in_lang(lang))} "
                f'<span class="gwm-meta">({escape_html(t(statement.status, lang))})</span></p>'
                + _spans_html(statement.id, statement.spans[:1], lang)
            )
        for event in items.events:
            parts.append(
                f"<p>{escape_html(format_fuzzy_date(event.date, lang))}: "
                f"{escape_html(event.title.in_lang(lang))} "
                f'<span class="gwm-meta">({escape_html(t(event.status, lang))})</span></p>'
            )
        if not items.count:
            parts.append(_spans_html(place.id, place.spans[:1], lang))
        parts.append("</div>")
    parts.append("</div>")
    return "".join(parts)


# --- Streamlit: caching and rendering ----------------------------------------------------

# st_folium adds the gap layer and the layer control to the map it is given and renames its
# elements: given the shared cached map twice, its script (so the iframe's key) would change.
# So the cached map is never rendered; each run hands st_folium a private copy (under a
# millisecond: the shapes are immutable strings and values that the copy shares).


@st.cache_resource(show_spinner=False, max_entries=4)
def cached_base_map(lang: Lang, _briefing: Briefing, _geo: ReferenceGeo) -> folium.Map:
    """The base map, built once per language per process (briefing and geo are singletons)."""
    return build_base_map(_briefing, _geo, lang, layer_control=False)


@st.cache_resource(show_spinner=False, max_entries=64)
def cached_gap_shape(width_km: float, _geo: ReferenceGeo) -> ZoneShape:
    """The gap band for one width and its drawn copy: at most 39 widths on the slider's 0.5 km
    steps."""
    return gap_shape(_geo, width_km)


def render_width_control(width_km: float, lang: Lang, on_change: Callable[[float], None]) -> float:
    """The band-width slider (1-20 km), kept equal to the view; `on_change` stores a move."""
    key = "map_gap_width_km"
    value = snap_width(width_km)
    if st.session_state.get(key) != value:
        st.session_state[key] = value
    return float(
        st.slider(
            t("map_width_label", lang),
            min_value=GAP_MIN_KM,
            max_value=GAP_MAX_KM,
            step=WIDTH_STEP_KM,
            format="%.1f km" if lang == "en" else "%.1f كم",
            key=key,
            help=t("map_width_help", lang),
            on_change=lambda: on_change(float(st.session_state[key])),
        )
    )


def render_gap_metrics(zone: DerivedZone, width_km: float, lang: Lang) -> None:
    """The band's area beside the slider, marked illustrative."""
    st.metric(
        t("map_area_label", lang),
        t("map_km2", lang, area=format_number(zone.area_km2, lang)),
        help=t("map_area_help", lang),
    )


def render_caveats(lang: Lang) -> None:
    """What the band is not: the caveats, always visible under the slider."""
    st.caption(t("map_caveats", lang))


def render_map(
    base_map: folium.Map,
    gap_layer: folium.FeatureGroup,
    briefing: Briefing,
    lang: Lang,
    *,
    focus: str | None,
) -> str | None:
    """Show the map; return the place just clicked (None if no new click on a place).

    Only the clicked object's tooltip and a click counter come back from the browser (the
    counter so that clicking the same place again still counts), so zooming and panning never
    rerun the script. A place chosen elsewhere (the URL, the timeline, a button) is centred on; a
    place clicked on the map is not moved to, the user is already looking at it.
    """
    clicked_key, last_key = f"{MAP_KEY}_clicked_place", f"{MAP_KEY}_last_click"
    center: list[float] | None = None
    zoom: int | None = None
    if focus is not None and focus != st.session_state.get(clicked_key):
        place = briefing.place(focus)
        center, zoom = [place.lat, place.lon], FOCUS_ZOOM
    result = st_folium(
        copy.deepcopy(base_map),
        key=f"{MAP_KEY}_{lang}",
        height=MAP_HEIGHT_PX,
        use_container_width=True,
        returned_objects=["last_object_clicked_tooltip", "last_object_clicked_count"],
        feature_group_to_add=gap_layer,
        layer_control=Layers(collapsed=True),
        center=center,
        zoom=zoom,
        # st_folium renders the map itself for what it sends; render=True would also render
        # the whole HTML page around it, and throw it away.
        render=False,
    )
    result = result or {}
    tooltip = result.get("last_object_clicked_tooltip")
    click = (result.get("last_object_clicked_count"), tooltip)
    if click == st.session_state.get(last_key):
        return None  # the same answer as on the last run: nothing new was clicked
    st.session_state[last_key] = click
    place_id = place_id_from_tooltip(tooltip, briefing)
    if place_id is not None:
        st.session_state[clicked_key] = place_id
    return place_id


def render_place_details(
    briefing: Briefing, place_id: str | None, lang: Lang, on_select: Callable[[str | None], None]
) -> None:
    """What the article says at the selected place, or a hint to click one."""
    if place_id is None:
        st.info(t("map_click_hint", lang), icon=":material/touch_app:")
        return
    with st.container(border=True, key="map_place_details"):
        st.html(build_place_details_html(briefing, place_id, lang))
        items = items_at(briefing, place_id)
        buttons: list[tuple[str | None, str]] = [
            (p.id, t("map_same_point", lang, name=p.name.in_lang(lang))) for p in items.same_point
        ]
        buttons.append((None, t("map_clear_focus", lang)))
        for column, (target, label) in zip(st.columns(len(buttons)), buttons, strict=True):
            column.button(
                label,
                key=f"map_select_{target or 'none'}",
                on_click=on_select,
                args=(target,),
                use_container_width=True,
            )


PLACES_LIST_ID = "gw-places-list"


def render_skip_to_places(lang: Lang) -> None:
    """A link before the map to its text alternative, so a keyboard user need not Tab through
    every feature of the map (its frame takes dozens of Tab presses) to reach the places."""
    st.html(
        f'<a class="gw-skip-link" href="#{PLACES_LIST_ID}">'
        f"{escape_html(t('map_skip_to_places', lang))}</a>"
    )


def render_places_list(briefing: Briefing, lang: Lang) -> None:
    """All places, their precision and what the article puts there: the map's text
    alternative, focusable so the skip link above the map can move the focus here."""
    st.subheader(t("map_places_heading", lang))
    st.html(
        f'<div id="{PLACES_LIST_ID}" tabindex="-1" role="region" '
        f'aria-label="{escape_html(t("map_places_heading", lang))}">'
        f"{build_places_list_html(briefing, lang)}</div>"
    )
