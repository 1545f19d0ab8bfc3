"""What an import may be and what it gives: the limits that keep a hostile file from
exhausting the server, the one whole-file error, the reasons a row is rejected, and the result
(`ImportResult`: the kept rows, the rejected ones with row, column, value and reason)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

MB = 1024 * 1024
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

    max_bytes: int = 200 * MB
    max_rows: int = 1_000_000
    max_field_chars: int = 8_000


DEFAULT_LIMITS = ImportLimits()

_ENV_LIMITS = {
    "GAPWATCH_MAX_UPLOAD_MB": ("max_bytes", MB),
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


def preview(value: str) -> str:
    return value if len(value) <= _VALUE_PREVIEW else value[:_VALUE_PREVIEW] + "…"
