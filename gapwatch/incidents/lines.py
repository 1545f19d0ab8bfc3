"""Assumed lines, each event's distance to the line, and the named sector it is nearest to.

Nobody has published where the army and the Peshmerga stand; the default line is the 2019
boundary of the Kurdistan Region's governorates (`ReferenceGeo.assumed_line`), and a user may
bring their own (`parse_line_geojson`). Distances are computed once per dataset and line,
vectorised: each event finds its nearest segment of the line (`nearest.SegmentIndex`: bounds
on runs of segments pick a few candidates, the exact point-to-segment distance decides) in an
azimuthal-equidistant projection centred on the line, and the distance is measured there; the
nearest 2-km piece (for the sector) follows from where on that segment the nearest point is. That
projection is true along every line through its centre and stretches other directions by
c/sin(c) (c the angular distance from the centre): under 0.25 % anywhere in Iraq, inside the
0.5 % the analysis allows (tests check it against pyproj.Geod).
"""

from __future__ import annotations

import hashlib
import json
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
import shapely
from pyproj import Geod
from shapely.geometry import LineString, MultiLineString, shape
from shapely.geometry.base import BaseGeometry

from gapwatch.geodata import ReferenceGeo
from gapwatch.geometry import local_metric, reproject
from gapwatch.incidents.nearest import SegmentIndex
from gapwatch.incidents.sectors import SECTOR_IDS, SECTORS, Sector, sector_names
from gapwatch.model import IRAQ_LAT, IRAQ_LON

__all__ = [  # the sectors themselves live in `sectors`
    "DEFAULT_LINE_ID",
    "SECTORS",
    "SECTOR_IDS",
    "District",
    "Line",
    "LineFileError",
    "Sector",
    "area_km2",
    "band_geometry",
    "default_line",
    "distances_km",
    "measure",
    "measure_coded",
    "nearest_sector",
    "parse_line_geojson",
    "sector_names",
]

DEFAULT_LINE_ID = "default"
_GEOD = Geod(ellps="WGS84")
#: The line is cut into pieces of at most this length for the nearest-piece index.
_PIECE_M = 2_000.0
#: A piece of the line belongs to the sector of a contact-line district it touches (within
#: _TOUCH_M; where districts on both sides touch it, the federal-side one, so Kalar does not
#: hide Kifri and Tuz), else of the nearest one within _SECTOR_REACH_M, else to no sector.
_TOUCH_M = 1_500.0
_SECTOR_REACH_M = 25_000.0
#: An event farther than this from the line belongs to no sector: 80 km is the last finite
#: distance ring, beyond it "nearest sector" no longer means anything.
SECTOR_MAX_KM = 80.0
MAX_LINE_VERTICES = 200_000
MAX_LINE_BYTES = 20 * 1024 * 1024


class LineFileError(ValueError):
    """An uploaded line is not a usable GeoJSON line inside Iraq; the message says why."""


@dataclass(frozen=True, eq=False)
class Line:
    """An assumed line (WGS84, x = lon), with what is needed to measure against it fast."""

    id: str
    name: str
    geometry: LineString | MultiLineString
    source_file: str = ""
    sha256: str = ""
    added_at: str = ""
    _districts: tuple[District, ...] = field(default=(), repr=False)

    @cached_property
    def _index(self) -> _LineIndex:
        return _LineIndex.build(self.geometry, self._districts)

    @property
    def length_km(self) -> float:
        """Geodesic length of the line."""
        return float(_GEOD.geometry_length(self.geometry)) / 1000

    def to_feature(self) -> dict[str, Any]:
        """GeoJSON Feature ([lon, lat]) with the line's id and name."""
        return {
            "type": "Feature",
            "id": self.id,
            "properties": {"id": self.id, "name": self.name, "source_file": self.source_file},
            "geometry": json.loads(shapely.to_geojson(self.geometry)),
        }


@dataclass(frozen=True)
class District:
    """A contact-line district: the sector it belongs to, its shape, and its side."""

    sector: str
    geometry: BaseGeometry
    federal: bool


