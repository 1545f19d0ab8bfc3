"""Read a UCDP GED or ACLED CSV export into the normalised incident table, row by row checked.

Nothing is lost silently: a whole-file problem (too big, not text, unknown header, no rows)
raises one `IncidentFileError` with a plain message; a bad row is set aside as a `RejectedRow`
(row number, column, value, reason) and the good rows are kept. Rows whose id repeats with the
same content are merged into one; with different content the later ones are rejected.

Speed: the CSV is split by Python's C `csv` reader, every check and conversion is a vectorised
pandas/numpy operation over whole columns, and distances come from `lines.measure` (one
STR-tree query for all events). No Python code runs per field.

Row numbers are spreadsheet row numbers: the header is row 1, the first data row is row 2.
Blank lines are not rows and are skipped.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pandas as pd
import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from gapwatch.geometry import ReferenceGeo, load_reference_geo, local_metric, reproject
from gapwatch.incidents import lines
from gapwatch.incidents.formats import ACLED, UCDP_GED, Format, UnknownFormatError, detect
from gapwatch.incidents.paths import data_dir
from gapwatch.incidents.schema import GED_VIOLENCE, conform
from gapwatch.model import IRAQ_LAT, IRAQ_LON

_MB = 1024 * 1024
#: Events this close outside the (simplified) national outline are still Iraq's: the outline
#: is simplified by up to ~500 m, and GED 19.1 places one Iraq event 17 km beyond the drawn
#: Saudi border (id 196785). Farther out is "outside Iraq".
_BORDER_SLACK_M = 25_000.0
_VALUE_PREVIEW = 120  # characters of a rejected value kept in the report

REASON_FIELDS = "wrong number of fields"
REASON_TOO_LONG = "field too long"
REASON_MISSING_ID = "missing id"
REASON_BAD_DATE = "bad date"
REASON_DATE_ORDER = "end date before start date"
REASON_BAD_NUMBER = "not a number"
REASON_PRECISION = "unknown precision code"
REASON_OUTSIDE = "coordinates outside Iraq"
REASON_SWAPPED = "latitude/longitude apparently swapped"
REASON_VIOLENCE = "unknown type of violence"
REASON_FATALITIES = "fatalities not a whole number ≥ 0"
REASON_DUPLICATE = "duplicate id with different content"


class IncidentFileError(ValueError):
    """The file as a whole cannot be imported; the message says why in one sentence."""


@dataclass(frozen=True)
class ImportLimits:
    """Upper bounds that keep a hostile or mistaken file from exhausting the server.

    Set by environment variables (`limits_from_env`): GAPWATCH_MAX_UPLOAD_MB,
    GAPWATCH_MAX_ROWS, GAPWATCH_MAX_FIELD_CHARS.
    """

    max_bytes: int = 200 * _MB
    max_rows: int = 1_000_000
    max_field_chars: int = 8_000


DEFAULT_LIMITS = ImportLimits()

_ENV_LIMITS = {
    "GAPWATCH_MAX_UPLOAD_MB": ("max_bytes", _MB),
    "GAPWATCH_MAX_ROWS": ("max_rows", 1),
    "GAPWATCH_MAX_FIELD_CHARS": ("max_field_chars", 1),
}


def limits_from_env(environ: dict[str, str] | None = None) -> ImportLimits:
    """`ImportLimits` from the environment, defaults for what is unset.

    Raises ValueError naming the variable when one is not a positive whole number.
    """
    env = os.environ if environ is None else environ
    values: dict[str, int] = {}
    for var, (attr, unit) in _ENV_LIMITS.items():
        raw = env.get(var, "").strip()
        if not raw:
            continue
        if not raw.isdigit() or int(raw) <= 0:
            raise ValueError(f"{var} must be a positive whole number, got {raw[:40]!r}")
        values[attr] = int(raw) * unit
    return ImportLimits(**values)


@dataclass(frozen=True)
class RejectedRow:
    """One row set aside: where it is, which value, and why."""

    row: int
    column: str
    value: str
    reason: str

    def to_json(self) -> dict[str, object]:
        """The row as the CLI prints it."""
        return {"row": self.row, "column": self.column, "value": self.value, "reason": self.reason}


@dataclass(frozen=True)
class ImportResult:
    """What a file gave: its format, the normalised events and the rows set aside."""

    format: str
    frame: pd.DataFrame
    read: int
    imported: int
    merged: int
    rejected: tuple[RejectedRow, ...]
    header_text: str = ""
    rejected_text: tuple[str, ...] = field(default=(), repr=False)

    def rejected_csv(self) -> bytes:
        """The header and the rejected rows exactly as they were read (UTF-8)."""
        return (self.header_text + "".join(self.rejected_text)).encode("utf-8")


def read_incidents(
    data: bytes,
    source_name: str,
    limits: ImportLimits = DEFAULT_LIMITS,
    *,
    dataset: str = "",
    line: lines.Line | None = None,
) -> ImportResult:
    """Parse and check `data` (a GED or ACLED CSV export); distances to `line` (default: the
    assumed line) filled in. Raises only `IncidentFileError` for a whole-file problem."""
    try:
        return _read(data, source_name, limits, dataset, line)
    except IncidentFileError:
        raise
    except UnknownFormatError as exc:
        raise IncidentFileError(str(exc)) from None
    except (MemoryError, RecursionError) as exc:
        raise IncidentFileError(
            f"the file is too complex to read ({type(exc).__name__}); nothing was imported"
        ) from None


def _read(
    data: bytes,
    source_name: str,
    limits: ImportLimits,
    dataset: str,
    line: lines.Line | None,
) -> ImportResult:
    text = _decode(data, limits)
    physical = io.StringIO(text, newline="").readlines()
    if not physical or not physical[0].strip():
        raise IncidentFileError("the first line is empty: a CSV export starts with its header")
    csv.field_size_limit(max(limits.max_bytes, csv.field_size_limit()))
    reader = csv.reader(physical, strict=False)
    try:
        header_raw = next(reader)
    except csv.Error as exc:
        raise IncidentFileError(f"the header is not valid CSV: {exc}") from None
    header_end = reader.line_num
    if any(len(h) > 200 for h in header_raw):
        raise IncidentFileError("the header has a column name longer than 200 characters")
    header = [h.replace("\ufeff", "").strip() for h in header_raw]
    keys = [h.lower() for h in header]
    repeated = sorted({k for k in keys if keys.count(k) > 1})
    if repeated:
        raise IncidentFileError(f"the header repeats the column(s) {', '.join(repeated[:10])}")
    fmt = detect(keys)

    rows: list[list[str]] = []
    ends: list[int] = []
    try:
        for record in reader:
            if not record:  # a blank line
                continue
            rows.append(record)
            ends.append(reader.line_num)
            if len(rows) > limits.max_rows:
                raise IncidentFileError(
                    f"more than {limits.max_rows:,} rows; the limit is set by GAPWATCH_MAX_ROWS"
                )
    except csv.Error as exc:
        raise IncidentFileError(
            f"row {len(rows) + 2} is not valid CSV ({exc}); nothing was imported"
        ) from None
    if not rows:
        raise IncidentFileError("the file has a header but no data rows")

    starts = _record_starts(ends, header_end, physical)
    n = len(rows)
    width = len(header)
    counts = np.fromiter((len(r) for r in rows), dtype=np.int64, count=n)
    good_shape = counts == width
    table = pd.DataFrame(
        [r if len(r) == width else (r + [""] * width)[:width] for r in rows],
        columns=keys,
        dtype="string",
    )
    row_numbers = np.arange(2, n + 2)
    check = _Checker(n)
    check.add(
        ~good_shape,
        "",
        pd.Series([f"{c} fields, header has {width}" for c in counts], dtype="string"),
        REASON_FIELDS,
    )
    record_len = _record_lengths(physical, starts, ends)
    long_rows = np.flatnonzero(record_len > limits.max_field_chars)
    for i in long_rows:
        for col, value in zip(keys, rows[i], strict=False):
            if len(value) > limits.max_field_chars:
                check.add_one(int(i), col, value, f"{REASON_TOO_LONG} ({len(value):,} characters)")
                break

    normalised = (_normalise_ged if fmt is UCDP_GED else _normalise_acled)(table, check)
    _check_coordinates(normalised, table, check)

    ids = normalised["event_id"]
    raw = _raw_json(table, header)
    first_bad = check.rejected_mask()
    # Identical duplicates merge; a different row under a known id is rejected.
    ok = ~first_bad
    dup_same = pd.Series(ok, dtype=bool) & pd.DataFrame({"i": ids, "r": raw}).duplicated()
    dup_same_arr = dup_same.to_numpy()
    candidates = ok & ~dup_same_arr
    dup_id = np.zeros(n, dtype=bool)
    dup_id[candidates] = ids[candidates].duplicated().to_numpy()
    first_row = pd.Series(row_numbers[candidates], index=ids[candidates].to_numpy())
    first_row = first_row[~first_row.index.duplicated()]
    check.add(
        dup_id,
        fmt.id_column,
        ids,
        REASON_DUPLICATE,
        detail=lambda idx: f"(first seen on row {first_row[ids.iloc[idx]]})",
    )

    rejected_mask = check.rejected_mask()
    keep = ~rejected_mask & ~dup_same_arr
    frame = normalised[keep].copy()
    frame["raw"] = raw[keep].to_numpy()
    frame["dataset"] = dataset
    frame["year_month"] = frame["date_start"].dt.strftime("%Y-%m")
    _add_geography(frame, line)
    frame = conform(frame)

    rejected_idx = np.flatnonzero(rejected_mask)
    rejected = tuple(
        RejectedRow(
            row=int(row_numbers[i]),
            column=check.column[i],
            value=_preview(check.value[i]),
            reason=check.reason[i],
        )
        for i in rejected_idx
    )
    return ImportResult(
        format=fmt.name,
        frame=frame,
        read=n,
        imported=len(frame),
        merged=int(dup_same_arr.sum()),
        rejected=rejected,
        header_text="".join(physical[:header_end]),
        rejected_text=tuple("".join(physical[starts[i] : ends[i]]) for i in rejected_idx),
    )


# --- whole-file checks -----------------------------------------------------------------------

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "a ZIP archive (or an .xlsx workbook): unzip it, or save the sheet as CSV"),
    (b"\x1f\x8b", "a gzip archive: decompress it first"),
    (b"%PDF", "a PDF document"),
    (b"\xd0\xcf\x11\xe0", "an old Excel/Office file: save the sheet as CSV (UTF-8)"),
    (b"SQLite format 3", "an SQLite database"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
)


def _decode(data: bytes, limits: ImportLimits) -> str:
    if len(data) > limits.max_bytes:
        raise IncidentFileError(
            f"the file is {len(data) / _MB:.1f} MB; the limit is "
            f"{limits.max_bytes / _MB:g} MB (set by GAPWATCH_MAX_UPLOAD_MB)"
        )
    if not data.strip():
        raise IncidentFileError("the file is empty")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise IncidentFileError(f"this is not a CSV file but {what}")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise IncidentFileError(
                "the file starts like UTF-16 text but is not valid UTF-16"
            ) from None
    if b"\x00" in data[:65536]:
        raise IncidentFileError(
            "the file contains NUL bytes: it is binary, or UTF-16 without a byte-order mark; "
            "save it as CSV (UTF-8)"
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line_no = data.count(b"\n", 0, exc.start) + 1
        raise IncidentFileError(
            f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x} on line {line_no}); it "
            "may be in a legacy encoding such as Windows-1256: save it as CSV (UTF-8)"
        ) from None
    if "\x00" in text:
        raise IncidentFileError("the file contains NUL characters: it is not a text CSV")
    return text


def _record_starts(ends: list[int], header_end: int, physical: list[str]) -> np.ndarray:
    """Index into `physical` of each record's first line (blank lines before it skipped)."""
    end_arr = np.asarray(ends, dtype=np.int64)
    starts = np.empty_like(end_arr)
    if len(end_arr):
        starts[0] = header_end
        starts[1:] = end_arr[:-1]
    # A blank line between records belongs to no record: move the start past it.
    for i in np.flatnonzero(end_arr - starts > 1):
        while starts[i] < end_arr[i] - 1 and not physical[starts[i]].strip("\r\n"):
            starts[i] += 1
    return starts


