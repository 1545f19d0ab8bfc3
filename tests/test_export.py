"""The exports an analyst takes elsewhere: ACLED-style CSV, GeoJSON, TimelineJS, the map file.

Each file must open in the tool it is meant for and say no more than the article does: dates
keep their interval, places their precision, zones that they are drawn, items their source.
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

import pytest
from shapely.geometry import shape

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
from gapwatch.i18n import t
from gapwatch.model import Bilingual, Event
from gapwatch.zones import illustrative_zones
from tests.support import csv_rows, real_reference_geo

HOSTILE = '=HYPERLINK("http://x")'
SCRIPT = '<script>alert("x")</script>'


def _events(briefing: Briefing) -> tuple[Event, ...]:
    return Filters().apply(briefing)


def _with(briefing: Briefing, event_id: str, **changes: object) -> Event:
    """An event of the real data with some fields replaced (no validation: a test fixture)."""
    return briefing.event(event_id).model_copy(update=changes)


# --- CSV ----------------------------------------------------------------------------------


def test_the_csv_header_is_exactly_acleds_columns_in_order(briefing: Briefing) -> None:
    text = events_csv(_events(briefing), briefing)
    header = next(csv.reader(io.StringIO(text)))
    # ACLED's own column names and order (its codebook), written out independently of the code.
    assert ",".join(header) == (
        "event_date,time_precision,event_type,sub_event_type,actor1,actor2,admin1,location,"
        "latitude,longitude,geo_precision,source,notes"
    )
    assert tuple(header) == ACLED_COLUMNS


def test_an_event_gets_one_row_per_place_and_one_bare_row_when_it_has_none(
    briefing: Briefing,
) -> None:
    two_places = _with(briefing, "erbil-round-2019-02-04", place_ids=("erbil", "baghdad"))
    nowhere = briefing.event("joc-announcement")
    rows = csv_rows(events_csv([two_places, nowhere], briefing))
    assert [r["location"] for r in rows] == ["Erbil", "Baghdad", ""]
    bare = rows[2]
    assert bare["latitude"] == bare["longitude"] == bare["geo_precision"] == bare["admin1"] == ""
    assert "No location: the article names no place for this event" in bare["notes"]
    # The shipped data: six events, three of them placed once, three with no place.
    assert len(csv_rows(events_csv(_events(briefing), briefing))) == 6


def test_csv_coordinates_are_latitude_then_longitude(briefing: Briefing) -> None:
    rows = csv_rows(events_csv(_events(briefing), briefing))
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
    rows = csv_rows(data.decode("utf-8-sig"))
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
        for r in csv_rows(events_csv(_events(briefing), briefing))
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
    rows = csv_rows(events_csv(_events(briefing), briefing))
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
    rows = csv_rows(events_csv(_events(briefing), briefing))
    by_id = {r["notes"].rsplit("Gap Watch id: ", 1)[1]: r["sub_event_type"] for r in rows}
    # The one agreement the article reports: "the two sides agreed", per the MoD statement.
    assert by_id["mod-statement"] == "Agreement"
    # Points the meetings discussed, and one side's announced intention, are not agreements.
    assert by_id["erbil-round-2019-02-04"] == "Other"
    assert by_id["joc-announcement"] == "Other"
    assert by_id["baghdad-meeting-2018-12-26"] == "Other"  # no outcome reported


def test_actors_are_split_by_side_and_the_outlet_is_not_a_party(briefing: Briefing) -> None:
    rows = csv_rows(events_csv(_events(briefing), briefing))
    erbil = next(r for r in rows if r["location"] == "Erbil")
    assert erbil["actor1"] == "Lt. Gen. Abdul Amir Yarallah; Iraqi Army (federal forces)"
    assert erbil["actor2"] == "Peshmerga; Kurdistan Region Ministry of Interior"
    assert not any("Diyaruna" in r["actor1"] + r["actor2"] for r in rows)


def test_the_csv_is_the_same_every_time(briefing: Briefing) -> None:
    events = _events(briefing)
    assert events_csv(events, briefing, "ar") == events_csv(events, briefing, "ar")


# --- GeoJSON ------------------------------------------------------------------------------


def _geojson(briefing: Briefing, width_km: float = 7.5) -> dict[str, Any]:
    zones = illustrative_zones(briefing, real_reference_geo(), width_km)
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
