"""Small helpers shared by the tests (fixtures live in conftest.py)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from gapwatch.load import load_briefing
from gapwatch.model import Briefing

PROJECT_DIR = Path(__file__).resolve().parents[1]
DATA_DIR = PROJECT_DIR / "data"


@cache
def real_briefing() -> Briefing:
    """The shipped data, loaded once per test run (the models are frozen, so sharing is safe)."""
    return load_briefing(DATA_DIR)