def _record_lengths(physical: list[str], starts: np.ndarray, ends: list[int]) -> np.ndarray:
    cumulative = np.concatenate(([0], np.cumsum(np.fromiter(map(len, physical), np.int64))))
    return cumulative[np.asarray(ends, dtype=np.int64)] - cumulative[starts]


def _preview(value: str) -> str:
    return value if len(value) <= _VALUE_PREVIEW else value[:_VALUE_PREVIEW] + "…"


# --- row checks --------------------------------------------------------------------------------


class _Checker:
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
        values: pd.Series,
        reason: str,
        detail: Callable[[int], str] | None = None,
    ) -> None:
        new = np.asarray(mask, dtype=bool) & ~self._bad
        if not new.any():
            return
        idx = np.flatnonzero(new)
        self._bad[idx] = True
        self.column[idx] = column
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


def _whole_numbers(table: pd.DataFrame, column: str, check: _Checker, reason: str) -> pd.Series:
    raw = _text(table, column)
    numbers = pd.to_numeric(raw.astype(object).where(raw != "", None), errors="coerce")
    values = numbers.astype("float64").to_numpy()
    with np.errstate(invalid="ignore"):
        bad = ~np.isfinite(values) | (values < 0) | (values != np.floor(values))
    check.add(bad, column, raw, reason)
    return pd.Series(np.where(bad, 0, values), index=table.index).astype("int64")


