"""The incidents page at 100,000 events: Gap Watch's page against a naive one (section
``incidents``).

The dataset is generated once per benchmark run (``gapwatch.incidents.synthetic``: real GED
rows resampled with jitter, marked synthetic, written to ``benchmarks/results/tmp/``, never
shipped) and imported into a temporary store (``$GAPWATCH_STORE``) for Gap Watch, which opens
``/incidents?dataset=synthetic-100k``; the naive page (``naive_incidents_app.py``) reads the
same CSV on every run.

1. Server script time, measured like ``script_time.py`` (AppTest, a fresh process per sample):
   cold, warm, then a width change (the band-width slider to 5 km) and a filter change (the
   first type of violence in the type multiselect), each a rerun of the warm page. Run as
   ``python -m benchmarks.incidents_page BUILD [--profile FILE]``.
2. Map payload: the st_folium component's arguments (its HTML/JS, as sent over the websocket)
   after the warm run, read from the same AppTest run.
3. Memory: the server's RSS with 1 and N sessions of the page open in Chromium (the dataset
   loaded); per additional session = (RSS N - RSS 1) / (N - 1).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from benchmarks.apps import BENCH_DIR, ROOT, TMP_DIR, App
from benchmarks.naive_incidents_app import CSV_ENV
from benchmarks.script_time import RESULT_PREFIX, _profiled, _set_width
from benchmarks.stats import per_extra_session

if TYPE_CHECKING:
    from benchmarks.results import Results

ROWS = 100_000
DATASET = "synthetic-100k"
STORE_ENV = "GAPWATCH_STORE"
FOLIUM_COMPONENT = "streamlit_folium"
#: The naive page renders one marker per event: one run of it takes minutes on a loaded
#: 2-core machine (AppTest's 180 s were not enough under a load average of 12).
RUN_TIMEOUT_S = 900
WORKER_TIMEOUT_S = 4 * RUN_TIMEOUT_S
#: Sessions opened for the memory row (capped by --sessions): each naive session builds
#: 100,000 markers, so ten of them would take most of the run's budget.
MEMORY_SESSIONS = 4
#: Samples of the naive page per section (script time, memory): each takes minutes, and its
#: figures are hundreds of times Gap Watch's, so two samples settle every ratio; Gap Watch
#: gets ``--runs``.
NAIVE_RUNS_MAX = 2
MB = 1024 * 1024

BUILDS: dict[str, App] = {
    "gapwatch": App("gapwatch", ROOT / "app.py", {"incidents": "incidents"}),
    # Its own launcher folder (apps.launcher uses the name): not the naive map build's.
    "naive": App("naive_incidents", BENCH_DIR / "naive_incidents_app.py", {"incidents": ""}),
}
PHASES = ("cold", "warm", "width", "filter")


@dataclass(frozen=True)
class Prepared:
    """The generated CSV and the store it was imported into."""

    csv: Path
    store: Path

    def env(self) -> dict[str, str]:
        """What a worker or server needs to find the data."""
        return {STORE_ENV: str(self.store), CSV_ENV: str(self.csv)}


def prepare(folder: Path = TMP_DIR, rows: int = ROWS) -> Prepared:
    """Generate the synthetic CSV and import it into a fresh store under ``folder``."""
    import shutil

    from gapwatch.incidents.paths import data_dir
    from gapwatch.incidents.store import BUNDLED_FILE, IncidentStore
    from gapwatch.incidents.synthetic import synthetic_ged

    folder.mkdir(parents=True, exist_ok=True)
    csv = folder / f"synthetic_incidents_{rows // 1000}k_page.csv"
    data = synthetic_ged((data_dir() / BUNDLED_FILE).read_bytes(), rows)
    csv.write_bytes(data)
    store = folder / "incidents_store"
    shutil.rmtree(store, ignore_errors=True)
    IncidentStore(store).import_bytes(
        data, csv.name, name=DATASET, attribution="SYNTHETIC: resampled from UCDP GED 19.1"
    )
    return Prepared(csv, store)


def page_url(base: str, build: str) -> str:
    """The page's address on a server at ``base``, with the dataset chosen for Gap Watch."""
    url = BUILDS[build].url(base, "incidents")
    return f"{url}?dataset={DATASET}" if build == "gapwatch" else url


