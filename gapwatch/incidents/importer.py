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
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]
import pyarrow.csv as pa_csv  # type: ignore[import-untyped]
import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from gapwatch.geodata import ReferenceGeo, load_reference_geo
from gapwatch.geometry import local_metric, reproject
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
_STRING_TYPES = {pa.string(): pd.StringDtype("pyarrow")}
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
    #: The kept rows' fields as read, with the file's column names (an Arrow table of
    #: strings, in `frame` order): the store keeps these instead of `raw`.
    original: Any = field(default=None, repr=False)

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
    with_raw: bool = True,
) -> ImportResult:
    """Parse and check `data` (a GED or ACLED CSV export); distances to `line` (default: the
    assumed line) filled in. Raises only `IncidentFileError` for a whole-file problem.

    `with_raw=False` leaves the `raw` column empty (the store rebuilds it from `original`,
    which saves building 100,000 JSON strings at import)."""
    try:
        return _read(data, source_name, limits, dataset, line, with_raw)
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
    with_raw: bool,
) -> ImportResult:
    parsed = _parse(_decode(data, limits), limits)
    fmt = detect(parsed.keys)
    table = parsed.table
    n = len(table)
    width = len(parsed.keys)
    row_numbers = np.arange(2, n + 2)
    check = _Checker(n)
    counts = parsed.field_counts
    check.add(
        counts != width,
        "",
        lambda idx: [f"{counts[i]} fields, header has {width}" for i in idx],
        REASON_FIELDS,
    )
    # Only a record longer than the limit can hold a field longer than it: look only there.
    for i in np.flatnonzero(parsed.record_len > limits.max_field_chars):
        for col in parsed.keys:
            value = str(table.at[int(i), col])
            if len(value) > limits.max_field_chars:
                check.add_one(int(i), col, value, f"{REASON_TOO_LONG} ({len(value):,} characters)")
                break

    normalised = (_normalise_ged if fmt is UCDP_GED else _normalise_acled)(table, check)
    _check_coordinates(normalised, table, check)

    ids = normalised["event_id"]
    first_bad = check.rejected_mask()
    # Identical duplicates merge; a different row under a known id is rejected.
    ok = ~first_bad
    repeated_id = ids.duplicated(keep=False).to_numpy(dtype=bool)
    dup_same_arr = np.zeros(n, dtype=bool)
    if repeated_id.any():  # compare whole rows only where an id repeats
        raw_repeated = _raw_json(table[repeated_id], parsed.header)
        pairs = pd.DataFrame({"i": ids[repeated_id], "r": raw_repeated})
        dup_same_arr[repeated_id] = pairs.duplicated().to_numpy()
    dup_same_arr &= ok
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
    kept = table[keep]
    original = pa.Table.from_pandas(kept, preserve_index=False).rename_columns(parsed.header)
    frame["raw"] = _raw_json(kept, parsed.header) if with_raw else pd.NA
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
        header_text=parsed.header_text,
        rejected_text=tuple(parsed.record_text(int(i)) for i in rejected_idx),
        original=original,
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


def _decode(data: bytes, limits: ImportLimits) -> bytes:
    """`data` as UTF-8 without a BOM, or an IncidentFileError saying what the file is."""
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
            return data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            raise IncidentFileError(
                "the file starts like UTF-16 text but is not valid UTF-16"
            ) from None
    if b"\x00" in data[:65536]:
        raise IncidentFileError(
            "the file contains NUL bytes: it is binary, or UTF-16 without a byte-order mark; "
            "save it as CSV (UTF-8)"
        )
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_no = data.count(b"\n", 0, exc.start) + 1
        raise IncidentFileError(
            f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x} on line {line_no}); it "
            "may be in a legacy encoding such as Windows-1256: save it as CSV (UTF-8)"
        ) from None
    if b"\x00" in data:
        raise IncidentFileError("the file contains NUL characters: it is not a text CSV")
    return data


