"""The outskirts ring keeps its radii; the loader catches swapped coordinates; display copies
stay light, close to the exact shapes and lon/lat; the local metric projection is geodesic from
its centre; the geometry module has no Streamlit.

Reads only data/geo/ next to this file.
"""

from __future__ import annotations

import ast
import math
import shutil
from pathlib import Path

import numpy as np
import pytest
import shapely
from pyproj import Geod, Transformer
from shapely.geometry import LineString, Point

from gapwatch.geodata import FILES, ReferenceGeo, load_reference_geo
from gapwatch.geometry import (
    area_km2,
    for_display,
    gap_band,
    local_metric,
    outskirts_ring,
)
from gapwatch.model import IRAQ_LAT, IRAQ_LON

GEO_DIR = Path(__file__).resolve().parents[1] / "data" / "geo"
MODULE = Path(__file__).resolve().parents[1] / "gapwatch" / "geometry.py"
GEOD = Geod(ellps="WGS84")
TO_UTM = Transformer.from_crs("EPSG:4326", "EPSG:32638", always_xy=True)


@pytest.fixture(scope="module")
def ref() -> ReferenceGeo:
    return load_reference_geo(GEO_DIR)


# --- the ring ----------------------------------------------------------------------------


@pytest.mark.parametrize(("inner_km", "outer_km"), [(3.0, 15.0), (1.0, 5.0), (10.0, 40.0)])
def test_ring_keeps_its_radii(ref: ReferenceGeo, inner_km: float, outer_km: float) -> None:
    hawija = ref.place("Hawija")
    ring = outskirts_ring(hawija.lat, hawija.lon, inner_km, outer_km).geometry

    def km_from_hawija(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
        n = len(lon)
        _, _, metres = GEOD.inv(np.full(n, hawija.lon), np.full(n, hawija.lat), lon, lat)
        return np.asarray(metres) / 1e3

    # nothing of the ring is nearer than inner_km or farther than outer_km (edges densified)
    edge = shapely.get_coordinates(shapely.segmentize(ring.boundary, 0.0005))
    distances = km_from_hawija(edge[:, 0], edge[:, 1])
    assert distances.min() >= inner_km - 1e-3
    assert distances.max() <= outer_km + 1e-3
    # points inside the inner circle are out; points half-way between the radii are in
    for azimuth in range(0, 360, 15):
        for km, expected in [(0.0, False), (0.5 * inner_km, False), (0.99 * inner_km, False)]:
            lon, lat, _ = GEOD.fwd(hawija.lon, hawija.lat, azimuth, km * 1e3)
            assert ring.contains(Point(lon, lat)) is expected, (azimuth, km)
        lon, lat, _ = GEOD.fwd(hawija.lon, hawija.lat, azimuth, (inner_km + outer_km) / 2 * 1e3)
        assert ring.contains(Point(lon, lat)), azimuth
    area = outskirts_ring(hawija.lat, hawija.lon, inner_km, outer_km).area_km2
    assert area == pytest.approx(math.pi * (outer_km**2 - inner_km**2), rel=0.01)


@pytest.mark.parametrize(("inner_km", "outer_km"), [(5.0, 5.0), (15.0, 3.0), (-1.0, 3.0)])
def test_ring_refuses_impossible_radii(ref: ReferenceGeo, inner_km: float, outer_km: float) -> None:
    hawija = ref.place("Hawija")
    with pytest.raises(ValueError, match="inner_km"):
        outskirts_ring(hawija.lat, hawija.lon, inner_km, outer_km)


def test_ring_refuses_swapped_lat_lon(ref: ReferenceGeo) -> None:
    hawija = ref.place("Hawija")
    with pytest.raises(ValueError, match="swapped"):
        outskirts_ring(hawija.lon, hawija.lat)


# --- loading -----------------------------------------------------------------------------


def test_loader_catches_swapped_coordinates_in_the_places_file(tmp_path: Path) -> None:
    copy = tmp_path / "geo"
    shutil.copytree(GEO_DIR, copy)
    csv_path = copy / FILES["places"]
    lines = csv_path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    lat_i, lon_i = header.index("lat"), header.index("lon")
    row = lines[1].split(",")
    row[lat_i], row[lon_i] = row[lon_i], row[lat_i]
    lines[1] = ",".join(row)
    csv_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="swapped"):
        load_reference_geo(copy)


# --- display copies ----------------------------------------------------------------------


