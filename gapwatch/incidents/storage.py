"""The store's files: one DuckDB file per dataset, written whole under a temporary name and
swapped in atomically, read read-only; uploaded lines as GeoJSON; the bundled extract read
from data/; and a small per-process cache keyed by each file's identity.

Why the original fields are a Parquet file inside the DuckDB file (table `original`, one BLOB)
and not a DuckDB table of their own: they are only ever read whole, to rebuild each event's
`raw` row for exports and popups, never filtered or aggregated, so DuckDB's columnar storage
buys nothing for them, and it costs the most: storing the 45 string columns of a 100,000-row
GED file as a table takes DuckDB ~1.1 s (11 MB), pyarrow's Parquet writer with zstd ~0.35 s
(4 MB), done on a second core while the `incidents` table is written. Inside the one file
they keep the one-file-per-dataset layout and its atomic rename; on reading, DuckDB scans the
Parquet (as Arrow) exactly as it scanned the table."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]
from shapely.geometry import shape

from gapwatch.incidents import lines as linemod
from gapwatch.incidents.datasets import (
    _STALE_TEMP_S,
    BUNDLED_ATTRIBUTION,
    BUNDLED_FILE,
    BUNDLED_NAME,
    SCHEMA_VERSION,
    DatasetInfo,
    StoreError,
)
from gapwatch.incidents.importer import read_incidents
from gapwatch.incidents.limits import (
    ImportResult,
)
from gapwatch.incidents.lines import Line
from gapwatch.incidents.paths import data_dir
from gapwatch.incidents.reference import reference_geo
from gapwatch.incidents.schema import conform

# --- files ---------------------------------------------------------------------------------


@contextlib.contextmanager
def _atomic_path(target: Path) -> Iterator[Path]:
    """A temp path beside `target`; renamed onto it only if the block finishes."""
    fd, name = tempfile.mkstemp(
        dir=target.parent, prefix=f".tmp-{target.stem}-", suffix=target.suffix
    )
    os.close(fd)
    tmp = Path(name)
    tmp.unlink()  # DuckDB wants to create the file itself
    try:
        yield tmp
        os.replace(tmp, target)
    finally:
        for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
            leftover.unlink(missing_ok=True)


def _clean_stale_temps(folder: Path) -> None:
    cutoff = time.time() - _STALE_TEMP_S
    for path in folder.glob(".tmp-*"):
        with contextlib.suppress(OSError):
            if path.stat().st_mtime < cutoff:
                path.unlink()


def _connect(path: Path, *, read_only: bool) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(path), read_only=read_only)
    con.execute("SET enable_progress_bar = false")  # it would print into the CLI's output
    return con


def original_parquet(original: pa.Table) -> bytes:
    """The original fields as Parquet (zstd) bytes: what table `original` holds."""
    sink = pa.BufferOutputStream()
    # No column statistics: nobody filters on them, and they are a third of the time.
    pq.write_table(original, sink, compression="zstd", write_statistics=False)
    return bytes(sink.getvalue())


def _write_dataset(
    path: Path, info: DatasetInfo, result: ImportResult, original: Callable[[], bytes]
) -> None:
    """Write the dataset file; `original()` gives the Parquet bytes of the original fields
    (asked for last, so a background compression can finish meanwhile)."""
    meta = {"schema_version": SCHEMA_VERSION, "info": info.to_json(), "header": result.header_text}
    rejected = pd.DataFrame(
        {
            "row": [r.row for r in result.rejected],
            "column": [r.column for r in result.rejected],
            "value": [r.value for r in result.rejected],
            "reason": [r.reason for r in result.rejected],
            "text": list(result.rejected_text),
        },
        dtype=object,
    )
    rejected["row"] = rejected["row"].astype("int64")
    con = _connect(path, read_only=False)
    try:
        # One thread: the other core is compressing `original` meanwhile (and one thread
        # writes these tables faster than two here anyway).
        con.execute("SET threads = 1")
        # Strings by dictionary (or as they are), not FSST or zstd: trying those on every
        # string column is a fifth of the write, for ~20 % smaller tables (1 MB per 100,000
        # events) that are read whole anyway.
        con.execute("SET disabled_compression_methods = 'fsst,dict_fsst,zstd'")
        # Through Arrow: twice as fast as DuckDB's scan of a pandas frame of Arrow strings.
        # `raw` is not stored: it is rebuilt from the original fields on reading.
        frame = result.frame.drop(columns=["raw"])
        con.register("incoming", pa.Table.from_pandas(frame, preserve_index=False))
        con.execute("CREATE TABLE incidents AS SELECT * FROM incoming")
        con.register("incoming_rejected", rejected)
        con.execute("CREATE TABLE rejected AS SELECT * FROM incoming_rejected")
        con.execute("CREATE TABLE meta (value VARCHAR)")
        con.execute("INSERT INTO meta VALUES (?)", [json.dumps(meta, ensure_ascii=False)])
        # Through Arrow too: a bytes parameter of a few MB takes DuckDB half a second.
        blob = pa.table({"parquet": pa.array([original()], type=pa.large_binary())})
        con.register("incoming_original", blob)
        con.execute("CREATE TABLE original AS SELECT * FROM incoming_original")
        con.execute("CHECKPOINT")
    finally:
        con.close()


@contextlib.contextmanager
def _read_only(path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    con = _connect(path, read_only=True)
    try:
        yield con
    finally:
        con.close()


def _one(con: duckdb.DuckDBPyConnection, query: str) -> str:
    row = con.execute(query).fetchone()
    if row is None:
        raise ValueError(f"no result for {query}")
    return str(row[0])


def _read_info(path: Path) -> DatasetInfo | None:
    try:
        with _read_only(path) as con:
            meta = json.loads(_one(con, "SELECT value FROM meta"))
        if meta.get("schema_version") != SCHEMA_VERSION:
            return None
        return DatasetInfo(**meta["info"])
    except (duckdb.Error, OSError, ValueError, TypeError, KeyError):
        return None  # not one of ours, or from an incompatible version: not listed


def _read_frame(path: Path) -> pd.DataFrame:
    try:
        with _read_only(path) as con:
            blob = con.execute("SELECT parquet FROM original").fetchone()
            if blob is None:
                raise duckdb.InvalidInputException("no original fields")
            con.register("original_fields", pq.read_table(pa.BufferReader(blob[0])))
            table = con.execute(
                "SELECT i.*, to_json(o) AS raw FROM incidents i POSITIONAL JOIN original_fields o"
            ).to_arrow_table()
        # Arrow strings straight into pandas: .df() would build Python str objects (3x slower).
        frame = table.to_pandas(types_mapper={pa.string(): pd.StringDtype("pyarrow")}.get)
    except duckdb.Error as exc:
        raise StoreError(f"dataset {path.stem!r} cannot be read ({exc}); re-import it") from None
    return conform(frame)


def _bundled_result() -> ImportResult:
    path = data_dir() / BUNDLED_FILE
    return _cached(
        ("bundled", *_identity(path)),
        lambda: read_incidents(path.read_bytes(), path.name, dataset=BUNDLED_NAME),
    )


def _read_line(path: Path) -> Line | None:
    try:
        feature = json.loads(path.read_text(encoding="utf-8"))
        props = feature["properties"]
        return linemod.with_sectors(
            Line(
                id=props["id"],
                name=props["name"],
                geometry=shape(feature["geometry"]),
                source_file=props.get("source_file", ""),
                sha256=props.get("sha256", ""),
                added_at=props.get("added_at", ""),
            ),
            reference_geo(),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _bundled_info() -> DatasetInfo:
    path = data_dir() / BUNDLED_FILE
    return _cached(("bundled-info", *_identity(path)), lambda: _make_bundled_info(path))


def _make_bundled_info(path: Path) -> DatasetInfo:
    result = _bundled_result()
    frame = result.frame
    return DatasetInfo(
        name=BUNDLED_NAME,
        source_file=path.name,
        sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
        format=result.format,
        read=result.read,
        imported=result.imported,
        merged=result.merged,
        rejected=len(result.rejected),
        imported_at="",
        attribution=BUNDLED_ATTRIBUTION,
        bundled=True,
        first_date=frame["date_start"].min().date().isoformat(),
        last_date=frame["date_start"].max().date().isoformat(),
    )


def _identity(path: Path) -> tuple[Any, ...]:
    try:
        st = path.stat()
    except FileNotFoundError:
        return (str(path), None)
    return (str(path), st.st_size, st.st_mtime_ns, st.st_ino)


# --- a small per-process cache, keyed by file identity ---------------------------------------

_CACHE: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
_CACHE_LOCK = threading.Lock()
_CACHE_SIZE = 32


def _cached(key: tuple[Any, ...], build: Callable[[], Any]) -> Any:
    with _CACHE_LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    value = build()
    with _CACHE_LOCK:
        _CACHE[key] = value
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return value
