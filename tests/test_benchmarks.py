"""The benchmark harness's pure parts: statistics, the table, the verdicts, message decoding.

No timing here: timings belong in `make bench`, never in a test. These tests make sure that
what the benchmark prints follows from what it measured: a target is PASS only when the
numbers meet it, a failed sample is dropped rather than averaged in, and a rerun message is
counted while a keep-alive is not.
"""

from __future__ import annotations

import math
import os
from pathlib import Path

import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from benchmarks import compare, incidents_browser, incidents_page, report, report_page
from benchmarks.apps import APPS, App, launcher
from benchmarks.browser_bench import Probe, _folium_args_bytes
from benchmarks.report import ROWS, Row, Target, check, format_number, format_summary
from benchmarks.results import Results
from benchmarks.run import command_line, parse_args
from benchmarks.stats import per_extra_session, summarize


def test_summary_has_median_quartiles_and_range() -> None:
    s = summarize([5, 1, 3, 2, 4])
    assert (s.n, s.median, s.min, s.max) == (5, 3, 1, 5)
    assert (s.q1, s.q3, s.iqr) == (2, 4, 2)


def test_summary_of_an_even_count_takes_the_middle_pair() -> None:
    assert summarize([10, 20, 30, 40]).median == 25


def test_failed_samples_are_dropped_not_averaged() -> None:
    s = summarize([None, 100.0, math.nan, 300.0])
    assert s.n == 2
    assert s.median == 200


def test_nothing_measured_is_empty_not_zero() -> None:
    s = summarize([None])
    assert s.empty
    assert math.isnan(s.median)
    assert s.to_dict()["median"] is None  # JSON has no NaN


def test_memory_per_session_is_the_increment_over_the_first() -> None:
    assert per_extra_session(200.0, 227.0, 10) == pytest.approx(3.0)
    with pytest.raises(ValueError, match="2 sessions"):
        per_extra_session(200.0, 210.0, 1)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0, "0"),
        (0.0421, "0.042"),
        (4.217, "4.22"),
        (42.44, "42.4"),
        (424.4, "424"),
        (4240, "4,240"),
    ],
)
def test_numbers_keep_three_significant_figures(value: float, text: str) -> None:
    assert format_number(value) == text


def test_a_cell_shows_median_and_range() -> None:
    assert format_summary(summarize([100, 120, 200])) == "120 (100–200)"
    assert format_summary(summarize([7, 7])) == "7.00"
    assert format_summary(summarize([])) == "–"


RATIO_ROW = Row(
    "x", "ms", {"gapwatch": "k", "naive": "k"}, (Target("ratio", factor=0.5, reference="naive"),)
)


def test_ratio_target_passes_at_or_under_the_bound_and_misses_over_it() -> None:
    assert check(RATIO_ROW, {"k": {"gapwatch": [50.0], "naive": [100.0]}}).status == "PASS"
    verdict = check(RATIO_ROW, {"k": {"gapwatch": [51.0, 60.0, 70.0], "naive": [100.0]}})
    assert verdict.status == "MISS"
    assert verdict.detail == "60.0 > 0.5 × 100 = 50.0"


def test_a_target_without_numbers_is_not_a_pass() -> None:
    assert check(RATIO_ROW, {"k": {"naive": [100.0]}}).status == "N/A"
    assert check(RATIO_ROW, {"k": {"gapwatch": [10.0]}}).status == "N/A"


def test_zero_messages_means_every_sample_not_the_median() -> None:
    row = Row("m", "count", {"gapwatch": "m"}, (Target("zero"),))
    assert check(row, {"m": {"gapwatch": [0, 0, 0]}}).status == "PASS"
    assert check(row, {"m": {"gapwatch": [0, 0, 1]}}).status == "MISS"


def test_payload_needs_both_the_ratio_and_the_absolute_limit() -> None:
    row = next(r for r in ROWS if r.keys.get("gapwatch") == "payload.map")
    kb = 1024
    both = {"payload.map": {"gapwatch": [150 * kb], "naive": [1000 * kb]}}
    assert check(row, both).status == "PASS"
    ratio_only = {"payload.map": {"gapwatch": [650 * kb], "naive": [3000 * kb]}}
    assert check(row, ratio_only).status == "MISS"  # 650 KB: under 0.3x but not under 600 KB
    limit_only = {"payload.map": {"gapwatch": [500 * kb], "naive": [1000 * kb]}}
    assert check(row, limit_only).status == "MISS"


