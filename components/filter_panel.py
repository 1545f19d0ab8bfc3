"""The filter panel in the sidebar: widgets that read and write the filters in the URL.

The view state (`components.state`) is the single source of truth: the widgets are filled from
it on every run where they disagree (a pasted link, "Reset filters", another page), and every
change a user makes is written back through `state.update_view`, so the address bar always
holds the filters. The conversion between widget values and `Filters` is pure and tested.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import streamlit as st

from components import html, state
from components.html import md
from gapwatch import queries
from gapwatch.briefing import Briefing
from gapwatch.filters import CONTROL_CHARS, MAX_TEXT_LENGTH, Filters, statuses_at
from gapwatch.i18n import Lang, format_number, t
from gapwatch.model import EPISTEMIC_STATUSES, EVENT_TYPES
from gapwatch.view_state import ViewState

KEY_DATES = "flt_dates"
KEY_PLACES = "flt_places"
KEY_ACTORS = "flt_actors"
KEY_TYPES = "flt_types"
KEY_STATUSES = "flt_statuses"
KEY_TEXT = "flt_text"
WIDGET_KEYS = (KEY_DATES, KEY_PLACES, KEY_ACTORS, KEY_TYPES, KEY_STATUSES, KEY_TEXT)


def widget_key(key: str, lang: Lang) -> str:
    """The session-state key of a filter widget in `lang`: one widget per language, so a
    language switch draws fresh widgets whose chosen options carry labels in that language."""
    return f"{key}_{lang}"


def date_span(briefing: Briefing) -> tuple[dt.date, dt.date]:
    """The first and last day any event may fall on: the date picker's bounds."""
    return queries.date_span(briefing.events)


def _clamp(day: dt.date, span: tuple[dt.date, dt.date]) -> dt.date:
    return min(max(day, span[0]), span[1])


def widget_values(filters: Filters, span: tuple[dt.date, dt.date]) -> dict[str, Any]:
    """What each widget shows for `filters` (the date range clamped to the data's span)."""
    start = _clamp(filters.date_from or span[0], span)
    end = _clamp(filters.date_to or span[1], span)
    return {
        KEY_DATES: (start, max(start, end)),
        KEY_PLACES: sorted(filters.places),
        KEY_ACTORS: sorted(filters.actors),
        KEY_TYPES: [v for v in EVENT_TYPES if v in filters.event_types],
        KEY_STATUSES: [v for v in EPISTEMIC_STATUSES if v in filters.statuses],
        KEY_TEXT: filters.text,
    }


def filters_from_widgets(
    values: Mapping[str, Any], span: tuple[dt.date, dt.date], previous: Filters
) -> Filters:
    """The filters the widgets show.

    A date at the edge of the data's span restricts nothing, so it is left out of the URL. A
    half-picked range (the user has chosen only its start), or one the user has not changed,
    keeps the previous dates.
    """
    dates = tuple(values.get(KEY_DATES) or ())
    # Half-picked, or untouched: keep the dates as they were (even outside the span).
    date_from, date_to = previous.date_from, previous.date_to
    if len(dates) == 2 and dates != widget_values(previous, span)[KEY_DATES]:
        date_from = dates[0] if dates[0] > span[0] else None
        date_to = dates[1] if dates[1] < span[1] else None
    text = " ".join(CONTROL_CHARS.sub(" ", str(values.get(KEY_TEXT) or "")).split())
    return Filters(
        date_from=date_from,
        date_to=date_to,
        places=frozenset(values.get(KEY_PLACES) or ()),
        actors=frozenset(values.get(KEY_ACTORS) or ()),
        event_types=frozenset(values.get(KEY_TYPES) or ()),
        statuses=frozenset(values.get(KEY_STATUSES) or ()),
        text=text[:MAX_TEXT_LENGTH],
    )


def _counted(name: str, count: int, lang: Lang) -> str:
    return f"{name} ({format_number(count, lang)})"


