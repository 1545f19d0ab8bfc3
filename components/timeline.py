"""The timeline of events: a plotly figure that shows how sure each date is, and event details.

Pure builders (`build_timeline_figure`, `build_event_details_html`, `build_event_rows`) make
the figure, the details HTML and the table rows; the `render_*` functions are the only code
here that calls Streamlit.

How a date is drawn says how precise it is:

- an exact day is a solid one-day bar with a diamond on it (a one-day bar alone would be a
  hairline on a five-month axis);
- an imprecise date ("the end of 2018", "Wednesday, 4 February") is a translucent, hatched bar
  with a dotted outline spanning every day the article's words allow;
- a date we inferred (the year of "4 February") carries "≈" before the article's words.
"""

from __future__ import annotations

import datetime as dt
import functools
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import plotly.graph_objects as go
import pyarrow as pa  # type: ignore[import-untyped]
import streamlit as st
from babel.dates import format_date as babel_format_date

from components import navigation, state
from components.attribution import attribution_html
from components.escape import escape_for_plotly, escape_html
from components.source_view import source_href
from gapwatch.attribution import marked_name
from gapwatch.i18n import BABEL_LOCALE, Lang, direction, format_fuzzy_date, format_number, t
from gapwatch.model import EVENT_TYPES, Briefing, Event, EventType, FuzzyDate, SourceSpan

CHART_KEY = "timeline_chart"

# Okabe–Ito colours: distinguishable with the common colour-vision deficiencies (checked in
# tests/test_palette.py by simulating deuteranopia, protanopia and tritanopia).
EVENT_TYPE_COLOURS: dict[EventType, str] = {
    "meeting_series": "#0072B2",
    "meeting": "#009E73",
    "meeting_round": "#D55E00",
    "announcement": "#CC79A7",
    "statement": "#E69F00",
}
LEGEND_GREY = "#6b7785"
BADGE_INK = "#1f2933"
SELECTED_ROW_FILL = "#fff1c2"

BAR_WIDTH = 0.6  # in category units: the dotted outlines of imprecise bars use it too
FUZZY_OPACITY = 0.45
FUZZY_PATTERN = "/"
EXACT_SYMBOL = "diamond"
INFERRED_MARK = "≈"
_DAY_MS = 86_400_000
_LABEL_WIDTH = 34  # characters per line of a y-axis label
_PLOT_WIDTH_PX = 580  # the narrowest plot area expected at 1280 px (labels and margins aside)


def date_words(date: FuzzyDate, lang: Lang) -> str:
    """The article's own words for a date, marked "≈" when part of it is our inference."""
    words = date.text.in_lang(lang)
    return f"{INFERRED_MARK} {words}" if date.inferred else words


def _chart_text(text: str, lang: Lang) -> str:
    """Text escaped for plotly; in Arabic led by a right-to-left mark, because plotly's SVG
    text runs left to right and would put a leading "≈" or "«" at the wrong end."""
    return ("\u200f" if direction(lang) == "rtl" else "") + escape_for_plotly(text)


def _wrapped_label(title: str, lang: Lang, bold: bool = False) -> str:
    lines = textwrap.wrap(title, _LABEL_WIDTH) or [title]
    texts = (_chart_text(line, lang) for line in lines)
    return "<br>".join(f"<b>{text}</b>" if bold else text for text in texts)


def _hover_text(event: Event, lang: Lang) -> str:
    """The hover box: title, the article's words, the interval, precision, type and status."""
    rows = [
        f"<b>{_chart_text(event.title.in_lang(lang), lang)}</b>",
        _chart_text(f"{t('tl_hover_words', lang)}: «{event.date.text.in_lang(lang)}»", lang),
        _chart_text(f"{t('tl_hover_interval', lang)}: {format_fuzzy_date(event.date, lang)}", lang),
        _chart_text(f"{t('tl_hover_precision', lang)}: {t(event.date.precision, lang)}", lang),
        _chart_text(f"{t(event.event_type, lang)} · {t(event.status, lang)}", lang),
        f"<i>{_chart_text(t('tl_hover_click', lang), lang)}</i>",
    ]
    return "<br>".join(rows)


