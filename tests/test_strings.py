"""The string tables: every value the model can hold has its words in both languages, and
every string in the tables is used somewhere."""

from __future__ import annotations

import re
import typing
from string import Formatter

import pydantic
import pytest
from babel import Locale

from gapwatch import model
from gapwatch.i18n import BABEL_LOCALE, LANGS, PLURALS, STRINGS, tn
from tests.support import PROJECT_DIR

#: How each Literal field of the model is shown: the string keys derived from its value
#: ("{}" is the value). A field that is never shown as words says so with ().
LITERAL_KEYS: dict[str, tuple[str, ...]] = {
    "Attributed.status": ("{}",),
    "StatusEntry.status": ("{}",),
    "SaidBy.side": ("side_{}",),
    "Inference.field": (),  # not shown: the inference's own text says what it identifies
    "Event.status": ("{}",),
    "KeyPoint.status": ("{}",),
    "Statement.status": ("{}",),
    "ReaderComment.status": ("{}",),
    "Event.event_type": ("{}",),
    "FuzzyDate.precision": ("{}",),
    "Place.kind": ("map_kind_{}", "data_kind_{}"),
    "Place.geo_precision": ("map_precision_{}", "data_geo_precision_{}", "det_geo_{}"),
    "Paragraph.role": ("role_{}",),
    "SourceNote.kind": ("note_{}",),
    "Statement.form": ("map_{}", "data_form_{}", "det_{}"),
    "Actor.kind": (),  # not shown: the actors' names say what they are
    "Actor.side": (),  # grouping only (the export's actor1/actor2)
}


def _literal_values(annotation: object) -> tuple[object, ...]:
    """The values of a Literal annotation (also inside `X | None`), else ()."""
    if typing.get_origin(annotation) is typing.Literal:
        return typing.get_args(annotation)
    return tuple(v for arg in typing.get_args(annotation) for v in _literal_values(arg))


def _literal_fields() -> dict[str, tuple[object, ...]]:
    found = {}
    for name, cls in vars(model).items():
        if isinstance(cls, type) and issubclass(cls, pydantic.BaseModel):
            for field, info in cls.model_fields.items():
                values = _literal_values(info.annotation)
                if values:
                    found[f"{name}.{field}"] = values
    return found


def test_every_literal_of_the_model_says_how_it_is_shown() -> None:
    assert set(_literal_fields()) == set(LITERAL_KEYS)


@pytest.mark.parametrize("field", sorted(LITERAL_KEYS))
def test_every_value_of_a_literal_has_its_words_in_both_languages(field: str) -> None:
    for value in _literal_fields()[field]:
        for pattern in LITERAL_KEYS[field]:
            key = pattern.format(value)
            assert key in STRINGS, f"{field} = {value!r}: no string {key!r}"
            en, ar = STRINGS[key]
            assert en.strip() and ar.strip() and en != ar, key


def test_every_ui_string_exists_in_both_languages() -> None:
    for key, (en, ar) in STRINGS.items():
        assert en.strip() and ar.strip(), key
        assert en != ar, f"{key} is not translated"


def _app_source() -> str:
    """The app's code and templates, without the string table itself (the code after it
    counts)."""
    files = [PROJECT_DIR / "app.py"]
    for folder in ("gapwatch", "components", "views"):
        files += sorted((PROJECT_DIR / folder).rglob("*.py"))
    files += sorted((PROJECT_DIR / "components" / "templates").glob("*.html"))
    texts = [p.read_text(encoding="utf-8") for p in files]
    return "\n".join(t.split("\ndef t(", 1)[-1] if "STRINGS: dict" in t else t for t in texts)


def test_every_string_in_the_tables_is_used() -> None:
    source = _app_source()
    derived = {
        pattern.format(value)
        for field, patterns in LITERAL_KEYS.items()
        for pattern in patterns
        for value in _literal_fields()[field]
    }
    unused = [
        key
        for key in (*STRINGS, *PLURALS)
        if key not in derived and not re.search(rf"[\"']{re.escape(key)}[\"']", source)
    ]
    assert not unused, f"strings no code uses: {unused}"


@pytest.mark.parametrize("key", sorted(PLURALS))
def test_a_counting_string_has_every_plural_form_of_each_language(key: str) -> None:
    for lang in LANGS:
        categories = Locale.parse(BABEL_LOCALE[lang]).plural_form.tags | {"other"}
        forms = PLURALS[key][lang]
        assert set(forms) == categories, (key, lang)
        fields = {name for form in forms.values() for _, name, _, _ in Formatter().parse(form)}
        english = {n for f in PLURALS[key]["en"].values() for _, n, _, _ in Formatter().parse(f)}
        assert fields - {None} <= english - {None}, (key, lang)


def test_arabic_counts_take_their_own_noun_forms() -> None:
    forms = [tn("tl_count", "ar", n, count=0, total=n) for n in (1, 2, 5, 11, 100)]
    assert "حدث واحد" in forms[0]
    assert "حدثين" in forms[1]
    assert forms[2].endswith("أحداث")
    assert forms[3].endswith("حدثًا")
    assert forms[4].endswith("حدث")
    assert tn("tl_count", "en", 1, count=1, total=1) == "1 of 1 event"
    assert tn("tl_count", "en", 6, count=2, total=6) == "2 of 6 events"
