"""Downloads of the incidents and the figures: CSV (original columns + ours), GeoJSON, and
the analysis table. Each carries the dataset's attribution (UCDP's CC BY 4.0 requires it).

Vectorised over whole columns; formula-like cells are neutralised with the app's one rule
(`gapwatch.export.neutralize_formula_column`), and CSVs start with a UTF-8 BOM so Excel
reads Arabic and accented names correctly.
"""

from __future__ import annotations

import io
import json
from typing import Any

import numpy as np
import pandas as pd

from gapwatch.export import neutralize_formula_column
from gapwatch.incidents.analysis import Analysis, Figures, band_members

#: Our columns, added after the file's own, prefixed so they never clash with an original.
OUR_COLUMNS = (
    "gw_dataset",
    "gw_event_id",
    "gw_date_start",
    "gw_date_end",
    "gw_precision",
    "gw_distance_km",
    "gw_in_band",
    "gw_band_width_km",
    "gw_sector",
    "gw_governorate",
    "gw_attribution",
)


def incidents_table(frame: pd.DataFrame, width_km: float, attribution: str) -> pd.DataFrame:
    """The events with every original column (from `raw`) and ours (`OUR_COLUMNS`)."""
    if frame.empty:
        return pd.DataFrame(columns=list(OUR_COLUMNS))
    originals = pd.read_json(
        io.StringIO("\n".join(frame["raw"].fillna("{}").tolist())),
        lines=True,
        dtype=False,  # every value stays the string the file had; no date guessing either
    ).astype("string")
    placed = (frame["precision"] != "unplaced").to_numpy(dtype=bool, na_value=False)
    inside = band_members(frame, width_km)
    ours = pd.DataFrame(
        {
            "gw_dataset": frame["dataset"].to_numpy(),
            "gw_event_id": frame["event_id"].to_numpy(),
            "gw_date_start": frame["date_start"].dt.strftime("%Y-%m-%d").to_numpy(),
            "gw_date_end": frame["date_end"].dt.strftime("%Y-%m-%d").to_numpy(),
            "gw_precision": frame["precision"].to_numpy(),
            "gw_distance_km": frame["distance_km"].round(3).to_numpy(),
            "gw_in_band": np.where(placed, np.where(inside, "yes", "no"), "unplaced"),
            "gw_band_width_km": width_km,
            "gw_sector": frame["sector"].fillna("").to_numpy(),
            "gw_governorate": frame["governorate"].fillna("").to_numpy(),
            "gw_attribution": attribution,
        }
    )
    return pd.concat([originals.reset_index(drop=True), ours], axis=1)


def incidents_csv(frame: pd.DataFrame, width_km: float, attribution: str) -> bytes:
    """The filtered events as CSV (UTF-8 with BOM), formulas neutralised."""
    table = incidents_table(frame, width_km, attribution)
    for column in table.columns:
        if column != "gw_distance_km" and column != "gw_band_width_km":
            table[column] = neutralize_formula_column(table[column].astype("string"))
    return table.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def incidents_geojson(frame: pd.DataFrame, width_km: float, attribution: str) -> dict[str, Any]:
    """The filtered events as a FeatureCollection; unplaced events keep `geometry: null`."""
    placed = (frame["precision"] != "unplaced").to_numpy(dtype=bool, na_value=False)
    inside = band_members(frame, width_km)
    lat = frame["lat"].round(6).to_numpy()
    lon = frame["lon"].round(6).to_numpy()
    records = frame[
        [
            "dataset",
            "event_id",
            "precision",
            "side_a",
            "side_b",
            "dyad",
            "violence",
            "sub_type",
            "fatalities_best",
            "fatalities_low",
            "fatalities_high",
            "admin1",
            "admin2",
            "location",
            "source_text",
            "sector",
            "governorate",
        ]
    ].astype(object)
    records = records.where(records.notna(), None)
    props = records.to_dict(orient="records")
    dates = frame["date_start"].dt.strftime("%Y-%m-%d").tolist()
    ends = frame["date_end"].dt.strftime("%Y-%m-%d").tolist()
    dist = frame["distance_km"].round(3).tolist()
    features = []
    for i, p in enumerate(props):
        p["date_start"], p["date_end"] = dates[i], ends[i]
        p["distance_km"] = None if not placed[i] else dist[i]
        p["in_band"] = bool(inside[i]) if placed[i] else None
        p["fatalities_best"] = int(p["fatalities_best"])
        p["fatalities_low"] = int(p["fatalities_low"])
        p["fatalities_high"] = int(p["fatalities_high"])
        geometry = (
            {"type": "Point", "coordinates": [float(lon[i]), float(lat[i])]} if placed[i] else None
        )
        features.append({"type": "Feature", "properties": p, "geometry": geometry})
    return {
        "type": "FeatureCollection",
        "attribution": attribution,
        "band_width_km": width_km,
        "features": features,
    }


