"""Which illustrative zones are drawn, and for which place: one rule for the map and the exports.

The article names three kinds of place that have no point of their own: the gaps between the
forces (a band along the assumed line, drawn at the reader's width over the article's 1 km and
20 km extremes), a ridge (the Hamrin range: a band around its schematic axis) and an area (the
outskirts of Hawija: a ring around the town it belongs to). The zone follows from the place's
kind, so a new place of a known kind is drawn and exported with no change here.
"""

from __future__ import annotations

from dataclasses import dataclass

from gapwatch.briefing import Briefing
from gapwatch.geodata import ReferenceGeo
from gapwatch.geometry import (
    GAP_MAX_KM,
    GAP_MIN_KM,
    DerivedZone,
    gap_band,
    hamrin_band,
    outskirts_ring,
)
from gapwatch.model import Bilingual, Place

#: The article's extremes ("gaps of 1 to 20 km"), drawn as references beside any chosen width.
GAP_REFERENCE_WIDTHS_KM = (GAP_MIN_KM, GAP_MAX_KM)
#: The kinds of place drawn as a zone of their own, in drawing (and export) order.
ZONE_KINDS = ("ridge", "area")
#: The place the gap band stands for.
GAP_PLACE_KIND = "gap_zone"


@dataclass(frozen=True)
class PlaceZone:
    """A place the article names and the illustrative zone drawn for it."""

    place: Place
    zone: DerivedZone


def gap_zone(geo: ReferenceGeo, width_km: float) -> DerivedZone:
    """The illustrative gap band of `width_km` along the assumed line, inside Iraq."""
    return gap_band(geo.assumed_line, width_km, clip_to=geo.outline_geometry)


def gap_widths(width_km: float) -> tuple[float, ...]:
    """The chosen width and the article's extremes, in that order, without repeats."""
    return tuple(dict.fromkeys((width_km, *GAP_REFERENCE_WIDTHS_KM)))


def town_name_at(briefing: Briefing, place: Place) -> Bilingual:
    """The name of the town whose point an area shares (Hawija, for its outskirts)."""
    for other in briefing.places:
        same_point = (other.lat, other.lon) == (place.lat, place.lon)
        if other.id != place.id and other.geo_precision == 1 and same_point:
            return other.name
    return place.name


def zone_for(briefing: Briefing, geo: ReferenceGeo, place: Place) -> DerivedZone | None:
    """The zone drawn for a ridge or an area; None for a place drawn as a point (or the gap,
    whose band depends on the chosen width: `gap_zone`)."""
    if place.kind == "ridge":
        return hamrin_band(geo.hamrin_axis)
    if place.kind == "area":
        return outskirts_ring(place.lat, place.lon, place=town_name_at(briefing, place))
    return None


def place_zones(briefing: Briefing, geo: ReferenceGeo) -> tuple[PlaceZone, ...]:
    """Every place drawn as a zone of its own, ridges first, then areas."""
    found = []
    for kind in ZONE_KINDS:
        for place in briefing.places:
            zone = zone_for(briefing, geo, place) if place.kind == kind else None
            if zone is not None:
                found.append(PlaceZone(place, zone))
    return tuple(found)


def illustrative_zones(
    briefing: Briefing, geo: ReferenceGeo, width_km: float
) -> tuple[DerivedZone, ...]:
    """The zones the map draws: the gap band at `width_km`, the article's 1 km and 20 km
    extremes, then each ridge's and area's zone. Gap bands are clipped to Iraq."""
    bands = tuple(gap_zone(geo, w) for w in gap_widths(width_km))
    return bands + tuple(pz.zone for pz in place_zones(briefing, geo))
