"""Benchmark Gap Watch against a naive build and the framework's floor, in one run.

    python -m benchmarks.run            # full: 5 runs of everything (about 40 min, 2 cores)
    python -m benchmarks.run --quick    # 2 runs, shorter waits: checks the harness end to end

Writes benchmarks/results.json (raw samples, summaries, verdicts, machine) and BENCHMARKS.md
(the table), and prints the table. See benchmarks/README.md for what each row measures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
from contextlib import suppress
from pathlib import Path
from types import FrameType
from typing import Any

from benchmarks import history, report, report_page
from benchmarks.apps import APPS, BENCH_DIR, ROOT, TMP_DIR, App
from benchmarks.incidents_import import measure_import
from benchmarks.machine import machine
from benchmarks.results import UNITS, Results, log
from benchmarks.script_time import RESULT_PREFIX
from benchmarks.stats import per_extra_session

RESULTS_JSON = BENCH_DIR / "results.json"
BENCHMARKS_MD = ROOT / "BENCHMARKS.md"
SCRIPT_TIME_TIMEOUT_S = 300
MB = 1024 * 1024
DEFAULT_SECTIONS = "server,browser,import,incidents"

#: (app, page role) pairs whose server script time is measured; floors under "floor".
SCRIPT_PAGES: tuple[tuple[str, str], ...] = (
    ("gapwatch", "timeline"),
    ("naive", "timeline"),
    ("gapwatch", "map"),
    ("naive", "map"),
    ("blank", "blank"),
    ("floor_map", "map"),
    ("floor_chart", "timeline"),
)
BROWSER_APPS: tuple[str, ...] = ("gapwatch", "naive", "floor_map", "blank", "floor_chart")
#: The floors the incidents page's browser rows are held against (benchmarks/report.py).
INCIDENT_REFERENCES: tuple[str, ...] = ("floor_map", "blank")


# --- 1. server script time --------------------------------------------------------------


def script_time_sample(app: str, role: str, profile: Path | None = None) -> dict[str, Any]:
    """One cold/warm/change sample from a fresh worker process."""
    command = [sys.executable, "-m", "benchmarks.script_time", app, role]
    if profile is not None:
        command += ["--profile", str(profile)]
    done = subprocess.run(
        command,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=SCRIPT_TIME_TIMEOUT_S,
        check=False,
    )
    for line in reversed(done.stdout.splitlines()):
        if line.startswith(RESULT_PREFIX):
            result: dict[str, Any] = json.loads(line[len(RESULT_PREFIX) :])
            return result
    raise RuntimeError(f"worker exited {done.returncode}: {done.stderr.strip()[-600:]}")


def measure_script_times(results: Results, runs: int, apps: set[str], profile: bool) -> None:
    """Section 1: AppTest timings, one fresh process per sample, apps interleaved."""
    pages = [(a, r) for a, r in SCRIPT_PAGES if a in apps]
    for run in range(runs):
        for app, role in pages:
            where = f"server time {app} {role} run {run + 1}"
            if results.out_of_time(where):
                return
            with results.attempt(where):
                sample = script_time_sample(app, role)
                group = "floor" if app in ("blank", "floor_map") else role
                for phase in ("cold", "warm", "change"):
                    results.add(f"server.{group}.{phase}", app, sample[phase] * 1000)
                results.detail(section="server", run=run + 1, **sample)
                if sample.get("errors"):
                    results.errors.append(f"{where}: the page raised: {sample['errors']}")
                log(
                    f"{where}: cold {sample['cold'] * 1000:.0f} ms, warm "
                    f"{sample['warm'] * 1000:.0f} ms, change {sample['change'] * 1000:.0f} ms "
                    f"({sample['change_method']})"
                )
    if profile:
        for app, role in pages:
            if app in ("gapwatch", "naive"):
                target = TMP_DIR / f"profile-{app}-{role}.txt"
                with results.attempt(f"profile {app} {role}"):
                    script_time_sample(app, role, profile=target)
                    log(f"profile of the change run: {target.relative_to(ROOT)}")


# --- 2-5. in the browser, and server memory ----------------------------------------------


def _rss_mb(server: Any) -> float:
    return float(server.rss_bytes()) / MB


def browser_run(
    results: Results, browser: Any, app: App, run: int, sessions: int, settle_s: float
) -> None:
    """One fresh server for ``app``: N sessions (timed loads, bytes, memory), zoom/pan, filter."""
    from benchmarks import browser_bench as bb
    from benchmarks.servers import serve

    with serve(app) as server:
        contexts: list[Any] = []
        rss_1: float | None = None
        last: tuple[Any, Any] | None = None
        try:
            if app.has("map") and (app.name, "map") not in results.unavailable:
                url = app.url(server.base_url, "map")
                with results.attempt(f"{app.name} /map run {run}", (app.name, "map")):
                    for i in range(sessions):
                        if results.out_of_time(f"{app.name} map session {i + 1} run {run}"):
                            break
                        context, page, probe, info = bb.open_map(
                            browser, url, app.name != "floor_map"
                        )
                        contexts.append(context)
                        key = (
                            "browser.map_interactive_first" if i == 0 else "browser.map_interactive"
                        )
                        results.add(key, app.name, info["ms"])
                        if i == min(1, sessions - 1):
                            bb.wait_quiet(page, probe)
                            for k, v in bb.payload(probe).items():
                                results.add(k, app.name, v)
                        if i == 0:
                            bb.wait_quiet(page, probe)
                            rss_1 = _rss_mb(server)
                        last = (page, probe)
                        results.detail(section="map", app=app.name, run=run, session=i + 1, **info)
                    log(
                        f"{app.name} map run {run}: first "
                        f"{fmt_ms(results, 'browser.map_interactive_first', app.name)}, then "
                        f"{fmt_ms(results, 'browser.map_interactive', app.name, sessions - 1)}"
                    )
            elif app.has("blank"):
                url = app.url(server.base_url, "blank")
                with results.attempt(f"{app.name} page run {run}"):
                    for i in range(sessions):
                        context, page, probe, _loaded = bb.open_blank(browser, url)
                        contexts.append(context)
                        last = (page, probe)
                        if i == 0:
                            bb.wait_quiet(page, probe)
                            rss_1 = _rss_mb(server)
                            for _ in range(3):
                                results.add(
                                    "browser.filter_change", app.name, bb.button_rerun(page, probe)
                                )
                    log(
                        f"blank run {run}: click → settled "
                        f"{fmt_ms(results, 'browser.filter_change', app.name, 3)}"
                    )
            if last is not None and rss_1 is not None and len(contexts) == sessions:
                bb.wait_quiet(*last)
                rss_n = _rss_mb(server)
                results.add("memory.rss_1", app.name, rss_1)
                results.add("memory.rss_n", app.name, rss_n)
                if sessions > 1:
                    per = per_extra_session(rss_1, rss_n, sessions)
                    results.add("memory.per_session", app.name, per)
                    log(
                        f"{app.name} memory run {run}: {rss_1:.0f} MB → {rss_n:.0f} MB, "
                        f"{per:.1f} MB/session"
                    )
            if app.has("map") and last is not None and len(contexts) == sessions:
                with results.attempt(f"{app.name} zoom/pan run {run}"):
                    moves = bb.zoom_and_pan(*last, settle_s=settle_s)
                    for action in ("zoom", "pan"):
                        value = float(moves[action]) if moves[f"{action}_moved"] else None
                        results.add(f"messages.{action}", app.name, value)
                    results.detail(section="messages", app=app.name, run=run, **moves)
                    log(f"{app.name} zoom/pan run {run}: {moves}")
        finally:
            for context in contexts:
                with suppress(Exception):
                    context.close()
        if app.has("timeline") and (app.name, "timeline") not in results.unavailable:
            url = app.url(server.base_url, "timeline")
            with results.attempt(f"{app.name} /timeline filter run {run}", (app.name, "timeline")):
                change = bb.filter_change(browser, url)
                results.add("browser.filter_change", app.name, change["ms"])
                results.detail(section="filter", app=app.name, run=run, **change)
                log(
                    f"{app.name} filter change run {run}: {change['ms']:.0f} ms "
                    f"({change['method']})"
                )


def fmt_ms(results: Results, key: str, app: str, last: int = 1) -> str:
    values = [v for v in results.samples[key][app][-last:] if v is not None]
    return ", ".join(f"{v:.0f} ms" for v in values) or "–"


def measure_in_browser(
    results: Results, runs: int, apps: set[str], sessions: int, settle_s: float
) -> str:
    """Sections 2-5; returns the Chromium version."""
    from playwright.sync_api import sync_playwright

    from benchmarks.browser_bench import launch

    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            for run in range(1, runs + 1):
                for name in BROWSER_APPS:
                    if name in apps and not results.out_of_time(f"{name} browser run {run}"):
                        with results.attempt(f"{name} browser run {run}"):
                            browser_run(results, browser, APPS[name], run, sessions, settle_s)
            version: str = browser.version
        finally:
            browser.close()
    return version


# --- files ---------------------------------------------------------------------------------


def is_full(args: argparse.Namespace) -> bool:
    """A run that counts towards #12's three consecutive runs: every section and build, at
    least 5 runs, not --quick."""
    every = names(args.only) == names(DEFAULT_SECTIONS) and names(args.apps) == set(report.APPS)
    return every and not args.quick and args.runs >= 5


def names(text: str) -> set[str]:
    """The names in a comma-separated option."""
    return {name.strip() for name in text.split(",") if name.strip()}


def write_results(
    results: Results, meta: dict[str, Any], full: bool, history_file: Path = history.HISTORY
) -> dict[str, Any]:
    """results.json, a line in the history (a full run only), and BENCHMARKS.md."""
    samples = {k: dict(v) for k, v in results.samples.items()}
    verdicts = report.verdicts(samples)
    data: dict[str, Any] = {
        "meta": meta,
        "units": UNITS,
        "samples": samples,
        "summary": report.summaries(samples),
        "verdicts": verdicts,
        "details": results.details,
        "errors": results.errors,
    }
    RESULTS_JSON.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    if full:
        history.append(history.entry(meta, verdicts), history_file)
    markdown = report_page.render_markdown(data, history.load(history_file))
    BENCHMARKS_MD.write_text(markdown, encoding="utf-8")
    return data


def _on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)  # unwinds through every `with serve(...)`: servers stop


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.run", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--quick", action="store_true", help="2 runs, short waits")
    parser.add_argument("--runs", type=int, default=None, help="runs of each measurement (5)")
    parser.add_argument("--sessions", type=int, default=10, help="open sessions for memory (10)")
    parser.add_argument(
        "--only",
        default=DEFAULT_SECTIONS,
        help="comma-separated sections: server (script time), browser (browser, payload, "
        "memory), import (incidents import speed), incidents (incidents page at 100,000 "
        "events: script time, map payload, memory)",
    )
    parser.add_argument(
        "--apps", default=",".join(report.APPS), help=f"subset of {','.join(report.APPS)}"
    )
    parser.add_argument(
        "--max-minutes",
        type=float,
        default=None,
        help="time budget: nothing new starts after it (60 full, 20 quick)",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="also profile the change run of each Gap Watch and naive page (pyinstrument)",
    )
    args = parser.parse_args(argv)
    if args.runs is None:
        args.runs = 2 if args.quick else 5
    if args.max_minutes is None:
        args.max_minutes = 20.0 if args.quick else 60.0
    if args.runs < 1 or args.sessions < 2:
        parser.error("need --runs >= 1 and --sessions >= 2")
    return args


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark, write the results, print the table."""
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, _on_sigterm)
    sections, apps = names(args.only), names(args.apps)
    unknown = apps - set(APPS)
    if unknown:
        raise SystemExit(f"unknown apps: {sorted(unknown)}")
    settle_s = 3.0 if args.quick else 5.0
    started = time.monotonic()
    commit = history.git_commit()
    load_before = [round(x, 2) for x in os.getloadavg()]
    log(f"mode {'quick' if args.quick else 'full'}: {args.runs} runs, {args.sessions} sessions")
    results = Results()
    results.deadline = started + args.max_minutes * 60
    chromium = "not run"
    if "server" in sections:
        measure_script_times(results, args.runs, apps, args.profile)
    if "browser" in sections:
        chromium = measure_in_browser(results, args.runs, apps, args.sessions, settle_s)
    if "import" in sections:
        measure_import(results, args.runs, apps)
    if "incidents" in sections:
        from benchmarks.incidents_page import measure_section

        # Without a browser section, the incidents rows' references are measured beside them.
        references = () if "browser" in sections else [a for a in INCIDENT_REFERENCES if a in apps]
        measure_section(
            results,
            args.runs,
            apps,
            args.sessions,
            args.profile,
            browser=True,
            references=references,
            settle_s=settle_s,
        )
    meta = machine(chromium)
    meta |= {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": commit,
        "mode": "quick" if args.quick else "full",
        "runs": args.runs,
        "sessions": args.sessions,
        "zoom_pan_settle_s": settle_s,
        "sections": sorted(sections),
        "apps": sorted(apps),
        "load_average_before": load_before,
        "duration_s": round(time.monotonic() - started),
        "command": command_line(args),
    }
    write_results(results, meta, is_full(args))
    sys.stdout.write(report.markdown_table(results.samples, sessions=args.sessions) + "\n")
    log(
        f"done in {meta['duration_s']} s; wrote {RESULTS_JSON.relative_to(ROOT)} and "
        f"{BENCHMARKS_MD.relative_to(ROOT)}; {len(results.errors)} error(s)"
    )
    return 0


def command_line(args: argparse.Namespace) -> str:
    """How to rerun exactly this."""
    parts = ["make bench"]
    extra: list[str] = []
    if args.quick:
        extra.append("--quick")
    elif args.runs != 5:
        extra.append(f"--runs {args.runs}")
    if args.sessions != 10:
        extra.append(f"--sessions {args.sessions}")
    if args.only != DEFAULT_SECTIONS:
        extra.append(f"--only {args.only}")
    if names(args.apps) != set(report.APPS):
        extra.append(f"--apps {args.apps}")
    if extra:
        parts.append(f"BENCH_ARGS='{' '.join(extra)}'")
    return " ".join(parts)


if __name__ == "__main__":
    raise SystemExit(main())
