"""Gap Watch now against an earlier commit of itself, in the browser, in one interleaved run.

    python -m benchmarks.compare e11401d               # 5 runs, 6 sessions per map load
    python -m benchmarks.compare e11401d --runs 2 --sessions 3

Why: a refactoring must leave the figures as they were (issue #8), and the floors move with the
machine from one day to the next, so an old BENCHMARKS.md is no baseline. This checks REV out
into ``benchmarks/results/tmp/compare-<commit>`` (a detached git worktree, git-ignored), serves it
and this checkout the same way as ``make bench`` (same virtualenv, same ``.streamlit``), and
takes the browser rows of ``make bench`` for both and for the floors, alternating which
Gap Watch goes first each run. Prints a Markdown table: median (min–max) per build.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Sequence

from benchmarks import report
from benchmarks.apps import APPS, ROOT, TMP_DIR, App
from benchmarks.results import Results, log
from benchmarks.run import browser_run
from benchmarks.stats import summarize

FLOORS: tuple[str, ...] = ("floor_map", "blank", "floor_chart")
#: (row label, results key, factor applied to the samples) for the table.
ROWS: tuple[tuple[str, str, float], ...] = (
    ("Navigation → interactive map, layers drawn (ms)", "browser.map_interactive", 1.0),
    ("↳ first load on a fresh server (ms)", "browser.map_interactive_first", 1.0),
    ("Filter change → updated chart; blank: click → settled (ms)", "browser.filter_change", 1.0),
    ("Map payload: map HTML/JS + map assets (KB)", "payload.map", 1 / 1024),
    ("↳ of which the map's HTML/JS (KB)", "payload.map_args", 1 / 1024),
    ("Memory per additional session (MB)", "memory.per_session", 1.0),
)


def checkout(rev: str) -> App:
    """A detached worktree of ``rev`` as a build named after it. The folder is named by the
    commit ``rev`` resolves to, so a branch that has moved on gets a fresh checkout."""
    commit = subprocess.run(
        ["git", "rev-parse", "--short=10", "--verify", f"{rev}^{{commit}}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    folder = TMP_DIR / f"compare-{commit}"
    if not (folder / "app.py").exists():
        subprocess.run(["git", "worktree", "prune"], cwd=ROOT, check=True)
        subprocess.run(
            ["git", "worktree", "add", "--detach", "--force", str(folder), commit],
            cwd=ROOT,
            check=True,
        )
    return App(f"rev {commit}", folder / "app.py", {"timeline": "timeline", "map": "map"})


def order(run: int, now: str, then: str) -> list[str]:
    """Both Gap Watch builds first, the earlier one first in every second run, then floors."""
    first = [now, then] if run % 2 else [then, now]
    return [*first, *FLOORS]


def table(results: Results, builds: Sequence[str]) -> str:
    """The Markdown table of every row for every build."""
    lines = [
        "| Measurement | " + " | ".join(builds) + " |",
        "|---|" + "---|" * len(builds),
    ]
    for label, key, factor in ROWS:
        cells = []
        for build in builds:
            samples = results.samples.get(key, {}).get(build, [])
            scaled = [None if v is None else v * factor for v in samples]
            cells.append(report.format_summary(summarize(scaled)))
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Measure, print the table and any problems."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.compare", description=__doc__)
    parser.add_argument("rev", help="the earlier commit to compare with")
    parser.add_argument("--runs", type=int, default=5, help="interleaved runs (5)")
    parser.add_argument("--sessions", type=int, default=6, help="map loads per run (6)")
    args = parser.parse_args(argv)
    if args.runs < 1 or args.sessions < 2:
        parser.error("need --runs >= 1 and --sessions >= 2")
    earlier = checkout(args.rev)
    builds = {**APPS, earlier.name: earlier}
    from playwright.sync_api import sync_playwright

    from benchmarks.browser_bench import launch

    results = Results()
    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            for run in range(1, args.runs + 1):
                for name in order(run, "gapwatch", earlier.name):
                    with results.attempt(f"{name} run {run}"):
                        browser_run(results, browser, builds[name], run, args.sessions, 5.0)
        finally:
            browser.close()
    log("done")
    sys.stdout.write(table(results, ["gapwatch", earlier.name, *FLOORS]) + "\n")
    for problem in results.errors:
        sys.stdout.write(f"- {problem}\n")
    return 1 if results.errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
