"""The incidents page's Streamlit side: the store, the filters in the URL, the computed figures
(cached), and every panel of the page. The figures themselves come from the pure core
(`gapwatch.incidents`) and the pure builders (`components.incident_charts`,
`components.incident_map`, `components.incident_tables`).

Untrusted text — dataset and file names, attributions, actors, source text — never reaches a
Markdown sink (alerts, captions, metric and widget labels): it is shown through `st.html` with
`escape_html`, in data frames (plain text), or as option labels of select boxes (plain text).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from components import incident_charts, incident_map, incident_tables, state
from components.html import escape_html
from components.layout import render_alert
from components.map import gap as map_gap
from components.map import render as map_render
from gapwatch.briefing import Briefing
from gapwatch.export import json_text
from gapwatch.filters import MAX_TEXT_LENGTH, Notice
from gapwatch.i18n import Lang, format_day, format_number, t
from gapwatch.incident_view import COLOUR_CHOICES, IncidentView, clean_text
from gapwatch.incidents import aggregate, export, lines
from gapwatch.incidents.analysis import (
    Analysis,
    Columns,
    IncidentFilters,
    analyse,
    analysis_columns,
)
from gapwatch.incidents.store import DatasetInfo, IncidentStore, default_store_dir

#: Rows of events shown in a table on the page (the CSV download has them all).
TABLE_ROWS_MAX = 1000


# --- the store and the data (cached per process) -----------------------------------------


@st.cache_resource(show_spinner=False)
def _store(folder: Path) -> IncidentStore:
    return IncidentStore(folder)


def store() -> IncidentStore:
    """The incident store in $GAPWATCH_STORE (else the user's data folder), one per process."""
    return _store(default_store_dir())


def _dataset_key(info: DatasetInfo) -> tuple[str, str, str]:
    return (info.name, info.sha256, str(info.imported_at))


@dataclass(frozen=True)
class Subsets:
    """The filtered events as masks over the dataset's frame, with each event's hexagon.

    Masks, not copies: `frame[mask]` copies every column of every row kept (the original
    rows' text included), about a second at 100,000 events; the page takes rows out only
    where it shows them (a few points, the first rows of a table, a download)."""

    frame: pd.DataFrame  # the whole dataset, as the store shares it: read-only
    selected: np.ndarray  # passes the filters
    placed: np.ndarray  # selected and placed (exact or approximate)
    cell_ids: np.ndarray  # the hexagon of each selected placed event, else ""

    @property
    def unplaced(self) -> np.ndarray:
        """Selected but located only to a district or coarser."""
        return self.selected & ~self.placed

    def rows(self, mask: np.ndarray, limit: int | None = None) -> pd.DataFrame:
        """The events of `mask` as a frame (the first `limit` of them)."""
        return self.frame.iloc[np.flatnonzero(mask)[:limit]]

    def column(self, name: str, mask: np.ndarray) -> np.ndarray:
        """One column's values for the events of `mask`, without building a frame."""
        return self.frame[name].to_numpy()[mask]


# cache_resource, not cache_data: the frames, masks and analyses are read-only and shared
# between sessions, instead of being pickled and copied on every rerun.
@st.cache_resource(show_spinner=False, max_entries=16)
def _subsets(
    _store_: IncidentStore, key: tuple[str, str, str], line_id: str, filters: IncidentFilters
) -> Subsets:
    frame = _store_.incidents(key[0], line_id=line_id)
    selected = np.ones(len(frame), dtype=bool) if filters.is_empty else filters.mask(frame)
    is_placed = (frame["precision"] != "unplaced").to_numpy(dtype=bool, na_value=False)
    ids = aggregate.cell_ids(frame, incident_map.HEX_SIZE_KM, mask=selected)
    return Subsets(frame, selected, selected & is_placed, ids)


@st.cache_resource(show_spinner=False, max_entries=8)
def _unplaced_table(
    _store_: IncidentStore,
    key: tuple[str, str, str],
    line_id: str,
    filters: IncidentFilters,
    lang: Lang,
) -> pd.DataFrame:
    events = _subsets(_store_, key, line_id, filters)
    return incident_tables.build_events_table(
        events.rows(events.unplaced, TABLE_ROWS_MAX), None, lang
    )


@st.cache_resource(show_spinner=False, max_entries=32)
def _analysis(
    _store_: IncidentStore,
    key: tuple[str, str, str],
    line_id: str,
    filters: IncidentFilters,
    width_km: float,
    split: dt.date,
) -> Analysis:
    frame = _store_.incidents(key[0], line_id=line_id)
    line = _store_.line(line_id)
    columns = _analysis_columns(_store_, key, line_id, split)
    return analyse(
        frame, width_km, filters, split_date=split, line=line, dataset=key[0], columns=columns
    )


@st.cache_resource(show_spinner=False, max_entries=8)
def _analysis_columns(
    _store_: IncidentStore, key: tuple[str, str, str], line_id: str, split: dt.date
) -> Columns:
    return analysis_columns(_store_.incidents(key[0], line_id=line_id), split)


@st.cache_resource(show_spinner=False, max_entries=16)
def _cells(
    _store_: IncidentStore, key: tuple[str, str, str], line_id: str, filters: IncidentFilters
) -> tuple[aggregate.Cell, ...]:
    events = _subsets(_store_, key, line_id, filters)
    return tuple(aggregate.hex_cells(events.frame, incident_map.HEX_SIZE_KM, mask=events.selected))


@st.cache_resource(show_spinner=False, max_entries=16)
def _cell_shapes(
    _store_: IncidentStore,
    key: tuple[str, str, str],
    line_id: str,
    filters: IncidentFilters,
    colour_by: str,
    lang: Lang,
) -> incident_map.CellShapes:
    """The hexagons as drawn: a width change redraws the band, not 2,000 tooltips."""
    return incident_map.build_cell_shapes(_cells(_store_, key, line_id, filters), colour_by, lang)


# --- what is selected ----------------------------------------------------------------------


@dataclass(frozen=True)
class Selection:
    """The page's view resolved against the store: the dataset and line that exist."""

    lang: Lang
    view: IncidentView
    width_km: float
    dataset: DatasetInfo
    datasets: tuple[DatasetInfo, ...]
    line_id: str
    lines: tuple[tuple[str, str], ...]  # (id, name), the default first

    @property
    def filters(self) -> IncidentFilters:
        return self.view.filters


def _update(**changes: Any) -> IncidentView:
    briefing = state.briefing_or_stop("en")
    incidents = state.view_state(briefing).incidents.changed(**changes)
    return state.update_view(incidents=incidents).incidents


def _notice(notice: Notice, lang: Lang) -> None:
    """Say which link parameter was ignored: an escaped alert, since the notice quotes the
    link's value (st.warning would read it as Markdown)."""
    render_alert(notice.text(lang), "warning")


def current_selection(briefing: Briefing) -> Selection:
    """The view as far as the store can serve it; an unknown dataset or line named in the
    URL falls back to the default, with a notice."""
    view_state = state.view_state(briefing)
    lang, view = view_state.lang, view_state.incidents
    s = store()
    datasets = tuple(s.datasets())
    by_name = {d.name: d for d in datasets}
    default = next(d for d in datasets if d.bundled)
    dataset = default
    if view.dataset:
        if view.dataset in by_name:
            dataset = by_name[view.dataset]
        else:
            _notice(
                Notice("notice_unknown_value", {"param": "dataset", "value": view.dataset}), lang
            )
            view = _update(dataset=None)
    line_list = (
        (lines.DEFAULT_LINE_ID, t("inc_line_default", lang)),
        *((line.id, line.name) for line in s.lines() if line.id != lines.DEFAULT_LINE_ID),
    )
    line_id = lines.DEFAULT_LINE_ID
    if view.line:
        if view.line in dict(line_list):
            line_id = view.line
        else:
            _notice(Notice("notice_unknown_value", {"param": "line", "value": view.line}), lang)
            view = _update(line=None)
    width = map_gap.snap_width(view_state.gap_width_km)
    return Selection(lang, view, width, dataset, datasets, line_id, line_list)


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
    _update(**changes)


def _set_split(day: dt.date) -> None:
    _update(split_date=day)


def _reset_filters() -> None:
    _update(filters=IncidentFilters())


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
        st.subheader(t("inc_flt_heading", lang))
        st.selectbox(
            t("inc_flt_dataset", lang),
            list(names),
            key=f"{_K}dataset_{lang}",
            format_func=lambda n: _dataset_label(names[n], lang),
            **change,
        )
        st.selectbox(
            t("inc_flt_line", lang),
            [line_id for line_id, _ in selection.lines],
            key=f"{_K}line_{lang}",
            format_func=dict(selection.lines).__getitem__,
            **change,
        )
        st.date_input(
            t("inc_flt_dates", lang),
            key=f"{_K}dates_{lang}",
            min_value=span[0],
            max_value=span[1],
            format="YYYY-MM-DD",
            **change,
        )
        st.text_input(
            t("inc_flt_text", lang),
            key=f"{_K}text_{lang}",
            placeholder=t("inc_flt_text_placeholder", lang),
            help=t("inc_flt_text_help", lang),
            max_chars=200,
            **change,
        )
        st.multiselect(
            t("inc_flt_violence", lang),
            violence_options,
            key=f"{_K}violence_{lang}",
            placeholder=t("flt_choose", lang),
            **change,
        )
        st.button(
            t("flt_reset", lang),
            key=f"{_K}reset",
            icon=":material/filter_alt_off:",
            on_click=_reset_filters,
            disabled=filters.is_empty,
        )
        st.subheader(t("inc_split_heading", lang))
        st.date_input(
            t("inc_split_date", lang),
            key=f"{_K}split_{lang}",
            format="YYYY-MM-DD",
            min_value=dt.date(1989, 1, 1),
            max_value=dt.date(2035, 12, 31),
            help=t("inc_split_help", lang),
            **change,
        )
        for meeting in incident_charts.meetings(briefing, lang):
            st.button(
                t("inc_split_preset", lang, date=format_day(meeting.start, lang)),
                key=f"{_K}preset_{meeting.id}",
                help=meeting.title,
                on_click=_set_split,
                args=(meeting.start,),
                disabled=meeting.start == view.split_date,
                width="stretch",
            )
        st.radio(
            t("inc_colour_by", lang),
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


# --- compute -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Result:
    """Everything the page draws for the current selection."""

    events: Subsets  # the filtered events, as masks
    analysis: Analysis
    cells: tuple[aggregate.Cell, ...]
    attribution: str


def compute(selection: Selection) -> Result:
    """The filtered events, the analysis and the hexagons, each cached by what it depends
    on: a width change re-counts the band but neither re-filters nor re-aggregates."""
    s, key = store(), _dataset_key(selection.dataset)
    filters = selection.filters
    events = _subsets(s, key, selection.line_id, filters)
    analysis = _analysis(
        s, key, selection.line_id, filters, selection.width_km, selection.view.split_date
    )
    cells = _cells(s, key, selection.line_id, filters)
    return Result(events, analysis, cells, selection.dataset.attribution)


# --- rendering -----------------------------------------------------------------------------


def _attribution_html(attribution: str, lang: Lang) -> str:
    """Who the data are from (escaped: an imported dataset's attribution is the user's)."""
    credit = attribution or t("inc_no_attribution", lang)
    return (
        f'<p class="gw-attribution" dir="auto" style="font-size:.85rem;color:#52606d">'
        f"{escape_html(t('inc_attribution', lang))} {escape_html(credit)}</p>"
    )


def render_summary(selection: Selection, result: Result) -> None:
    """The headline numbers: events, inside / outside the band, unplaced, and the rates."""
    lang = selection.lang
    a = result.analysis
    st.html(
        f'<p class="gw-filter-description"><b>{escape_html(selection.dataset.name)}</b> · '
        + escape_html(t("inc_summary", lang, events=format_number(a.events, lang)))
        + "</p>"
    )
    cols = st.columns(4)
    cols[0].metric(t("inc_inside", lang), format_number(a.inside.total, lang))
    cols[1].metric(t("inc_outside", lang), format_number(a.outside.total, lang))
    cols[2].metric(t("inc_unplaced", lang), format_number(a.unplaced, lang))
    ratio = a.rate.ratio
    cols[3].metric(
        t("inc_rate_ratio", lang),
        "—" if ratio is None else format_number(ratio, lang, digits=2),
        help=t("inc_rate_ratio_help", lang),
    )
    if a.after.events == 0:
        key = "inc_after_empty" if a.after_is_empty_because_data_end else "inc_after_none"
        st.info(
            t(
                key,
                lang,
                split=format_day(a.split_date, lang),
                last=format_day(a.data_last, lang) if a.data_last else "—",
            ),
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
    shapes = _cell_shapes(
        store(),
        _dataset_key(selection.dataset),
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
    st.caption(t("inc_map_caption", lang, limit=format_number(incident_map.POINTS_MAX, lang)))
    clicked = incident_map.render_incident_map(base, [band, layer], lang)
    if clicked is not None:
        st.session_state[_CELL_KEY] = clicked
        _rerun_panel()
    st.html(_attribution_html(result.attribution, lang))
    cell = st.session_state.get(_CELL_KEY)
    if cell:
        in_cell = events.cell_ids == cell
        count = int(in_cell.sum())
        st.subheader(t("inc_cell_heading", lang, count=format_number(count, lang)))
        if count > TABLE_ROWS_MAX:
            st.caption(t("inc_table_first", lang, shown=format_number(TABLE_ROWS_MAX, lang)))
        st.dataframe(
            incident_tables.build_events_table(events.rows(in_cell, TABLE_ROWS_MAX), width, lang),
            hide_index=True,
            width="stretch",
        )
        st.button(t("map_clear_focus", lang), key="inc_clear_cell", on_click=_clear_cell)


def _band_shapes(line_id: str, geo: Any) -> Any:
    if line_id == lines.DEFAULT_LINE_ID:
        return lambda w: map_render.cached_gap_shape(w, geo)
    line = store().line(line_id)
    return lambda w: incident_map.line_band_shape(line, w, geo)


def render_charts(selection: Selection, result: Result, briefing: Briefing) -> None:
    """Distance histogram and monthly counts, side by side; the sector table under them."""
    lang = selection.lang
    events = result.events
    left, right = st.columns(2)
    with left:
        st.plotly_chart(
            incident_charts.build_distance_histogram(
                events.column("distance_km", events.placed),
                events.column("precision", events.placed),
                selection.width_km,
                lang,
            ),
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
    st.caption(t("inc_charts_caption", lang))


def render_tables(selection: Selection, result: Result) -> None:
    """The analysis table (before / after / all), the sectors, and the unplaced events."""
    lang = selection.lang
    st.subheader(t("inc_analysis_heading", lang))
    st.dataframe(
        incident_tables.build_analysis_table(result.analysis, lang),
        hide_index=True,
        width="stretch",
    )
    st.caption(t("inc_rate_explained", lang))
    st.subheader(t("inc_sector_heading", lang))
    st.dataframe(
        incident_tables.build_sector_table(result.analysis, lang),
        hide_index=True,
        width="stretch",
    )
    unplaced = int(result.events.unplaced.sum())
    with st.expander(t("inc_unplaced_heading", lang, count=format_number(unplaced, lang))):
        st.caption(t("inc_unplaced_explained", lang))
        if unplaced > TABLE_ROWS_MAX:
            st.caption(t("inc_table_first", lang, shown=format_number(TABLE_ROWS_MAX, lang)))
        st.dataframe(
            _unplaced_table(
                store(),
                _dataset_key(selection.dataset),
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
    st.subheader(t("inc_downloads", lang))
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
            t(key, lang),
            data=data,
            file_name=name,
            mime=mime,
            on_click="ignore",
            icon=":material/download:",
            key=f"download_{key}",
            width="stretch",
        )
    st.html(_attribution_html(attribution, lang))


# --- import panel --------------------------------------------------------------------------

_REPORT_KEY = "inc_last_import"


def _import(lang: Lang) -> None:
    upload = st.session_state.get("inc_upload")
    if upload is None:
        return
    name = clean_text(str(st.session_state.get("inc_upload_name") or ""), 120) or None
    attribution = clean_text(str(st.session_state.get("inc_upload_attribution") or ""), 1000)
    try:
        report = store().import_bytes(
            upload.getvalue(), upload.name, name=name, attribution=attribution
        )
    except ValueError as error:  # IncidentFileError and bad names are ValueErrors
        st.session_state[_REPORT_KEY] = ("error", str(error), upload.name)
        return
    st.session_state[_REPORT_KEY] = ("ok", report, upload.name)
    _update(dataset=report.dataset.name)


def _add_line(lang: Lang) -> None:
    upload = st.session_state.get("inc_line_upload")
    if upload is None:
        return
    name = clean_text(str(st.session_state.get("inc_line_name") or ""), 120)
    try:
        line = store().add_line(upload.getvalue(), upload.name, name=name)
    except ValueError as error:
        st.session_state["inc_line_report"] = ("error", str(error))
        return
    st.session_state["inc_line_report"] = ("ok", line.name)
    _update(line=line.id)


def _remove_dataset(name: str) -> None:
    store().remove(name)
    briefing = state.briefing_or_stop("en")
    if state.view_state(briefing).incidents.dataset == name:
        _update(dataset=None)


def _remove_line(line_id: str) -> None:
    store().remove_line(line_id)
    briefing = state.briefing_or_stop("en")
    if state.view_state(briefing).incidents.line == line_id:
        _update(line=None)


def render_import_panel(lang: Lang) -> None:
    """Upload a GED or ACLED CSV (name, attribution), see what was read, imported, merged and
    rejected; list and remove datasets; upload an assumed line."""
    st.subheader(t("inc_import_heading", lang))
    st.caption(t("inc_import_intro", lang))
    with st.form("inc_import_form", clear_on_submit=False, border=True):
        st.file_uploader(t("inc_upload", lang), type=["csv"], key="inc_upload")
        st.text_input(t("inc_upload_name", lang), key="inc_upload_name", max_chars=120)
        st.text_area(
            t("inc_upload_attribution", lang),
            key="inc_upload_attribution",
            max_chars=1000,
            help=t("inc_upload_attribution_help", lang),
        )
        st.form_submit_button(
            t("inc_import_button", lang), on_click=_import, args=(lang,), icon=":material/upload:"
        )
    report = st.session_state.get(_REPORT_KEY)
    if report is not None:
        incident_tables.render_import_report(report, lang)

    st.subheader(t("inc_datasets_heading", lang))
    datasets = store().datasets()
    st.dataframe(
        incident_tables.build_datasets_table(datasets, lang), hide_index=True, width="stretch"
    )
    removable = [d.name for d in datasets if not d.bundled]
    if removable:
        cols = st.columns([3, 1], vertical_alignment="bottom")
        chosen = cols[0].selectbox(t("inc_remove_choose", lang), removable, key="inc_remove_choice")
        cols[1].button(
            t("inc_remove", lang),
            key="inc_remove_button",
            on_click=_remove_dataset,
            args=(chosen,),
            icon=":material/delete:",
            width="stretch",
        )

    st.subheader(t("inc_lines_heading", lang))
    st.caption(t("inc_lines_intro", lang))
    with st.form("inc_line_form", border=True):
        st.file_uploader(
            t("inc_line_upload", lang), type=["geojson", "json"], key="inc_line_upload"
        )
        st.text_input(t("inc_line_name", lang), key="inc_line_name", max_chars=120)
        st.form_submit_button(
            t("inc_line_button", lang), on_click=_add_line, args=(lang,), icon=":material/upload:"
        )
    line_report = st.session_state.get("inc_line_report")
    if line_report is not None:
        kind, text = line_report
        key = "inc_line_added" if kind == "ok" else "inc_line_failed"
        st.html(f'<p class="gw-import-{kind}">{escape_html(t(key, lang))} {escape_html(text)}</p>')
    user_lines = [line for line in store().lines() if line.id != lines.DEFAULT_LINE_ID]
    if user_lines:
        names = {line.id: line.name for line in user_lines}
        cols = st.columns([3, 1], vertical_alignment="bottom")
        chosen_line = cols[0].selectbox(
            t("inc_line_remove_choose", lang),
            list(names),
            format_func=names.__getitem__,
            key="inc_line_remove_choice",
        )
        cols[1].button(
            t("inc_remove", lang),
            key="inc_line_remove_button",
            on_click=_remove_line,
            args=(chosen_line,),
            icon=":material/delete:",
            width="stretch",
        )
