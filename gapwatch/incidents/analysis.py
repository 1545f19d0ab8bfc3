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
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd
import shapely
from shapely.geometry import shape

from gapwatch.filters import MAX_TEXT_LENGTH, Notice
from gapwatch.geometry import GAP_MAX_KM, GAP_MIN_KM
from gapwatch.incidents import lines
from gapwatch.incidents.importer import default_line, reference_geo
from gapwatch.incidents.schema import PRECISIONS
from gapwatch.model import Bilingual

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
PARAM_FROM = "ifrom"
PARAM_TO = "ito"
PARAM_TEXT = "iq"
PARAM_VIOLENCE = "iviolence"
FILTER_PARAMS = (PARAM_FROM, PARAM_TO, PARAM_TEXT, PARAM_VIOLENCE)


@dataclass(frozen=True)
class ComparisonZone:
    """The area an incident rate inside the band is compared with: these governorates
    (ADM1_EN in data/geo) minus the band."""

    id: str
    name: Bilingual
    governorates: tuple[str, ...]


FOUR_GOVERNORATES = ComparisonZone(
    id="four-governorates",
    name=Bilingual(
        en="Rest of Ninewa, Kirkuk, Salah al-Din and Diyala (outside the band)",
        ar="بقية نينوى وكركوك وصلاح الدين وديالى (خارج النطاق)",
    ),
    governorates=("Ninewa", "Kirkuk", "Salah Al-Din", "Diyala"),
)


