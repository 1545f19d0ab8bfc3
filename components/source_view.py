"""The Source page: the Arabic article beside its translation, with every cited span marked.

Pure builders return HTML from templates (templates/source.html, every value escaped); the thin
`render_*` functions are the only code here that calls Streamlit. A span is marked wherever it
occurs verbatim in its paragraph; overlapping and nested spans are cut into elementary
intervals, so each piece of text is escaped once and carries the list of every item citing it.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import streamlit as st

from components import html, state
from components.attribution import attribution_html
from components.html import Markup, fragment, md
from components.layout import status_badge_html
from components.navigation import paragraph_anchor
from components.source_notes import build_source_notes_html, build_status_cues_html
from gapwatch.briefing import Briefing
from gapwatch.i18n import Lang, format_fuzzy_date, t
from gapwatch.model import (
    Actor,
    Event,
    KeyPoint,
    Paragraph,
    Place,
    ReaderComment,
    Sourced,
    SourceNote,
    Statement,
)

#: The label of an item in a mark's tooltip is cut to this many characters.
LABEL_LIMIT = 90

# Order in which items are listed (tooltips, the highlight picker): the most telling first.
_COLLECTION_ORDER = (
    "key_points",
    "events",
    "statements",
    "source_notes",
    "comments",
    "places",
    "actors",
)


@dataclass(frozen=True)
class Citation:
    """One span of one item, as the Source page marks it in its paragraph."""

    item_id: str
    label: str
    text_ar: str
    is_note: bool = False


@dataclass(frozen=True)
class MarkedPiece:
    """A piece of a paragraph between span boundaries; marked if `classes` is set."""

    text: str
    classes: str = ""
    title: str = ""
    ids: str = ""


def _shorten(text: str, limit: int = LABEL_LIMIT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def item_label(item: Sourced, briefing: Briefing, lang: Lang) -> str:
    """A short name for any sourced item, in `lang`: 'Key point 1: …', 'Event: …'."""
    if isinstance(item, KeyPoint):
        return t("lbl_key_point", lang, number=item.number, title=item.title.in_lang(lang))
    if isinstance(item, Event):
        return t("lbl_event", lang, title=item.title.in_lang(lang))
    if isinstance(item, Statement):
        speaker = briefing.actor(item.speaker_id).name.in_lang(lang)
        return t("lbl_statement", lang, speaker=speaker, text=_shorten(item.text.in_lang(lang), 60))
    if isinstance(item, Place):
        return t("lbl_place", lang, name=item.name.in_lang(lang))
    if isinstance(item, Actor):
        return t("lbl_actor", lang, name=item.name.in_lang(lang))
    if isinstance(item, ReaderComment):
        return t("lbl_comment", lang)
    if isinstance(item, SourceNote):
        kind = t(f"note_{item.kind}", lang)
        return t("lbl_note", lang, kind=kind, text=_shorten(item.text.in_lang(lang), 60))
    return getattr(item, "id", "?")


def sourced_items_in_order(briefing: Briefing) -> list[tuple[str, str, Sourced]]:
    """Every sourced item as (collection, id, item), key points first, actors last."""
    rank = {name: n for n, name in enumerate(_COLLECTION_ORDER)}
    items = list(briefing.sourced_items())
    return sorted(items, key=lambda entry: rank.get(entry[0], len(rank)))


def item_labels(briefing: Briefing, lang: Lang) -> dict[str, str]:
    """Item id → label, in display order."""
    return {
        item_id: _shorten(item_label(item, briefing, lang))
        for _, item_id, item in sourced_items_in_order(briefing)
    }


def citations_by_paragraph(briefing: Briefing, lang: Lang) -> dict[int, list[Citation]]:
    """Every span of every sourced item, grouped by the paragraph it cites."""
    labels = item_labels(briefing, lang)
    grouped: dict[int, list[Citation]] = {}
    for collection, item_id, item in sourced_items_in_order(briefing):
        for span in item.spans:
            grouped.setdefault(span.paragraph, []).append(
                Citation(
                    item_id=item_id,
                    label=labels[item_id],
                    text_ar=span.text_ar,
                    is_note=collection == "source_notes",
                )
            )
    return grouped


def cited_paragraphs(briefing: Briefing, item_id: str | None) -> tuple[int, ...]:
    """The paragraphs an item cites, in the order of its spans, each once."""
    for _, candidate, item in briefing.sourced_items():
        if candidate == item_id:
            return tuple(dict.fromkeys(span.paragraph for span in item.spans))
    return ()


def _occurrences(text: str, needle: str) -> Iterable[tuple[int, int]]:
    """Every (start, end) where `needle` occurs in `text`, overlapping ones included."""
    if not needle:
        return
    start = text.find(needle)
    while start != -1:
        yield start, start + len(needle)
        start = text.find(needle, start + 1)


def mark_spans_html(
    text: str, citations: Sequence[Citation], lang: Lang, highlight: str | None = None
) -> Markup:
    """`text`, escaped, with a <mark> around every piece that a citation quotes verbatim.

    The text is cut at every span boundary; each elementary piece is escaped on its own and,
    if covered, marked with the labels of all the items covering it (its `title`). Adjacent
    pieces with the same citers are merged, so nested and overlapping spans never produce
    broken or doubled tags.
    """
    intervals = [
        (start, end, citation)
        for citation in citations
        for start, end in _occurrences(text, citation.text_ar)
    ]
    bounds = sorted({0, len(text)} | {s for s, _, _ in intervals} | {e for _, e, _ in intervals})
    segments: list[tuple[int, int, tuple[Citation, ...]]] = []
    for start, end in itertools.pairwise(bounds):
        covering = tuple(dict.fromkeys(c for s, e, c in intervals if s <= start and end <= e))
        if segments and segments[-1][2] == covering:
            segments[-1] = (segments[-1][0], end, covering)
        else:
            segments.append((start, end, covering))

    pieces: list[MarkedPiece] = []
    for start, end, covering in segments:
        piece = text[start:end]
        if not covering:
            pieces.append(MarkedPiece(piece))
            continue
        classes = ["gw-mark"]
        if any(not c.is_note for c in covering):
            classes.append("gw-cite")
        if any(c.is_note for c in covering):
            classes.append("gw-noted")
        if highlight is not None and any(c.item_id == highlight for c in covering):
            classes.append("gw-focus")
        labels = list(dict.fromkeys(c.label for c in covering))
        pieces.append(
            MarkedPiece(
                piece,
                classes=" ".join(classes),
                title=t("src_cited_by", lang, items="; ".join(labels)),
                ids=" ".join(dict.fromkeys(c.item_id for c in covering)),
            )
        )
    return fragment("source.html", "marked", pieces=pieces)


def build_paragraph_html(
    paragraph: Paragraph,
    spans_with_citers: Sequence[Citation],
    lang: Lang,
    highlight: str | None = None,
) -> Markup:
    """One paragraph: its anchor and role, the marked Arabic beside the English translation.

    The heading carries the anchor (`id` and Streamlit's `data-anchor`), so Streamlit scrolls
    to it when the page is opened at `#p-<index>`.
    """
    anchor = paragraph_anchor(paragraph.index)
    focused = highlight is not None and any(
        c.item_id == highlight and c.text_ar in paragraph.ar for c in spans_with_citers
    )
    classes = f"gw-para gw-role-{paragraph.role}" + (" gw-para-focus" if focused else "")
    head = " · ".join(
        (t("src_para", lang, index=paragraph.index), t(f"role_{paragraph.role}", lang))
    )
    return fragment(
        "source.html",
        "paragraph",
        classes=classes,
        anchor=anchor,
        head=head,
        marked_ar=mark_spans_html(paragraph.ar, spans_with_citers, lang, highlight),
        en=paragraph.en,
    )


def build_article_html(briefing: Briefing, lang: Lang, highlight: str | None = None) -> Markup:
    """The article itself (every paragraph but the comment section), marked."""
    citations = citations_by_paragraph(briefing, lang)
    rows = [
        build_paragraph_html(p, citations.get(p.index, []), lang, highlight)
        for p in briefing.article.paragraphs
        if p.role != "comment"
    ]
    return fragment("source.html", "article", rows=rows, lang=lang)


def build_comment_section_html(
    briefing: Briefing, lang: Lang, highlight: str | None = None
) -> Markup:
    """The comment section under the article, boxed apart and labelled as a reader's opinion."""
    citations = citations_by_paragraph(briefing, lang)
    rows = [
        build_paragraph_html(p, citations.get(p.index, []), lang, highlight)
        for p in briefing.article.paragraphs
        if p.role == "comment"
    ]
    # Each comment's status, its words and who says it (a reader), as on every card, then its note.
    comments = [
        (attribution_html(c, briefing, lang), c.note.in_lang(lang) if c.note else None)
        for c in briefing.comments
    ]
    return fragment(
        "source.html",
        "comment_section",
        badge=status_badge_html("opinion", lang),
        rows=rows,
        comments=comments,
        lang=lang,
    )


def build_meta_html(briefing: Briefing, lang: Lang) -> Markup:
    """What is known about the article itself, and that its URL is not in the text."""
    meta = briefing.article.meta
    rows = [
        ("ov_outlet", meta.outlet.in_lang(lang)),
        ("ov_author", meta.author.in_lang(lang)),
        ("ov_section", meta.section.in_lang(lang)),
        ("ov_published", format_fuzzy_date(meta.published, lang)),
        ("src_meta_file", meta.source_file),
    ]
    return fragment("source.html", "meta", meta=meta, rows=rows, lang=lang)


def build_highlight_info_html(briefing: Briefing, lang: Lang, item_id: str) -> Markup:
    """What is highlighted, and links to the paragraphs it cites."""
    label = item_labels(briefing, lang).get(item_id, item_id)
    paragraphs = [(paragraph_anchor(n), n) for n in cited_paragraphs(briefing, item_id)]
    return fragment("source.html", "highlight_info", label=label, paragraphs=paragraphs, lang=lang)


# --- rendering: the only Streamlit calls ------------------------------------------------


def _paragraph(text: str) -> None:
    html.show_markdown_html(fragment("common.html", "paragraphs", texts=(text,)))


def _on_pick_highlight() -> None:
    state.update_view(highlight_item=st.session_state["source_highlight"])


def _on_clear_highlight() -> None:
    st.session_state["source_highlight"] = None
    state.update_view(highlight_item=None)


def render_source_meta(briefing: Briefing, lang: Lang) -> None:
    """The article's metadata, with the note on the text in an expander."""
    st.subheader(t("src_about", lang), anchor=False)
    html.show_markdown_html(build_meta_html(briefing, lang))
    meta = briefing.article.meta
    with st.expander(t("ov_date_reasoning", lang)):
        if meta.published.inference is not None:
            _paragraph(meta.published.inference.in_lang(lang))
    if meta.note is not None:
        with st.expander(t("src_meta_note", lang)):
            _paragraph(meta.note.in_lang(lang))


def render_highlight_picker(briefing: Briefing, lang: Lang, highlight: str | None) -> None:
    """Choose the item whose spans are highlighted; the choice goes into the URL."""
    labels = item_labels(briefing, lang)
    st.session_state["source_highlight"] = highlight
    st.selectbox(
        t("src_highlight_select", lang),
        [None, *labels],
        format_func=lambda item_id: (
            t("src_highlight_none", lang) if item_id is None else labels[item_id]
        ),
        key="source_highlight",
        on_change=_on_pick_highlight,
    )
    if highlight is not None:
        info, clear = st.columns([3, 1], vertical_alignment="center")
        with info:
            html.show_markdown_html(build_highlight_info_html(briefing, lang, highlight))
        clear.button(t("src_clear", lang), on_click=_on_clear_highlight, key="source_clear")


def render_article(briefing: Briefing, lang: Lang, highlight: str | None) -> None:
    """The article, paragraph by paragraph, Arabic beside English, and what to highlight."""
    st.subheader(t("src_heading", lang), anchor=False)
    html.caption(md("src_intro", lang))
    render_highlight_picker(briefing, lang, highlight)
    html.show_markdown_html(build_article_html(briefing, lang, highlight))


def render_reader_comment(briefing: Briefing, lang: Lang, highlight: str | None) -> None:
    """The reader comment, apart from the article, as an opinion."""
    st.subheader(t("src_comment_heading", lang), anchor=False)
    html.show_markdown_html(build_comment_section_html(briefing, lang, highlight))


def render_source_notes(briefing: Briefing, lang: Lang, highlight: str | None) -> None:
    """The source notes (with the outside evidence beside the notes it bears on), and the
    words that justify each status."""
    st.subheader(t("src_notes_heading", lang), anchor=False)
    if briefing.outside_sources:
        html.caption(md("src_outside_intro", lang))
    html.show_markdown_html(build_source_notes_html(briefing, lang, highlight))
    st.subheader(t("src_statuses_heading", lang), anchor=False)
    html.caption(md("src_statuses_intro", lang))
    html.show_markdown_html(build_status_cues_html(briefing, lang))
