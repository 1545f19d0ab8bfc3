"""The nearest of many straight segments to each of many points, exactly, in numpy.

Why not GEOS (`STRtree.query_nearest`): it measures one point at a time under the GIL, ~1 s
for 100,000 events against the assumed line's ~700 pieces, and a KD-tree over points along
the line is no faster for events far from it (most of Iraq is far from it). Here the segments
are grouped in runs of `_RUN` consecutive ones, each run enclosed in a circle centred on one of
its vertices; the distance to a centre is an upper bound for the distance to the line, and the
distance to a centre minus its radius a lower bound for the distance to that run. Only runs
whose lower bound does not exceed the best upper bound can hold the nearest segment, and the
exact point-to-segment distance is taken over those runs only: a few per point.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: Consecutive segments per run: ~50 runs for the default line, a few candidates per point.
_RUN = 8
#: Points measured at a time (bounds the temporary arrays to a few tens of MB).
_BATCH = 8192
#: Rounding allowance for the lower bound (in the segments' units: a micrometre for metres).
_SLACK = 1e-6


@dataclass(frozen=True)
class SegmentIndex:
    """Segments (planar x, y) grouped in runs, each run with an enclosing circle."""

    segment: np.ndarray  # (r, _RUN) the segment index at each place of each run
    #: (r, 5, _RUN): per run, the start x, start y, end-minus-start x and y, and 1/length²
    #: (0 for a degenerate segment) of its segments: one gather fetches a run's all.
    runs: np.ndarray
    cx: np.ndarray  # (r,) centre of each run: one of its vertices, so a point on the line
    cy: np.ndarray
    radius: np.ndarray  # (r,) every point of the run's segments is within this of its centre

    @classmethod
    def build(cls, start: np.ndarray, end: np.ndarray) -> SegmentIndex:
        """Index segments given as (m, 2) arrays of their end points (m >= 1)."""
        start = np.asarray(start, dtype="float64").reshape(-1, 2)
        end = np.asarray(end, dtype="float64").reshape(-1, 2)
        if len(start) == 0:
            raise ValueError("no segments to measure against")
        count = -(-len(start) // _RUN)
        # The last run repeats the last segment to fill its places.
        segment = np.minimum(np.arange(count * _RUN).reshape(count, _RUN), len(start) - 1)
        a, b = start[segment], end[segment]
        centre = a[:, _RUN // 2]
        # A segment lies within the circle that holds both its ends (a disc is convex).
        reach = np.maximum(
            np.hypot(*(a - centre[:, None]).transpose(2, 0, 1)),
            np.hypot(*(b - centre[:, None]).transpose(2, 0, 1)),
        )
        ab = b - a
        length2 = (ab * ab).sum(axis=-1)
        inverse = np.divide(1.0, length2, out=np.zeros_like(length2), where=length2 > 0)
        return cls(
            segment=segment,
            runs=np.stack([a[..., 0], a[..., 1], ab[..., 0], ab[..., 1], inverse], axis=1),
            cx=centre[:, 0].copy(),
            cy=centre[:, 1].copy(),
            radius=reach.max(axis=1),
        )

    def nearest(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """For each point: the index of the nearest segment (the lowest where several are
        equally near), the distance to it, and where on it the nearest point lies (0 at its
        start, 1 at its end). Coordinates must be finite."""
        x = np.asarray(x, dtype="float64")
        y = np.asarray(y, dtype="float64")
        best = np.empty(len(x), dtype=np.int64)
        dist = np.empty(len(x))
        along = np.empty(len(x))
        for lo in range(0, len(x), _BATCH):
            part = slice(lo, lo + _BATCH)
            best[part], dist[part], along[part] = self._nearest(x[part], y[part])
        return best, dist, along

    def _nearest(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        to_centre = np.sqrt((x[:, None] - self.cx) ** 2 + (y[:, None] - self.cy) ** 2)
        bound = to_centre.min(axis=1)  # each centre is on the line
        to_centre -= self.radius
        point, run = np.nonzero(to_centre <= bound[:, None] + _SLACK)
        # Planar point-to-segment distance (squared), each candidate run's segments at once.
        ax, ay, abx, aby, inverse = self.runs[run].transpose(1, 0, 2)
        apx = x[point, None] - ax
        apy = y[point, None] - ay
        t = (apx * abx + apy * aby) * inverse
        np.clip(t, 0.0, 1.0, out=t)
        apx -= t * abx
        apy -= t * aby
        d = apx * apx + apy * apy
        # Pairs come sorted by point, and every point has one (its nearest centre's run).
        d_min = np.minimum.reduceat(d.min(axis=1), np.searchsorted(point, np.arange(len(x))))
        # Lowest index among the equally near (to rounding: a shared vertex is reached from
        # both its segments by different arithmetic); candidates come in ascending order.
        hit = d <= d_min[point, None] * (1 + 1e-9) + _SLACK**2
        pairs = np.flatnonzero(hit.any(axis=1))
        pair = pairs[np.r_[True, point[pairs[1:]] != point[pairs[:-1]]]]  # first per point
        col = hit[pair].argmax(axis=1)
        return self.segment[run[pair], col], np.sqrt(d_min), t[pair, col]
