"""Zones as drawn: a band thinned in proportion to its width, and the gap layer of the map.

The gap band is the one layer that changes within a language (with the width slider), so it
is built apart from the cached base map and reaches the live map through st_folium's
`feature_group_to_add=`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import folium
from shapely.geometry.base import BaseGeometry

from components.compat import Group, stable_ids
from components.map.constants import (
    STYLES,
    WIDTH_STEP_KM,
    ZONE_TOLERANCE_M,
    ZONE_TOLERANCE_SHARE,
)
from components.map.elements import Shape, Shapes
from components.map.tooltips import gap_tooltip
from gapwatch.encoding import Encoded, encode_geometry
from gapwatch.geodata import ReferenceGeo
from gapwatch.geometry import GAP_MAX_KM, GAP_MIN_KM, DerivedZone, for_display
from gapwatch.i18n import Lang, t
from gapwatch.zones import GAP_REFERENCE_WIDTHS_KM, gap_zone


def snap_width(width_km: float) -> float:
    """A width the slider can show: within 1-20 km, on its 0.5 km steps."""
    snapped = round(width_km / WIDTH_STEP_KM) * WIDTH_STEP_KM
    return min(max(snapped, GAP_MIN_KM), GAP_MAX_KM)


def zone_tolerance_m(width_km: float) -> float:
    """How far a drawn band of `width_km` may be off its exact shape: 10 % of the width,
    25-250 m (1 km: 100 m; from 2.5 km: 250 m)."""
    low, high = ZONE_TOLERANCE_M
    return min(max(width_km * 1000 * ZONE_TOLERANCE_SHARE, low), high)


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
    return drawn(zone, tolerance, _decimals_for(tolerance))


def drawn(zone: DerivedZone, tolerance_m: float, decimals: int) -> ZoneShape:
    """`zone` thinned by `tolerance_m`, rounded to `decimals` and encoded."""
    display = for_display(zone.geometry, tolerance_m, decimals)
    return ZoneShape(zone, display, decimals, encode_geometry(display, decimals))


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
    for ref_km in GAP_REFERENCE_WIDTHS_KM:
        ref = make(ref_km)
        Shapes([ref.shape()], [STYLES["gap_ref"]], decimals=ref.decimals).add_to(group)
    band = make(width_km)
    Shapes(
        [band.shape(tooltip=gap_tooltip(band.zone, width_km, lang))],
        [STYLES["gap"]],
        decimals=band.decimals,
    ).add_to(group)
    stable_ids(group, "gap")
    return group
