"""The `gapwatch` console script, run as an analyst's script would run it.

Why: scripts will be written against its JSON and its exit status; this runs the installed
console script in a subprocess, with its own store folder.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gapwatch.incidents.analysis import IncidentFilters, analyse
from gapwatch.incidents.store import BUNDLED_NAME, IncidentStore
from tests.incidents_support import GED_CSV, acled_csv, acled_row

GAPWATCH = Path(sys.executable).with_name("gapwatch")


def run(store: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GAPWATCH_STORE": str(store)}
    return subprocess.run(
        [str(GAPWATCH), *args], capture_output=True, text=True, env=env, timeout=300, check=False
    )


def test_the_console_script_is_installed() -> None:
    assert GAPWATCH.exists(), "pip install -e . installs the `gapwatch` console script"


def test_import_datasets_analyse_remove_with_json(tmp_path: Path) -> None:
    store = tmp_path / "store"
    upload = tmp_path / "acled.csv"
    upload.write_bytes(acled_csv([acled_row(1), acled_row(1), acled_row(2, event_date="x")]))
    done = run(store, "import", str(upload), "--name", "mine", "--attribution", "ACLED", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {
        "dataset": "mine",
        "format": "acled",
        "read": 3,
        "imported": 1,
        "merged": 1,
        "rejected": [
            {
                "row": 4,
                "column": "event_date",
                "value": "x",
                "reason": "bad date (expected yyyy-mm-dd, dd Month yyyy or dd-Month-yyyy)",
            }
        ],
    }
    listed = json.loads(run(store, "datasets", "--json").stdout)
    assert [d["name"] for d in listed] == [BUNDLED_NAME, "mine"]
    assert listed[1]["attribution"] == "ACLED" and listed[0]["bundled"] is True

    result = run(store, "analyse", "--dataset", "mine", "--width", "20", "--json")
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert figures["dataset"] == "mine" and figures["width_km"] == 20
    assert figures["events"] == 1 and figures["inside"]["exact"] + figures["outside"]["exact"] == 1
    assert run(store, "remove", "mine").returncode == 0
    assert [d["name"] for d in json.loads(run(store, "datasets", "--json").stdout)] == [
        BUNDLED_NAME
    ]


def test_analyse_of_the_bundled_data_matches_the_library(tmp_path: Path) -> None:
    args = ("analyse", "--width", "10", "--from", "2016-01-01", "--to", "2017-12-31")
    done = run(tmp_path, *args, "--actor", "IS", "--json")
    assert done.returncode == 0, done.stderr
    frame = IncidentStore(tmp_path).incidents(BUNDLED_NAME)
    filters = IncidentFilters(dt.date(2016, 1, 1), dt.date(2017, 12, 31), "IS")
    expected = analyse(frame, 10, filters, dataset=BUNDLED_NAME).to_json()
    assert json.loads(done.stdout) == json.loads(json.dumps(expected))
    assert set(expected) >= {
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
    # Without --json: a short human summary.
    text = run(tmp_path, *args).stdout
    assert "inside:" in text and "unplaced:" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("analyse", "--width", "30"), "between 1 and 20 km"),
        (("analyse", "--width", "wide"), "not a number"),
        (("analyse", "--from", "2016-02-30"), "not a date"),
        (("analyse", "--from", "2017-01-01", "--to", "2016-01-01"), "is after"),
        (("analyse", "--dataset", "nope"), "no dataset named 'nope'"),
        (("remove", BUNDLED_NAME), "cannot be removed"),
        (("remove", "nope"), "no dataset named"),
        (("import", "/nonexistent/file.csv"), "No such file"),
        (("import", str(GED_CSV), "--name", "../x"), "a dataset name"),
        (("frobnicate",), "invalid choice"),
        ((), "required"),
    ],
)
def test_bad_input_exits_2_with_one_line_on_stderr(
    tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    done = run(tmp_path, *args)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1 and message in done.stderr


def test_a_file_that_is_not_csv_exits_2(tmp_path: Path) -> None:
    upload = tmp_path / "export.csv"
    upload.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    done = run(tmp_path, "import", str(upload))
    assert done.returncode == 2 and "ZIP" in done.stderr


def test_a_bad_limit_variable_exits_2(tmp_path: Path) -> None:
    env = {**os.environ, "GAPWATCH_STORE": str(tmp_path), "GAPWATCH_MAX_ROWS": "many"}
    done = subprocess.run(
        [str(GAPWATCH), "import", str(GED_CSV)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert done.returncode == 2 and "GAPWATCH_MAX_ROWS" in done.stderr


def test_a_reader_that_stops_early_gets_no_traceback(tmp_path: Path) -> None:
    # `gapwatch analyse --json | head`: the pipe closes before the JSON is written out.
    env = {**os.environ, "GAPWATCH_STORE": str(tmp_path)}
    reader = subprocess.Popen(
        [str(GAPWATCH), "analyse", "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert reader.stdout is not None and reader.stderr is not None
    assert reader.stdout.read(10).startswith(b"{")
    reader.stdout.close()
    error = reader.stderr.read().decode()
    assert reader.wait(timeout=300) == 0
    assert "Traceback" not in error and "BrokenPipeError" not in error
