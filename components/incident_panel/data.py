"""The incidents page's data side: the store (one per process), the view resolved against it
(`Selection`) and the figures computed for it (`Result`), each cached by what it depends on."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import streamlit as st

from components import html, incident_map, incident_tables, state
from components.map import gap as map_gap
from gapwatch.briefing import Briefing
from gapwatch.filters import Notice
from gapwatch.i18n import Lang, t
from gapwatch.incident_view import IncidentView
from gapwatch.incidents import aggregate, lines
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


def dataset_key(info: DatasetInfo) -> tuple[str, str, str]:
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
    ids = aggregate.masked_ids(_bins(_store_, key, line_id), selected)
    return Subsets(frame, selected, selected & is_placed, ids)


@st.cache_resource(show_spinner=False, max_entries=8)
def _bins(_store_: IncidentStore, key: tuple[str, str, str], line_id: str) -> aggregate.HexBins:
    """Every event's hexagon, once per dataset: a filter change only masks it."""
    return aggregate.bin_events(
        _store_.incidents(key[0], line_id=line_id), incident_map.HEX_SIZE_KM
    )


@st.cache_resource(show_spinner=False, max_entries=8)
def unplaced_table(
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
    return tuple(aggregate.cells_of(_bins(_store_, key, line_id), mask=events.selected))


@st.cache_resource(show_spinner=False, max_entries=16)
def placed_distances(
    _store_: IncidentStore, key: tuple[str, str, str], line_id: str, filters: IncidentFilters
) -> tuple[np.ndarray, np.ndarray]:
    """(distance_km, precision) of the placed filtered events, for the distance histogram:
    taken out of the frame once per filter (the precision strings cost ~25 ms at 100,000
    events), not on every width change."""
    events = _subsets(_store_, key, line_id, filters)
    return (
        events.column("distance_km", events.placed),
        events.column("precision", events.placed),
    )


@st.cache_resource(show_spinner=False, max_entries=16)
def cell_shapes(
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


def update_view(**changes: Any) -> IncidentView:
    briefing = state.briefing_or_stop("en")
    incidents = state.view_state(briefing).incidents.changed(**changes)
    return state.update_view(incidents=incidents).incidents


def _notice(notice: Notice, lang: Lang) -> None:
    """Say which link parameter was ignored: an escaped alert, since the notice quotes the
    link's value (st.warning would read it as Markdown)."""
    html.alert(notice.text(lang), "warning")


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
            view = update_view(dataset=None)
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
            view = update_view(line=None)
    width = map_gap.snap_width(view_state.gap_width_km)
    return Selection(lang, view, width, dataset, datasets, line_id, line_list)


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
    s, key = store(), dataset_key(selection.dataset)
    filters = selection.filters
    events = _subsets(s, key, selection.line_id, filters)
    analysis = _analysis(
        s, key, selection.line_id, filters, selection.width_km, selection.view.split_date
    )
    cells = _cells(s, key, selection.line_id, filters)
    return Result(events, analysis, cells, selection.dataset.attribution)
