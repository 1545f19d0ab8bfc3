"""Synthetic GED-shaped incidents for benchmarks and scale tests: real rows, resampled.

Each row is a real UCDP GED row drawn at random (with replacement), moved by a small random
offset (normal, `jitter_km` standard deviation; a move that would leave Iraq's box is not
made) and a date shift of up to ±`jitter_days` within the same year, and marked synthetic
twice over: its id starts with "SYN-" and its `source_article` reads "SYNTHETIC: resampled
from UCDP GED id <id>". Such files are generated, never shipped as data.
"""

from __future__ import annotations

import io

import numpy as np
import pandas as pd

from gapwatch.model import IRAQ_LAT, IRAQ_LON

SYNTHETIC_PREFIX = "SYN-"
_KM_PER_DEG_LAT = 111.0


def synthetic_ged(
    source_csv: bytes,
    n: int,
    *,
    seed: int = 0,
    jitter_km: float = 3.0,
    jitter_days: int = 10,
) -> bytes:
    """`n` synthetic rows in the source's own GED columns, as CSV bytes (UTF-8)."""
    if n < 1:
        raise ValueError(f"n must be at least 1, got {n}")
    real = pd.read_csv(io.BytesIO(source_csv), dtype=str, keep_default_na=False)
    rng = np.random.default_rng(seed)
    rows = real.iloc[rng.integers(0, len(real), n)].reset_index(drop=True)
    lat = rows["latitude"].astype(float).to_numpy()
    lon = rows["longitude"].astype(float).to_numpy()
    dlat = rng.normal(0, jitter_km / _KM_PER_DEG_LAT, n)
    dlon = rng.normal(0, jitter_km / (_KM_PER_DEG_LAT * np.cos(np.radians(lat))), n)
    new_lat, new_lon = lat + dlat, lon + dlon
    ok = (
        (new_lat > IRAQ_LAT[0])
        & (new_lat < IRAQ_LAT[1])
        & (new_lon > IRAQ_LON[0])
        & (new_lon < IRAQ_LON[1])
    )
    lat, lon = np.where(ok, new_lat, lat), np.where(ok, new_lon, lon)
    start = pd.to_datetime(rows["date_start"], format="%Y-%m-%d")
    end = pd.to_datetime(rows["date_end"], format="%Y-%m-%d")
    shift = pd.to_timedelta(rng.integers(-jitter_days, jitter_days + 1, n), unit="D")
    same_year = (start + shift).dt.year == start.dt.year
    shift = shift.where(same_year, pd.Timedelta(0))
    original_id = rows["id"]
    rows["id"] = [f"{SYNTHETIC_PREFIX}{i + 1}" for i in range(n)]
    rows["latitude"] = np.round(lat, 6).astype(str)
    rows["longitude"] = np.round(lon, 6).astype(str)
    rows["geom_wkt"] = "POINT (" + rows["longitude"] + " " + rows["latitude"] + ")"
    rows["date_start"] = (start + shift).dt.strftime("%Y-%m-%d")
    rows["date_end"] = (end + shift).dt.strftime("%Y-%m-%d")
    rows["source_article"] = "SYNTHETIC: resampled from UCDP GED id " + original_id
    out: bytes = rows.to_csv(index=False).encode("utf-8")
    return out
