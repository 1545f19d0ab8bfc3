"""The incident store: one folder ($GAPWATCH_STORE) of DuckDB files, safe to share.

Why DuckDB: an embedded columnar database (no server to run), one file per dataset, fast
scans and aggregates over 100,000s of rows, and a direct pandas/Arrow bridge. Its `spatial`
extension is not used (it downloads at run time, which fails offline): distances are computed
at import with shapely/pyproj and stored as a plain column.

Layout:
    datasets/<name>.duckdb   tables `incidents`, `original`, `rejected`, `meta` (one dataset)
    lines/<id>.geojson       uploaded assumed lines
Safety with several processes (replicas) on one folder: a writer builds a whole new file under
a temporary name in the same folder and `os.replace`s it into place (atomic on POSIX), so a
failed or killed import leaves the store as it was; readers open files read-only and never
keep them open; no file is ever opened read-write by two processes, and a replaced or removed
file stays readable by whoever had it open. The bundled UCDP GED extract is read from data/
directly and always listed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import re
import tempfile
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from functools import partial
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd
import platformdirs
import pyarrow as pa  # type: ignore[import-untyped]
from shapely.geometry import shape

from gapwatch.incidents import lines as linemod
from gapwatch.incidents.importer import read_incidents
from gapwatch.incidents.limits import (
    ImportLimits,
    ImportResult,
    IncidentFileError,
    RejectedRow,
    limits_from_env,
)
from gapwatch.incidents.lines import DEFAULT_LINE_ID, Line
from gapwatch.incidents.paths import data_dir
from gapwatch.incidents.reference import default_line, reference_geo
from gapwatch.incidents.schema import conform

BUNDLED_NAME = "ucdp-ged-191-iraq"
BUNDLED_FILE = "incidents/ucdp_ged_191_iraq_2014_2018.csv"
BUNDLED_SHA256 = "26f0590d7b06eb9aa7f2c69385714bc4698c51cab2ba145e6f87bc9b42d04c3b"
BUNDLED_ATTRIBUTION = (
    "UCDP Georeferenced Event Dataset (GED) Global version 19.1, CC BY 4.0 — Sundberg & "
    "Melander (2013), Journal of Peace Research 50(4); Pettersson, Högbladh & Öberg (2019), "
    "Journal of Peace Research 56(4); Högbladh (2019), UCDP GED Codebook 19.1, Uppsala "
    "University."
)
SCHEMA_VERSION = 2  # 2: original fields in table `original`, `raw` rebuilt on reading
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
_STALE_TEMP_S = 3600  # a temp file this old belongs to an import that died
_MAX_ATTRIBUTION = 500


class StoreError(ValueError):
    """A request the store cannot honour (bad or unknown name, bundled dataset, ...)."""


@dataclass(frozen=True)
class DatasetInfo:
    """What the store knows about a dataset, for the list and the exports."""

    name: str
    source_file: str
    sha256: str
    format: str
    read: int
    imported: int
    merged: int
    rejected: int
    imported_at: str  # ISO 8601, UTC; "" for the bundled dataset
    attribution: str
    bundled: bool
    first_date: str = ""  # earliest date_start, yyyy-mm-dd ("" when empty)
    last_date: str = ""  # latest date_start

    def to_json(self) -> dict[str, Any]:
        """The dataset as `gapwatch datasets --json` prints it."""
        return asdict(self)


@dataclass(frozen=True)
class ImportReport:
    """The outcome of `IncidentStore.import_bytes`: the stored dataset and the row report."""

    dataset: DatasetInfo
    result: ImportResult
    replaced: bool

    def to_json(self) -> dict[str, Any]:
        """Exactly `gapwatch import --json`."""
        return {
            "dataset": self.dataset.name,
            "format": self.result.format,
            "read": self.result.read,
            "imported": self.result.imported,
            "merged": self.result.merged,
            "rejected": [r.to_json() for r in self.result.rejected],
        }


def default_store_dir() -> Path:
    """$GAPWATCH_STORE, else the user's data directory (e.g. ~/.local/share/gapwatch)."""
    env = os.environ.get("GAPWATCH_STORE", "").strip()
    return Path(env) if env else Path(platformdirs.user_data_dir("gapwatch", appauthor=False))


def dataset_name_for(source_name: str) -> str:
    """A valid dataset name from a file name: 'ACLED Iraq 2019.csv' -> 'ACLED-Iraq-2019'."""
    stem = Path(source_name).name.rsplit(".", 1)[0]
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-._")[:64]
    return slug or "dataset"


