"""What a reader's browser sees: time to an interactive map, bytes, messages, rerun round trips.

Driven with Playwright and the same Chromium and flags as the browser tests
(``tests/browser.py``). Timings are taken inside the page with ``performance.now()``, so the
harness's own overhead does not count:

- navigation → interactive map: from navigation start to the first moment the Leaflet map in
  ``iframe[title="streamlit_folium.st_folium"]`` exists, is sized, and has drawn its layers
  (SVG paths or canvas in the overlay pane), and then stays unchanged for 0.5 s;
- a filter change → updated chart: from the pointer going down on the option "Erbil" of a
  multiselect to the first frame where every plotly chart's bars differ from before and the
  app reports ``data-test-script-state=notRunning`` after having run;
- blank page: from the pointer going down on its button to ``notRunning`` after a run.

Messages are the websocket frames the page sends (Streamlit ``BackMsg``), decoded and counted
by type; ``app_heartbeat`` (a keep-alive, not a rerun) is reported apart. Bytes are decoded
sizes (HTTP bodies after decompression, websocket payloads) so the numbers do not depend on
compression settings.
"""

from __future__ import annotations

import contextlib
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from playwright.sync_api import (
    Browser,
    BrowserContext,
    Page,
    Playwright,
    Request,
    ViewportSize,
    WebSocket,
)
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from benchmarks.page_js import (
    BAR_COUNT_JS,
    CHART_SIG_JS,
    INIT_JS,
    MAP_READY_JS,
    MAP_VIEW_JS,
    PAGE_NOT_FOUND_JS,
    PAN_JS,
    RERUN_DONE_JS,
    RESET_INPUT_JS,
    SETTLED_JS,
    ZOOM_JS,
)
from tests.browser import CHROMIUM_ARGS, chromium_path

FOLIUM_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
FOLIUM_COMPONENT = "streamlit_folium"
TIMEOUT_MS = 120_000
VIEWPORT: ViewportSize = {"width": 1280, "height": 900}
# The option to pick in the place filter; labels may carry more (e.g. "Erbil (1)").
PLACE_OPTION = re.compile(r"^\s*Erbil\b")
NOT_AN_OPTION = re.compile(r"^\s*select all\s*$", re.IGNORECASE)
HEARTBEAT = "app_heartbeat"

INTERACTION_TIMEOUT_MS = 30_000


def launch(playwright: Playwright) -> Browser:
    """Headless Chromium as the browser tests launch it."""
    return playwright.chromium.launch(
        executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True
    )


@dataclass
class Probe:
    """Everything one page sends and receives: websocket frames and finished HTTP requests."""

    sent: list[bytes | str] = field(default_factory=list)
    received: list[bytes | str] = field(default_factory=list)
    requests: list[Request] = field(default_factory=list)
    last_frame_at: float = 0.0

    def attach(self, page: Page) -> Probe:
        def on_ws(ws: WebSocket) -> None:
            ws.on("framesent", self._on_sent)
            ws.on("framereceived", self._on_received)

        def on_request_finished(request: Request) -> None:
            self.requests.append(request)

        page.on("websocket", on_ws)
        page.on("requestfinished", on_request_finished)
        return self

    def _on_sent(self, payload: bytes | str) -> None:
        self.sent.append(payload)
        self.last_frame_at = time.monotonic()

    def _on_received(self, payload: bytes | str) -> None:
        self.received.append(payload)
        self.last_frame_at = time.monotonic()

    def sent_types(self, start: int = 0) -> Counter[str]:
        """The types of the messages sent since index ``start``."""
        types: Counter[str] = Counter()
        for payload in self.sent[start:]:
            data = payload.encode() if isinstance(payload, str) else payload
            try:
                types[BackMsg.FromString(data).WhichOneof("type") or "?"] += 1
            except Exception:
                types["undecodable"] += 1
        return types


def new_page(browser: Browser) -> tuple[BrowserContext, Page, Probe]:
    """A fresh context (empty cache) and page, probed, with the timing script installed."""
    context = browser.new_context(viewport=VIEWPORT, locale="en-US")
    context.add_init_script(INIT_JS)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    return context, page, Probe().attach(page)


