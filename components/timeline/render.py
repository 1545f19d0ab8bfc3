"""The timeline's Streamlit side: the chart, the event table and the details."""

from __future__ import annotations

import functools
from collections.abc import Sequence

import pyarrow as pa  # type: ignore[import-untyped]
import streamlit as st

from components import html, navigation, state
from components.html import md
from components.timeline.details import build_event_details_html, build_event_rows
from components.timeline.drawing import CHART_KEY
from components.timeline.figure import build_timeline_figure
from gapwatch.briefing import Briefing
from gapwatch.i18n import Lang, direction, t
from gapwatch.model import Event
from gapwatch.view_state import ViewState

# --- Streamlit ---------------------------------------------------------------------------


def _on_chart_select() -> None:
    # A click on a bar (or its diamond) selects the event; an empty selection (a click
    # beside the bars, or a new figure) leaves the details as they are.
    chart = st.session_state.get(CHART_KEY)
    points = chart.selection.get("points", []) if chart is not None else []
    for point in points:
        data = point.get("customdata")
        if data:
            state.update_view(event_id=str(data[0]))
            return


def render_timeline_chart(
    events: Sequence[Event], briefing: Briefing, lang: Lang, selected_id: str | None
) -> None:
    """The chart; clicking a bar selects its event (and puts it in the URL).

    The selected row is drawn into the figure, so the figure changes with the selection and
    plotly's own click selection is cleared: a bar can be clicked again after "Close".
    """
    fig = build_timeline_figure(events, briefing, lang, selected_id)
    st.plotly_chart(
        fig,
        key=CHART_KEY,
        on_select=_on_chart_select,
        selection_mode="points",
        config={"displaylogo": False, "modeBarButtonsToRemove": ["select2d", "lasso2d"]},
        width="stretch",
    )
    html.caption(md("tl_chart_caption", lang))


def _on_table_select(key: str, ids: tuple[str, ...]) -> None:
    rows = st.session_state[key].selection.get("rows", [])
    if rows and 0 <= rows[0] < len(ids):
        state.update_view(event_id=ids[rows[0]])


def table_selection(ids: Sequence[str], selected_id: str | None) -> tuple[str, list[int]]:
    """The event table's widget key and highlighted row for the listed `ids`.

    A table shows the selection it was created with, so the key names the highlighted row: it
    changes whenever that row does (also when the event was chosen on the chart), and the
    highlight never goes stale. It does not name the events listed, so a filter change
    updates the same table in place instead of building a new one in the browser.
    """
    rows = [list(ids).index(selected_id)] if selected_id is not None and selected_id in ids else []
    return f"timeline_table_{rows[0] if rows else 'none'}", rows


# Pixel widths of the table's columns (date, event, the article's words, status, who says it),
# so that all five fit at 1280 px.
_COLUMN_WIDTHS = (170, 220, 140, 110, 200)


def render_event_table(events: Sequence[Event], lang: Lang, selected_id: str | None) -> None:
    """A compact, sortable list of the filtered events; selecting a row shows its details."""
    st.subheader(t("tl_table_heading", lang))
    ids = tuple(e.id for e in events)
    rows = build_event_rows(events, lang)
    columns = list(rows[0]) if rows else []
    key, selected_rows = table_selection(ids, selected_id)
    st.dataframe(
        # An Arrow table goes to the browser as it is; a list of rows would go through pandas.
        pa.table({name: [row[name] for row in rows] for name in columns}),
        hide_index=True,
        width="stretch",
        key=key,
        on_select=functools.partial(_on_table_select, key, ids),
        selection_mode="single-row",
        selection_default={"selection": {"rows": selected_rows, "columns": []}},
        column_config={
            name: st.column_config.TextColumn(width=width)
            for name, width in zip(columns, _COLUMN_WIDTHS, strict=False)
        },
        # Arabic reads from the right: the date column comes first there too.
        column_order=list(reversed(columns)) if direction(lang) == "rtl" else columns,
    )


def _close_details() -> None:
    state.update_view(event_id=None)


def render_event_details(
    event: Event, briefing: Briefing, view: ViewState, filtered_out: bool = False
) -> None:
    """The selected event with its sources, a way to its place on the map, and a close button.

    A link may select an event the filters hide; it is shown all the same, with a note.
    """
    lang = view.lang
    with st.container(border=True, key="timeline_event_details"):
        html.caption(md("det_heading", lang))
        if filtered_out:
            html.alert(md("det_filtered_out", lang), "warning", icon=":material/filter_alt:")
        html.show_html(build_event_details_html(event, briefing, view))
        left, right = st.columns(2)
        with left:
            if event.place_ids:
                if st.button(
                    md("det_show_on_map", lang),
                    key="timeline_show_on_map",
                    icon=":material/map:",
                    type="primary",
                ):
                    state.update_view(place_id=event.place_ids[0], event_id=event.id)
                    navigation.switch_to("map")
            else:
                html.caption(md("det_no_place", lang))
        with right:
            st.button(
                md("det_close", lang),
                key="timeline_close_details",
                icon=":material/close:",
                on_click=_close_details,
            )
