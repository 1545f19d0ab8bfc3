"""Timeline: the events, filtered, as a chart; a click shows an event's details and sources."""

from __future__ import annotations

import streamlit as st

from components import html, state
from components.errors import error_boundary
from components.filter_panel import render_empty_result, render_filter_panel
from components.html import markup, md
from components.layout import render_title
from components.timeline.render import (
    render_event_details,
    render_event_table,
    render_timeline_chart,
)
from gapwatch.i18n import format_number, t, tn


@st.fragment
def _timeline_panel() -> None:
    """Filters (in the sidebar), description, chart, selected event and list.

    A fragment: a filter change or a click on a bar reruns only this, so the page's title,
    styles and navigation are neither rebuilt nor sent again. Switching the language (outside)
    reruns the whole page, this included. A fragment reruns on its own, so it has its own
    error boundary.
    """
    _, view = state.briefing_and_view()
    with error_boundary(view.lang, "timeline panel"):
        _timeline_panel_body()


def _timeline_panel_body() -> None:
    briefing, view = state.briefing_and_view()
    lang = view.lang
    filters = render_filter_panel(briefing, view)
    events = filters.apply(briefing)
    view = state.view_state(briefing)

    count = tn(
        "tl_count",
        lang,
        len(briefing.events),
        count=format_number(len(events), lang),
        total=format_number(len(briefing.events), lang),
    )
    html.show_html(
        markup(
            '<p class="gw-filter-description"><b>{}</b> · {}</p>',
            count,
            filters.describe(briefing, lang),
        )
    )
    if not events:
        render_empty_result(lang)
    else:
        html.caption(md("tl_select_hint", lang))
        render_timeline_chart(events, briefing, lang, view.event_id)
    if view.event_id:
        selected = briefing.event(view.event_id)
        render_event_details(selected, briefing, view, filtered_out=selected not in events)
    if events:
        render_event_table(events, lang, view.event_id)


def render() -> None:
    """Title and heading, then the filtered timeline."""
    _, view = state.briefing_and_view()
    lang = view.lang
    render_title(lang)
    st.header(t("tl_heading", lang))
    _timeline_panel()


render()
