"""Hexagonal bins of placed incidents for the map: the payload stays small at any count.

Pure numpy: events are projected once into a metric (azimuthal equidistant) plane centred on
Iraq, binned into pointy-top hexagons of a given size (centre to corner, km) by axial-coordinate
rounding, and each occupied cell becomes one GeoJSON-ready polygon with its counts. The number
of cells is bounded by Iraq's area over a cell's area, not by the number of events: at
`MIN_SIZE_KM` Iraq holds under 4,000 cells, well under 1 MB of GeoJSON.

A cell id is "<size>:<q>:<r>" (axial coordinates), stable for a size: `cell_ids` gives every
event's cell, so the page can list the events of a clicked cell.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd
from pyproj import Transformer

from gapwatch.geometry import local_metric
from gapwatch.model import IRAQ_LAT, IRAQ_LON

MIN_SIZE_KM = 7.0
#: Cells 10 km from centre to corner (~260 km² each): readable at zoom 6-8 over Iraq.
DEFAULT_SIZE_KM = 10.0
MAX_SIZE_KM = 200.0
_DECIMALS = 4  # about 10 m: plenty for a cell several km wide
_SQRT3 = math.sqrt(3.0)


@dataclass(frozen=True)
class Cell:
    """One occupied hexagon: id, centre, corners ([lon, lat], closed) and what is in it."""

    id: str
    lat: float
    lon: float
    ring: list[list[float]]
    count: int
    exact: int
    approximate: int
    fatalities_best: int

    def to_feature(self) -> dict[str, Any]:
        """A GeoJSON Feature (Polygon) with the counts as properties."""
        return {
            "type": "Feature",
            "id": self.id,
            "properties": {
                "id": self.id,
                "count": self.count,
                "exact": self.exact,
                "approximate": self.approximate,
                "fatalities_best": self.fatalities_best,
            },
            "geometry": {"type": "Polygon", "coordinates": [self.ring]},
        }


@dataclass(frozen=True)
class HexBins:
    """Every event's hexagon at one size: computed once per dataset (projecting 100,000
    points is the costly part), then any filter is a mask over it."""

    size_km: float
    q: np.ndarray  # axial coordinates, int64
    r: np.ndarray
    placed: np.ndarray  # placed with finite coordinates
    ids: np.ndarray  # object: "<size>:<q>:<r>", "" where not placed
    exact: np.ndarray  # bool
    fatalities_best: np.ndarray  # int64


def bin_events(frame: pd.DataFrame, size_km: float = DEFAULT_SIZE_KM) -> HexBins:
    """The hexagon of every placed event of `frame` at `size_km`."""
    size_km = _check_size(size_km)
    q, r, placed = _axial(frame, size_km)
    ids = np.full(len(frame), "", dtype=object)
    tag = f"{size_km:g}"
    ids[placed] = [f"{tag}:{a}:{b}" for a, b in zip(q[placed], r[placed], strict=True)]
    return HexBins(
        size_km=size_km,
        q=q,
        r=r,
        placed=placed,
        ids=ids,
        exact=(frame["precision"] == "exact").to_numpy(dtype=bool, na_value=False),
        fatalities_best=frame["fatalities_best"].to_numpy(dtype="int64"),
    )


def cell_ids(
    frame: pd.DataFrame, size_km: float = DEFAULT_SIZE_KM, mask: np.ndarray | None = None
) -> np.ndarray:
    """Object array: each event's cell id at `size_km`, "" for unplaced events (and for
    events outside `mask`, if given)."""
    return masked_ids(bin_events(frame, size_km), mask)


def masked_ids(bins: HexBins, mask: np.ndarray | None) -> np.ndarray:
    """`bins.ids` with "" for the events outside `mask` (all of them kept if None)."""
    if mask is None:
        return bins.ids
    return np.where(np.asarray(mask, dtype=bool), bins.ids, "")


def hex_cells(
    frame: pd.DataFrame, size_km: float = DEFAULT_SIZE_KM, mask: np.ndarray | None = None
) -> list[Cell]:
    """The occupied cells of the placed events in `frame` (only those in `mask`, if given:
    cheaper than `frame[mask]`, which copies every column), most events first."""
    return cells_of(bin_events(frame, size_km), mask)


def cells_of(bins: HexBins, mask: np.ndarray | None = None) -> list[Cell]:
    """The occupied cells of the binned events (only those in `mask`, if given)."""
    placed = bins.placed if mask is None else bins.placed & np.asarray(mask, dtype=bool)
    if not placed.any():
        return []
    keys = pd.DataFrame(
        {
            "q": bins.q[placed],
            "r": bins.r[placed],
            "exact": bins.exact[placed],
            "best": bins.fatalities_best[placed],
        }
    )
    grouped = keys.groupby(["q", "r"], sort=False).agg(
        count=("exact", "size"), exact=("exact", "sum"), best=("best", "sum")
    )
    grouped = grouped.sort_values("count", ascending=False, kind="stable")
    cq = grouped.index.get_level_values("q").to_numpy(dtype="float64")
    cr = grouped.index.get_level_values("r").to_numpy(dtype="float64")
    size_m = bins.size_km * 1000
    cx = size_m * _SQRT3 * (cq + cr / 2)
    cy = size_m * 1.5 * cr
    angles = np.deg2rad(np.arange(6) * 60 + 30)  # pointy-top corners
    corner_x = cx[:, None] + size_m * np.cos(angles)[None, :]
    corner_y = cy[:, None] + size_m * np.sin(angles)[None, :]
    to_wgs = _transformers()[1]
    lon, lat = to_wgs.transform(corner_x, corner_y)
    clon, clat = to_wgs.transform(cx, cy)
    lon, lat = np.round(lon, _DECIMALS), np.round(lat, _DECIMALS)
    tag = f"{bins.size_km:g}"
    cells = []
    counts = grouped["count"].to_numpy()
    exacts = grouped["exact"].to_numpy()
    bests = grouped["best"].to_numpy()
    for i in range(len(grouped)):
        ring = [[float(lon[i, k]), float(lat[i, k])] for k in range(6)]
        ring.append(ring[0])
        cells.append(
            Cell(
                id=f"{tag}:{int(cq[i])}:{int(cr[i])}",
                lat=round(float(clat[i]), _DECIMALS),
                lon=round(float(clon[i]), _DECIMALS),
                ring=ring,
                count=int(counts[i]),
                exact=int(exacts[i]),
                approximate=int(counts[i] - exacts[i]),
                fatalities_best=int(bests[i]),
            )
        )
    return cells


def to_geojson(cells: list[Cell]) -> dict[str, Any]:
    """A FeatureCollection of the cells."""
    return {"type": "FeatureCollection", "features": [c.to_feature() for c in cells]}


def _check_size(size_km: float) -> float:
    if not (MIN_SIZE_KM <= size_km <= MAX_SIZE_KM):
        raise ValueError(
            f"hexagon size must be {MIN_SIZE_KM:g}-{MAX_SIZE_KM:g} km, got {size_km!r}"
        )
    return float(size_km)


def _axial(frame: pd.DataFrame, size_km: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Axial hex coordinates (q, r) of every event, and the mask of placed events."""
    placed = (frame["precision"] != "unplaced").to_numpy(dtype=bool, na_value=False)
    lat = frame["lat"].to_numpy(dtype="float64", na_value=np.nan)
    lon = frame["lon"].to_numpy(dtype="float64", na_value=np.nan)
    placed &= np.isfinite(lat) & np.isfinite(lon)
    x, y = _transformers()[0].transform(np.where(placed, lon, 0.0), np.where(placed, lat, 0.0))
    size_m = size_km * 1000
    fq = (_SQRT3 / 3 * x - y / 3) / size_m
    fr = (2 / 3 * y) / size_m
    # Cube rounding: round all three cube coordinates, fix the one that moved most.
    fs = -fq - fr
    rq, rr, rs = np.round(fq), np.round(fr), np.round(fs)
    dq, dr, ds = np.abs(rq - fq), np.abs(rr - fr), np.abs(rs - fs)
    fix_q = (dq > dr) & (dq > ds)
    fix_r = ~fix_q & (dr > ds)
    rq = np.where(fix_q, -rr - rs, rq)
    rr = np.where(fix_r, -rq - rs, rr)
    return rq.astype(np.int64), rr.astype(np.int64), placed


@lru_cache(maxsize=1)
def _transformers() -> tuple[Transformer, Transformer]:
    return local_metric((IRAQ_LAT[0] + IRAQ_LAT[1]) / 2, (IRAQ_LON[0] + IRAQ_LON[1]) / 2)