def _codes(table: pd.DataFrame, column: str) -> pd.Series:
    """An integer code column read leniently ('1' and '1.0' both 1); -1 where unreadable."""
    numbers = pd.to_numeric(_text(table, column).astype(object), errors="coerce").astype("float64")
    whole = np.isfinite(numbers) & (numbers == np.floor(numbers)) & (numbers.abs() < 1e6)
    return numbers.where(whole, -1).astype("int64")


def _normalise_ged(table: pd.DataFrame, check: _Checker) -> pd.DataFrame:
    out = pd.DataFrame(index=table.index)
    out["event_id"] = _text(table, "id")
    check.add((out["event_id"] == "").to_numpy(), "id", out["event_id"], REASON_MISSING_ID)
    for col in ("date_start", "date_end"):
        raw = _text(table, col)
        out[col] = _parse_dates(raw, ("%Y-%m-%d", "%Y-%m-%d %H:%M:%S.%f", "%Y-%m-%d %H:%M:%S"))
        check.add(out[col].isna().to_numpy(), col, raw, f"{REASON_BAD_DATE} (expected yyyy-mm-dd)")
    order_bad = (out["date_end"] < out["date_start"]).fillna(False).to_numpy()
    check.add(order_bad, "date_end", _text(table, "date_end"), REASON_DATE_ORDER)
    _coordinates_and_precision(
        out, table, check, UCDP_GED, exact=(1,), approximate=(2,), valid=range(1, 8)
    )
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


