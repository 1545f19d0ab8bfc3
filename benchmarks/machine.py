"""What the benchmark's numbers were measured on: cores, memory, CPU, OS and versions."""

from __future__ import annotations

import os
import platform
from importlib import metadata
from pathlib import Path
from typing import Any


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "?"


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


def machine(chromium: str) -> dict[str, Any]:
    """What the numbers were measured on."""
    import psutil  # the bench extra: imported here so the unit tests need only the test extra

    return {
        "nproc": len(os.sched_getaffinity(0))
        if hasattr(os, "sched_getaffinity")
        else os.cpu_count(),
        "ram_gib": round(psutil.virtual_memory().total / 2**30, 1),
        "cpu": _cpu_model(),
        "os": platform.platform(),
        "python": platform.python_version(),
        "streamlit": _version("streamlit"),
        "streamlit-folium": _version("streamlit-folium"),
        "folium": _version("folium"),
        "plotly": _version("plotly"),
        "playwright": _version("playwright"),
        "chromium": chromium,
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }
