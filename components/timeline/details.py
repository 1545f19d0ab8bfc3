"""The selected event's details (escaped HTML) and the rows of the event table."""

from __future__ import annotations

from collections.abc import Sequence

from components.attribution import attribution_html
from components.html import Markup, escape_html
from components.navigation import source_href
from components.timeline.drawing import EVENT_TYPE_COLOURS, INFERRED_MARK, date_words
from gapwatch.attribution import marked_name
from gapwatch.briefing import Briefing
from gapwatch.i18n import Lang, direction, format_fuzzy_date, format_list, format_number, t
from gapwatch.model import Event, EventType, SourceSpan
from gapwatch.view_state import ViewState


def _type_badge(event_type: EventType, lang: Lang) -> str:
    colour = EVENT_TYPE_COLOURS[event_type]
    return (
        f'<span class="gw-badge" style="color:{colour};border-color:{colour};background:#fff">'
        f"{escape_html(t(event_type, lang))}</span>"
    )


def _sources_html(
    briefing: Briefing, item_id: str, spans: Sequence[SourceSpan], view: ViewState
) -> str:
    """The cited Arabic sentences, right to left, each paragraph's once followed by the English
    translation of that paragraph and a link to it on the Source page (numbered as there)."""
    lang = view.lang
    by_paragraph: dict[int, list[str]] = {}
    for span in spans:
        by_paragraph.setdefault(span.paragraph, []).append(span.text_ar)
    blocks = []
    for paragraph, texts in by_paragraph.items():
        translation = briefing.article.paragraphs[paragraph].en
        label = t("det_paragraph", lang, number=format_number(paragraph, lang))
        href = source_href(view, item_id, paragraph)
        quotes = "".join(
            '<blockquote class="gw-quote" dir="rtl" lang="ar" '
            f'style="text-align:right;margin-bottom:0.3em">{escape_html(text)}</blockquote>'
            for text in texts
        )
        blocks.append(
            f'<figure style="margin:0.4em 0 0.8em 0">{quotes}'
            '<figcaption style="font-size:0.9em;color:#4a5561;margin-top:0.3em">'
            f'<a href="{escape_html(href)}" target="_self">{escape_html(label)}</a> · '
            f"{escape_html(t('det_translation', lang))}: "
            f'<span dir="ltr" lang="en" style="unicode-bidi:isolate">'
            f"{escape_html(translation)}</span></figcaption></figure>"
        )
    return "".join(blocks)


def build_event_details_html(event: Event, briefing: Briefing, view: ViewState) -> Markup:
    """An event's details as one escaped HTML block for `st.html`.

    Title, the date in the article's words with its interval, precision and (if inferred) the
    reasoning; type and status; places with their precision; actors; the statements the
    article ties to the event; and the cited Arabic sentences with their English paragraph.
    """
    date = event.date
    lang = view.lang
    dir_ = direction(lang)
    parts = [f'<div dir="{dir_}" lang="{lang}" class="gw-event-details">']
    parts.append(f'<h3 style="margin-top:0">{escape_html(event.title.in_lang(lang))}</h3>')
    parts.append(f"<p>{_type_badge(event.event_type, lang)}</p>")
    parts.append(f"<p>{escape_html(event.summary.in_lang(lang))}</p>")
    parts.append(attribution_html(event, briefing, lang))

    parts.append(
        f"<p><b>{escape_html(t('det_date', lang))}:</b> "
        f"«{escape_html(date.text.in_lang(lang))}» — "
        f"{escape_html(format_fuzzy_date(date, lang))} "
        f"({escape_html(t(date.precision, lang))})</p>"
    )
    if date.inferred and date.inference is not None:
        parts.append(
            f"<p><b>{escape_html(INFERRED_MARK)} {escape_html(t('det_inference', lang))}:</b> "
            f"{escape_html(date.inference.in_lang(lang))}</p>"
        )

    if event.place_ids:
        names = {
            pid: marked_name(briefing.place(pid).name.in_lang(lang), event, "place_ids", pid, lang)
            for pid in event.place_ids
        }
        places = format_list(
            lang,
            [
                f"{escape_html(names[place.id])} "
                f"({escape_html(t(f'det_geo_{place.geo_precision}', lang))})"
                for place in (briefing.place(pid) for pid in event.place_ids)
            ],
        )
        parts.append(f"<p><b>{escape_html(t('det_places', lang))}:</b> {places}</p>")
    else:
        parts.append(
            f"<p><b>{escape_html(t('det_places', lang))}:</b> "
            f"{escape_html(t('det_no_place', lang))}</p>"
        )
    if event.place_note is not None:
        parts.append(f"<p><i>{escape_html(event.place_note.in_lang(lang))}</i></p>")

    if event.actor_ids:
        actors = format_list(
            lang,
            [
                escape_html(
                    marked_name(
                        briefing.actor(aid).name.in_lang(lang), event, "actor_ids", aid, lang
                    )
                )
                for aid in event.actor_ids
            ],
        )
        parts.append(f"<p><b>{escape_html(t('det_actors', lang))}:</b> {actors}</p>")

    statements = briefing.statements_at_event(event.id)
    parts.append(f"<h4>{escape_html(t('det_statements', lang))}</h4>")
    if statements:
        parts.append("<ul>")
        for statement in statements:
            speaker = briefing.actor(statement.speaker_id).name.in_lang(lang)
            sources = _sources_html(briefing, statement.id, statement.spans, view)
            parts.append(
                f"<li style='margin-bottom:0.5em'><b>{escape_html(speaker)}</b> "
                f"({escape_html(t(f'det_{statement.form}', lang))}) "
                f"{escape_html(statement.text.in_lang(lang))}"
                f"{attribution_html(statement, briefing, lang)}"
                f"<details><summary>{escape_html(t('det_statement_source', lang))}</summary>"
                f"{sources}</details></li>"
            )
        parts.append("</ul>")
    else:
        parts.append(f"<p>{escape_html(t('det_no_statements', lang))}</p>")

    parts.append(f"<h4>{escape_html(t('det_sources', lang))}</h4>")
    parts.append(_sources_html(briefing, event.id, event.spans, view))
    parts.append("</div>")
    return Markup("".join(parts))  # every data text above is escaped


def build_event_rows(events: Sequence[Event], lang: Lang) -> list[dict[str, str]]:
    """The compact table under the chart: one row per event, in `lang`."""
    return [
        {
            t("tl_col_interval", lang): format_fuzzy_date(e.date, lang),
            t("tl_col_event", lang): e.title.in_lang(lang),
            t("tl_col_date", lang): date_words(e.date, lang),
            t("tl_col_status", lang): t(e.status, lang),
        }
        for e in events
    ]
