"""The same load against one Streamlit process and against the cluster, side by side.

    python -m benchmarks.cluster_bench                  # 20 sessions, 60 s each side, 2 replicas
    python -m benchmarks.cluster_bench --sessions 10 --duration 20   # a quick check

One run, one machine: first Gap Watch served by one process, then N replicas behind HAProxy
(deploy/cluster.py), each given the same load — the load test's concurrent phase
(benchmarks/load.py: sessions alternately changing the timeline's search filter and the map's
gap width, back to back, every answer checked against an oracle). Reports sessions held,
errors, p50/p95 latency, memory (warm and peak, all server processes) and CPU per change;
prints the table and writes it to CLUSTER_BENCHMARKS.md (raw figures in
benchmarks/cluster_results.json). Every server is stopped at the end, also on error or SIGTERM.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import platform
import signal
import sys
import threading
from collections.abc import Callable, Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any, TypeVar

import psutil

from benchmarks.load import Tally, ask_oracle, concurrent_phase, percentile
from deploy.cluster import Cluster
from tests.browser import streamlit_server

ROOT = Path(__file__).resolve().parents[1]
RESULTS_JSON = ROOT / "benchmarks" / "cluster_results.json"
REPORT_MD = ROOT / "CLUSTER_BENCHMARKS.md"
MB = 1024 * 1024
OP_TIMEOUT_S = 30.0
T = TypeVar("T")


def _in_own_loop(job: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine in a thread with its own event loop, so it also runs beside a caller
    that has one (Playwright's sync API in the tests keeps a loop on the main thread)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, job).result()


def run_load(base_url: str, sessions: int, duration_s: float) -> Tally:
    """The load test's concurrent phase against any base URL (a server's or a proxy's)."""

    async def both() -> Tally:
        oracle = await ask_oracle(base_url, OP_TIMEOUT_S)
        return await concurrent_phase(base_url, sessions, duration_s, OP_TIMEOUT_S, oracle)

    return _in_own_loop(both())


def _tree(pids: list[int]) -> list[psutil.Process]:
    """The processes and all their children (Streamlit may start helpers)."""
    found = []
    for pid in pids:
        try:
            proc = psutil.Process(pid)
        except psutil.NoSuchProcess:
            continue
        found.append(proc)
        found.extend(proc.children(recursive=True))
    return found


def rss_bytes(pids: list[int]) -> int:
    """Resident memory of the server processes, children included."""
    total = 0
    for proc in _tree(pids):
        try:
            total += proc.memory_info().rss
        except psutil.NoSuchProcess:
            continue
    return total


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time the server processes have used so far."""
    total = 0.0
    for proc in _tree(pids):
        try:
            times = proc.cpu_times()
            total += times.user + times.system
        except psutil.NoSuchProcess:
            continue
    return total


class PeakMemory:
    """Samples the processes' total RSS twice a second in a thread; keeps the peak."""

    def __init__(self, pids: Callable[[], list[int]]) -> None:
        self._pids = pids
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, rss_bytes(self._pids()))
            self._stop.wait(0.5)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def measure(
    label: str,
    base_url: str,
    pids: Callable[[], list[int]],
    args: argparse.Namespace,
    servers: list[str],
) -> dict[str, Any]:
    """Run the load against `base_url`; the load figures plus memory and CPU of `pids`.

    Each server in `servers` (the replicas, straight, not through the proxy) is first asked
    every question once, so "warm" is a process with its modules loaded and caches filled and
    no session, and the memory per session is what the sessions add to it.
    """
    for server in servers:
        _in_own_loop(ask_oracle(server, OP_TIMEOUT_S))
    idle = rss_bytes(pids())
    cpu_before = cpu_seconds(pids())
    with PeakMemory(pids) as memory:
        tally = run_load(base_url, args.sessions, args.duration)
    cpu = cpu_seconds(pids()) - cpu_before
    latencies_ms = [seconds * 1000 for kind in tally.latencies.values() for seconds in kind]
    changes = len(latencies_ms)
    figures: dict[str, Any] = {
        "label": label,
        "target": base_url,
        "sessions": args.sessions,
        "held": tally.sessions_done,
        "changes": changes,
        "errors": len(tally.errors),
        "first_errors": tally.errors[:5],
        "p50_ms": percentile(latencies_ms, 50) if latencies_ms else None,
        "p95_ms": percentile(latencies_ms, 95) if latencies_ms else None,
        "max_ms": max(latencies_ms, default=None),
        "processes": len(pids()),
        "rss_idle_mb": idle / MB,
        "rss_peak_mb": memory.peak / MB,
        "mb_per_session": (memory.peak - idle) / MB / max(args.sessions, 1),
        "cpu_s": cpu,
        "cpu_ms_per_change": cpu * 1000 / max(changes, 1),
    }
    sys.stderr.write(f"[cluster-bench] {label}: {json.dumps(figures, default=str)}\n")
    return figures


