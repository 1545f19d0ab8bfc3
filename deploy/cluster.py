"""Gap Watch as a cluster on one machine: N Streamlit replicas behind Debian's HAProxy.

    python -m deploy.cluster --replicas 3 --port 8501    # what `make cluster N=3` runs
    python -m deploy.cluster --replicas 2 --print-config # the rendered haproxy.cfg, then exit

Why: one Streamlit process holds every session in its memory and runs every rerun on its own
cores; a crash takes every reader down. Several processes behind a widely deployed proxy give
isolation and failover (see deploy/README.md). The proxy configuration is the template
``deploy/haproxy.cfg.in``; this module only fills in the ports, starts the processes, waits
until the proxy sees every replica healthy, prints the proxy URL on a line of its own and
stops everything on Ctrl-C or SIGTERM. The tests drive the same :class:`Cluster`.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Mapping, Sequence
from pathlib import Path
from string import Template
from types import FrameType, TracebackType

from deploy.processes import (
    Replica,
    free_port,
    is_healthy,
    stop_process,
    streamlit_command,
    tail,
)

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = Path(__file__).with_name("haproxy.cfg.in")
#: The backend's name in the template: its servers are the replicas.
BACKEND = "replicas"
#: Streamlit reads its options from STREAMLIT_<SECTION>_<OPTION> variables too.
COOKIE_SECRET_ENV = "STREAMLIT_SERVER_COOKIE_SECRET"
START_TIMEOUT_S = 120.0


class ClusterError(RuntimeError):
    """The cluster could not start or a part of it died; the message says which and why."""


# --- HAProxy ------------------------------------------------------------------------------


def haproxy_binary() -> str:
    """Debian's haproxy (in /usr/sbin, which is not on every user's PATH) or a clear error."""
    for candidate in (shutil.which("haproxy"), "/usr/sbin/haproxy"):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    raise ClusterError(
        "haproxy not found: install Debian's package (`sudo apt-get install haproxy`; "
        "`make cluster` does it when run as root)."
    )


def render_haproxy_config(
    replica_ports: Mapping[str, int], proxy_port: int, stats_port: int, bind: str = "127.0.0.1"
) -> str:
    """The template filled in: one health-checked, cookie-named server line per replica."""
    servers = "\n".join(
        f"    server {name} 127.0.0.1:{port} cookie {name} check"
        for name, port in replica_ports.items()
    )
    return Template(TEMPLATE.read_text("utf-8")).substitute(
        bind=bind, proxy_port=proxy_port, stats_port=stats_port, servers=servers
    )


def check_haproxy_config(path: Path) -> None:
    """Let haproxy itself validate a rendered file (`haproxy -c`); raise with its words."""
    done = subprocess.run([haproxy_binary(), "-c", "-f", str(path)], capture_output=True, text=True)
    if done.returncode != 0:
        raise ClusterError(f"haproxy rejects {path}:\n{done.stdout}{done.stderr}")


def server_states(stats_url: str) -> dict[str, str]:
    """Each replica's state as the proxy sees it ("UP", "DOWN", "UP 1/2", ...), from /stats;csv."""
    with urllib.request.urlopen(f"{stats_url};csv", timeout=5) as response:
        text = response.read().decode("utf-8")
    rows = csv.DictReader(io.StringIO(text.removeprefix("# ")))
    return {
        row["svname"]: row["status"]
        for row in rows
        if row["pxname"] == BACKEND and row["svname"] not in {"FRONTEND", "BACKEND"}
    }


