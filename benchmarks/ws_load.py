"""Concurrent reader sessions against any Gap Watch base URL, speaking Streamlit's protocol.

Each session is one WebSocket to ``<base>/_stcore/stream`` (a single server or the cluster's
proxy), as a browser tab: it opens the Map page, then changes the gap width again and again
(the slider's own fragment rerun, with the widget id and fragment id the page sent), waiting
``think_s`` between changes. Every answer is checked: the band area it shows must be the one
a separate warm-up session saw for that width (a session shown another's figures, or an
error, counts as an error), and the run must finish without an exception element.

Why a protocol client and not browsers: 20+ Chromium tabs would load the 2-core machine far
more than the servers under test. The browser suites measure what a reader sees; this
measures what the servers hold.
"""

from __future__ import annotations

import asyncio
import itertools
import random
import statistics
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.typing import Origin, Subprotocol

PAGE = "map"
QUERY = "lang=en"
SLIDER_KEY = "map_gap_width_km"
AREA_LABEL = "Band area"
#: The slider's own steps (components.gap_map: 1-20 km by 0.5 km), a spread of them.
WIDTHS_KM = (1.0, 2.5, 5.0, 7.5, 10.0, 12.5, 15.0, 20.0)
REQUEST_TIMEOUT_S = 60.0


class LoadError(RuntimeError):
    """An answer that is missing, wrong or an error."""


@dataclass
class RunAnswer:
    """What one script run sent back."""

    seconds: float
    slider: tuple[str, str] | None = None  # (widget id, fragment id)
    area: str | None = None
    exception: str | None = None


@dataclass
class LoadResult:
    """The figures of one load run against one base URL."""

    target: str
    sessions: int
    duration_s: float
    think_s: float
    connected: int = 0
    held: int = 0  # sessions that ran to the end without an error
    changes: int = 0
    latencies_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def percentile(self, q: float) -> float | None:
        """The q-th percentile (0-100) of the change latencies, in ms."""
        if not self.latencies_ms:
            return None
        if len(self.latencies_ms) == 1:
            return self.latencies_ms[0]
        return statistics.quantiles(self.latencies_ms, n=100, method="inclusive")[int(q) - 1]

    def summary(self) -> dict[str, Any]:
        """The figures the report prints (no raw samples)."""
        return {
            "target": self.target,
            "sessions": self.sessions,
            "connected": self.connected,
            "held": self.held,
            "changes": self.changes,
            "errors": len(self.errors),
            "first_errors": self.errors[:5],
            "p50_ms": self.percentile(50),
            "p95_ms": self.percentile(95),
            "max_ms": max(self.latencies_ms, default=None),
            "duration_s": self.duration_s,
            "think_s": self.think_s,
        }


def stream_url(base_url: str) -> str:
    """ws://host:port/_stcore/stream for http://host:port."""
    return base_url.rstrip("/").replace("http://", "ws://", 1) + "/_stcore/stream"


def _rerun_message(slider: tuple[str, str] | None = None, width_km: float | None = None) -> bytes:
    message = BackMsg()
    state = message.rerun_script
    state.query_string = QUERY
    state.page_name = PAGE
    if slider is not None and width_km is not None:
        widget_id, fragment_id = slider
        state.fragment_id = fragment_id
        widget = state.widget_states.widgets.add()
        widget.id = widget_id
        widget.double_array_value.data.append(width_km)
    return message.SerializeToString()


async def _run(ws: Any, payload: bytes) -> RunAnswer:
    """Send one rerun request; read until the run finishes; what it showed."""
    started = time.perf_counter()
    await ws.send(payload)
    answer = RunAnswer(seconds=0.0)
    while True:
        raw = await asyncio.wait_for(ws.recv(), REQUEST_TIMEOUT_S)
        message = ForwardMsg()
        message.ParseFromString(raw)
        kind = message.WhichOneof("type")
        if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
            element = message.delta.new_element
            which = element.WhichOneof("type")
            if which == "slider" and element.slider.id.endswith(SLIDER_KEY):
                answer.slider = (element.slider.id, message.delta.fragment_id)
            elif which == "metric" and element.metric.label.startswith(AREA_LABEL):
                answer.area = element.metric.body
            elif which == "exception":
                answer.exception = element.exception.message[:200]
        elif kind == "script_finished":
            answer.seconds = time.perf_counter() - started
            return answer


