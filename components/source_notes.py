"""The Source page's apparatus around the article: the source notes with the outside
evidence they bear on, and the words behind each status.

Pure builders of escaped HTML; `components.source_view` renders them.
"""

from __future__ import annotations

from components.html import inline_text
from components.layout import status_badge_html
from components.navigation import paragraph_anchor
from gapwatch.briefing import Briefing
from gapwatch.i18n import Lang, format_day, t
from gapwatch.model import OutsideSource, SourceNote

#: URL path of the Source page (app.py registers it under this url_path).
#: The label of an item in a mark's tooltip is cut to this many characters.


def outside_anchor(outside: OutsideSource) -> str:
    """The HTML id of an outside source's box on the Source page."""
    return f"outside-{outside.id}"


def build_outside_source_html(outside: OutsideSource, lang: Lang) -> str:
    """One piece of outside evidence, boxed apart and labelled: outlet, who publishes it,
    date, address, how we know it, our summary, what it settles and what it leaves open.

    The address is shown as text, not a link: we have not fetched it, and the app works
    offline."""
    rows = "".join(
        f"<tr><th>{inline_text(t(key, lang))}</th><td>{inline_text(value)}</td></tr>"
        for key, value in (
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
    )
    return (
        f'<div class="gw-outside" id="{inline_text(outside_anchor(outside))}">'
        f'<span class="gw-badge gw-outside-label">{inline_text(t("src_outside_label", lang))}'
        f'</span><table class="gw-meta">{rows}</table></div>'
    )


def _outside_for_notes(briefing: Briefing) -> dict[str, tuple[OutsideSource, bool]]:
    """Note id → (the outside source that bears on it, whether the box is shown there): the
    full box goes beside the first note it names, a link to it beside the others."""
    placed: dict[str, tuple[OutsideSource, bool]] = {}
    for outside in briefing.outside_sources:
        for n, note_id in enumerate(outside.note_ids):
            placed.setdefault(note_id, (outside, n == 0))
    return placed


def build_status_cues_html(briefing: Briefing, lang: Lang) -> str:
    """Each status, what it means, and the Arabic words that justify it (with a gloss)."""
    items = []
    for entry in briefing.status_cues.entries:
        status = entry.status
        words = "، ".join(
            f'<span dir="rtl" lang="ar">{inline_text(c.ar)}</span> ({inline_text(c.en)})'
            for c in entry.cues
        )
        why = entry.why.in_lang(lang)
        items.append(
            f"<li>{status_badge_html(status, lang)} {inline_text(why)}<div>{words}</div></li>"
        )
    return f'<ul class="gw-status-cues">{"".join(items)}</ul>'


def build_source_notes_html(briefing: Briefing, lang: Lang, highlight: str | None = None) -> str:
    """Each source note: its kind, its text in `lang`, the spans it is about, and any outside
    evidence that bears on it (boxed apart)."""
    outside_by_note = _outside_for_notes(briefing)
    blocks: list[str] = []
    for note in briefing.source_notes:
        spans = "".join(
            f"<li>{inline_text(t('src_note_about', lang))}: "
            f'<a href="#{paragraph_anchor(span.paragraph)}">'
            f"{inline_text(t('src_para', lang, index=span.paragraph))}</a> "
            f'<span class="gw-span-ar" dir="rtl" lang="ar">{inline_text(span.text_ar)}</span>'
            "</li>"
            for span in note.spans
        )
        focus = " gw-note-focus" if note.id == highlight else ""
        blocks.append(
            f'<div class="gw-note gw-note-{inline_text(note.kind)}{focus}" '
            f'id="note-{inline_text(note.id)}">'
            '<div class="gw-note-head">'
            f'<span class="gw-badge gw-note-kind">{inline_text(t(f"note_{note.kind}", lang))}'
            "</span></div>"
            f"<div>{inline_text(note.text.in_lang(lang))}</div>"
            f'<ul class="gw-note-spans">{spans}</ul>'
            f"{_note_outside_html(note, outside_by_note, lang)}</div>"
        )
    return f'<div class="gw-notes">{"".join(blocks)}</div>'


def _note_outside_html(
    note: SourceNote, outside_by_note: dict[str, tuple[OutsideSource, bool]], lang: Lang
) -> str:
    if note.id not in outside_by_note:
        return ""
    outside, full = outside_by_note[note.id]
    if full:
        return build_outside_source_html(outside, lang)
    return (
        f'<div><a href="#{inline_text(outside_anchor(outside))}">'
        f"{inline_text(t('src_outside_label', lang))}: "
        f"{inline_text(outside.outlet.in_lang(lang))}, "
        f"{inline_text(format_day(outside.published, lang))}</a></div>"
    )