def _bar_end(date: FuzzyDate) -> dt.date:
    # A date covers whole days: the bar runs to the end of its latest day.
    return date.latest + dt.timedelta(days=1)


@dataclass(frozen=True)
class _EventDrawing:
    """Everything the chart draws for one event in one language that no filter changes."""

    id: str
    hover: str
    words: str  # the article's words for the date, as printed beside or inside the bar
    label: str  # the y-axis label, wrapped
    bold_label: str  # the same, for the selected row
    start: str  # first day (ISO)
    end: str  # the day after the last (ISO)
    noon: str  # noon of the first day: where an exact day's diamond sits
    length_ms: int  # the bar's length on the date axis
    words_px: float  # estimated width of `words` beside the bar (see `_axis_span`)


@functools.lru_cache(maxsize=512)
def _drawing(event: Event, lang: Lang) -> _EventDrawing:
    # Keyed by the event itself (frozen, hashable, compared by value): an edited event is a
    # new key, never a stale hit. The texts go through Babel and escaping once per language.
    date = event.date
    end = _bar_end(date)
    words = date_words(date, lang)
    return _EventDrawing(
        id=event.id,
        hover=_hover_text(event, lang),
        words=_chart_text(words, lang),
        label=_wrapped_label(event.title.in_lang(lang), lang),
        bold_label=_wrapped_label(event.title.in_lang(lang), lang, bold=True),
        start=date.earliest.isoformat(),
        end=end.isoformat(),
        noon=dt.datetime.combine(date.earliest, dt.time(12)).isoformat(),
        length_ms=(end - date.earliest).days * _DAY_MS,
        words_px=5.2 * len(words) + (12 if date.is_exact_day else 8),
    )


