"""The illustrative zones drawn on the map, and the metric helpers they are built with.

Pure (no Streamlit): shapely for geometry, pyproj for distances. Nobody has published where the
Iraqi army and the Peshmerga actually stand, so every zone built here is *illustrative*: a shape
of the size the article gives, drawn around a line we assume, and labelled as such. Each
`DerivedZone` says in words (English and Arabic) how it was drawn.

Coordinate order, since mixing it up puts Erbil in the Indian Ocean:
- shapely geometries here are WGS84 with x = lon, y = lat;
- GeoJSON (files and `to_feature`) is `[lon, lat]`;
- every function parameter and dataclass field is named `lat` / `lon`, never a bare pair.
Folium wants `[lat, lon]`; that swap belongs to the UI.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import shapely
from pyproj import Geod, Transformer
from shapely.geometry import LineString, Polygon, mapping
from shapely.geometry.base import BaseGeometry

from gapwatch.i18n import bilingual
from gapwatch.model import IRAQ_LAT, IRAQ_LON, Bilingual

GeoJSON = dict[str, Any]

ATTRIBUTION = (
    "Boundaries: Iraq CSO / OCHA (COD-AB 2019), CC BY 3.0 IGO · Places: GeoNames, CC BY 4.0 · "
    "Rivers: Natural Earth; GSHHG/WDBII"
)

# The article: ISIS remnants shelter in gaps "from 1 km in some areas up to 20 km".
GAP_MIN_KM = 1.0
GAP_MAX_KM = 20.0
# SOURCES.md: draw the schematic Hamrin axis as a 10-15 km translucent band.
HAMRIN_MIN_KM = 10.0
HAMRIN_MAX_KM = 15.0
HAMRIN_DEFAULT_KM = 12.0
# "The outskirts of Hawija": 3 km roughly clears the built-up town around the GeoNames point,
# 15 km takes in the village belt (al-Riyadh, 14 km east, inside; al-Abbasi, 17 km west, just
# outside) without reaching Kirkuk (58 km). A choice, not data.
OUTSKIRTS_INNER_KM = 3.0
OUTSKIRTS_OUTER_KM = 15.0
OUTSKIRTS_MAX_KM = 50.0
HAWIJA = Bilingual(en="Hawija", ar="الحويجة")

# The line is smoothed before buffering by 1 % of the width, within these bounds: it drops the
# boundary's metre-scale wiggles and keeps the band light for the browser, while moving the
# band's edges by at most 2 % of the half-width and never more than a pixel at zoom 9 (~250 m).
_SMOOTH_SHARE = 0.01
_SMOOTH_MIN_M = 10.0
_SMOOTH_MAX_M = 250.0
_QUAD_SEGS = 8  # round joins: 32 segments per full turn, < 0.5 % radial error
_CIRCLE_VERTICES = 128
_DECIMALS = 5  # GeoJSON output: 1e-5 degrees is about 1 m

_GEOD = Geod(ellps="WGS84")


# --- zones -------------------------------------------------------------------------------


@dataclass(frozen=True)
class DerivedZone:
    """A shape we drew, not one anybody surveyed: always `status="illustrative"`.

    `geometry` is WGS84 (x = lon, y = lat); `area_km2` is measured on the ellipsoid.
    """

    id: str
    name: Bilingual
    geometry: BaseGeometry
    area_km2: float
    method: Bilingual
    status: Literal["illustrative"] = "illustrative"

    def to_feature(self) -> GeoJSON:
        """A GeoJSON Feature (`[lon, lat]`, 5 decimals, counter-clockwise shells) for the map."""
        geom = shapely.orient_polygons(self.geometry)
        geom = shapely.transform(geom, lambda xy: np.round(xy, _DECIMALS))
        return {
            "type": "Feature",
            "id": self.id,
            "properties": {
                "id": self.id,
                "name_en": self.name.en,
                "name_ar": self.name.ar,
                "status": self.status,
                "area_km2": round(self.area_km2, 1),
                "method_en": self.method.en,
                "method_ar": self.method.ar,
            },
            "geometry": _lists(mapping(geom)),
        }


def gap_band(
    line: LineString, width_km: float, *, clip_to: BaseGeometry | None = None
) -> DerivedZone:
    """A band `width_km` wide (1-20 km) centred on the assumed line, flat at both ends.

    Built in a local azimuthal equidistant projection centred on the line, so the width is in
    real metres (scale error < 0.1 % within 300 km of the centre). `clip_to` (e.g. Iraq's
    outline) trims the ends where the line meets an international border.
    """
    _check_width("gap band width_km", width_km, GAP_MIN_KM, GAP_MAX_KM)
    geom = _band(line, width_km)
    if clip_to is not None:
        geom = geom.intersection(clip_to)
    w = f"{width_km:g}"
    half = f"{width_km / 2:g}"
    return DerivedZone(
        id=f"gap-band-{w.replace('.', '-')}km",
        name=bilingual("zone_gap_name", width=w),
        geometry=geom,
        area_km2=area_km2(geom),
        method=bilingual("zone_gap_method", width=w, half=half),
    )


def hamrin_band(axis: LineString, width_km: float = HAMRIN_DEFAULT_KM) -> DerivedZone:
    """A 10-15 km band around the schematic Hamrin axis: the ridge has no surveyed crest here,
    so a wide translucent band shows the uncertainty that a crisp line would hide."""
    _check_width("Hamrin band width_km", width_km, HAMRIN_MIN_KM, HAMRIN_MAX_KM)
    geom = _band(axis, width_km)
    w = f"{width_km:g}"
    return DerivedZone(
        id="hamrin-band",
        name=bilingual("zone_hamrin_name"),
        geometry=geom,
        area_km2=area_km2(geom),
        method=bilingual("zone_hamrin_method", width=w),
    )


def outskirts_ring(
    center_lat: float,
    center_lon: float,
    inner_km: float = OUTSKIRTS_INNER_KM,
    outer_km: float = OUTSKIRTS_OUTER_KM,
    *,
    place: Bilingual = HAWIJA,
) -> DerivedZone:
    """A ring `inner_km`-`outer_km` around a town's point, for "the outskirts of Hawija".

    Vertices are geodesic (pyproj `Geod.fwd`), so the radii are true on the ellipsoid. The
    hole's polygon circumscribes the inner circle, so no point of the ring is nearer than
    `inner_km`; the shell is inscribed in the outer circle, so none is farther than `outer_km`.
    """
    check_lat_lon(center_lat, center_lon)
    if not (0 <= inner_km < outer_km <= OUTSKIRTS_MAX_KM):
        raise ValueError(
            f"need 0 <= inner_km < outer_km <= {OUTSKIRTS_MAX_KM:g}; "
            f"got inner_km={inner_km}, outer_km={outer_km}"
        )
    shell = _geodesic_circle(center_lat, center_lon, outer_km * 1000)
    holes = []
    if inner_km > 0:
        circumscribed_m = inner_km * 1000 / math.cos(math.pi / _CIRCLE_VERTICES)
        holes.append(_geodesic_circle(center_lat, center_lon, circumscribed_m))
    geom = shapely.orient_polygons(Polygon(shell, holes))
    inner, outer = f"{inner_km:g}", f"{outer_km:g}"
    slug = re.sub(r"[^a-z0-9]+", "-", place.en.lower()).strip("-") or "place"
    return DerivedZone(
        id=f"outskirts-{slug}",
        name=bilingual("zone_outskirts_name", place=place, inner=inner, outer=outer),
        geometry=geom,
        area_km2=area_km2(geom),
        method=bilingual("zone_outskirts_method", place=place, inner=inner, outer=outer),
    )


def area_km2(geom: BaseGeometry) -> float:
    """Area on the WGS84 ellipsoid (equal-area by construction), whatever the drawing CRS."""
    area_m2, _perimeter = _GEOD.geometry_area_perimeter(geom)
    return abs(float(area_m2)) / 1e6


def local_metric(lat: float, lon: float) -> tuple[Transformer, Transformer]:
    """Transformers (WGS84 -> metres, metres -> WGS84) for an azimuthal equidistant projection
    centred on `lat`, `lon`: true distances from the centre, tiny distortion within ~300 km.

    Written as PROJ pipelines (degrees <-> radians around `aeqd` on the WGS84 ellipsoid), the
    same operation `Transformer.from_crs(EPSG:4326, aeqd, always_xy=True)` finds, but without
    its search: pyproj builds a transformer again in every thread that uses it, and Streamlit
    runs each script run in a new thread, where the search cost ~17 ms per transformer."""
    aeqd = f"+proj=aeqd +lat_0={lat:.6f} +lon_0={lon:.6f} +ellps=WGS84"
    return (
        Transformer.from_pipeline(
            f"+proj=pipeline +step +proj=unitconvert +xy_in=deg +xy_out=rad +step {aeqd}"
        ),
        Transformer.from_pipeline(
            f"+proj=pipeline +step +inv {aeqd} +step +proj=unitconvert +xy_in=rad +xy_out=deg"
        ),
    )


def reproject(geom: BaseGeometry, transformer: Transformer) -> BaseGeometry:
    """`geom` through a pyproj transformer built with always_xy=True (x = lon in degrees)."""
    return shapely.transform(geom, transformer.transform, interleaved=False)


def for_display(geom: BaseGeometry, tolerance_m: float, decimals: int) -> BaseGeometry:
    """A lighter copy of `geom` for drawing only: simplified in metres, coordinates rounded.

    Douglas-Peucker with `tolerance_m` in a local metric projection (so the tolerance means the
    same in the north and the south), topology kept (no ring collapses or crosses itself), then
    every coordinate rounded to `decimals` (3: ~100 m, 4: ~10 m) and repeated points dropped. Line
    ends stay where they were (to the rounding), so lines that met still meet. Never use the
    result to measure anything: areas and widths come from the exact shapes.
    """
    if tolerance_m < 0 or not 0 <= decimals <= 7:
        raise ValueError(f"need tolerance_m >= 0 and decimals 0-7, got {tolerance_m}, {decimals}")
    if geom.is_empty:
        return geom
    min_x, min_y, max_x, max_y = geom.bounds
    to_m, to_wgs = local_metric((min_y + max_y) / 2, (min_x + max_x) / 2)
    simple = reproject(reproject(geom, to_m).simplify(tolerance_m, preserve_topology=True), to_wgs)
    # Snapped to the grid, with what collapses below it (a sliver, a tiny islet) removed.
    return shapely.set_precision(simple, 10.0**-decimals)


def _band(line: LineString, width_km: float) -> BaseGeometry:
    if not isinstance(line, LineString) or line.is_empty:
        raise ValueError(f"expected a non-empty LineString, got {line.geom_type}")
    for lon, lat in line.coords:
        check_lat_lon(lat, lon)
    centre = line.interpolate(0.5, normalized=True)
    to_m, to_wgs = local_metric(centre.y, centre.x)
    width_m = width_km * 1000
    smooth_m = min(max(width_m * _SMOOTH_SHARE, _SMOOTH_MIN_M), _SMOOTH_MAX_M)
    metric = reproject(line, to_m).simplify(smooth_m, preserve_topology=False)
    band = metric.buffer(width_m / 2, quad_segs=_QUAD_SEGS, cap_style="flat", join_style="round")
    return shapely.orient_polygons(reproject(band, to_wgs))


def _geodesic_circle(lat: float, lon: float, radius_m: float) -> list[tuple[float, float]]:
    azimuths = np.linspace(0.0, 360.0, _CIRCLE_VERTICES, endpoint=False)
    lons, lats, _back = _GEOD.fwd(
        np.full_like(azimuths, lon),
        np.full_like(azimuths, lat),
        azimuths,
        np.full_like(azimuths, radius_m),
    )
    return list(zip(lons.tolist(), lats.tolist(), strict=True))


def _check_width(what: str, width_km: float, low: float, high: float) -> None:
    if not (low <= width_km <= high):
        raise ValueError(f"{what} must be between {low:g} and {high:g} km, got {width_km!r}")


def check_lat_lon(lat: float, lon: float) -> None:
    if not (IRAQ_LAT[0] <= lat <= IRAQ_LAT[1] and IRAQ_LON[0] <= lon <= IRAQ_LON[1]):
        raise ValueError(
            f"lat={lat}, lon={lon} is outside Iraq's box "
            f"(lat {IRAQ_LAT[0]}-{IRAQ_LAT[1]}, lon {IRAQ_LON[0]}-{IRAQ_LON[1]}); "
            "are lat and lon swapped?"
        )


def _lists(value: Any) -> Any:
    """shapely's `mapping` gives tuples; JSON consumers expect lists."""
    if isinstance(value, tuple | list):
        return [_lists(v) for v in value]
    if isinstance(value, dict):
        return {k: _lists(v) for k, v in value.items()}
    return value
