"""Small helpers shared by the tests (fixtures live in conftest.py)."""

from __future__ import annotations

import csv
import html
import io
import re
from functools import cache
from pathlib import Path

from streamlit.testing.v1 import AppTest

from gapwatch.briefing import Briefing
from gapwatch.geodata import ReferenceGeo, load_reference_geo
from gapwatch.load import load_briefing

PROJECT_DIR = Path(__file__).resolve().parents[1]
DATA_DIR = PROJECT_DIR / "data"


@cache
def real_briefing() -> Briefing:
    """The shipped data, loaded once per test run (the models are frozen, so sharing is safe)."""
    return load_briefing(DATA_DIR)


@cache
def real_reference_geo() -> ReferenceGeo:
    """The shipped reference geodata (data/geo), loaded once per test run."""
    return load_reference_geo(DATA_DIR / "geo")


def csv_rows(text: str) -> list[dict[str, str]]:
    """A CSV export read back as a spreadsheet program would: one dict per row."""
    return list(csv.DictReader(io.StringIO(text, newline="")))


APP_PATH = PROJECT_DIR / "app.py"


def open_app(page: str | None = None, **params: str) -> AppTest:
    """The app as a pasted link opens it: with these query parameters, straight on `page`
    (a file under views/, whose name is its url path), on the session's first run."""
    at = AppTest.from_file(str(APP_PATH), default_timeout=60)
    for name, value in params.items():
        at.query_params[name] = value
    if page:
        at.switch_page(f"views/{page}.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


_ALERT = re.compile(r'<div class="gw-alert gw-alert-(\w+)"[^>]*>(.*?)</div>', re.DOTALL)


def alerts(at: AppTest, kind: str | None = None) -> list[str]:
    """The text of the app's own alert boxes (`components.html.alert`), as a reader
    reads it (entities decoded), optionally only those of one kind (info, warning, error)."""
    found: list[str] = []
    for element in at.get("html"):
        for alert_kind, body in _ALERT.findall(element.proto.body):
            if kind is None or alert_kind == kind:
                found.append(html.unescape(body))
    return found