def component_args_bytes(name: str, json_args: str, special: Iterable[bytes]) -> int:
    """Bytes a folium component sends: its JSON arguments and binary ones; 0 for any other
    component (the same count as ``browser_bench`` makes from the websocket)."""
    if FOLIUM_COMPONENT not in name:
        return 0
    return len(json_args.encode()) + sum(len(b) for b in special)


def map_payload(at: Any) -> int:
    """The folium map's arguments on the page that AppTest ``at`` last ran."""
    total = 0
    for node in at.get("component_instance"):
        proto = node.proto
        special = (a.bytes + a.arrow_dataframe.SerializeToString() for a in proto.special_args)
        total += component_args_bytes(proto.component_name, proto.json_args, special)
    return total


def _select_first_type(at: Any) -> str | None:
    """Choose the first type of violence in the page's type multiselect."""
    for widget in at.multiselect:
        if "type" in str(widget.label).lower() and widget.options:
            option = widget.options[0]
            widget.set_value([option])
            return f"multiselect {widget.label!r} = [{option}]"
    return None


def measure(build: str, profile: Path | None = None) -> dict[str, Any]:
    """Cold, warm, width-change and filter-change script times (s) and the map payload."""
    from streamlit.testing.v1 import AppTest
    from streamlit.util import calc_hash

    app = BUILDS[build]
    at = AppTest.from_file(str(app.script), default_timeout=RUN_TIMEOUT_S)
    url_path = app.pages["incidents"]
    if url_path:
        at._page_hash = calc_hash(url_path)
    if build == "gapwatch":
        at.query_params["dataset"] = DATASET
    result: dict[str, Any] = {"app": build, "role": "incidents", "notes": []}
    for phase in ("cold", "warm"):
        started = time.perf_counter()
        at.run()
        result[phase] = time.perf_counter() - started
    result["payload"] = map_payload(at)
    with _profiled(profile):  # both changes, in one profile
        result["width_method"] = _set_width(at) or "plain rerun (no width slider found)"
        started = time.perf_counter()
        at.run()
        result["width"] = time.perf_counter() - started
        result["filter_method"] = _select_first_type(at) or "plain rerun (no type filter found)"
        started = time.perf_counter()
        at.run()
        result["filter"] = time.perf_counter() - started
    result["errors"] = [str(e.value)[:500] for e in at.exception]
    return result


# --- the runner's side --------------------------------------------------------------------


def parse_result(stdout: str) -> dict[str, Any] | None:
    """The worker's result line, if it printed one."""
    for line in reversed(stdout.splitlines()):
        if line.startswith(RESULT_PREFIX):
            result: dict[str, Any] = json.loads(line[len(RESULT_PREFIX) :])
            return result
    return None


def sample(build: str, prepared: Prepared, profile: Path | None = None) -> dict[str, Any]:
    """One sample from a fresh worker process."""
    command = [sys.executable, "-m", "benchmarks.incidents_page", build]
    if profile is not None:
        command += ["--profile", str(profile)]
    done = subprocess.run(
        command,
        cwd=ROOT,
        env=os.environ | prepared.env(),
        capture_output=True,
        text=True,
        timeout=WORKER_TIMEOUT_S,
        check=False,
    )
    result = parse_result(done.stdout)
    if result is None:
        raise RuntimeError(f"worker exited {done.returncode}: {done.stderr.strip()[-600:]}")
    return result


def record(results: Results, run: int, build: str, result: Mapping[str, Any]) -> str:
    """Add one worker sample to the results; a line for the log."""
    for phase in PHASES:
        results.add(f"incidents.server.{phase}", build, float(result[phase]) * 1000)
    results.add("incidents.payload", build, float(result["payload"]))
    results.detail(section="incidents", run=run, **result)
    if result.get("errors"):
        results.errors.append(f"incidents {build} run {run}: the page raised: {result['errors']}")
    times = ", ".join(f"{p} {float(result[p]) * 1000:.0f} ms" for p in PHASES)
    return f"{times}; map payload {float(result['payload']) / 1024:.0f} KB"