class IncidentStore:
    """Datasets and lines in one folder; every method is safe with other processes."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = Path(folder) if folder is not None else default_store_dir()
        self._datasets_dir = self.folder / "datasets"
        self._lines_dir = self.folder / "lines"

    # --- datasets --------------------------------------------------------------------------

    def datasets(self) -> list[DatasetInfo]:
        """The bundled dataset first, then the imported ones by name."""
        found = [_bundled_info()]
        for path in sorted(self._dataset_files()):
            info: DatasetInfo | None = _cached(
                ("info", *_identity(path)), partial(_read_info, path)
            )
            if info is not None:
                found.append(info)
        return found

    def dataset(self, name: str) -> DatasetInfo:
        """One dataset's info; StoreError if there is none of that name."""
        for info in self.datasets():
            if info.name == name:
                return info
        raise StoreError(f"no dataset named {name!r}")

    def import_bytes(
        self,
        data: bytes,
        source_name: str,
        name: str | None = None,
        attribution: str = "",
        limits: ImportLimits | None = None,
    ) -> ImportReport:
        """Check, normalise and store a GED/ACLED export under `name` (default: from the file
        name), replacing a dataset of that name. Atomic: on any failure the store is unchanged.

        Raises `IncidentFileError` for a file that cannot be imported, `StoreError` for a bad
        name, ValueError for a bad limit in the environment. The report's `result.frame` has
        no `raw` (it is rebuilt when read): read the events back with `incidents(name)`.
        """
        name = name.strip() if name else dataset_name_for(source_name)
        self._check_name(name)
        attribution = " ".join(attribution.split())[:_MAX_ATTRIBUTION]
        result = read_incidents(
            data,
            source_name,
            limits or limits_from_env(),
            dataset=name,
            line=default_line(),
            with_raw=False,
        )
        if result.imported == 0:
            raise IncidentFileError(
                f"no row could be imported: all {result.read:,} rows were rejected "
                f"(first: row {result.rejected[0].row}, {result.rejected[0].reason})"
            )
        dates = result.frame["date_start"]
        info = DatasetInfo(
            name=name,
            source_file=Path(source_name).name[:200],
            sha256=hashlib.sha256(data).hexdigest(),
            format=result.format,
            read=result.read,
            imported=result.imported,
            merged=result.merged,
            rejected=len(result.rejected),
            imported_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            attribution=attribution,
            bundled=False,
            first_date=dates.min().date().isoformat(),
            last_date=dates.max().date().isoformat(),
        )
        target = self._dataset_path(name)
        replaced = target.exists()
        self._datasets_dir.mkdir(parents=True, exist_ok=True)
        _clean_stale_temps(self._datasets_dir)
        with _atomic_path(target) as tmp:
            _write_dataset(tmp, info, result)
        return ImportReport(dataset=info, result=result, replaced=replaced)

    def remove(self, name: str) -> None:
        """Delete an imported dataset (StoreError for the bundled one or an unknown name)."""
        if name == BUNDLED_NAME:
            raise StoreError(f"{name} is the bundled dataset; it cannot be removed")
        self._check_name(name)
        try:
            self._dataset_path(name).unlink()
        except FileNotFoundError:
            raise StoreError(f"no dataset named {name!r}") from None

    def incidents(self, name: str, line_id: str = DEFAULT_LINE_ID) -> pd.DataFrame:
        """The normalised events of dataset `name`, measured against line `line_id`.

        Cached per file identity (path, size, mtime, inode): a re-import is seen at once,
        an unchanged file is read once per process. Treat the frame as read-only.
        """
        if name == BUNDLED_NAME:
            path = data_dir() / BUNDLED_FILE
            key: tuple[Any, ...] = ("bundled", *_identity(path))
            base = _bundled_result().frame
        else:
            path = self._dataset_path(name)
            if not path.exists():
                raise StoreError(f"no dataset named {name!r}")
            key = ("frame", *_identity(path))
            base = _cached(key, lambda: _read_frame(path))
        if line_id == DEFAULT_LINE_ID:
            return base
        line = self.line(line_id)
        return _cached((*key, "line", line.id, line.sha256), lambda: remeasure(base, line))

    def rejected_rows(self, name: str) -> tuple[tuple[RejectedRow, ...], bytes]:
        """The rows set aside when `name` was imported, and their CSV exactly as read."""
        if name == BUNDLED_NAME:
            return (), b""
        path = self._dataset_path(name)
        if not path.exists():
            raise StoreError(f"no dataset named {name!r}")
        with _read_only(path) as con:
            header = json.loads(_one(con, "SELECT value FROM meta"))["header"]
            rows = con.execute(
                'SELECT "row", "column", "value", "reason", "text" FROM rejected ORDER BY "row"'
            ).fetchall()
        report = tuple(RejectedRow(int(r), c, v, why) for r, c, v, why, _t in rows)
        return report, (header + "".join(t for *_x, t in rows)).encode("utf-8")

    # --- lines -----------------------------------------------------------------------------

    def lines(self) -> list[Line]:
        """The default line first, then the uploaded ones by name."""
        found = [default_line()]
        if self._lines_dir.is_dir():
            for path in sorted(self._lines_dir.glob("*.geojson")):
                line: Line | None = _cached(("line", *_identity(path)), partial(_read_line, path))
                if line is not None:
                    found.append(line)
        return found

    def line(self, line_id: str) -> Line:
        """One line by id; StoreError if unknown."""
        for line in self.lines():
            if line.id == line_id:
                return line
        raise StoreError(f"no line with id {line_id!r}")

    def add_line(self, data: bytes, source_name: str, name: str = "") -> Line:
        """Validate and store an uploaded GeoJSON line (LineFileError if unusable)."""
        parsed = linemod.parse_line_geojson(data, source_name, name)
        line = linemod.with_sectors(parsed, reference_geo())
        line = Line(
            id=line.id,
            name=line.name,
            geometry=line.geometry,
            source_file=line.source_file,
            sha256=line.sha256,
            added_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            _districts=line._districts,
        )
        self._lines_dir.mkdir(parents=True, exist_ok=True)
        target = self._lines_dir / f"{line.id}.geojson"
        feature = line.to_feature()
        feature["properties"] |= {"sha256": line.sha256, "added_at": line.added_at}
        with _atomic_path(target) as tmp:
            tmp.write_text(json.dumps(feature, ensure_ascii=False), encoding="utf-8")
        return line

    def remove_line(self, line_id: str) -> None:
        """Delete an uploaded line (StoreError for the default one or an unknown id)."""
        if line_id == DEFAULT_LINE_ID:
            raise StoreError("the default line cannot be removed")
        for line in self.lines()[1:]:
            if line.id == line_id:
                (self._lines_dir / f"{line_id}.geojson").unlink(missing_ok=True)
                return
        raise StoreError(f"no line with id {line_id!r}")

    # --- helpers -----------------------------------------------------------------------------

    def _dataset_files(self) -> list[Path]:
        if not self._datasets_dir.is_dir():
            return []
        return [p for p in self._datasets_dir.glob("*.duckdb") if not p.name.startswith(".")]

    def _dataset_path(self, name: str) -> Path:
        return self._datasets_dir / f"{name}.duckdb"

    @staticmethod
    def _check_name(name: str) -> None:
        if name == BUNDLED_NAME:
            raise StoreError(f"{name} is the bundled dataset's name; choose another")
        if not _NAME.fullmatch(name):
            raise StoreError(
                "a dataset name has 1-64 letters, digits, '.', '_' or '-' and starts with a "
                f"letter or digit; got {name[:80]!r}"
            )


