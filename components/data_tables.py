"""The Data page's tables: events, places, key points and statements, headed in the user's
language, each row with its Arabic source sentence and its uncertainty spelled out.

`build_*_table()` are pure (a DataFrame from the briefing, unit-tested); `render_table()` is
the only code here that calls Streamlit.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from gapwatch.attribution import marked_name, said_by_label, status_basis_label
from gapwatch.briefing import Briefing
from gapwatch.i18n import Lang, format_fuzzy_date, t
from gapwatch.model import Event, SourceSpan

_SPAN_JOIN = " / "


def _sources(spans: Sequence[SourceSpan]) -> str:
    return _SPAN_JOIN.join(f"«{span.text_ar}»" for span in spans)


def _frame(rows: list[list[object]], keys: Sequence[str], lang: Lang) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=[t(key, lang) for key in keys])


def build_events_table(events: Iterable[Event], briefing: Briefing, lang: Lang) -> pd.DataFrame:
    """One row per event: the date as an interval (marked when inferred) beside the article's
    own words, its type, who says it and its epistemic status (with the words behind it), its
    places (or why there are none), its source."""
    keys = (
        "data_col_date",
        "data_col_date_words",
        "data_col_title",
        "data_col_type",
        "data_col_said_by",
        "data_col_status",
        "data_col_places",
        "data_col_precision",
        "data_col_source",
    )
    rows: list[list[object]] = []
    for event in events:
        places = ", ".join(briefing.place(p).name.in_lang(lang) for p in event.place_ids)
        if event.place_note is not None:
            note = event.place_note.in_lang(lang)
            places = f"{places} — {note}" if places else note
        rows.append(
            [
                format_fuzzy_date(event.date, lang),
                event.date.text.in_lang(lang),
                event.title.in_lang(lang),
                t(event.event_type, lang),
                said_by_label(event, lang),
                status_basis_label(event, lang),
                places,
                t(event.date.precision, lang),
                _sources(event.spans),
            ]
        )
    return _frame(rows, keys, lang)


def build_places_table(briefing: Briefing, lang: Lang) -> pd.DataFrame:
    """One row per place: both names, kind, the point, its ACLED-style precision in words,
    where the coordinates come from, and the sentences that name it."""
    other: Lang = "en" if lang == "ar" else "ar"
    keys = (
        "data_col_name",
        "data_col_other_name",
        "data_col_kind",
        "data_col_lat",
        "data_col_lon",
        "data_col_geo_precision",
        "data_col_admin1",
        "data_col_coordinate_source",
        "data_col_source",
    )
    rows: list[list[object]] = [
        [
            place.name.in_lang(lang),
            place.name.in_lang(other),
            t(f"data_kind_{place.kind}", lang),
            place.lat,
            place.lon,
            t(f"data_geo_precision_{place.geo_precision}", lang),
            place.admin1.in_lang(lang),
            place.coordinate_source,
            _sources(place.spans),
        ]
        for place in briefing.places
    ]
    return _frame(rows, keys, lang)


def build_key_points_table(briefing: Briefing, lang: Lang) -> pd.DataFrame:
    """The three key points: wording, who said it, its status, the occasion, implementation."""
    keys = (
        "data_col_number",
        "data_col_title",
        "data_col_wording",
        "data_col_speaker",
        "data_col_said_by",
        "data_col_status",
        "data_col_event",
        "data_col_implementation",
        "data_col_source",
    )
    rows: list[list[object]] = [
        [
            point.number,
            point.title.in_lang(lang),
            point.wording.in_lang(lang),
            briefing.actor(point.speaker_id).name.in_lang(lang),
            said_by_label(point, lang),
            status_basis_label(point, lang),
            marked_name(
                briefing.event(point.event_id).title.in_lang(lang),
                point,
                "event_id",
                point.event_id,
                lang,
            ),
            point.implementation.in_lang(lang),
            _sources(point.spans),
        ]
        for point in sorted(briefing.key_points, key=lambda k: k.number)
    ]
    return _frame(rows, keys, lang)


def build_statements_table(briefing: Briefing, lang: Lang) -> pd.DataFrame:
    """Everything the article attributes to someone: speaker, quote or reported speech,
    fact / intention / claim, the text, and the occasion it was said on."""
    keys = (
        "data_col_speaker",
        "data_col_said_by",
        "data_col_form",
        "data_col_status",
        "data_col_text",
        "data_col_event",
        "data_col_source",
    )
    rows: list[list[object]] = [
        [
            briefing.actor(s.speaker_id).name.in_lang(lang),
            said_by_label(s, lang),
            t(f"data_form_{s.form}", lang),
            status_basis_label(s, lang),
            s.text.in_lang(lang),
            briefing.event(s.event_id).title.in_lang(lang) if s.event_id else "",
            _sources(s.spans),
        ]
        for s in briefing.statements
    ]
    return _frame(rows, keys, lang)


_WIDE_COLUMNS = ("data_col_title", "data_col_wording", "data_col_text", "data_col_source")


def render_table(frame: pd.DataFrame, lang: Lang, key: str) -> None:
    """A read-only table; coordinates shown with 5 decimals (about a metre), long texts wide."""
    config: dict[str, Any] = {
        t(col, lang): st.column_config.NumberColumn(format="%.5f")
        for col in ("data_col_lat", "data_col_lon")
        if t(col, lang) in frame.columns
    }
    config |= {
        t(col, lang): st.column_config.TextColumn(width="large")
        for col in _WIDE_COLUMNS
        if t(col, lang) in frame.columns
    }
    st.dataframe(frame, hide_index=True, column_config=config, key=key)
