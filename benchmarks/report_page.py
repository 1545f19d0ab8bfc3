"""BENCHMARKS.md: the table (benchmarks/report.py), how each row was measured, and on what."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from benchmarks.history import RUNS_TO_HOLD, side_by_side
from benchmarks.report import Samples, _cell, markdown_table, verdicts

HOW_MEASURED = """\
- **Server script** rows: `streamlit.testing.v1.AppTest` in a fresh Python process per sample
  (`benchmarks/script_time.py`). *cold* is the first run in that process, landing directly on
  the page (caches empty, page modules not yet imported); *warm* the same page run again; the
  *change* row a rerun after the reader's interaction: on /timeline selecting the place Erbil in
  the place filter, on /map setting the gap width to 5 km. The floors' numbers are their only
  page: the blank page after a button click, the map floor after a plain rerun, the chart floor
  after picking Erbil in its multiselect. Times include AppTest's own overhead, the same for
  every build (the blank page shows it).
- **Map payload**: what the browser receives for the map while the page loads, until it is
  quiet: the map's generated HTML/JS, which `st_folium` sends through the websocket as component
  arguments (decoded from Streamlit's protobuf messages), plus every file the map's iframe loads
  besides `st_folium`'s own frontend (Leaflet, jQuery, CSS, images). `st_folium`'s frontend
  (its index.html, JS bundle and bootstrap.css) is the same for every map and shown apart.
  Sizes are decoded bytes: HTTP bodies after decompression, websocket payloads.
- **Navigation → interactive map**: Chromium (headless, a fresh context so the cache is empty),
  from navigation start to the first moment the Leaflet map in the `st_folium` iframe exists, is
  sized and has drawn its layers (the empty floor map has none), unchanged for 0.5 s after
  (`performance.now()` in the page). The first load after a server start is shown apart; the
  main row is every later load.
- **Filter change → updated chart**: on /timeline, from the pointer going down on the option
  "Erbil" of the place filter to the first frame where the plotly chart's bars have changed and
  the app is `notRunning`. Blank page: from the pointer going down on its button to
  `notRunning` after the rerun: the framework's rerun round trip. The chart floor (one
  multiselect, one small plotly bar chart) gets the timeline's interaction, measured the same
  way: the least this interaction can cost with Streamlit and plotly on this machine.
- **Incidents page, navigation and width change** (Gap Watch only: the naive page takes
  minutes per load): `/incidents?dataset=synthetic-100k` with 100,000 synthetic events, a fresh
  server per run and a fresh context per load; navigation measured like the map page's (first
  load apart). The width change: the band-width slider (found by its role and range) focused
  and moved one step by an arrow key, from the key going down to the first frame where a
  script run has finished, the app is `notRunning`, and both the band drawn on the map and the
  distance histogram's band have changed. Held against the one-map floor's navigation and the
  blank page's round trip of the same run.
- **Messages per zoom / pan**: websocket frames the page sends in the seconds after
  `map.setZoom(zoom + 1)` / `map.panBy([150, 100])` inside the map's iframe, decoded; keep-alive
  heartbeats are not counted. A zoom or pan that did not move the map is not counted either.
- **Memory**: resident memory (RSS) of the Streamlit server process and its children (psutil),
  with 1 and with N browser sessions open on the map page (the blank page for the blank floor),
  each fully loaded; per additional session = (RSS N − RSS 1) / (N − 1). A fresh server per run.
- Every build is served the same way: `streamlit run` with the repository's
  `.streamlit/config.toml`, on a free loopback port, no internet. The naive build and the map
  floor load Leaflet and jQuery from the app like Gap Watch (`components.assets.offline_map`):
  from a CDN their maps would never load on a closed network, so there is no lower floor.