class Cluster:
    """N replicas of `script` behind HAProxy on loopback; a context manager that cleans up.

    ``env`` is added to every replica's environment (e.g. ``GAPWATCH_STORE``, so all of them
    share one store); the replicas also share one cookie secret, so the XSRF token a reader's
    browser got from one replica is accepted by the others after a failover.
    """

    def __init__(
        self,
        replicas: int,
        proxy_port: int = 0,
        *,
        script: str | Path = "app.py",
        cwd: Path = ROOT,
        env: Mapping[str, str] | None = None,
        bind: str = "127.0.0.1",
        workdir: Path | None = None,
        start_timeout_s: float = START_TIMEOUT_S,
    ) -> None:
        if replicas < 1:
            raise ClusterError(f"a cluster needs at least 1 replica, not {replicas}")
        self._tmp = None if workdir else tempfile.TemporaryDirectory(prefix="gapwatch-cluster-")
        self.workdir = workdir or Path(self._tmp.name)  # type: ignore[union-attr]
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.script = script
        self.cwd = cwd
        self.bind = bind
        self.start_timeout_s = start_timeout_s
        self.proxy_port = proxy_port or free_port()
        self.stats_port = free_port()
        self.env = {**os.environ, **(env or {})}
        self.env.setdefault(COOKIE_SECRET_ENV, secrets.token_hex(32))
        self.replicas = {
            f"r{i}": Replica(f"r{i}", free_port(), self.workdir / f"r{i}.log")
            for i in range(1, replicas + 1)
        }
        self.config_path = self.workdir / "haproxy.cfg"
        self.proxy_log = self.workdir / "haproxy.log"
        self.proxy: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        """The one URL readers use: the proxy's."""
        host = "127.0.0.1" if self.bind in {"0.0.0.0", "127.0.0.1"} else self.bind
        return f"http://{host}:{self.proxy_port}"

    @property
    def stats_url(self) -> str:
        return f"http://127.0.0.1:{self.stats_port}/stats"

    def config(self) -> str:
        return render_haproxy_config(
            {name: r.port for name, r in self.replicas.items()},
            self.proxy_port,
            self.stats_port,
            self.bind,
        )

    # --- lifecycle ---

    def start(self) -> Cluster:
        """Start every replica and the proxy; return when the proxy sees them all UP."""
        self.config_path.write_text(self.config(), "utf-8")
        check_haproxy_config(self.config_path)
        for replica in self.replicas.values():
            self._spawn(replica)
        deadline = time.monotonic() + self.start_timeout_s
        for replica in self.replicas.values():
            self._wait_healthy(replica, deadline)
        with self.proxy_log.open("ab") as log:
            self.proxy = subprocess.Popen(
                [haproxy_binary(), "-db", "-f", str(self.config_path)],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=log,
                start_new_session=True,
            )
        for name in self.replicas:
            self.wait_state(name, "UP", deadline - time.monotonic())
        return self

    def stop(self) -> None:
        """Stop the proxy first (no new requests), then every replica; idempotent."""
        stop_process(self.proxy)
        for replica in self.replicas.values():
            if replica.process is not None and replica.process.poll() is None:
                replica.process.terminate()
        for replica in self.replicas.values():
            stop_process(replica.process)
            if replica.log is not None:
                replica.log.close()
                replica.log = None
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None

    def __enter__(self) -> Cluster:
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # --- faults, as the tests and an operator cause them ---

    def kill(self, name: str) -> None:
        """Kill a replica at once (SIGKILL, as a crash or the OOM killer would)."""
        replica = self.replicas[name]
        if replica.process is not None:
            replica.process.kill()
            replica.process.wait()

    def restart(self, name: str, timeout_s: float | None = None) -> None:
        """Start a stopped replica again on its port; return when the proxy has it UP."""
        replica = self.replicas[name]
        if replica.alive():
            raise ClusterError(f"replica {name} is still running")
        deadline = time.monotonic() + (timeout_s or self.start_timeout_s)
        self._spawn(replica)
        self._wait_healthy(replica, deadline)
        self.wait_state(name, "UP", deadline - time.monotonic())

    def states(self) -> dict[str, str]:
        """Each replica's state as the proxy sees it."""
        return server_states(self.stats_url)

    def wait_state(self, name: str, state: str, timeout_s: float) -> None:
        """Wait until the proxy reports replica `name` exactly `state` ("UP" or "DOWN")."""
        deadline = time.monotonic() + timeout_s
        seen = "?"
        while True:
            if self.proxy is None or self.proxy.poll() is not None:
                raise ClusterError(f"haproxy is not running.\n{tail(self.proxy_log)}")
            try:
                seen = self.states().get(name, "missing")
            except (urllib.error.URLError, OSError):
                seen = "stats page not answering yet"
            if seen == state:
                return
            if time.monotonic() > deadline:
                raise ClusterError(f"replica {name} is {seen!r}, not {state}, at the proxy")
            time.sleep(0.2)

    def dead_replicas(self) -> list[str]:
        """Names of replicas whose process has exited."""
        return [name for name, r in self.replicas.items() if not r.alive()]

    # --- helpers ---

    def _spawn(self, replica: Replica) -> None:
        if replica.log is None:
            replica.log = replica.log_path.open("ab")
        # A session of its own: Ctrl-C in a terminal reaches only the launcher, which then
        # stops the proxy before the replicas (no reader is routed to a dying replica).
        replica.process = subprocess.Popen(
            streamlit_command(self.script, replica.port),
            cwd=self.cwd,
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=replica.log,
            stderr=replica.log,
            start_new_session=True,
        )

    def _wait_healthy(self, replica: Replica, deadline: float) -> None:
        while not is_healthy(f"{replica.url}/_stcore/health"):
            process = replica.process
            if process is None or process.poll() is not None or time.monotonic() > deadline:
                why = (
                    f"exited with code {process.returncode}"
                    if process is not None and process.returncode is not None
                    else "is not healthy in time"
                )
                raise ClusterError(f"replica {replica.name} {why}.\n{tail(replica.log_path)}")
            time.sleep(0.2)


