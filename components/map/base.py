"""The base map: everything but the gap band, built once per language and cached.

Governorates and their borders (the national border among them), rivers and lakes, the places
(points, the Hawija outskirts ring, the Hamrin band), sector labels, legend, attribution,
scale bar and an online tile layer that starts off. Offline: the map comes from
`components.assets.offline_map` (Leaflet served by the app, no tiles). Deterministic: the
same inputs give the same HTML, so st_folium never remounts the map within a language.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import branca.element
import folium
from shapely.geometry import GeometryCollection, LineString, shape

from components.assets import offline_map
from components.compat import Group, Layers, Pane, add_quiet_mount, stable_ids
from components.html import escape_for_map, escape_html
from components.map.constants import (
    AREAS_PANE,
    BASEMAP_DECIMALS,
    BORDER_TOLERANCE_M,
    KINDS,
    KRI_GOVERNORATES,
    MAP_CENTER,
    MAP_ZOOM,
    PLACES_PANE,
    SECTOR_LABEL_MIN_ZOOM,
    STYLES,
    WATER_TOLERANCE_M,
)
from components.map.elements import (
    MAP_CSS,
    Governorate,
    Governorates,
    Label,
    Labels,
    Legend,
    MapScript,
    PlaceMarker,
    PlaceMarkers,
    Shape,
    Shapes,
    ZoomClass,
)
from components.map.gap import drawn, zone_shape
from components.map.tooltips import legend_html, place_popup, place_tooltip
from gapwatch.briefing import Briefing
from gapwatch.encoding import polygon_arcs
from gapwatch.geodata import ReferenceGeo
from gapwatch.geometry import ATTRIBUTION, HAMRIN_DEFAULT_KM, GeoJSON, for_display
from gapwatch.i18n import Lang, other_lang, t
from gapwatch.model import Bilingual
from gapwatch.queries import PlaceItems, items_at
from gapwatch.zones import PlaceZone, place_zones


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
    other = other_lang(lang)
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
        [STYLES["gov"], STYLES["kri"], STYLES["gov_line"], STYLES["outline"]],
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
                escape_for_map(name.in_lang(other_lang(lang))),
                kind,
            ]
        shapes.append(Shape(f"{prefix}-{n}", geom, style=0 if tip else 1, tooltip=tip))
    return shapes


def _zone_layer(briefing: Briefing, placed: PlaceZone, lang: Lang) -> Shapes:
    """A ridge as the Hamrin band, an area as a ring around its town: both illustrative."""
    place, zone = placed.place, placed.zone
    items = items_at(briefing, place.id)
    if place.kind == "ridge":
        style, shown = STYLES["hamrin"], zone_shape(zone, HAMRIN_DEFAULT_KM)
    else:
        # A ring's edges are circles: 100 m off keeps them round at zoom 10 (a 3 km hole is
        # then a 12-gon, the 15 km edge a 27-gon).
        style, shown = STYLES["outskirts"], drawn(zone, 100, 3)
    tip = place_tooltip(items, lang, zone)
    return Shapes(
        [shown.shape(tooltip=tip, popup=place_popup(items, briefing, lang))],
        [style],
        decimals=shown.decimals,
    )


def _place_marker(items: PlaceItems, briefing: Briefing, lang: Lang) -> PlaceMarker:
    """A place with a point of its own: a circle (solid if the point is exact) and its name."""
    place = items.place
    return PlaceMarker(
        place_id=place.id,
        lat=place.lat,  # Leaflet wants [lat, lon]
        lon=place.lon,
        exact=place.geo_precision == 1,
        tooltip=place_tooltip(items, lang),
        popup=place_popup(items, briefing, lang),
        label=escape_for_map(place.name.in_lang(lang)),
    )


def build_base_map(
    briefing: Briefing, geo: ReferenceGeo, lang: Lang, *, layer_control: bool = True
) -> folium.Map:
    """Everything but the gap band: governorates and their borders (the national border among
    them), rivers and lakes, the places (points, the Hawija outskirts ring, the Hamrin band),
    sector labels, legend, attribution, scale bar, an online tile layer that starts off, and a
    layer control (`layer_control=False` when the caller adds one that also lists the gap band).

    Shapes are drawn by the map's own script from compact data (`elements.py`, `map.js`).
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
    figure.header.add_child(branca.element.Element(MAP_CSS), name="gapwatch_css")
    MapScript(lang, other_lang(lang), [escape_for_map(t(key, lang)) for key in KINDS]).add_to(m)
    Pane(AREAS_PANE, z_index=450).add_to(m)
    Pane(PLACES_PANE, z_index=640).add_to(m)

    # The data attribution rides on the basemap layers: Leaflet's attribution control shows it
    # whenever one of them is on the map.
    attribution = escape_html(ATTRIBUTION)
    governorates = Group(name=t("map_layer_governorates", lang))
    _governorates(geo, lang, attribution).add_to(governorates)
    governorates.add_to(m)

    water = Group(name=t("map_layer_water", lang))
    Shapes(
        _water(geo.lakes, lang, KINDS.index("map_lake"), "map_lake"),
        [STYLES["lake"], STYLES["lake"]],
        decimals=BASEMAP_DECIMALS,
        attribution=attribution,
    ).add_to(water)
    Shapes(
        _water(geo.rivers, lang, KINDS.index("map_river"), "map_river"),
        [STYLES["river"], STYLES["river_quiet"]],
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
    for placed in place_zones(briefing, geo):
        _zone_layer(briefing, placed, lang).add_to(groups[placed.place.kind])
    markers = [
        _place_marker(items_at(briefing, place.id), briefing, lang)
        for place in briefing.places
        if place.kind == "city"
    ]
    PlaceMarkers(markers, [STYLES["place_exact"], STYLES["place_approx"]]).add_to(groups["point"])
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
    add_quiet_mount(m)
    if layer_control:
        Layers(collapsed=True).add_to(m)
    stable_ids(m.get_root(), "gw")
    return m