def remeasure(frame: pd.DataFrame, line: Line) -> pd.DataFrame:
    """`frame` with distance_km and sector recomputed against another line."""
    placed = (frame["precision"] != "unplaced").to_numpy()
    lat = np.where(placed, frame["lat"].to_numpy(), np.nan)
    lon = np.where(placed, frame["lon"].to_numpy(), np.nan)
    dist, sector = linemod.measure(lat, lon, line)
    out = frame.copy()
    out["distance_km"] = dist
    out["sector"] = pd.Series(sector, index=out.index, dtype="string")
    return out


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


def _write_dataset(path: Path, info: DatasetInfo, result: ImportResult) -> None:
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
        # Through Arrow: twice as fast as DuckDB's scan of a pandas frame of Arrow strings.
        # `raw` is not stored: the original fields are, column by column (a sixth of the
        # size, a third of the time), and `raw` is rebuilt from them on reading.
        frame = result.frame.drop(columns=["raw"])
        con.register("incoming", pa.Table.from_pandas(frame, preserve_index=False))
        con.execute("CREATE TABLE incidents AS SELECT * FROM incoming")
        con.register("incoming_original", result.original)
        con.execute("CREATE TABLE original AS SELECT * FROM incoming_original")
        con.register("incoming_rejected", rejected)
        con.execute("CREATE TABLE rejected AS SELECT * FROM incoming_rejected")
        con.execute("CREATE TABLE meta (value VARCHAR)")
        con.execute("INSERT INTO meta VALUES (?)", [json.dumps(meta, ensure_ascii=False)])
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
            table = con.execute(
                "SELECT i.*, to_json(o) AS raw FROM incidents i POSITIONAL JOIN original o"
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
