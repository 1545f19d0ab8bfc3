"""The loader: the real data loads, and every kind of broken file gives its own clear error."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from gapwatch.briefing import Briefing
from gapwatch.load import BriefingError, load_briefing
from tests.support import DATA_DIR


def test_the_real_data_loads(briefing: Briefing) -> None:
    assert briefing.article.meta.outlet.en == "Diyaruna"
    assert len(briefing.key_points) == 3
    assert {p.id for p in briefing.places} >= {
        "erbil",
        "baghdad",
        "hawija",
        "hawija-outskirts",
        "hamrin-range",
        "gap-zones",
    }
    assert len(briefing.comments) == 1


@pytest.fixture
def broken_copy(tmp_path: Path) -> Path:
    """A private copy of data/ that a test may damage without touching the real one."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target, ignore=shutil.ignore_patterns("geo"))
    return target


def _edit(file_name: str, change: Callable[[Any], Any]) -> Callable[[Path], None]:
    def apply(data_dir: Path) -> None:
        path = data_dir / file_name
        content = json.loads(path.read_text(encoding="utf-8"))
        content = change(content)
        path.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")

    return apply


def _set(obj: dict[str, Any], dotted: str, value: Any) -> dict[str, Any]:
    *parents, last = dotted.split(".")
    target: Any = obj
    for key in parents:
        target = target[key]
    target[last] = value
    return obj


def _first_item(change: Callable[[dict[str, Any]], Any]) -> Callable[[list[Any]], list[Any]]:
    def apply(items: list[Any]) -> list[Any]:
        change(items[0])
        return items

    return apply


def _write_raw(file_name: str, text: str) -> Callable[[Path], None]:
    def apply(data_dir: Path) -> None:
        (data_dir / file_name).write_text(text, encoding="utf-8")

    return apply


def _remove(file_name: str) -> Callable[[Path], None]:
    def apply(data_dir: Path) -> None:
        (data_dir / file_name).unlink()

    return apply


def _first_event_id(data_dir: Path = DATA_DIR) -> str:
    return str(json.loads((data_dir / "events.json").read_text(encoding="utf-8"))[0]["id"])


