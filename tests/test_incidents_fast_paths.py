"""The import's fast paths give the answers the plain ones gave.

Why: the import reads numbers with Arrow's cast (pandas only for a column with a non-number),
measures big batches of points on two threads, skips copying when every row is kept, and
stores the original fields as Parquet inside the dataset file. Each shortcut is held here to
what a user sees: the same numbers, the same distances and sectors, every kept row's own
fields back after a round trip through the store, and older files asking to be re-imported.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest

from gapwatch.incidents import lines
from gapwatch.incidents.datasets import BUNDLED_NAME
from gapwatch.incidents.importer import default_line
from gapwatch.incidents.store import IncidentStore
from gapwatch.incidents.validation import _numbers
from tests.incidents_support import ged_rows, to_csv

SPELLINGS = [
    "1", "1.0", "-0", ".5", "1.", "+1", "1e3", "+.5e+2", "1.5e-3", "00012", "35.123456789",
    "inf", "-inf", "nan", "NaN", "Infinity", "1e500", "", "abc", "1,5", "1 2", "0x10", "1_000",
    "٣", "-", "1e",
]  # fmt: skip


def _pandas_numbers(values: list[str]) -> np.ndarray:
    raw = pd.Series(values, dtype="string[pyarrow]")
    numbers = pd.to_numeric(raw.astype(object).where(raw != "", None), errors="coerce")
    return np.asarray(numbers, dtype="float64")


@pytest.mark.parametrize("value", SPELLINGS)
def test_a_number_reads_as_pandas_reads_it_alone_and_among_others(value: str) -> None:
    expected = _pandas_numbers([value])[0]
    for column in ([value], [value, "2.5"], [value, "not a number"]):
        got = _numbers(pd.Series(column, dtype="string[pyarrow]"))
        assert got[0] == expected or (np.isnan(got[0]) and np.isnan(expected)), column
    assert _numbers(pd.Series([value, "2.5"], dtype="string[pyarrow]"))[1] == 2.5


def test_a_big_batch_is_measured_as_point_by_point(monkeypatch) -> None:
    rng = np.random.default_rng(5)
    lat = np.concatenate([rng.uniform(29, 37.4, 30_000), [np.nan, 95.0]])
    lon = np.concatenate([rng.uniform(38.8, 48.6, 30_000), [44.0, 44.0]])
    line = default_line()
    dist, code = lines.measure_coded(lat, lon, line)  # two threads
    monkeypatch.setattr(lines, "_SPLIT_AT", 10**9)
    one_dist, one_code = lines.measure_coded(lat, lon, line)  # one
    assert np.array_equal(dist, one_dist, equal_nan=True)
    assert np.array_equal(code, one_code)
    assert np.isnan(dist[-2:]).all() and (code[-2:] == -1).all()
    assert np.isfinite(dist[:-2]).all()


def test_every_kept_row_reads_back_with_its_own_fields(tmp_path: Path) -> None:
    header, rows = ged_rows(40)
    rows[3][header.index("date_start")] = "not a date"  # rejected
    rows[7] = list(rows[6])  # identical duplicate: merged
    bad_id = list(rows[10])
    bad_id[header.index("best")] = "999"  # same id, other content: rejected
    rows.append(bad_id)
    store = IncidentStore(tmp_path)
    report = store.import_bytes(to_csv(header, rows), "ged.csv", name="mine")
    assert (report.dataset.imported, report.dataset.merged, report.dataset.rejected) == (38, 1, 2)

    stored = store.incidents("mine")
    kept = [r for i, r in enumerate(rows) if i not in (3, 7, len(rows) - 1)]
    assert [json.loads(raw) for raw in stored["raw"]] == [
        dict(zip(header, r, strict=True)) for r in kept
    ]
    assert stored["event_id"].tolist() == [r[header.index("id")] for r in kept]
    # The same events as the bundled file's own reading of those rows.
    bundled = store.incidents(BUNDLED_NAME).set_index("event_id")
    for column in ("distance_km", "sector", "governorate", "year_month"):
        expected = bundled.loc[stored["event_id"], column].reset_index(drop=True)
        assert stored[column].reset_index(drop=True).equals(expected), column


def test_a_dataset_from_the_previous_layout_asks_to_be_imported_again(tmp_path: Path) -> None:
    store = IncidentStore(tmp_path)
    header, rows = ged_rows(5)
    store.import_bytes(to_csv(header, rows), "ged.csv", name="mine")
    path = tmp_path / "datasets" / "mine.duckdb"
    con = duckdb.connect(str(path))
    row = con.execute("SELECT value FROM meta").fetchone()
    assert row is not None
    meta = json.loads(row[0])
    meta["schema_version"] = 2  # `original` was a table of its own then
    con.execute("UPDATE meta SET value = ?", [json.dumps(meta)])
    con.close()
    assert [d.name for d in IncidentStore(tmp_path).datasets()] == [BUNDLED_NAME]
