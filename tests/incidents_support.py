"""Helpers for the incident tests: real GED rows, and ACLED-shaped rows we make ourselves.

ACLED's terms forbid redistributing its data, so every ACLED row here is synthetic and says
so in its notes; the columns follow ACLED's codebook (data/incidents/README.md).
"""

from __future__ import annotations

import csv
import io
from functools import cache

from gapwatch.incidents.store import BUNDLED_FILE
from tests.support import DATA_DIR

GED_CSV = DATA_DIR / BUNDLED_FILE

ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)
#: An export from before 2019: no disorder_type, sub_event_type or civilian_targeting.
ACLED_OLD_COLUMNS = [
    c for c in ACLED_COLUMNS if c not in {"disorder_type", "sub_event_type", "civilian_targeting"}
]


@cache
def ged_bytes() -> bytes:
    """The bundled GED extract, as an analyst would upload it."""
    return GED_CSV.read_bytes()


def ged_lines(n: int) -> tuple[str, list[str]]:
    """The header line and the first `n` data lines of the real GED file (no newlines)."""
    lines = ged_bytes().decode("utf-8").splitlines()
    return lines[0], lines[1 : n + 1]


def ged_rows(n: int) -> tuple[list[str], list[list[str]]]:
    """The header and the first `n` rows of the real GED file, as lists of fields."""
    header, lines = ged_lines(n)
    return next(csv.reader([header])), [next(csv.reader([line])) for line in lines]


def to_csv(header: list[str], rows: list[list[str]], newline: str = "\n") -> bytes:
    """Rows as CSV bytes (UTF-8), quoted only where needed."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=newline)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def acled_row(i: int, **values: str) -> dict[str, str]:
    """One synthetic ACLED row near Kirkuk; `values` override columns."""
    row = {c: "" for c in ACLED_COLUMNS}
    row.update(
        event_id_cnty=f"IRQ{i}",
        event_date="2019-03-0" + str(1 + i % 9),
        year="2019",
        time_precision="1",
        disorder_type="Political violence",
        event_type="Explosions/Remote violence",
        sub_event_type="Remote explosive/landmine/IED",
        actor1="Islamic State (Iraq)",
        actor2="Military Forces of Iraq (2018-2022)",
        iso="368",
        region="Middle East",
        country="Iraq",
        admin1="Kirkuk",
        admin2="Hawija",
        location="Hawija",
        latitude="35.3290",
        longitude="43.7560",
        geo_precision="1",
        source="Synthetic",
        notes="SYNTHETIC test row",
        fatalities="2",
    )
    row.update(values)
    return row


def acled_csv(rows: list[dict[str, str]], columns: list[str] | None = None) -> bytes:
    """Synthetic ACLED rows as CSV with `columns` (default: the current set)."""
    cols = columns or list(ACLED_COLUMNS)
    return to_csv(cols, [[r.get(c, "") for c in cols] for r in rows])


#: The keys of `gapwatch analyse --json` that the README documents for scripts.
ANALYSE_JSON_KEYS = frozenset(
    {
        "dataset",
        "width_km",
        "events",
        "inside",
        "outside",
        "unplaced",
        "by_distance_km",
        "by_sector",
        "by_month",
    }
)
