"""Source: the Arabic article beside the English translation, cited spans highlighted; the
reader comment apart, as an opinion; the source notes."""

from __future__ import annotations

from components import state
from components.layout import render_title
from components.source_view import (
    render_article,
    render_reader_comment,
    render_source_meta,
    render_source_notes,
)


def render() -> None:
    """The article as evidence: every item on the other pages points at a sentence here."""
    briefing, view = state.briefing_and_view()
    lang, highlight = view.lang, view.highlight_item
    render_title(lang)
    render_source_meta(briefing, lang)
    render_article(briefing, lang, highlight)
    render_reader_comment(briefing, lang, highlight)
    render_source_notes(briefing, lang, highlight)


render()
