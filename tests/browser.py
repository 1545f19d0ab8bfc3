"""Helpers for the browser tests: finding Chromium, waiting for the app, what a page did.

Imported by ``tests/conftest.py`` and by the tests themselves
(``from tests.browser import wait_for_app``).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO
from urllib.parse import urlsplit

from playwright.sync_api import ConsoleMessage, Error, Page, Request

from deploy.processes import free_port, is_healthy, stop_process, streamlit_command

#: Arguments proven with Debian's Chromium on these machines (see STACK_NOTES.md): no
#: sandbox as root, no GPU, and no traffic of the browser's own (updates, sync, QUIC).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

#: Generous: a cold load of a page with a chart and a map took 5-7 s on a 2-core machine.
APP_TIMEOUT_MS = 60_000

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})

#: streamlit/streamlit#7074 (open): opened straight at /<page>, the frontend first probes
#: /<page>/_stcore/health and /host-config for a base path, gets 404, then uses the right
#: URLs. Those two console errors, and nothing else, are not held against a page.
DEEP_LINK_PROBE = re.compile(
    r"status of 404 \(Not Found\) \(http://127\.0\.0\.1:\d+/[a-z_]+/_stcore/(health|host-config):"
)


def chromium_path() -> str | None:
    """The Chromium to drive: ``$GAPWATCH_CHROMIUM``, else Debian's, else None (Playwright's)."""
    configured = os.environ.get("GAPWATCH_CHROMIUM", "").strip()
    if configured:
        return configured
    for candidate in ("/usr/bin/chromium", shutil.which("chromium")):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


def is_foreign(url: str) -> bool:
    """True for a network request that leaves this machine (anything but loopback)."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https", "ws", "wss"}:
        return False  # data:, blob:, about:, file:, chrome-extension: ...
    return (parts.hostname or "") not in LOCAL_HOSTS


@dataclass
class PageLog:
    """What went wrong while a test drove a page; each list should stay empty."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return (
            [f"console error: {e}" for e in self.console_errors]
            + [f"uncaught exception: {e}" for e in self.page_errors]
            + [f"request to another host: {u}" for u in self.foreign_requests]
        )

    def assert_clean(self) -> None:
        problems = self.problems()
        assert not problems, "the page misbehaved:\n" + "\n".join(problems)


def watch(page: Page) -> PageLog:
    """Record console errors, uncaught exceptions and off-machine requests of ``page``."""
    log = PageLog()

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            where = message.location
            text = f"{message.text} ({where.get('url', '?')}:{where.get('lineNumber', '?')})"
            if not DEEP_LINK_PROBE.search(text):
                log.console_errors.append(text)

    def on_page_error(error: Error) -> None:
        log.page_errors.append(f"{error.name}: {error.message}" if error.name else error.message)

    def on_request(request: Request) -> None:
        if is_foreign(request.url):
            log.foreign_requests.append(request.url)

    page.on("console", on_console)
    page.on("pageerror", on_page_error)
    page.on("request", on_request)
    return log


def wait_for_app(page: Page, timeout: float = APP_TIMEOUT_MS) -> None:
    """Wait until the Streamlit script has run and every element has rendered.

    As Streamlit's own e2e suite does: ``stApp`` reaches ``data-test-script-state=notRunning``
    (it starts as ``initial``, then ``running``) and no ``stSkeleton`` placeholder remains.
    Call it after ``page.goto`` and after every interaction that reruns the script.
    """
    page.wait_for_selector(
        "[data-testid='stApp'][data-test-script-state='notRunning']",
        state="attached",
        timeout=timeout,
    )
    page.wait_for_function(
        "() => document.querySelector(\"[data-testid='stSkeleton']\") === null",
        timeout=timeout,
    )


MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'


def wait_for_maps(page: Page, timeout: float = APP_TIMEOUT_MS) -> None:
    """Wait until every map on the page has drawn Leaflet (its controls included), so a check
    of the page sees what a reader sees, inside the map's frame too."""
    for handle in page.query_selector_all(MAP_IFRAME):
        frame = handle.content_frame()
        if frame is not None:
            frame.wait_for_selector(".leaflet-control-attribution", timeout=timeout)


def tail(stream: IO[bytes], limit: int = 8000) -> str:
    """The end of a server's captured output, for an error message."""
    stream.flush()
    stream.seek(0)
    return stream.read().decode("utf-8", "replace")[-limit:]


@contextmanager
def streamlit_server(
    script: str | Path,
    cwd: Path,
    start_timeout_s: float = 90.0,
    stop_grace_s: float = 10.0,
    port: int | None = None,
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """Serve `script` with Streamlit on a loopback port (free, or `port` to start a server
    again where a page expects it); yield (base URL, process).

    The same command as every server (``deploy.processes.streamlit_command``). Raises
    RuntimeError with the server's output if it dies or is not healthy in time; stops it
    (terminate, then kill) at the end.
    """
    port = port or free_port()
    base_url = f"http://127.0.0.1:{port}"
    command = streamlit_command(script, port)
    # Files, not pipes: a chatty server can never block on a full pipe.
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(
            command, cwd=cwd, stdin=subprocess.DEVNULL, stdout=out, stderr=err
        )
        try:
            deadline = time.monotonic() + start_timeout_s
            while not is_healthy(f"{base_url}/_stcore/health"):
                if process.poll() is not None or time.monotonic() > deadline:
                    why = (
                        f"exited with code {process.returncode}"
                        if process.returncode is not None
                        else f"not healthy after {start_timeout_s:.0f} s"
                    )
                    raise RuntimeError(
                        f"streamlit {script} {why}.\nstderr:\n{tail(err)}\nstdout:\n{tail(out)}"
                    )
                time.sleep(0.2)
            yield base_url, process
        finally:
            stop_process(process, stop_grace_s)
