"""Streamlit servers for the benchmark: free loopback ports, health wait, memory, clean stop.

Every server is started through :func:`serve`, a context manager: it is stopped (terminate,
then kill) when the block ends, whatever happened inside it. The runner also turns SIGTERM
into an exception, so an interrupted run still stops its servers.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psutil

from benchmarks.apps import ROOT, App, launcher
from tests.browser import streamlit_server

START_TIMEOUT_S = 90.0
STOP_GRACE_S = 10.0


@dataclass
class Server:
    """A running Streamlit server."""

    app: App
    base_url: str
    process: subprocess.Popen[bytes]

    def rss_bytes(self) -> int:
        """Resident memory of the server process and all its children, in bytes."""
        proc = psutil.Process(self.process.pid)
        total = proc.memory_info().rss
        for child in proc.children(recursive=True):
            try:
                total += child.memory_info().rss
            except psutil.NoSuchProcess:
                continue
        return int(total)


@contextmanager
def serve(app: App) -> Iterator[Server]:
    """Serve ``app`` with Streamlit on a free loopback port until the block ends.

    Started like the browser tests' server (tests/browser.streamlit_server); the working
    directory is the repository root, so the app's ``.streamlit/config.toml`` applies to every
    build alike.
    """
    with streamlit_server(launcher(app), ROOT, START_TIMEOUT_S, STOP_GRACE_S) as (url, process):
        yield Server(app, url, process)


def project_path(path: Path) -> str:
    """``path`` relative to the repository, for messages."""
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)
