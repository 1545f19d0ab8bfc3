"""Distances to the assumed line, band membership, sectors, and user-uploaded lines.

Why: every figure rests on one distance per event. It is checked here against pyproj.Geod
(geodesic distance to a densely sampled copy of the line) and the band against a brute-force
count, so a projection or indexing slip cannot hide.
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pandas as pd
import pytest
import shapely
from pyproj import Geod
from shapely.geometry import LineString

from gapwatch.incidents import lines
from gapwatch.incidents.analysis import band_members
from gapwatch.incidents.importer import default_line, read_incidents, reference_geo
from gapwatch.incidents.lines import LineFileError, parse_line_geojson
from gapwatch.incidents.synthetic import synthetic_ged
from tests.incidents_support import ged_bytes

GEOD = Geod(ellps="WGS84")


def geodesic_distance_km(lat: np.ndarray, lon: np.ndarray, line: LineString) -> np.ndarray:
    """Brute force: the geodesic distance to the nearest of points every ~100 m on the line."""
    dense = np.asarray(shapely.segmentize(line, 0.001).coords)  # 0.001 deg ~ 100 m
    out = np.empty(len(lat))
    for i in range(len(lat)):
        _f, _b, metres = GEOD.inv(
            np.full(len(dense), lon[i]), np.full(len(dense), lat[i]), dense[:, 0], dense[:, 1]
        )
        out[i] = metres.min() / 1000
    return out


@pytest.fixture(scope="module")
def sample() -> tuple[np.ndarray, np.ndarray]:
    """300 events: 150 real GED places and 150 synthetic ones, a third of them near the line."""
    frame = read_incidents(synthetic_ged(ged_bytes(), 3000, seed=7), "s.csv").frame
    rng = np.random.default_rng(1)
    placed = frame[frame["precision"] != "unplaced"]
    near = placed[placed["distance_km"] < 30]
    picks = np.concatenate(
        [rng.choice(len(placed), 200, replace=False), rng.choice(len(near), 100, replace=False)]
    )
    rows = [placed.iloc[i] for i in picks[:200]] + [near.iloc[i] for i in picks[200:]]
    return np.array([r["lat"] for r in rows]), np.array([r["lon"] for r in rows])


def test_distances_are_within_half_a_percent_of_the_geodesic(sample) -> None:
    lat, lon = sample
    line = default_line()
    ours = lines.distances_km(lat, lon, line)
    truth = geodesic_distance_km(lat, lon, line.geometry)
    # 0.5 % of the distance, plus 50 m for the 100 m sampling of the brute force.
    assert np.all(np.abs(ours - truth) <= 0.005 * truth + 0.05), np.max(np.abs(ours - truth))
    assert truth.min() < 2 and truth.max() > 200  # the sample spans near and far


@pytest.mark.parametrize("width_km", [1, 5, 10, 20])
def test_band_counts_match_a_brute_force_count(sample, width_km: float) -> None:
    lat, lon = sample
    line = default_line()
    truth = geodesic_distance_km(lat, lon, line.geometry)
    frame = pd.DataFrame({"precision": "exact", "distance_km": lines.distances_km(lat, lon, line)})
    ours = band_members(frame, width_km)
    brute = truth <= width_km / 2
    # Points within the 0.5 % tolerance of the edge may fall either way; none other may.
    clear = np.abs(truth - width_km / 2) > 0.005 * truth + 0.05
    assert np.array_equal(ours[clear], brute[clear])
    assert brute.sum() > 0 or width_km == 1


def test_unplaced_events_have_no_distance_and_never_count_in_the_band() -> None:
    frame = read_incidents(ged_bytes(), "ged.csv").frame
    unplaced = frame["precision"] == "unplaced"
    assert frame.loc[unplaced, "distance_km"].isna().all()
    assert frame.loc[unplaced, "sector"].isna().all()
    assert not band_members(frame, 20)[unplaced.to_numpy()].any()


@pytest.mark.parametrize(
    ("lat", "lon", "sector"),
    [
        (35.7766, 43.5776, "gwer-makhmour"),  # Makhmour town
        (34.3480, 45.3930, "khanaqin-jalawla"),  # Khanaqin
        (34.8836, 44.6319, "tuz-hamrin"),  # Tuz Khurmatu
        (36.5400, 43.2300, "nineveh-plains"),  # Bashiqa area
        (33.3152, 44.3661, None),  # Baghdad: far from the line
    ],
)
def test_events_get_the_sector_of_the_nearest_stretch(lat, lon, sector) -> None:
    (got,) = lines.nearest_sector(np.array([lat]), np.array([lon]), default_line())
    assert got == sector


def test_every_sector_has_a_name_in_both_languages() -> None:
    names = lines.sector_names()
    assert len(names) == 8 and list(names) == list(lines.SECTOR_IDS)
    assert all(n.en and n.ar for n in names.values())
    # Every contact-line district of data/geo belongs to exactly one sector.
    codes = [f["properties"]["ADM2_PCODE"] for f in reference_geo().contact_districts["features"]]
    assigned = [c for s in lines.SECTORS for c in s.districts]
    assert sorted(codes) == sorted(assigned)


# --- uploaded lines -------------------------------------------------------------------------


def _line_json(coords: list[Any], kind: str = "LineString", **extra: object) -> bytes:
    geometry = {"type": kind, "coordinates": coords}
    return json.dumps(
        {"type": "Feature", "properties": {"name": "My line", **extra}, "geometry": geometry}
    ).encode()


def test_a_valid_uploaded_line_is_parsed() -> None:
    line = parse_line_geojson(_line_json([[43.5, 35.5], [44.0, 35.4], [44.5, 35.0]]), "my.geojson")
    assert line.name == "My line" and line.id.startswith("my-line-")
    assert 100 < line.length_km < 200
    multi = parse_line_geojson(
        _line_json([[[43.5, 35.5], [44.0, 35.4]], [[44.5, 35.0], [45.0, 34.5]]], "MultiLineString"),
        "m.geojson",
    )
    assert multi.geometry.geom_type == "MultiLineString"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"not json", "not a GeoJSON"),
        (b"[1, 2]", "not a GeoJSON object"),
        (_line_json([43.5, 35.5], "Point"), "found Point"),
        (_line_json([[35.5, 43.5], [35.4, 44.0]]), "look swapped"),
        (_line_json([[2.35, 48.85], [2.4, 48.9]]), "outside Iraq"),
        (_line_json([[43.5, 35.5], [43.5001, 35.5]]), "at least 1 km"),
        (_line_json([]), "no coordinates"),
        (_line_json([["a", "b"], [1, 2]]), "malformed"),
        (b'{"type": "FeatureCollection", "features": []}', "no features"),
    ],
)
def test_an_unusable_line_is_refused_with_a_reason(data: bytes, message: str) -> None:
    with pytest.raises(LineFileError, match=message):
        parse_line_geojson(data, "bad.geojson")
