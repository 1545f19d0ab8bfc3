"""The incident store: persistence, listing, removal, atomic imports, several processes.

Why: an analyst's imports must survive a restart, a failed or killed import must leave the
store exactly as it was, and several server replicas will share one folder.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from gapwatch.incidents import store as store_module
from gapwatch.incidents.analysis import analyse
from gapwatch.incidents.importer import IncidentFileError
from gapwatch.incidents.store import (
    BUNDLED_FILE,
    BUNDLED_NAME,
    BUNDLED_SHA256,
    IncidentStore,
    StoreError,
    dataset_name_for,
    default_store_dir,
)
from gapwatch.incidents.synthetic import synthetic_ged
from tests.incidents_support import acled_csv, acled_row, ged_bytes, ged_rows, to_csv
from tests.support import DATA_DIR, PROJECT_DIR


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` with its bytes."""
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_the_bundled_file_is_the_recorded_one() -> None:
    assert hashlib.sha256((DATA_DIR / BUNDLED_FILE).read_bytes()).hexdigest() == BUNDLED_SHA256
    assert BUNDLED_SHA256 in (DATA_DIR / "incidents" / "README.md").read_text(encoding="utf-8")


def test_the_store_folder_comes_from_the_environment(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("GAPWATCH_STORE", str(tmp_path / "s"))
    assert default_store_dir() == tmp_path / "s"
    monkeypatch.delenv("GAPWATCH_STORE")
    assert default_store_dir().name == "gapwatch"


def test_an_import_is_listed_with_its_provenance_and_can_be_removed(tmp_path: Path) -> None:
    store = IncidentStore(tmp_path)
    data = acled_csv([acled_row(1), acled_row(2), acled_row(2), acled_row(3, latitude="x")])
    report = store.import_bytes(data, "ACLED Iraq 2019.csv", attribution="ACLED, via me")
    info = report.dataset
    assert info.name == "ACLED-Iraq-2019" == dataset_name_for("ACLED Iraq 2019.csv")
    assert (info.read, info.imported, info.merged, info.rejected) == (4, 2, 1, 1)
    assert info.sha256 == hashlib.sha256(data).hexdigest()
    assert info.source_file == "ACLED Iraq 2019.csv" and info.attribution == "ACLED, via me"
    assert info.imported_at.endswith("+00:00") and not info.bundled
    assert [i.name for i in store.datasets()] == [BUNDLED_NAME, "ACLED-Iraq-2019"]
    # A new store object (a restart) sees the same thing, rejected rows included.
    again = IncidentStore(tmp_path)
    assert again.dataset("ACLED-Iraq-2019") == info
    assert len(again.incidents("ACLED-Iraq-2019")) == 2
    rows, csv_bytes = again.rejected_rows("ACLED-Iraq-2019")
    assert [(r.row, r.column) for r in rows] == [(5, "latitude")]
    assert csv_bytes == report.result.rejected_csv()
    again.remove("ACLED-Iraq-2019")
    assert [i.name for i in store.datasets()] == [BUNDLED_NAME]
    with pytest.raises(StoreError, match="no dataset"):
        store.incidents("ACLED-Iraq-2019")
    with pytest.raises(StoreError, match="no dataset"):
        store.rejected_rows("ACLED-Iraq-2019")


def test_a_reimport_replaces_the_dataset_of_that_name(tmp_path: Path) -> None:
    store = IncidentStore(tmp_path)
    store.import_bytes(acled_csv([acled_row(1)]), "a.csv", name="mine")
    report = store.import_bytes(acled_csv([acled_row(1), acled_row(2)]), "b.csv", name="mine")
    assert report.replaced
    assert len(store.incidents("mine")) == 2 and store.dataset("mine").source_file == "b.csv"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (BUNDLED_NAME, "bundled"),
        ("../escape", "a dataset name"),
        ("", "a dataset name"),
        ("x" * 65, "a dataset name"),
        ("with space", "a dataset name"),
    ],
)
def test_bad_names_are_refused(tmp_path: Path, name: str, message: str) -> None:
    store = IncidentStore(tmp_path)
    with pytest.raises(StoreError, match=message):
        store.import_bytes(acled_csv([acled_row(1)]), "a.csv", name=name or "-")
    assert snapshot(tmp_path) == {}


def test_the_bundled_dataset_cannot_be_removed(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="bundled"):
        IncidentStore(tmp_path).remove(BUNDLED_NAME)


def test_a_file_with_no_good_row_is_not_stored(tmp_path: Path) -> None:
    store = IncidentStore(tmp_path)
    with pytest.raises(IncidentFileError, match="all 1 rows were rejected"):
        store.import_bytes(acled_csv([acled_row(1, event_date="soon")]), "a.csv")
    assert [i.name for i in store.datasets()] == [BUNDLED_NAME]


# --- atomicity --------------------------------------------------------------------------------


