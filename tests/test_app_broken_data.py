"""Broken data files give the reader a clear error on the page, never a traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from gapwatch.i18n import t
from tests.support import DATA_DIR, open_app


@pytest.fixture
def broken_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of data/ that the app reads instead of the real one, for a test to damage."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    monkeypatch.setenv("GAPWATCH_DATA_DIR", str(target))
    return target


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_malformed_data_file_is_named_on_the_page(broken_data: Path, lang: str) -> None:
    (broken_data / "events.json").write_text('[{"id": "x",', encoding="utf-8")

    at = open_app(None, lang=lang)

    assert at.error[0].value == t("data_error", "ar" if lang == "ar" else "en")
    assert "events.json: not valid JSON" in at.code[0].value
    assert not at.title  # nothing half-loaded is shown


def test_a_broken_geodata_file_is_named_on_the_map_page(broken_data: Path) -> None:
    (broken_data / "geo" / "rivers_iraq.geojson").write_text("{", encoding="utf-8")

    at = open_app("map", lang="en")

    assert t("geo_error", "en") in at.error[0].value
    assert "geo/rivers_iraq.geojson: not valid JSON" in at.code[0].value


def test_a_missing_geodata_file_is_named(broken_data: Path) -> None:
    (broken_data / "geo" / "lakes_iraq.geojson").unlink()

    at = open_app("map", lang="en")

    assert "geo/lakes_iraq.geojson: file is missing" in at.code[0].value
