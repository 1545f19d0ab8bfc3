"""Import speed of 100,000 incidents: Gap Watch's importer against a naive one.

`measure_import` is the section as `benchmarks.run` runs it; each sample is
``python -m benchmarks.incidents_import BUILD CSV`` in a fresh process
per sample (BUILD is ``gapwatch`` or ``naive``). The CSV is generated once per benchmark run by
``gapwatch.incidents.synthetic.synthetic_ged`` (real GED rows resampled with jitter, marked
synthetic). Both builds do the same work: parse, check each row, compute every placed event's
distance to the assumed line, and write a DuckDB file.

- gapwatch: ``IncidentStore.import_bytes`` (Arrow CSV reader, vectorised checks, distances by
  bounded runs of line segments in numpy on other threads while the rows are checked, the
  original fields compressed to Parquet on another thread while the table is written, atomic
  write);
- naive: ``pandas.read_csv`` with type guessing, then one Python loop over the rows: parse the
  date, build a shapely Point, project it with pyproj and take its distance to the line, then
  ``CREATE TABLE ... AS`` from the frame.

Prints one line ``BENCH_RESULT {json}`` with the seconds and rows per second of the import
itself (imports and reading the reference geodata are warmed up first and not counted).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import shapely
from shapely.geometry import Point

from benchmarks.apps import ROOT, TMP_DIR
from benchmarks.results import Results, log
from benchmarks.script_time import RESULT_PREFIX
from gapwatch.geometry import local_metric, reproject
from gapwatch.incidents.importer import default_line
from gapwatch.incidents.paths import data_dir
from gapwatch.incidents.store import BUNDLED_FILE, IncidentStore
from gapwatch.incidents.synthetic import synthetic_ged


def gapwatch_import(data: bytes, folder: Path) -> int:
    """Gap Watch's import; returns the rows imported."""
    return IncidentStore(folder).import_bytes(data, "synthetic.csv", name="bench").result.imported


def naive_import(data: bytes, folder: Path) -> int:
    """The straightforward import: pandas, then Python per row; returns the rows imported."""
    frame = pd.read_csv(io.BytesIO(data))
    line = default_line().geometry
    centre = line.interpolate(0.5, normalized=True)
    to_m, _to_wgs = local_metric(centre.y, centre.x)
    metric_line = reproject(line, to_m)
    distances: list[float | None] = []
    dates: list[dt.date | None] = []
    for row in frame.itertuples(index=False):
        try:
            dates.append(dt.date.fromisoformat(str(row.date_start)))
        except ValueError:
            dates.append(None)
        if row.where_prec in (1, 2):
            x, y = to_m.transform(row.longitude, row.latitude)
            distances.append(shapely.distance(metric_line, Point(x, y)) / 1000)
        else:
            distances.append(None)
    frame["date"] = dates
    frame["distance_km"] = distances
    con = duckdb.connect(str(folder / "naive.duckdb"))
    con.register("frame", frame)
    con.execute("CREATE TABLE incidents AS SELECT * FROM frame")
    con.close()
    return len(frame)


BUILDS = {"gapwatch": gapwatch_import, "naive": naive_import}


# --- the section, run by benchmarks.run -----------------------------------------------

IMPORT_ROWS = 100_000
SAMPLE_TIMEOUT_S = 300


def measure_import(results: Results, runs: int, apps: set[str]) -> None:
    """Section 6: import of a generated 100,000-row GED file, Gap Watch vs naive, one fresh
    process per sample, builds interleaved."""
    TMP_DIR.mkdir(parents=True, exist_ok=True)
    source = TMP_DIR / "synthetic_incidents_100k.csv"
    source.write_bytes(synthetic_ged((data_dir() / BUNDLED_FILE).read_bytes(), IMPORT_ROWS))
    builds = [b for b in ("gapwatch", "naive") if b in apps]
    for run in range(runs):
        for build in builds:
            where = f"import {build} run {run + 1}"
            if results.out_of_time(where):
                return
            with results.attempt(where):
                done = subprocess.run(
                    [sys.executable, "-m", "benchmarks.incidents_import", build, str(source)],
                    cwd=ROOT,
                    capture_output=True,
                    text=True,
                    timeout=SAMPLE_TIMEOUT_S,
                    check=False,
                )
                line = next(
                    (x for x in reversed(done.stdout.splitlines()) if x.startswith(RESULT_PREFIX)),
                    None,
                )
                if line is None:
                    raise RuntimeError(f"worker exited {done.returncode}: {done.stderr[-600:]}")
                sample = json.loads(line[len(RESULT_PREFIX) :])
                results.add("import.rows_per_s", build, sample["rows_per_s"])
                results.detail(section="import", run=run + 1, **sample)
                log(f"{where}: {sample['rows_per_s']:,.0f} rows/s ({sample['seconds']:.2f} s)")


def main(argv: list[str] | None = None) -> int:
    """Time one import and print the result line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("build", choices=sorted(BUILDS))
    parser.add_argument("csv", type=Path)
    args = parser.parse_args(argv)
    data = args.csv.read_bytes()
    default_line()._index  # noqa: B018 - warm the reference geodata, as a running server has it
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        rows = BUILDS[args.build](data, Path(tmp))
        seconds = time.perf_counter() - started
    result: dict[str, Any] = {
        "build": args.build,
        "rows": rows,
        "seconds": seconds,
        "rows_per_s": rows / seconds,
    }
    sys.stdout.write(RESULT_PREFIX + json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