@dataclass(frozen=True)
class _Parsed:
    """A CSV split into a header and records, every field a string."""

    header_text: str  # the header line(s) exactly as read
    header: list[str]  # column names as written (stripped)
    keys: list[str]  # lower-case names, what the importer looks up
    table: pd.DataFrame  # one row per record, columns `keys`; short records padded with ""
    field_counts: np.ndarray  # fields per record, as read
    record_len: np.ndarray  # characters per record, as read
    record_text: Callable[[int], str]  # record i exactly as read


def _parse(payload: bytes, limits: ImportLimits) -> _Parsed:
    """Split `text` into header and records: Arrow's C++ CSV reader when the file is regular
    (the fast path), Python's csv module record by record when it is not (a row with the wrong
    number of fields, an unclosed quote), so a broken row is reported rather than fatal."""
    header_raw, header_text = _header(payload)
    if any(len(h) > 200 for h in header_raw):
        raise IncidentFileError("the header has a column name longer than 200 characters")
    header = [h.replace("\ufeff", "").strip() for h in header_raw]
    keys = [h.lower() for h in header]
    repeated = sorted({k for k in keys if keys.count(k) > 1})
    if repeated:
        raise IncidentFileError(f"the header repeats the column(s) {', '.join(repeated[:10])}")
    parsed = _parse_fast(payload, header_text, header, keys, limits)
    if parsed is None:
        parsed = _parse_slow(payload.decode("utf-8"), header, keys, limits)
    if len(parsed.table) == 0:
        raise IncidentFileError("the file has a header but no data rows")
    return parsed


def _header(payload: bytes) -> tuple[list[str], str]:
    """The header record and its text exactly as read (a name may hold a quoted newline)."""
    head = payload[: 1 << 20].decode("utf-8", errors="ignore")
    physical = io.StringIO(head, newline="").readlines()
    if not physical or not physical[0].strip():
        raise IncidentFileError("the first line is empty: a CSV export starts with its header")
    reader = csv.reader(physical, strict=False)
    try:
        header_raw = next(reader)
    except (csv.Error, StopIteration) as exc:
        raise IncidentFileError(f"the header is not valid CSV: {exc}") from None
    return header_raw, "".join(physical[: reader.line_num])


def _too_many_rows(limits: ImportLimits) -> IncidentFileError:
    return IncidentFileError(
        f"more than {limits.max_rows:,} rows; the limit is set by GAPWATCH_MAX_ROWS"
    )


def _parse_fast(
    payload: bytes, header_text: str, header: list[str], keys: list[str], limits: ImportLimits
) -> _Parsed | None:
    """Arrow's reader on a regular file, records located by quote parity; None if irregular."""
    body = payload[len(header_text.encode("utf-8")) :]
    if body.count(b"\r") != body.count(b"\r\n"):
        return None  # old Mac line ends: let the csv module deal with them
    arr = np.frombuffer(body, dtype=np.uint8)
    quotes = np.flatnonzero(arr == 34)
    newlines = np.flatnonzero(arr == 10)
    # A newline ends a record when an even number of quotes precedes it (RFC 4180).
    ends = newlines[np.searchsorted(quotes, newlines) % 2 == 0] + 1
    if len(body) and (not len(ends) or ends[-1] != len(body)):
        ends = np.append(ends, len(body))
    starts = np.concatenate(([0], ends[:-1])).astype(np.int64)
    lengths = ends - starts
    blank = lengths <= 2
    if blank.any():  # "\n" or "\r\n" alone: blank lines, not rows
        idx = np.flatnonzero(blank)
        empty = [body[starts[i] : ends[i]].strip(b"\r\n") == b"" for i in idx]
        blank[idx] = empty
    starts, ends = starts[~blank], ends[~blank]
    if len(starts) > limits.max_rows:
        raise _too_many_rows(limits)
    if len(starts) == 0:
        return None
    names = [f"c{i}" for i in range(len(keys))]
    try:
        arrow = pa_csv.read_csv(
            io.BytesIO(body),
            read_options=pa_csv.ReadOptions(column_names=names),
            parse_options=pa_csv.ParseOptions(newlines_in_values=True),
            convert_options=pa_csv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowException, ValueError):
        return None
    if arrow.num_rows != len(starts):
        return None  # the quote count disagrees with Arrow: read it the careful way
    table = arrow.rename_columns(keys).to_pandas(types_mapper=_STRING_TYPES.get)
    return _Parsed(
        header_text=header_text,
        header=header,
        keys=keys,
        table=table,
        field_counts=np.full(len(table), len(keys), dtype=np.int64),
        record_len=(ends - starts).astype(np.int64),  # bytes >= characters: a safe bound
        record_text=lambda i: body[starts[i] : ends[i]].decode("utf-8"),
    )