"""


def _machine_table(meta: Mapping[str, object]) -> str:
    rows = [
        ("CPU", meta.get("cpu")),
        ("Cores available (nproc)", meta.get("nproc")),
        ("RAM (GiB)", meta.get("ram_gib")),
        ("OS", meta.get("os")),
        ("Python", meta.get("python")),
        ("Streamlit", meta.get("streamlit")),
        ("streamlit-folium / folium", f"{meta.get('streamlit-folium')} / {meta.get('folium')}"),
        ("plotly", meta.get("plotly")),
        ("Chromium (Playwright)", f"{meta.get('chromium')} ({meta.get('playwright')})"),
        (
            "Load average before / after",
            f"{meta.get('load_average_before')} / {meta.get('load_average')}",
        ),
    ]
    lines = ["| | |", "|---|---|"]
    lines += [f"| {name} | {_cell(str(value))} |" for name, value in rows]
    return "\n".join(lines)


def _methods(details: Sequence[Mapping[str, object]]) -> list[str]:
    """How each interaction was made, once per build and page (widgets are found at run time)."""
    seen: dict[str, str] = {}
    for d in details:
        if d.get("section") == "server" and d.get("change_method"):
            seen.setdefault(f"server {d.get('app')} {d.get('role')}", str(d["change_method"]))
        if d.get("section") == "filter" and d.get("method"):
            seen.setdefault(f"browser {d.get('app')} /timeline", str(d["method"]))
    return [f"{where}: {how}" for where, how in seen.items()]


def render_markdown(
    data: Mapping[str, object], history_runs: Sequence[Mapping[str, Any]] = ()
) -> str:
    """BENCHMARKS.md: the table, how it was measured, the machine, the date, how to rerun, and
    the last three full runs side by side (``history_runs``, oldest first)."""
    meta: Mapping[str, object] = data.get("meta", {})  # type: ignore[assignment]
    samples: Samples = data.get("samples", {})  # type: ignore[assignment]
    details: Sequence[Mapping[str, object]] = data.get("details", [])  # type: ignore[assignment]
    errors: Sequence[str] = data.get("errors", [])  # type: ignore[assignment]
    sessions = int(str(meta.get("sessions", 10)))
    mode = meta.get("mode", "?")
    runs = meta.get("runs", "?")
    if mode == "quick":
        mode_text = (
            f"**quick** ({runs} runs each), a check that the harness works end to end: too few "
            "samples to judge by; the full run (`make bench`, 5 runs) gives the numbers to quote"
        )
    else:
        mode_text = f"**{mode}** ({runs} runs each)"
    missed = [v for v in verdicts(samples) if v["status"] == "MISS"]
    unknown = [v for v in verdicts(samples) if v["status"] == "N/A"]
    parts = [
        "# Benchmarks",
        "",
        "Gap Watch as shipped, beside a naive build of the same map and timeline "
        "(`benchmarks/naive_app.py`) and the framework's floor (a blank page with one button; a "
        "page with one empty folium map; a page with one multiselect and one plotly chart), "
        "measured in one run on one machine. Generated by "
        "`python -m benchmarks.run` (`make bench`): do not edit by hand.",
        "",
        f"- Date: {meta.get('date', '?')}; duration {meta.get('duration_s', '?')} s.",
        f"- Mode: {mode_text}.",
        f"- Command: `{meta.get('command', 'make bench')}`; "
        "raw samples in `benchmarks/results.json`.",
        f"- Targets missed: {len(missed)}; not measurable in this run: {len(unknown)}.",
        "",
        "## Results",
        "",
        "Each cell: median (min–max) of the samples. Targets apply to Gap Watch's median (zoom and "
        "pan: to every sample).",
        "",
        markdown_table(samples, sessions=sessions),
        "",
        "## How each row is measured",
        "",
        HOW_MEASURED,
        "## Machine",
        "",
        _machine_table(meta),
        "",
    ]
    methods = _methods(details)
    if methods:
        parts += ["## Interactions used", "", *[f"- {m}" for m in methods], ""]
    if errors:
        parts += ["## Problems during the run", "", *[f"- {_cell(e)}" for e in errors], ""]
    parts += [
        "## Rerun",
        "",
        "```sh",
        "make bench                          # full: 5 runs, 10 sessions",
        "make bench BENCH_ARGS=--quick       # 2 runs: checks the harness",
        "make bench BENCH_ARGS='--only server --profile'   # script times + pyinstrument profiles",
        "```",
        "",
        "See `benchmarks/README.md` for the options and what each build contains.",
        "",
        f"## The last {RUNS_TO_HOLD} full runs",
        "",
        f"Every target must hold in {RUNS_TO_HOLD} consecutive full runs (issue #12). Each full "
        "run (`make bench`, not `--quick`, `--only` or `--apps`) appends a line to "
        "`benchmarks/history.jsonl`; `make bench-history` prints this table. Each cell: "
        "Gap Watch's median (verdict).",
        "",
        side_by_side(history_runs),
        "",
    ]
    return "\n".join(parts)
