"""Issue #12's three consecutive full runs: what a full run records, what a partial run does
not, and how the last three are printed side by side (benchmarks/history.py). Fixture data
only: no benchmark is run here."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from benchmarks import history, report, run
from benchmarks.run import is_full, parse_args


def _run(date: str, *statuses: str, medians: tuple[float, ...] = (2000.0, 300.0)) -> dict[str, Any]:
    rows = ["Incidents page: navigation (ms)", "Incidents page: width change (ms)"]
    return {
        "date": date,
        "commit": "abc1234567",
        "duration_s": 900,
        "targets": [
            {"row": r, "target": "≤ 1.5× floor", "median": m, "references": [1500.0], "status": s}
            for r, m, s in zip(rows, medians, statuses, strict=True)
        ],
    }


def test_history_keeps_each_full_run_as_one_line(tmp_path: Path) -> None:
    path = tmp_path / "history.jsonl"
    assert history.load(path) == []
    samples = {
        "incidents.browser.map_interactive": {"gapwatch": [2000.0]},
        "browser.map_interactive": {"floor_map": [1500.0]},
    }
    meta = {"date": "2026-12-01 10:00 UTC", "commit": "abc", "duration_s": 1200}
    history.append(history.entry(meta, report.verdicts(samples)), path)
    history.append(_run("2026-12-02", "PASS", "PASS"), path)
    first, second = history.load(path)
    assert (first["date"], first["commit"], first["duration_s"]) == (meta["date"], "abc", 1200)
    nav = next(t for t in first["targets"] if t["row"].startswith("Incidents page: navigation"))
    assert (nav["median"], nav["references"], nav["status"]) == (2000.0, [1500.0], "PASS")
    width = next(t for t in first["targets"] if "width change" in t["row"])
    assert (width["median"], width["references"], width["status"]) == (None, [None], "N/A")
    assert second["date"] == "2026-12-02"
    assert len(path.read_text(encoding="utf-8").splitlines()) == 2


def test_three_runs_side_by_side_say_whether_every_target_held() -> None:
    runs = [_run("d0", "MISS", "MISS"), *(_run(f"d{i}", "PASS", "PASS") for i in (1, 2, 3))]
    text = history.side_by_side(runs)
    header = text.splitlines()[0]
    assert "d1" in header and "d3" in header and "d0" not in header  # the last three only
    assert (
        "| Incidents page: navigation (ms) | ≤ 1.5× floor | 2,000 (PASS) | 2,000 (PASS) |" in text
    )
    assert text.endswith("Every target held in all 3 runs.")
    assert history.all_held(runs)


def test_one_miss_in_the_last_three_runs_is_named() -> None:
    runs = [_run("d1", "PASS", "PASS"), _run("d2", "PASS", "MISS"), _run("d3", "PASS", "PASS")]
    text = history.side_by_side(runs)
    assert "300 (MISS)" in text
    assert "- Incidents page: width change (ms) (≤ 1.5× floor)" in text
    assert "navigation (ms) (≤" not in text
    assert not history.all_held(runs)


def test_fewer_than_three_runs_never_hold() -> None:
    runs = [_run("d1", "PASS", "PASS"), _run("d2", "PASS", "PASS")]
    assert "Only 2 full run(s) recorded" in history.side_by_side(runs)
    assert not history.all_held(runs)
    assert "No full run recorded yet" in history.side_by_side([])


def test_a_changed_target_does_not_count_runs_made_under_the_old_one() -> None:
    old = _run("d1", "PASS", "PASS")
    for target in old["targets"]:
        target["target"] = "≤ 3× floor"
    runs = [old, _run("d2", "PASS", "PASS"), _run("d3", "PASS", "PASS")]
    assert not history.all_held(runs)
    assert "not measured" in history.side_by_side(runs)


def test_history_check_exits_1_unless_every_target_held(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "history.jsonl"
    for day in ("d1", "d2", "d3"):
        history.append(_run(day, "PASS", "PASS"), path)
    assert history.main(["--file", str(path), "--check"]) == 0
    history.append(_run("d4", "PASS", "MISS"), path)
    assert history.main(["--file", str(path), "--check"]) == 1
    assert history.main(["--file", str(path)]) == 0  # printing alone does not fail
    assert "d4" in capsys.readouterr().out


@pytest.mark.parametrize(
    "argv",
    [["--quick"], ["--only", "incidents"], ["--apps", "gapwatch,blank,floor_map"], ["--runs", "3"]],
)
def test_a_partial_run_is_not_a_full_one(argv: list[str]) -> None:
    assert is_full(parse_args([]))
    assert not is_full(parse_args(argv))


@pytest.mark.parametrize(("full", "lines"), [(False, 0), (True, 1)])
def test_only_a_full_run_appends_to_the_history(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, full: bool, lines: int
) -> None:
    monkeypatch.setattr(run, "RESULTS_JSON", tmp_path / "results.json")
    monkeypatch.setattr(run, "BENCHMARKS_MD", tmp_path / "BENCHMARKS.md")
    path = tmp_path / "history.jsonl"
    results = run.Results()
    results.add("incidents.browser.width_change", "gapwatch", 300.0)
    results.add("browser.filter_change", "blank", 110.0)
    meta = {"date": "d9", "commit": "c", "duration_s": 1, "mode": "full", "runs": 5}
    run.write_results(results, meta, full, history_file=path)
    assert len(history.load(path)) == lines
    markdown = (tmp_path / "BENCHMARKS.md").read_text(encoding="utf-8")
    assert markdown.rstrip().endswith(
        "Only 1 full run(s) recorded: every target must hold in 3 consecutive full runs."
        if full
        else "No full run recorded yet: `make bench` (a full run) appends one."
    )
