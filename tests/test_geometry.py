"""The illustrative zones have the size they claim, sit where they should, and say what they are.

Widths are measured independently of how `gapwatch.geometry` builds them: in UTM 38N (not the
module's local equidistant projection), by cutting the band with the perpendicular to the line
and measuring the piece through the line. Reads only data/geo/ next to this file.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest
import shapely
from pyproj import Geod, Transformer
from shapely.geometry import LineString, Point, shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import substring

from gapwatch.geodata import FILES, ReferenceGeo, load_reference_geo
from gapwatch.geometry import (
    ATTRIBUTION,
    GAP_MAX_KM,
    GAP_MIN_KM,
    HAMRIN_MAX_KM,
    HAMRIN_MIN_KM,
    DerivedZone,
    gap_band,
    hamrin_band,
    outskirts_ring,
    reproject,
)
from gapwatch.model import IRAQ_LAT, IRAQ_LON

GEO_DIR = Path(__file__).resolve().parents[1] / "data" / "geo"
MODULE = Path(__file__).resolve().parents[1] / "gapwatch" / "geometry.py"
GEOD = Geod(ellps="WGS84")
TO_UTM = Transformer.from_crs("EPSG:4326", "EPSG:32638", always_xy=True)
WIDTHS_KM = [1.0, 2.5, 5.0, 10.0, 15.0, 20.0]
TOLERANCE = 0.05  # the widths asked for must come out within 5 %


@pytest.fixture(scope="module")
def ref() -> ReferenceGeo:
    return load_reference_geo(GEO_DIR)


def _geodesic_arc(lat: float, lon: float, radius_km: float, az0: float, az1: float) -> LineString:
    """A line along a circle around (lat, lon): a smooth, curved test centre line."""
    azimuths = np.linspace(az0, az1, 200)
    n = len(azimuths)
    lons, lats, _ = GEOD.fwd(
        np.full(n, lon), np.full(n, lat), azimuths, np.full(n, radius_km * 1e3)
    )
    return LineString(zip(lons, lats, strict=True))


SYNTHETIC_LINES = {
    # about 150 km, from near Mosul towards Kirkuk
    "straight": LineString([(43.1, 36.3), (44.4, 35.5)]),
    # a quarter circle of radius 120 km around Kirkuk: radius >> half-width
    "arc": _geodesic_arc(35.47, 44.39, 120.0, 200.0, 290.0),
    # a polyline with two gentle bends
    "bent": LineString([(43.0, 35.0), (43.8, 35.4), (44.6, 35.5), (45.3, 35.1)]),
}


def _cross_sections(
    band_m: BaseGeometry, line_m: LineString, width_m: float, distances: np.ndarray
) -> np.ndarray:
    """Length of the band's cut by the perpendicular to the line at each distance along it,
    keeping only the piece that contains the line's point (metres)."""
    reach = 1.5 * width_m
    lengths = []
    for d in distances:
        p = line_m.interpolate(d)
        a, b = line_m.interpolate(d - 50.0), line_m.interpolate(d + 50.0)
        dx, dy = b.x - a.x, b.y - a.y
        norm = math.hypot(dx, dy)
        nx, ny = -dy / norm, dx / norm
        cut = LineString(
            [(p.x - nx * reach, p.y - ny * reach), (p.x + nx * reach, p.y + ny * reach)]
        )
        pieces = cut.intersection(band_m)
        through = [g for g in getattr(pieces, "geoms", [pieces]) if g.distance(p) < 1e-6]
        assert through, f"the band misses its own line at {d:.0f} m"
        lengths.append(through[0].length)
    return np.array(lengths)


def _corners(line: LineString, min_turn_deg: float = 1.0) -> list[tuple[float, float]]:
    """Vertices where the line turns by more than `min_turn_deg`: a cut there is not a width."""
    xy = np.asarray(line.coords)
    headings = np.degrees(np.arctan2(np.diff(xy[:, 1]), np.diff(xy[:, 0])))
    turns = np.abs((np.diff(headings) + 180.0) % 360.0 - 180.0)
    return [tuple(xy[i + 1]) for i in np.flatnonzero(turns > min_turn_deg)]


def _straight_samples(line_m: LineString, width_m: float, n: int = 400) -> np.ndarray:
    """Distances along a real, wiggly line where a perpendicular cross-section is well defined:
    within 1.5 widths the line is one piece, straight to 2 % of the width."""
    reach = 1.5 * width_m
    keep = []
    for d in np.linspace(reach, line_m.length - reach, n):
        piece = substring(line_m, d - reach, d + reach)
        chord = LineString([piece.coords[0], piece.coords[-1]])
        disc = line_m.interpolate(d).buffer(reach, quad_segs=32)
        local = line_m.intersection(disc)
        if local.geom_type == "LineString" and piece.hausdorff_distance(chord) <= 0.02 * width_m:
            keep.append(d)
    return np.array(keep)


