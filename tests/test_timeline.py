"""The timeline figure, the event details and the filter widgets, built without Streamlit."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import plotly.graph_objects as go
import plotly.io
import pytest

from components.filter_panel import (
    KEY_DATES,
    KEY_PLACES,
    KEY_TEXT,
    KEY_TYPES,
    date_span,
    filters_from_widgets,
    option_labels,
    widget_values,
)
from components.html import escape_for_plotly, escape_html
from components.timeline.details import build_event_details_html, build_event_rows
from components.timeline.drawing import FUZZY_PATTERN, INFERRED_MARK, SELECTED_ROW_FILL
from components.timeline.figure import build_timeline_figure
from components.timeline.render import table_selection
from gapwatch.briefing import Briefing
from gapwatch.filters import Filters
from gapwatch.i18n import Lang, t
from gapwatch.model import Bilingual, Event
from gapwatch.view_state import ViewState

D = dt.date
HOSTILE = '<script>alert("x")</script>'
ARABIC_MONTHS = ("تشرين الأول", "تشرين الثاني", "كانون الأول", "كانون الثاني", "شباط", "آذار")


def event_traces(fig: go.Figure) -> list[Any]:
    """The bar traces that draw events (not the legend-only entries)."""
    return [tr for tr in fig.data if tr.type == "bar" and tr.customdata]


def bars_by_event(fig: go.Figure) -> dict[str, Any]:
    return {row[0]: tr for tr in event_traces(fig) for row in tr.customdata}


def hostile(event: Event) -> Event:
    """The event with a title and date words that try to inject markup."""
    date = event.date.model_copy(update={"text": Bilingual(en=HOSTILE, ar=HOSTILE)})
    return event.model_copy(update={"title": Bilingual(en=HOSTILE, ar=HOSTILE), "date": date})


# --- the figure ---------------------------------------------------------------------------


def test_every_event_is_one_bar_that_carries_its_id(briefing: Briefing) -> None:
    fig = build_timeline_figure(briefing.events, briefing, "en")
    drawn = [row[0] for tr in event_traces(fig) for row in tr.customdata]
    assert sorted(drawn) == sorted(e.id for e in briefing.events)
    for tr in event_traces(fig):
        assert tr.orientation == "h"
        assert list(tr.y) == [row[0] for row in tr.customdata]


def test_a_bar_spans_every_day_its_date_allows(briefing: Briefing) -> None:
    fig = build_timeline_figure(briefing.events, briefing, "en")
    for tr in event_traces(fig):
        for base, length, row in zip(tr.base, tr.x, tr.customdata, strict=True):
            date = briefing.event(row[0]).date
            assert base == date.earliest.isoformat()
            days = (date.latest - date.earliest).days + 1
            assert length == days * 86_400_000


def test_imprecise_dates_are_drawn_apart_from_exact_days(briefing: Briefing) -> None:
    fig = build_timeline_figure(briefing.events, briefing, "en")
    bars = bars_by_event(fig)
    exact = [e for e in briefing.events if e.date.is_exact_day]
    fuzzy = [e for e in briefing.events if not e.date.is_exact_day]
    assert exact and fuzzy, "the shipped data has both kinds; the test needs both"
    for event in exact:
        marker = bars[event.id].marker
        assert marker.opacity == 1
        assert not marker.pattern.shape
    for event in fuzzy:
        marker = bars[event.id].marker
        assert marker.opacity < 1
        assert marker.pattern.shape == FUZZY_PATTERN
    # Exact days get a diamond, so a one-day bar is visible; imprecise ones a dotted outline.
    diamonds = {
        row[0] for tr in fig.data if tr.type == "scatter" and tr.customdata for row in tr.customdata
    }
    assert diamonds == {e.id for e in exact}
    outlines = [s for s in fig.layout.shapes if s.line.dash == "dot"]
    assert len(outlines) == len(fuzzy)


def test_inferred_dates_say_so_in_the_article_words(briefing: Briefing) -> None:
    fig = build_timeline_figure(briefing.events, briefing, "en")
    texts: dict[str, str] = {}
    for tr in fig.data:
        if tr.customdata and tr.text:
            texts |= {row[0]: text for row, text in zip(tr.customdata, tr.text, strict=True)}
    assert set(texts) == {e.id for e in briefing.events}
    for event in briefing.events:
        assert event.date.text.en in texts[event.id]
        assert texts[event.id].startswith(INFERRED_MARK) == event.date.inferred


def test_hover_gives_the_article_words_interval_and_precision(briefing: Briefing) -> None:
    fig = build_timeline_figure(briefing.events, briefing, "en")
    event = briefing.event("joc-announcement")
    hover = bars_by_event(fig)[event.id].customdata[0][1]
    assert "Wednesday, 4 February" in hover
    assert "February 4, 2019 – February 6, 2019 (inferred)" in hover
    assert t("days", "en") in hover


def test_the_legend_names_the_event_types_and_the_date_styles(briefing: Briefing) -> None:
    fig = build_timeline_figure(briefing.events, briefing, "en")
    legend = {tr.name for tr in fig.data if tr.showlegend is not False}
    assert {t(e.event_type, "en") for e in briefing.events} <= legend
    assert {t("tl_style_exact", "en"), t("tl_style_fuzzy", "en")} <= legend


def test_arabic_figure_has_arabic_labels_and_reads_right_to_left(briefing: Briefing) -> None:
    fig = build_timeline_figure(briefing.events, briefing, "ar")
    ticks = " ".join(fig.layout.xaxis.ticktext)
    assert any(month in ticks for month in ARABIC_MONTHS), ticks
    assert "Oct" not in ticks and "Feb" not in ticks
    labels = " ".join(fig.layout.yaxis.ticktext)
    assert "أربيل" in labels
    assert fig.layout.yaxis.side == "right"
    start, end = fig.layout.xaxis.range
    assert start > end, "time runs right to left in Arabic"
    legend = {tr.name for tr in fig.data if tr.showlegend is not False}
    assert t("meeting", "ar") in legend
    hover = bars_by_event(fig)["erbil-round-2019-02-04"].customdata[0][1]
    assert "4 شباط 2019" in hover


def test_english_figure_reads_left_to_right(briefing: Briefing) -> None:
    fig = build_timeline_figure(briefing.events, briefing, "en")
    start, end = fig.layout.xaxis.range
    assert start < end
    assert fig.layout.yaxis.side == "left"
    assert "Feb 2019" in fig.layout.xaxis.ticktext


def test_a_short_range_gets_day_ticks_inside_it(briefing: Briefing) -> None:
    events = [briefing.event("erbil-round-2019-02-04")]
    fig = build_timeline_figure(events, briefing, "ar")
    high, low = fig.layout.xaxis.range
    assert len(fig.layout.xaxis.tickvals) >= 3
    assert all(low <= tick <= high for tick in fig.layout.xaxis.tickvals)
    assert all("شباط" in text for text in fig.layout.xaxis.ticktext)


def test_markup_in_data_is_escaped_in_hover_and_labels(briefing: Briefing) -> None:
    event = hostile(briefing.event("late-2018-meetings"))
    fig = build_timeline_figure([event], briefing, "en")
    hover = bars_by_event(fig)[event.id].customdata[0][1]
    plotly_text = [hover, *fig.layout.yaxis.ticktext, *event_traces(fig)[0].text]
    for text in plotly_text:
        assert "<script>" not in text
        assert '"' not in text
    assert "&lt;script&gt;" in hover


def test_a_quote_reaches_plotly_as_an_entity_plotly_decodes() -> None:
    # plotly decodes numeric entities but not &quot;, which it would show as is
    assert escape_for_plotly('say "hi"') == "say &#34;hi&#34;"


def test_the_selected_event_row_is_highlighted(briefing: Briefing) -> None:
    fig = build_timeline_figure(briefing.events, briefing, "en", "erbil-round-2019-02-04")
    assert [s for s in fig.layout.shapes if s.fillcolor == SELECTED_ROW_FILL]
    bold = [label for label in fig.layout.yaxis.ticktext if label.startswith("<b>")]
    assert bold == ["<b>Round of meetings in Erbil begins</b>"]
    plain = build_timeline_figure(briefing.events, briefing, "en")
    assert not [s for s in plain.layout.shapes if s.fillcolor == SELECTED_ROW_FILL]


def test_no_events_give_an_empty_figure(briefing: Briefing) -> None:
    fig = build_timeline_figure([], briefing, "en")
    assert not fig.data


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_every_kind_of_figure_passes_plotly_validation_unchanged(
    briefing: Briefing, lang: Lang
) -> None:
    # The figure is built without plotly's per-property checks (they cost more than the rest of
    # the page); plotly's validating constructor must accept it as it is and change nothing.
    erbil = briefing.event("erbil-round-2019-02-04")
    kinds = [
        (briefing.events, None),
        (briefing.events, "late-2018-meetings"),
        ([erbil], None),
        ([erbil], erbil.id),
        ([briefing.event("late-2018-meetings")], None),
        ([], None),
    ]
    for events, selected in kinds:
        spec = plotly.io.to_json(build_timeline_figure(events, briefing, lang, selected))
        validated = go.Figure(json.loads(spec))  # raises on any invalid property
        assert json.loads(plotly.io.to_json(validated)) == json.loads(spec)


def test_an_edited_event_is_drawn_afresh(briefing: Briefing) -> None:
    # Texts are cached per event and language; a changed event (same id) must not reuse them.
    event = briefing.event("late-2018-meetings")
    before = bars_by_event(build_timeline_figure([event], briefing, "en"))[event.id]
    edited = event.model_copy(update={"title": Bilingual(en="Renamed", ar="معاد تسميته")})
    after = build_timeline_figure([edited], briefing, "en")
    assert "Renamed" not in before.customdata[0][1]
    assert "<b>Renamed</b>" in bars_by_event(after)[event.id].customdata[0][1]
    assert list(after.layout.yaxis.ticktext) == ["Renamed"]


# --- details and table --------------------------------------------------------------------


def test_details_show_date_words_interval_inference_places_and_sources(
    briefing: Briefing,
) -> None:
    event = briefing.event("erbil-round-2019-02-04")
    html = build_event_details_html(event, briefing, ViewState(lang="en"))
    assert "Round of meetings in Erbil begins" in html
    assert "4 February (the round began)" in html
    assert "February 4, 2019 (inferred)" in html
    assert "The year is not given." in html  # the inference
    assert "Erbil (exact point)" in html
    assert "Lt. Gen. Abdul Amir Yarallah" in html
    for span in event.spans:
        quote = r'<blockquote[^>]*dir="rtl" lang="ar"[^>]*>' + re.escape(escape_html(span.text_ar))
        assert re.search(quote, html), span.text_ar
        assert escape_html(briefing.article.paragraphs[span.paragraph].en) in html
    # two spans from the same paragraph share one translation
    assert html.count(briefing.article.paragraphs[7].en[:60]) == 1


def test_details_list_the_statements_tied_to_the_event(briefing: Briefing) -> None:
    event = briefing.event("spokesman-statement-to-diyaruna")
    html = build_event_details_html(event, briefing, ViewState(lang="en"))
    statements = [s for s in briefing.statements if s.event_id == event.id]
    assert statements
    assert html.count('<li style="margin-bottom:0.5em">') == len(statements)
    assert "Brig. Gen. Yahya Rasool" in html
    assert "The article gives no place for this event." in html


def test_details_in_arabic_are_right_to_left_and_arabic(briefing: Briefing) -> None:
    event = briefing.event("erbil-round-2019-02-04")
    html = build_event_details_html(event, briefing, ViewState(lang="ar"))
    assert html.startswith('<div dir="rtl" lang="ar"')
    assert "بدء جولة اللقاءات في أربيل" in html
    assert "4 شباط 2019" in html
    assert t("det_translation", "ar") in html


def test_details_escape_data_text(briefing: Briefing) -> None:
    event = hostile(briefing.event("joc-announcement"))
    html = build_event_details_html(event, briefing, ViewState(lang="en"))
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_the_table_key_follows_the_highlighted_row_not_the_events_listed() -> None:
    everything = ("a", "b", "c")
    key, rows = table_selection(everything, None)
    assert rows == []
    # A filter change with nothing selected keeps the same table (updated in place).
    assert table_selection(("b",), None) == (key, [])
    assert table_selection(everything, "gone") == (key, [])
    # Selecting an event, or its row moving, makes a table that shows that row highlighted.
    key_b, rows_b = table_selection(everything, "b")
    assert rows_b == [1] and key_b != key
    key_b_first, rows_b_first = table_selection(("b", "c"), "b")
    assert rows_b_first == [0] and key_b_first not in (key, key_b)
    # The selected event filtered out: nothing highlighted.
    assert table_selection(("a", "c"), "b") == (key, [])


def test_table_rows_give_date_title_and_status_in_the_language(briefing: Briefing) -> None:
    events = Filters().apply(briefing)
    rows = build_event_rows(events, "ar")
    assert len(rows) == len(events)
    first = rows[0]
    assert first[t("tl_col_event", "ar")] == events[0].title.ar
    assert "تشرين الأول" in first[t("tl_col_interval", "ar")]
    assert first[t("tl_col_status", "ar")] == t(events[0].status, "ar")


# --- filter widgets <-> Filters -----------------------------------------------------------


@pytest.mark.parametrize(
    "filters",
    [
        Filters(),
        Filters(places=frozenset({"erbil", "baghdad"}), text="Arbil"),
        Filters(date_from=D(2019, 1, 1), date_to=D(2019, 2, 10)),
        Filters(event_types=frozenset({"meeting"}), statuses=frozenset({"reported_fact"})),
    ],
)
def test_widgets_show_the_filters_they_came_from(briefing: Briefing, filters: Filters) -> None:
    span = date_span(briefing)
    assert filters_from_widgets(widget_values(filters, span), span, filters) == filters
    assert filters_from_widgets(widget_values(filters, span), span, Filters()) == filters


def test_dates_at_the_edges_of_the_data_restrict_nothing(briefing: Briefing) -> None:
    span = date_span(briefing)
    assert span == (D(2018, 10, 1), D(2019, 2, 28))
    values = {KEY_DATES: (span[0], D(2019, 1, 15))}
    assert filters_from_widgets(values, span, Filters()) == Filters(date_to=D(2019, 1, 15))
    values = {KEY_DATES: span}
    previous = Filters(date_from=D(2019, 1, 1))
    assert filters_from_widgets(values, span, previous) == Filters()


def test_a_half_picked_range_keeps_the_dates_in_force(briefing: Briefing) -> None:
    span = date_span(briefing)
    previous = Filters(date_from=D(2019, 1, 1))
    values = {KEY_DATES: (D(2018, 12, 1),), KEY_PLACES: ["erbil"]}
    assert filters_from_widgets(values, span, previous) == Filters(
        date_from=D(2019, 1, 1), places=frozenset({"erbil"})
    )


def test_dates_from_a_link_outside_the_data_survive_other_changes(briefing: Briefing) -> None:
    span = date_span(briefing)
    previous = Filters(date_from=D(2020, 1, 1))
    values = widget_values(previous, span) | {KEY_TYPES: ["meeting"]}
    assert values[KEY_DATES] == (span[1], span[1])  # what the picker can show
    assert filters_from_widgets(values, span, previous) == Filters(
        date_from=D(2020, 1, 1), event_types=frozenset({"meeting"})
    )


def test_typed_search_text_is_tidied(briefing: Briefing) -> None:
    span = date_span(briefing)
    values = {KEY_TEXT: "  Arbil \x00  Erbil  "}
    assert filters_from_widgets(values, span, Filters()).text == "Arbil Erbil"


def test_option_labels_are_in_the_language_with_event_counts(briefing: Briefing) -> None:
    labels = option_labels(briefing, "ar")
    assert option_labels(briefing, "ar") is labels  # computed once, shared: so read-only
    with pytest.raises(TypeError):
        labels["erbil"] = "x"  # type: ignore[index]
    assert labels["erbil"] == "أربيل (1)"
    assert labels["hawija"] == "الحويجة (0)"
    assert labels["meeting"].startswith(t("meeting", "ar"))
    assert option_labels(briefing, "en")["baghdad"] == "Baghdad (2)"
