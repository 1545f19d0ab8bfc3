"""Map cells and downloads of the incidents.

Why: the map must stay light at 100,000 events, a clicked cell must list exactly its events,
and every download must carry UCDP's attribution and be safe to open in a spreadsheet.
"""

from __future__ import annotations

import csv
import io
import json
from functools import cache

import numpy as np
import pandas as pd

from gapwatch.incidents.aggregate import MIN_SIZE_KM, cell_ids, hex_cells, to_geojson
from gapwatch.incidents.analysis import analyse
from gapwatch.incidents.export import (
    analysis_csv,
    incidents_csv,
    incidents_geojson,
)
from gapwatch.incidents.importer import read_incidents
from gapwatch.incidents.store import BUNDLED_ATTRIBUTION
from gapwatch.incidents.synthetic import SYNTHETIC_PREFIX, synthetic_ged
from tests.incidents_support import ged_bytes, ged_rows, to_csv


@cache
def ged() -> pd.DataFrame:
    return read_incidents(ged_bytes(), "ged.csv", dataset="ged").frame


def test_cells_hold_every_placed_event_once() -> None:
    frame = ged()
    cells = hex_cells(frame, 10)
    placed = int((frame["precision"] != "unplaced").sum())
    assert sum(c.count for c in cells) == placed
    assert sum(c.exact for c in cells) == int((frame["precision"] == "exact").sum())
    assert sum(c.fatalities_best for c in cells) == int(
        frame.loc[frame["precision"] != "unplaced", "fatalities_best"].sum()
    )
    assert [c.count for c in cells] == sorted((c.count for c in cells), reverse=True)
    ids = cell_ids(frame, 10)
    for cell in cells[:5]:
        assert int((ids == cell.id).sum()) == cell.count
    assert (ids[(frame["precision"] == "unplaced").to_numpy()] == "").all()


def test_a_cell_contains_its_events() -> None:
    frame = ged()
    ids = cell_ids(frame, 20)
    top = hex_cells(frame, 20)[0]
    members = frame[ids == top.id]
    ring = np.array(top.ring)
    assert members["lon"].between(ring[:, 0].min(), ring[:, 0].max()).all()
    assert members["lat"].between(ring[:, 1].min(), ring[:, 1].max()).all()


def test_the_map_payload_stays_under_1_mb_at_100000_events() -> None:
    frame = read_incidents(synthetic_ged(ged_bytes(), 100_000, seed=3), "s.csv").frame
    payload = json.dumps(to_geojson(hex_cells(frame, MIN_SIZE_KM)), separators=(",", ":"))
    assert len(payload.encode()) < 1_000_000


def test_synthetic_rows_say_they_are_synthetic() -> None:
    frame = read_incidents(synthetic_ged(ged_bytes(), 50, seed=1), "s.csv").frame
    assert frame["event_id"].str.startswith(SYNTHETIC_PREFIX).all()
    assert frame["source_text"].str.startswith("SYNTHETIC").all()


def test_the_incidents_csv_has_the_original_columns_ours_and_the_attribution() -> None:
    header, rows = ged_rows(3)
    rows[0][header.index("side_b")] = "=1+1"
    frame = read_incidents(to_csv(header, rows), "ged.csv", dataset="ged").frame
    data = incidents_csv(frame, 10, BUNDLED_ATTRIBUTION)
    assert data.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert table[0][: len(header)] == header
    assert "gw_distance_km" in table[0] and "gw_in_band" in table[0]
    column = table[0].index
    assert table[1][column("side_b")] == "'=1+1"
    assert {r[column("gw_attribution")] for r in table[1:]} == {BUNDLED_ATTRIBUTION}
    assert table[1][column("id")] == rows[0][0]


def test_the_geojson_keeps_unplaced_events_without_a_point() -> None:
    frame = ged()
    data = incidents_geojson(frame, 10, BUNDLED_ATTRIBUTION)
    assert data["attribution"] == BUNDLED_ATTRIBUTION
    assert len(data["features"]) == len(frame)
    unplaced = [f for f in data["features"] if f["properties"]["precision"] == "unplaced"]
    assert unplaced and all(f["geometry"] is None for f in unplaced)
    json.dumps(data)  # serialisable as it is


def test_the_analysis_csv_carries_settings_figures_and_attribution() -> None:
    text = analysis_csv(analyse(ged(), 10), BUNDLED_ATTRIBUTION).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["period", "section", "item", "measure", "value"]
    assert ["settings", "attribution", "", "text", BUNDLED_ATTRIBUTION] in rows
    assert ["all", "events", "", "count", "3061"] in rows
    assert any(r[0].startswith("before 2019-02-04") for r in rows)


def test_a_mask_gives_the_same_cells_as_a_filtered_frame() -> None:
    frame = ged()
    mask = (frame["date_start"].dt.year == 2016).to_numpy()
    masked = hex_cells(frame, 10, mask=mask)
    assert masked == hex_cells(frame[mask], 10)
    ids = cell_ids(frame, 10, mask=mask)
    assert (ids[~mask] == "").all()