def wait_quiet(page: Page, probe: Probe, quiet_s: float = 1.0, timeout_s: float = 20.0) -> None:
    """Wait until the app has settled and no websocket frame has passed for ``quiet_s``."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        page.wait_for_timeout(200)  # lets Playwright deliver the page's events meanwhile
        idle = time.monotonic() - probe.last_frame_at
        if idle >= quiet_s and page.evaluate(SETTLED_JS):
            return


def _folium_args_bytes(msg: ForwardMsg) -> int:
    if msg.WhichOneof("type") != "delta" or msg.delta.WhichOneof("type") != "new_element":
        return 0
    element = msg.delta.new_element
    if element.WhichOneof("type") != "component_instance":
        return 0
    instance = element.component_instance
    if FOLIUM_COMPONENT not in instance.component_name:
        return 0
    special = sum(
        len(a.bytes) + len(a.arrow_dataframe.SerializeToString()) for a in instance.special_args
    )
    return len(instance.json_args.encode()) + special


def _body_size(request: Request) -> tuple[int, bytes]:
    response = request.response()
    if response is None:
        return 0, b""
    try:
        body = response.body()
    except Exception:
        return 0, b""
    return len(body), body


def payload(probe: Probe) -> dict[str, int]:
    """Bytes received so far, split into the map's own payload and everything else."""
    args = 0
    ws_bytes = 0
    for frame in probe.received:
        data = frame.encode() if isinstance(frame, str) else frame
        ws_bytes += len(data)
        try:
            args += _folium_args_bytes(ForwardMsg.FromString(data))
        except Exception:
            continue
    http = assets = bundle = 0
    for request in probe.requests:
        size, body = _body_size(request)
        http += size
        if "/_stcore/message" in request.url:  # a cached ForwardMsg fetched over HTTP
            with contextlib.suppress(Exception):
                args += _folium_args_bytes(ForwardMsg.FromString(body))
        try:
            frame_url = request.frame.url
        except Exception:
            frame_url = ""
        if FOLIUM_COMPONENT in frame_url:
            if "/component/" in request.url:
                bundle += size
            else:
                assets += size
    return {
        "payload.map": args + assets,
        "payload.map_args": args,
        "payload.map_assets": assets,
        "payload.bundle": bundle,
        "payload.page": http + ws_bytes,
    }


class MissingFeature(RuntimeError):
    """The page has no map, chart or filter to measure (for instance: not built yet)."""


def _check_found(page: Page, url: str) -> None:
    if page.evaluate(PAGE_NOT_FOUND_JS):
        raise MissingFeature(f"Streamlit answered 'page not found' for {url}")


def open_map(
    browser: Browser, url: str, need_layers: bool
) -> tuple[BrowserContext, Page, Probe, dict[str, Any]]:
    """Open the map page in a fresh context; wait until the map is interactive and drawn.

    Returns the open context (the session stays alive), the page, its probe, and
    ``{"ms": navigation → interactive, ...what was drawn}``. A page that settles with no
    st_folium map at all raises :class:`MissingFeature` instead of waiting out the timeout.
    """
    context, page, probe = new_page(browser)
    try:
        page.goto(url, wait_until="commit")
        page.wait_for_function(
            f"() => document.querySelector('{FOLIUM_IFRAME}') !== null || ({SETTLED_JS})()",
            polling="raf",
            timeout=TIMEOUT_MS,
        )
        if page.locator(FOLIUM_IFRAME).count() == 0:
            wait_quiet(page, probe, quiet_s=2.0)
            _check_found(page, url)
            if page.locator(FOLIUM_IFRAME).count() == 0:
                raise MissingFeature(f"no st_folium map on {url}")
        handle = page.wait_for_function(
            MAP_READY_JS, arg=need_layers, polling="raf", timeout=TIMEOUT_MS
        )
        info: dict[str, Any] = handle.json_value()
        _check_found(page, url)
    except BaseException:
        context.close()
        raise
    info["ms"] = info.pop("at")
    return context, page, probe, info


def zoom_and_pan(page: Page, probe: Probe, settle_s: float) -> dict[str, Any]:
    """Messages sent to the server by one zoom and by one pan (heartbeats apart)."""
    wait_quiet(page, probe, quiet_s=1.5)
    result: dict[str, Any] = {}
    for action, script in (("zoom", ZOOM_JS), ("pan", PAN_JS)):
        before_view = page.evaluate(MAP_VIEW_JS)
        start = len(probe.sent)
        page.evaluate(script)
        page.wait_for_timeout(int(settle_s * 1000))
        after_view = page.evaluate(MAP_VIEW_JS)
        types = probe.sent_types(start)
        heartbeats = types.pop(HEARTBEAT, 0)
        result[action] = sum(types.values())
        result[f"{action}_types"] = dict(types)
        result[f"{action}_heartbeats"] = heartbeats
        result[f"{action}_moved"] = after_view != before_view
        wait_quiet(page, probe, quiet_s=1.0)
    return result