# --- width -------------------------------------------------------------------------------


@pytest.mark.parametrize("width_km", WIDTHS_KM)
@pytest.mark.parametrize("line_name", sorted(SYNTHETIC_LINES))
def test_band_cross_section_matches_width(line_name: str, width_km: float) -> None:
    line = SYNTHETIC_LINES[line_name]
    line_m = reproject(line, TO_UTM)
    band_m = reproject(gap_band(line, width_km).geometry, TO_UTM)
    margin = 1.5 * width_km * 1e3  # stay clear of the flat ends and of corners
    distances = np.linspace(margin, line_m.length - margin, 60)
    corners = [line_m.project(Point(c)) for c in _corners(line_m)]
    distances = np.array([d for d in distances if all(abs(d - c) > margin for c in corners)])
    assert len(distances) >= 20
    widths_km = _cross_sections(band_m, line_m, width_km * 1e3, distances) / 1e3
    worst = np.max(np.abs(widths_km - width_km)) / width_km
    assert worst <= TOLERANCE, f"{line_name}: cross-sections {widths_km.min()}-{widths_km.max()}"


@pytest.mark.parametrize("width_km", [1.0, 2.0])
def test_band_cross_section_on_assumed_line(ref: ReferenceGeo, width_km: float) -> None:
    """On the real line, wherever it runs straight long enough for a clean cut."""
    line_m = reproject(ref.assumed_line, TO_UTM)
    band_m = reproject(gap_band(ref.assumed_line, width_km).geometry, TO_UTM)
    distances = _straight_samples(line_m, width_km * 1e3)
    assert len(distances) >= 5, "too few straight stretches to measure"
    widths_km = _cross_sections(band_m, line_m, width_km * 1e3, distances) / 1e3
    assert np.max(np.abs(widths_km - width_km)) / width_km <= TOLERANCE


@pytest.mark.parametrize("width_km", WIDTHS_KM)
def test_band_edge_is_half_width_from_assumed_line(ref: ReferenceGeo, width_km: float) -> None:
    """Every point of the band's edge (away from the flat ends) is width/2 from the line, and
    the line runs inside the band: the width holds at bends too, where no clean cut exists."""
    line_m = reproject(ref.assumed_line, TO_UTM)
    band_m = reproject(gap_band(ref.assumed_line, width_km).geometry, TO_UTM)
    half_m = width_km * 500
    ends = shapely.MultiPoint([line_m.coords[0], line_m.coords[-1]])
    edge = shapely.segmentize(band_m.boundary, half_m / 4)
    points = [
        p for p in shapely.points(shapely.get_coordinates(edge)) if p.distance(ends) > 2 * half_m
    ]
    ratios = np.array([p.distance(line_m) for p in points]) / half_m
    assert len(points) > 100
    assert ratios.min() >= 1 - TOLERANCE, ratios.min()
    assert ratios.max() <= 1 + TOLERANCE, ratios.max()
    assert band_m.buffer(1.0).contains(line_m)


@pytest.mark.parametrize("width_km", [0.0, 0.5, 0.999, 20.001, 25.0, -3.0, float("nan")])
def test_gap_width_outside_1_to_20_km_is_refused(ref: ReferenceGeo, width_km: float) -> None:
    with pytest.raises(ValueError, match=r"1 and 20 km, got") as excinfo:
        gap_band(ref.assumed_line, width_km)
    assert repr(width_km) in str(excinfo.value)


def test_gap_width_limits_are_the_articles() -> None:
    assert (GAP_MIN_KM, GAP_MAX_KM) == (1.0, 20.0)


@pytest.mark.parametrize("width_km", [HAMRIN_MIN_KM - 0.5, HAMRIN_MAX_KM + 0.5])
def test_hamrin_width_outside_10_to_15_km_is_refused(ref: ReferenceGeo, width_km: float) -> None:
    with pytest.raises(ValueError, match=repr(width_km)):
        hamrin_band(ref.hamrin_axis, width_km)


def test_band_needs_a_line_inside_iraq() -> None:
    with pytest.raises(ValueError, match="swapped"):
        gap_band(LineString([(35.3, 43.7), (35.5, 44.4)]), 5.0)  # lat, lon: wrong order
    with pytest.raises(ValueError, match="LineString"):
        gap_band(Point(44.0, 35.0), 5.0)


# --- area and size -----------------------------------------------------------------------


