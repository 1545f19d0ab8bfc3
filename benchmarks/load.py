"""Load test: many concurrent sessions change filters and the gap width; every one must get its
own correct figures, with no error, and the server's memory must stay flat.

    python -m benchmarks.load                          # 20 sessions for 60 s, then 1,000 reruns
    python -m benchmarks.load --sessions 30 --duration 120
    python -m benchmarks.load --url http://127.0.0.1:8080 --server-pid 1234   # e.g. a proxy

Each session is a websocket client that speaks Streamlit's own protocol (protobuf `BackMsg`
out, `ForwardMsg` in, as the browser does), so 20+ sessions fit on a 2-core machine where 20
Chromiums would not. A session alternates two interactions, each a rerun with new widget
values, timed from sending to the server's `script_finished`:

- Timeline: type a search term into the filter; read "N of 6 events" back from the page;
- Map: set the gap width slider; read the band's area from the metric beside it.

Every session draws its own sequence of terms and widths, so a figure leaking from another
session shows as a wrong figure. The right figures come from an *oracle*: one session that
asks each question alone before the load starts. Errors counted: a figure that differs from
the oracle's, an exception or error box on the page, a closed socket, a reply that takes
longer than `--op-timeout`.

Memory: the server's RSS (with its children) before and after the load, and every 100 reruns
of one session that reruns `--reruns` times; "flat" means the last half of those reruns grew
the RSS by less than `--flat-mb`. With `--url` the server is not ours: its memory is measured
only if `--server-pid` names it.

Writes `benchmarks/load_results.json` and prints a summary. Bounded: `--duration` for the
concurrent phase, `--op-timeout` for each reply, `--reruns` for the memory phase.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import websockets

# SLIDER_KEY, Reply, _read_element re-exported: branch `cluster` imports them from here.
from benchmarks.load_session import SLIDER_KEY as SLIDER_KEY
from benchmarks.load_session import LoadError, Session
from benchmarks.load_session import Reply as Reply
from benchmarks.load_session import _read_element as _read_element
from tests.browser import streamlit_server

ROOT = Path(__file__).resolve().parents[1]
RESULTS_JSON = Path(__file__).resolve().parent / "load_results.json"
MB = 1024 * 1024

#: Search terms with different answers (and one with none), and slider positions.
TERMS = ("Erbil", "Baghdad", "Hawija", "Peshmerga", "Rasool", "no-such-word", "")
WIDTHS = (1.0, 2.5, 5.0, 7.5, 10.0, 12.5, 15.0, 20.0)


@dataclass
class Oracle:
    """The right figure for every term and width, asked one at a time with nothing else on."""

    counts: dict[str, str]
    areas: dict[float, str]

    def check(self, kind: str, question: str | float, answer: str) -> None:
        expected = self.counts[str(question)] if kind == "filter" else self.areas[float(question)]
        if answer != expected:
            raise LoadError(f"{kind} {question!r}: got {answer!r}, expected {expected!r}")


async def ask_oracle(base_url: str, op_timeout_s: float) -> Oracle:
    async with Session(base_url, op_timeout_s) as session:
        counts = {term: (await session.set_filter(term))[0] for term in TERMS}
        areas = {width: (await session.set_width(width))[0] for width in WIDTHS}
    if len(set(counts.values())) < 3 or len(set(areas.values())) < len(WIDTHS):
        raise LoadError(f"the questions do not tell sessions apart: {counts} {areas}")
    return Oracle(counts, areas)


@dataclass
class Tally:
    """Everything the concurrent phase saw."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: {"filter": [], "width": []})
    errors: list[str] = field(default_factory=list)
    sessions_done: int = 0
    ops_by_session: list[int] = field(default_factory=list)


async def reader(
    number: int, base_url: str, oracle: Oracle, tally: Tally, until: float, op_timeout_s: float
) -> None:
    """One session: alternate a filter change and a width change until `until`."""
    rng = random.Random(number)
    ops = 0
    try:
        async with Session(base_url, op_timeout_s) as session:
            while time.monotonic() < until:
                question: str | float
                if ops % 2 == 0:
                    kind, question = "filter", rng.choice(TERMS)
                    answer, seconds = await session.set_filter(question)
                else:
                    kind, question = "width", rng.choice(WIDTHS)
                    answer, seconds = await session.set_width(question)
                oracle.check(kind, question, answer)
                tally.latencies[kind].append(seconds)
                ops += 1
        tally.sessions_done += 1
    except (LoadError, OSError, websockets.ConnectionClosed) as error:
        tally.errors.append(f"session {number} after {ops} interactions: {error}")
    tally.ops_by_session.append(ops)


def rss_mb(pid: int | None) -> float | None:
    """The RSS of a process and its children, in MB (None when we do not know the server)."""
    if pid is None:
        return None
    import psutil  # bench-only dependency: the pure parts are tested without it

    process = psutil.Process(pid)
    total = process.memory_info().rss
    for child in process.children(recursive=True):
        total += child.memory_info().rss
    return round(total / MB, 1)


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) by linear interpolation; NaN for no values."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


async def concurrent_phase(
    base_url: str, sessions: int, duration_s: float, op_timeout_s: float, oracle: Oracle
) -> Tally:
    tally = Tally()
    until = time.monotonic() + duration_s
    await asyncio.gather(
        *(reader(n, base_url, oracle, tally, until, op_timeout_s) for n in range(sessions))
    )
    return tally


