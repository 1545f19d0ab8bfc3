"""The figures that test the article's claim: how many incidents fall inside the gap band.

Pure and vectorised over the normalised frame (`schema.COLUMNS`): a width or filter change
only compares the stored `distance_km` column with W/2 and sums masks, it never recomputes a
distance. Unplaced events (coarser than GED where_prec 2 / ACLED geo_precision 2) are counted
apart everywhere and never inside or outside.

The rate compares incidents per 1,000 km² inside the band with a comparison zone: by default
the rest of the four federal governorates the line runs along (Ninewa, Kirkuk, Salah al-Din,
Diyala), i.e. their area outside the band. A wide band holds more events simply because it is
larger; the rate says whether it holds more *per km²* than the hinterland ISIS remnants also
use. Both areas are measured on the ellipsoid; the band is clipped to Iraq.

The result types are in `figures`, the filters in `filters`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from functools import lru_cache

import numpy as np
import pandas as pd
import shapely
from shapely.geometry import shape

from gapwatch.geometry import GAP_MAX_KM, GAP_MIN_KM
from gapwatch.incidents import lines
from gapwatch.incidents.figures import (
    FOUR_GOVERNORATES,
    Analysis,
    ComparisonZone,
    Fatalities,
    Figures,
    MonthCount,
    Placed,
    Rate,
    Ring,
    SectorCount,
)
from gapwatch.incidents.filters import NO_FILTERS, IncidentFilters
from gapwatch.incidents.reference import default_line, reference_geo
from gapwatch.incidents.schema import PRECISIONS

__all__ = [  # with the result types (`figures`) and the filters (`filters`) they take
    "DEFAULT_SPLIT",
    "FOUR_GOVERNORATES",
    "RINGS_KM",
    "Analysis",
    "ComparisonZone",
    "Figures",
    "IncidentFilters",
    "analyse",
    "band_members",
    "check_width",
]

#: The Erbil round of talks (the article): the default before/after split.
DEFAULT_SPLIT = dt.date(2019, 2, 4)
#: Distance rings (km) of `by_distance_km`: [from, to), the last one open.
RINGS_KM: tuple[tuple[float, float | None], ...] = (
    (0, 5),
    (5, 10),
    (10, 20),
    (20, 40),
    (40, 80),
    (80, None),
)

# URL parameter names (distinct from the app's other filters).


def band_members(frame: pd.DataFrame, width_km: float) -> np.ndarray:
    """Placed events within width_km / 2 of the line (the band), as a boolean mask."""
    placed = (frame["precision"] != "unplaced").to_numpy(dtype=bool, na_value=False)
    dist = frame["distance_km"].to_numpy(dtype="float64", na_value=np.nan)
    with np.errstate(invalid="ignore"):
        return placed & (dist <= width_km / 2)


def check_width(width_km: float) -> float:
    """`width_km` if it is a band width the app draws (1-20 km), else ValueError."""
    if not (GAP_MIN_KM <= width_km <= GAP_MAX_KM):
        raise ValueError(
            f"the band width must be between {GAP_MIN_KM:g} and {GAP_MAX_KM:g} km, got {width_km:g}"
        )
    return float(width_km)


def analyse(
    frame: pd.DataFrame,
    width_km: float,
    filters: IncidentFilters = NO_FILTERS,
    split_date: dt.date = DEFAULT_SPLIT,
    comparison: ComparisonZone = FOUR_GOVERNORATES,
    *,
    line: lines.Line | None = None,
    dataset: str = "",
    columns: Columns | None = None,
) -> Analysis:
    """All figures for `frame` (measured against `line`, default: the assumed line) with a
    band `width_km` wide, after `filters`, split at `split_date`. `columns`: the frame's
    `analysis_columns` for the same split and comparison, if kept from an earlier call."""
    width_km = check_width(width_km)
    line = line or default_line()
    # A mask, never frame[mask]: copying the `raw` strings of 100,000 rows costs a second.
    keep = filters.mask(frame)
    areas = _areas(line, width_km, comparison)
    cols = columns if columns is not None else Columns.of(frame, comparison, split_date)
    whole = _figures(cols, keep, width_km, comparison, areas)
    before = _figures(cols, keep & cols.before, width_km, comparison, areas)
    after = _figures(cols, keep & ~cols.before, width_km, comparison, areas)
    first = frame["date_start"].min() if len(frame) else None
    last = frame["date_start"].max() if len(frame) else None
    data_first = first.date() if first is not None and not pd.isna(first) else None
    data_last = last.date() if last is not None and not pd.isna(last) else None
    notes = []
    if after.events == 0 and data_last is not None and data_last < split_date:
        notes.append(
            f"Nothing after {split_date.isoformat()}: the data end on {data_last.isoformat()}, "
            "before the split date."
        )
    return Analysis(
        **{f.name: getattr(whole, f.name) for f in fields(Figures)},
        dataset=dataset or _dataset_name(frame),
        width_km=width_km,
        line_id=line.id,
        filters=filters,
        by_month=_by_month(cols, keep, width_km),
        split_date=split_date,
        before=before,
        after=after,
        data_first=data_first,
        data_last=data_last,
        notes=tuple(notes),
    )


_RING_EDGES = np.array([high for _low, high in RINGS_KM if high is not None], dtype="float64")
_EXACT, _APPROXIMATE, _UNPLACED = 0, 1, 2


def analysis_columns(
    frame: pd.DataFrame,
    split_date: dt.date = DEFAULT_SPLIT,
    comparison: ComparisonZone = FOUR_GOVERNORATES,
) -> Columns:
    """What `analyse` extracts from the frame before counting; it depends on neither the
    width nor the filters, so a page can keep it and pass it to every `analyse` call (at
    100,000 events it is half the time of a width change)."""
    return Columns.of(frame, comparison, split_date)


@dataclass(frozen=True)
class Columns:
    """The frame's columns as numpy arrays and integer codes, extracted once per analysis so
    that the whole, before and after figures are only masks and `np.bincount`s."""

    kind: np.ndarray  # 0 exact, 1 approximate, 2 unplaced
    dist: np.ndarray
    sector: np.ndarray  # index into lines.SECTOR_IDS, -1 for none
    in_zone: np.ndarray  # the event's governorate is one of the comparison zone's
    best: np.ndarray
    low: np.ndarray
    high: np.ndarray
    month: np.ndarray  # index into `months`
    months: tuple[str, ...]
    before: np.ndarray
    ring: np.ndarray  # index into RINGS_KM (placed events; 0 for the unplaced)

    @classmethod
    def of(cls, frame: pd.DataFrame, comparison: ComparisonZone, split: dt.date) -> Columns:
        kind = pd.Categorical(frame["precision"], categories=PRECISIONS).codes.astype(np.int64)
        kind[kind < 0] = _UNPLACED
        months = pd.Categorical(frame["year_month"])
        dist = frame["distance_km"].to_numpy(dtype="float64", na_value=np.nan)
        return cls(
            kind=kind,
            dist=dist,
            sector=pd.Categorical(frame["sector"], categories=lines.SECTOR_IDS).codes,
            in_zone=frame["governorate"]
            .isin(comparison.governorates)
            .to_numpy(dtype=bool, na_value=False),
            best=frame["fatalities_best"].to_numpy(dtype="int64"),
            low=frame["fatalities_low"].to_numpy(dtype="int64"),
            high=frame["fatalities_high"].to_numpy(dtype="int64"),
            month=months.codes,
            months=tuple(str(m) for m in months.categories),
            before=(frame["date_start"] < pd.Timestamp(split)).to_numpy(dtype=bool),
            ring=np.searchsorted(_RING_EDGES, np.where(kind != _UNPLACED, dist, 0.0), side="right"),
        )

    def inside(self, width_km: float) -> np.ndarray:
        """Placed events within width_km / 2 of the line."""
        with np.errstate(invalid="ignore"):
            return (self.kind != _UNPLACED) & (self.dist <= width_km / 2)


#: Each selected event's group in `_figures`: where it is (inside, outside, unplaced) and how
#: precisely (exact, approximate); the unplaced form one group.
_IN_EXACT, _IN_APPROX, _OUT_EXACT, _OUT_APPROX, _NOWHERE = range(5)
_GROUPS = 5


def _figures(
    cols: Columns,
    selected: np.ndarray,
    width_km: float,
    comparison: ComparisonZone,
    areas: tuple[float, float],
) -> Figures:
    """One pass of grouped counts (`np.bincount` over a code per event) instead of a masked
    copy per figure: at 100,000 events this is most of a width change's server time."""
    kind = cols.kind[selected]
    with np.errstate(invalid="ignore"):
        inside = cols.dist[selected] <= width_km / 2
    group = np.where(
        kind == _UNPLACED, _NOWHERE, np.where(inside, 0, 2) + (kind == _APPROXIMATE)
    ).astype(np.int64)
    per_group = np.bincount(group, minlength=_GROUPS)
    deaths_of = [
        np.bincount(group, weights=column[selected], minlength=_GROUPS).astype(np.int64)
        for column in (cols.best, cols.low, cols.high)
    ]

    n_rings = len(RINGS_KM)
    placed = group != _NOWHERE
    exactness = group % 2  # 0 exact, 1 approximate (for the placed groups)
    rings = np.bincount(
        (cols.ring[selected] * 2 + exactness)[placed], minlength=2 * n_rings
    ).reshape(n_rings, 2)
    by_distance = tuple(
        Ring(low, high, int(rings[i, 0]), int(rings[i, 1]))
        for i, (low, high) in enumerate(RINGS_KM)
    )

    n_sectors = len(lines.SECTORS)
    sector = cols.sector[selected]
    has = sector >= 0
    codes = (sector * _GROUPS + group)[has]
    sectors = np.bincount(codes, minlength=n_sectors * _GROUPS).reshape(n_sectors, _GROUPS)
    deaths_by_sector = np.bincount(
        sector[has], weights=cols.best[selected][has], minlength=n_sectors
    )
    by_sector = tuple(
        SectorCount(
            sector=s.id,
            name=s.name,
            inside=Placed(int(sectors[i, _IN_EXACT]), int(sectors[i, _IN_APPROX])),
            outside=Placed(int(sectors[i, _OUT_EXACT]), int(sectors[i, _OUT_APPROX])),
            fatalities_best=int(deaths_by_sector[i]),
        )
        for i, s in enumerate(lines.SECTORS)
    )

    def deaths(*groups: int) -> Fatalities:
        best, low, high = (int(d[list(groups)].sum()) for d in deaths_of)
        return Fatalities(best, low, high)

    band_area, zone_area = areas
    band_events = int(per_group[_IN_EXACT] + per_group[_IN_APPROX])
    zone_events = int(
        ((group == _OUT_EXACT) | (group == _OUT_APPROX))[cols.in_zone[selected]].sum()
    )
    band_rate = 1000 * band_events / band_area if band_area else 0.0
    zone_rate = 1000 * zone_events / zone_area if zone_area else 0.0
    return Figures(
        events=len(group),
        inside=Placed(int(per_group[_IN_EXACT]), int(per_group[_IN_APPROX])),
        outside=Placed(int(per_group[_OUT_EXACT]), int(per_group[_OUT_APPROX])),
        unplaced=int(per_group[_NOWHERE]),
        by_distance_km=by_distance,
        by_sector=by_sector,
        fatalities={
            "inside": deaths(_IN_EXACT, _IN_APPROX),
            "outside": deaths(_OUT_EXACT, _OUT_APPROX),
            "unplaced": deaths(_NOWHERE),
            "total": deaths(*range(_GROUPS)),
        },
        rate=Rate(
            band_area_km2=band_area,
            band_events=band_events,
            band_per_1000_km2=band_rate,
            comparison=comparison,
            comparison_area_km2=zone_area,
            comparison_events=zone_events,
            comparison_per_1000_km2=zone_rate,
            ratio=band_rate / zone_rate if zone_rate else None,
        ),
    )


