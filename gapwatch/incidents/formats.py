"""Which export a CSV is, told from its header alone: UCDP GED (19.1 and later) or ACLED.

Each format lists the columns the importer needs (`required`) and the ones it uses when present
(`optional`): GED 20.1+ adds `relid`, `code_status`, `where_description`, ...; ACLED exports
before 2019 lack `sub_event_type`, `disorder_type` and `civilian_targeting`. Extra columns are
kept in `raw` and never block an import.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from gapwatch.incidents.schema import FormatName


@dataclass(frozen=True)
class Format:
    """The columns one export format must have, and the ones we read when it has them."""

    name: FormatName
    label: str
    required: tuple[str, ...]
    optional: tuple[str, ...]
    id_column: str
    precision_column: str


UCDP_GED = Format(
    name="ucdp_ged",
    label="UCDP GED",
    required=(
        "id",
        "type_of_violence",
        "dyad_name",
        "side_a",
        "side_b",
        "where_prec",
        "latitude",
        "longitude",
        "date_start",
        "date_end",
        "best",
        "low",
        "high",
    ),
    optional=("conflict_name", "adm_1", "adm_2", "where_coordinates", "source_article"),
    id_column="id",
    precision_column="where_prec",
)

ACLED = Format(
    name="acled",
    label="ACLED",
    required=(
        "event_id_cnty",
        "event_date",
        "event_type",
        "actor1",
        "actor2",
        "latitude",
        "longitude",
        "geo_precision",
        "fatalities",
    ),
    optional=("sub_event_type", "admin1", "admin2", "location", "source", "notes"),
    id_column="event_id_cnty",
    precision_column="geo_precision",
)

FORMATS: tuple[Format, ...] = (UCDP_GED, ACLED)


class UnknownFormatError(ValueError):
    """The header is neither GED nor ACLED; the message names what the closest one lacks."""

    def __init__(self, closest: Format, missing: Sequence[str]) -> None:
        self.closest = closest
        self.missing = tuple(missing)
        super().__init__(
            f"unknown header: not a UCDP GED or ACLED export; closest is {closest.label}, "
            f"which also needs the column(s) {', '.join(missing)}"
        )


def normalise_header(header: Iterable[str]) -> list[str]:
    """Column names as the importer compares them: stripped, lower-case, no BOM."""
    return [str(h).replace("\ufeff", "").strip().lower() for h in header]


def detect_format(header: Iterable[str]) -> FormatName:
    """'ucdp_ged' or 'acled' for a header that has every required column of that format.

    Raises `UnknownFormatError` naming the missing columns of the format it is closest to
    (the one with the larger share of its required columns present).
    """
    return detect(header).name


def detect(header: Iterable[str]) -> Format:
    """Like `detect_format`, but the `Format` itself."""
    columns = set(normalise_header(header))
    best: tuple[float, Format, list[str]] | None = None
    for fmt in FORMATS:
        missing = [c for c in fmt.required if c not in columns]
        if not missing:
            return fmt
        share = 1 - len(missing) / len(fmt.required)
        if best is None or share > best[0]:
            best = (share, fmt, missing)
    assert best is not None
    raise UnknownFormatError(best[1], best[2])