@state.cached(max_entries=8)
def option_labels(briefing: Briefing, lang: Lang) -> Mapping[str, str]:
    """Widget labels in `lang` for every option id, with how many events each one has.

    Computed once per briefing and language (Babel's number formatting is slow enough to
    show on every rerun); read-only, since every caller shares it.
    """
    labels: dict[str, str] = {}
    for place in briefing.places:
        count = sum(place.id in e.place_ids for e in briefing.events)
        labels[place.id] = _counted(place.name.in_lang(lang), count, lang)
    for actor in briefing.actors:
        count = sum(actor.id in e.actor_ids for e in briefing.events)
        labels[actor.id] = _counted(actor.name.in_lang(lang), count, lang)
    for event_type in EVENT_TYPES:
        count = sum(e.event_type == event_type for e in briefing.events)
        labels[event_type] = _counted(t(event_type, lang), count, lang)
    for status in EPISTEMIC_STATUSES:
        count = sum(status in statuses_at(e, briefing) for e in briefing.events)
        labels[status] = _counted(t(status, lang), count, lang)
    return MappingProxyType(labels)


# --- Streamlit ---------------------------------------------------------------------------


def _current_widget_values(lang: Lang) -> dict[str, Any]:
    return {key: st.session_state.get(widget_key(key, lang)) for key in WIDGET_KEYS}


def _on_widget_change(briefing: Briefing, lang: Lang) -> None:
    view = state.view_state(briefing)
    current = _current_widget_values(lang)
    filters = filters_from_widgets(current, date_span(briefing), view.filters)
    if filters != view.filters:
        state.update_view(filters=filters)


def reset_filters() -> None:
    """Clear every filter (the widgets follow on the next run)."""
    state.update_view(filters=Filters())


def _sync_widgets(view: ViewState, span: tuple[dt.date, dt.date]) -> None:
    """Fill the widgets from the view wherever they disagree with it (before they are drawn)."""
    lang = view.lang
    current = _current_widget_values(lang)
    if all(widget_key(key, lang) in st.session_state for key in WIDGET_KEYS) and (
        filters_from_widgets(current, span, view.filters) == view.filters
    ):
        return
    for key, value in widget_values(view.filters, span).items():
        # Keep what the user typed (spaces and all) if it means the same search.
        if (
            key == KEY_TEXT
            and widget_key(key, lang) in st.session_state
            and filters_from_widgets({KEY_TEXT: current[key]}, span, Filters()).text == value
        ):
            continue
        st.session_state[widget_key(key, lang)] = value


def render_filter_panel(briefing: Briefing, view: ViewState) -> Filters:
    """The filter widgets in the sidebar; returns the filters now in force."""
    lang = view.lang
    span = date_span(briefing)
    _sync_widgets(view, span)
    labels = option_labels(briefing, lang)
    label = labels.__getitem__
    change: dict[str, Any] = {"on_change": _on_widget_change, "args": (briefing, lang)}
    with st.sidebar:
        st.subheader(t("flt_heading", lang))
        st.text_input(
            t("flt_text", lang),
            key=widget_key(KEY_TEXT, lang),
            placeholder=t("flt_text_placeholder", lang),
            help=t("flt_text_help", lang),
            max_chars=MAX_TEXT_LENGTH,
            **change,
        )
        st.date_input(
            t("flt_dates", lang),
            key=widget_key(KEY_DATES, lang),
            min_value=span[0],
            max_value=span[1],
            format="YYYY-MM-DD",
            help=t("flt_dates_help", lang),
            **change,
        )
        for key, title, options in (
            (KEY_PLACES, "flt_places", [p.id for p in briefing.places]),
            (KEY_ACTORS, "flt_actors", [a.id for a in briefing.actors]),
            (KEY_TYPES, "flt_types", list(EVENT_TYPES)),
            (KEY_STATUSES, "flt_statuses", list(EPISTEMIC_STATUSES)),
        ):
            st.multiselect(
                t(title, lang),
                options,
                key=widget_key(key, lang),
                format_func=label,
                placeholder=t("flt_choose", lang),
                help=t("flt_statuses_help", lang) if key == KEY_STATUSES else None,
                **change,
            )
        st.button(
            t("flt_reset", lang),
            key="flt_reset",
            icon=":material/filter_alt_off:",
            on_click=reset_filters,
            disabled=view.filters.is_empty,
        )
    return state.view_state(briefing).filters


def render_empty_result(lang: Lang) -> None:
    """Say that nothing matches, and offer the way back."""
    html.alert(md("tl_no_events", lang), "info", icon=":material/filter_alt_off:")
    st.button(
        t("flt_reset", lang),
        key="flt_reset_empty",
        icon=":material/filter_alt_off:",
        on_click=reset_filters,
    )