async def memory_phase(
    base_url: str, reruns: int, op_timeout_s: float, oracle: Oracle, pid: int | None
) -> list[tuple[int, float | None]]:
    """One session reruns `reruns` times (filter and width in turn); RSS every 100 reruns."""
    samples: list[tuple[int, float | None]] = [(0, rss_mb(pid))]
    async with Session(base_url, op_timeout_s) as session:
        for n in range(1, reruns + 1):
            if n % 2:
                term = TERMS[n % len(TERMS)]
                oracle.check("filter", term, (await session.set_filter(term))[0])
            else:
                width = WIDTHS[n % len(WIDTHS)]
                oracle.check("width", width, (await session.set_width(width))[0])
            if n % 100 == 0 or n == reruns:
                samples.append((n, rss_mb(pid)))
    return samples


def is_flat(samples: Sequence[tuple[int, float | None]], limit_mb: float) -> bool | None:
    """Whether the RSS grew by less than `limit_mb` over the second half of the reruns (the
    first half warms caches); None when the memory was not measured."""
    known = [(n, mb) for n, mb in samples if mb is not None]
    if len(known) < 3:
        return None
    middle = known[len(known) // 2][1]
    return known[-1][1] - middle < limit_mb


@contextmanager
def target(url: str | None, server_pid: int | None) -> Iterator[tuple[str, int | None]]:
    """The base URL to load and the server's pid: ours, started here, unless `url` is given."""
    if url:
        yield url.rstrip("/"), server_pid
        return
    with streamlit_server("app.py", ROOT) as (base_url, process):
        yield base_url, process.pid


def run(args: argparse.Namespace) -> dict[str, Any]:
    """The whole load test; returns what it measured (also written to load_results.json)."""
    with target(args.url, args.server_pid) as (base_url, pid):
        oracle = asyncio.run(ask_oracle(base_url, args.op_timeout))
        memory_before = rss_mb(pid)
        started = time.monotonic()
        tally = asyncio.run(
            concurrent_phase(base_url, args.sessions, args.duration, args.op_timeout, oracle)
        )
        elapsed = time.monotonic() - started
        memory_after = rss_mb(pid)
        reruns = (
            asyncio.run(memory_phase(base_url, args.reruns, args.op_timeout, oracle, pid))
            if args.reruns
            else []
        )
    every = tally.latencies["filter"] + tally.latencies["width"]
    result: dict[str, Any] = {
        "target": "own server" if args.url is None else args.url,
        "sessions": args.sessions,
        "sessions_held": tally.sessions_done,
        "duration_s": round(elapsed, 1),
        "interactions": len(every),
        "interactions_per_session": {
            "min": min(tally.ops_by_session, default=0),
            "max": max(tally.ops_by_session, default=0),
        },
        "errors": len(tally.errors),
        "error_details": tally.errors[:20],
        "latency_ms": {
            kind: {
                "p50": round(percentile(values, 50) * 1000),
                "p95": round(percentile(values, 95) * 1000),
                "max": round(max(values, default=float("nan")) * 1000),
                "n": len(values),
            }
            for kind, values in (("all", every), *tally.latencies.items())
        },
        "server_rss_mb": {"before": memory_before, "after": memory_after},
        "reruns": args.reruns,
        "rerun_rss_mb": reruns,
        "memory_flat": is_flat(reruns, args.flat_mb),
        "flat_limit_mb": args.flat_mb,
    }
    RESULTS_JSON.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return result


def summary(result: dict[str, Any]) -> str:
    """The figures a reader of `make bench` wants, one per line."""
    lat = result["latency_ms"]["all"]
    lines = [
        f"load: {result['sessions_held']}/{result['sessions']} sessions held for "
        f"{result['duration_s']} s ({result['target']}), {result['interactions']} interactions, "
        f"{result['errors']} errors",
        f"load: latency p50 {lat['p50']} ms, p95 {lat['p95']} ms (filter p95 "
        f"{result['latency_ms']['filter']['p95']} ms, width p95 "
        f"{result['latency_ms']['width']['p95']} ms)",
        f"load: server RSS {result['server_rss_mb']['before']} MB before, "
        f"{result['server_rss_mb']['after']} MB after",
    ]
    if result["reruns"]:
        rss = result["rerun_rss_mb"]
        lines.append(
            f"load: {result['reruns']} reruns of one session: RSS {rss[0][1]} -> {rss[-1][1]} MB, "
            f"flat (< {result['flat_limit_mb']} MB over the second half): {result['memory_flat']}"
        )
    lines += [f"load: error: {e}" for e in result["error_details"]]
    return "\n".join(lines)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.load", description=__doc__)
    parser.add_argument("--url", help="load this base URL (e.g. a proxy) instead of our own")
    parser.add_argument("--server-pid", type=int, help="with --url: the server's pid, for RSS")
    parser.add_argument("--sessions", type=int, default=20, help="concurrent sessions (20)")
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load (60)")
    parser.add_argument("--reruns", type=int, default=1000, help="reruns for memory (1000)")
    parser.add_argument("--op-timeout", type=float, default=30.0, help="seconds per reply (30)")
    parser.add_argument("--flat-mb", type=float, default=10.0, help="memory growth limit (10)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run it; exit 1 if any interaction failed or memory was not flat."""
    result = run(parse_args(argv))
    sys.stdout.write(summary(result) + "\n")
    failed = result["errors"] or result["sessions_held"] < result["sessions"]
    return 1 if failed or result["memory_flat"] is False else 0


if __name__ == "__main__":
    raise SystemExit(main())
