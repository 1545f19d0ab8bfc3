"""Where the time goes: a phase-by-phase breakdown of the two browser interactions the
benchmark times, for Gap Watch's pages beside the framework's floors.

    python -m benchmarks.trace                      # /map and /timeline, 5 samples each
    python -m benchmarks.trace --runs 3 --pages map
    python -m benchmarks.trace --pages incidents    # the incidents page at 100,000 events
    python -m benchmarks.trace --pages floors --runs 7   # the feature floors against #12

`--pages floors` measures the feature floors, the fewest elements each page's features need
(`floor_map_slider.py`, `floor_chart.py`, `floor_incidents.py`), beside the floors #12's
targets are held against (the one empty map, the blank page's round trip), interleaved, and
prints each feature floor's ratio beside its target: a target below its feature floor cannot
be met by any page with those features on this framework and machine.

Navigation → interactive map, per page (medians, ms from navigation start): the first
websocket message, the script's end (``script_finished``), the moment the st_folium iframe is
created, its document loaded, Leaflet's map drawn and stable (the benchmark's own predicate),
plus the long tasks of the top frame and the element chunks Streamlit loads lazily after the
first message. Filter change → chart, on /timeline and the chart floor: pointer down → first
message back → ``script_finished`` → chart redrawn, with the messages and bytes received.

The numbers are for reading, not verdicts: run it on a quiet machine; `make bench` remains
the measurement of record (benchmarks/README.md holds the breakdown it produced).
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
from collections.abc import Callable
from functools import partial
from typing import Any

from playwright.sync_api import Browser, sync_playwright

from benchmarks import browser_bench as bb
from benchmarks import incidents_browser, incidents_page
from benchmarks.apps import APPS
from benchmarks.page_js import CHART_SIG_JS, RERUN_DONE_JS, RESET_INPUT_JS, SCRIPT_FINISHED_FIELD
from benchmarks.servers import serve

# The top frame's own record, besides benchmarks.page_js.INIT_JS: when the map's iframe
# appears, and the long tasks (main thread blocked > 50 ms).
_EXTRA_INIT_JS = """(() => { if (window.top !== window) return;
  const b = window.__bench;
  b.long = [];
  new MutationObserver(() => {
    if (!b.iframeAt && document.querySelector('iframe[title="streamlit_folium.st_folium"]'))
      b.iframeAt = performance.now();
  }).observe(document, {childList: true, subtree: true});
  try { new PerformanceObserver((list) => {
    for (const e of list.getEntries()) b.long.push([e.startTime, e.duration]);
  }).observe({type: 'longtask', buffered: true}); } catch (e) {}
})();"""

_COLLECT_JS = f"""() => {{
  const b = window.__bench, FINISHED = {SCRIPT_FINISHED_FIELD};
  const out = {{first_msg: b.msgs.length ? b.msgs[0][0] : null,
    finished: (b.msgs.find(([t, f]) => f.includes(FINISHED)) || [null])[0],
    iframe_at: b.iframeAt || null,
    long_ms: b.long.reduce((s, [t, d]) => s + d, 0)}};
  const first = out.first_msg || 0;
  out.lazy_chunks = performance.getEntriesByType('resource')
    .filter(r => r.name.endsWith('.js') && r.startTime >= first).length;
  const f = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
  if (f && f.contentWindow) {{
    const w = f.contentWindow;
    const shift = w.performance.timeOrigin - performance.timeOrigin;
    const nav = w.performance.getEntriesByType('navigation')[0];
    if (nav) out.iframe_loaded = nav.domContentLoadedEventEnd + shift;
  }}
  return out;
}}"""

_CHANGE_JS = f"""() => {{
  const b = window.__bench, FINISHED = {SCRIPT_FINISHED_FIELD};
  const after = b.msgs.filter(([t]) => t >= b.inputAt);
  const done = after.find(([t, f]) => f.includes(FINISHED));
  return {{first_reply: after.length ? after[0][0] - b.inputAt : null,
           finished: done ? done[0] - b.inputAt : null, messages: after.length}};
}}"""

NAV_PHASES = (
    "first_msg", "finished", "iframe_at", "iframe_loaded", "ready", "long_ms", "lazy_chunks"
)  # fmt: skip
CHANGE_PHASES = ("first_reply", "finished", "ms", "messages", "kb")


def _navigation(browser: Browser, url: str, need_layers: bool) -> dict[str, Any]:
    context, page, _probe = bb.new_page(browser)
    context.add_init_script(_EXTRA_INIT_JS)
    try:
        page.goto(url, wait_until="commit")
        ready = page.wait_for_function(
            bb.MAP_READY_JS, arg=need_layers, polling="raf", timeout=bb.TIMEOUT_MS
        ).json_value()
        sample: dict[str, Any] = page.evaluate(_COLLECT_JS)
        sample["ready"] = ready["at"]
        return sample
    finally:
        context.close()


def _filter_change(browser: Browser, url: str) -> dict[str, Any]:
    context, page, probe = bb.new_page(browser)
    try:
        page.goto(url)
        page.wait_for_function(bb.SETTLED_JS, polling="raf", timeout=bb.TIMEOUT_MS)
        bb.wait_quiet(page, probe, quiet_s=1.5)
        before = page.evaluate(CHART_SIG_JS)
        option, _method = bb._open_multiselect_option(page)
        received = len(probe.received)
        page.evaluate(RESET_INPUT_JS)
        option.click(timeout=bb.INTERACTION_TIMEOUT_MS)
        ms = page.wait_for_function(
            RERUN_DONE_JS, arg=before, polling="raf", timeout=bb.INTERACTION_TIMEOUT_MS
        ).json_value()
        sample: dict[str, Any] = page.evaluate(_CHANGE_JS)
        frames = probe.received[received:]
        sample["kb"] = sum(len(f) for f in frames) / 1024
        sample["ms"] = ms
        return sample
    finally:
        context.close()


def _button_rerun(browser: Browser, url: str) -> dict[str, Any]:
    context, page, probe, _loaded = bb.open_blank(browser, url)
    try:
        bb.wait_quiet(page, probe)
        return {"ms": bb.button_rerun(page, probe)}
    finally:
        context.close()


def _width_change(browser: Browser, url: str) -> dict[str, Any]:
    context, page, probe, _info = bb.open_map(browser, url, True)
    try:
        change = incidents_browser.width_change(page, probe, upward=True)
        return {"ms": change["ms"], "finished": change["finished"]}
    finally:
        context.close()


# The rows of `--pages floors`, named once: the floors #12's targets are held against and
# the feature floors.
ONE_MAP = "floor: one map"
BLANK = "floor: blank page"
MAP_SLIDER = "feature floor: map + width slider"
CHART = "feature floor: multiselect + chart"
INCIDENTS = "feature floor: incidents elements"
INCIDENTS_WIDTH = "feature floor: incidents width change"

#: `--pages floors`: (feature floor's row, reference row, phase, #12's factor, its target).
FLOOR_RATIOS = (
    (MAP_SLIDER, ONE_MAP, "ready", 1.1, "/map navigation"),
    (CHART, BLANK, "ms", 2, "/timeline filter"),
    (INCIDENTS, ONE_MAP, "ready", 1.5, "/incidents navigation"),
    (INCIDENTS_WIDTH, BLANK, "ms", 3, "/incidents width change"),
)


def floor_ratios(samples: dict[str, list[dict[str, Any]]]) -> list[str]:
    """Each feature floor's median over its reference's, beside #12's target for the page."""
    lines = []
    for floor, reference, phase, factor, target in FLOOR_RATIOS:
        ratio = _value(samples[floor], phase) / _value(samples[reference], phase)
        verdict = "below the target" if ratio <= factor else "above the target"
        lines.append(
            f"{floor} ÷ {reference}: {ratio:.2f}× — {target} target ≤ {factor:g}× ({verdict})"
        )
    return lines


