"""The Source page wired into the app (AppTest): the article, the highlight from the URL and
from the picker, the reader comment apart, the notes; bad `item` values handled."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from components.html import escape_html as escape
from gapwatch.i18n import LANGS, Lang, t
from tests.support import alerts, open_app, real_briefing


def _source(**params: str) -> AppTest:
    return open_app("source", **params)


def _html(at: AppTest) -> str:
    return " ".join(m.value for m in at.markdown)


def _strong_marks(at: AppTest) -> int:
    # Marks in the text carry a title; the legend's sample mark does not.
    return _html(at).count('gw-focus" title=')


@pytest.mark.parametrize("language", LANGS)
def test_the_source_page_shows_the_article_the_comment_and_the_notes(language: Lang) -> None:
    briefing = real_briefing()
    at = _source(lang=language)
    html = _html(at)
    for paragraph in briefing.article.paragraphs:
        assert f'id="p-{paragraph.index}"' in html
    assert 'dir="rtl" lang="ar"' in html
    assert 'class="gw-comment-box"' in html
    assert escape(t("src_comment_label", language)) in html
    assert escape(t("note_omission", language)) in html
    assert escape(t("src_no_url", language)) in html
    assert [h.value for h in at.subheader] == [
        t(key, language)
        for key in (
            "src_about",
            "src_heading",
            "src_comment_heading",
            "src_notes_heading",
            "src_statuses_heading",
        )
    ]
    assert _strong_marks(at) == 0


def test_an_item_in_the_url_is_highlighted_and_preselected() -> None:
    at = _source(lang="ar", item="field-survey")
    assert _strong_marks(at) > 0
    assert at.selectbox(key="source_highlight").value == "field-survey"
    assert "#p-11" in _html(at)
    assert "field-survey" in str(at.query_params["item"])


def test_an_unknown_item_is_ignored_with_a_short_warning() -> None:
    at = _source(lang="en", item="<b>nope</b>")
    assert _strong_marks(at) == 0
    assert at.selectbox(key="source_highlight").value is None
    warnings = alerts(at, "warning")
    assert len(warnings) == 1
    assert "item" in warnings[0]
    assert "item" not in at.query_params


def test_picking_an_item_highlights_it_and_puts_it_in_the_url() -> None:
    at = _source(lang="en")
    at.selectbox(key="source_highlight").set_value("caption-ibril-typo").run()
    assert not at.exception
    assert "gw-note gw-note-typo gw-note-focus" in _html(at)
    assert _strong_marks(at) > 0
    assert "caption-ibril-typo" in str(at.query_params["item"])
    at.button(key="source_clear").click().run()
    assert _strong_marks(at) == 0
    assert "item" not in at.query_params
    assert at.selectbox(key="source_highlight").value is None