def test_a_rate_passes_at_or_above_its_floor() -> None:
    (row,) = [r for r in ROWS if r.keys.get("gapwatch") == "import.rows_per_s"]
    assert check(row, {"import.rows_per_s": {"gapwatch": [60_000.0]}}).status == "PASS"
    assert check(row, {"import.rows_per_s": {"gapwatch": [40_000.0]}}).status == "MISS"


def test_every_target_of_the_issue_is_in_the_table() -> None:
    targets = {(r.keys["gapwatch"], t.kind, t.factor, t.limit) for r in ROWS for t in r.targets}
    assert targets == {
        ("server.timeline.change", "ratio", 0.5, math.inf),
        ("server.map.change", "ratio", 0.5, math.inf),
        ("browser.filter_change", "ratio", 2, math.inf),
        ("payload.map", "ratio", 0.3, math.inf),
        ("payload.map", "below", 1.0, 600),
        ("browser.map_interactive", "ratio", 1.1, math.inf),
        ("messages.zoom", "zero", 1.0, math.inf),
        ("messages.pan", "zero", 1.0, math.inf),
        ("memory.per_session", "below", 1.0, 30),
        ("import.rows_per_s", "above", 1.0, 50_000),
        ("incidents.server.width", "ratio", 0.5, math.inf),
        ("incidents.server.width", "below", 1.0, 300),
        ("incidents.server.filter", "ratio", 0.5, math.inf),
        ("incidents.server.filter", "below", 1.0, 300),
        ("incidents.payload", "below", 1.0, 1024),
        ("incidents.memory.per_session", "below", 1.0, 30),
        ("incidents.browser.map_interactive", "ratio", 1.5, math.inf),
        ("incidents.browser.width_change", "ratio", 3, math.inf),
    }


def test_table_has_one_column_per_build_and_a_verdict() -> None:
    samples = {
        "server.timeline.change": {"gapwatch": [10.0, 12.0], "naive": [40.0, 44.0]},
        "server.floor.change": {"blank": [2.0], "floor_map": [3.0]},
    }
    table = report.markdown_table(samples, sessions=10).splitlines()
    assert table[0] == (
        "| Measurement | Gap Watch | naive build | floor: blank page | floor: one empty map "
        "| floor: multiselect + chart | Target (Gap Watch) | Verdict |"
    )
    row = next(line for line in table if "/timeline, after a filter change" in line)
    assert "| 11.0 (10.0–12.0) | 42.0 (40.0–44.0) | 2.00 | 3.00 |" in row
    assert "**PASS** (11.0 ≤ 0.5 × 42.0 = 21.0)" in row
    assert any("Server RSS, 10 sessions" in line for line in table)


def test_benchmarks_md_says_mode_machine_problems_and_how_to_rerun() -> None:
    data = {
        "meta": {"mode": "quick", "runs": 2, "sessions": 10, "cpu": "Test CPU", "nproc": 2},
        "samples": {},
        "details": [
            {"section": "server", "app": "gapwatch", "role": "timeline", "change_method": "m"}
        ],
        "errors": ["gapwatch /map run 1: MissingFeature: no st_folium map"],
    }
    text = report_page.render_markdown(data)
    assert "**quick** (2 runs each)" in text
    assert "| CPU | Test CPU |" in text
    assert "- server gapwatch timeline: m" in text
    assert "no st_folium map" in text
    assert "make bench" in text


def _folium_element(name: str, json_args: str) -> ForwardMsg:
    msg = ForwardMsg()
    instance = msg.delta.new_element.component_instance
    instance.component_name = name
    instance.json_args = json_args
    return msg


def test_map_payload_counts_only_st_folium_arguments() -> None:
    args = '{"script": "' + "x" * 1000 + '"}'
    assert _folium_args_bytes(_folium_element("streamlit_folium.st_folium", args)) == len(args)
    assert _folium_args_bytes(_folium_element("other.component", args)) == 0
    text = ForwardMsg()
    text.delta.new_element.markdown.body = "hello"
    assert _folium_args_bytes(text) == 0


def test_heartbeats_are_told_apart_from_reruns() -> None:
    probe = Probe()
    rerun = BackMsg()
    rerun.rerun_script.query_string = ""
    heartbeat = BackMsg(app_heartbeat=True)
    probe.sent += [rerun.SerializeToString(), heartbeat.SerializeToString()]
    assert probe.sent_types() == {"rerun_script": 1, "app_heartbeat": 1}
    assert probe.sent_types(start=1) == {"app_heartbeat": 1}


