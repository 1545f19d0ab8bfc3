"""The normalised incident table: one set of columns for UCDP GED and ACLED alike.

One pandas DataFrame in memory and one DuckDB table on disk share these names and types, so
every figure is computed the same way whatever export the events came from. The original row
travels along as JSON (`raw`), so an export can give the analyst back every column they had.
"""

from __future__ import annotations

from typing import Final, Literal

import numpy as np
import pandas as pd

Precision = Literal["exact", "approximate", "unplaced"]
PRECISIONS: Final[tuple[Precision, ...]] = ("exact", "approximate", "unplaced")
#: The two placed classes: an event in one of them has a distance to the line.
PLACED: Final[tuple[Precision, ...]] = ("exact", "approximate")

FormatName = Literal["ucdp_ged", "acled"]

#: Column -> pandas dtype, in table order. `distance_km` is NaN and `sector` / `governorate`
#: are missing (None) for unplaced events.
COLUMNS: Final[dict[str, str]] = {
    "dataset": "string",
    "event_id": "string",
    "date_start": "datetime64[s]",
    "date_end": "datetime64[s]",
    "year_month": "string",
    "lat": "float64",
    "lon": "float64",
    "precision": "string",
    "precision_code": "int64",
    "side_a": "string",
    "side_b": "string",
    "dyad": "string",
    "violence": "string",
    "sub_type": "string",
    "fatalities_best": "int64",
    "fatalities_low": "int64",
    "fatalities_high": "int64",
    "admin1": "string",
    "admin2": "string",
    "location": "string",
    "source_text": "string",
    "distance_km": "float64",
    "sector": "string",
    "governorate": "string",
    "raw": "string",
}

#: UCDP GED `type_of_violence` codes and the labels we show (codebook 19.1, section 3).
GED_VIOLENCE: Final[dict[str, str]] = {
    "1": "state-based conflict",
    "2": "non-state conflict",
    "3": "one-sided violence",
}


def empty_frame() -> pd.DataFrame:
    """A frame with every column and no rows (what a filter that matches nothing returns)."""
    return pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in COLUMNS.items()})


def conform(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with exactly the schema's columns, in order, with the schema's dtypes."""
    out = pd.DataFrame(index=frame.index)
    for name, dtype in COLUMNS.items():
        values = frame[name] if name in frame else pd.Series(np.nan, index=frame.index)
        out[name] = values.astype(dtype)  # type: ignore[call-overload]
    return out.reset_index(drop=True)