# --- command line -------------------------------------------------------------------------


def _raise_interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m deploy.cluster",
        description="Serve Gap Watch as N Streamlit replicas behind HAProxy on this machine.",
    )
    parser.add_argument("--replicas", "-n", type=int, default=3, help="replicas (default 3)")
    parser.add_argument("--port", type=int, default=8501, help="the proxy's port (8501)")
    parser.add_argument(
        "--bind", default="127.0.0.1", help="the proxy's address (127.0.0.1; 0.0.0.0 for a LAN)"
    )
    parser.add_argument(
        "--store",
        type=Path,
        help="the shared incident store folder (sets GAPWATCH_STORE for every replica)",
    )
    parser.add_argument(
        "--no-restart",
        action="store_true",
        help="leave a replica that dies down (default: start it again, as an orchestrator does)",
    )
    parser.add_argument(
        "--print-config", action="store_true", help="print the rendered haproxy.cfg and exit"
    )
    return parser.parse_args(argv)


def say(message: str) -> None:
    """Progress for the operator, on stderr: stdout carries the proxy URL alone."""
    sys.stderr.write(f"[cluster {time.strftime('%H:%M:%S')}] {message}\n")
    sys.stderr.flush()


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    env = {"GAPWATCH_STORE": str(args.store.resolve())} if args.store else None
    cluster = Cluster(args.replicas, args.port, env=env, bind=args.bind)
    if args.print_config:
        sys.stdout.write(cluster.config())
        cluster.stop()
        return 0
    signal.signal(signal.SIGTERM, _raise_interrupt)
    try:
        say(f"starting {args.replicas} replicas and HAProxy (logs in {cluster.workdir})")
        cluster.start()
        for replica in cluster.replicas.values():
            say(f"replica {replica.name}: {replica.url}")
        say(f"proxy status page: {cluster.stats_url}")
        say("Gap Watch is served at (Ctrl-C stops everything):")
        sys.stdout.write(f"{cluster.url}\n")
        sys.stdout.flush()
        left_down: set[str] = set()
        while True:
            time.sleep(1)
            if cluster.proxy is None or cluster.proxy.poll() is not None:
                raise ClusterError(f"haproxy exited.\n{tail(cluster.proxy_log)}")
            for name in cluster.dead_replicas():
                if args.no_restart:
                    if name not in left_down:
                        say(f"replica {name} exited; left down (--no-restart)")
                        left_down.add(name)
                    continue
                say(f"replica {name} exited; starting it again")
                cluster.restart(name)
                say(f"replica {name} is back")
    except KeyboardInterrupt:
        say("stopping")
        return 0
    except ClusterError as error:
        say(f"error: {error}")
        return 1
    finally:
        cluster.stop()
        say("stopped")


if __name__ == "__main__":
    sys.exit(main())