def test_apps_have_the_pages_the_benchmark_opens() -> None:
    assert APPS["gapwatch"].url("http://h:1", "map") == "http://h:1/map"
    assert APPS["gapwatch"].url("http://h:1", "timeline") == "http://h:1/timeline"
    assert APPS["naive"].has("timeline") and APPS["naive"].has("map")
    assert not APPS["floor_map"].has("timeline")
    for app in APPS.values():
        assert app.script.is_file()


def test_quick_mode_is_two_runs_and_says_how_to_rerun_it() -> None:
    args = parse_args(["--quick"])
    assert args.runs == 2
    assert command_line(args) == "make bench BENCH_ARGS='--quick'"
    assert parse_args([]).runs == 5
    assert command_line(parse_args([])) == "make bench"


# --- section incidents: the incidents page at 100,000 events ------------------------------


@pytest.mark.parametrize("key", ["incidents.server.width", "incidents.server.filter"])
def test_an_incidents_change_needs_half_the_naive_time_and_300_ms(key: str) -> None:
    (row,) = [r for r in ROWS if r.keys.get("gapwatch") == key]
    assert check(row, {key: {"gapwatch": [250.0], "naive": [9000.0]}}).status == "PASS"
    assert check(row, {key: {"gapwatch": [350.0], "naive": [9000.0]}}).status == "MISS"
    assert check(row, {key: {"gapwatch": [250.0], "naive": [400.0]}}).status == "MISS"


def test_incidents_map_payload_must_stay_under_one_megabyte() -> None:
    (row,) = [r for r in ROWS if r.keys.get("gapwatch") == "incidents.payload"]
    assert check(row, {"incidents.payload": {"gapwatch": [900 * 1024.0]}}).status == "PASS"
    assert check(row, {"incidents.payload": {"gapwatch": [1100 * 1024.0]}}).status == "MISS"


def test_incidents_rows_stand_side_by_side_in_the_table() -> None:
    samples = {"incidents.server.width": {"gapwatch": [120.0], "naive": [30_000.0]}}
    table = report.markdown_table(samples, sessions=10).splitlines()
    row = next(line for line in table if "Incidents page, after a gap-width change" in line)
    assert "| 120 | 30,000 |" in row
    assert "**PASS**" in row


def test_incidents_payload_counts_only_the_folium_component() -> None:
    args = '{"script": "' + "x" * 500 + '"}'
    assert (
        incidents_page.component_args_bytes("streamlit_folium.st_folium", args, [b"ab"])
        == len(args) + 2
    )
    assert incidents_page.component_args_bytes("other.component", args, [b"ab"]) == 0


def test_incidents_worker_result_is_its_last_result_line() -> None:
    out = 'noise\nBENCH_RESULT {"cold": 1}\nBENCH_RESULT {"cold": 2}\nbye\n'
    assert incidents_page.parse_result(out) == {"cold": 2}
    assert incidents_page.parse_result("Traceback ...\n") is None


def test_gapwatch_opens_the_synthetic_dataset_and_naive_its_only_page() -> None:
    assert incidents_page.page_url("http://h:1", "gapwatch") == (
        "http://h:1/incidents?dataset=synthetic-100k"
    )
    assert incidents_page.page_url("http://h:1", "naive") == "http://h:1/"
    for app in incidents_page.BUILDS.values():
        assert app.script.is_file()


