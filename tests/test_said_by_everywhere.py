"""Every place that shows an item's status also says who says it (side and office), in both
languages: the timeline's hover and table, the event details, the data tables, the exports,
the Overview's cards and the reader comment on the Source page. (The map: test_gap_map.py.)"""

from __future__ import annotations

import json
from html import unescape

import pytest

from components.data_tables import (
    build_events_table,
    build_key_points_table,
    build_statements_table,
)
from components.key_points import build_key_point_card_html
from components.source_view import build_comment_section_html
from components.timeline.details import build_event_details_html, build_event_rows
from components.timeline.drawing import event_drawing
from gapwatch.attribution import said_by_label
from gapwatch.briefing import Briefing
from gapwatch.export import events_csv_rows, timelinejs_json
from gapwatch.i18n import Lang, t
from gapwatch.model import Attributed
from gapwatch.view_state import ViewState

LANGS: tuple[Lang, ...] = ("en", "ar")


def _who(item: Attributed, lang: Lang) -> tuple[str, str]:
    return t(f"side_{item.said_by.side}", lang), item.said_by.office.in_lang(lang)


def _shows(text: str, item: Attributed, lang: Lang) -> bool:
    side, office = _who(item, lang)
    return side in text and office in text


@pytest.mark.parametrize("lang", LANGS)
def test_the_timeline_says_whose_word_each_event_is(briefing: Briefing, lang: Lang) -> None:
    rows = build_event_rows(briefing.events, lang)
    for event, row in zip(briefing.events, rows, strict=True):
        assert row[t("said_by", lang)] == said_by_label(event, lang)
        hover = unescape(event_drawing(event, lang).hover)
        assert t(event.status, lang) in hover and _shows(hover, event, lang), event.id
        details = unescape(build_event_details_html(event, briefing, ViewState(lang=lang)))
        assert _shows(details, event, lang)
        for statement in briefing.statements_at_event(event.id):
            assert _shows(details, statement, lang), statement.id


@pytest.mark.parametrize("lang", LANGS)
def test_every_table_row_with_a_status_names_who_says_it(briefing: Briefing, lang: Lang) -> None:
    said_by, status = t("data_col_said_by", lang), t("data_col_status", lang)
    tables = (
        (build_events_table(briefing.events, briefing, lang), briefing.events),
        (
            build_key_points_table(briefing, lang),
            sorted(briefing.key_points, key=lambda k: k.number),
        ),
        (build_statements_table(briefing, lang), briefing.statements),
    )
    for frame, items in tables:
        assert list(frame[said_by]) == [said_by_label(item, lang) for item in items]
        assert all(
            t(item.status, lang) in cell for item, cell in zip(items, frame[status], strict=True)
        )


@pytest.mark.parametrize("lang", LANGS)
def test_exports_carry_who_says_it_beside_the_status(briefing: Briefing, lang: Lang) -> None:
    notes = [row[-1] for row in events_csv_rows(briefing.events, briefing, lang)]
    timeline = json.dumps(timelinejs_json(briefing.events, briefing, lang), ensure_ascii=False)
    for event in briefing.events:
        assert any(_shows(note, event, lang) for note in notes), event.id
        assert _shows(unescape(timeline), event, lang), event.id


@pytest.mark.parametrize("lang", LANGS)
def test_cards_and_the_reader_comment_say_who_says_it(briefing: Briefing, lang: Lang) -> None:
    for point in briefing.key_points:
        card = unescape(build_key_point_card_html(point, briefing, ViewState(lang=lang)))
        assert _shows(card, point, lang) and t(point.status, lang) in card
    comments = unescape(build_comment_section_html(briefing, lang))
    for comment in briefing.comments:
        assert _shows(comments, comment, lang) and t(comment.status, lang) in comments
