"""The nearest-segment search and the governorate lookup behind every event's distance,
sector and governorate.

Why: both replace GEOS calls (STR-tree nearest and 'intersects' queries) with faster code of
our own, so they are held to GEOS's answer here: the same distance to the micrometre on random
points near, on and far from the line, the same segment wherever the nearest is unique, and
the same governorate for points inside, outside and exactly on a boundary.
"""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from shapely.geometry import shape

from gapwatch.incidents.nearest import SegmentIndex
from gapwatch.incidents.reference import governorate_of, reference_geo


def _zigzag(rng: np.random.Generator, n: int) -> np.ndarray:
    """A wandering polyline of n vertices, steps of 0-3 km, in metres."""
    steps = rng.normal(0, 1500, size=(n - 1, 2))
    return np.vstack([[0.0, 0.0], np.cumsum(steps, axis=0)])


def _shapely_nearest(
    start: np.ndarray, end: np.ndarray, x: np.ndarray, y: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """All distances from each point to each segment, by GEOS."""
    segments = shapely.linestrings(np.stack([start, end], axis=1))
    return shapely.distance(shapely.points(x, y)[:, None], segments[None, :]), segments


def _points(rng: np.random.Generator, vertices: np.ndarray, n: int) -> np.ndarray:
    """Points near the line, on it (vertices and points along segments), and far away."""
    lo, hi = vertices.min(axis=0), vertices.max(axis=0)
    span = (hi - lo).max()
    inside = rng.uniform(lo, hi, size=(n, 2))
    far = rng.uniform(lo - 20 * span, hi + 20 * span, size=(n, 2))
    i = rng.integers(0, len(vertices) - 1, size=n)
    along = vertices[i] + rng.uniform(0, 1, size=(n, 1)) * (vertices[i + 1] - vertices[i])
    return np.vstack([inside, far, along, vertices])


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_the_nearest_segment_and_its_distance_are_those_geos_finds(seed: int) -> None:
    rng = np.random.default_rng(seed)
    vertices = _zigzag(rng, 300)
    start, end = vertices[:-1], vertices[1:]
    pts = _points(rng, vertices, 400)
    segment, dist, along = SegmentIndex.build(start, end).nearest(pts[:, 0], pts[:, 1])

    all_d, segments = _shapely_nearest(start, end, pts[:, 0], pts[:, 1])
    truth = all_d.min(axis=1)
    np.testing.assert_allclose(dist, truth, rtol=0, atol=1e-6)
    # The segment named is one at that distance, and the lowest-numbered such one.
    np.testing.assert_allclose(all_d[np.arange(len(pts)), segment], truth, rtol=0, atol=1e-6)
    assert (segment == np.argmax(all_d <= truth[:, None] + 1e-6, axis=1)).all()
    # `along` places the nearest point on that segment, at that distance.
    nearest = start[segment] + along[:, None] * (end[segment] - start[segment])
    np.testing.assert_allclose(np.hypot(*(pts - nearest).T), truth, rtol=0, atol=1e-6)
    assert ((along >= 0) & (along <= 1)).all()
    # Points on the line are at distance zero.
    on_line = len(pts) - 400 - len(vertices)
    assert (dist[on_line:] < 1e-6).all()
    assert segments.size == len(start)


def test_separate_parts_and_a_degenerate_segment_are_measured() -> None:
    # Two parts (no segment joins them) and one zero-length segment.
    start = np.array([[0.0, 0.0], [10.0, 0.0], [50.0, 50.0], [80.0, 80.0]])
    end = np.array([[10.0, 0.0], [10.0, 0.0], [60.0, 50.0], [80.0, 80.0]])
    x = np.array([5.0, 30.0, 55.0, 81.0, 10.0])
    y = np.array([3.0, 0.0, 49.0, 80.0, 0.0])
    segment, dist, _along = SegmentIndex.build(start, end).nearest(x, y)
    np.testing.assert_allclose(dist, [3.0, 20.0, 1.0, 1.0, 0.0])
    assert segment.tolist() == [0, 0, 2, 3, 0]


def test_no_segment_at_all_is_refused() -> None:
    with pytest.raises(ValueError, match="no segments"):
        SegmentIndex.build(np.empty((0, 2)), np.empty((0, 2)))


def test_governorates_are_those_geos_intersects_finds_even_on_boundaries() -> None:
    feats = reference_geo().governorates["features"]
    polygons = [shape(f["geometry"]) for f in feats]
    names = np.array([f["properties"]["ADM1_EN"] for f in feats], dtype=object)
    rng = np.random.default_rng(3)
    boundary = np.vstack([np.asarray(p.exterior.coords)[::25] for p in _shells(polygons)])
    lon = np.concatenate([rng.uniform(38, 49.5, 3000), boundary[:, 0], [np.nan, 44.0]])
    lat = np.concatenate([rng.uniform(28.5, 38, 3000), boundary[:, 1], [33.0, np.nan]])

    got = governorate_of(lat, lon)

    tree = shapely.STRtree(polygons)
    finite = np.flatnonzero(np.isfinite(lat) & np.isfinite(lon))
    pairs = tree.query(shapely.points(lon[finite], lat[finite]), predicate="intersects")
    allowed: dict[int, set[str]] = {}
    for i, j in zip(finite[pairs[0]], pairs[1], strict=True):
        allowed.setdefault(int(i), set()).add(names[j])
    for i in range(len(lat)):
        if i in allowed:
            assert got[i] in allowed[i], (lat[i], lon[i])
        else:
            assert got[i] is None
    on_boundary = got[3000 : 3000 + len(boundary)]
    assert all(name is not None for name in on_boundary)  # boundary points count as inside


def _shells(polygons: list) -> list:
    return [part for p in polygons for part in getattr(p, "geoms", [p])]