def analysis_rows(analysis: Analysis) -> list[tuple[str, str, str, str, object]]:
    """(period, section, item, measure, value) rows: every figure, whole and split."""
    rows: list[tuple[str, str, str, str, object]] = []
    periods: tuple[tuple[str, Figures], ...] = (
        ("all", analysis),
        (f"before {analysis.split_date.isoformat()}", analysis.before),
        (f"from {analysis.split_date.isoformat()}", analysis.after),
    )
    for period, fig in periods:
        rows.append((period, "events", "", "count", fig.events))
        for side in ("inside", "outside"):
            placed = getattr(fig, side)
            rows.append((period, side, "", "exact", placed.exact))
            rows.append((period, side, "", "approximate", placed.approximate))
        rows.append((period, "unplaced", "", "count", fig.unplaced))
        for ring in fig.by_distance_km:
            label = f"{ring.from_km:g}-{ring.to_km:g} km" if ring.to_km else f"{ring.from_km:g}+ km"
            rows.append((period, "distance", label, "exact", ring.exact))
            rows.append((period, "distance", label, "approximate", ring.approximate))
        for s in fig.by_sector:
            rows.append((period, "sector", s.name.en, "inside", s.inside.total))
            rows.append((period, "sector", s.name.en, "outside", s.outside.total))
            rows.append((period, "sector", s.name.en, "fatalities_best", s.fatalities_best))
        for group, deaths in fig.fatalities.items():
            for kind in ("best", "low", "high"):
                rows.append((period, "fatalities", group, kind, getattr(deaths, kind)))
        rate = fig.rate
        rows.append((period, "rate", "band", "area_km2", round(rate.band_area_km2, 1)))
        rows.append((period, "rate", "band", "per_1000_km2", round(rate.band_per_1000_km2, 3)))
        zone = rate.comparison.name.en
        rows.append((period, "rate", zone, "area_km2", round(rate.comparison_area_km2, 1)))
        rows.append((period, "rate", zone, "per_1000_km2", round(rate.comparison_per_1000_km2, 3)))
    for month in analysis.by_month:
        rows.append(("all", "month", month.month, "inside", month.inside))
        rows.append(("all", "month", month.month, "outside", month.outside))
        rows.append(("all", "month", month.month, "unplaced", month.unplaced))
    return rows


def analysis_csv(analysis: Analysis, attribution: str) -> bytes:
    """The analysis table as CSV (UTF-8 with BOM), with the settings and the attribution."""
    head = pd.DataFrame(
        [
            ("settings", "dataset", "", "name", analysis.dataset),
            ("settings", "band", "", "width_km", f"{analysis.width_km:g}"),
            ("settings", "line", "", "id", analysis.line_id),
            ("settings", "filters", "", "json", json.dumps(analysis.to_json()["filters"])),
            ("settings", "attribution", "", "text", attribution),
        ],
        columns=["period", "section", "item", "measure", "value"],
    )
    body = pd.DataFrame(
        [(*r[:4], str(r[4])) for r in analysis_rows(analysis)],
        columns=["period", "section", "item", "measure", "value"],
    )
    table = pd.concat([head, body], ignore_index=True).astype("string")
    for column in table.columns:
        table[column] = neutralize_formula_column(table[column])
    return table.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")
