"""The processes of a cluster and of the tests and benchmarks that start servers: a free port,
the one Streamlit command line, a health check, a clean stop, and one replica's record."""

from __future__ import annotations

import socket
import subprocess
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

STOP_GRACE_S = 10.0


def free_port() -> int:
    """A TCP port nobody listens on at the moment, on 127.0.0.1."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def is_healthy(url: str) -> bool:
    """True when a Streamlit server answers its health check at `url` with 200."""
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def streamlit_command(script: str | Path, port: int, address: str = "127.0.0.1") -> list[str]:
    """The one command line that serves `script` (tests, benchmark and replicas alike).

    Headless, no usage statistics, no file watcher (a server for readers, not a dev loop);
    everything else comes from the repository's ``.streamlit/config.toml``.
    """
    return [
        sys.executable, "-m", "streamlit", "run", str(script),
        "--server.headless", "true",
        "--server.port", str(port),
        "--server.address", address,
        "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none",
    ]  # fmt: skip


def tail(path: Path, limit: int = 4000) -> str:
    """The end of a log file, for an error message."""
    try:
        return path.read_text("utf-8", "replace")[-limit:]
    except OSError:
        return ""


def stop_process(process: subprocess.Popen[bytes] | None, grace_s: float = STOP_GRACE_S) -> None:
    """Terminate, wait, then kill: a process is never left behind."""
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=grace_s)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@dataclass
class Replica:
    """One Streamlit process of the cluster, on a fixed loopback port (the proxy names it)."""

    name: str
    port: int
    log_path: Path
    process: subprocess.Popen[bytes] | None = None
    log: IO[bytes] | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None