@contextmanager
def environment(values: Mapping[str, str]) -> Iterator[None]:
    """``os.environ`` with ``values`` inside the block (servers inherit it), as before after."""
    before = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in before.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def memory_run(
    results: Results, browser: Any, build: str, prepared: Prepared, run: int, sessions: int
) -> str:
    """One fresh server: RSS with 1 and ``sessions`` sessions of the page open and drawn."""
    from benchmarks import browser_bench as bb
    from benchmarks.servers import serve

    contexts: list[Any] = []
    with environment(prepared.env()), serve(BUILDS[build]) as server:
        try:
            url = page_url(server.base_url, build)
            rss: list[float] = []
            for i in range(sessions):
                context, page, probe, _info = bb.open_map(browser, url, False)
                contexts.append(context)
                if i in (0, sessions - 1):
                    bb.wait_quiet(page, probe)
                    rss.append(server.rss_bytes() / MB)
        finally:
            for context in contexts:
                with suppress(Exception):
                    context.close()
    per = per_extra_session(rss[0], rss[-1], sessions)
    results.add("incidents.memory.rss_1", build, rss[0])
    results.add("incidents.memory.per_session", build, per)
    return f"{rss[0]:.0f} MB → {rss[-1]:.0f} MB with {sessions} sessions, {per:.1f} MB/session"


@contextmanager
def chromium() -> Iterator[Any]:
    """A Chromium launched as the browser tests launch it, closed after the block."""
    from playwright.sync_api import sync_playwright

    from benchmarks.browser_bench import launch

    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            yield browser
        finally:
            browser.close()


def measure_section(
    results: Results,
    runs: int,
    apps: set[str],
    sessions: int,
    profile: bool,
    browser: bool,
    references: Sequence[str] = (),
    settle_s: float = 5.0,
) -> None:
    """The whole section: Gap Watch's page in Chromium (and the ``references``' browser rows,
    see ``incidents_browser``), then script times and payload, then memory; builds
    interleaved. The browser rows come first: the naive samples that follow take minutes."""
    from benchmarks import incidents_browser
    from benchmarks.run import log

    builds = [b for b in BUILDS if b in apps]
    prepared: Prepared | None = None
    with results.attempt("incidents: generate and import the 100,000-event dataset"):
        started = time.perf_counter()
        prepared = prepare()
        log(f"incidents: dataset ready in {time.perf_counter() - started:.1f} s")
    if prepared is None:
        return
    if browser and incidents_browser.BUILD in builds:
        with chromium() as chromium_browser:
            incidents_browser.measure(
                results, chromium_browser, prepared, runs, references, sessions, settle_s
            )

    def script_times(run: int, build: str) -> str:
        return record(results, run, build, sample(build, prepared))

    if not _each_sample(results, runs, builds, "incidents page", script_times):
        return
    if profile:
        for build in builds:
            target = TMP_DIR / f"profile-{build}-incidents.txt"
            with results.attempt(f"profile incidents {build}"):
                sample(build, prepared, profile=target)
                log(f"profile of the width and filter changes: {target.relative_to(ROOT)}")
    if not browser:
        return
    count = max(2, min(sessions, MEMORY_SESSIONS))
    with chromium() as chromium_browser:

        def memory(run: int, build: str) -> str:
            return memory_run(results, chromium_browser, build, prepared, run, count)

        _each_sample(results, runs, builds, "incidents memory", memory)


def _each_sample(
    results: Results,
    runs: int,
    builds: Sequence[str],
    what: str,
    measure: Callable[[int, str], str],
) -> bool:
    """Every run, every build sampled in it: measure and log the line it returns. False
    (and nothing more started) once the run's time budget is spent."""
    from benchmarks.results import log

    for run in range(1, runs + 1):
        for build in _sampled(builds, run):
            where = f"{what} {build} run {run}"
            if results.out_of_time(where):
                return False
            with results.attempt(where):
                log(f"{where}: {measure(run, build)}")
    return True


def _sampled(builds: Sequence[str], run: int) -> list[str]:
    """The builds sampled in ``run``: the naive page only in its first ``NAIVE_RUNS_MAX``."""
    return [b for b in builds if b != "naive" or run <= NAIVE_RUNS_MAX]


def main(argv: list[str] | None = None) -> int:
    """Entry point of the worker process."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("build", choices=sorted(BUILDS))
    parser.add_argument("--profile", type=Path, default=None)
    args = parser.parse_args(argv)
    result = measure(args.build, args.profile)
    sys.stdout.write(RESULT_PREFIX + json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
