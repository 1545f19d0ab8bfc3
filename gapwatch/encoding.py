"""Shapes as short strings: the compact encoding the map's script decodes (pure, no UI).

The map's HTML/JS is sent to the browser on every page load, so its size is load time.
Instead of pretty-printed GeoJSON (about 280 KB for the map), coordinates thinned for
display (`gapwatch.geometry.for_display`) are written as a compact string: each vertex is
the change in longitude and latitude from the one before, in units of 10^-decimals degrees,
as zigzag varints of 5 bits a character (the scheme of Google's encoded polylines, with a
URL-safe alphabet that needs no escaping in JSON, JavaScript or HTML and has no `_`, which
st_folium rewrites in variable names). About 3 bytes a vertex instead of 20.

Shared borders are sent once: polygons that tile an area (governorates) become arcs (the
border between two neighbours, or a stretch of the outer border) and each polygon the list of
arcs around it (`polygon_arcs`), as in TopoJSON. The arcs used once are the outer border, so
the national outline needs no data of its own.

The strings are `[lon, lat]` like GeoJSON; the browser's script decodes to Leaflet's
`[lat, lng]` (`components/map/map.js`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from shapely.geometry import LineString, MultiLineString, MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

#: 64 characters, each safe unescaped in JSON, JavaScript and HTML, and with no `_`.
ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-."
_VALUE = {c: i for i, c in enumerate(ALPHABET)}

#: A geometry as the script takes it: encoded strings nested like Leaflet's latlngs arrays.
Encoded = str | list["Encoded"]


class Shared:
    """Immutable values that a deep copy shares instead of copying: the map a UI draws is
    copied on every run, and these values are most of it."""

    def __deepcopy__(self, memo: dict[int, Any]) -> Any:
        return self


# --- coordinates -------------------------------------------------------------------------


def _varint(value: int) -> str:
    zigzag = value * 2 if value >= 0 else -value * 2 - 1
    chars = []
    while zigzag >= 32:
        chars.append(ALPHABET[32 | (zigzag & 31)])
        zigzag >>= 5
    chars.append(ALPHABET[zigzag])
    return "".join(chars)


def encode_coords(coords: Iterable[Sequence[float]], decimals: int) -> str:
    """`[(lon, lat), ...]` as one compact string (see the module docstring)."""
    scale = 10**decimals
    out = []
    last_x = last_y = 0
    for lon, lat, *_ in coords:
        x, y = round(lon * scale), round(lat * scale)
        out.append(_varint(x - last_x) + _varint(y - last_y))
        last_x, last_y = x, y
    return "".join(out)


def decode_coords(text: str, decimals: int) -> list[tuple[float, float]]:
    """The inverse of `encode_coords`: `[(lon, lat), ...]` (the browser's script does the same,
    giving `[lat, lng]` for Leaflet)."""
    numbers = []
    value = shift = 0
    for char in text:
        bits = _VALUE[char]
        value |= (bits & 31) << shift
        shift += 5
        if bits < 32:
            numbers.append(value // 2 if value % 2 == 0 else -(value + 1) // 2)
            value = shift = 0
    if shift or len(numbers) % 2:
        raise ValueError("truncated coordinate string")
    scale = 10**decimals
    coords = []
    x = y = 0
    for dx, dy in zip(numbers[::2], numbers[1::2], strict=True):
        x, y = x + dx, y + dy
        coords.append((x / scale, y / scale))
    return coords


def _polygons(geom: BaseGeometry) -> list[Polygon]:
    if isinstance(geom, Polygon):
        return [geom] if not geom.is_empty else []
    if isinstance(geom, MultiPolygon):
        return list(geom.geoms)
    raise ValueError(f"expected a polygon, got {geom.geom_type}")


def _lines(geom: BaseGeometry) -> list[LineString]:
    if isinstance(geom, LineString):
        return [geom] if not geom.is_empty else []
    if isinstance(geom, MultiLineString):
        return list(geom.geoms)
    raise ValueError(f"expected a line, got {geom.geom_type}")


def encode_geometry(geom: BaseGeometry, decimals: int) -> Encoded:
    """A (multi)polygon as `[[ring, hole, ...], ...]` or a (multi)line as `[line, ...]`, each
    ring or line an encoded string (the shapes Leaflet's `L.polygon` / `L.polyline` take)."""
    if isinstance(geom, Polygon | MultiPolygon):
        return [
            [encode_coords(ring.coords[:-1], decimals) for ring in (p.exterior, *p.interiors)]
            for p in _polygons(geom)
        ]
    return [encode_coords(line.coords, decimals) for line in _lines(geom)]


# --- shared borders ----------------------------------------------------------------------

Point = tuple[float, float]


@dataclass(frozen=True)
class ArcTopology(Shared):
    """Polygons that share borders, as arcs drawn once.

    `arcs[i]` is a line of `(lon, lat)` points from one junction to the next; `polygons[j]` is
    the j-th input polygon as parts, each a list of rings, each ring a list of arc references
    (`i` for arc i as stored, `~i` for it reversed) that run around it in order. `uses[i]` is
    how many rings arc i belongs to: 1 on the outer border of the whole set.
    """

    arcs: tuple[tuple[Point, ...], ...]
    polygons: tuple[tuple[tuple[tuple[int, ...], ...], ...], ...]
    uses: tuple[int, ...]

    def ring(self, refs: Sequence[int]) -> list[Point]:
        """The closed ring a list of arc references stands for (to check the topology)."""
        points: list[Point] = []
        for ref in refs:
            arc = self.arcs[ref] if ref >= 0 else self.arcs[~ref][::-1]
            points.extend(arc if not points else arc[1:])
        return points


def _rings(geom: BaseGeometry) -> Iterator[list[list[Point]]]:
    for polygon in _polygons(geom):
        yield [
            [(float(x), float(y)) for x, y, *_ in ring.coords[:-1]]
            for ring in (polygon.exterior, *polygon.interiors)
        ]


def polygon_arcs(geoms: Sequence[BaseGeometry]) -> ArcTopology:
    """Split polygons that tile an area (governorates) into the arcs between junctions.

    A junction is a vertex with more than two distinct neighbours: where the border between two
    polygons meets a third one or the outer border. Shared borders must share their vertices
    exactly (true of a clean coverage such as COD-AB's). A ring with no junction (an island)
    becomes one closed arc, cut at its smallest point so its neighbour's copy matches.
    """
    all_rings = [ring for geom in geoms for part in _rings(geom) for ring in part]
    neighbours: dict[Point, set[Point]] = {}
    for ring in all_rings:
        n = len(ring)
        for i, point in enumerate(ring):
            neighbours.setdefault(point, set()).update((ring[i - 1], ring[(i + 1) % n]))
    junctions = {p for p, around in neighbours.items() if len(around) > 2}

    index: dict[tuple[Point, ...], int] = {}
    arcs: list[tuple[Point, ...]] = []
    uses: list[int] = []

    def ref(arc: tuple[Point, ...]) -> int:
        if arc in index:
            found = index[arc]
        elif arc[::-1] in index:
            found = ~index[arc[::-1]]
        else:
            found = index[arc] = len(arcs)
            arcs.append(arc)
            uses.append(0)
        uses[found if found >= 0 else ~found] += 1
        return found

    def cut(ring: list[Point]) -> tuple[int, ...]:
        starts = [i for i, p in enumerate(ring) if p in junctions] or [ring.index(min(ring))]
        n = len(ring)
        bounds = zip(starts, [*starts[1:], starts[0] + n], strict=True)
        return tuple(ref(tuple(ring[i % n] for i in range(a, b + 1))) for a, b in bounds)

    polygons = tuple(
        tuple(tuple(cut(ring) for ring in part) for part in _rings(geom)) for geom in geoms
    )
    return ArcTopology(tuple(arcs), polygons, tuple(uses))
