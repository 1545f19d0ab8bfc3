"""Below the map: what the article says about a place, and every place in a list.

Pure builders of escaped HTML (shown with `st.html`); styled by `details.css`.
"""

from __future__ import annotations

from collections.abc import Iterable

from components.escape import escape_html
from components.map.elements import DETAILS_CSS
from components.map.tooltips import precision_text
from components.source_view import source_href
from gapwatch.i18n import Lang, direction, format_fuzzy_date, other_lang, t
from gapwatch.model import Bilingual, Briefing, Event, SourceSpan, Statement
from gapwatch.queries import items_at


def _spans_html(item_id: str, spans: Iterable[SourceSpan], lang: Lang) -> str:
    """The Arabic source sentences, right to left, each linked to its paragraph."""
    quotes = []
    for span in spans:
        href = escape_html(source_href(item_id, lang, span.paragraph))
        para = escape_html(t("map_para", lang, index=span.paragraph))
        quotes.append(
            '<blockquote class="gwm-src" dir="rtl" lang="ar">'
            f"{escape_html(span.text_ar)} "
            f'<a href="{href}" target="_self">{para}</a></blockquote>'
        )
    return "".join(quotes)


def _both_names(name: Bilingual, lang: Lang) -> str:
    """'Erbil · أربيل', the other language's name isolated in its own direction."""
    other = other_lang(lang)
    own, theirs = escape_html(name.in_lang(lang)), escape_html(name.in_lang(other))
    return f'{own} · <bdi lang="{other}">{theirs}</bdi>'


def _meta(parts: Iterable[str]) -> str:
    return f'<div class="gwm-meta">{" · ".join(escape_html(p) for p in parts if p)}</div>'


def _event_html(event: Event, lang: Lang) -> str:
    date = event.date
    own_words = t("map_article_words", lang, words=date.text.in_lang(lang))
    return (
        '<div class="gwm-item">'
        f'<div class="gwm-item-title">{escape_html(event.title.in_lang(lang))}</div>'
        + _meta(
            [
                format_fuzzy_date(date, lang),
                own_words,
                t(date.precision, lang),
                t(event.status, lang),
                t(event.event_type, lang),
            ]
        )
        + f"<p>{escape_html(event.summary.in_lang(lang))}</p>"
        + (
            f'<p class="gwm-note">{escape_html(event.place_note.in_lang(lang))}</p>'
            if event.place_note
            else ""
        )
        + _spans_html(event.id, event.spans, lang)
        + "</div>"
    )


def _statement_html(statement: Statement, briefing: Briefing, lang: Lang) -> str:
    speaker = briefing.actor(statement.speaker_id).name.in_lang(lang)
    return (
        '<div class="gwm-item">'
        + _meta([speaker, t(f"map_{statement.form}", lang), t(statement.status, lang)])
        + f"<p>{escape_html(statement.text.in_lang(lang))}</p>"
        + _spans_html(statement.id, statement.spans, lang)
        + "</div>"
    )


def build_place_details_html(briefing: Briefing, place_id: str, lang: Lang) -> str:
    """Everything the article says at one place: its events (date, status, source sentence),
    the statements that name it, and how precisely it is located. Escaped HTML."""
    items = items_at(briefing, place_id)
    place = items.place
    parts = [
        DETAILS_CSS,
        f'<div class="gwm-details" dir="{direction(lang)}" lang="{lang}">',
        f"<h4>{_both_names(place.name, lang)}</h4>",
        _meta(
            [
                precision_text(place, lang),
                t("map_coordinates", lang) + " " + place.coordinate_source,
            ]
        ),
    ]
    if place.note:
        parts.append(f'<p class="gwm-note">{escape_html(place.note.in_lang(lang))}</p>')
    parts.append(f"<h5>{escape_html(t('map_events_here', lang, count=len(items.events)))}</h5>")
    if items.events:
        parts += [_event_html(e, lang) for e in items.events]
    else:
        parts.append(f'<p class="gwm-note">{escape_html(t("map_no_events_here", lang))}</p>')
    if items.statements:
        parts.append(
            f"<h5>{escape_html(t('map_statements_here', lang, count=len(items.statements)))}</h5>"
        )
        parts += [_statement_html(s, briefing, lang) for s in items.statements]
    parts.append(f"<h5>{escape_html(t('map_named_in_source', lang))}</h5>")
    parts.append(_spans_html(place.id, place.spans, lang))
    # Hawija and its outskirts share one point: what the article says about the one is what
    # a reader clicking the other is looking for, so show it, labelled as the other place's.
    for other in items.same_point:
        other_items = items_at(briefing, other.id)
        if not other_items.count:
            continue
        name = t("map_same_point", lang, name=other.name.in_lang(lang))
        parts.append(f'<h5 class="gwm-same-point">{escape_html(name)}</h5>')
        parts += [_event_html(e, lang) for e in other_items.events]
        parts += [_statement_html(s, briefing, lang) for s in other_items.statements]
    parts.append("</div>")
    return "".join(parts)


def build_places_list_html(briefing: Briefing, lang: Lang) -> str:
    """Every place with its precision and what the article puts there, so the page is usable
    without clicking the map: the statements that place ISIS remnants there, the events."""
    parts = [DETAILS_CSS, f'<div class="gwm-details" dir="{direction(lang)}" lang="{lang}">']
    for place in briefing.places:
        items = items_at(briefing, place.id)
        parts.append(
            f'<div class="gwm-item" id="gwm-place-{escape_html(place.id)}">'
            f'<div class="gwm-item-title">{_both_names(place.name, lang)}</div>'
            + _meta([t(f"map_kind_{place.kind}", lang), precision_text(place, lang)])
        )
        for statement in items.statements:
            speaker = briefing.actor(statement.speaker_id).name.in_lang(lang)
            parts.append(
                f"<p>{escape_html(speaker)}: {escape_html(statement.text.in_lang(lang))} "
                f'<span class="gwm-meta">({escape_html(t(statement.status, lang))})</span></p>'
                + _spans_html(statement.id, statement.spans[:1], lang)
            )
        for event in items.events:
            parts.append(
                f"<p>{escape_html(format_fuzzy_date(event.date, lang))}: "
                f"{escape_html(event.title.in_lang(lang))} "
                f'<span class="gwm-meta">({escape_html(t(event.status, lang))})</span></p>'
            )
        if not items.count:
            parts.append(_spans_html(place.id, place.spans[:1], lang))
        parts.append("</div>")
    parts.append("</div>")
    return "".join(parts)