def test_a_failed_import_leaves_the_store_exactly_as_it_was(tmp_path, monkeypatch) -> None:
    store = IncidentStore(tmp_path)
    store.import_bytes(acled_csv([acled_row(1)]), "a.csv", name="mine")
    before = snapshot(tmp_path)
    real_write = store_module._write_dataset

    def fail_midway(path, info, result, *rest):
        real_write(path, info, result, *rest)  # the whole new file is written...
        raise OSError("disk full")  # ...and then something fails before the swap

    monkeypatch.setattr(store_module, "_write_dataset", fail_midway)
    with pytest.raises(OSError, match="disk full"):
        store.import_bytes(acled_csv([acled_row(1), acled_row(2)]), "b.csv", name="mine")
    assert snapshot(tmp_path) == before
    assert len(IncidentStore(tmp_path).incidents("mine")) == 1


_KILLED_IMPORT = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from gapwatch.incidents import store

    real_write = store._write_dataset

    def write_then_hang(path, info, result, *rest):
        real_write(path, info, result, *rest)
        print("written", flush=True)
        sys.stdin.read()  # wait here until killed: the new file is complete, not yet swapped

    store._write_dataset = write_then_hang
    data = Path(sys.argv[2]).read_bytes()
    store.IncidentStore(Path(sys.argv[1])).import_bytes(data, "big.csv", name="mine")
    """
)


def test_an_import_killed_midway_leaves_the_store_unchanged(tmp_path: Path) -> None:
    folder = tmp_path / "store"
    store = IncidentStore(folder)
    store.import_bytes(acled_csv([acled_row(1)]), "a.csv", name="mine")
    before = snapshot(folder)
    big = tmp_path / "big.csv"
    big.write_bytes(synthetic_ged(ged_bytes(), 5000, seed=2))
    proc = subprocess.Popen(
        [sys.executable, "-c", _KILLED_IMPORT, str(folder), str(big)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        cwd=PROJECT_DIR,
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == b"written"
        temps = list((folder / "datasets").glob(".tmp-*"))
        assert temps, "the new dataset was being written beside the old one"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    after = IncidentStore(folder)
    assert [i.name for i in after.datasets()] == [BUNDLED_NAME, "mine"]
    assert len(after.incidents("mine")) == 1
    visible = {k: v for k, v in snapshot(folder).items() if "/.tmp-" not in k}
    assert visible == before
    # The next import still works; the dead import's temp file is never listed.
    after.import_bytes(acled_csv([acled_row(5)]), "c.csv", name="other")
    assert [i.name for i in after.datasets()] == [BUNDLED_NAME, "mine", "other"]


# --- several processes --------------------------------------------------------------------------

_WORKER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from gapwatch.incidents.store import IncidentStore
    store = IncidentStore(Path(sys.argv[1]))
    data = Path(sys.argv[2]).read_bytes()
    for round in range(3):
        store.import_bytes(data, "x.csv", name=sys.argv[3])
        for info in store.datasets():
            frame = store.incidents(info.name)
            assert len(frame) == info.imported, (info.name, len(frame), info.imported)
    print("ok")
    """
)


def test_several_processes_import_and_read_one_store_at_once(tmp_path: Path) -> None:
    folder = tmp_path / "store"
    sizes = {"a": 800, "b": 1200, "c": 800}
    procs: list[subprocess.Popen[bytes]] = []
    for name, n in sizes.items():
        path = tmp_path / f"{name}.csv"
        # "a" and "c" write the same name at once: last writer wins, never a mix.
        path.write_bytes(synthetic_ged(ged_bytes(), n, seed=len(procs)))
        target = "shared" if name in "ac" else name
        procs.append(
            subprocess.Popen(
                [sys.executable, "-c", _WORKER, str(folder), str(path), target],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                cwd=PROJECT_DIR,
            )
        )
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err.decode()[-2000:]
        assert out.strip() == b"ok"
    store = IncidentStore(folder)
    assert sorted(i.name for i in store.datasets()) == sorted([BUNDLED_NAME, "b", "shared"])
    assert len(store.incidents("shared")) == store.dataset("shared").imported == 800
    assert not list((folder / "datasets").glob(".tmp-*"))


# --- lines --------------------------------------------------------------------------------------


def test_an_uploaded_line_is_stored_and_every_figure_follows_it(tmp_path: Path) -> None:
    store = IncidentStore(tmp_path)
    header, rows = ged_rows(200)
    store.import_bytes(to_csv(header, rows), "g.csv", name="g")
    data = b'{"type": "LineString", "coordinates": [[43.0, 36.3], [43.4, 36.1], [43.8, 35.5]]}'
    line = store.add_line(data, "mosul.geojson", name="Mosul line")
    assert [x.id for x in IncidentStore(tmp_path).lines()] == ["default", line.id]
    default_frame = store.incidents("g")
    moved = store.incidents("g", line.id)
    assert not moved["distance_km"].equals(default_frame["distance_km"])
    a = analyse(moved, 20, line=store.line(line.id))
    b = analyse(default_frame, 20)
    assert a.line_id == line.id and a.rate.band_area_km2 != b.rate.band_area_km2
    store.remove_line(line.id)
    assert [x.id for x in store.lines()] == ["default"]
    with pytest.raises(StoreError):
        store.remove_line("default")
