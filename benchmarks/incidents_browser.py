"""The incidents page in Chromium at 100,000 events (section ``incidents``, Gap Watch only).

The naive page builds 100,000 markers per load and takes minutes (several on a loaded 2-core
machine), so only Gap Watch is measured here. On a fresh server per run, each sample in a
fresh context that is closed before the next one starts (nothing else runs meanwhile):

- navigation → interactive incidents map, layers drawn: ``open_map`` with the same
  ``MAP_READY_JS`` predicate as the map page; the first load after the server start is kept
  apart (``…_first``), like the map page's row;
- width change → redrawn band and figures: on the last loaded page, the band-width slider
  (found by its role and its 1-20 km range, not its label) gets the keyboard focus and an arrow
  key; timed in the page from the key going down to the first frame where the server has
  finished a script run, the app is ``notRunning`` with no skeleton, and both the band drawn
  in the map's iframe and the distance histogram's band shapes have changed
  (``page_js.BAND_DONE_JS``).

When the run measures no ``browser`` section, the references of the two rows' targets (the
blank page's round trip, the one-map floor's navigation) are measured here, interleaved with
Gap Watch's samples run by run, so the ratios compare numbers of the same run.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import suppress
from typing import TYPE_CHECKING, Any

from benchmarks import browser_bench as bb
from benchmarks.incidents_page import BUILDS, Prepared, environment, page_url
from benchmarks.page_js import BAND_DONE_JS, BAND_SIG_JS, RESET_INPUT_JS
from gapwatch.geometry import GAP_MAX_KM, GAP_MIN_KM

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Locator, Page

    from benchmarks.results import Results

BUILD = "gapwatch"
NAVIGATION_KEY = "incidents.browser.map_interactive"
FIRST_NAVIGATION_KEY = "incidents.browser.map_interactive_first"
WIDTH_KEY = "incidents.browser.width_change"
#: Loads per server and run: the first (kept apart), then the ones in the main row.
LOADS_PER_RUN = 3
#: Width changes per run, on the last load: one step up, one back down.
WIDTH_CHANGES_PER_RUN = 2


def width_slider(page: Page) -> Locator:
    """The band-width slider: the element of role ``slider`` whose range is 1-20 km."""
    sliders = page.get_by_role("slider")
    for i in range(sliders.count()):
        slider = sliders.nth(i)
        bounds = (slider.get_attribute("min"), slider.get_attribute("max"))
        with suppress(TypeError, ValueError):
            if tuple(float(b) for b in bounds) == (GAP_MIN_KM, GAP_MAX_KM):  # type: ignore[arg-type]
                return slider
    raise bb.MissingFeature(f"no slider from {GAP_MIN_KM:g} to {GAP_MAX_KM:g} km on the page")


def step_key(value_km: float, upward: bool) -> str:
    """The arrow key that moves the slider one step, upward if it can (else downward)."""
    if (upward and value_km < GAP_MAX_KM) or value_km <= GAP_MIN_KM:
        return "ArrowRight"
    return "ArrowLeft"


def width_change(page: Page, probe: bb.Probe, upward: bool) -> dict[str, Any]:
    """One step of the width slider by keyboard; ms until the band and figures are redrawn."""
    bb.wait_quiet(page, probe, quiet_s=1.0)
    slider = width_slider(page)
    slider.focus()
    before_km = float(slider.input_value())
    before = page.evaluate(BAND_SIG_JS)
    if not before["map"] or not before["chart"]:
        raise bb.MissingFeature(f"no gap band drawn on the map and in the histogram: {before}")
    key = step_key(before_km, upward)
    page.evaluate(RESET_INPUT_JS)
    page.keyboard.press(key)
    done: dict[str, Any] = page.wait_for_function(
        BAND_DONE_JS, arg=before, polling="raf", timeout=bb.INTERACTION_TIMEOUT_MS
    ).json_value()
    return {
        **{k: float(v) for k, v in done.items()},
        "method": f"width slider (role slider, 1-20 km) focused, {key}",
        "from_km": before_km,
        "to_km": float(slider.input_value()),
    }


def when(change: dict[str, Any]) -> str:
    """Where a width change's time went, for the log: ms to each milestone, in order."""
    names = ("finished", "settled", "map", "chart")
    return ", ".join(f"{n} {change[n]:.0f}" for n in sorted(names, key=lambda n: change[n]))


def browser_run(results: Results, browser: Browser, prepared: Prepared, run: int) -> str:
    """One fresh server: timed loads of the page, then width changes on the last one."""
    from benchmarks.servers import serve

    lines: list[str] = []
    with environment(prepared.env()), serve(BUILDS[BUILD]) as server:
        url = page_url(server.base_url, BUILD)
        for i in range(LOADS_PER_RUN):
            context, page, probe, info = bb.open_map(browser, url, True)
            try:
                results.add(NAVIGATION_KEY if i else FIRST_NAVIGATION_KEY, BUILD, info["ms"])
                results.detail(section="incidents_map", run=run, load=i + 1, **info)
                lines.append(f"load {i + 1} {info['ms']:.0f} ms")
                if i == LOADS_PER_RUN - 1:
                    for j in range(WIDTH_CHANGES_PER_RUN):
                        change = width_change(page, probe, upward=j % 2 == 0)
                        results.add(WIDTH_KEY, BUILD, change["ms"])
                        results.detail(section="incidents_width", run=run, **change)
                        lines.append(
                            f"width {change['from_km']:g}→{change['to_km']:g} km "
                            f"{change['ms']:.0f} ms (" + when(change) + ")"
                        )
            finally:
                context.close()
    return ", ".join(lines)


def measure(
    results: Results,
    browser: Browser,
    prepared: Prepared,
    runs: int,
    references: Sequence[str] = (),
    sessions: int = 10,
    settle_s: float = 5.0,
) -> None:
    """Gap Watch's incidents rows, run by run, each run followed by the ``references``'
    browser rows (``run.browser_run``: "blank", "floor_map") when the run has no ``browser``
    section of its own."""
    from benchmarks.apps import APPS
    from benchmarks.results import log
    from benchmarks.run import browser_run as reference_run

    for run in range(1, runs + 1):
        where = f"incidents browser {BUILD} run {run}"
        if results.out_of_time(where):
            return
        with results.attempt(where):
            log(f"{where}: {browser_run(results, browser, prepared, run)}")
        for name in references:
            where = f"incidents reference {name} run {run}"
            if results.out_of_time(where):
                return
            with results.attempt(where):
                reference_run(results, browser, APPS[name], run, sessions, settle_s)
