"""The Source page's apparatus around the article: the source notes with the outside
evidence they bear on, and the words behind each status.

Pure builders of escaped HTML (templates/source.html); `components.source_view` renders them.
"""

from __future__ import annotations

from components.html import Markup, fragment
from components.layout import status_badge_html
from components.navigation import paragraph_anchor
from gapwatch.briefing import Briefing
from gapwatch.i18n import Lang, format_day
from gapwatch.model import OutsideSource, SourceNote


def outside_anchor(outside: OutsideSource) -> str:
    """The HTML id of an outside source's box on the Source page."""
    return f"outside-{outside.id}"


def build_outside_source_html(outside: OutsideSource, lang: Lang) -> Markup:
    """One piece of outside evidence, boxed apart and labelled: outlet, who publishes it,
    date, address, how we know it, our summary, what it settles and what it leaves open.

    The address is shown as text, not a link: we have not fetched it, and the app works
    offline."""
    rows = (
        ("out_outlet", outside.outlet.in_lang(lang)),
        ("out_publisher", outside.publisher.in_lang(lang)),
        ("out_title", outside.title),
        ("out_published", format_day(outside.published, lang)),
        ("out_url", outside.url),
        ("out_accessed", outside.accessed_via.in_lang(lang)),
        ("out_summary", outside.summary.in_lang(lang)),
        ("out_settles", outside.settles.in_lang(lang)),
        ("out_leaves_open", outside.leaves_open.in_lang(lang)),
    )
    return fragment(
        "source.html", "outside_source", anchor=outside_anchor(outside), rows=rows, lang=lang
    )


def _outside_for_notes(briefing: Briefing) -> dict[str, tuple[OutsideSource, bool]]:
    """Note id → (the outside source that bears on it, whether the box is shown there): the
    full box goes beside the first note it names, a link to it beside the others."""
    placed: dict[str, tuple[OutsideSource, bool]] = {}
    for outside in briefing.outside_sources:
        for n, note_id in enumerate(outside.note_ids):
            placed.setdefault(note_id, (outside, n == 0))
    return placed


def build_status_cues_html(briefing: Briefing, lang: Lang) -> Markup:
    """Each status, what it means, and the Arabic words that justify it (with a gloss)."""
    entries = [
        (status_badge_html(entry.status, lang), entry.why.in_lang(lang), entry.cues)
        for entry in briefing.status_cues.entries
    ]
    return fragment("source.html", "status_cues", entries=entries, lang=lang)


def build_source_notes_html(briefing: Briefing, lang: Lang, highlight: str | None = None) -> Markup:
    """Each source note: its kind, its text in `lang`, the spans it is about, and any outside
    evidence that bears on it (boxed apart)."""
    outside_by_note = _outside_for_notes(briefing)
    blocks = [
        (
            note,
            [(paragraph_anchor(span.paragraph), span) for span in note.spans],
            note.id == highlight,
            _note_outside_html(note, outside_by_note, lang),
        )
        for note in briefing.source_notes
    ]
    return fragment("source.html", "notes", blocks=blocks, lang=lang)


def _note_outside_html(
    note: SourceNote, outside_by_note: dict[str, tuple[OutsideSource, bool]], lang: Lang
) -> Markup:
    if note.id not in outside_by_note:
        return Markup("")
    outside, full = outside_by_note[note.id]
    if full:
        return build_outside_source_html(outside, lang)
    return fragment(
        "source.html",
        "outside_link",
        anchor=outside_anchor(outside),
        outlet=outside.outlet.in_lang(lang),
        published=format_day(outside.published, lang),
        lang=lang,
    )
