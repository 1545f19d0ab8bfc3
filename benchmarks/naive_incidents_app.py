"""The naive incidents page: Gap Watch's incidents page written the straightforward way.

A yardstick for the benchmark, never shipped. On every script run, as a first draft would:
read the incidents CSV with pandas (no caching), compute each event's distance to the assumed
line with shapely in a Python loop (one point at a time), count the events inside the band,
and put one folium marker per event on the map, shown with ``st_folium(m)`` and its default
returned objects. The same two controls as Gap Watch's page: the band-width slider (1-20 km)
and a type-of-violence filter.

The CSV is named by ``$GAPWATCH_BENCH_INCIDENTS_CSV`` (the runner's generated synthetic file);
Leaflet is served by the app (``offline_map``), as Gap Watch does, so the map loads offline.
"""

from __future__ import annotations

import os

import folium
import pandas as pd
import shapely
import streamlit as st
from shapely.geometry import Point
from streamlit_folium import st_folium

from components.assets import offline_map
from components.html import escape_for_map
from gapwatch.geometry import local_metric, reproject
from gapwatch.incidents.importer import default_line

CSV_ENV = "GAPWATCH_BENCH_INCIDENTS_CSV"


def main() -> None:
    """The whole page, recomputed on every run."""
    st.title("Incidents (naive)")
    frame = pd.read_csv(os.environ[CSV_ENV])
    width = st.slider("Gap width (km)", min_value=1.0, max_value=20.0, value=10.0, step=0.5)
    kinds = sorted(frame["type_of_violence"].dropna().unique().tolist())
    chosen = st.multiselect("Type of violence", kinds)
    if chosen:
        frame = frame[frame["type_of_violence"].isin(chosen)]
    line = default_line().geometry
    centre = line.interpolate(0.5, normalized=True)
    to_m, _to_wgs = local_metric(centre.y, centre.x)
    metric_line = reproject(line, to_m)
    distances: list[float | None] = []
    for row in frame.itertuples(index=False):
        if row.where_prec in (1, 2):
            x, y = to_m.transform(row.longitude, row.latitude)
            distances.append(shapely.distance(metric_line, Point(x, y)) / 1000)
        else:
            distances.append(None)
    frame = frame.assign(distance_km=pd.Series(distances, index=frame.index, dtype="float64"))
    inside = frame["distance_km"] <= width / 2
    st.metric("Events", len(frame))
    st.metric("Inside the band", int(inside.sum()))
    m = offline_map(location=[35.6, 44.2], zoom_start=7, control_scale=True)
    for row, distance in zip(frame.itertuples(index=False), distances, strict=True):
        if distance is None:
            continue
        folium.CircleMarker(
            location=[float(str(row.latitude)), float(str(row.longitude))],
            radius=3,
            color="#b42318" if distance <= width / 2 else "#52606d",
            tooltip=escape_for_map(f"{row.date_start}: {row.side_a} – {row.side_b}"),
        ).add_to(m)
    st_folium(m)
    st.dataframe(frame.head(1000))


if __name__ == "__main__":  # as Streamlit and AppTest run it; the benchmark imports CSV_ENV
    main()
