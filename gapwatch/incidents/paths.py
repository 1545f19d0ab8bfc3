"""Where the app's own data lives, for the incident modules (one place)."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[2]


def data_dir() -> Path:
    """data/ of the project, or $GAPWATCH_DATA_DIR (the same rule as the pages use)."""
    return Path(os.environ.get("GAPWATCH_DATA_DIR") or PROJECT_DIR / "data")
