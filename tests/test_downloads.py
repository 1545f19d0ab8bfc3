"""The Data page's tables and download buttons, and the standalone map file: headed in the
reader's language, following the filters and the gap width, loading nothing from the network."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from functools import cache

import pytest

from components.data_tables import (
    build_events_table,
    build_key_points_table,
    build_places_table,
    build_statements_table,
)
from components.downloads import build_downloads, build_map_html
from gapwatch.briefing import Briefing
from gapwatch.filters import Filters
from gapwatch.i18n import LANGS, Lang, t
from gapwatch.model import Event
from tests.support import csv_rows, real_briefing, real_reference_geo


def _events(briefing: Briefing) -> tuple[Event, ...]:
    return Filters().apply(briefing)


# --- tables and download buttons ----------------------------------------------------------


def _headers(keys: Sequence[str], lang: Lang) -> list[str]:
    return [t(k, lang) for k in keys]


@pytest.mark.parametrize("language", LANGS)
def test_tables_are_headed_in_the_language_and_cite_their_source(
    briefing: Briefing, language: Lang
) -> None:
    lang = language
    events = build_events_table(_events(briefing), briefing, language)
    places = build_places_table(briefing, language)
    points = build_key_points_table(briefing, language)
    statements = build_statements_table(briefing, language)
    assert list(events.columns)[:3] == _headers(
        ("data_col_date", "data_col_date_words", "data_col_title"), lang
    )
    assert (len(events), len(places), len(points), len(statements)) == (6, 6, 3, 16)
    source = t("data_col_source", language)
    for frame in (events, places, points, statements):
        assert frame[source].str.contains("«").all()
    erbil = places[places[t("data_col_name", language)] == ("أربيل" if lang == "ar" else "Erbil")]
    assert float(erbil[t("data_col_lat", language)].iloc[0]) == pytest.approx(36.19117)
    assert float(erbil[t("data_col_lon", language)].iloc[0]) == pytest.approx(44.00943)


def test_the_events_table_marks_inferred_dates_and_explains_missing_places(
    briefing: Briefing,
) -> None:
    table = build_events_table(_events(briefing), briefing, "en").set_index("Title")
    erbil = table.loc["Round of meetings in Erbil begins"]
    assert erbil["Date"] == "February 4, 2019 (inferred)"
    places = str(table.loc["Joint operations against ISIS remnants announced", "Places"])
    assert places.startswith("The article does not say where")


def test_the_downloads_follow_the_filters_and_the_gap_width(briefing: Briefing) -> None:
    erbil_only = Filters(places=frozenset({"erbil"})).apply(briefing)
    downloads = build_downloads(erbil_only, briefing, real_reference_geo(), "en", 12.0)
    names = [d.file_name for d in downloads]
    assert names == [
        "gapwatch-events.csv",
        "gapwatch-places-zones.geojson",
        "gapwatch-timeline.json",
        "gapwatch-map.html",
    ]
    csv_data = downloads[0].data
    assert isinstance(csv_data, bytes)
    assert csv_data.startswith(b"\xef\xbb\xbfevent_date,time_precision,event_type,")
    assert len(csv_rows(csv_data.decode("utf-8-sig"))) == 1
    geojson = downloads[1].data
    assert callable(geojson)  # built on click, not on every rerun
    ids = [f["id"] for f in json.loads(geojson())["features"]]
    assert "gap-band-12km" in ids
    assert "12" in downloads[1].help
    arabic = build_downloads(erbil_only, briefing, real_reference_geo(), "ar", 12.0)
    assert arabic[0].file_name == "gapwatch-events-ar.csv"


# --- the standalone map -------------------------------------------------------------------


@cache
def _map_html() -> str:

    return build_map_html(real_briefing(), real_reference_geo(), "en", 12.0)


def test_the_map_file_loads_nothing_from_the_network() -> None:
    html = _map_html()
    sources = re.findall(
        r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*[\"']?([^\"' >]+)",
        html,
        flags=re.IGNORECASE,
    )
    assert not [s for s in sources if re.match(r"(?:https?:)?//", s, re.IGNORECASE)], sources
    assert not [s for s in sources if s.startswith("/app/static")], sources


def test_the_map_file_is_the_same_every_time(briefing: Briefing) -> None:
    assert build_map_html(briefing, real_reference_geo(), "en", 12.0) == _map_html()


def test_the_map_file_carries_leaflet_and_the_gap_band() -> None:
    html = _map_html()
    assert "L.map(" in html and "leaflet-container" in html  # Leaflet JS and CSS, inline
    assert "Gap zone, 12 km wide (illustrative)" in html
    assert "<title>Gap Watch — map, gap band 12 km (illustrative)</title>" in html
