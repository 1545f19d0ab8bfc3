"""Summaries of repeated measurements: median and spread, never a lone mean.

Pure (no I/O): unit-tested in tests/test_benchmarks.py.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class Summary:
    """Median, quartiles and range of some samples (all NaN when there are none)."""

    n: int
    median: float
    q1: float
    q3: float
    min: float
    max: float

    @property
    def iqr(self) -> float:
        """Interquartile range."""
        return self.q3 - self.q1

    @property
    def empty(self) -> bool:
        """True when nothing was measured."""
        return self.n == 0

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready (NaN becomes None)."""
        return {
            k: (None if isinstance(v, float) and math.isnan(v) else v)
            for k, v in asdict(self).items()
        }


EMPTY = Summary(0, math.nan, math.nan, math.nan, math.nan, math.nan)


def clean(samples: Iterable[float | int | None]) -> list[float]:
    """The finite samples as floats: a failed sample (None, NaN) is dropped, not averaged in."""
    return [float(s) for s in samples if s is not None and math.isfinite(float(s))]


def summarize(samples: Iterable[float | int | None]) -> Summary:
    """Median, quartiles (inclusive method, as numpy's default) and min-max of the samples."""
    values = sorted(clean(samples))
    if not values:
        return EMPTY
    if len(values) == 1:
        v = values[0]
        return Summary(1, v, v, v, v, v)
    q1, _q2, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return Summary(
        n=len(values),
        median=statistics.median(values),
        q1=q1,
        q3=q3,
        min=values[0],
        max=values[-1],
    )


def per_extra_session(rss_one: float, rss_many: float, sessions: int) -> float:
    """Memory each session adds beyond the first: (RSS with n sessions - RSS with 1) / (n - 1)."""
    if sessions < 2:
        raise ValueError(f"need at least 2 sessions to measure the increment, got {sessions}")
    return (rss_many - rss_one) / (sessions - 1)
