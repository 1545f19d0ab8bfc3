"""Full benchmark runs kept one per line, and the last three side by side.

Issue #12 asks that every target hold in three consecutive full runs of ``make bench``. Each
full run of ``python -m benchmarks.run`` (not ``--quick``, not ``--only``/``--apps``, at least
5 runs) appends one JSON line to ``benchmarks/history.jsonl`` (committed): the date, the git
commit, the duration, and per target row Gap Watch's median, the reference value of each
target and the verdict. Partial runs append nothing: their samples are too few or too narrow
to count.

    python -m benchmarks.history          # the last three full runs, one column each
    python -m benchmarks.history --check  # the same; exits 1 unless every target held
    make bench-history

BENCHMARKS.md ends with the same table. Pure apart from reading and appending the file.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from benchmarks.apps import BENCH_DIR, ROOT
from benchmarks.report import _cell, format_number

HISTORY = BENCH_DIR / "history.jsonl"
#: Consecutive full runs in which every target must hold.
RUNS_TO_HOLD = 3
#: What a run writes itself: not counted when telling whether the tree was clean.
RUN_OUTPUTS = ("BENCHMARKS.md", "benchmarks/results.json", "benchmarks/history.jsonl")


def git_commit(root: Path = ROOT) -> str:
    """The checked-out commit, ``+dirty`` when files other than the run's outputs differ."""

    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False)
        return done.stdout.strip() if done.returncode == 0 else ""

    commit = git("rev-parse", "--short=10", "HEAD") or "unknown"
    excluded = [f":(exclude){path}" for path in RUN_OUTPUTS]
    dirty = git("status", "--porcelain", "--", ".", *excluded)
    return f"{commit}+dirty" if dirty else commit


def entry(meta: Mapping[str, Any], verdicts: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """One history line from a run's meta (date, commit, duration) and its verdicts."""
    return {
        "date": meta.get("date"),
        "commit": meta.get("commit"),
        "duration_s": meta.get("duration_s"),
        "targets": [
            {k: v.get(k) for k in ("row", "target", "median", "references", "status")}
            for v in verdicts
        ],
    }


def append(record: Mapping[str, Any], path: Path = HISTORY) -> None:
    """Add one full run at the end of the history."""
    with path.open("a", encoding="utf-8") as out:
        out.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")


def load(path: Path = HISTORY) -> list[dict[str, Any]]:
    """Every recorded full run, oldest first (none when the file does not exist yet)."""
    if not path.exists():
        return []
    runs = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                runs.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path.name}, line {number}: not JSON ({exc})") from exc
    return runs


def _key(target: Mapping[str, Any]) -> tuple[str, str]:
    # A row whose target changed is another target: older runs do not count for the new one.
    return str(target.get("row")), str(target.get("target"))


def _cell_text(target: Mapping[str, Any] | None) -> str:
    if target is None:
        return "not measured"
    median = target.get("median")
    value = "–" if median is None else format_number(float(median))
    return f"{value} ({target.get('status', '?')})"


def _by_target(
    runs: Sequence[Mapping[str, Any]],
) -> tuple[list[tuple[str, str]], list[dict[tuple[str, str], Mapping[str, Any]]]]:
    """Every target of ``runs`` (the newest run's order first) and each run's targets by key."""
    by_run = [{_key(t): t for t in run.get("targets", [])} for run in runs]
    return list(dict.fromkeys(k for targets in reversed(by_run) for k in targets)), by_run


def held(runs: Sequence[Mapping[str, Any]]) -> list[str]:
    """The targets that did not hold in every one of ``runs`` (empty: all held)."""
    keys, by_run = _by_target(runs)
    return [
        f"{row} ({target})"
        for row, target in keys
        if any(targets.get((row, target), {}).get("status") != "PASS" for targets in by_run)
    ]


def side_by_side(runs: Sequence[Mapping[str, Any]], count: int = RUNS_TO_HOLD) -> str:
    """The last ``count`` runs as a Markdown table (one column per run, each cell "median
    (PASS/MISS)"), then whether every target held in all of them."""
    last = list(runs)[-count:]
    if not last:
        return "No full run recorded yet: `make bench` (a full run) appends one."
    header = ["Target row", "Target"] + [
        f"{run.get('date', '?')}, `{run.get('commit', '?')}`, {run.get('duration_s', '?')} s"
        for run in last
    ]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    keys, by_run = _by_target(last)
    for row, target in keys:
        cells = [row, target] + [_cell_text(t.get((row, target))) for t in by_run]
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    missed = held(last)
    lines.append("")
    if len(last) < count:
        lines.append(
            f"Only {len(last)} full run(s) recorded: every target must hold in {count} "
            "consecutive full runs."
        )
    elif missed:
        lines.append(f"Not every target held in all {count} runs; missed at least once:")
        lines += [f"- {m}" for m in missed]
    else:
        lines.append(f"Every target held in all {count} runs.")
    return "\n".join(lines)


def all_held(runs: Sequence[Mapping[str, Any]], count: int = RUNS_TO_HOLD) -> bool:
    """Whether the last ``count`` runs exist and every target held in each of them."""
    return len(runs) >= count and not held(list(runs)[-count:])


def main(argv: list[str] | None = None) -> int:
    """Print the last three full runs side by side."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.history", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--file", type=Path, default=HISTORY, help="the history (JSON lines)")
    parser.add_argument("--check", action="store_true", help="exit 1 unless every target held")
    args = parser.parse_args(argv)
    runs = load(args.file)
    sys.stdout.write(side_by_side(runs) + "\n")
    return 1 if args.check and not all_held(runs) else 0


if __name__ == "__main__":
    raise SystemExit(main())