def _value(samples: list[dict[str, Any]], key: str) -> float:
    return statistics.median(s[key] for s in samples if s.get(key) is not None)


def _median(samples: list[dict[str, Any]], key: str) -> str:
    values = [s[key] for s in samples if s.get(key) is not None]
    return f"{statistics.median(values):,.0f}" if values else "–"


def _table(title: str, phases: tuple[str, ...], rows: dict[str, list[dict[str, Any]]]) -> str:
    lines = [f"\n{title}", "| | " + " | ".join(phases) + " |", "|---" * (len(phases) + 1) + "|"]
    for name, samples in rows.items():
        lines.append(f"| {name} | " + " | ".join(_median(samples, p) for p in phases) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Serve the builds, sample each interaction `--runs` times interleaved, print medians."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pages", default="map,timeline", help="of map,timeline,incidents,floors")
    args = parser.parse_args(argv)
    pages = set(args.pages.split(","))
    nav: list[tuple[str, str, str, bool]] = []  # (label, app, role, needs layers)
    if "map" in pages:
        nav += [
            ("Gap Watch /map", "gapwatch", "map", True),
            (ONE_MAP, "floor_map", "map", False),
        ]
    change = [("Gap Watch /timeline", "gapwatch")] if "timeline" in pages else []
    if pages & {"timeline", "floors"}:
        change += [(CHART, "floor_chart")]
    if "incidents" in pages:
        nav += [
            ("Gap Watch /incidents, 100,000 events", "gapwatch", "incidents", True),
            (ONE_MAP, "floor_map", "map", False),
        ]
    if "floors" in pages:
        nav += [
            (ONE_MAP, "floor_map", "map", False),
            (MAP_SLIDER, "floor_map_slider", "map", False),
            (INCIDENTS, "floor_incidents", "map", True),
        ]
    others: list[tuple[str, str, Callable[[Browser, str], dict[str, Any]]]] = []
    if "floors" in pages:
        others = [
            (BLANK, "blank", _button_rerun),
            (INCIDENTS_WIDTH, "floor_incidents", _width_change),
        ]
    with sync_playwright() as playwright, contextlib.ExitStack() as stack:
        browser = bb.launch(playwright)
        if "incidents" in pages:  # the generated dataset, in a store the servers read
            stack.enter_context(incidents_page.environment(incidents_page.prepare().env()))
        names = {app for _, app, _, _ in nav} | {app for _, app in change}
        names |= {app for _, app, _ in others}
        servers = {name: stack.enter_context(serve(APPS[name])) for name in sorted(names)}
        jobs: list[tuple[str, Callable[[], dict[str, Any]]]] = []
        for label, app, role, layers in dict.fromkeys(nav):
            base = servers[app].base_url
            url = (
                incidents_page.page_url(base, app)
                if role == "incidents"
                else APPS[app].url(base, role)
            )
            jobs.append((label, partial(_navigation, browser, url, layers)))
        for label, app in change:
            url = APPS[app].url(servers[app].base_url, "timeline")
            jobs.append((label, partial(_filter_change, browser, url)))
        for label, app, measure in others:
            url = APPS[app].url(servers[app].base_url, next(iter(APPS[app].pages)))
            jobs.append((label, partial(measure, browser, url)))
        for _label, job in jobs:  # the first load after a server start is not counted
            job()
        samples: dict[str, list[dict[str, Any]]] = {label: [] for label, _ in jobs}
        for _ in range(args.runs):
            for label, job in jobs:
                samples[label].append(job())
        browser.close()
    if nav:
        rows = {label: samples[label] for label, *_ in dict.fromkeys(nav)}
        sys.stdout.write(_table("Navigation → interactive map (ms)", NAV_PHASES, rows) + "\n")
    if change or others:
        labels = [label for label, _ in change] + [label for label, _, _ in others]
        rows = {label: samples[label] for label in labels}
        title = "Filter or width change → chart (ms)"
        sys.stdout.write(_table(title, CHANGE_PHASES, rows) + "\n")
    if "floors" in pages:
        sys.stdout.write("\n" + "\n".join(floor_ratios(samples)) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