def _by_month(cols: Columns, keep: np.ndarray, width_km: float) -> tuple[MonthCount, ...]:
    """Every month from the first to the last kept event, empty months included."""
    dated = (cols.month >= 0) & keep
    if not dated.any():
        return ()
    inside = cols.inside(width_km) & dated
    placed = (cols.kind != _UNPLACED) & dated
    n = len(cols.months)
    counts = {
        "inside": np.bincount(cols.month[inside], minlength=n),
        "outside": np.bincount(cols.month[placed & ~inside], minlength=n),
        "unplaced": np.bincount(cols.month[~placed & dated], minlength=n),
    }
    by_label = {m: i for i, m in enumerate(cols.months)}
    used = cols.month[dated]
    first, last = pd.Period(cols.months[used.min()], "M"), pd.Period(cols.months[used.max()], "M")
    out = []
    for period in pd.period_range(first, last, freq="M"):
        i = by_label.get(str(period))
        values = [0, 0, 0] if i is None else [int(counts[k][i]) for k in counts]
        out.append(MonthCount(str(period), *values))
    return tuple(out)


@lru_cache(maxsize=128)
def _areas(line: lines.Line, width_km: float, comparison: ComparisonZone) -> tuple[float, float]:
    """(band area within Iraq, comparison zone area) in km² — cached: a slider has few stops."""
    ref = reference_geo()
    band = lines.band_geometry(line, width_km)
    band_in_iraq = band.intersection(ref.outline_geometry)
    zone = shapely.union_all(
        [
            shape(f["geometry"])
            for f in ref.governorates["features"]
            if f["properties"]["ADM1_EN"] in comparison.governorates
        ]
    ).difference(band)
    return lines.area_km2(band_in_iraq), lines.area_km2(zone)


def _dataset_name(frame: pd.DataFrame) -> str:
    if frame.empty:
        return ""
    return str(frame["dataset"].iloc[0])