@dataclass(frozen=True)
class IncidentFilters:
    """Which incidents to count. None / empty means no restriction."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    text: str = ""  # every word must start a word of side A, side B or the dyad (any case)
    violence: tuple[str, ...] = ()  # GED type-of-violence labels / ACLED event types

    @property
    def is_empty(self) -> bool:
        """True when every incident passes."""
        return self == IncidentFilters()

    def mask(self, frame: pd.DataFrame) -> np.ndarray:
        """Boolean mask of the rows that pass; an event passes a date bound if its
        [date_start, date_end] interval overlaps the range."""
        keep = np.ones(len(frame), dtype=bool)
        if self.date_from:
            keep &= (frame["date_end"] >= pd.Timestamp(self.date_from)).to_numpy()
        if self.date_to:
            keep &= (frame["date_start"] <= pd.Timestamp(self.date_to)).to_numpy()
        if self.violence:
            keep &= frame["violence"].isin(self.violence).to_numpy(dtype=bool, na_value=False)
        for word in self.text.split():
            # "IS" finds "IS" and "Islamic State", not "Kurdistan" or "Civilians".
            pattern = r"(?:^|[^0-9A-Za-z])" + re.escape(word)
            hit = np.zeros(len(frame), dtype=bool)
            for column in ("side_a", "side_b", "dyad"):
                hit |= _matches(frame[column], pattern)
            keep &= hit
        return keep

    def to_query_params(self) -> dict[str, str]:
        """Only what is set, as URL parameters (`ifrom`, `ito`, `iq`, `iviolence`)."""
        params: dict[str, str] = {}
        if self.date_from:
            params[PARAM_FROM] = self.date_from.isoformat()
        if self.date_to:
            params[PARAM_TO] = self.date_to.isoformat()
        if self.text:
            params[PARAM_TEXT] = self.text
        if self.violence:
            params[PARAM_VIOLENCE] = ",".join(sorted(self.violence))
        return params

    @classmethod
    def from_query_params(
        cls, params: Mapping[str, str | list[str]]
    ) -> tuple[IncidentFilters, list[Notice]]:
        """Filters from URL parameters; anything invalid is dropped with a notice (the
        app's own notice texts, in both languages). Never raises."""
        notices: list[Notice] = []

        def single(name: str) -> str:
            value = params.get(name, "")
            return (value[-1] if value else "") if isinstance(value, list) else str(value)

        def date_param(name: str) -> dt.date | None:
            raw = single(name).strip()
            if not raw:
                return None
            try:
                return dt.date.fromisoformat(raw)
            except ValueError:
                notices.append(Notice("notice_bad_date", {"value": raw[:40], "param": name}))
                return None

        date_from, date_to = date_param(PARAM_FROM), date_param(PARAM_TO)
        if date_from and date_to and date_from > date_to:
            notices.append(Notice("notice_date_order", {"start": date_from, "end": date_to}))
            date_from = date_to = None
        text = " ".join(
            "".join(ch if ch.isprintable() else " " for ch in single(PARAM_TEXT)).split()
        )
        if len(text) > MAX_TEXT_LENGTH:
            notices.append(Notice("notice_text_too_long", {"limit": MAX_TEXT_LENGTH}))
            text = text[:MAX_TEXT_LENGTH]
        violence = tuple(
            sorted({v.strip()[:80] for v in single(PARAM_VIOLENCE).split(",") if v.strip()})
        )
        return cls(date_from, date_to, text, violence), notices


@dataclass(frozen=True)
class Placed:
    """Counts of placed events by precision class."""

    exact: int
    approximate: int

    @property
    def total(self) -> int:
        """exact + approximate."""
        return self.exact + self.approximate


@dataclass(frozen=True)
class Fatalities:
    """Sums of the fatality estimates (GED best/low/high; ACLED: all three = fatalities)."""

    best: int
    low: int
    high: int


@dataclass(frozen=True)
class Ring:
    """Placed events at a distance in [from_km, to_km) of the line; to_km None = open."""

    from_km: float
    to_km: float | None
    exact: int
    approximate: int


@dataclass(frozen=True)
class SectorCount:
    """Placed events whose nearest stretch of the line is in this sector."""

    sector: str
    name: Bilingual
    inside: Placed
    outside: Placed
    fatalities_best: int


@dataclass(frozen=True)
class Rate:
    """Placed incidents per 1,000 km² in the band and in the comparison zone."""

    band_area_km2: float
    band_events: int
    band_per_1000_km2: float
    comparison: ComparisonZone
    comparison_area_km2: float
    comparison_events: int
    comparison_per_1000_km2: float
    ratio: float | None  # band / comparison; None when the comparison has no events


@dataclass(frozen=True)
class MonthCount:
    """One calendar month (by date_start): placed inside / outside, and unplaced."""

    month: str
    inside: int
    outside: int
    unplaced: int


@dataclass(frozen=True)
class Figures:
    """Every count for one set of events (the whole selection, or one side of the split)."""

    events: int
    inside: Placed
    outside: Placed
    unplaced: int
    by_distance_km: tuple[Ring, ...]
    by_sector: tuple[SectorCount, ...]
    fatalities: dict[str, Fatalities]  # "inside", "outside", "unplaced", "total"
    rate: Rate

    def to_json(self) -> dict[str, Any]:
        """The figures as JSON-ready dicts (the shape the CLI documents)."""
        return {
            "events": self.events,
            "inside": asdict(self.inside),
            "outside": asdict(self.outside),
            "unplaced": self.unplaced,
            "by_distance_km": [
                {"from": r.from_km, "to": r.to_km, "exact": r.exact, "approximate": r.approximate}
                for r in self.by_distance_km
            ],
            "by_sector": [
                {
                    "sector": s.sector,
                    "name": s.name.en,
                    "name_ar": s.name.ar,
                    "inside": asdict(s.inside),
                    "outside": asdict(s.outside),
                    "fatalities_best": s.fatalities_best,
                }
                for s in self.by_sector
            ],
            "fatalities": {k: asdict(v) for k, v in self.fatalities.items()},
            "rate": {
                "per": "placed events (exact + approximate) per 1,000 km²",
                "band": {
                    "area_km2": round(self.rate.band_area_km2, 1),
                    "events": self.rate.band_events,
                    "per_1000_km2": round(self.rate.band_per_1000_km2, 3),
                },
                "comparison": {
                    "zone": self.rate.comparison.name.en,
                    "governorates": list(self.rate.comparison.governorates),
                    "area_km2": round(self.rate.comparison_area_km2, 1),
                    "events": self.rate.comparison_events,
                    "per_1000_km2": round(self.rate.comparison_per_1000_km2, 3),
                },
                "ratio": None if self.rate.ratio is None else round(self.rate.ratio, 3),
            },
        }


@dataclass(frozen=True)
class Analysis(Figures):
    """The figures for the filtered selection, split before/after `split_date`."""

    dataset: str
    width_km: float
    line_id: str
    filters: IncidentFilters
    by_month: tuple[MonthCount, ...]
    split_date: dt.date
    before: Figures
    after: Figures
    data_first: dt.date | None  # first / last date_start of the whole dataset (unfiltered)
    data_last: dt.date | None
    notes: tuple[str, ...] = field(default=())

    @property
    def after_is_empty_because_data_end(self) -> bool:
        """True when nothing can be after the split: the dataset ends before it."""
        return self.data_last is not None and self.data_last < self.split_date

    def to_json(self) -> dict[str, Any]:
        """Exactly what `gapwatch analyse --json` prints."""
        body = super().to_json()
        return {
            "dataset": self.dataset,
            "width_km": self.width_km,
            "line": self.line_id,
            "filters": {
                "from": _iso(self.filters.date_from),
                "to": _iso(self.filters.date_to),
                "actor": self.filters.text,
                "violence": list(self.filters.violence),
            },
            **body,
            "by_month": [asdict(m) for m in self.by_month],
            "split": {
                "date": self.split_date.isoformat(),
                "before": self.before.to_json(),
                "after": self.after.to_json(),
            },
            "data": {"first_date": _iso(self.data_first), "last_date": _iso(self.data_last)},
            "notes": list(self.notes),
        }


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
    filters: IncidentFilters = IncidentFilters(),
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

    @classmethod
    def of(cls, frame: pd.DataFrame, comparison: ComparisonZone, split: dt.date) -> Columns:
        kind = pd.Categorical(frame["precision"], categories=PRECISIONS).codes.astype(np.int64)
        kind[kind < 0] = _UNPLACED
        months = pd.Categorical(frame["year_month"])
        return cls(
            kind=kind,
            dist=frame["distance_km"].to_numpy(dtype="float64", na_value=np.nan),
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
        )

    def inside(self, width_km: float) -> np.ndarray:
        """Placed events within width_km / 2 of the line."""
        with np.errstate(invalid="ignore"):
            return (self.kind != _UNPLACED) & (self.dist <= width_km / 2)


def _figures(
    cols: Columns,
    selected: np.ndarray,
    width_km: float,
    comparison: ComparisonZone,
    areas: tuple[float, float],
) -> Figures:
    kind = cols.kind[selected]
    exact, approx = kind == _EXACT, kind == _APPROXIMATE
    placed = exact | approx
    inside = cols.inside(width_km)[selected]
    outside = placed & ~inside
    unplaced = ~placed
    dist = cols.dist[selected]

    ring = np.searchsorted(_RING_EDGES, np.where(placed, dist, 0.0), side="right")
    n_rings = len(RINGS_KM)
    ring_exact = np.bincount(ring[exact], minlength=n_rings)
    ring_approx = np.bincount(ring[approx], minlength=n_rings)
    rings = tuple(
        Ring(low, high, int(ring_exact[i]), int(ring_approx[i]))
        for i, (low, high) in enumerate(RINGS_KM)
    )

    sector = cols.sector[selected]
    best = cols.best[selected]
    n_sectors = len(lines.SECTORS)
    has = sector >= 0

    def per_sector(mask: np.ndarray) -> np.ndarray:
        return np.bincount(sector[has & mask], minlength=n_sectors)

    counts = {
        key: per_sector(mask)
        for key, mask in (
            ("in_exact", inside & exact),
            ("in_approx", inside & approx),
            ("out_exact", outside & exact),
            ("out_approx", outside & approx),
        )
    }
    deaths_by_sector = np.bincount(sector[has], weights=best[has], minlength=n_sectors)
    by_sector = tuple(
        SectorCount(
            sector=s.id,
            name=s.name,
            inside=Placed(int(counts["in_exact"][i]), int(counts["in_approx"][i])),
            outside=Placed(int(counts["out_exact"][i]), int(counts["out_approx"][i])),
            fatalities_best=int(deaths_by_sector[i]),
        )
        for i, s in enumerate(lines.SECTORS)
    )

    low_f, high_f = cols.low[selected], cols.high[selected]

    def deaths(mask: np.ndarray) -> Fatalities:
        return Fatalities(int(best[mask].sum()), int(low_f[mask].sum()), int(high_f[mask].sum()))

    in_zone = outside & cols.in_zone[selected]
    band_area, zone_area = areas
    band_events, zone_events = int(inside.sum()), int(in_zone.sum())
    band_rate = 1000 * band_events / band_area if band_area else 0.0
    zone_rate = 1000 * zone_events / zone_area if zone_area else 0.0
    return Figures(
        events=int(selected.sum()),
        inside=Placed(int((inside & exact).sum()), int((inside & approx).sum())),
        outside=Placed(int((outside & exact).sum()), int((outside & approx).sum())),
        unplaced=int(unplaced.sum()),
        by_distance_km=rings,
        by_sector=by_sector,
        fatalities={
            "inside": deaths(inside),
            "outside": deaths(outside),
            "unplaced": deaths(unplaced),
            "total": deaths(np.ones(len(kind), dtype=bool)),
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


def _matches(column: pd.Series, pattern: str) -> np.ndarray:
    """Case-insensitive regex search over a column, run once per distinct value (actor
    names repeat thousands of times)."""
    codes, uniques = pd.factorize(column.fillna(""))
    hits = pd.Series(uniques, dtype="string").str.contains(pattern, case=False, regex=True)
    return hits.to_numpy(dtype=bool, na_value=False)[codes]


def _dataset_name(frame: pd.DataFrame) -> str:
    if frame.empty:
        return ""
    return str(frame["dataset"].iloc[0])


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None
