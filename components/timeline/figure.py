"""The timeline figure: one plain plotly spec of bars, diamonds and a legend, built in one step."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import plotly.graph_objects as go

from components.compat import plotly_figure
from components.timeline.drawing import (
    BAR_WIDTH,
    EVENT_TYPE_COLOURS,
    EXACT_SYMBOL,
    FUZZY_OPACITY,
    FUZZY_PATTERN,
    LEGEND_GREY,
    PLOT_WIDTH_PX,
    SELECTED_ROW_FILL,
    EventDrawing,
    axis_ticks,
    bar_end,
    event_drawing,
)
from gapwatch.briefing import Briefing
from gapwatch.i18n import Lang, direction, t
from gapwatch.model import EVENT_TYPES, Event, EventType


def _axis_span(events: Sequence[Event], lang: Lang) -> tuple[dt.date, dt.date]:
    """The days the time axis shows: every bar, and room after each for its date words.

    Plotly cannot measure text before drawing it, so this estimates: ~5.2 px a character on a
    plot area of at least `PLOT_WIDTH_PX`. A bar wide enough holds its words inside.
    """
    start = min(e.date.earliest for e in events)
    end = max(bar_end(e.date) for e in events)
    span_days = (end - start).days
    before = max(2, round(span_days * 0.04))
    after = max(4, round(span_days * 0.08))
    # Per event: (words_px, bar days or None for an exact day, days from its end to `end`).
    bars = [
        (
            event_drawing(e, lang).words_px,
            None if e.date.is_exact_day else (bar_end(e.date) - e.date.earliest).days,
            (end - bar_end(e.date)).days,
        )
        for e in events
    ]
    while after < span_days * 3:
        px_per_day = PLOT_WIDTH_PX / (span_days + before + after)
        room_needed = False
        for words_px, bar_days, tail_days in bars:
            if bar_days is not None and bar_days * px_per_day >= words_px:
                continue  # printed inside the bar
            if (tail_days + after) * px_per_day < words_px:
                room_needed = True
                break
        if not room_needed:
            break
        after += max(1, span_days // 50)
    return start - dt.timedelta(days=before), end + dt.timedelta(days=after)


def _event_trace(
    drawings: Sequence[EventDrawing], event_type: EventType, exact: bool, lang: Lang
) -> dict[str, Any]:
    colour = EVENT_TYPE_COLOURS[event_type]
    marker: dict[str, Any] = {"color": colour}
    if exact:
        marker |= {"opacity": 1.0, "line": {"color": colour, "width": 1}}
    else:
        marker |= {
            "opacity": FUZZY_OPACITY,
            "pattern": {"shape": FUZZY_PATTERN, "fgcolor": colour, "solidity": 0.35},
            "line": {"width": 0},
        }
    trace: dict[str, Any] = {
        "type": "bar",
        "orientation": "h",
        "y": [d.id for d in drawings],
        "base": [d.start for d in drawings],
        "x": [d.length_ms for d in drawings],
        "width": BAR_WIDTH,
        "customdata": [[d.id, d.hover] for d in drawings],
        "hovertemplate": "%{customdata[1]}<extra></extra>",
        "textposition": "auto",
        "insidetextanchor": "start",
        "cliponaxis": False,
        "textfont": {"color": "#1c2530", "size": 12},
        "name": t(event_type, lang),
        "legendgroup": event_type,
        "showlegend": False,
        "marker": marker,
        "meta": {"date_style": "exact" if exact else "fuzzy"},
    }
    if not exact:  # exact days print their words beside the diamond (it would cover them here)
        trace["text"] = [d.words for d in drawings]
    return trace


def _diamond_trace(
    drawings: Sequence[EventDrawing], event_type: EventType, lang: Lang
) -> dict[str, Any]:
    # Makes a one-day bar visible and clickable at any zoom.
    return {
        "type": "scatter",
        "mode": "markers+text",
        "y": [d.id for d in drawings],
        "text": [d.words for d in drawings],
        "textposition": "middle left" if direction(lang) == "rtl" else "middle right",
        "textfont": {"color": "#1c2530", "size": 12},
        "cliponaxis": False,
        "x": [d.noon for d in drawings],
        "customdata": [[d.id, d.hover] for d in drawings],
        "hovertemplate": "%{customdata[1]}<extra></extra>",
        "marker": {
            "symbol": EXACT_SYMBOL,
            "size": 15,
            "color": EVENT_TYPE_COLOURS[event_type],
            "line": {"color": "#ffffff", "width": 1.5},
        },
        "name": t(event_type, lang),
        "legendgroup": event_type,
        "showlegend": False,
        "meta": {"date_style": "exact"},
    }


def _legend_traces(event_types: Sequence[EventType], lang: Lang) -> list[dict[str, Any]]:
    """Legend-only entries: one per colour (event type), one per date style. No data."""
    traces: list[dict[str, Any]] = [
        {
            "type": "bar",
            "x": [None],
            "y": [None],
            "orientation": "h",
            "name": t(event_type, lang),
            "legendgroup": event_type,
            "marker": {"color": EVENT_TYPE_COLOURS[event_type]},
            "hoverinfo": "skip",
            "meta": {"legend_only": True},
        }
        for event_type in event_types
    ]
    traces.append(
        {
            "type": "scatter",
            "x": [None],
            "y": [None],
            "mode": "markers",
            "name": t("tl_style_exact", lang),
            "legendgroup": "style-exact",
            "marker": {"symbol": EXACT_SYMBOL, "size": 12, "color": LEGEND_GREY},
            "hoverinfo": "skip",
            "meta": {"legend_only": True},
        }
    )
    traces.append(
        {
            "type": "bar",
            "x": [None],
            "y": [None],
            "orientation": "h",
            "name": t("tl_style_fuzzy", lang),
            "legendgroup": "style-fuzzy",
            "marker": {
                "color": LEGEND_GREY,
                "opacity": FUZZY_OPACITY,
                "pattern": {"shape": FUZZY_PATTERN, "fgcolor": LEGEND_GREY, "solidity": 0.35},
            },
            "hoverinfo": "skip",
            "meta": {"legend_only": True},
        }
    )
    return traces


def build_timeline_figure(
    events: Sequence[Event], briefing: Briefing, lang: Lang, selected_id: str | None = None
) -> go.Figure:
    """One horizontal bar per event, oldest at the top, styled by how precise its date is.

    Each bar's `customdata[0]` is its event id, so a click maps back to the event
    (`point_index` counts within a trace, not rows). All text is in `lang`; in Arabic the
    time axis runs right to left and the event labels sit on the right. The row of
    `selected_id` is highlighted and its label bold.

    Built as one plain spec: the texts of each event come from a per-language cache
    (`_drawing`), so a filter change only assembles lists.
    """
    del briefing  # the events carry everything drawn; kept for a uniform builder signature
    ordered = sorted(events, key=lambda e: (e.date.earliest, e.date.latest, e.id))
    rtl = direction(lang) == "rtl"
    if not ordered:
        return plotly_figure(
            {
                "data": [],
                "layout": {"height": 200, "xaxis": {"visible": False}, "yaxis": {"visible": False}},
            }
        )

    drawings = [event_drawing(e, lang) for e in ordered]
    traces: list[dict[str, Any]] = []
    present = [et for et in EVENT_TYPES if any(e.event_type == et for e in ordered)]
    for event_type in present:
        group = [
            (e, d) for e, d in zip(ordered, drawings, strict=True) if e.event_type == event_type
        ]
        exact = [d for e, d in group if e.date.is_exact_day]
        fuzzy = [d for e, d in group if not e.date.is_exact_day]
        if fuzzy:
            traces.append(_event_trace(fuzzy, event_type, exact=False, lang=lang))
        if exact:
            traces.append(_event_trace(exact, event_type, exact=True, lang=lang))
            traces.append(_diamond_trace(exact, event_type, lang))
    traces += _legend_traces(present, lang)

    ids = [d.id for d in drawings]
    half = BAR_WIDTH / 2
    shapes = [
        {
            "type": "rect",
            "xref": "x",
            "yref": "y",
            "x0": d.start,
            "x1": d.end,
            "y0": row - half,
            "y1": row + half,
            "line": {"color": EVENT_TYPE_COLOURS[e.event_type], "width": 1.5, "dash": "dot"},
            "fillcolor": "rgba(0,0,0,0)",
            "layer": "above",
        }
        for row, (e, d) in enumerate(zip(ordered, drawings, strict=True))
        if not e.date.is_exact_day
    ]
    if selected_id in ids:
        row = ids.index(selected_id)
        shapes.append(
            {
                "type": "rect",
                "xref": "paper",
                "yref": "y",
                "x0": 0,
                "x1": 1,
                "y0": row - 0.5,
                "y1": row + 0.5,
                "line": {"width": 0},
                "fillcolor": SELECTED_ROW_FILL,
                "layer": "below",
            }
        )

    lo, hi = _axis_span(ordered, lang)
    tickvals, ticktext = axis_ticks(lo, hi, lang)
    axis_range = [hi.isoformat(), lo.isoformat()] if rtl else [lo.isoformat(), hi.isoformat()]

    layout: dict[str, Any] = {
        "barmode": "overlay",
        "height": 140 + 64 * len(ordered),
        "margin": {"l": 10, "r": 10, "t": 10, "b": 10},
        "legend": {
            "orientation": "h",
            "yanchor": "top",
            "y": -0.12 if len(ordered) > 2 else -0.3,
            "xanchor": "right" if rtl else "left",
            "x": 1 if rtl else 0,
            "itemclick": False,
            "itemdoubleclick": False,
        },
        "hoverlabel": {"align": "right" if rtl else "left", "bgcolor": "#ffffff"},
        "xaxis": {
            "type": "date",
            "range": axis_range,
            "tickmode": "array",
            "tickvals": list(tickvals),
            "ticktext": list(ticktext),
            "showgrid": True,
            "gridcolor": "#e3e7eb",
            "fixedrange": False,
        },
        "yaxis": {
            "type": "category",
            "categoryorder": "array",
            "categoryarray": ids,
            "autorange": "reversed",
            "tickmode": "array",
            "tickvals": ids,
            "ticktext": [d.bold_label if d.id == selected_id else d.label for d in drawings],
            "side": "right" if rtl else "left",
            "tickfont": {"color": "#1c2530"},
            "automargin": True,
            "fixedrange": True,
        },
        "plot_bgcolor": "#ffffff",
        "paper_bgcolor": "#ffffff",
        "font": {"size": 13},
        "dragmode": "zoom",
    }
    if shapes:
        layout["shapes"] = shapes
    return plotly_figure({"data": traces, "layout": layout})
