"""The exports an analyst takes elsewhere: ACLED-style CSV, GeoJSON, TimelineJS, the map file.

Each file must open in the tool it is meant for and say no more than the article does: dates
keep their interval, places their precision, zones that they are drawn, items their source.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from functools import cache
from typing import Any

import pytest
from shapely.geometry import shape

from components.data_tables import (
    build_events_table,
    build_key_points_table,
    build_places_table,
    build_statements_table,
)
from components.downloads import build_downloads, build_map_html
from gapwatch.briefing import Briefing
from gapwatch.export import (
    ACLED_COLUMNS,
    events_csv,
    json_text,
    neutralize_formula,
    places_geojson,
    timelinejs_json,
)
from gapwatch.filters import Filters
from gapwatch.geodata import ReferenceGeo, load_reference_geo
from gapwatch.i18n import LANGS, Lang, t
from gapwatch.model import Bilingual, Event
from gapwatch.zones import illustrative_zones
from tests.support import DATA_DIR

HOSTILE = '=HYPERLINK("http://x")'
SCRIPT = '<script>alert("x")</script>'


@cache
def _geo() -> ReferenceGeo:
    return load_reference_geo(DATA_DIR / "geo")


def _events(briefing: Briefing) -> tuple[Event, ...]:
    return Filters().apply(briefing)


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def _with(briefing: Briefing, event_id: str, **changes: object) -> Event:
    """An event of the real data with some fields replaced (no validation: a test fixture)."""
    return briefing.event(event_id).model_copy(update=changes)


# --- CSV ----------------------------------------------------------------------------------


def test_the_csv_header_is_exactly_acleds_columns_in_order(briefing: Briefing) -> None:
    text = events_csv(_events(briefing), briefing)
    header = next(csv.reader(io.StringIO(text)))
    assert header == [
        "event_date",
        "time_precision",
        "event_type",
        "sub_event_type",
        "actor1",
        "actor2",
        "admin1",
        "location",
        "latitude",
        "longitude",
        "geo_precision",
        "source",
        "notes",
    ]
    assert tuple(header) == ACLED_COLUMNS


def test_an_event_gets_one_row_per_place_and_one_bare_row_when_it_has_none(
    briefing: Briefing,
) -> None:
    two_places = _with(briefing, "erbil-round-2019-02-04", place_ids=("erbil", "baghdad"))
    nowhere = briefing.event("joc-announcement")
    rows = _rows(events_csv([two_places, nowhere], briefing))
    assert [r["location"] for r in rows] == ["Erbil", "Baghdad", ""]
    bare = rows[2]
    assert bare["latitude"] == bare["longitude"] == bare["geo_precision"] == bare["admin1"] == ""
    assert "No location: the article names no place for this event" in bare["notes"]
    # The shipped data: six events, three of them placed once, three with no place.
    assert len(_rows(events_csv(_events(briefing), briefing))) == 6


def test_csv_coordinates_are_latitude_then_longitude(briefing: Briefing) -> None:
    rows = _rows(events_csv(_events(briefing), briefing))
    erbil = next(r for r in rows if r["location"] == "Erbil")
    assert float(erbil["latitude"]) == pytest.approx(36.19, abs=0.01)
    assert float(erbil["longitude"]) == pytest.approx(44.01, abs=0.01)
    assert erbil["admin1"] == "Erbil" and erbil["geo_precision"] == "1"


def test_a_hostile_title_cannot_run_as_a_spreadsheet_formula(briefing: Briefing) -> None:
    event = _with(briefing, "baghdad-meeting-2018-12-26", title=Bilingual(en=HOSTILE, ar=HOSTILE))
    (row,) = list(csv.reader(io.StringIO(events_csv([event], briefing))))[1:]
    notes = row[ACLED_COLUMNS.index("notes")]
    assert notes.startswith("'" + HOSTILE)
    for cell in row:
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+31 6", "'+31 6"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("  =1", "'  =1"),
        ("Erbil", "Erbil"),
        ("أربيل = هولير", "أربيل = هولير"),
        ("", ""),
    ],
)
def test_formula_triggers_get_a_leading_apostrophe(cell: str, expected: str) -> None:
    assert neutralize_formula(cell) == expected


def test_arabic_survives_a_round_trip_through_csv_reader(briefing: Briefing) -> None:
    events = _events(briefing)
    data = events_csv(events, briefing, "ar").encode("utf-8-sig")
    rows = _rows(data.decode("utf-8-sig"))
    erbil = next(r for r in rows if r["location"] == "أربيل")
    assert erbil["actor1"].startswith("الفريق")  # Lt. Gen. Yarallah, in Arabic
    for event in events:
        notes = next(r["notes"] for r in rows if event.id in r["notes"])
        for span in event.spans:
            assert span.text_ar in notes  # the source sentence, verbatim
    # ACLED's vocabulary stays English in every language, so tools can filter on it.
    assert {r["event_type"] for r in rows} == {"Strategic developments"}


def test_dates_are_the_earliest_day_with_acled_precision_and_the_interval_in_notes(
    briefing: Briefing,
) -> None:
    rows = {
        r["notes"].rsplit("Gap Watch id: ", 1)[1]: r
        for r in _rows(events_csv(_events(briefing), briefing))
    }
    assert rows["baghdad-meeting-2018-12-26"]["event_date"] == "2018-12-26"
    assert rows["baghdad-meeting-2018-12-26"]["time_precision"] == "1"
    assert rows["joc-announcement"]["time_precision"] == "2"  # 4-6 February
    late = rows["late-2018-meetings"]
    assert (late["event_date"], late["time_precision"]) == ("2018-10-01", "3")
    assert "“the end of 2018”" in late["notes"]
    assert "2018-10-01/2018-12-31" in late["notes"]
    # An inferred date says so, with the reasoning.
    assert "Inferred: The year is not given" in rows["erbil-round-2019-02-04"]["notes"]
    # A date the text fixes (26 December "last", in the end-2018 series) is not inferred.
    assert "Inferred:" not in rows["baghdad-meeting-2018-12-26"]["notes"]


def test_notes_carry_the_epistemic_status_and_the_arabic_source(briefing: Briefing) -> None:
    rows = _rows(events_csv(_events(briefing), briefing))
    for row in rows:
        assert "Epistemic status: Reported fact" in row["notes"]
        assert "Who says it: The outlet — Diyaruna" in row["notes"]
        assert re.search(r"Source: «[\u0600-\u06ff]", row["notes"])
        assert row["source"] == "Diyaruna"
    # Our identifications travel with the data, marked as ours.
    joc = next(r for r in rows if r["notes"].endswith("joc-announcement"))
    assert "Our inference: «\u2067ستنفذ قوات عراقية وكردية\u2069» read as Peshmerga" in joc["notes"]


def test_agreements_are_told_apart_from_meetings_with_no_reported_outcome(
    briefing: Briefing,
) -> None:
    rows = _rows(events_csv(_events(briefing), briefing))
    by_id = {r["notes"].rsplit("Gap Watch id: ", 1)[1]: r["sub_event_type"] for r in rows}
    # The one agreement the article reports: "the two sides agreed", per the MoD statement.
    assert by_id["mod-statement"] == "Agreement"
    # Points the meetings discussed, and one side's announced intention, are not agreements.
    assert by_id["erbil-round-2019-02-04"] == "Other"
    assert by_id["joc-announcement"] == "Other"
    assert by_id["baghdad-meeting-2018-12-26"] == "Other"  # no outcome reported


def test_actors_are_split_by_side_and_the_outlet_is_not_a_party(briefing: Briefing) -> None:
    rows = _rows(events_csv(_events(briefing), briefing))
    erbil = next(r for r in rows if r["location"] == "Erbil")
    assert erbil["actor1"] == "Lt. Gen. Abdul Amir Yarallah; Iraqi Army (federal forces)"
    assert erbil["actor2"] == "Peshmerga; Kurdistan Region Ministry of Interior"
    assert not any("Diyaruna" in r["actor1"] + r["actor2"] for r in rows)


def test_the_csv_is_the_same_every_time(briefing: Briefing) -> None:
    events = _events(briefing)
    assert events_csv(events, briefing, "ar") == events_csv(events, briefing, "ar")


# --- GeoJSON ------------------------------------------------------------------------------


def _geojson(briefing: Briefing, width_km: float = 7.5) -> dict[str, Any]:
    zones = illustrative_zones(briefing, _geo(), width_km)
    data: dict[str, Any] = json.loads(json_text(places_geojson(briefing, zones)))
    return data


def _features(data: dict[str, Any], feature_type: str) -> list[dict[str, Any]]:
    features = data["features"]
    assert isinstance(features, list)
    return [f for f in features if f["properties"]["feature_type"] == feature_type]


def test_geojson_is_a_feature_collection_with_places_as_lon_lat_points(
    briefing: Briefing,
) -> None:
    data = _geojson(briefing)
    assert data["type"] == "FeatureCollection"
    places = {f["id"]: f for f in _features(data, "place")}
    assert set(places) == {p.id for p in briefing.places}
    erbil = places["erbil"]
    assert erbil["geometry"] == {"type": "Point", "coordinates": [44.00943, 36.19117]}
    props = erbil["properties"]
    assert isinstance(props, dict)
    assert (props["name_en"], props["name_ar"]) == ("Erbil", "أربيل")
    assert "Arbil" in props["aliases"] and props["geo_precision"] == 1
    assert props["coordinate_source"].startswith("GeoNames")
    assert places["hamrin-range"]["properties"]["point"] == "representative"


def test_geojson_zones_are_present_valid_and_marked_illustrative(briefing: Briefing) -> None:
    zones = {f["id"]: f for f in _features(_geojson(briefing, 7.5), "zone")}
    assert set(zones) == {
        "gap-band-7-5km",  # the width the user chose
        "gap-band-1km",
        "gap-band-20km",
        "hamrin-band",
        "outskirts-hawija",
    }
    for zone in zones.values():
        props = zone["properties"]
        assert props["status"] == "illustrative"
        assert props["method_en"] and props["method_ar"]
        geometry = shape(zone["geometry"])
        assert geometry.is_valid and not geometry.is_empty
        # [lon, lat]: every zone lies in northern Iraq, x east of y.
        lon, lat = geometry.representative_point().coords[0]
        assert 42 < lon < 47 and 33 < lat < 37.5
    assert (
        zones["gap-band-20km"]["properties"]["area_km2"]
        > zones["gap-band-1km"]["properties"]["area_km2"]
    )


def test_the_chosen_width_is_not_exported_twice(briefing: Briefing) -> None:
    ids = [f["id"] for f in _features(_geojson(briefing, 20.0), "zone")]
    assert ids.count("gap-band-20km") == 1


# --- TimelineJS ---------------------------------------------------------------------------


def test_timelinejs_has_a_title_slide_and_every_event_with_a_start_date(
    briefing: Briefing,
) -> None:
    data = timelinejs_json(_events(briefing), briefing, "en")
    assert data["title"]["text"]["headline"] == briefing.article.meta.title.en
    slides = {s["unique_id"]: s for s in data["events"]}
    assert set(slides) == {e.id for e in briefing.events}
    for event in briefing.events:
        slide = slides[event.id]
        assert slide["start_date"]["year"] == event.date.earliest.year
        assert slide["group"] == t(event.event_type, "en")
        assert event.date.text.en.replace('"', "&quot;") in slide["display_date"]
        if event.date.earliest != event.date.latest:
            assert slide["end_date"]["year"] == event.date.latest.year
        else:
            assert "end_date" not in slide
    json.loads(json_text(data))  # a valid file


def test_timelinejs_gives_the_day_only_when_the_article_allows_it(briefing: Briefing) -> None:
    slides = {
        s["unique_id"]: s for s in timelinejs_json(_events(briefing), briefing, "en")["events"]
    }
    assert slides["baghdad-meeting-2018-12-26"]["start_date"] == {
        "year": 2018,
        "month": 12,
        "day": 26,
    }
    assert slides["joc-announcement"]["end_date"] == {"year": 2019, "month": 2, "day": 6}
    assert slides["late-2018-meetings"]["start_date"] == {"year": 2018, "month": 10}
    assert slides["late-2018-meetings"]["end_date"] == {"year": 2018, "month": 12}


def test_timelinejs_text_is_escaped_html(briefing: Briefing) -> None:
    event = _with(
        briefing,
        "erbil-round-2019-02-04",
        title=Bilingual(en=SCRIPT, ar=SCRIPT),
        summary=Bilingual(en=SCRIPT, ar=SCRIPT),
    )
    (slide,) = timelinejs_json([event], briefing, "en")["events"]
    for text in (slide["text"]["headline"], slide["text"]["text"]):
        assert "<script" not in text
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in slide["text"]["headline"]
    assert '<blockquote dir="rtl" lang="ar">' in slide["text"]["text"]  # our own markup


def test_timelinejs_in_arabic_uses_arabic_words_and_iraqi_months(briefing: Briefing) -> None:
    slides = {
        s["unique_id"]: s for s in timelinejs_json(_events(briefing), briefing, "ar")["events"]
    }
    slide = slides["baghdad-meeting-2018-12-26"]
    assert slide["text"]["headline"].startswith("اجتماع")
    assert "كانون الأول" in slide["display_date"]
    assert slide["group"] == t("meeting", "ar")


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
    downloads = build_downloads(erbil_only, briefing, _geo(), "en", 12.0)
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
    assert len(_rows(csv_data.decode("utf-8-sig"))) == 1
    geojson = downloads[1].data
    assert callable(geojson)  # built on click, not on every rerun
    ids = [f["id"] for f in json.loads(geojson())["features"]]
    assert "gap-band-12km" in ids
    assert "12" in downloads[1].help
    arabic = build_downloads(erbil_only, briefing, _geo(), "ar", 12.0)
    assert arabic[0].file_name == "gapwatch-events-ar.csv"


# --- the standalone map -------------------------------------------------------------------


@cache
def _map_html() -> str:
    from tests.support import real_briefing

    return build_map_html(real_briefing(), _geo(), "en", 12.0)


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
    assert build_map_html(briefing, _geo(), "en", 12.0) == _map_html()


def test_the_map_file_carries_leaflet_and_the_gap_band() -> None:
    html = _map_html()
    assert "L.map(" in html and "leaflet-container" in html  # Leaflet JS and CSS, inline
    assert "Gap zone, 12 km wide (illustrative)" in html
    assert "<title>Gap Watch — map, gap band 12 km (illustrative)</title>" in html
