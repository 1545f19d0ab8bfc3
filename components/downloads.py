"""The Data page's downloads: CSV, GeoJSON, TimelineJS JSON and a map file that opens offline.

The files themselves come from the pure `gapwatch.export` (and, for the map, from
`components.map` rendered by `components.assets.standalone_map_html`). The heavy ones
(zones, the map with Leaflet inlined, ~0.5 MB) are built only when a button is clicked —
`st.download_button` accepts a callable — and cached per (language, gap width) for the
process, so a page rerun costs nothing. `render_downloads()` is the only code calling `st.*`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import branca.element
import folium
import streamlit as st

from components.assets import standalone_map_html
from components.compat import fix_id
from components.html import escape_html
from components.map.base import build_base_map
from components.map.gap import build_gap_layer
from components.state import cached
from gapwatch.briefing import Briefing
from gapwatch.export import (
    csv_bytes,
    events_csv,
    json_text,
    places_geojson,
    timelinejs_json,
)
from gapwatch.geodata import ReferenceGeo
from gapwatch.i18n import Lang, format_number, t
from gapwatch.model import Event
from gapwatch.zones import illustrative_zones


def build_map_html(briefing: Briefing, geo: ReferenceGeo, lang: Lang, width_km: float) -> str:
    """The map page's map (base map plus the gap band at `width_km`) as one HTML file with
    Leaflet and jQuery inlined: it opens from a USB stick on a machine with no network."""
    m = build_base_map(briefing, geo, lang, layer_control=False)
    title = t("data_map_file_title", lang, width=width_label(width_km, lang))
    root = m.get_root()
    assert isinstance(root, branca.element.Figure)  # a folium Map's root always is
    root.header.add_child(
        branca.element.Element(f"<title>{escape_html(title)}</title>"), name="gapwatch_title"
    )
    build_gap_layer(geo, width_km, lang).add_to(m)
    # After the band, so it lists the band too; a fixed id keeps the file reproducible.
    fix_id(folium.LayerControl(collapsed=True), "gwfile").add_to(m)
    return standalone_map_html(m)


@cached(max_entries=8)
def _map_html_bytes(briefing: Briefing, geo: ReferenceGeo, lang: Lang, width_km: float) -> bytes:
    return build_map_html(briefing, geo, lang, width_km).encode("utf-8")


@cached(max_entries=8)
def _geojson_bytes(briefing: Briefing, geo: ReferenceGeo, width_km: float) -> bytes:
    zones = illustrative_zones(briefing, geo, width_km)
    return json_text(places_geojson(briefing, zones)).encode("utf-8")


@dataclass(frozen=True)
class Download:
    """One button: label, help, file name, MIME type, and the bytes (or how to make them)."""

    label_key: str
    help: str
    file_name: str
    mime: str
    data: bytes | Callable[[], bytes]


def width_label(width_km: float, lang: Lang) -> str:
    """A gap width as the slider shows it: '10' or '7.5', in the language's digits."""
    return format_number(width_km, lang, digits=0 if float(width_km).is_integer() else 1)


def _file_name(stem: str, lang: Lang, suffix: str) -> str:
    return f"gapwatch-{stem}{'-ar' if lang == 'ar' else ''}.{suffix}"


def build_downloads(
    events: Sequence[Event],
    briefing: Briefing,
    geo: ReferenceGeo,
    lang: Lang,
    width_km: float,
) -> tuple[Download, ...]:
    """The four downloads for this view: events follow the filters, zones the gap width."""
    width = width_label(width_km, lang)
    return (
        Download(
            "data_dl_csv",
            t("data_dl_csv_help", lang),
            _file_name("events", lang, "csv"),
            "text/csv",
            csv_bytes(events_csv(events, briefing, lang)),
        ),
        Download(
            "data_dl_geojson",
            t("data_dl_geojson_help", lang, width=width),
            _file_name("places-zones", lang, "geojson"),
            "application/geo+json",
            lambda: _geojson_bytes(briefing, geo, width_km),
        ),
        Download(
            "data_dl_timeline",
            t("data_dl_timeline_help", lang),
            _file_name("timeline", lang, "json"),
            "application/json",
            json_text(timelinejs_json(events, briefing, lang)).encode("utf-8"),
        ),
        Download(
            "data_dl_map",
            t("data_dl_map_help", lang, width=width),
            _file_name("map", lang, "html"),
            "text/html",
            lambda: _map_html_bytes(briefing, geo, lang, width_km),
        ),
    )


def render_downloads(downloads: Sequence[Download], lang: Lang) -> None:
    """The buttons, two per row. A click downloads without rerunning the page."""
    for start in range(0, len(downloads), 2):
        for column, item in zip(st.columns(2), downloads[start : start + 2], strict=False):
            column.download_button(
                t(item.label_key, lang),
                data=item.data,
                file_name=item.file_name,
                mime=item.mime,
                help=item.help,
                on_click="ignore",
                icon=":material/download:",
                key=f"download_{item.label_key}",
                width="stretch",
            )