@contextmanager
def single_server() -> Iterator[tuple[str, list[int]]]:
    with streamlit_server("app.py", ROOT) as (url, process):
        yield url, [process.pid]


def table(rows: list[dict[str, Any]]) -> str:
    """The side-by-side table, Markdown."""

    def cpu_per_change(r: dict[str, Any]) -> str:
        return f"{r['cpu_ms_per_change']:.0f} ms"

    def ms(value: float | None) -> str:
        return "—" if value is None else f"{value:,.0f} ms"

    lines = [
        "| | " + " | ".join(r["label"] for r in rows) + " |",
        "|---|" + "---|" * len(rows),
    ]
    cells: list[tuple[str, Callable[[dict[str, Any]], str]]] = [
        ("sessions held / started", lambda r: f"{r['held']} / {r['sessions']}"),
        ("errors", lambda r: str(r["errors"])),
        ("changes answered (filter or width)", lambda r: f"{r['changes']:,}"),
        ("p50 latency", lambda r: ms(r["p50_ms"])),
        ("p95 latency", lambda r: ms(r["p95_ms"])),
        ("max latency", lambda r: ms(r["max_ms"])),
        ("server processes", lambda r: str(r["processes"])),
        ("memory warm, no session (all processes)", lambda r: f"{r['rss_idle_mb']:,.0f} MB"),
        ("memory peak (all processes)", lambda r: f"{r['rss_peak_mb']:,.0f} MB"),
        ("memory per session", lambda r: f"{r['mb_per_session']:.1f} MB"),
        ("server CPU per change (session opens included)", cpu_per_change),
    ]
    for name, cell in cells:
        lines.append(f"| {name} | " + " | ".join(cell(r) for r in rows) + " |")
    return "\n".join(lines)


def write_report(
    rows: list[dict[str, Any]], args: argparse.Namespace, load_before: tuple[float, ...]
) -> str:
    machine = {
        "cores": os.cpu_count(),
        "ram_gb": round(psutil.virtual_memory().total / 1024**3, 1),
        "python": platform.python_version(),
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "load_avg_before": [round(x, 1) for x in load_before],
        "load_avg_after": [round(x, 1) for x in os.getloadavg()],
    }
    RESULTS_JSON.write_text(
        json.dumps({"machine": machine, "args": vars(args), "rows": rows}, indent=2) + "\n",
        "utf-8",
    )
    text = table(rows)
    command = (
        f"python -m benchmarks.cluster_bench --sessions {args.sessions} "
        f"--duration {args.duration:g} --replicas {args.replicas}"
    )
    REPORT_MD.write_text(
        "# Cluster benchmark: one process vs the cluster, same load\n\n"
        f"{text}\n\n"
        f"Load: {args.sessions} concurrent sessions for {args.duration:g} s, each alternately "
        "changing the Timeline's search filter and the Map's gap width, back to back, every "
        "answer checked against an oracle (the load test's concurrent phase, benchmarks/load.py)."
        " Latency: from the rerun request to the end of the run, "
        "at the client. Memory: resident, all server processes (replicas and HAProxy), sampled "
        "twice a second. CPU: user + system of those processes over the run.\n\n"
        f"Machine: {machine['cores']} cores, {machine['ram_gb']} GB RAM, Python "
        f"{machine['python']}; load average (1, 5, 15 min) before the run "
        f"{machine['load_avg_before']}, after {machine['load_avg_after']} (other work on the "
        "machine shows here); "
        f"{machine['date']}. Command: `{command}`. Raw figures: "
        "`benchmarks/cluster_results.json`. What the figures mean: README, *Several replicas*.\n",
        "utf-8",
    )
    return text


def _on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.cluster_bench")
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load per side")
    parser.add_argument("--replicas", type=int, default=2)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, _on_sigterm)
    load_before = os.getloadavg()
    rows = []
    with single_server() as (url, pids):
        rows.append(measure("one process", url, lambda: pids, args, [url]))
    with Cluster(args.replicas) as cluster:

        def cluster_pids() -> list[int]:
            processes = [r.process for r in cluster.replicas.values()] + [cluster.proxy]
            return [p.pid for p in processes if p is not None and p.poll() is None]

        label = f"cluster: {args.replicas} replicas + HAProxy"
        replicas = [r.url for r in cluster.replicas.values()]
        rows.append(measure(label, cluster.url, cluster_pids, args, replicas))
    sys.stdout.write(write_report(rows, args, load_before) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