def _parse_slow(text: str, header: list[str], keys: list[str], limits: ImportLimits) -> _Parsed:
    physical = io.StringIO(text, newline="").readlines()
    csv.field_size_limit(max(limits.max_bytes, csv.field_size_limit()))
    reader = csv.reader(physical, strict=False)
    next(reader)
    header_end = reader.line_num
    rows: list[list[str]] = []
    ends: list[int] = []
    try:
        for record in reader:
            if not record:  # a blank line
                continue
            rows.append(record)
            ends.append(reader.line_num)
            if len(rows) > limits.max_rows:
                raise _too_many_rows(limits)
    except csv.Error as exc:
        raise IncidentFileError(
            f"row {len(rows) + 2} is not valid CSV ({exc}); nothing was imported"
        ) from None
    width = len(keys)
    end_arr = np.asarray(ends, dtype=np.int64)
    starts = np.empty_like(end_arr)
    if len(end_arr):
        starts[0] = header_end
        starts[1:] = end_arr[:-1]
    for i in np.flatnonzero(end_arr - starts > 1):  # skip blank lines before a record
        while starts[i] < end_arr[i] - 1 and not physical[starts[i]].strip("\r\n"):
            starts[i] += 1
    cumulative = np.concatenate(([0], np.cumsum(np.fromiter(map(len, physical), np.int64))))
    table = pd.DataFrame(
        [r if len(r) == width else (r + [""] * width)[:width] for r in rows],
        columns=keys,
        dtype="string",
    )
    return _Parsed(
        header_text="".join(physical[:header_end]),
        header=header,
        keys=keys,
        table=table,
        field_counts=np.fromiter((len(r) for r in rows), dtype=np.int64, count=len(rows)),
        record_len=cumulative[end_arr] - cumulative[starts],
        record_text=lambda i: "".join(physical[starts[i] : end_arr[i]]),
    )


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
    # Categoricals: a few names repeated 100,000 times convert to strings in one take().
    frame["sector"] = pd.Categorical(sector, categories=lines.SECTOR_IDS)
    names = _governorates()[0]
    frame["governorate"] = pd.Categorical(governorate_of(lat, lon), categories=names)


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


_CONTROL = re.compile("[\x00-\x1f]")
_JSON_ESCAPES = {"\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _raw_json(table: pd.DataFrame, header: list[str]) -> pd.Series:
    """Each row as a JSON object with the file's own column names, built column-wise with
    Arrow string kernels (no Python per row). `json.loads` of each gives the row back."""
    parts: list[Any] = []
    for k, (key, name) in enumerate(zip(table.columns, header, strict=True)):
        values = pa.array(table[key].fillna(""), type=pa.string())
        if pc.any(pc.match_substring_regex(values, r'["\\\x00-\x1f]')).as_py():
            values = pc.replace_substring(values, "\\", "\\\\")
            values = pc.replace_substring(values, '"', '\\"')
            for char in sorted(set(_CONTROL.findall("".join(table[key].dropna())))):
                escaped = _JSON_ESCAPES.get(char, f"\\u{ord(char):04x}")
                values = pc.replace_substring(values, char, escaped)
        parts.append(("{" if k == 0 else '",') + json.dumps(name, ensure_ascii=False) + ':"')
        parts.append(values)
    parts.append('"}')
    joined = pc.binary_join_element_wise(*parts, "")
    out = pd.Series(joined.to_pandas(), dtype="string")
    out.index = table.index  # set, not reindexed: `table` may be a subset of the rows
    return out
