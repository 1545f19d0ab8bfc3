"""A benchmark run's samples as they come in, what went wrong, and its progress log."""

from __future__ import annotations

import math
import sys
import time
import traceback
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from benchmarks.browser_bench import MissingFeature

#: The unit of each measurement key (results.json's "units").
UNITS: dict[str, str] = {
    "server.*": "ms",
    "browser.*": "ms",
    "payload.*": "bytes (decoded)",
    "messages.*": "count",
    "memory.*": "MiB",
    "import.rows_per_s": "rows/s",
    "incidents.server.*": "ms",
    "incidents.browser.*": "ms",
    "incidents.payload": "bytes (decoded)",
    "incidents.memory.*": "MiB",
}


def log(message: str) -> None:
    """Progress on stderr, so stdout carries only the table."""
    sys.stderr.write(f"[bench {time.strftime('%H:%M:%S')}] {message}\n")
    sys.stderr.flush()


class Results:
    """Samples as they come in, plus what went wrong and how each sample was taken."""

    def __init__(self) -> None:
        self.samples: dict[str, dict[str, list[float | None]]] = defaultdict(
            lambda: defaultdict(list)
        )
        self.details: list[dict[str, Any]] = []
        self.errors: list[str] = []
        self.unavailable: set[tuple[str, str]] = set()
        self.deadline = math.inf  # time.monotonic() after which nothing new is started

    def out_of_time(self, what: str) -> bool:
        """True (and noted once per thing skipped) when the run's time budget is spent."""
        if time.monotonic() < self.deadline:
            return False
        self.errors.append(f"time budget spent: skipped {what}")
        log(f"time budget spent: skipped {what}")
        return True

    def add(self, key: str, app: str, value: float | None) -> None:
        self.samples[key][app].append(value)

    def detail(self, **record: Any) -> None:
        self.details.append(record)

    def error(self, where: str, exc: BaseException) -> None:
        first_line = (str(exc).strip().splitlines() or [""])[0][:300]
        text = f"{where}: {type(exc).__name__}: {first_line}"
        log(f"ERROR {text}")
        self.errors.append(text)

    @contextmanager
    def attempt(self, where: str, skip_key: tuple[str, str] | None = None) -> Iterator[None]:
        """Run a measurement; on failure record the error and go on with the next one.

        A page that lacks what is measured (``MissingFeature``) is not retried in later runs.
        """
        try:
            yield
        except MissingFeature as exc:
            self.error(where, exc)
            if skip_key is not None:
                self.unavailable.add(skip_key)
        except (KeyboardInterrupt, SystemExit):
            raise
        except Exception as exc:
            self.error(where, exc)
            log(traceback.format_exc(limit=3))
