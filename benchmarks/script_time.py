"""Server script time of one page, measured with Streamlit's AppTest in a fresh process.

Run by the benchmark as ``python -m benchmarks.script_time APP ROLE``, one process per cold
sample, so the first run really starts with empty caches and nothing imported but Streamlit
itself. It times three runs of the page:

1. cold: the first run in the process, landing directly on the page (``st.navigation`` picks
   the page from its URL path's hash, as a browser's first request to ``/map`` does);
2. warm: the same page run again;
3. change: a rerun after the interaction a reader would make: on ``timeline`` selecting the
   place Erbil in the place filter, on ``map`` setting the gap width to 5 km, on the blank
   floor clicking its button, on the map floor a plain rerun.

Widgets are found by what they offer (a multiselect with the option "Erbil", a slider that
takes 5), not by their label, so the pages can change their wording. If a page has no such
widget, the change is made to its view state (``components.state``), which is what the
widget would do, and the method used is reported.

Prints one line ``BENCH_RESULT {json}``; ``--profile FILE`` writes a pyinstrument profile of
the change run (text) to FILE.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import re
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest
from streamlit.util import calc_hash

from benchmarks.apps import APPS, App

RESULT_PREFIX = "BENCH_RESULT "
TIMEOUT_S = 180
VIEW_KEY = "gapwatch_view"  # components/state.py keeps the ViewState here
PLACE_ID = "erbil"
# Option labels may carry more than the name (e.g. "Erbil (1)"): match the name at the start.
PLACE_LABEL = re.compile(r"^\s*(erbil|أربيل)\b", re.IGNORECASE)
NEW_WIDTH_KM = 5.0


def _timed(action: Callable[[], Any]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def _errors(at: AppTest) -> list[str]:
    return [str(e.value)[:500] for e in at.exception]


def _landed(at: AppTest, url_path: str) -> bool:
    return not url_path or at._finished_page_script_hash == calc_hash(url_path)


def _select_place(at: AppTest) -> str | None:
    for widget in at.multiselect:
        labels = [str(o) for o in widget.options]
        match = next((lab for lab in labels if PLACE_LABEL.match(lab)), None)
        if match is None:
            continue
        for value in (PLACE_ID, match):
            try:
                widget.set_value([value])
                if match in widget.values:
                    return f"multiselect {widget.label!r} = {match}"
            except Exception:  # a widget that takes other values: try the next candidate
                continue
    return None


def _set_width(at: AppTest) -> str | None:
    for kind in ("slider", "number_input"):
        for widget in getattr(at, kind):
            value = widget.value
            if not isinstance(value, int | float) or value == NEW_WIDTH_KM:
                continue
            low = getattr(widget, "min", None)
            high = getattr(widget, "max", None)
            if (low is not None and low > NEW_WIDTH_KM) or (
                high is not None and high < NEW_WIDTH_KM
            ):
                continue
            widget.set_value(NEW_WIDTH_KM)
            return f"{kind} {widget.label!r} = {NEW_WIDTH_KM:g}"
    return None


def _change_view(at: AppTest, role: str) -> str | None:
    if VIEW_KEY not in at.session_state:
        return None
    view = at.session_state[VIEW_KEY]
    if role == "timeline":
        filters = dataclasses.replace(view.filters, places=frozenset({PLACE_ID}))
        at.session_state[VIEW_KEY] = view.changed(filters=filters)
        return f"view state: places = {{{PLACE_ID}}} (no place multiselect found)"
    at.session_state[VIEW_KEY] = view.changed(gap_width_km=NEW_WIDTH_KM)
    return f"view state: gap width = {NEW_WIDTH_KM:g} km (no width slider found)"


def make_change(at: AppTest, role: str) -> str:
    """Make the page's reader interaction on ``at`` (before its next run); say how."""
    if role == "blank":
        at.button[0].click()
        return "button click"
    if role == "timeline":
        method = _select_place(at) or _change_view(at, role)
    elif role == "map":
        method = _set_width(at) or _change_view(at, role)
    else:
        method = None
    return method or "plain rerun (no widget to change)"


@contextmanager
def _profiled(target: Path | None) -> Iterator[None]:
    """Profile the script thread of the runs inside the block with pyinstrument."""
    if target is None:
        yield
        return
    from pyinstrument import Profiler
    from streamlit.testing.v1 import local_script_runner

    runner = local_script_runner.LocalScriptRunner
    original = runner._run_script_thread
    profiler = Profiler(interval=0.001)

    def run_profiled(self: Any) -> None:
        profiler.start()
        try:
            original(self)
        finally:
            profiler.stop()

    runner._run_script_thread = run_profiled  # type: ignore[method-assign]
    try:
        yield
    finally:
        runner._run_script_thread = original  # type: ignore[method-assign]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(profiler.output_text(unicode=True, show_all=False), encoding="utf-8")


def measure(app: App, role: str, profile: Path | None = None) -> dict[str, Any]:
    """Cold, warm and after-change script times (seconds) of one page, with how they were got."""
    url_path = app.pages.get(role, "")
    at = AppTest.from_file(str(app.script), default_timeout=TIMEOUT_S)
    if url_path:
        at._page_hash = calc_hash(url_path)
    result: dict[str, Any] = {"app": app.name, "role": role, "notes": []}
    result["cold"] = _timed(at.run)
    if not _landed(at, url_path):
        # The app did not honour the page hash on its first run: switch now; this run is
        # then only "first run of the page", after the default page warmed shared caches.
        at._page_hash = calc_hash(url_path)
        result["cold"] = _timed(at.run)
        result["notes"].append("cold run after a first run on the default page")
    if not _landed(at, url_path):
        raise RuntimeError(f"{app.name}: could not open the page /{url_path}")
    result["warm"] = _timed(at.run)
    result["change_method"] = make_change(at, role)
    with _profiled(profile):
        result["change"] = _timed(at.run)
    result["errors"] = _errors(at)
    return result


def main(argv: list[str] | None = None) -> int:
    """Entry point of the worker process."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("app", choices=sorted(APPS))
    parser.add_argument("role", choices=["timeline", "map", "blank"])
    parser.add_argument("--profile", type=Path, default=None)
    args = parser.parse_args(argv)
    result = measure(APPS[args.app], args.role, args.profile)
    sys.stdout.write(RESULT_PREFIX + json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