def _open_multiselect_option(page: Page) -> tuple[Any, str]:
    """Open the multiselect that offers "Erbil" (else the first one) and return that option."""
    boxes = page.locator('[data-testid="stMultiSelect"]')
    count = boxes.count()
    if count == 0:
        raise MissingFeature("no multiselect (filter) on the page")
    fallback: tuple[int, int] | None = None
    for i in range(count):
        boxes.nth(i).click(timeout=INTERACTION_TIMEOUT_MS)
        options = page.locator('[role="option"]')
        try:
            options.first.wait_for(timeout=10_000)
        except Exception:
            page.keyboard.press("Escape")
            continue
        texts = [t.strip() for t in options.all_inner_texts()]
        for j, text in enumerate(texts):
            if PLACE_OPTION.match(text):
                return options.nth(j), f"multiselect #{i + 1}: {text}"
        real = [j for j, text in enumerate(texts) if not NOT_AN_OPTION.match(text)]
        if fallback is None and real:
            fallback = (i, real[0])
        page.keyboard.press("Escape")
    if fallback is None:
        raise RuntimeError("no multiselect with options on the page")
    boxes.nth(fallback[0]).click(timeout=INTERACTION_TIMEOUT_MS)
    option = page.locator('[role="option"]').nth(fallback[1])
    return option, f"multiselect #{fallback[0] + 1}: {option.inner_text().strip()}"


def filter_change(browser: Browser, url: str) -> dict[str, Any]:
    """Open the timeline, pick a place in its filter; ms until the chart has been redrawn."""
    context, page, probe = new_page(browser)
    try:
        page.goto(url)
        page.wait_for_function(SETTLED_JS, polling="raf", timeout=TIMEOUT_MS)
        wait_quiet(page, probe, quiet_s=1.5)
        _check_found(page, url)
        if page.locator(".js-plotly-plot").count() == 0:
            raise MissingFeature(f"no plotly chart on {url}")
        if page.locator('[data-testid="stMultiSelect"]').count() == 0:
            raise MissingFeature(f"no multiselect filter on {url}")
        before = page.evaluate(CHART_SIG_JS)
        bars_before = page.evaluate(BAR_COUNT_JS)
        option, method = _open_multiselect_option(page)
        page.evaluate(RESET_INPUT_JS)
        option.click(timeout=INTERACTION_TIMEOUT_MS)
        elapsed = page.wait_for_function(
            RERUN_DONE_JS, arg=before, polling="raf", timeout=INTERACTION_TIMEOUT_MS
        ).json_value()
        bars_after = page.evaluate(BAR_COUNT_JS)
        return {
            "ms": float(elapsed),
            "method": method,
            "bars_before": bars_before,
            "bars_after": bars_after,
        }
    finally:
        context.close()


def button_rerun(page: Page, probe: Probe) -> float:
    """Click the page's (only) button; ms until the app has run and settled."""
    wait_quiet(page, probe, quiet_s=0.5)
    page.evaluate(RESET_INPUT_JS)
    page.locator('[data-testid="stButton"] button').first.click(timeout=INTERACTION_TIMEOUT_MS)
    elapsed = page.wait_for_function(
        RERUN_DONE_JS, arg=None, polling="raf", timeout=INTERACTION_TIMEOUT_MS
    ).json_value()
    return float(elapsed)


def open_blank(browser: Browser, url: str) -> tuple[BrowserContext, Page, Probe, float]:
    """Open the blank floor page; ms from navigation to the settled page."""
    context, page, probe = new_page(browser)
    page.goto(url, wait_until="commit")
    page.wait_for_selector('[data-testid="stButton"] button', timeout=TIMEOUT_MS)
    page.wait_for_function(SETTLED_JS, polling="raf", timeout=TIMEOUT_MS)
    loaded = float(page.evaluate("performance.now()"))
    return context, page, probe, loaded