def test_the_environment_is_restored_after_a_server(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GAPWATCH_STORE", "/before")
    monkeypatch.delenv("GAPWATCH_BENCH_INCIDENTS_CSV", raising=False)
    prepared = incidents_page.Prepared(csv=Path("/tmp/x.csv"), store=Path("/tmp/store"))
    with incidents_page.environment(prepared.env()):
        assert os.environ["GAPWATCH_STORE"] == "/tmp/store"
        assert os.environ["GAPWATCH_BENCH_INCIDENTS_CSV"] == "/tmp/x.csv"
    assert os.environ["GAPWATCH_STORE"] == "/before"
    assert "GAPWATCH_BENCH_INCIDENTS_CSV" not in os.environ


def test_the_incidents_section_runs_by_default_and_alone() -> None:
    assert "incidents" in parse_args([]).only.split(",")
    args = parse_args(["--only", "incidents", "--quick"])
    assert command_line(args) == "make bench BENCH_ARGS='--quick --only incidents'"


# --- the incidents page in the browser (issue #12's targets) -------------------------------


def _row(key: str) -> Row:
    (row,) = [r for r in ROWS if r.keys.get("gapwatch") == key and r.targets]
    return row


def test_incidents_navigation_is_held_against_one_and_a_half_one_map_floors() -> None:
    row = _row("incidents.browser.map_interactive")
    floor = {"floor_map": [1600.0, 1700.0, 1800.0]}
    ok = {
        "incidents.browser.map_interactive": {"gapwatch": [2550.0]},
        "browser.map_interactive": floor,
    }
    assert check(row, ok).status == "PASS"  # 2,550 = 1.5 x 1,700
    slow = {
        "incidents.browser.map_interactive": {"gapwatch": [2600.0]},
        "browser.map_interactive": floor,
    }
    assert check(row, slow).status == "MISS"


def test_incidents_width_change_is_held_against_three_blank_round_trips() -> None:
    row = _row("incidents.browser.width_change")
    blank = {"blank": [100.0, 110.0, 120.0]}
    assert (
        check(
            row,
            {
                "incidents.browser.width_change": {"gapwatch": [330.0]},
                "browser.filter_change": blank,
            },
        ).status
        == "PASS"
    )
    assert (
        check(
            row,
            {
                "incidents.browser.width_change": {"gapwatch": [331.0]},
                "browser.filter_change": blank,
            },
        ).status
        == "MISS"
    )


def test_without_the_floor_rows_the_incidents_targets_name_what_is_missing() -> None:
    samples = {
        "incidents.browser.map_interactive": {"gapwatch": [2000.0]},
        "incidents.browser.width_change": {"gapwatch": [300.0]},
    }
    table = report.markdown_table(samples)
    assert "N/A (no measurement for floor: one empty map)" in table
    assert "N/A (no measurement for floor: blank page)" in table


def test_the_floors_stand_beside_the_incidents_rows_in_the_table() -> None:
    samples = {
        "incidents.browser.map_interactive": {"gapwatch": [2000.0]},
        "browser.map_interactive": {"floor_map": [1500.0], "gapwatch": [1600.0]},
    }
    table = report.markdown_table(samples).splitlines()
    row = next(line for line in table if line.startswith("| Incidents page: navigation"))
    assert "| 2,000 | – | – | 1,500 | – |" in row  # not the map page's 1,600
    assert "**PASS** (2,000 ≤ 1.5 × 1,500 = 2,250)" in row


@pytest.mark.parametrize(
    ("value", "upward", "key"),
    [
        (10.0, True, "ArrowRight"),
        (10.5, False, "ArrowLeft"),
        (20.0, True, "ArrowLeft"),
        (1.0, False, "ArrowRight"),
    ],
)
def test_the_width_slider_steps_inside_its_range(value: float, upward: bool, key: str) -> None:
    assert incidents_browser.step_key(value, upward) == key


def test_a_comparison_alternates_which_gap_watch_goes_first() -> None:
    assert compare.order(1, "gapwatch", "rev old")[:2] == ["gapwatch", "rev old"]
    assert compare.order(2, "gapwatch", "rev old")[:2] == ["rev old", "gapwatch"]
    assert compare.order(2, "gapwatch", "rev old")[2:] == list(compare.FLOORS)


def test_a_comparison_table_puts_both_commits_side_by_side_in_kilobytes() -> None:
    results = Results()
    for value in (2048.0, 4096.0, 3072.0):
        results.add("payload.map", "gapwatch", value)
    results.add("payload.map", "rev old", 1024.0)
    results.add("browser.map_interactive", "rev old", None)  # a failed sample is not a number
    lines = compare.table(results, ["gapwatch", "rev old"]).splitlines()
    assert lines[0] == "| Measurement | gapwatch | rev old |"
    payload = next(line for line in lines if line.startswith("| Map payload"))
    assert payload.endswith("| 3.00 (2.00–4.00) | 1.00 |")
    navigation = next(line for line in lines if line.startswith("| Navigation"))
    assert navigation.endswith("| – | – |")


def test_an_earlier_commit_is_served_as_its_own_app_py(tmp_path: Path) -> None:
    earlier = App("rev old", tmp_path / "app.py", {"map": "map"})
    assert launcher(earlier) == earlier.script
    assert (earlier.script.parent / "static" / "vendor" / "leaflet").is_dir()