def _normalise_acled(table: pd.DataFrame, check: _Checker) -> pd.DataFrame:
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
    _coordinates_and_precision(
        out, table, check, ACLED, exact=(1,), approximate=(2,), valid=range(1, 4)
    )
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
    check: _Checker,
    fmt: Format,
    *,
    exact: tuple[int, ...],
    approximate: tuple[int, ...],
    valid: range,
) -> None:
    for ours, theirs in (("lat", "latitude"), ("lon", "longitude")):
        raw = _text(table, theirs)
        values = pd.to_numeric(raw.astype(object), errors="coerce").astype("float64")
        check.add(~np.isfinite(values.to_numpy()), theirs, raw, REASON_BAD_NUMBER)
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
        [code.isin(exact), code.isin(approximate)], ["exact", "approximate"], "unplaced"
    )


def _check_coordinates(out: pd.DataFrame, table: pd.DataFrame, check: _Checker) -> None:
    lat, lon = out["lat"].to_numpy(), out["lon"].to_numpy()
    finite = np.isfinite(lat) & np.isfinite(lon)
    inside = np.zeros(len(out), dtype=bool)
    inside[finite] = shapely.contains_xy(_iraq_area(), lon[finite], lat[finite])
    swapped = np.zeros(len(out), dtype=bool)
    swapped[finite] = ~inside[finite] & shapely.contains_xy(_iraq_area(), lat[finite], lon[finite])
    pair = _text(table, "latitude") + ", " + _text(table, "longitude")
    check.add(swapped, "latitude", pair, REASON_SWAPPED)
    check.add(finite & ~inside, "latitude", pair, REASON_OUTSIDE)


