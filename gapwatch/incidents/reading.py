"""Reading an import's bytes: size, encoding and binary checks, the header, splitting into
fields (pyarrow fast path, Python `csv` when a row is ragged or quoted oddly), and each row
as JSON with the file's own column names (the `raw` column)."""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]
import pyarrow.csv as pa_csv  # type: ignore[import-untyped]

from gapwatch.incidents.limits import MB, ImportLimits, IncidentFileError

_STRING_TYPES = {pa.string(): pd.StringDtype("pyarrow")}


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


def decode_bytes(data: bytes, limits: ImportLimits) -> bytes:
    """`data` as UTF-8 without a BOM, or an IncidentFileError saying what the file is."""
    if len(data) > limits.max_bytes:
        raise IncidentFileError(
            f"the file is {len(data) / MB:.1f} MB; the limit is "
            f"{limits.max_bytes / MB:g} MB (set by GAPWATCH_MAX_UPLOAD_MB)"
        )
    if not data[:65536].strip() and not data.strip():  # look at the start first: no copy
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
    if not _is_utf8(data):
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line_no = data.count(b"\n", 0, exc.start) + 1
            raise IncidentFileError(
                f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x} on line {line_no}); "
                "it may be in a legacy encoding such as Windows-1256: save it as CSV (UTF-8)"
            ) from None
    if b"\x00" in data:
        raise IncidentFileError("the file contains NUL characters: it is not a text CSV")
    return data


def _is_utf8(data: bytes) -> bool:
    """Whether `data` is valid UTF-8, checked by Arrow in place (4x faster than decoding it
    into a str we would throw away); the caller decodes only to say where it is not."""
    offsets = pa.py_buffer(np.array([0, len(data)], dtype=np.int64))
    array = pa.LargeBinaryArray.from_buffers(
        pa.large_binary(), 1, [None, offsets, pa.py_buffer(data)]
    )
    try:
        array.cast(pa.large_string())
    except pa.ArrowInvalid:
        return False
    return True


@dataclass(frozen=True)
class ParsedCSV:
    """A CSV split into a header and records, every field a string."""

    header_text: str  # the header line(s) exactly as read
    header: list[str]  # column names as written (stripped)
    keys: list[str]  # lower-case names, what the importer looks up
    table: pd.DataFrame  # one row per record, columns `keys`; short records padded with ""
    field_counts: np.ndarray  # fields per record, as read
    record_len: np.ndarray  # characters per record, as read
    record_text: Callable[[int], str]  # record i exactly as read
    fields: pa.Table  # the same records as Arrow strings, columns named as in `header`


def parse_csv(payload: bytes, limits: ImportLimits) -> ParsedCSV:
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
) -> ParsedCSV | None:
    """Arrow's reader on a regular file, records located by quote parity; None if irregular.
    The records are located on a second thread while Arrow reads (numpy releases the GIL)."""
    body = payload[len(header_text.encode("utf-8")) :]
    if b"\r" in body and body.count(b"\r") != body.count(b"\r\n"):
        return None  # old Mac line ends: let the csv module deal with them
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="gapwatch-records") as pool:
        located = pool.submit(_records, body)
        arrow = _read_arrow(body, len(keys))
        starts, ends = located.result()
    if len(starts) > limits.max_rows:
        raise _too_many_rows(limits)
    if len(starts) == 0 or arrow is None or arrow.num_rows != len(starts):
        return None  # nothing, or the quote count disagrees with Arrow: the careful way
    table = arrow.rename_columns(keys).to_pandas(types_mapper=_STRING_TYPES.get)
    return ParsedCSV(
        header_text=header_text,
        header=header,
        keys=keys,
        table=table,
        field_counts=np.full(len(table), len(keys), dtype=np.int64),
        record_len=(ends - starts).astype(np.int64),  # bytes >= characters: a safe bound
        record_text=lambda i: body[starts[i] : ends[i]].decode("utf-8"),
        fields=arrow.rename_columns(header),
    )


def _records(body: bytes) -> tuple[np.ndarray, np.ndarray]:
    """Start and end offsets of the records in `body`, blank lines left out."""
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
    return starts[~blank], ends[~blank]


def _read_arrow(body: bytes, width: int) -> pa.Table | None:
    """Every field as an Arrow string (columns c0, c1, ...); None if Arrow cannot read it."""
    names = [f"c{i}" for i in range(width)]
    try:
        return pa_csv.read_csv(
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


def _parse_slow(text: str, header: list[str], keys: list[str], limits: ImportLimits) -> ParsedCSV:
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
    return ParsedCSV(
        header_text="".join(physical[:header_end]),
        header=header,
        keys=keys,
        table=table,
        field_counts=np.fromiter((len(r) for r in rows), dtype=np.int64, count=len(rows)),
        record_len=cumulative[end_arr] - cumulative[starts],
        record_text=lambda i: "".join(physical[starts[i] : end_arr[i]]),
        fields=pa.Table.from_pandas(table, preserve_index=False).rename_columns(header),
    )


_CONTROL = re.compile("[\x00-\x1f]")
_JSON_ESCAPES = {"\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def raw_json(table: pd.DataFrame, header: list[str]) -> pd.Series:
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
