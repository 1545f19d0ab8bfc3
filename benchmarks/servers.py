"""Streamlit servers for the benchmark: free loopback ports, health wait, memory, clean stop.

Every server is started through :func:`serve`, a context manager: it is stopped (terminate,
then kill) when the block ends, whatever happened inside it. The runner also turns SIGTERM
into an exception, so an interrupted run still stops its servers.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psutil

from benchmarks.apps import ROOT, App, launcher
from tests.browser import free_port, is_healthy, tail

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


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=STOP_GRACE_S)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextmanager
def serve(app: App) -> Iterator[Server]:
    """Serve ``app`` with Streamlit on a free loopback port until the block ends.

    Same flags as the browser tests (tests/conftest.py); the working directory is the
    repository root, so the app's ``.streamlit/config.toml`` applies to every build alike.
    """
    script = launcher(app)
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(script),
        "--server.headless",
        "true",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
    ]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(
            command, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=out, stderr=err
        )
        try:
            deadline = time.monotonic() + START_TIMEOUT_S
            while not is_healthy(f"{base_url}/_stcore/health"):
                if process.poll() is not None:
                    raise RuntimeError(
                        f"{app.name}: streamlit exited with code {process.returncode}.\n"
                        f"stderr:\n{tail(err)}"
                    )
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{app.name}: not healthy after {START_TIMEOUT_S:.0f} s")
                time.sleep(0.2)
            yield Server(app, base_url, process)
        finally:
            _stop(process)


def project_path(path: Path) -> str:
    """``path`` relative to the repository, for messages."""
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)