def _add_geography(frame: pd.DataFrame, line: lines.Line | None) -> None:
    """Distance, nearest sector and governorate for the placed events (NaN/None otherwise)."""
    placed = (frame["precision"] != "unplaced").to_numpy()
    lat = np.where(placed, frame["lat"].to_numpy(), np.nan)
    lon = np.where(placed, frame["lon"].to_numpy(), np.nan)
    dist, sector = lines.measure(lat, lon, line or default_line())
    frame["distance_km"] = dist
    frame["sector"] = sector
    frame["governorate"] = governorate_of(lat, lon)


def governorate_of(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """ADM1_EN of the governorate holding each point (None for NaN or outside all of them)."""
    names, tree = _governorates()
    out = np.full(len(lat), None, dtype=object)
    finite = np.isfinite(lat) & np.isfinite(lon)
    idx = np.flatnonzero(finite)
    if len(idx):
        pairs = tree.query(shapely.points(lon[idx], lat[idx]), predicate="intersects")
        out[idx[pairs[0]]] = names[pairs[1]]
    return out


# --- shared reference geometry, read once per process ------------------------------------


@lru_cache(maxsize=1)
def reference_geo() -> ReferenceGeo:
    """data/geo, read once per process (the pure core's own cache; the UI has its own)."""
    return load_reference_geo(data_dir() / "geo")


@lru_cache(maxsize=1)
def default_line() -> lines.Line:
    """The default assumed line, with its sectors."""
    return lines.default_line(reference_geo())


@lru_cache(maxsize=1)
def _iraq_area() -> BaseGeometry:
    outline = reference_geo().outline_geometry
    lat0 = (IRAQ_LAT[0] + IRAQ_LAT[1]) / 2
    lon0 = (IRAQ_LON[0] + IRAQ_LON[1]) / 2
    to_m, to_wgs = local_metric(lat0, lon0)
    grown = reproject(reproject(outline, to_m).buffer(_BORDER_SLACK_M), to_wgs)
    shapely.prepare(grown)
    return grown


@lru_cache(maxsize=1)
def _governorates() -> tuple[np.ndarray, shapely.STRtree]:
    feats = reference_geo().governorates["features"]
    names = np.array([f["properties"]["ADM1_EN"] for f in feats], dtype=object)
    return names, shapely.STRtree([shape(f["geometry"]) for f in feats])


def _raw_json(table: pd.DataFrame, header: list[str]) -> pd.Series:
    """Each row as a JSON object with the file's own column names (one vectorised dump)."""
    named = table.copy()
    named.columns = pd.Index(header)
    dumped = named.to_json(orient="records", lines=True, force_ascii=False)
    return pd.Series(dumped.rstrip("\n").split("\n"), index=table.index, dtype="string")
