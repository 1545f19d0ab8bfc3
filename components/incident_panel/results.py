"""The incidents page's results: the headline numbers, the map, the charts, the tables and
the downloads, for the current `Selection` and its `Result`."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from components import html, incident_charts, incident_map, incident_tables, state
from components.html import escape_markdown, markup, md
from components.incident_panel.data import (
    TABLE_ROWS_MAX,
    Result,
    Selection,
    cell_shapes,
    dataset_key,
    placed_distances,
    store,
    unplaced_table,
)
from components.map import gap as map_gap
from components.map import render as map_render
from gapwatch.briefing import Briefing
from gapwatch.export import json_text
from gapwatch.i18n import Lang, format_day, format_number, t
from gapwatch.incidents import export, lines

# --- rendering -----------------------------------------------------------------------------


def _attribution_html(attribution: str, lang: Lang) -> html.Markup:
    """Who the data are from (escaped: an imported dataset's attribution is the user's)."""
    credit = attribution or t("inc_no_attribution", lang)
    return markup(
        '<p class="gw-attribution" dir="auto" style="font-size:.85rem;color:#52606d">{} {}</p>',
        t("inc_attribution", lang),
        credit,
    )


def render_summary(selection: Selection, result: Result) -> None:
    """The headline numbers: events, inside / outside the band, unplaced, and the rates."""
    lang = selection.lang
    a = result.analysis
    html.show_html(
        markup(
            '<p class="gw-filter-description"><b>{}</b> · {}</p>',
            selection.dataset.name,
            t("inc_summary", lang, events=format_number(a.events, lang)),
        )
    )
    ratio = a.rate.ratio
    figures = (
        ("inc_inside", format_number(a.inside.total, lang), None),
        ("inc_outside", format_number(a.outside.total, lang), None),
        ("inc_unplaced", format_number(a.unplaced, lang), None),
        (
            "inc_rate_ratio",
            "—" if ratio is None else format_number(ratio, lang, digits=2),
            md("inc_rate_ratio_help", lang),
        ),
    )
    for column, (label, value, help_text) in zip(st.columns(4), figures, strict=True):
        with column:
            html.metric(md(label, lang), escape_markdown(value), help=help_text)
    if a.after.events == 0:
        key = "inc_after_empty" if a.after_is_empty_because_data_end else "inc_after_none"
        html.alert(
            md(
                key,
                lang,
                split=format_day(a.split_date, lang),
                last=format_day(a.data_last, lang) if a.data_last else "—",
            ),
            "info",
            icon=":material/event_busy:",
        )


_CELL_KEY = "inc_clicked_cell"


def _clear_cell() -> None:
    st.session_state[_CELL_KEY] = None


def _rerun_panel() -> None:
    """Run the analysis panel again so the map draws what a click chose. Streamlit refuses
    `scope="fragment"` while the whole script runs (its fragment included), hence the check."""
    ctx = get_script_run_ctx()
    st.rerun(scope="fragment" if ctx is not None and ctx.fragment_ids_this_run else "app")


def render_map(selection: Selection, result: Result, briefing: Briefing) -> None:
    """The base map with the gap band (for the chosen line) and the incidents."""
    lang, width = selection.lang, selection.width_km
    geo = state.reference_geo()
    base = map_render.cached_base_map(lang, briefing, geo)
    band = map_gap.build_gap_layer(geo, width, lang, shapes=_band_shapes(selection.line_id, geo))
    events = result.events
    placed_count = int(events.placed.sum())
    points = None
    if placed_count <= incident_map.POINTS_MAX:
        points = events.rows(events.placed)
    elif st.session_state.get(_CELL_KEY):
        in_cell = events.cell_ids == st.session_state[_CELL_KEY]
        points = events.rows(in_cell, incident_map.POINTS_MAX)
    shapes = cell_shapes(
        store(),
        dataset_key(selection.dataset),
        selection.line_id,
        selection.filters,
        selection.view.colour_by,
        lang,
    )
    layer = incident_map.build_incident_layer(
        shapes,
        points,
        colour_by=selection.view.colour_by,
        width_km=width,
        lang=lang,
        attribution=result.attribution,
        always_points=points is not None and placed_count > incident_map.POINTS_MAX,
    )
    html.caption(md("inc_map_caption", lang, limit=format_number(incident_map.POINTS_MAX, lang)))
    clicked = incident_map.render_incident_map(base, [band, layer], lang)
    if clicked is not None:
        st.session_state[_CELL_KEY] = clicked
        _rerun_panel()
    html.show_html(_attribution_html(result.attribution, lang))
    cell = st.session_state.get(_CELL_KEY)
    if cell:
        in_cell = events.cell_ids == cell
        count = int(in_cell.sum())
        st.subheader(md("inc_cell_heading", lang, count=format_number(count, lang)))
        if count > TABLE_ROWS_MAX:
            html.caption(md("inc_table_first", lang, shown=format_number(TABLE_ROWS_MAX, lang)))
        st.dataframe(
            incident_tables.build_events_table(events.rows(in_cell, TABLE_ROWS_MAX), width, lang),
            hide_index=True,
            width="stretch",
        )
        st.button(md("map_clear_focus", lang), key="inc_clear_cell", on_click=_clear_cell)


def _band_shapes(line_id: str, geo: Any) -> Any:
    if line_id == lines.DEFAULT_LINE_ID:
        return lambda w: map_render.cached_gap_shape(w, geo)
    line = store().line(line_id)
    return lambda w: incident_map.line_band_shape(line, w, geo)


def render_charts(selection: Selection, result: Result, briefing: Briefing) -> None:
    """Distance histogram and monthly counts, side by side; the sector table under them."""
    lang = selection.lang
    distance, precision = placed_distances(
        store(), dataset_key(selection.dataset), selection.line_id, selection.filters
    )
    left, right = st.columns(2)
    with left:
        st.plotly_chart(
            incident_charts.build_distance_histogram(distance, precision, selection.width_km, lang),
            key="inc_hist",
            config={"displaylogo": False},
            width="stretch",
        )
    with right:
        st.plotly_chart(
            incident_charts.build_monthly_figure(
                [dataclasses.asdict(m) for m in result.analysis.by_month],
                incident_charts.meetings(briefing, lang),
                selection.view.split_date,
                lang,
            ),
            key="inc_monthly",
            config={"displaylogo": False},
            width="stretch",
        )
    html.caption(md("inc_charts_caption", lang))


def render_tables(selection: Selection, result: Result) -> None:
    """The analysis table (before / after / all), the sectors, and the unplaced events."""
    lang = selection.lang
    st.subheader(md("inc_analysis_heading", lang))
    st.dataframe(
        incident_tables.build_analysis_table(result.analysis, lang),
        hide_index=True,
        width="stretch",
    )
    html.caption(md("inc_rate_explained", lang))
    st.subheader(md("inc_sector_heading", lang))
    st.dataframe(
        incident_tables.build_sector_table(result.analysis, lang),
        hide_index=True,
        width="stretch",
    )
    unplaced = int(result.events.unplaced.sum())
    with st.expander(md("inc_unplaced_heading", lang, count=format_number(unplaced, lang))):
        html.caption(md("inc_unplaced_explained", lang))
        if unplaced > TABLE_ROWS_MAX:
            html.caption(md("inc_table_first", lang, shown=format_number(TABLE_ROWS_MAX, lang)))
        st.dataframe(
            unplaced_table(
                store(),
                dataset_key(selection.dataset),
                selection.line_id,
                selection.filters,
                lang,
            ),
            hide_index=True,
            width="stretch",
        )


def _file_name(stem: str, selection: Selection, suffix: str) -> str:
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in selection.dataset.name)[:40]
    return f"gapwatch-{stem}-{safe or 'dataset'}.{suffix}"


def render_downloads(selection: Selection, result: Result) -> None:
    """Filtered incidents (CSV with the original columns plus ours, GeoJSON) and the analysis
    table, each carrying the dataset's attribution."""
    lang = selection.lang
    st.subheader(md("inc_downloads", lang))
    events, width, attribution = result.events, selection.width_km, result.attribution
    items: Sequence[tuple[str, str, str, Any]] = (
        (
            "inc_dl_csv",
            _file_name("incidents", selection, "csv"),
            "text/csv",
            lambda: export.incidents_csv(events.rows(events.selected), width, attribution),
        ),
        (
            "inc_dl_geojson",
            _file_name("incidents", selection, "geojson"),
            "application/geo+json",
            lambda: json_text(
                export.incidents_geojson(events.rows(events.selected), width, attribution)
            ).encode(),
        ),
        (
            "inc_dl_analysis",
            _file_name("analysis", selection, "csv"),
            "text/csv",
            lambda: export.analysis_csv(result.analysis, attribution),
        ),
    )
    for column, (key, name, mime, data) in zip(st.columns(3), items, strict=True):
        column.download_button(
            md(key, lang),
            data=data,
            file_name=name,
            mime=mime,
            on_click="ignore",
            icon=":material/download:",
            key=f"download_{key}",
            width="stretch",
        )
    html.show_html(_attribution_html(attribution, lang))
