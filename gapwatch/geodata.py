"""The reference geodata in data/geo: boundaries, rivers, lakes, the assumed line, the Hamrin
axis, the sectors of the line and the gazetteer, read and checked once.

Pure (no Streamlit). GeoJSON stays `[lon, lat]`; every field is named `lat` / `lon`. A broken
or missing file raises `GeoDataError` naming the file and what is wrong with it.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path

import shapely
from shapely.geometry import LineString, Point, shape
from shapely.geometry.base import BaseGeometry

from gapwatch.geometry import GeoJSON, check_lat_lon
from gapwatch.model import Bilingual

FILES = {
    "governorates": "irq_adm1_governorates.geojson",
    "outline": "irq_adm0_outline.geojson",
    "assumed_line": "kri_internal_boundary_line.geojson",
    "contact_districts": "contact_line_districts_adm2.geojson",
    "rivers": "rivers_iraq.geojson",
    "lakes": "lakes_iraq.geojson",
    "hamrin": "hamrin_ridge_schematic.geojson",
    "places": "places_northern_iraq.csv",
}


# --- reference data ----------------------------------------------------------------------


@dataclass(frozen=True)
class SectorLabel:
    """Where to write one named sector of the federal-Peshmerga line on the map."""

    name: Bilingual
    district: Bilingual
    governorate: str
    lat: float
    lon: float


@dataclass(frozen=True)
class ReferencePlace:
    """A row of places_northern_iraq.csv (GeoNames / Wikipedia), with its provenance."""

    name: str
    kind: str
    lat: float
    lon: float
    source: str
    source_id: str
    verified: str
    note: str


@dataclass(frozen=True, eq=False)
class ReferenceGeo:
    """Everything the map draws besides the zones. FeatureCollections stay plain dicts
    (`[lon, lat]`) for the map; the lines the zones are built on are shapely objects."""

    governorates: GeoJSON
    outline: GeoJSON
    outline_geometry: BaseGeometry
    contact_districts: GeoJSON
    rivers: GeoJSON
    lakes: GeoJSON
    hamrin_schematic: GeoJSON
    assumed_line: LineString
    hamrin_axis: LineString
    sector_labels: tuple[SectorLabel, ...]
    places: tuple[ReferencePlace, ...]

    def place(self, name: str) -> ReferencePlace:
        """The reference place called `name` (KeyError if none)."""
        for p in self.places:
            if p.name == name:
                return p
        raise KeyError(name)


class GeoDataError(ValueError):
    """A reference geodata file is missing or malformed; the message names file and reason."""


def load_reference_geo(data_dir: Path) -> ReferenceGeo:
    """Read data/geo/ (no caching here: the UI caches). Raises `GeoDataError` naming the file
    if one is missing or malformed, or if a place falls outside Iraq's box (swapped lat/lon)."""
    try:
        return _load_reference_geo(data_dir)
    except GeoDataError:
        raise
    except (OSError, ValueError, KeyError, TypeError, IndexError) as exc:
        raise GeoDataError(f"{data_dir.name}/: {type(exc).__name__}: {exc}") from exc


def _load_reference_geo(data_dir: Path) -> ReferenceGeo:
    fc = {key: _read_json(data_dir / name) for key, name in FILES.items() if key != "places"}
    outline_geometry = shapely.union_all([shape(f["geometry"]) for f in fc["outline"]["features"]])
    assumed_line = _first_line(fc["assumed_line"])
    return ReferenceGeo(
        governorates=fc["governorates"],
        outline=fc["outline"],
        outline_geometry=outline_geometry,
        contact_districts=fc["contact_districts"],
        rivers=fc["rivers"],
        lakes=fc["lakes"],
        hamrin_schematic=fc["hamrin"],
        assumed_line=assumed_line,
        hamrin_axis=_first_line(fc["hamrin"]),
        sector_labels=_sector_labels(fc["contact_districts"], assumed_line),
        places=_read_places(data_dir / FILES["places"]),
    )


def _read_json(path: Path) -> GeoJSON:
    label = f"{path.parent.name}/{path.name}"
    try:
        with path.open(encoding="utf-8") as f:
            data = json.load(f)
    except FileNotFoundError:
        raise GeoDataError(f"{label}: file is missing") from None
    except json.JSONDecodeError as exc:
        raise GeoDataError(
            f"{label}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise GeoDataError(f"{label}: not a GeoJSON FeatureCollection")
    checked: GeoJSON = data
    return checked


def _first_line(collection: GeoJSON) -> LineString:
    for f in collection["features"]:
        geom = shape(f["geometry"])
        if isinstance(geom, LineString):
            return geom
    raise ValueError("no LineString feature in the collection")


def _sector_labels(districts: GeoJSON, line: LineString) -> tuple[SectorLabel, ...]:
    """One label per sector, at a point guaranteed to lie inside its district(s), ordered
    north-west to south-east along the assumed line (the file itself is alphabetical)."""
    groups: dict[str, list[GeoJSON]] = {}
    for f in districts["features"]:
        groups.setdefault(f["properties"]["sector"], []).append(f)
    labels = []
    for members in groups.values():
        p = members[0]["properties"]
        area = shapely.union_all([shape(f["geometry"]) for f in members])
        point = area.representative_point()
        labels.append(
            SectorLabel(
                name=Bilingual(en=p["sector"], ar=p["sector_ar"]),
                district=Bilingual(
                    en=" / ".join(f["properties"]["ADM2_EN"] for f in members),
                    ar=" / ".join(f["properties"]["ADM2_AR"] for f in members),
                ),
                governorate=p["ADM1_EN"],
                lat=point.y,
                lon=point.x,
            )
        )
    sign = 1 if line.coords[0][0] < line.coords[-1][0] else -1  # measure from the west end
    return tuple(sorted(labels, key=lambda s: sign * line.project(Point(s.lon, s.lat))))


def _read_places(path: Path) -> tuple[ReferencePlace, ...]:
    places = []
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            lat, lon = float(row["lat"]), float(row["lon"])
            check_lat_lon(lat, lon)
            places.append(
                ReferencePlace(
                    name=row["name"],
                    kind=row["kind"],
                    lat=lat,
                    lon=lon,
                    source=row["source"],
                    source_id=row["source_id"],
                    verified=row["verified"],
                    note=row["note"],
                )
            )
    return tuple(places)
