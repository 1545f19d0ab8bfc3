"""The one way onto the page: text we did not write never acts as Markdown or HTML."""

from __future__ import annotations

import pytest
from markupsafe import Markup

from components.html import escape_markdown, markup, md, render
from gapwatch.i18n import t
from tests.support import alerts, open_app

LINK = "[click](https://evil.example/x)"


@pytest.mark.parametrize(
    ("hostile", "shown"),
    [
        (LINK, r"\[click\]\(https\://evil.example/x\)"),
        ("![pixel](http://e.example/p.png)", r"\!\[pixel\]\(http\://e.example/p.png\)"),
        ("**loud** _quiet_ `code`", r"\*\*loud\*\* \_quiet\_ \`code\`"),
        ("$x^2$", r"\$x\^2\$"),
        (":red[alarm] :material/home:", r"\:red\[alarm\] \:material/home\:"),
        ("<b>bold</b>", r"\<b\>bold\</b\>"),
        ("visit www.evil.example", r"visit www\.evil.example"),
        ("- a list", r"\- a list"),
        ("1. a list", r"1\. a list"),
        ("# heading", r"\# heading"),
        ("line one\n\nline two", "line one line two"),
    ],
)
def test_markdown_syntax_in_data_is_shown_literally(hostile: str, shown: str) -> None:
    # A backslash before punctuation shows the punctuation itself (CommonMark).
    assert escape_markdown(hostile) == shown


def test_ordinary_words_and_numbers_read_as_they_are() -> None:
    for text in ("9,460 km²", "7.5 km", "Erbil", "أربيل", "2019-02-04", "a - b"):
        assert escape_markdown(text) == text


def test_md_escapes_the_values_not_our_words() -> None:
    text = md("data_zones_illustrative", "en", width=LINK)
    assert text.startswith(t("data_zones_illustrative", "en", width="@").split("@")[0])
    assert "[click](" not in text


def test_templates_and_snippets_escape_every_value() -> None:
    snippet = markup("<b>{}</b>", "<script>x</script>")
    assert snippet == Markup("<b>&lt;script&gt;x&lt;/script&gt;</b>")
    page = render("map_details.html", places=[], briefing=None, lang="en", other="ar", css="<x>")
    assert "&lt;x&gt;" in page


def test_a_search_from_the_url_is_not_a_link_on_the_data_page() -> None:
    at = open_app("data", q=LINK)
    shown = alerts(at)  # quoted literally in an escaped alert, never as Markdown
    assert any(LINK in text for text in shown), shown
    assert not any("click" in str(i.value) for i in (*at.info, *at.warning, *at.caption))


def test_a_bad_url_value_is_named_but_never_rendered() -> None:
    at = open_app("data", lang=LINK)
    assert any("[click]" in text for text in alerts(at, "warning"))
    assert not any("click" in str(w.value) for w in at.warning)
