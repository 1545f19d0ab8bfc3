"""Incidents: real conflict events (UCDP GED, or the analyst's own ACLED/GED export) against
the gap band — on the map, by distance, by month, by sector — with the import panel."""

from __future__ import annotations

import streamlit as st

from components import html, state
from components import incident_panel as panel
from components.html import md
from components.layout import render_title


@st.fragment
def _analysis_panel() -> None:
    """Filters (sidebar), width, map, charts, tables and downloads. A fragment: a filter or
    width change reruns only this; zooming or panning the map reruns nothing."""
    briefing = state.briefing_or_stop("en")
    selection = panel.current_selection(briefing)
    panel.render_filters(selection, briefing)
    selection = panel.current_selection(briefing)  # the widgets may have changed the view
    panel.render_width(selection)
    result = panel.compute(selection)
    panel.render_summary(selection, result)
    panel.render_map(selection, result, briefing)
    panel.render_charts(selection, result, briefing)
    panel.render_tables(selection, result)
    panel.render_downloads(selection, result)


def render() -> None:
    """Title, the analysis, then the import panel and the dataset and line lists."""
    briefing = state.briefing_or_stop("en")
    lang = state.view_state(briefing).lang
    render_title(lang)
    st.header(md("page_incidents", lang))
    html.caption(md("inc_intro", lang))
    _analysis_panel()
    panel.render_import_panel(lang)


render()
