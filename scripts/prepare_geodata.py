"""Build the compact reference geodata in data/geo/ from the shared source folder.

A maintenance tool, run by hand; the app and its tests only ever read data/geo/.

    .venv/bin/python scripts/prepare_geodata.py REFERENCE_GEO_DIR [--out data/geo]

What it does, and why:

* Districts (ADM2, a valid coverage) are simplified *as a coverage* (shapely.coverage_simplify),
  so neighbours keep one shared edge: no slivers or overlaps at zoom 6-9. Governorates, the
  national outline and the KRI internal line are then derived from those simplified districts,
  so every drawn boundary coincides exactly. (In the source, ADM1 == dissolved ADM2 and
  ADM0 == dissolved ADM1, so nothing is invented.)
* Rivers: Natural Earth 10m for the named Tigris / Euphrates system (only features inside
  Iraq), plus the GSHHG/WDBII tributaries that reach the contact-line districts (Great Zab,
  Little Zab, Diyala, and unnamed ones). A tributary's mouth vertex is snapped onto the
  Natural Earth Tigris when it lies within 1.5 km of it, so the two sources join.
* Lakes: Natural Earth lakes inside Iraq, plus the GSHHG lakes it lacks (Dukan, Darbandikhan).
* Coordinates rounded to 5 decimals (about 1 m); the Hamrin schematic, the places CSV and the
  licences are copied unchanged.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from pyproj import Geod
from shapely.geometry import LineString, MultiLineString, Point, mapping, shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import nearest_points

DECIMALS = 5
DEFAULT_TOLERANCE_DEG = 0.005
SNAP_MAX_KM = 1.5
MIN_INSIDE_SHARE = 0.25  # keep a Natural Earth river only if this share of it lies in Iraq
KRI_GOVERNORATES = {"Erbil", "Duhok", "Al-Sulaymaniyah"}
WDBII_TRIBUTARIES = {"Great Zab", "Little Zab", "Diyala"}

NAME_AR = {
    "Tigris": "دجلة",
    "Dicle": "دجلة",
    "Euphrates": "الفرات",
    "Shatt al Arab": "شط العرب",
    "Gharraf Canal": "شط الغراف",
    "Shatt al Hillah": "شط الحلة",
    "Hindiyah Channel": "شط الهندية",
    "Atshan": "شط العطشان",
    "Great Zab": "الزاب الكبير",
    "Little Zab": "الزاب الصغير",
    "Diyala": "ديالى",
    "Lake Habbaniyah": "بحيرة الحبانية",
    "Buhayrat ath Tharthar": "بحيرة الثرثار",
    "Lake Razazah": "بحيرة الرزازة",
    "Lake Hammar": "هور الحمار",
    "Lake Dukan": "بحيرة دوكان",
    "Darbandikhan Lake": "بحيرة دربندخان",
}

# Arabic for the shared file's English `sector` labels (our translation of place names).
SECTOR_AR = {
    "Nineveh (Sinjar)": "نينوى (سنجار)",
    "Nineveh (Zummar/Rabia)": "نينوى (زمار/ربيعة)",
    "Nineveh plains (Tilkaef)": "سهل نينوى (تلكيف)",
    "Nineveh plains (Shekhan)": "سهل نينوى (الشيخان)",
    "Nineveh plains (Hamdaniya/Bashiqa)": "سهل نينوى (الحمدانية/بعشيقة)",
    "Nineveh (Aqra)": "نينوى (عقرة)",
    "Makhmour / Gwer / Qarachogh": "مخمور / كوير / قره جوغ",
    "Dibis - Altun Kupri (Kirkuk-Erbil)": "دبس - آلتون كوبري (كركوك-أربيل)",
    "Hawija / Zab (west Kirkuk)": "الحويجة / الزاب (غرب كركوك)",
    "Kirkuk (Shwan/Qarahanjir)": "كركوك (شوان/قره هنجير)",
    "Daquq": "داقوق",
    "Chamchamal (Qadir Karam)": "جمجمال (قادر كرم)",
    "Tuz Khurmatu / Sulaiman Beg / Hamrin": "طوزخورماتو / سليمان بيك / حمرين",
    "Kifri / Qara Tapa": "كفري / قره تبه",
    "Kalar (Garmiyan)": "كلار (كرميان)",
    "Khanaqin / Jalawla / Qaratu": "خانقين / جلولاء / قره تو",
}

GEOD = Geod(ellps="WGS84")


def read(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as f:
        data: dict[str, Any] = json.load(f)
    return data


def rounded(geom: BaseGeometry) -> BaseGeometry:
    """Round to DECIMALS; shared vertices round identically, so a coverage stays a coverage."""
    out = shapely.transform(geom, lambda xy: np.round(xy, DECIMALS))
    if not out.is_valid:
        raise ValueError(
            f"rounding made an invalid {out.geom_type}: {shapely.is_valid_reason(out)}"
        )
    return out


def feature(geom: BaseGeometry, properties: dict[str, Any]) -> dict[str, Any]:
    return {"type": "Feature", "properties": properties, "geometry": mapping(rounded(geom))}


def write(path: Path, features: list[dict[str, Any]], **extra: Any) -> None:
    collection = {"type": "FeatureCollection", **extra, "features": features}
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
    path.write_text(text + "\n", encoding="utf-8")
    print(f"{path.name:45s} {len(features):3d} features {path.stat().st_size / 1024:7.1f} KB")  # noqa: T201


def boundaries(src: Path, out: Path, tolerance: float) -> LineString:
    """Governorates, outline, contact-line districts and KRI line from one simplified coverage."""
    adm2 = read(src / "irq_adm2_districts_ocha_cso2019.geojson")["features"]
    adm1 = read(src / "irq_adm1_governorates_ocha_cso2019.geojson")["features"]
    adm0 = read(src / "irq_adm0_ocha_cso2019.geojson")["features"][0]
    geoms = np.array([shape(f["geometry"]) for f in adm2])
    if not shapely.coverage_is_valid(geoms):
        raise SystemExit("ADM2 districts are not a valid coverage; cannot simplify them together")
    simple = shapely.coverage_simplify(geoms, tolerance)
    districts = {f["properties"]["ADM2_PCODE"]: (f, g) for f, g in zip(adm2, simple, strict=True)}

    by_gov: dict[str, list[BaseGeometry]] = defaultdict(list)
    for f, g in zip(adm2, simple, strict=True):
        by_gov[f["properties"]["ADM1_PCODE"]].append(g)
    govs: dict[str, BaseGeometry] = {}
    gov_features = []
    for f in adm1:
        props = {k: f["properties"][k] for k in ("ADM1_EN", "ADM1_AR", "ADM1_PCODE")}
        govs[props["ADM1_EN"]] = shapely.union_all(by_gov[props["ADM1_PCODE"]])
        gov_features.append(feature(govs[props["ADM1_EN"]], props))
    write(out / "irq_adm1_governorates.geojson", gov_features)

    outline = shapely.union_all(list(govs.values()))
    write(out / "irq_adm0_outline.geojson", [feature(outline, adm0["properties"])])

    kri = shapely.union_all([g for name, g in govs.items() if name in KRI_GOVERNORATES])
    rest = shapely.union_all([g for name, g in govs.items() if name not in KRI_GOVERNORATES])
    shared = shapely.line_merge(kri.boundary.intersection(rest.boundary))
    if not isinstance(shared, LineString):
        raise SystemExit(f"KRI internal boundary is a {shared.geom_type}, expected one line")
    old = read(src / "kri_internal_boundary_line_approx.geojson")["features"][0]
    shared = rounded(shared)
    drift = shared.hausdorff_distance(shape(old["geometry"]))
    print(f"KRI line: {len(shared.coords)} vertices, max drift from source {drift:.4f} deg")  # noqa: T201
    props = dict(old["properties"])
    props["name_ar"] = "حدود إقليم كردستان الداخلية (على أساس المحافظات، تقريبية)"
    props["derivation"] = (
        "shared boundary of Erbil+Duhok+Sulaymaniyah with the other governorates, "
        f"from the coverage simplified at {tolerance} deg"
    )
    write(out / "kri_internal_boundary_line.geojson", [feature(shared, props)])

    adm2_ar = {f["properties"]["ADM2_PCODE"]: f["properties"]["ADM2_AR"] for f in adm2}
    contact = []
    for f in read(src / "contact_line_districts_adm2.geojson")["features"]:
        p = f["properties"]
        props = {
            "ADM2_EN": p["ADM2_EN"],
            "ADM2_AR": adm2_ar[p["ADM2_PCODE"]],
            "ADM2_PCODE": p["ADM2_PCODE"],
            "ADM1_EN": p["ADM1_EN"],
            "sector": p["sector"],
            "sector_ar": SECTOR_AR[p["sector"]],
            "in_kri_governorate": p["in_kri_governorate"],
        }
        contact.append(feature(districts[p["ADM2_PCODE"]][1], props))
    write(out / "contact_line_districts_adm2.geojson", contact)
    return shared


def parts(geom: BaseGeometry) -> list[LineString]:
    """Line parts, without closed loops (Natural Earth's Tigris has a 3-vertex loop artefact)."""
    lines = list(geom.geoms) if isinstance(geom, MultiLineString) else [geom]
    return [ln for ln in lines if not ln.is_closed]


def snap_mouth(line: LineString, target: BaseGeometry) -> LineString:
    """Move whichever end lies within SNAP_MAX_KM of `target` onto it, so rivers join."""
    coords = list(line.coords)
    for index in (0, -1):
        end = Point(coords[index])
        near = nearest_points(end, target)[1]
        km = GEOD.inv(end.x, end.y, near.x, near.y)[2] / 1000
        if km <= SNAP_MAX_KM:
            coords[index] = (near.x, near.y)
    return LineString(coords)


def rivers(src: Path, out: Path, outline: BaseGeometry, contact: BaseGeometry) -> None:
    features = []
    ne = read(src / "ne10m_rivers_iraq_bbox.geojson")["features"]
    tigris: BaseGeometry | None = None
    for f in ne:
        g = shapely.union_all(parts(shape(f["geometry"])))
        name = f["properties"]["name"]
        if g.intersection(outline).length < MIN_INSIDE_SHARE * g.length:
            continue  # Qezel Owzan, Karkheh, the Syrian Euphrates, the Turkish Tigris
        if name == "Tigris":
            tigris = g
        props = {
            "name": name,
            "name_ar": NAME_AR.get(name or ""),
            "source": "Natural Earth 10m",
            "scalerank": f["properties"]["scalerank"],
        }
        features.append(feature(shapely.line_merge(g), props))
    if tigris is None:
        raise SystemExit("no Tigris in the Natural Earth rivers")
    for f in read(src / "rivers_wdb2_gshhg_north_central_iraq.geojson")["features"]:
        p = f["properties"]
        g = shape(f["geometry"])
        named = p["name_guess"] in WDBII_TRIBUTARIES
        if p["level"] < 2 or not (named or g.intersects(contact)):
            continue
        props = {
            "name": p["name_guess"],
            "name_ar": NAME_AR.get(p["name_guess"] or ""),
            "source": "GSHHG/WDBII",
            "level": p["level"],
            "name_note": "name assigned by proximity in the shared data" if named else None,
        }
        features.append(feature(snap_mouth(g, tigris), props))
    write(out / "rivers_iraq.geojson", features)


def lakes(src: Path, out: Path, outline: BaseGeometry) -> None:
    features = []
    have = set()
    for f in read(src / "ne10m_lakes_iraq_bbox.geojson")["features"]:
        g = shape(f["geometry"])
        name = f["properties"]["name"]
        if not g.intersects(outline):
            continue
        have.add(name)
        props = {"name": name, "name_ar": NAME_AR.get(name), "source": "Natural Earth 10m"}
        features.append(feature(g, props))
    for f in read(src / "lakes_gshhg_north_central_iraq.geojson")["features"]:
        name = f["properties"]["name_guess"]
        if name is None or name in have:
            continue
        props = {"name": name, "name_ar": NAME_AR.get(name), "source": "GSHHG"}
        features.append(feature(shape(f["geometry"]), props))
    write(out / "lakes_iraq.geojson", features)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "source",
        type=Path,
        help="the folder of reference geodata to copy from (outside this repository)",
    )
    parser.add_argument(
        "--out", type=Path, default=Path(__file__).resolve().parents[1] / "data" / "geo"
    )
    parser.add_argument("--tolerance", type=float, default=DEFAULT_TOLERANCE_DEG)
    args = parser.parse_args(argv)
    src: Path = args.source
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)

    boundaries(src, out, args.tolerance)
    outline = shape(read(out / "irq_adm0_outline.geojson")["features"][0]["geometry"])
    contact = shapely.union_all(
        [
            shape(f["geometry"])
            for f in read(out / "contact_line_districts_adm2.geojson")["features"]
        ]
    )
    rivers(src, out, outline, contact)
    lakes(src, out, outline)
    for name in ("hamrin_ridge_schematic.geojson", "places_northern_iraq.csv"):
        shutil.copyfile(src / name, out / name)
        print(f"{name:45s} copied       {(out / name).stat().st_size / 1024:7.1f} KB")  # noqa: T201
    (out / "licences").mkdir(exist_ok=True)
    for path in sorted((src / "licences").iterdir()):
        shutil.copyfile(path, out / "licences" / path.name)  # contents only, not read-only modes
    total = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    print(f"total {total / 1024:.1f} KB")  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main())
