"""The incidents page's sidebar: dataset, line, dates, actor text, type of violence, split
date and colouring, and the band-width slider; every change goes to the URL."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pandas as pd
import streamlit as st

from components import incident_charts, state
from components.html import escape_markdown, md
from components.incident_panel.data import Selection, store, update_view
from components.map import render as map_render
from gapwatch.briefing import Briefing
from gapwatch.filters import MAX_TEXT_LENGTH
from gapwatch.i18n import Lang, format_day, format_number, t
from gapwatch.incident_view import COLOUR_CHOICES, clean_text
from gapwatch.incidents import lines
from gapwatch.incidents.analysis import IncidentFilters
from gapwatch.incidents.store import DatasetInfo

# --- filters (sidebar) ---------------------------------------------------------------------

_K = "inc_flt_"


def _on_filter_change(lang: Lang) -> None:
    ss = st.session_state
    briefing = state.briefing_or_stop("en")
    previous = state.view_state(briefing).incidents.filters
    dates = tuple(ss.get(f"{_K}dates_{lang}") or ())
    date_from, date_to = previous.date_from, previous.date_to
    span = ss.get(f"{_K}span")
    if len(dates) == 2 and span:  # a half-picked range keeps the dates as they were
        date_from = dates[0] if dates[0] > span[0] else None
        date_to = dates[1] if dates[1] < span[1] else None
    changes: dict[str, Any] = {
        "filters": IncidentFilters(
            date_from=date_from,
            date_to=date_to,
            text=clean_text(str(ss.get(f"{_K}text_{lang}") or ""), MAX_TEXT_LENGTH),
            violence=tuple(sorted(ss.get(f"{_K}violence_{lang}") or ())),
        ),
        "colour_by": ss.get(f"{_K}colour_{lang}") or "count",
    }
    split = ss.get(f"{_K}split_{lang}")
    if isinstance(split, dt.date):
        changes["split_date"] = split
    dataset = ss.get(f"{_K}dataset_{lang}")
    changes["dataset"] = None if dataset in (None, ss.get(f"{_K}bundled")) else dataset
    if changes["dataset"] != state.view_state(briefing).incidents.dataset:
        # GED's types of violence and ACLED's event types share no names: a new dataset
        # starts with no type chosen, rather than with one that matches nothing.
        changes["filters"] = dataclasses.replace(changes["filters"], violence=())
    line = ss.get(f"{_K}line_{lang}")
    changes["line"] = None if line in (None, lines.DEFAULT_LINE_ID) else line
    update_view(**changes)


def _set_split(day: dt.date) -> None:
    update_view(split_date=day)


def _reset_filters() -> None:
    update_view(filters=IncidentFilters())


def _date_span(frame: pd.DataFrame) -> tuple[dt.date, dt.date]:
    if frame.empty:
        today = dt.date.today()
        return today, today
    return (
        pd.Timestamp(frame["date_start"].min()).date(),
        pd.Timestamp(frame["date_end"].max()).date(),
    )


def _sync(key: str, value: Any) -> None:
    if st.session_state.get(key) != value:
        st.session_state[key] = value


def render_filters(selection: Selection, briefing: Briefing) -> None:
    """Dataset, line, dates, actor text, type of violence, split date and colouring, in the
    sidebar; every change goes to the URL."""
    lang, view = selection.lang, selection.view
    everything = store().incidents(selection.dataset.name, line_id=selection.line_id)
    span = _date_span(everything)
    st.session_state[f"{_K}span"] = span
    bundled = next(d.name for d in selection.datasets if d.bundled)
    st.session_state[f"{_K}bundled"] = bundled
    clamp = lambda d: min(max(d, span[0]), span[1])  # noqa: E731
    filters = view.filters
    start = clamp(filters.date_from or span[0])
    values: dict[str, Any] = {
        "dataset": selection.dataset.name,
        "line": selection.line_id,
        "dates": (start, max(start, clamp(filters.date_to or span[1]))),
        "text": filters.text,
        "violence": list(filters.violence),
        "split": view.split_date,
        "colour": view.colour_by,
    }
    for name, value in values.items():
        _sync(f"{_K}{name}_{lang}", value)
    violence_options = sorted(
        {*everything["violence"].dropna().unique().tolist(), *filters.violence}
    )
    change: dict[str, Any] = {"on_change": _on_filter_change, "args": (lang,)}
    names = {d.name: d for d in selection.datasets}
    with st.sidebar:
        st.subheader(md("inc_flt_heading", lang))
        st.selectbox(
            md("inc_flt_dataset", lang),
            list(names),
            key=f"{_K}dataset_{lang}",
            format_func=lambda n: _dataset_label(names[n], lang),
            **change,
        )
        st.selectbox(
            md("inc_flt_line", lang),
            [line_id for line_id, _ in selection.lines],
            key=f"{_K}line_{lang}",
            format_func=dict(selection.lines).__getitem__,
            **change,
        )
        st.date_input(
            md("inc_flt_dates", lang),
            key=f"{_K}dates_{lang}",
            min_value=span[0],
            max_value=span[1],
            format="YYYY-MM-DD",
            **change,
        )
        st.text_input(
            md("inc_flt_text", lang),
            key=f"{_K}text_{lang}",
            placeholder=t("inc_flt_text_placeholder", lang),
            help=md("inc_flt_text_help", lang),
            max_chars=200,
            **change,
        )
        st.multiselect(
            md("inc_flt_violence", lang),
            violence_options,
            key=f"{_K}violence_{lang}",
            placeholder=t("flt_choose", lang),
            **change,
        )
        st.button(
            md("flt_reset", lang),
            key=f"{_K}reset",
            icon=":material/filter_alt_off:",
            on_click=_reset_filters,
            disabled=filters.is_empty,
        )
        st.subheader(md("inc_split_heading", lang))
        st.date_input(
            md("inc_split_date", lang),
            key=f"{_K}split_{lang}",
            format="YYYY-MM-DD",
            min_value=dt.date(1989, 1, 1),
            max_value=dt.date(2035, 12, 31),
            help=md("inc_split_help", lang),
            **change,
        )
        for meeting in incident_charts.meetings(briefing, lang):
            st.button(
                md("inc_split_preset", lang, date=format_day(meeting.start, lang)),
                key=f"{_K}preset_{meeting.id}",
                help=escape_markdown(meeting.title),
                on_click=_set_split,
                args=(meeting.start,),
                disabled=meeting.start == view.split_date,
                width="stretch",
            )
        st.radio(
            md("inc_colour_by", lang),
            list(COLOUR_CHOICES),
            key=f"{_K}colour_{lang}",
            format_func=lambda c: t(f"inc_colour_{c}", lang),
            horizontal=True,
            **change,
        )


def _dataset_label(info: DatasetInfo, lang: Lang) -> str:
    """A select box option (plain text, never Markdown): name, format and size."""
    kind = t("inc_bundled", lang) if info.bundled else t("inc_imported", lang)
    return f"{info.name} · {kind} · {format_number(info.imported, lang)}"


def _set_width(width_km: float) -> None:
    state.update_view(gap_width_km=width_km)


def render_width(selection: Selection) -> None:
    """The Map page's band-width slider: one width for the whole app."""
    map_render.render_width_control(selection.width_km, selection.lang, _set_width)
