"""Property-based tests (hypothesis): any link and any data file give a value or a clear error,
never an unexpected exception.

- URL parsing (`ViewState` / `Filters.from_query_params`): any parameters, any text, give a
  view and notices that render in both languages; a view's own link reads back as itself,
  with no notice.
- The briefing loader: the shipped data with one file replaced by any bytes, any JSON, or
  with one value deep inside replaced by any JSON, loads or raises `BriefingError` naming the
  file, never anything else.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gapwatch.briefing import Briefing
from gapwatch.filters import Filters
from gapwatch.i18n import LANGS
from gapwatch.load import ARTICLE_FILE, COLLECTIONS, BriefingError, load_briefing
from gapwatch.view_state import URL_PARAMS, ViewState
from tests.support import DATA_DIR, real_briefing

# Any text a browser can send: every code point but surrogates (a server decodes invalid
# UTF-8 to U+FFFD), including NUL, bidi controls and very long values.
TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=300)
VALUE = st.one_of(TEXT, st.lists(TEXT, max_size=4))
NAMES = st.one_of(st.sampled_from(URL_PARAMS), TEXT)
PARAMS = st.dictionaries(NAMES, VALUE, max_size=len(URL_PARAMS) + 3)


def _ids(briefing: Briefing) -> list[str]:
    return (
        [e.id for e in briefing.events]
        + [p.id for p in briefing.places]
        + [a.id for a in briefing.actors]
    )


# Values near the valid ones, so the valid branches are exercised too.
NEAR_VALID = st.one_of(
    st.sampled_from(["en", "ar", "2018-12-26", "2019-02-04", "meeting_round", "claim", "5", "20"]),
    st.sampled_from(_ids(real_briefing())),
    st.dates().map(lambda d: d.isoformat()),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.lists(st.sampled_from(_ids(real_briefing())), max_size=3).map(",".join),
)
MIXED_PARAMS = st.dictionaries(st.sampled_from(URL_PARAMS), st.one_of(NEAR_VALID, TEXT))


@settings(max_examples=300, deadline=None)
@given(st.one_of(PARAMS, MIXED_PARAMS))
def test_any_link_gives_a_view_and_readable_notices(params: dict[str, Any]) -> None:
    briefing = real_briefing()
    view, notices = ViewState.from_query_params(params, briefing)
    assert isinstance(view, ViewState)
    for notice in notices:
        for lang in LANGS:
            text = notice.text(lang)
            assert text and "\x00" not in text and "\u202e" not in text
    # What the app then writes to the address bar reads back as the same view, silently.
    again, again_notices = ViewState.from_query_params(view.to_query_params(), briefing)
    assert again == view
    assert again_notices == []
    for lang in LANGS:
        assert view.filters.describe(briefing, lang)
        view.filters.apply(briefing)


@settings(max_examples=200, deadline=None)
@given(MIXED_PARAMS)
def test_filters_from_any_link_round_trip(params: dict[str, Any]) -> None:
    briefing = real_briefing()
    filters, _ = Filters.from_query_params(params, briefing)
    assert Filters.from_query_params(filters.to_query_params(), briefing) == (filters, [])


# --- the briefing loader ---------------------------------------------------------------------

DATA_FILES = [ARTICLE_FILE, *(f"{name}.json" for name in COLLECTIONS)]
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=12,
)


@pytest.fixture(scope="module")
def data_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A private copy of data/ that each example damages and then restores."""
    target = tmp_path_factory.mktemp("briefing") / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def _load_with(data_dir: Path, name: str, content: bytes) -> None:
    """Load with `name` replaced by `content`: a briefing or a BriefingError naming a file."""
    path = data_dir / name
    original = path.read_bytes()
    path.write_bytes(content)
    try:
        result = load_briefing(data_dir)
    except BriefingError as error:
        assert error.problems, "an error with no reason"
        # Each reason names the file it is about (the damaged one, or one that now refers to
        # something the damaged one no longer has).
        assert all(problem.startswith(f"{data_dir.name}/") for problem in error.problems), (
            error.problems
        )
    else:
        assert isinstance(result, Briefing)
    finally:
        path.write_bytes(original)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path (keys and indexes) into a JSON value."""
    found = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            found += _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += _paths(child, (*prefix, index))
    return found


def _replace(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    copy = value.copy()
    copy[path[0]] = _replace(value[path[0]], path[1:], new)
    return copy


SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(name=st.sampled_from(DATA_FILES), content=st.binary(max_size=2000))
def test_a_data_file_of_any_bytes_is_a_clear_error(
    data_copy: Path, name: str, content: bytes
) -> None:
    _load_with(data_copy, name, content)


@SETTINGS
@given(name=st.sampled_from(DATA_FILES), content=JSON)
def test_a_data_file_of_any_json_is_a_clear_error(data_copy: Path, name: str, content: Any) -> None:
    _load_with(data_copy, name, json.dumps(content).encode())


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=st.sampled_from(DATA_FILES), data=st.data())
def test_any_value_deep_in_the_data_is_a_value_or_a_clear_error(
    data_copy: Path, name: str, data: st.DataObject
) -> None:
    original = json.loads((DATA_DIR / name).read_text(encoding="utf-8"))
    path = data.draw(st.sampled_from(_paths(original)), label="path")
    new = data.draw(JSON, label="new value")
    damaged = _replace(original, path, new)
    _load_with(data_copy, name, json.dumps(damaged, ensure_ascii=False).encode())


@pytest.mark.parametrize(
    "content",
    [
        b"[" * 100_000,  # nesting deeper than the JSON parser's recursion
        "\ufeff[]".encode(),  # a byte-order mark
        "[]".encode("utf-16"),
    ],
    ids=["deep-nesting", "bom", "utf-16"],
)
def test_pathological_json_is_a_clear_error(data_copy: Path, content: bytes) -> None:
    _load_with(data_copy, "events.json", content)


def test_a_source_file_that_is_not_utf8_is_a_clear_error(data_copy: Path) -> None:
    article = json.loads((data_copy / ARTICLE_FILE).read_text(encoding="utf-8"))
    _load_with(data_copy, article["meta"]["source_file"], "نص".encode("cp1256"))


def test_the_article_cannot_point_outside_the_data_folder(data_copy: Path) -> None:
    article = json.loads((data_copy / ARTICLE_FILE).read_text(encoding="utf-8"))
    outside = data_copy.parent / "outside.txt"
    outside.write_text("\n".join(p["ar"] for p in article["paragraphs"]), encoding="utf-8")
    article["meta"]["source_file"] = "../outside.txt"
    with pytest.raises(BriefingError, match="source_file"):
        _load_strict(data_copy, article)


def _load_strict(data_dir: Path, article: dict[str, Any]) -> Briefing:
    path = data_dir / ARTICLE_FILE
    original = path.read_bytes()
    path.write_text(json.dumps(article, ensure_ascii=False), encoding="utf-8")
    try:
        return load_briefing(data_dir)
    finally:
        path.write_bytes(original)
