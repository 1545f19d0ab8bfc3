"""Data: the briefing as tables, and as files (ACLED-style CSV, GeoJSON, TimelineJS JSON, a
standalone map). Events follow the filters set on the Timeline page; zones the map's gap width."""

from __future__ import annotations

import streamlit as st

from components import html, state
from components.data_tables import (
    build_events_table,
    build_key_points_table,
    build_places_table,
    build_statements_table,
    render_table,
)
from components.downloads import build_downloads, render_downloads, width_label
from components.html import md, md_count
from components.layout import render_title
from gapwatch.filters import Filters
from gapwatch.i18n import format_number, t, tn


def _reset_filters() -> None:
    state.update_view(filters=Filters())


def render() -> None:
    """Tables first (what is in the files), then the downloads."""
    briefing, view = state.briefing_and_view()
    lang = view.lang
    events = view.filters.apply(briefing)
    geo = state.reference_geo()

    render_title(lang)
    st.header(t("page_data", lang))
    html.caption(md("data_intro", lang))
    total = format_number(len(briefing.events), lang)
    if view.filters.is_empty:
        html.alert(
            md_count("data_count_all", lang, len(briefing.events), total=total),
            "info",
            icon=":material/filter_alt_off:",
        )
    else:
        shown = format_number(len(events), lang)
        description = view.filters.describe(briefing, lang)
        # The description quotes the search text from the link: shown literally.
        html.alert(
            tn(
                "data_count_filtered",
                lang,
                len(briefing.events),
                shown=shown,
                total=total,
                description=description,
            )
        )
        st.button(t("data_reset_filters", lang), on_click=_reset_filters, key="data_reset")
    if not events:
        html.alert(md("data_no_events", lang), "warning", icon=":material/block:")

    st.subheader(t("data_downloads", lang))
    render_downloads(build_downloads(events, briefing, geo, lang, view.gap_width_km), lang)
    width = width_label(view.gap_width_km, lang)
    html.caption(md("data_zones_illustrative", lang, width=width))

    st.subheader(t("data_events", lang))
    render_table(build_events_table(events, briefing, lang), lang, key="table_events")
    st.subheader(t("data_places", lang))
    render_table(build_places_table(briefing, lang), lang, key="table_places")
    st.subheader(t("data_key_points", lang))
    render_table(build_key_points_table(briefing, lang), lang, key="table_key_points")
    st.subheader(t("data_statements", lang))
    render_table(build_statements_table(briefing, lang), lang, key="table_statements")


render()
