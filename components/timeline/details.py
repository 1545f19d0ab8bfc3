"""The selected event's details (escaped HTML) and the rows of the event table."""

from __future__ import annotations

from collections.abc import Sequence

from components.attribution import attribution_html
from components.html import Markup, render
from components.layout import badge_html
from components.navigation import source_href
from components.timeline.drawing import BADGE_INK, EVENT_TYPE_COLOURS, INFERRED_MARK, date_words
from gapwatch.attribution import marked_name, said_by_label
from gapwatch.briefing import Briefing
from gapwatch.i18n import Lang, format_fuzzy_date, format_list, format_number, t
from gapwatch.model import Event, EventType
from gapwatch.view_state import ViewState


def _type_badge(event_type: EventType, lang: Lang) -> Markup:
    # The type's colour on the border and the swatch; the words in dark ink, since most of the
    # palette is too light for text on white (WCAG AA).
    colour = EVENT_TYPE_COLOURS[event_type]
    return badge_html(
        t(event_type, lang),
        "gw-badge",
        color=BADGE_INK,
        fill="#fff",
        edge=colour,
        glyph="■",
        glyph_color=colour,
    )


def build_event_details_html(event: Event, briefing: Briefing, view: ViewState) -> Markup:
    """An event's details as one escaped HTML block for `st.html`
    (`templates/event_details.html`).

    Title, the date in the article's words with its interval, precision and (if inferred) the
    reasoning; type and status; places with their precision; actors; the statements the
    article ties to the event; and the cited Arabic sentences with their English paragraph.
    """
    lang = view.lang
    places = [
        f"{marked_name(p.name.in_lang(lang), event, 'place_ids', p.id, lang)} "
        f"({t(f'det_geo_{p.geo_precision}', lang)})"
        for p in (briefing.place(pid) for pid in event.place_ids)
    ]
    actors = [
        marked_name(briefing.actor(aid).name.in_lang(lang), event, "actor_ids", aid, lang)
        for aid in event.actor_ids
    ]
    return render(
        "event_details.html",
        event=event,
        briefing=briefing,
        lang=lang,
        type_badge=_type_badge(event.event_type, lang),
        places=format_list(lang, places) if places else "",
        actors=format_list(lang, actors) if actors else "",
        statements=briefing.statements_at_event(event.id),
        inferred_mark=INFERRED_MARK,
        fmt_date=format_fuzzy_date,
        number=lambda n: format_number(n, lang),
        translation=lambda n: briefing.article.paragraphs[n].en,
        href=lambda item_id, paragraph: source_href(view, item_id, paragraph),
        attribution=lambda item: attribution_html(item, briefing, lang),
    )


def build_event_rows(events: Sequence[Event], lang: Lang) -> list[dict[str, str]]:
    """The compact table under the chart: one row per event, in `lang`, its status beside
    who says it (side and office)."""
    return [
        {
            t("tl_col_interval", lang): format_fuzzy_date(e.date, lang),
            t("tl_col_event", lang): e.title.in_lang(lang),
            t("tl_col_date", lang): date_words(e.date, lang),
            t("tl_col_status", lang): t(e.status, lang),
            t("said_by", lang): said_by_label(e, lang),
        }
        for e in events
    ]