@pytest.mark.parametrize("width_km", WIDTHS_KM)
@pytest.mark.parametrize("line_name", sorted(SYNTHETIC_LINES))
def test_band_area_is_width_times_length(line_name: str, width_km: float) -> None:
    line = SYNTHETIC_LINES[line_name]
    length_km = GEOD.geometry_length(line) / 1e3
    zone = gap_band(line, width_km)
    measured = abs(GEOD.geometry_area_perimeter(zone.geometry)[0]) / 1e6
    assert zone.area_km2 == pytest.approx(measured, rel=1e-9)
    # bends add a little (round outer joins) or take a little (overlapping inner side)
    assert zone.area_km2 == pytest.approx(width_km * length_km, rel=0.02)


@pytest.mark.parametrize("width_km", WIDTHS_KM)
def test_band_area_on_assumed_line_is_plausible(ref: ReferenceGeo, width_km: float) -> None:
    """The real line meanders, so wide bands overlap themselves at inner bends and cover less
    than width x length; narrow ones come within a few per cent."""
    length_km = GEOD.geometry_length(ref.assumed_line) / 1e3
    ratio = gap_band(ref.assumed_line, width_km).area_km2 / (width_km * length_km)
    assert 0.85 <= ratio <= 1.01
    if width_km <= 2.5:
        assert ratio == pytest.approx(1.0, abs=0.03)


@pytest.mark.parametrize("width_km", WIDTHS_KM)
def test_band_is_light_enough_for_the_browser(ref: ReferenceGeo, width_km: float) -> None:
    zone = gap_band(ref.assumed_line, width_km, clip_to=ref.outline_geometry)
    assert shapely.get_num_coordinates(zone.geometry) <= 4000
    assert zone.geometry.is_valid
    assert len(json.dumps(zone.to_feature())) < 150_000


def test_data_folder_stays_small() -> None:
    total = sum(p.stat().st_size for p in GEO_DIR.rglob("*") if p.is_file())
    assert total < 600 * 1024
    for name in FILES.values():
        assert (GEO_DIR / name).is_file(), name
    assert (GEO_DIR / "SOURCES.md").is_file()
    assert (GEO_DIR / "licences" / "ATTRIBUTION.md").is_file()


# --- where things are --------------------------------------------------------------------


def _all_zones(ref: ReferenceGeo) -> list[DerivedZone]:
    hawija = ref.place("Hawija")
    return [
        *(gap_band(ref.assumed_line, w) for w in WIDTHS_KM),
        *(gap_band(ref.assumed_line, w, clip_to=ref.outline_geometry) for w in WIDTHS_KM),
        hamrin_band(ref.hamrin_axis),
        hamrin_band(ref.hamrin_axis, HAMRIN_MIN_KM),
        hamrin_band(ref.hamrin_axis, HAMRIN_MAX_KM),
        outskirts_ring(hawija.lat, hawija.lon),
        outskirts_ring(hawija.lat, hawija.lon, 1.0, 30.0),
    ]


def _in_box(geom: BaseGeometry) -> bool:
    lon_min, lat_min, lon_max, lat_max = geom.bounds
    return (
        IRAQ_LON[0] <= lon_min <= lon_max <= IRAQ_LON[1]
        and IRAQ_LAT[0] <= lat_min <= lat_max <= IRAQ_LAT[1]
    )


def test_everything_is_inside_iraqs_box(ref: ReferenceGeo) -> None:
    for zone in _all_zones(ref):
        assert _in_box(zone.geometry), zone.id
    for collection in (
        ref.governorates,
        ref.outline,
        ref.contact_districts,
        ref.rivers,
        ref.lakes,
        ref.hamrin_schematic,
    ):
        for feature in collection["features"]:
            assert _in_box(shape(feature["geometry"])), feature["properties"]
    for place in ref.places:
        assert _in_box(Point(place.lon, place.lat)), place.name
    for label in ref.sector_labels:
        assert _in_box(Point(label.lon, label.lat)), label.name.en


def test_zones_lie_inside_the_national_outline(ref: ReferenceGeo) -> None:
    iraq = ref.outline_geometry
    for zone in _all_zones(ref):
        share = zone.geometry.intersection(iraq).area / zone.geometry.area
        # unclipped bands stick out a little where the line meets Iran and Turkey
        assert share >= 0.98, (zone.id, share)
    for width in WIDTHS_KM:
        clipped = gap_band(ref.assumed_line, width, clip_to=iraq).geometry
        assert clipped.difference(iraq).area < 1e-9


def test_places_and_governorates_fit_the_outline(ref: ReferenceGeo) -> None:
    iraq = ref.outline_geometry
    inside = [p for p in ref.places if iraq.contains(Point(p.lon, p.lat))]
    assert len(inside) == len(ref.places)
    governorates = [shape(f["geometry"]) for f in ref.governorates["features"]]
    assert len(governorates) == 18
    assert shapely.union_all(governorates).symmetric_difference(iraq).area < 1e-9
    props = ref.governorates["features"][0]["properties"]
    assert set(props) == {"ADM1_EN", "ADM1_AR", "ADM1_PCODE"}


