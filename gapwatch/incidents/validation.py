"""Row checks and normalisation: each GED or ACLED row becomes one row of the incident table
(dates, numbers, precision, coordinates), and the first problem of a row is recorded as its
reason for rejection. Vectorised over whole columns."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]
import shapely

from gapwatch.incidents.formats import ACLED, UCDP_GED, Format
from gapwatch.incidents.limits import (
    REASON_BAD_DATE,
    REASON_BAD_NUMBER,
    REASON_DATE_ORDER,
    REASON_FATALITIES,
    REASON_MISSING_ID,
    REASON_OUTSIDE,
    REASON_PRECISION,
    REASON_SWAPPED,
    REASON_VIOLENCE,
)
from gapwatch.incidents.reference import iraq_area
from gapwatch.incidents.schema import GED_VIOLENCE

#: Precision codes (GED `where_prec`, ACLED `geo_precision`) of exact and approximate places.
_EXACT = (1,)
_APPROXIMATE = (2,)

# --- row checks --------------------------------------------------------------------------------


class Checker:
    """The first problem of each row wins: later checks never overwrite an earlier reason."""

    def __init__(self, n: int) -> None:
        self.column = np.full(n, "", dtype=object)
        self.value = np.full(n, "", dtype=object)
        self.reason = np.full(n, "", dtype=object)
        self._bad = np.zeros(n, dtype=bool)

    def add(
        self,
        mask: np.ndarray | pd.Series,
        column: str,
        values: pd.Series | Callable[[np.ndarray], list[str]],
        reason: str,
        detail: Callable[[int], str] | None = None,
    ) -> None:
        """Reject the rows of `mask` not rejected yet; `values` (a column, or a function of
        the row indices) gives the offending value of each."""
        new = np.asarray(mask, dtype=bool) & ~self._bad
        if not new.any():
            return
        idx = np.flatnonzero(new)
        self._bad[idx] = True
        self.column[idx] = column
        if callable(values):
            self.value[idx] = values(idx)
        else:
            self.value[idx] = values.iloc[idx].fillna("").astype(str).to_numpy()
        self.reason[idx] = reason if detail is None else [f"{reason} {detail(int(i))}" for i in idx]

    def add_one(self, i: int, column: str, value: str, reason: str) -> None:
        if not self._bad[i]:
            self._bad[i] = True
            self.column[i], self.value[i], self.reason[i] = column, value, reason

    def rejected_mask(self) -> np.ndarray:
        return self._bad.copy()


def _text(table: pd.DataFrame, column: str) -> pd.Series:
    if column in table:
        return table[column].fillna("").str.strip()
    return pd.Series("", index=table.index, dtype="string")


def _parse_dates(values: pd.Series, formats: tuple[str, ...]) -> pd.Series:
    parsed = pd.Series(pd.NaT, index=values.index, dtype="datetime64[s]")
    for fmt in formats:
        todo = parsed.isna()
        if not todo.any():
            break
        attempt = pd.to_datetime(values[todo], format=fmt, errors="coerce")
        parsed[todo] = attempt.astype("datetime64[s]")
    return parsed


def _numbers(raw: pd.Series) -> np.ndarray:
    """The numbers in a stripped text column as float64, NaN where empty or not a number.

    Arrow's cast parses a clean column in C (~20x faster than `pd.to_numeric` on Python
    strings); it refuses a column with any non-number in it, which then goes the lenient
    pandas way, so the result is the same either way."""
    values = pa.array(raw.array)
    try:
        cast = pc.cast(pc.if_else(pc.equal(values, ""), None, values), pa.float64())
        return np.asarray(cast.to_numpy(zero_copy_only=False), dtype="float64")
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        numbers = pd.to_numeric(raw.astype(object).where(raw != "", None), errors="coerce")
        return np.asarray(numbers, dtype="float64")


def _whole_numbers(table: pd.DataFrame, column: str, check: Checker, reason: str) -> pd.Series:
    raw = _text(table, column)
    values = _numbers(raw)
    with np.errstate(invalid="ignore"):
        bad = ~np.isfinite(values) | (values < 0) | (values != np.floor(values))
    check.add(bad, column, raw, reason)
    return pd.Series(np.where(bad, 0, values), index=table.index).astype("int64")


def _codes(table: pd.DataFrame, column: str) -> pd.Series:
    """An integer code column read leniently ('1' and '1.0' both 1); -1 where unreadable."""
    numbers = pd.Series(_numbers(_text(table, column)), index=table.index)
    whole = np.isfinite(numbers) & (numbers == np.floor(numbers)) & (numbers.abs() < 1e6)
    return numbers.where(whole, -1).astype("int64")


def normalise_ged(table: pd.DataFrame, check: Checker) -> pd.DataFrame:
    out = pd.DataFrame(index=table.index)
    out["event_id"] = _text(table, "id")
    check.add((out["event_id"] == "").to_numpy(), "id", out["event_id"], REASON_MISSING_ID)
    for col in ("date_start", "date_end"):
        raw = _text(table, col)
        out[col] = _parse_dates(raw, ("%Y-%m-%d", "%Y-%m-%d %H:%M:%S.%f", "%Y-%m-%d %H:%M:%S"))
        check.add(out[col].isna().to_numpy(), col, raw, f"{REASON_BAD_DATE} (expected yyyy-mm-dd)")
    order_bad = (out["date_end"] < out["date_start"]).fillna(False).to_numpy()
    check.add(order_bad, "date_end", _text(table, "date_end"), REASON_DATE_ORDER)
    _coordinates_and_precision(out, table, check, UCDP_GED, valid=range(1, 8))
    violence_code = _text(table, "type_of_violence").str.replace(r"\.0$", "", regex=True)
    check.add(
        (~violence_code.isin(list(GED_VIOLENCE))).to_numpy(),
        "type_of_violence",
        _text(table, "type_of_violence"),
        f"{REASON_VIOLENCE} (expected 1, 2 or 3)",
    )
    out["violence"] = violence_code.map(GED_VIOLENCE).fillna("")
    out["sub_type"] = _text(table, "conflict_name")
    out["side_a"] = _text(table, "side_a")
    out["side_b"] = _text(table, "side_b")
    out["dyad"] = _text(table, "dyad_name")
    for ours, theirs in (("best", "best"), ("low", "low"), ("high", "high")):
        out[f"fatalities_{ours}"] = _whole_numbers(table, theirs, check, REASON_FATALITIES)
    out["admin1"] = _text(table, "adm_1")
    out["admin2"] = _text(table, "adm_2")
    out["location"] = _text(table, "where_coordinates")
    out["source_text"] = _text(table, "source_article")
    return out


_ACLED_DATES = ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d %b %Y", "%d-%b-%Y")


def normalise_acled(table: pd.DataFrame, check: Checker) -> pd.DataFrame:
    out = pd.DataFrame(index=table.index)
    out["event_id"] = _text(table, "event_id_cnty")
    check.add(
        (out["event_id"] == "").to_numpy(), "event_id_cnty", out["event_id"], REASON_MISSING_ID
    )
    raw_date = _text(table, "event_date")
    out["date_start"] = _parse_dates(raw_date, _ACLED_DATES)
    check.add(
        out["date_start"].isna().to_numpy(),
        "event_date",
        raw_date,
        f"{REASON_BAD_DATE} (expected yyyy-mm-dd, dd Month yyyy or dd-Month-yyyy)",
    )
    out["date_end"] = out["date_start"]
    _coordinates_and_precision(out, table, check, ACLED, valid=range(1, 4))
    out["violence"] = _text(table, "event_type")
    out["sub_type"] = _text(table, "sub_event_type")
    out["side_a"] = _text(table, "actor1")
    out["side_b"] = _text(table, "actor2")
    out["dyad"] = out["side_a"].where(out["side_b"] == "", out["side_a"] + " - " + out["side_b"])
    deaths = _whole_numbers(table, "fatalities", check, REASON_FATALITIES)
    for kind in ("best", "low", "high"):
        out[f"fatalities_{kind}"] = deaths
    out["admin1"] = _text(table, "admin1")
    out["admin2"] = _text(table, "admin2")
    out["location"] = _text(table, "location")
    notes, source = _text(table, "notes"), _text(table, "source")
    out["source_text"] = notes.where(source == "", notes + " — Source: " + source)
    return out


def _coordinates_and_precision(
    out: pd.DataFrame,
    table: pd.DataFrame,
    check: Checker,
    fmt: Format,
    *,
    valid: range,
) -> None:
    for ours, theirs in (("lat", "latitude"), ("lon", "longitude")):
        raw = _text(table, theirs)
        values = _numbers(raw)
        check.add(~np.isfinite(values), theirs, raw, REASON_BAD_NUMBER)
        out[ours] = values
    code = _codes(table, fmt.precision_column)
    check.add(
        (~code.isin(list(valid))).to_numpy(),
        fmt.precision_column,
        _text(table, fmt.precision_column),
        f"{REASON_PRECISION} (expected {valid.start}-{valid.stop - 1})",
    )
    out["precision_code"] = code.clip(lower=0)
    out["precision"] = np.select(
        [code.isin(_EXACT), code.isin(_APPROXIMATE)], ["exact", "approximate"], "unplaced"
    )


def placed_points(table: pd.DataFrame, fmt: Format) -> tuple[np.ndarray, np.ndarray]:
    """Latitude and longitude of each row whose precision code places it (NaN elsewhere, and
    where unreadable), straight from the fields: lets the geography start before the checks."""
    code = _codes(table, fmt.precision_column).to_numpy()
    placed = np.isin(code, _EXACT + _APPROXIMATE)
    lat = np.where(placed, _numbers(_text(table, "latitude")), np.nan)
    lon = np.where(placed, _numbers(_text(table, "longitude")), np.nan)
    return lat, lon


def check_coordinates(out: pd.DataFrame, table: pd.DataFrame, check: Checker) -> None:
    lat, lon = out["lat"].to_numpy(), out["lon"].to_numpy()
    finite = np.isfinite(lat) & np.isfinite(lon)
    inside = np.zeros(len(out), dtype=bool)
    inside[finite] = shapely.contains_xy(iraq_area(), lon[finite], lat[finite])
    outside = np.flatnonzero(finite & ~inside)  # only these can be swapped
    swapped = np.zeros(len(out), dtype=bool)
    swapped[outside] = shapely.contains_xy(iraq_area(), lat[outside], lon[outside])

    def pair(idx: np.ndarray) -> list[str]:  # the offending value, built for those rows only
        lat_text, lon_text = _text(table, "latitude"), _text(table, "longitude")
        return [f"{lat_text.iloc[i]}, {lon_text.iloc[i]}" for i in idx]

    check.add(swapped, "latitude", pair, REASON_SWAPPED)
    check.add(finite & ~inside, "latitude", pair, REASON_OUTSIDE)
