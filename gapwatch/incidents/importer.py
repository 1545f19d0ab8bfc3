"""Read a UCDP GED or ACLED CSV export into the normalised incident table, row by row checked.

Nothing is lost silently: a whole-file problem (too big, not text, unknown header, no rows)
raises one `IncidentFileError` with a plain message; a bad row is set aside as a `RejectedRow`
(row number, column, value, reason) and the good rows are kept. Rows whose id repeats with the
same content are merged into one; with different content the later ones are rejected.

Speed: the CSV is split by Arrow's C++ reader (Python's `csv` module only for an irregular
file), every check and conversion is a vectorised Arrow/pandas/numpy operation over whole
columns, and the geography (`reference.geography`: distances and sectors by
`nearest.SegmentIndex`, governorates by prepared polygons) runs on a second thread from the
moment the file is parsed. No Python code runs per field.

Row numbers are spreadsheet row numbers: the header is row 1, the first data row is row 2.
Blank lines are not rows and are skipped.

The parts: `limits` (limits, reasons, the result), `reading` (bytes to fields), `validation`
(row checks and normalisation), `reference` (Iraq, governorates, the default line).
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa  # type: ignore[import-untyped]

from gapwatch.incidents import lines
from gapwatch.incidents.formats import UCDP_GED, Format, UnknownFormatError, detect
from gapwatch.incidents.limits import (
    DEFAULT_LIMITS,
    REASON_DUPLICATE,
    REASON_FIELDS,
    REASON_TOO_LONG,
    ImportLimits,
    ImportResult,
    IncidentFileError,
    RejectedRow,
    limits_from_env,
    preview,
)
from gapwatch.incidents.reading import ParsedCSV, decode_bytes, parse_csv, raw_json
from gapwatch.incidents.reference import default_line, geography, reference_geo
from gapwatch.incidents.schema import conform
from gapwatch.incidents.validation import (
    Checker,
    check_coordinates,
    normalise_acled,
    normalise_ged,
    placed_points,
)

__all__ = [  # the import's public face; the parts live in limits, reading, validation, reference
    "DEFAULT_LIMITS",
    "ImportLimits",
    "ImportResult",
    "IncidentFileError",
    "RejectedRow",
    "default_line",
    "limits_from_env",
    "read_incidents",
    "reference_geo",
]


def read_incidents(
    data: bytes,
    source_name: str,
    limits: ImportLimits = DEFAULT_LIMITS,
    *,
    dataset: str = "",
    line: lines.Line | None = None,
    with_raw: bool = True,
    on_original: Callable[[Any], None] | None = None,
) -> ImportResult:
    """Parse and check `data` (a GED or ACLED CSV export); distances to `line` (default: the
    assumed line) filled in. Raises only `IncidentFileError` for a whole-file problem.

    `with_raw=False` leaves the `raw` column empty (the store rebuilds it from `original`,
    which saves building 100,000 JSON strings at import). `on_original`, if given, receives
    `original` (the kept rows' fields) once the geography is measured: the store compresses
    it on another core while it writes the events table."""
    try:
        return _read(data, source_name, limits, dataset, line, with_raw, on_original)
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
    on_original: Callable[[Any], None] | None,
) -> ImportResult:
    parsed = parse_csv(decode_bytes(data, limits), limits)
    fmt = detect(parsed.keys)
    # The geography of every placed row is measured on another thread (numpy, pyproj and GEOS
    # release the GIL) while the rows are checked; rows rejected meanwhile are dropped after.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="gapwatch-geography") as pool:
        measured = pool.submit(lambda: geography(*placed_points(parsed.table, fmt), line))
        check, normalised, keep, merged = _check(parsed, fmt, limits)
        everything = bool(keep.all())  # the usual case: no row to leave out, no copy to make
        frame = normalised if everything else normalised[keep].copy()
        original = parsed.fields if everything else parsed.fields.filter(pa.array(keep))
        frame["raw"] = raw_json(parsed.table[keep], parsed.header) if with_raw else pd.NA
        frame["dataset"] = dataset
        frame["year_month"] = _year_month(frame["date_start"])
        for name, values in measured.result().items():
            frame[name] = values if everything else values[keep]
    if on_original is not None:  # now, not earlier: it would only slow the geography down
        on_original(original)
    frame = conform(frame)
    n = len(parsed.table)
    row_numbers = np.arange(2, n + 2)
    rejected_mask = check.rejected_mask()

    rejected_idx = np.flatnonzero(rejected_mask)
    rejected = tuple(
        RejectedRow(
            row=int(row_numbers[i]),
            column=check.column[i],
            value=preview(check.value[i]),
            reason=check.reason[i],
        )
        for i in rejected_idx
    )
    return ImportResult(
        format=fmt.name,
        frame=frame,
        read=n,
        imported=len(frame),
        merged=merged,
        rejected=rejected,
        header_text=parsed.header_text,
        rejected_text=tuple(parsed.record_text(int(i)) for i in rejected_idx),
        original=original,
    )


def _check(
    parsed: ParsedCSV, fmt: Format, limits: ImportLimits
) -> tuple[Checker, pd.DataFrame, np.ndarray, int]:
    """Every row checked and normalised: (the checker with each rejected row's reason, the
    normalised rows, the rows to keep, how many were merged into an identical one)."""
    table = parsed.table
    n = len(table)
    width = len(parsed.keys)
    check = Checker(n)
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
    normalised = (normalise_ged if fmt is UCDP_GED else normalise_acled)(table, check)
    check_coordinates(normalised, table, check)
    keep, merged = _merge_duplicates(normalised, table, parsed.header, fmt, check)
    return check, normalised, keep, int(merged.sum())


def _merge_duplicates(
    normalised: pd.DataFrame, table: pd.DataFrame, header: list[str], fmt: Format, check: Checker
) -> tuple[np.ndarray, np.ndarray]:
    """(rows to keep, rows merged into an identical earlier one); a different row under a
    known id is rejected."""
    n = len(normalised)
    row_numbers = np.arange(2, n + 2)
    ids = normalised["event_id"]
    first_bad = check.rejected_mask()
    # Identical duplicates merge; a different row under a known id is rejected.
    ok = ~first_bad
    repeated_id = ids.duplicated(keep=False).to_numpy(dtype=bool)
    dup_same_arr = np.zeros(n, dtype=bool)
    if repeated_id.any():  # compare whole rows only where an id repeats
        raw_repeated = raw_json(table[repeated_id], header)
        pairs = pd.DataFrame({"i": ids[repeated_id], "r": raw_repeated})
        dup_same_arr[repeated_id] = pairs.duplicated().to_numpy()
    dup_same_arr &= ok
    candidates = ok & ~dup_same_arr
    dup_id = np.zeros(n, dtype=bool)
    dup_id[candidates] = ids[candidates].duplicated().to_numpy()
    if dup_id.any():
        first_row = pd.Series(row_numbers[candidates], index=ids[candidates].to_numpy())
        first_row = first_row[~first_row.index.duplicated()]
        check.add(
            dup_id,
            fmt.id_column,
            ids,
            REASON_DUPLICATE,
            detail=lambda idx: f"(first seen on row {first_row[ids.iloc[idx]]})",
        )

    keep = ~check.rejected_mask() & ~dup_same_arr
    return keep, dup_same_arr


def _year_month(dates: pd.Series) -> pd.Categorical[str]:
    """'yyyy-mm' of each date: each distinct month formatted once (strftime per row is
    ~10x slower), as a categorical that the schema turns into strings in one take()."""
    months = dates.to_numpy().astype("datetime64[M]")
    distinct, codes = np.unique(months, return_inverse=True)
    return pd.Categorical.from_codes(codes.reshape(-1), pd.Index([str(m) for m in distinct]))
