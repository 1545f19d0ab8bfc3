"""The incidents page's files: the filtered incidents (CSV with the original columns plus
ours, GeoJSON) and the analysis table (CSV), each carrying the dataset's attribution.

Pure (no Streamlit). Built only when a download button is clicked. Until the core's
`gapwatch.incidents.export` lands (requested), these are the page's own; the CSV rules are the
app's (`gapwatch.export`: formulas neutralised, UTF-8 with a byte-order mark for Excel).
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import numpy as np
import pandas as pd

from gapwatch.export import csv_bytes, json_text, neutralize_formula
from gapwatch.incidents.analysis import band_members

#: The columns we add after the original ones.
OUR_COLUMNS = (
    "gw_dataset",
    "gw_precision",
    "gw_distance_km",
    "gw_in_band",
    "gw_width_km",
    "gw_sector",
)


def _ours(frame: pd.DataFrame, width_km: float) -> pd.DataFrame:
    inside = band_members(frame, width_km)
    placed = (frame["precision"] != "unplaced").to_numpy(dtype=bool, na_value=False)
    distance = frame["distance_km"].to_numpy(dtype="float64", na_value=np.nan)
    return pd.DataFrame(
        {
            "gw_dataset": frame["dataset"].to_numpy(dtype=object),
            "gw_precision": frame["precision"].to_numpy(dtype=object),
            "gw_distance_km": [f"{d:.3f}" if np.isfinite(d) else "" for d in distance],
            "gw_in_band": np.where(placed, np.where(inside, "inside", "outside"), "unplaced"),
            "gw_width_km": f"{width_km:g}",
            "gw_sector": frame["sector"].fillna("").to_numpy(dtype=object),
        }
    )


def incidents_csv(frame: pd.DataFrame, width_km: float, attribution: str) -> bytes:
    """Every filtered event: its original columns (as read), then distance and band
    membership; a last line credits the data."""
    originals = [json.loads(raw) for raw in frame["raw"].fillna("{}")]
    header = list(dict.fromkeys(key for row in originals for key in row))
    ours = _ours(frame, width_km)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([*header, *OUR_COLUMNS])
    for original, extra in zip(originals, ours.itertuples(index=False), strict=True):
        cells = [str(original.get(key, "") or "") for key in header] + [str(v) for v in extra]
        writer.writerow([neutralize_formula(c) for c in cells])
    writer.writerow([neutralize_formula(f"# Data: {attribution}")])
    return csv_bytes(out.getvalue())


def incidents_geojson(frame: pd.DataFrame, width_km: float, attribution: str) -> bytes:
    """The placed filtered events as GeoJSON points ([lon, lat]) with our columns; unplaced
    events have no point to give and are left out (the CSV has them)."""
    ours = _ours(frame, width_km)
    placed = (frame["precision"] != "unplaced").to_numpy(dtype=bool, na_value=False)
    features: list[dict[str, Any]] = []
    for i in np.flatnonzero(placed):
        row = frame.iloc[i]
        features.append(
            {
                "type": "Feature",
                "id": str(row["event_id"]),
                "geometry": {
                    "type": "Point",
                    "coordinates": [round(float(row["lon"]), 6), round(float(row["lat"]), 6)],
                },
                "properties": {
                    "event_id": str(row["event_id"]),
                    "date_start": str(row["date_start"])[:10],
                    "date_end": str(row["date_end"])[:10],
                    "side_a": row["side_a"],
                    "side_b": row["side_b"],
                    "violence": row["violence"],
                    "fatalities_best": int(row["fatalities_best"]),
                    **{k: ours.iloc[i][k] for k in OUR_COLUMNS},
                },
            }
        )
    data = {"type": "FeatureCollection", "attribution": attribution, "features": features}
    return json_text(data).encode("utf-8")


def table_csv(table: pd.DataFrame, attribution: str) -> bytes:
    """A table as shown on the page (e.g. the analysis), with the data's credit at the end."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([neutralize_formula(str(c)) for c in table.columns])
    for row in table.itertuples(index=False):
        writer.writerow([neutralize_formula(str(v)) for v in row])
    writer.writerow([neutralize_formula(f"# Data: {attribution}")])
    return csv_bytes(out.getvalue())
