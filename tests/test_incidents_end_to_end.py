"""The real UCDP GED extract, end to end: bytes -> import -> store -> analyse.

Why: this is what an analyst does first. Every count is recomputed here from the CSV itself
(pandas, independent of the importer), so a wrong parse, a lost row or a bad band shows up.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from gapwatch.incidents.analysis import IncidentFilters, analyse, band_members
from gapwatch.incidents.store import BUNDLED_NAME, IncidentStore
from tests.support import DATA_DIR

GED_CSV = DATA_DIR / "incidents" / "ucdp_ged_191_iraq_2014_2018.csv"


@pytest.fixture
def store(tmp_path: Path) -> IncidentStore:
    return IncidentStore(tmp_path / "store")


def test_the_bundled_dataset_is_listed_without_an_import(store: IncidentStore) -> None:
    (info,) = store.datasets()
    assert info.name == BUNDLED_NAME and info.bundled
    assert (info.read, info.imported, info.merged, info.rejected) == (3061, 3061, 0, 0)
    assert "UCDP" in info.attribution and "CC BY 4.0" in info.attribution
    assert info.last_date == "2018-12-25"
    frame = store.incidents(BUNDLED_NAME)
    assert len(frame) == 3061


def test_importing_the_real_file_keeps_every_row_and_every_precision(
    store: IncidentStore,
) -> None:
    report = store.import_bytes(GED_CSV.read_bytes(), "ged.csv", name="ged", attribution="UCDP")
    assert report.to_json() == {
        "dataset": "ged",
        "format": "ucdp_ged",
        "read": 3061,
        "imported": 3061,
        "merged": 0,
        "rejected": [],
    }
    frame = store.incidents("ged")
    source = pd.read_csv(GED_CSV, dtype=str, keep_default_na=False)
    counts = frame["precision"].value_counts().to_dict()
    prec = source["where_prec"].astype(int)
    assert counts == {
        "exact": int((prec == 1).sum()),
        "approximate": int((prec == 2).sum()),
        "unplaced": int((prec >= 3).sum()),
    }
    assert frame["fatalities_best"].sum() == source["best"].astype(int).sum()
    placed = frame["precision"] != "unplaced"
    assert frame.loc[placed, "distance_km"].notna().all()
    assert frame.loc[~placed, "distance_km"].isna().all()


def test_analyse_the_real_data_splits_every_event_into_one_class(store: IncidentStore) -> None:
    frame = store.incidents(BUNDLED_NAME)
    result = analyse(frame, 10)
    assert result.events == 3061
    assert result.inside.total + result.outside.total + result.unplaced == 3061
    ring_total = sum(r.exact + r.approximate for r in result.by_distance_km)
    assert ring_total == result.inside.total + result.outside.total
    assert result.inside.total == int(band_members(frame, 10).sum())
    # The data end in 2018: nothing after the Erbil round, and the analysis says why.
    assert result.after.events == 0 and result.before.events == 3061
    assert result.data_last == dt.date(2018, 12, 25)
    assert any("2018-12-25" in note for note in result.notes)


def test_a_wider_band_never_holds_fewer_events() -> None:
    frame = IncidentStore(Path("/nonexistent")).incidents(BUNDLED_NAME)
    inside = [analyse(frame, w).inside.total for w in (1, 5, 10, 20)]
    assert inside == sorted(inside) and inside[-1] > inside[0]


def test_the_actor_filter_keeps_only_matching_sides() -> None:
    frame = IncidentStore(Path("/nonexistent")).incidents(BUNDLED_NAME)
    result = analyse(frame, 10, IncidentFilters(text="PKK"))
    expected = frame["dyad"].str.contains("PKK").sum()
    assert result.events == expected > 0
    kept = frame[IncidentFilters(text="PKK").mask(frame)]
    assert np.all(kept["dyad"].str.contains("PKK"))


def test_the_stored_dataset_reads_back_exactly_as_imported(store: IncidentStore) -> None:
    store.import_bytes(GED_CSV.read_bytes(), "ged.csv", name="ged")
    stored = store.incidents("ged")
    direct = store.incidents(BUNDLED_NAME)
    for column in stored.columns.drop("dataset"):
        assert stored[column].equals(direct[column]), column
    source = pd.read_csv(GED_CSV, dtype=str, keep_default_na=False)
    first = json.loads(stored["raw"].iloc[0])
    assert first == source.iloc[0].to_dict() and list(first) == list(source.columns)
