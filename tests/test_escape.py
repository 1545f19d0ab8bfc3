"""Hostile text never reaches HTML as markup."""

from __future__ import annotations

import pytest

from components.html import escape_for_map, escape_html

HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "<iframe srcdoc='<script>parent.alert(1)</script>'>",
    "${alert(1)}",
    "`${document.cookie}`",
    "\\u003cscript\\u003e",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_no_markup_survives_escaping(text: str) -> None:
    for escaped in (escape_html(text), escape_for_map(text)):
        assert "<" not in escaped and ">" not in escaped and '"' not in escaped


@pytest.mark.parametrize("text", HOSTILE)
def test_map_text_has_no_template_or_escape_characters(text: str) -> None:
    escaped = escape_for_map(text)
    assert not set("`$\\{}") & set(escaped)


def test_arabic_text_is_left_readable() -> None:
    assert escape_html("أربيل «الحويجة»") == "أربيل «الحويجة»"
