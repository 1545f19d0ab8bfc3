"""One load-test session: a websocket client speaking Streamlit's own protocol (protobuf
`BackMsg` out, `ForwardMsg` in, as the browser does) that types a search term or sets the gap
width and reads the figures the page shows back (benchmarks/load.py)."""

from __future__ import annotations

import asyncio
import re
import time
from dataclasses import dataclass, field
from typing import Any

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

TEXT_KEY = "flt_text_en"
SLIDER_KEY = "map_gap_width_km"
_COUNT = re.compile(r'class="gw-filter-description"><b>([^<]*)</b>')


class LoadError(RuntimeError):
    """One interaction went wrong: a wrong figure, an error on the page, no reply in time."""


@dataclass
class Reply:
    """What one rerun showed: the event count, the band area, and any error on the page."""

    count: str | None = None
    area: str | None = None
    errors: list[str] = field(default_factory=list)
    widget_ids: dict[str, str] = field(default_factory=dict)
    pages: dict[str, str] = field(default_factory=dict)


def _read_element(element: Any, reply: Reply) -> None:
    kind = element.WhichOneof("type")
    if kind == "exception":
        reply.errors.append(f"exception: {element.exception.message[:200]}")
    elif kind == "html":
        body = element.html.body
        found = _COUNT.search(body)
        if found:
            reply.count = found.group(1)
        if 'class="gw-alert gw-alert-error"' in body:
            reply.errors.append(f"error box: {body[:200]}")
    elif kind == "metric":
        reply.area = element.metric.body
    elif kind in {"text_input", "slider"}:
        widget = getattr(element, kind)
        for key in (TEXT_KEY, SLIDER_KEY):
            if widget.id.endswith(f"-{key}"):
                reply.widget_ids[key] = widget.id


class Session:
    """One reader's session over one websocket, speaking Streamlit's protocol."""

    def __init__(self, base_url: str, op_timeout_s: float) -> None:
        self.url = re.sub(r"^http", "ws", base_url.rstrip("/")) + "/_stcore/stream"
        self.op_timeout_s = op_timeout_s
        self.ws: Any = None
        self.widget_ids: dict[str, str] = {}
        self.pages: dict[str, str] = {}

    async def __aenter__(self) -> Session:
        self.ws = await websockets.connect(
            self.url, subprotocols=[websockets.Subprotocol("streamlit")], max_size=None
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.ws.close()

    async def rerun(self, page: str, widgets: dict[str, Any] | None = None) -> tuple[Reply, float]:
        """Rerun `page` (its url path) with these widget values; the reply and its seconds."""
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = "lang=en"
        state.page_name = page
        state.page_script_hash = self.pages.get(page, "")
        for key, value in (widgets or {}).items():
            widget = state.widget_states.widgets.add()
            widget.id = self.widget_ids[key]
            if isinstance(value, str):
                widget.string_value = value
            else:
                widget.double_array_value.data.append(float(value))
        started = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        reply = Reply()
        try:
            await asyncio.wait_for(self._until_finished(reply), self.op_timeout_s)
        except TimeoutError as error:
            raise LoadError(f"no reply from {page} within {self.op_timeout_s:.0f} s") from error
        self.widget_ids |= reply.widget_ids
        self.pages |= reply.pages
        return reply, time.perf_counter() - started

    async def _until_finished(self, reply: Reply) -> None:
        while True:
            message = ForwardMsg()
            message.ParseFromString(await self.ws.recv())
            kind = message.WhichOneof("type")
            if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                _read_element(message.delta.new_element, reply)
            elif kind == "navigation":
                for page in message.navigation.app_pages:
                    reply.pages[page.url_pathname] = page.page_script_hash
            elif kind == "script_finished":
                return

    async def set_filter(self, term: str) -> tuple[str, float]:
        """Type `term` into the Timeline's search: the count shown, and the seconds."""
        if TEXT_KEY not in self.widget_ids:
            await self.rerun("timeline")
        reply, seconds = await self.rerun("timeline", {TEXT_KEY: term})
        return _checked(reply, reply.count, "event count"), seconds

    async def set_width(self, width_km: float) -> tuple[str, float]:
        """Move the Map's slider to `width_km`: the area shown, and the seconds."""
        if SLIDER_KEY not in self.widget_ids:
            await self.rerun("map")
        reply, seconds = await self.rerun("map", {SLIDER_KEY: width_km})
        return _checked(reply, reply.area, "band area"), seconds


def _checked(reply: Reply, figure: str | None, what: str) -> str:
    if reply.errors:
        raise LoadError("; ".join(reply.errors))
    if figure is None:
        raise LoadError(f"no {what} on the page")
    return figure