@pytest.mark.parametrize(("tolerance_m", "decimals"), [(100.0, 4), (250.0, 3)])
def test_display_copy_is_lighter_close_and_still_lon_lat(
    ref: ReferenceGeo, tolerance_m: float, decimals: int
) -> None:
    band = gap_band(ref.assumed_line, 10.0, clip_to=ref.outline_geometry)
    drawn = for_display(band.geometry, tolerance_m, decimals)

    assert drawn.is_valid and drawn.geom_type == band.geometry.geom_type
    assert shapely.get_num_coordinates(drawn) < 0.7 * shapely.get_num_coordinates(band.geometry)
    # no farther off than the tolerance plus half a rounding step (measured in metres)
    to_utm = shapely.transform(drawn, lambda xy: np.column_stack(TO_UTM.transform(*xy.T)))
    exact = shapely.transform(band.geometry, lambda xy: np.column_stack(TO_UTM.transform(*xy.T)))
    assert to_utm.hausdorff_distance(exact) <= tolerance_m + 0.5 * 10**-decimals * 111_000
    coords = shapely.get_coordinates(drawn)
    assert np.array_equal(coords, np.round(coords, decimals))
    lon, lat = coords.mean(axis=0)
    assert IRAQ_LON[0] < lon < IRAQ_LON[1] and IRAQ_LAT[0] < lat < IRAQ_LAT[1]
    # the same shape to the eye: the drawn band covers the same area within 2 %
    assert area_km2(drawn) == pytest.approx(band.area_km2, rel=0.02)


def test_display_copy_keeps_line_ends_so_lines_that_met_still_meet() -> None:
    arcs = shapely.GeometryCollection(
        [
            LineString([(44.0, 35.0), (44.3, 35.2), (44.6, 35.1)]),
            LineString([(44.6, 35.1), (45.0, 35.4)]),
        ]
    )
    drawn = for_display(arcs, 5_000.0, 3)

    assert [g.coords[0] for g in drawn.geoms] == [(44.0, 35.0), (44.6, 35.1)]
    assert drawn.geoms[0].coords[-1] == drawn.geoms[1].coords[0]


def test_display_copy_refuses_nonsense() -> None:
    with pytest.raises(ValueError, match="tolerance_m"):
        for_display(Point(44.0, 35.0), -1.0, 3)
    with pytest.raises(ValueError, match="decimals"):
        for_display(Point(44.0, 35.0), 10.0, 9)


def test_geometry_module_has_no_streamlit() -> None:
    tree = ast.parse(MODULE.read_text(encoding="utf-8"))
    imported: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module.split(".")[0])
    assert "streamlit" not in imported
    assert imported <= {
        "__future__",
        "csv",
        "json",
        "math",
        "re",
        "dataclasses",
        "pathlib",
        "typing",
        "numpy",
        "shapely",
        "pyproj",
        "gapwatch",
    }


@pytest.mark.parametrize(("lat", "lon"), [(35.5, 44.0), (29.5, 47.5), (37.0, 41.2)])
def test_local_metric_is_the_crs_transformation_and_round_trips(lat: float, lon: float) -> None:
    """The pipelines give what pyproj's own EPSG:4326 -> aeqd transformation gives, distances
    from the centre are geodesic, and the inverse brings the points back."""
    to_m, to_wgs = local_metric(lat, lon)
    aeqd = f"+proj=aeqd +lat_0={lat} +lon_0={lon} +datum=WGS84 +units=m +no_defs"
    reference = Transformer.from_crs("EPSG:4326", aeqd, always_xy=True)
    lons = lon + np.array([-2.0, -0.3, 0.0, 0.7, 2.5])
    lats = lat + np.array([1.5, -0.2, 0.4, -1.1, 0.0])
    x, y = to_m.transform(lons, lats)
    ref_x, ref_y = reference.transform(lons, lats)
    np.testing.assert_allclose(x, ref_x, atol=1e-6)
    np.testing.assert_allclose(y, ref_y, atol=1e-6)
    _az, _back, geodesic_m = Geod(ellps="WGS84").inv(np.full(5, lon), np.full(5, lat), lons, lats)
    np.testing.assert_allclose(np.hypot(x, y), geodesic_m, rtol=1e-9)
    back_lon, back_lat = to_wgs.transform(x, y)
    np.testing.assert_allclose(back_lon, lons, atol=1e-9)
    np.testing.assert_allclose(back_lat, lats, atol=1e-9)