async def _open(base_url: str) -> tuple[Any, RunAnswer]:
    ws = await websockets.connect(
        stream_url(base_url),
        subprotocols=[Subprotocol("streamlit")],
        origin=Origin(base_url),
        max_size=None,
    )
    first = await _run(ws, _rerun_message())
    if first.exception or first.slider is None:
        await ws.close()
        raise LoadError(f"the Map page did not load: {first.exception or 'no width slider'}")
    return ws, first


async def reference_areas(base_url: str) -> dict[float, str]:
    """The band area the page shows for each width, from one session, one width at a time."""
    ws, first = await _open(base_url)
    try:
        areas = {}
        for width in WIDTHS_KM:
            answer = await _run(ws, _rerun_message(first.slider, width))
            if answer.area is None or answer.exception:
                raise LoadError(f"width {width}: {answer.exception or 'no area shown'}")
            areas[width] = answer.area
        return areas
    finally:
        await ws.close()


async def _session(
    index: int,
    base_url: str,
    areas: dict[float, str],
    deadline: float,
    think_s: float,
    result: LoadResult,
) -> None:
    rng = random.Random(index)
    widths = list(WIDTHS_KM)
    rng.shuffle(widths)
    try:
        ws, first = await _open(base_url)
    except (OSError, LoadError, TimeoutError, websockets.WebSocketException) as exc:
        result.errors.append(f"session {index}: could not open: {exc!r}"[:300])
        return
    result.connected += 1
    failed = False
    try:
        for width in itertools.cycle(widths):
            if time.monotonic() >= deadline:
                break
            await asyncio.sleep(think_s * (0.5 + rng.random()))
            answer = await _run(ws, _rerun_message(first.slider, width))
            result.changes += 1
            result.latencies_ms.append(answer.seconds * 1000)
            if answer.exception or answer.area != areas[width]:
                failed = True
                result.errors.append(
                    f"session {index}, width {width}: "
                    f"{answer.exception or f'area {answer.area!r}, expected {areas[width]!r}'}"
                )
    except (OSError, TimeoutError, websockets.WebSocketException) as exc:
        failed = True
        result.errors.append(f"session {index}: {exc!r}"[:300])
    finally:
        await ws.close()
    if not failed:
        result.held += 1


async def run_load_async(
    base_url: str,
    sessions: int,
    duration_s: float,
    think_s: float,
    ramp_s: float,
    areas: dict[float, str] | None = None,
) -> LoadResult:
    """`sessions` concurrent readers for `duration_s` against `base_url`.

    `areas` (width -> the band area the page must show) defaults to a warm-up session's.
    """
    result = LoadResult(base_url, sessions, duration_s, think_s)
    areas = areas or await reference_areas(base_url)
    deadline = time.monotonic() + duration_s

    async def staggered(i: int) -> None:
        await asyncio.sleep(ramp_s * i / max(sessions, 1))
        await _session(i, base_url, areas, deadline, think_s, result)

    await asyncio.gather(*(staggered(i) for i in range(sessions)))
    return result


def run_load(
    base_url: str,
    sessions: int = 20,
    duration_s: float = 60.0,
    think_s: float = 1.0,
    ramp_s: float = 5.0,
    areas: dict[float, str] | None = None,
) -> LoadResult:
    """Run the load (blocking) against a base URL: a server's or the cluster proxy's.

    In a thread of its own with its own event loop, so it also runs beside a caller that has
    one (Playwright's sync API in the tests keeps a loop on the main thread).
    """
    with ThreadPoolExecutor(max_workers=1) as pool:
        job = pool.submit(
            asyncio.run, run_load_async(base_url, sessions, duration_s, think_s, ramp_s, areas)
        )
        return job.result()