@dataclass(frozen=True)
class _LineIndex:
    to_m: Any
    to_wgs: Any
    segments: SegmentIndex  # the line's own segments, in metres
    first_piece: np.ndarray  # per segment: the index of its first piece
    pieces: np.ndarray  # per segment: how many equal pieces of at most _PIECE_M it is cut in
    piece_sector: np.ndarray  # object array: sector id or None per piece

    @cached_property
    def piece_code(self) -> np.ndarray:
        """Per piece: its sector's position in SECTOR_IDS, or -1 for none."""
        return np.array([-1 if s is None else SECTOR_IDS.index(s) for s in self.piece_sector])

    @classmethod
    def build(cls, geometry: BaseGeometry, districts: tuple[District, ...]) -> _LineIndex:
        min_x, min_y, max_x, max_y = geometry.bounds
        to_m, to_wgs = local_metric((min_y + max_y) / 2, (min_x + max_x) / 2)
        metric = reproject(geometry, to_m)
        parts = list(metric.geoms) if isinstance(metric, MultiLineString) else [metric]
        chains = [np.asarray(part.coords)[:, :2] for part in parts]
        start = np.concatenate([c[:-1] for c in chains])
        end = np.concatenate([c[1:] for c in chains])
        pieces = np.maximum(np.ceil(np.hypot(*(end - start).T) / _PIECE_M), 1).astype(np.int64)
        first_piece = np.cumsum(pieces) - pieces
        piece_sector = np.full(int(pieces.sum()), None, dtype=object)
        if districts and len(piece_sector):
            # Each piece's midpoint: segment s, piece k of n lies at (k + 0.5) / n along s.
            seg = np.repeat(np.arange(len(start)), pieces)
            frac = (np.arange(len(seg)) - first_piece[seg] + 0.5) / pieces[seg]
            mids = shapely.points(start[seg] + frac[:, None] * (end - start)[seg])
            areas = np.array([reproject(d.geometry, to_m) for d in districts], dtype=object)
            dist = shapely.distance(mids[:, None], areas[None, :])  # pieces x districts
            federal = np.array([d.federal for d in districts])
            # Rank: touching federal < touching KRI-side < by distance; beyond reach: none.
            rank = dist + np.where(dist <= _TOUCH_M, np.where(federal, -2e9, -1e9), 0)
            best = np.argmin(rank, axis=1)
            ids = np.array([d.sector for d in districts], dtype=object)
            near = dist[np.arange(len(seg)), best] <= _SECTOR_REACH_M
            piece_sector[near] = ids[best[near]]
        return cls(to_m, to_wgs, SegmentIndex.build(start, end), first_piece, pieces, piece_sector)

    def nearest_piece(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(index of the nearest piece, distance in metres) for points in metres. Pieces are
        equal parts of their segment, so the piece follows from the position along it."""
        seg, metres, along = self.segments.nearest(x, y)
        n = self.pieces[seg]
        # Piece k of n covers (k/n, (k+1)/n]; a point at a shared end takes the lower piece.
        k = np.clip(np.ceil(along * n).astype(np.int64) - 1, 0, n - 1)
        return self.first_piece[seg] + k, metres


def distances_km(lat: np.ndarray, lon: np.ndarray, line: Line) -> np.ndarray:
    """Geodesic distance (km) of each point to the nearest point of `line`; NaN where a
    coordinate is NaN. Vectorised: ~0.5 s per million points here."""
    return measure_coded(lat, lon, line)[0]


def nearest_sector(lat: np.ndarray, lon: np.ndarray, line: Line) -> np.ndarray:
    """Object array: the sector id whose stretch of `line` is nearest, or None (no coordinate,
    farther than SECTOR_MAX_KM, or nearest to a stretch outside every sector)."""
    return measure(lat, lon, line)[1]


def measure(lat: np.ndarray, lon: np.ndarray, line: Line) -> tuple[np.ndarray, np.ndarray]:
    """(`distances_km`, `nearest_sector`) in one pass."""
    dist, code = measure_coded(lat, lon, line)
    return dist, _SECTOR_OR_NONE[code]


#: Sector ids by code, and None at code -1 (the last place).
_SECTOR_OR_NONE = np.array([*SECTOR_IDS, None], dtype=object)


def measure_coded(lat: np.ndarray, lon: np.ndarray, line: Line) -> tuple[np.ndarray, np.ndarray]:
    """(`distances_km`, the nearest sector as its position in SECTOR_IDS or -1 for none):
    codes make a categorical column without hashing 100,000 strings."""
    lat = np.asarray(lat, dtype="float64")
    lon = np.asarray(lon, dtype="float64")
    dist = np.full(lat.shape, np.nan)
    code = np.full(lat.shape, -1, dtype=np.int64)
    ok = np.isfinite(lat) & np.isfinite(lon)
    if not ok.any():
        return dist, code
    index = line._index
    where = np.flatnonzero(ok)
    if len(where) < _SPLIT_AT:
        dist[where], code[where] = _measure_rows(lat, lon, where, index)
        return dist, code
    # Two halves on two threads: pyproj and numpy release the GIL (an import measures while
    # it checks the rows, so the halves share the cores with that: ~1.3x, not 2x).
    halves = np.array_split(where, 2)
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="gapwatch-measure") as pool:
        parts = list(pool.map(lambda rows: _measure_rows(lat, lon, rows, index), halves))
    for rows, (part_dist, part_code) in zip(halves, parts, strict=True):
        dist[rows], code[rows] = part_dist, part_code
    return dist, code


#: Fewer points than this are measured on the calling thread alone.
_SPLIT_AT = 20_000


def _measure_rows(
    lat: np.ndarray, lon: np.ndarray, rows: np.ndarray, index: _LineIndex
) -> tuple[np.ndarray, np.ndarray]:
    """`measure_coded` of the points `rows` (all with finite coordinates)."""
    dist = np.full(len(rows), np.nan)
    code = np.full(len(rows), -1, dtype=np.int64)
    x, y = index.to_m.transform(lon[rows], lat[rows])
    ok = np.isfinite(x) & np.isfinite(y)  # not so for a latitude beyond the poles
    piece_of, metres = index.nearest_piece(x[ok], y[ok])
    km = metres / 1000
    dist[ok] = km
    code[ok] = np.where(km > SECTOR_MAX_KM, -1, index.piece_code[piece_of])
    return dist, code


def default_line(reference_geo: ReferenceGeo) -> Line:
    """The line the map draws today: the 2019 boundary of the Kurdistan Region's governorates."""
    return Line(
        id=DEFAULT_LINE_ID,
        name="2019 KRI governorate boundary (assumed line)",
        geometry=reference_geo.assumed_line,
        _districts=contact_districts(reference_geo),
    )


def contact_districts(reference_geo: ReferenceGeo) -> tuple[District, ...]:
    """The contact-line districts of data/geo with the sector each belongs to."""
    sector_of = {code: s.id for s in SECTORS for code in s.districts}
    return tuple(
        District(
            sector=sector_of[f["properties"]["ADM2_PCODE"]],
            geometry=shape(f["geometry"]),
            federal=not f["properties"]["in_kri_governorate"],
        )
        for f in reference_geo.contact_districts["features"]
        if f["properties"]["ADM2_PCODE"] in sector_of
    )


def with_sectors(line: Line, reference_geo: ReferenceGeo) -> Line:
    """`line` able to name sectors (a parsed line knows no districts until given them)."""
    return Line(
        id=line.id,
        name=line.name,
        geometry=line.geometry,
        source_file=line.source_file,
        sha256=line.sha256,
        added_at=line.added_at,
        _districts=contact_districts(reference_geo),
    )


def parse_line_geojson(data: bytes, source_name: str = "line.geojson", name: str = "") -> Line:
    """A user's assumed line from GeoJSON bytes: a LineString or MultiLineString geometry,
    Feature or FeatureCollection of line features, WGS84 `[lon, lat]`, inside Iraq.

    Raises `LineFileError` with a plain reason (not JSON, not a line, a point outside Iraq or
    apparently swapped, too short, too many vertices) — never anything else.
    """
    if len(data) > MAX_LINE_BYTES:
        raise LineFileError(f"the line file is larger than {MAX_LINE_BYTES // 2**20} MB")
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise LineFileError(f"not a GeoJSON (JSON) file: {str(exc)[:120]}") from None
    geometries = _line_geometries(doc)
    lines: list[LineString] = []
    for geom in geometries:
        try:
            parsed = shape(geom)
        except Exception as exc:  # shapely raises several kinds for malformed coordinates
            raise LineFileError(f"malformed line coordinates: {str(exc)[:120]}") from None
        if isinstance(parsed, MultiLineString):
            lines.extend(parsed.geoms)
        elif isinstance(parsed, LineString):
            lines.append(parsed)
    coords = np.concatenate([np.asarray(g.coords, dtype="float64") for g in lines if g.coords])
    if coords.size == 0 or coords.ndim != 2 or coords.shape[1] < 2:
        raise LineFileError("the line has no coordinates")
    if len(coords) > MAX_LINE_VERTICES:
        raise LineFileError(f"the line has more than {MAX_LINE_VERTICES:,} vertices")
    _check_inside_iraq(coords[:, 0], coords[:, 1])
    geometry: LineString | MultiLineString = lines[0] if len(lines) == 1 else MultiLineString(lines)
    geometry = shapely.force_2d(geometry)
    if not geometry.is_valid or geometry.is_empty:
        raise LineFileError("the line is empty or invalid")
    length_km = float(_GEOD.geometry_length(geometry)) / 1000
    if length_km < 1:
        raise LineFileError(f"the line is only {length_km * 1000:.0f} m long; at least 1 km")
    digest = hashlib.sha256(data).hexdigest()
    label = (name or _doc_name(doc) or source_name.rsplit(".", 1)[0] or "line").strip()[:80]
    slug = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")[:40] or "line"
    return Line(
        id=f"{slug}-{digest[:8]}",
        name=label,
        geometry=geometry,
        source_file=source_name[:200],
        sha256=digest,
    )


def _line_geometries(doc: Any) -> list[dict[str, Any]]:
    if not isinstance(doc, dict):
        raise LineFileError("not a GeoJSON object")
    kind = doc.get("type")
    if kind == "FeatureCollection":
        features = doc.get("features")
        if not isinstance(features, list) or not features:
            raise LineFileError("the FeatureCollection has no features")
        geoms = [f.get("geometry") if isinstance(f, dict) else None for f in features]
    elif kind == "Feature":
        geoms = [doc.get("geometry")]
    else:
        geoms = [doc]
    kinds = {g.get("type") if isinstance(g, dict) else None for g in geoms}
    if not kinds <= {"LineString", "MultiLineString"}:
        found = ", ".join(sorted(str(k) for k in kinds - {"LineString", "MultiLineString"}))
        raise LineFileError(f"expected LineString or MultiLineString geometries, found {found}")
    checked: list[dict[str, Any]] = []
    for g in geoms:
        if not isinstance(g, dict) or not isinstance(g.get("coordinates"), list):
            raise LineFileError("a line geometry has no coordinates")
        if not g["coordinates"]:
            raise LineFileError(f"a {g['type']} has no coordinates")
        checked.append(g)
    return checked


def _doc_name(doc: dict[str, Any]) -> str:
    props = doc.get("properties")
    if doc.get("type") == "FeatureCollection":
        feats = doc.get("features") or [{}]
        props = feats[0].get("properties") if isinstance(feats[0], dict) else None
    value = props.get("name") if isinstance(props, dict) else None
    return value if isinstance(value, str) else ""


def _check_inside_iraq(lon: np.ndarray, lat: np.ndarray) -> None:
    if not (np.isfinite(lon).all() and np.isfinite(lat).all()):
        raise LineFileError("the line has a coordinate that is not a finite number")
    inside = _in_box(lat, lon)
    if inside.all():
        return
    i = int(np.argmin(inside))
    hint = (
        " (latitude and longitude look swapped)"
        if _in_box(lon[i : i + 1], lat[i : i + 1])[0]
        else ""
    )
    raise LineFileError(
        f"vertex {i + 1} [lon {lon[i]:g}, lat {lat[i]:g}] is outside Iraq{hint}; "
        "GeoJSON coordinates are [longitude, latitude] in WGS84"
    )


def _in_box(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    return (lat >= IRAQ_LAT[0]) & (lat <= IRAQ_LAT[1]) & (lon >= IRAQ_LON[0]) & (lon <= IRAQ_LON[1])


def area_km2(geom: BaseGeometry) -> float:
    """Area on the WGS84 ellipsoid, km²."""
    area, _perimeter = _GEOD.geometry_area_perimeter(geom)
    return abs(float(area)) / 1e6


def band_geometry(line: Line, width_km: float) -> BaseGeometry:
    """The band of points within `width_km`/2 of `line` (WGS84), as the counts define it."""
    index = line._index
    metric = reproject(line.geometry, index.to_m)
    return reproject(metric.buffer(width_km * 500, quad_segs=8), index.to_wgs)
