"""What the store says about a dataset (`DatasetInfo`) and an import (`ImportReport`), the
bundled GED extract's name and attribution, and where the store lives ($GAPWATCH_STORE)."""

from __future__ import annotations

import os
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import platformdirs

from gapwatch.incidents.limits import (
    ImportResult,
)

BUNDLED_NAME = "ucdp-ged-191-iraq"
BUNDLED_FILE = "incidents/ucdp_ged_191_iraq_2014_2018.csv"
BUNDLED_SHA256 = "26f0590d7b06eb9aa7f2c69385714bc4698c51cab2ba145e6f87bc9b42d04c3b"
BUNDLED_ATTRIBUTION = (
    "UCDP Georeferenced Event Dataset (GED) Global version 19.1, CC BY 4.0 — Sundberg & "
    "Melander (2013), Journal of Peace Research 50(4); Pettersson, Högbladh & Öberg (2019), "
    "Journal of Peace Research 56(4); Högbladh (2019), UCDP GED Codebook 19.1, Uppsala "
    "University."
)
#: 2: original fields in table `original`, `raw` rebuilt on reading; 3: `original` holds
#: them as one Parquet BLOB (see storage.py)
SCHEMA_VERSION = 3
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
