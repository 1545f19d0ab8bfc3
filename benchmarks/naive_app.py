"""The naive build: Gap Watch's timeline and map written the straightforward way.

A yardstick for the benchmark, never shipped. Everything a first draft would do is done here
on every script run: read the JSON files and validate them with pydantic (no caching), read
the full-resolution governorates (benchmarks/fixtures, ~190 KB), rebuild the gap bands with
shapely, add markers to the map one by one, and show it with ``st_folium(m)`` and its default
returned objects, so that every zoom or pan reruns the whole script. Leaflet is served by the
app (``offline_map``) only because with no internet the map would not load at all.

Two pages under ``st.navigation`` with the same URL paths as Gap Watch: ``/timeline`` and
``/map``.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any

import folium
import pandas as pd
import plotly.express as px
import shapely
import streamlit as st
from pydantic import BaseModel
from shapely.geometry import LineString, shape
from streamlit_folium import st_folium

from components.assets import offline_map
from components.html import escape_for_map, escape_for_plotly
from gapwatch.geometry import gap_band, hamrin_band, outskirts_ring
from gapwatch.model import Actor, Event, Place

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
GEO = DATA / "geo"
FULL_RES_GOVERNORATES = (
    Path(__file__).resolve().parent / "fixtures" / "irq_adm1_governorates_ocha_cso2019.geojson"
)


def read_models(name: str, model: type[BaseModel]) -> list[Any]:
    """Read one data file and validate every item, as a first draft does on every run."""
    with (DATA / name).open(encoding="utf-8") as f:
        return [model.model_validate(item) for item in json.load(f)]


def read_geojson(path: Path) -> dict[str, Any]:
    """A GeoJSON file as a dict."""
    with path.open(encoding="utf-8") as f:
        data: dict[str, Any] = json.load(f)
    return data


def timeline_page() -> None:
    """Events as a plotly timeline, filtered by place and event type."""
    events: list[Event] = read_models("events.json", Event)
    places: list[Place] = read_models("places.json", Place)
    actors: list[Actor] = read_models("actors.json", Actor)
    place_names = {p.id: p.name.en for p in places}
    actor_names = {a.id: a.name.en for a in actors}

    st.title("Timeline")
    chosen_places = st.multiselect(
        "Place", list(place_names), format_func=place_names.__getitem__, key="place"
    )
    chosen_types = st.multiselect(
        "Event type", sorted({e.event_type for e in events}), key="event_type"
    )
    rows = [
        {
            "event": escape_for_plotly(e.title.en),
            "start": e.date.earliest,
            "end": e.date.latest + dt.timedelta(days=1),
            "type": e.event_type,
            "actors": escape_for_plotly(", ".join(actor_names[a] for a in e.actor_ids)),
        }
        for e in events
        if (not chosen_places or set(chosen_places) & set(e.place_ids))
        and (not chosen_types or e.event_type in chosen_types)
    ]
    if not rows:
        st.info("No event matches these filters.")
        return
    fig = px.timeline(
        pd.DataFrame(rows),
        x_start="start",
        x_end="end",
        y="event",
        color="type",
        hover_data=["actors"],
    )
    fig.update_yaxes(autorange="reversed")
    st.plotly_chart(fig, key="timeline")


def map_page() -> None:
    """Places, gap bands, the Hamrin band and Hawija's outskirts on a vector basemap."""
    places: list[Place] = read_models("places.json", Place)
    governorates = read_geojson(FULL_RES_GOVERNORATES)
    rivers = read_geojson(GEO / "rivers_iraq.geojson")
    lakes = read_geojson(GEO / "lakes_iraq.geojson")
    districts = read_geojson(GEO / "contact_line_districts_adm2.geojson")
    outline = shapely.union_all(
        [shape(f["geometry"]) for f in read_geojson(GEO / "irq_adm0_outline.geojson")["features"]]
    )
    line = shape(
        read_geojson(GEO / "kri_internal_boundary_line.geojson")["features"][0]["geometry"]
    )
    hamrin_axis = next(
        shape(f["geometry"])
        for f in read_geojson(GEO / "hamrin_ridge_schematic.geojson")["features"]
        if f["geometry"]["type"] == "LineString"
    )
    assert isinstance(line, LineString) and isinstance(hamrin_axis, LineString)

    st.title("Map")
    width = st.slider("Gap width (km)", 1.0, 20.0, 10.0, step=0.5, key="width")

    m = offline_map(location=[35.6, 44.2], zoom_start=7, control_scale=True)
    folium.GeoJson(
        governorates,
        name="Governorates",
        style_function=lambda _: {"color": "#555555", "weight": 1, "fillOpacity": 0.03},
        tooltip=folium.GeoJsonTooltip(fields=["ADM1_EN", "ADM1_AR"], aliases=["", ""]),
    ).add_to(m)
    folium.GeoJson(
        rivers, name="Rivers", style_function=lambda _: {"color": "#3b7dd8", "weight": 1}
    ).add_to(m)
    folium.GeoJson(
        lakes, name="Lakes", style_function=lambda _: {"color": "#3b7dd8", "fillOpacity": 0.4}
    ).add_to(m)
    for band_width in (1.0, 20.0, width):
        band = gap_band(line, band_width, clip_to=outline)
        folium.GeoJson(
            band.to_feature(),
            name=escape_for_map(band.name.en),
            style_function=lambda _: {"color": "#c0392b", "fillOpacity": 0.15, "weight": 1},
            tooltip=escape_for_map(f"{band.name.en}: {band.area_km2:,.0f} km²"),
        ).add_to(m)
    for zone in (hamrin_band(hamrin_axis), outskirts_ring(35.32592, 43.77267)):
        folium.GeoJson(
            zone.to_feature(),
            name=escape_for_map(zone.name.en),
            style_function=lambda _: {"color": "#8e6c1f", "fillOpacity": 0.2, "weight": 1},
            tooltip=escape_for_map(zone.name.en),
        ).add_to(m)
    for place in places:
        folium.CircleMarker(
            [place.lat, place.lon],
            radius=7,
            color="#1f4e79",
            fill=True,
            tooltip=escape_for_map(f"{place.name.en} / {place.name.ar}"),
        ).add_to(m)
    with (GEO / "places_northern_iraq.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            folium.CircleMarker(
                [float(row["lat"]), float(row["lon"])],
                radius=3,
                color="#444444",
                fill=True,
                tooltip=escape_for_map(row["name"]),
            ).add_to(m)
    for feature in districts["features"]:
        point = shape(feature["geometry"]).representative_point()
        label = escape_for_map(feature["properties"]["sector"])
        folium.Marker(
            [point.y, point.x],
            icon=folium.DivIcon(html=f'<div style="font-size:10px;width:120px">{label}</div>'),
        ).add_to(m)
    folium.LayerControl().add_to(m)
    st_folium(m)


st.navigation(
    [
        st.Page(timeline_page, title="Timeline", url_path="timeline", default=True),
        st.Page(map_page, title="Map", url_path="map"),
    ]
).run()
