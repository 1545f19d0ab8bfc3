"""The reference geography an import needs, read once per process: Iraq's outline (with a
border slack), the governorates, the default assumed line; and each event's distance,
sector and governorate."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd
import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from gapwatch.geodata import ReferenceGeo, load_reference_geo
from gapwatch.geometry import local_metric, reproject
from gapwatch.incidents import lines
from gapwatch.incidents.paths import data_dir
from gapwatch.model import IRAQ_LAT, IRAQ_LON

#: Events this close outside the (simplified) national outline are still Iraq's: the outline
#: is simplified by up to ~500 m, and GED 19.1 places one Iraq event 17 km beyond the drawn
#: Saudi border (id 196785). Farther out is "outside Iraq".
_BORDER_SLACK_M = 25_000.0


def placed_coordinates(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Latitude and longitude of the placed events; NaN for the unplaced, which are never
    measured (so never inside or outside the band)."""
    placed = (frame["precision"] != "unplaced").to_numpy()
    return (
        np.where(placed, frame["lat"].to_numpy(), np.nan),
        np.where(placed, frame["lon"].to_numpy(), np.nan),
    )


def geography(lat: np.ndarray, lon: np.ndarray, line: lines.Line | None) -> dict[str, Any]:
    """Columns `distance_km`, `sector` and `governorate` for these points (NaN/None where a
    coordinate is NaN), to `line` (default: the assumed line)."""
    dist, sector = lines.measure_coded(lat, lon, line or default_line())
    names = pd.Index(_governorates()[0])
    # Categoricals from codes: a few names repeated 100,000 times convert to strings in one
    # take(), and no string is hashed on the way.
    return {
        "distance_km": dist,
        "sector": pd.Categorical.from_codes(sector, categories=pd.Index(lines.SECTOR_IDS)),
        "governorate": pd.Categorical.from_codes(_governorate_codes(lat, lon), names),
    }


def governorate_of(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """ADM1_EN of the governorate holding each point (None for NaN or outside all of them).
    A point on a shared boundary belongs to the first governorate in the file's order.

    Prepared polygons tested on raw coordinates (`intersects_xy`, so a boundary point counts
    as inside), each against the points in its bounding box: no point objects, no tree."""
    names = np.array([*_governorates()[0], None], dtype=object)  # code -1: the last place
    return names[_governorate_codes(lat, lon)]


def _governorate_codes(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """The position of each point's governorate in the file's order, -1 for none."""
    polygons = _governorates()[1]
    out = np.full(len(lat), -1, dtype=np.int64)
    todo = np.isfinite(lat) & np.isfinite(lon)
    for code, polygon in enumerate(polygons):
        min_x, min_y, max_x, max_y = polygon.bounds
        idx = np.flatnonzero(
            todo & (lon >= min_x) & (lon <= max_x) & (lat >= min_y) & (lat <= max_y)
        )
        hit = idx[shapely.intersects_xy(polygon, lon[idx], lat[idx])]
        out[hit] = code
        todo[hit] = False
    return out


# --- shared reference geometry, read once per process ------------------------------------


@lru_cache(maxsize=1)
def reference_geo() -> ReferenceGeo:
    """data/geo, read once per process (the pure core's own cache; the UI has its own)."""
    return load_reference_geo(data_dir() / "geo")


@lru_cache(maxsize=1)
def default_line() -> lines.Line:
    """The default assumed line, with its sectors."""
    return lines.default_line(reference_geo())


@lru_cache(maxsize=1)
def iraq_area() -> BaseGeometry:
    outline = reference_geo().outline_geometry
    lat0 = (IRAQ_LAT[0] + IRAQ_LAT[1]) / 2
    lon0 = (IRAQ_LON[0] + IRAQ_LON[1]) / 2
    to_m, to_wgs = local_metric(lat0, lon0)
    grown = reproject(reproject(outline, to_m).buffer(_BORDER_SLACK_M), to_wgs)
    shapely.prepare(grown)
    return grown


@lru_cache(maxsize=1)
def _governorates() -> tuple[np.ndarray, list[BaseGeometry]]:
    feats = reference_geo().governorates["features"]
    names = np.array([f["properties"]["ADM1_EN"] for f in feats], dtype=object)
    polygons = [shape(f["geometry"]) for f in feats]
    for polygon in polygons:
        shapely.prepare(polygon)
    return names, polygons
