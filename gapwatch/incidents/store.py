"""The incident store: one folder ($GAPWATCH_STORE) of DuckDB files, safe to share.

Why DuckDB: an embedded columnar database (no server to run), one file per dataset, fast
scans and aggregates over 100,000s of rows, and a direct pandas/Arrow bridge. Its `spatial`
extension is not used (it downloads at run time, which fails offline): distances are computed
at import with shapely/pyproj and stored as a plain column.

Layout:
    datasets/<name>.duckdb   tables `incidents`, `original` (the original fields, as one
                             Parquet BLOB: see storage.py), `rejected`, `meta` (one dataset)
    lines/<id>.geojson       uploaded assumed lines
Safety with several processes (replicas) on one folder: a writer builds a whole new file under
a temporary name in the same folder and `os.replace`s it into place (atomic on POSIX), so a
failed or killed import leaves the store as it was; readers open files read-only and never
keep them open; no file is ever opened read-write by two processes, and a replaced or removed
file stays readable by whoever had it open. The bundled UCDP GED extract is read from data/
directly and always listed.

The parts: `datasets` (what is recorded about a dataset and an import), `storage` (the
files, atomic writes, the cache) and this module (`IncidentStore`, the one way in).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from concurrent.futures import Future, ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any

import pandas as pd

from gapwatch.incidents import lines as linemod
from gapwatch.incidents.datasets import (
    _MAX_ATTRIBUTION,
    _NAME,
    BUNDLED_ATTRIBUTION,
    BUNDLED_FILE,
    BUNDLED_NAME,
    BUNDLED_SHA256,
    DatasetInfo,
    ImportReport,
    StoreError,
    dataset_name_for,
    default_store_dir,
)
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
from gapwatch.incidents.reference import default_line, placed_coordinates, reference_geo
from gapwatch.incidents.storage import (
    _atomic_path,
    _bundled_info,
    _bundled_result,
    _cached,
    _clean_stale_temps,
    _identity,
    _one,
    _read_frame,
    _read_info,
    _read_line,
    _read_only,
    _write_dataset,
    original_parquet,
)

__all__ = [  # the store's public face; records in `datasets`, files in `storage`
    "BUNDLED_ATTRIBUTION",
    "BUNDLED_FILE",
    "BUNDLED_NAME",
    "BUNDLED_SHA256",
    "DatasetInfo",
    "ImportReport",
    "IncidentStore",
    "StoreError",
    "dataset_name_for",
    "default_store_dir",
    "remeasure",
]


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
        # The file's digest and the compressed original fields are made on another thread
        # (hashlib and pyarrow release the GIL) while the import goes on; leaving the block
        # always waits for that thread, error or not.
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="gapwatch-original") as pool:
            digest = pool.submit(lambda: hashlib.sha256(data).hexdigest())
            compressed: list[Future[bytes]] = []
            result = read_incidents(
                data,
                source_name,
                limits or limits_from_env(),
                dataset=name,
                line=default_line(),
                with_raw=False,
                on_original=lambda table: compressed.append(pool.submit(original_parquet, table)),
            )
            return self._store(name, digest, source_name, attribution, result, compressed[0])

    def _store(
        self,
        name: str,
        digest: Future[str],
        source_name: str,
        attribution: str,
        result: ImportResult,
        original: Future[bytes],
    ) -> ImportReport:
        if result.imported == 0:
            raise IncidentFileError(
                f"no row could be imported: all {result.read:,} rows were rejected "
                f"(first: row {result.rejected[0].row}, {result.rejected[0].reason})"
            )
        dates = result.frame["date_start"]
        info = DatasetInfo(
            name=name,
            source_file=Path(source_name).name[:200],
            sha256=digest.result(),
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
            _write_dataset(tmp, info, result, original.result)
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
    lat, lon = placed_coordinates(frame)
    dist, sector = linemod.measure(lat, lon, line)
    out = frame.copy()
    out["distance_km"] = dist
    out["sector"] = pd.Series(sector, index=out.index, dtype="string")
    return out