@functools.lru_cache(maxsize=256)
def _axis_ticks(
    start: dt.date, end: dt.date, lang: Lang
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Tick positions and labels in `lang`: plotly's own month names are English only."""
    span_days = (end - start).days
    if span_days <= 62:
        step = max(1, -(-span_days // 7))
        days = [start + dt.timedelta(days=i) for i in range(0, span_days + 1, step)]
        pattern = "d MMM y"
    else:
        months: list[dt.date] = []
        month = dt.date(start.year, start.month, 1)
        if month < start:
            month = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
        while month <= end:
            months.append(month)
            month = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
        step = max(1, -(-len(months) // 8))
        days = months[::step]
        pattern = "MMM y"
    labels = tuple(
        escape_for_plotly(babel_format_date(day, pattern, locale=BABEL_LOCALE[lang]))
        for day in days
    )
    return tuple(day.isoformat() for day in days), labels


def _axis_span(events: Sequence[Event], lang: Lang) -> tuple[dt.date, dt.date]:
    """The days the time axis shows: every bar, and room after each for its date words.

    Plotly cannot measure text before drawing it, so this estimates: ~5.2 px a character on a
    plot area of at least `_PLOT_WIDTH_PX`. A bar wide enough holds its words inside.
    """
    start = min(e.date.earliest for e in events)
    end = max(_bar_end(e.date) for e in events)
    span_days = (end - start).days
    before = max(2, round(span_days * 0.04))
    after = max(4, round(span_days * 0.08))
    # Per event: (words_px, bar days or None for an exact day, days from its end to `end`).
    bars = [
        (
            _drawing(e, lang).words_px,
            None if e.date.is_exact_day else (_bar_end(e.date) - e.date.earliest).days,
            (end - _bar_end(e.date)).days,
        )
        for e in events
    ]
    while after < span_days * 3:
        px_per_day = _PLOT_WIDTH_PX / (span_days + before + after)
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
    drawings: Sequence[_EventDrawing], event_type: EventType, exact: bool, lang: Lang
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
    drawings: Sequence[_EventDrawing], event_type: EventType, lang: Lang
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


def _figure(spec: dict[str, Any]) -> go.Figure:
    """A Figure from a complete spec in one step, without plotly's per-property validation.

    Plotly checks every property as it is set, which costs more than everything else on the
    page (~10 ms a run); this spec is fixed by the code above, and the tests build each kind of
    figure through plotly's validating constructor, so a wrong property still fails there.
    """
    return go.Figure(spec, _validate=False)


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
        return _figure(
            {
                "data": [],
                "layout": {"height": 200, "xaxis": {"visible": False}, "yaxis": {"visible": False}},
            }
        )

    drawings = [_drawing(e, lang) for e in ordered]
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
    tickvals, ticktext = _axis_ticks(lo, hi, lang)
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
    return _figure({"data": traces, "layout": layout})


def _type_badge(event_type: EventType, lang: Lang) -> str:
    # The type's colour on the border and the swatch; the words in dark ink, since most of the
    # palette is too light for text on white (WCAG AA).
    colour = EVENT_TYPE_COLOURS[event_type]
    return (
        f'<span class="gw-badge" style="color:{BADGE_INK};border-color:{colour};background:#fff">'
        f'<span class="gw-badge-glyph" aria-hidden="true" style="color:{colour}">■</span>'
        f"{escape_html(t(event_type, lang))}</span>"
    )


def _list_joiner(lang: Lang) -> str:
    return "، " if lang == "ar" else ", "


def _sources_html(briefing: Briefing, item_id: str, spans: Sequence[SourceSpan], lang: Lang) -> str:
    """The cited Arabic sentences, right to left, each paragraph's once followed by the English
    translation of that paragraph and a link to it on the Source page (numbered as there)."""
    by_paragraph: dict[int, list[str]] = {}
    for span in spans:
        by_paragraph.setdefault(span.paragraph, []).append(span.text_ar)
    blocks = []
    for paragraph, texts in by_paragraph.items():
        translation = briefing.article.paragraphs[paragraph].en
        label = t("det_paragraph", lang, number=format_number(paragraph, lang))
        href = source_href(item_id, lang, paragraph)
        quotes = "".join(
            '<blockquote class="gw-quote" dir="rtl" lang="ar" '
            f'style="text-align:right;margin-bottom:0.3em">{escape_html(text)}</blockquote>'
            for text in texts
        )
        blocks.append(
            f'<figure style="margin:0.4em 0 0.8em 0">{quotes}'
            '<figcaption style="font-size:0.9em;color:#4a5561;margin-top:0.3em">'
            f'<a href="{escape_html(href)}" target="_self">{escape_html(label)}</a> · '
            f"{escape_html(t('det_translation', lang))}: "
            f'<span dir="ltr" lang="en" style="unicode-bidi:isolate">'
            f"{escape_html(translation)}</span></figcaption></figure>"
        )
    return "".join(blocks)


def build_event_details_html(event: Event, briefing: Briefing, lang: Lang) -> str:
    """An event's details as one escaped HTML block for `st.html`.

    Title, the date in the article's words with its interval, precision and (if inferred) the
    reasoning; type and status; places with their precision; actors; the statements the
    article ties to the event; and the cited Arabic sentences with their English paragraph.
    """
    date = event.date
    dir_ = direction(lang)
    parts = [f'<div dir="{dir_}" lang="{lang}" class="gw-event-details">']
    parts.append(f'<h3 style="margin-top:0">{escape_html(event.title.in_lang(lang))}</h3>')
    parts.append(f"<p>{_type_badge(event.event_type, lang)}</p>")
    parts.append(f"<p>{escape_html(event.summary.in_lang(lang))}</p>")
    parts.append(attribution_html(event, briefing, lang))

    parts.append(
        f"<p><b>{escape_html(t('det_date', lang))}:</b> "
        f"«{escape_html(date.text.in_lang(lang))}» — "
        f"{escape_html(format_fuzzy_date(date, lang))} "
        f"({escape_html(t(date.precision, lang))})</p>"
    )
    if date.inferred and date.inference is not None:
        parts.append(
            f"<p><b>{escape_html(INFERRED_MARK)} {escape_html(t('det_inference', lang))}:</b> "
            f"{escape_html(date.inference.in_lang(lang))}</p>"
        )

    if event.place_ids:
        names = {
            pid: marked_name(briefing.place(pid).name.in_lang(lang), event, "place_ids", pid, lang)
            for pid in event.place_ids
        }
        places = _list_joiner(lang).join(
            f"{escape_html(names[place.id])} "
            f"({escape_html(t(f'det_geo_{place.geo_precision}', lang))})"
            for place in (briefing.place(pid) for pid in event.place_ids)
        )
        parts.append(f"<p><b>{escape_html(t('det_places', lang))}:</b> {places}</p>")
    else:
        parts.append(
            f"<p><b>{escape_html(t('det_places', lang))}:</b> "
            f"{escape_html(t('det_no_place', lang))}</p>"
        )
    if event.place_note is not None:
        parts.append(f"<p><i>{escape_html(event.place_note.in_lang(lang))}</i></p>")

    if event.actor_ids:
        actors = _list_joiner(lang).join(
            escape_html(
                marked_name(briefing.actor(aid).name.in_lang(lang), event, "actor_ids", aid, lang)
            )
            for aid in event.actor_ids
        )
        parts.append(f"<p><b>{escape_html(t('det_actors', lang))}:</b> {actors}</p>")

    statements = [s for s in briefing.statements if s.event_id == event.id]
    parts.append(f"<h4>{escape_html(t('det_statements', lang))}</h4>")
    if statements:
        parts.append("<ul>")
        for statement in statements:
            speaker = briefing.actor(statement.speaker_id).name.in_lang(lang)
            sources = _sources_html(briefing, statement.id, statement.spans, lang)
            parts.append(
                f"<li style='margin-bottom:0.5em'><b>{escape_html(speaker)}</b> "
                f"({escape_html(t(f'det_{statement.form}', lang))}) "
                f"{escape_html(statement.text.in_lang(lang))}"
                f"{attribution_html(statement, briefing, lang)}"
                f"<details><summary>{escape_html(t('det_statement_source', lang))}</summary>"
                f"{sources}</details></li>"
            )
        parts.append("</ul>")
    else:
        parts.append(f"<p>{escape_html(t('det_no_statements', lang))}</p>")

    parts.append(f"<h4>{escape_html(t('det_sources', lang))}</h4>")
    parts.append(_sources_html(briefing, event.id, event.spans, lang))
    parts.append("</div>")
    return "".join(parts)


def build_event_rows(events: Sequence[Event], lang: Lang) -> list[dict[str, str]]:
    """The compact table under the chart: one row per event, in `lang`."""
    return [
        {
            t("tl_col_interval", lang): format_fuzzy_date(e.date, lang),
            t("tl_col_event", lang): e.title.in_lang(lang),
            t("tl_col_date", lang): date_words(e.date, lang),
            t("tl_col_status", lang): t(e.status, lang),
        }
        for e in events
    ]


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
    st.caption(t("tl_chart_caption", lang))


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


# Pixel widths of the table's columns (date, event, the article's words, status), so that
# all four fit at 1280 px.
_COLUMN_WIDTHS = (220, 280, 170, 110)


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
    event: Event, briefing: Briefing, lang: Lang, filtered_out: bool = False
) -> None:
    """The selected event with its sources, a way to its place on the map, and a close button.

    A link may select an event the filters hide; it is shown all the same, with a note.
    """
    with st.container(border=True, key="timeline_event_details"):
        st.caption(t("det_heading", lang))
        if filtered_out:
            st.warning(t("det_filtered_out", lang), icon=":material/filter_alt:")
        st.html(build_event_details_html(event, briefing, lang))
        left, right = st.columns(2)
        with left:
            if event.place_ids:
                if st.button(
                    t("det_show_on_map", lang),
                    key="timeline_show_on_map",
                    icon=":material/map:",
                    type="primary",
                ):
                    state.update_view(place_id=event.place_ids[0], event_id=event.id)
                    navigation.switch_to("map")
            else:
                st.caption(t("det_no_place", lang))
        with right:
            st.button(
                t("det_close", lang),
                key="timeline_close_details",
                icon=":material/close:",
                on_click=_close_details,
            )
