"""The analysis's results as plain values (`Figures`, `Analysis` and their parts), each
with the `to_json` the CLI prints, and the comparison zone the band's rate is set against."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

from gapwatch.incidents.filters import IncidentFilters
from gapwatch.model import Bilingual


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


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None
