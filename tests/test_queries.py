"""The core's shared rules: what lies at a place, meetings, the date span, role labels, and
which zones are drawn — one answer for the map, the timeline, the cards and the exports."""

from __future__ import annotations

from functools import cache

import pytest

from components.map.base import build_base_map
from components.map.elements import Shapes
from gapwatch.geodata import ReferenceGeo, load_reference_geo
from gapwatch.model import Bilingual
from gapwatch.queries import date_span, items_at, meetings, named_places, role_label, short_role
from gapwatch.zones import illustrative_zones, place_zones
from tests.support import DATA_DIR, real_briefing


@cache
def _geo() -> ReferenceGeo:
    return load_reference_geo(DATA_DIR / "geo")


def test_items_at_a_place() -> None:
    briefing = real_briefing()

    assert [e.id for e in items_at(briefing, "erbil").events] == ["erbil-round-2019-02-04"]
    outskirts = items_at(briefing, "hawija-outskirts")
    assert [s.id for s in outskirts.statements] == ["rasool-isis-hawija-hamrin"]
    assert [p.id for p in items_at(briefing, "hawija").same_point] == ["hawija-outskirts"]
    assert len(items_at(briefing, "gap-zones").statements) >= 4
    with pytest.raises(KeyError):
        items_at(briefing, "nowhere")


def test_look_ups_follow_an_edited_copy() -> None:
    briefing = real_briefing()
    renamed = briefing.place("erbil").model_copy(update={"name": Bilingual(en="X", ar="س")})
    edited = briefing.model_copy(
        update={"places": tuple(renamed if p.id == "erbil" else p for p in briefing.places)}
    )
    assert edited.place("erbil").name.en == "X"
    assert briefing.place("erbil").name.en == "Erbil"


def test_statements_at_an_event_are_those_that_name_it() -> None:
    briefing = real_briefing()
    for event in briefing.events:
        expected = [s.id for s in briefing.statements if s.event_id == event.id]
        assert [s.id for s in briefing.statements_at_event(event.id)] == expected


def test_meetings_span_and_places_as_the_overview_counts_them() -> None:
    briefing = real_briefing()
    assert {e.event_type for e in meetings(briefing)} <= {
        "meeting_series",
        "meeting",
        "meeting_round",
    }
    assert len(meetings(briefing)) == 3
    first, last = date_span(briefing.events)
    assert all(first <= e.date.earliest <= e.date.latest <= last for e in briefing.events)
    assert first in {e.date.earliest for e in briefing.events}
    assert last in {e.date.latest for e in briefing.events}
    assert date_span(briefing.events[:1]) == (
        briefing.events[0].date.earliest,
        briefing.events[0].date.latest,
    )
    assert "gap-zones" not in {p.id for p in named_places(briefing)}
    with pytest.raises(ValueError):
        date_span(())


def test_a_role_is_labelled_by_its_first_clause() -> None:
    assert short_role("Spokesman of the JOC; the article's main source") == "Spokesman of the JOC"
    assert short_role("الناطق باسم القيادة؛ المصدر الرئيسي") == "الناطق باسم القيادة"
    assert short_role("No clause") == "No clause"
    briefing = real_briefing()
    assert all(role_label(a, "en") is None for a in briefing.actors if a.role is None)


def test_the_map_and_the_export_draw_the_same_zones() -> None:
    briefing = real_briefing()
    exported = {z.id for z in illustrative_zones(briefing, _geo(), 5.0)}
    drawn = {
        shape.id
        for element in build_base_map(briefing, _geo(), "en")._children.values()
        for layer in getattr(element, "_children", {}).values()
        if isinstance(layer, Shapes)
        for shape in layer.shapes
    }
    zones = {pz.zone.id for pz in place_zones(briefing, _geo())}
    assert zones == {"hamrin-band", "outskirts-hawija"}
    assert zones <= drawn
    assert zones <= exported
    assert len(exported) == len(zones) + 3  # the chosen width, then 1 km and 20 km
