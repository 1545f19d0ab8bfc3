"""The Overview's pieces: the headline and its source, the key-point cards, the key figures,
and what the article does not say.

Pure builders return HTML from templates (templates/overview.html, every value escaped) or
plain values; the `render_*`
functions are the only code here that calls Streamlit.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from components import html
from components.attribution import attribution_html
from components.html import Markup, Md, escape_markdown, fragment, md
from components.navigation import source_href
from gapwatch import queries
from gapwatch.briefing import Briefing
from gapwatch.i18n import (
    Lang,
    format_fuzzy_date,
    format_list,
    format_month_interval,
    format_number,
    t,
)
from gapwatch.model import KeyPoint
from gapwatch.queries import role_label
from gapwatch.view_state import ViewState


@dataclass(frozen=True)
class KeyFigure:
    """One number on the Overview, with the words that say what it counts."""

    label: Md
    value: Md
    help: Md


def build_key_point_card_html(key_point: KeyPoint, briefing: Briefing, view: ViewState) -> Markup:
    """One key point as a card: wording, speaker and role, who says it, the status with the
    words that justify it, the meetings (our attachment, marked), the Arabic quote and a link.

    The card says no more than its span: a point the meetings "centred on" is an agenda, told
    by one federal spokesman; the link to a particular meeting round is our inference.
    """
    speaker = briefing.actor(key_point.speaker_id)
    event = briefing.event(key_point.event_id)
    quote = key_point.spans[0]
    lang = view.lang
    speaker_text = speaker.name.in_lang(lang)
    role = role_label(speaker, lang)
    if role is not None:
        speaker_text += f" — {role}"
    event_text = f"{event.title.in_lang(lang)} · {format_fuzzy_date(event.date, lang)}"
    if key_point.inferred("event_id", event.id) is not None:
        event_text += f" {t('our_inference_mark', lang)}"
    return fragment(
        "overview.html",
        "key_point_card",
        key_point=key_point,
        speaker=speaker_text,
        event_text=event_text,
        attribution=attribution_html(key_point, briefing, lang),
        quote=quote,
        href=source_href(view, key_point.id, quote.paragraph),
        lang=lang,
    )


def build_key_figures(briefing: Briefing, lang: Lang) -> tuple[KeyFigure, ...]:
    """Meetings, date span, gap and places named, each with a note on what it counts."""
    meetings = queries.meetings(briefing)
    places = queries.named_places(briefing)
    earliest, latest = queries.date_span(briefing.events)
    span = format_month_interval(earliest, latest, lang)
    meeting_names = format_list(lang, (e.title.in_lang(lang) for e in meetings))
    place_names = format_list(lang, (p.name.in_lang(lang) for p in places))
    return (
        KeyFigure(
            md("fig_meetings", lang),
            escape_markdown(format_number(len(meetings), lang)),
            md("fig_meetings_help", lang, names=meeting_names),
        ),
        KeyFigure(md("fig_date_span", lang), escape_markdown(span), md("fig_date_span_help", lang)),
        KeyFigure(md("fig_gap", lang), md("fig_gap_value", lang), md("fig_gap_help", lang)),
        KeyFigure(
            md("fig_places", lang),
            escape_markdown(format_number(len(places), lang)),
            md("fig_places_help", lang, names=place_names),
        ),
    )


def build_headline_html(briefing: Briefing, lang: Lang) -> Markup:
    """The article's title in `lang` (and the Arabic original), its outlet, author, section
    and the inferred publication date."""
    meta = briefing.article.meta
    facts = (
        ("ov_outlet", meta.outlet.in_lang(lang)),
        ("ov_author", meta.author.in_lang(lang)),
        ("ov_section", meta.section.in_lang(lang)),
        ("ov_published", format_fuzzy_date(meta.published, lang)),
    )
    original = None if lang == "ar" else meta.title.ar
    return fragment(
        "overview.html",
        "headline",
        title=meta.title.in_lang(lang),
        original=original,
        facts=facts,
        lang=lang,
    )


def build_date_reasoning_html(briefing: Briefing, lang: Lang) -> Markup:
    """How the publication date was worked out, in the article's words and ours."""
    published = briefing.article.meta.published
    words = t("ov_published_words", lang, text=published.text.in_lang(lang))
    reasoning = published.inference.in_lang(lang) if published.inference else ""
    return fragment("common.html", "paragraphs", texts=(words, reasoning))


def build_omissions_html(briefing: Briefing, view: ViewState) -> Markup:
    """The source notes of kind 'omission', each linked to the sentence it is about."""
    notes = [
        (note.text.in_lang(view.lang), source_href(view, note.id, note.spans[0].paragraph))
        for note in briefing.source_notes
        if note.kind == "omission"
    ]
    return fragment("overview.html", "omissions", notes=notes, lang=view.lang)


# --- rendering: the only Streamlit calls ------------------------------------------------


def render_headline(briefing: Briefing, lang: Lang) -> None:
    """The headline, its source, and the date reasoning in an expander."""
    html.show_markdown_html(build_headline_html(briefing, lang))
    with st.expander(t("ov_date_reasoning", lang)):
        html.show_markdown_html(build_date_reasoning_html(briefing, lang))


def render_key_point_cards(briefing: Briefing, view: ViewState) -> None:
    """The key points side by side, in their order."""
    lang = view.lang
    st.subheader(t("ov_key_points", lang), anchor=False)
    html.caption(md("ov_key_points_intro", lang))
    key_points = sorted(briefing.key_points, key=lambda k: k.number)
    for column, key_point in zip(st.columns(len(key_points)), key_points, strict=True):
        with column:
            html.show_markdown_html(build_key_point_card_html(key_point, briefing, view))


def render_key_figures(briefing: Briefing, lang: Lang) -> None:
    """The key figures as metrics, each with a help text saying what it counts."""
    st.subheader(t("ov_key_figures", lang), anchor=False)
    figures = build_key_figures(briefing, lang)
    # The date span is the longest value: give it room so it is never cut off.
    widths = [1.6 if figure.label == t("fig_date_span", lang) else 1.0 for figure in figures]
    for column, figure in zip(st.columns(widths), figures, strict=True):
        with column:
            html.metric(figure.label, figure.value, help=figure.help)


def render_not_said(briefing: Briefing, view: ViewState) -> None:
    """The single-source note and what the article does not say."""
    lang = view.lang
    html.alert(md("single_source", lang), "info", icon=":material/source:")
    st.subheader(t("ov_not_said", lang), anchor=False)
    html.show_markdown_html(build_omissions_html(briefing, view))
    html.caption(md("ov_comment_elsewhere", lang))