BROKEN_INPUTS: list[tuple[str, Callable[[Path], None], list[str]]] = [
    # files that are not there or not JSON
    ("missing file", _remove("events.json"), ["events.json", "file is missing"]),
    (
        "malformed JSON",
        _write_raw("places.json", '[{"id": "erbil",'),
        ["places.json", "not valid JSON", "line 1"],
    ),
    ("not an array", _write_raw("actors.json", "{}"), ["actors.json", "expected a JSON array"]),
    # fields
    (
        "missing field",
        _edit("events.json", _first_item(lambda e: e.pop("title"))),
        ["events.json", "event", "title is missing"],
    ),
    (
        "extra field",
        _edit("places.json", _first_item(lambda p: _set(p, "colour", "red"))),
        ["places.json", "colour is not a known field"],
    ),
    # dates
    (
        "impossible date",
        _edit("events.json", _first_item(lambda e: _set(e, "date.earliest", "2019-02-31"))),
        ["events.json", "date.earliest", '"2019-02-31" is not a valid date'],
    ),
    (
        "earliest after latest",
        _edit(
            "events.json",
            _first_item(
                lambda e: _set(_set(e, "date.earliest", "2019-03-02"), "date.latest", "2019-03-01")
            ),
        ),
        ["events.json", "date", "is after latest"],
    ),
    # identity and references
    (
        "duplicate id",
        _edit("actors.json", lambda items: [*items, items[0]]),
        ["actors.json", "is used more than once"],
    ),
    (
        "unknown reference",
        _edit("key_points.json", _first_item(lambda k: _set(k, "speaker_id", "nobody"))),
        ["key_points.json", 'unknown actor "nobody"'],
    ),
    # geography
    (
        "coordinates outside Iraq",
        _edit("places.json", _first_item(lambda p: _set(_set(p, "lat", 44.0), "lon", 36.2))),
        ["places.json", "outside Iraq", "swapped"],
    ),
    # provenance
    (
        "span not in the article",
        _edit(
            "statements.json",
            _first_item(lambda s: _set(s["spans"][0], "text_ar", "جملة ليست في المقال")),
        ),
        ["statements.json", "does not occur in paragraph"],
    ),
    # statuses say no more than their words
    (
        "status its words do not support",
        _edit("key_points.json", _first_item(lambda k: _set(k, "status", "reported_agreement"))),
        [
            "key_points.json",
            '"field-survey"',
            "status 'reported_agreement' is not justified",
            "يدعو",
        ],
    ),
    (
        "status basis outside the item's spans",
        _edit(
            "statements.json",
            _first_item(
                lambda s: _set(s, "status_basis", {"paragraph": 9, "text_ar": "اتفق الطرفان"})
            ),
        ),
        ["statements.json", '"joc-joint-operations"', "is not inside any of the item's own spans"],
    ),
    (
        "speaker on the wrong side",
        _edit("key_points.json", _first_item(lambda k: _set(k, "said_by.side", "kurdistan"))),
        [
            "key_points.json",
            'said_by side "kurdistan"',
            'actor "yahya-rasool" is on side "federal"',
        ],
    ),
    (
        "inference about a value the item does not carry",
        _edit(
            "events.json",
            lambda items: [
                _set(e, "inferences", [{**e["inferences"][0], "value": "baghdad"}])
                if e["id"] == "joc-announcement"
                else e
                for e in items
            ],
        ),
        ["events.json", '"joc-announcement"', '"baghdad" is not in its actor_ids'],
    ),
    (
        "inference from words the item does not cite",
        _edit(
            "events.json",
            lambda items: [
                _set(e, "inferences", [{**e["inferences"][0], "words": "كلمات أخرى"}])
                if e["id"] == "joc-announcement"
                else e
                for e in items
            ],
        ),
        ["events.json", "inferences.0.words", "not inside any of the item's own spans"],
    ),
    (
        "a status with no cues",
        _edit("status_cues.json", lambda entries: entries[1:]),
        ["status_cues.json", "no entry for status(es) reported_agenda"],
    ),
    (
        "outside evidence about an unknown note",
        _edit("outside_sources.json", _first_item(lambda o: _set(o, "note_ids", ["no-such-note"]))),
        ["outside_sources.json", 'unknown source note "no-such-note"'],
    ),
    (
        "paragraph not verbatim",
        _edit(
            "article.json",
            lambda a: _set(
                a, "paragraphs", [_set(a["paragraphs"][0], "ar", "نص مختلق"), *a["paragraphs"][1:]]
            ),
        ),
        ["article.json", "paragraph 0", "does not occur verbatim"],
    ),
]


@pytest.mark.parametrize(
    ("damage", "expected"),
    [(damage, expected) for _, damage, expected in BROKEN_INPUTS],
    ids=[name for name, _, _ in BROKEN_INPUTS],
)
def test_broken_data_gives_a_clear_error(
    broken_copy: Path, damage: Callable[[Path], None], expected: list[str]
) -> None:
    damage(broken_copy)
    with pytest.raises(BriefingError) as raised:
        load_briefing(broken_copy)
    message = str(raised.value)
    for fragment in expected:
        assert fragment in message, f"{fragment!r} not in:\n{message}"


def test_an_error_names_the_item_by_its_id(broken_copy: Path) -> None:
    event_id = _first_event_id(broken_copy)
    _edit("events.json", _first_item(lambda e: _set(e, "date.earliest", "2019-02-31")))(broken_copy)
    with pytest.raises(BriefingError) as raised:
        load_briefing(broken_copy)
    assert f'event "{event_id}": date.earliest "2019-02-31" is not a valid date' in str(
        raised.value
    )


def test_every_problem_is_reported_at_once(broken_copy: Path) -> None:
    _remove("comments.json")(broken_copy)
    _write_raw("actors.json", "not json")(broken_copy)
    with pytest.raises(BriefingError) as raised:
        load_briefing(broken_copy)
    assert len(raised.value.problems) == 2