def test_assumed_line_runs_from_border_to_border(ref: ReferenceGeo) -> None:
    border = ref.outline_geometry.boundary
    line = ref.assumed_line
    assert Point(line.coords[0]).distance(border) < 1e-6
    assert Point(line.coords[-1]).distance(border) < 1e-6
    assert line.is_simple
    assert 900 < GEOD.geometry_length(line) / 1e3 < 1100


# --- lat/lon order -----------------------------------------------------------------------


def _governorate(ref: ReferenceGeo, name: str) -> BaseGeometry:
    for feature in ref.governorates["features"]:
        if feature["properties"]["ADM1_EN"] == name:
            return shape(feature["geometry"])
    raise KeyError(name)


def test_erbil_is_where_erbil_is(ref: ReferenceGeo) -> None:
    erbil = ref.place("Erbil")
    assert erbil.lat == pytest.approx(36.19, abs=0.01)
    assert erbil.lon == pytest.approx(44.01, abs=0.01)
    assert _governorate(ref, "Erbil").contains(Point(erbil.lon, erbil.lat))
    hawija = ref.place("Hawija")
    assert _governorate(ref, "Kirkuk").contains(Point(hawija.lon, hawija.lat))


def test_geojson_out_is_lon_lat(ref: ReferenceGeo) -> None:
    """Iraq's lon range (38.7-48.8) and lat range (29-37.4) do not overlap, so every pair
    tells its own order."""
    for zone in _all_zones(ref):
        feature = zone.to_feature()
        coords = np.array(shapely.get_coordinates(shape(feature["geometry"])))
        assert ((coords[:, 0] >= IRAQ_LON[0]) & (coords[:, 0] <= IRAQ_LON[1])).all(), zone.id
        assert ((coords[:, 1] >= IRAQ_LAT[0]) & (coords[:, 1] <= IRAQ_LAT[1])).all(), zone.id
        first = feature["geometry"]["coordinates"][0][0]
        assert isinstance(first, list) and len(first) == 2
    hawija = ref.place("Hawija")
    ring = outskirts_ring(hawija.lat, hawija.lon).to_feature()
    centre = shape(ring["geometry"]).exterior.centroid
    assert (centre.x, centre.y) == pytest.approx((hawija.lon, hawija.lat), abs=0.01)


def test_sector_labels_sit_in_their_districts_from_northwest_to_southeast(
    ref: ReferenceGeo,
) -> None:
    districts = {
        f["properties"]["sector"]: shape(f["geometry"]) for f in ref.contact_districts["features"]
    }
    labels = ref.sector_labels
    assert len(labels) == len(districts) == 16
    for label in labels:
        assert districts[label.name.en].contains(Point(label.lon, label.lat)), label.name.en
        assert label.name.ar and label.district.ar
    assert labels[0].name.en == "Nineveh (Sinjar)"
    assert labels[-1].lon > 45.0  # Garmiyan / Khanaqin, on the Diyala side


# --- what each zone says about itself ----------------------------------------------------


def test_every_zone_says_it_is_illustrative_and_how_it_was_drawn(ref: ReferenceGeo) -> None:
    for zone in _all_zones(ref):
        assert zone.status == "illustrative"
        assert zone.method.en.strip() and zone.method.ar.strip()
        assert any("\u0600" <= ch <= "\u06ff" for ch in zone.method.ar), zone.id
        assert zone.area_km2 > 0
        props = zone.to_feature()["properties"]
        assert props["status"] == "illustrative"
        assert props["method_en"] == zone.method.en and props["method_ar"] == zone.method.ar
        assert props["name_en"] == zone.name.en and props["name_ar"] == zone.name.ar
        json.dumps(zone.to_feature())


def test_attribution_line() -> None:
    assert ATTRIBUTION == (
        "Boundaries: Iraq CSO / OCHA (COD-AB 2019), CC BY 3.0 IGO · Places: GeoNames, CC BY 4.0"
        " · Rivers: Natural Earth; GSHHG/WDBII"
    )


def test_hamrin_band_is_twelve_km_by_default(ref: ReferenceGeo) -> None:
    axis_m = reproject(ref.hamrin_axis, TO_UTM)
    band_m = reproject(hamrin_band(ref.hamrin_axis).geometry, TO_UTM)
    distances: list[float] = []
    for a, b in zip(axis_m.coords[:-1], axis_m.coords[1:], strict=True):
        start = axis_m.project(Point(a))
        seg = math.dist(a, b)
        if seg > 3 * 12e3:
            distances.extend(np.linspace(start + 12e3, start + seg - 12e3, 5))
    widths_km = _cross_sections(band_m, axis_m, 12e3, np.array(distances)) / 1e3
    assert widths_km == pytest.approx(np.full(len(widths_km), 12.0), rel=TOLERANCE)
