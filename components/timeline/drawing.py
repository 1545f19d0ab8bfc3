"""What the chart draws for each event, worked out once per event and language: colours,
marks, the article's words, labels, hover text and the date axis's ticks."""

from __future__ import annotations

import datetime as dt
import textwrap
from dataclasses import dataclass

from babel.dates import format_date as babel_format_date

from components import state
from components.html import escape_for_plotly
from gapwatch.attribution import said_by_text
from gapwatch.i18n import BABEL_LOCALE, Lang, direction, format_fuzzy_date, t
from gapwatch.model import Event, EventType, FuzzyDate

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
DAY_MS = 86_400_000
LABEL_WIDTH = 34  # characters per line of a y-axis label
PLOT_WIDTH_PX = 580  # the narrowest plot area expected at 1280 px (labels and margins aside)


def date_words(date: FuzzyDate, lang: Lang) -> str:
    """The article's own words for a date, marked "≈" when part of it is our inference."""
    words = date.text.in_lang(lang)
    return f"{INFERRED_MARK} {words}" if date.inferred else words


def chart_text(text: str, lang: Lang) -> str:
    """Text escaped for plotly; in Arabic led by a right-to-left mark, because plotly's SVG
    text runs left to right and would put a leading "≈" or "«" at the wrong end."""
    return ("\u200f" if direction(lang) == "rtl" else "") + escape_for_plotly(text)


def wrapped_label(title: str, lang: Lang, bold: bool = False) -> str:
    lines = textwrap.wrap(title, LABEL_WIDTH) or [title]
    texts = (chart_text(line, lang) for line in lines)
    return "<br>".join(f"<b>{text}</b>" if bold else text for text in texts)


def _hover_text(event: Event, lang: Lang) -> str:
    """The hover box: title, the article's words, the interval, precision, type, status and
    who says it."""
    rows = [
        f"<b>{chart_text(event.title.in_lang(lang), lang)}</b>",
        chart_text(f"{t('tl_hover_words', lang)}: «{event.date.text.in_lang(lang)}»", lang),
        chart_text(f"{t('tl_hover_interval', lang)}: {format_fuzzy_date(event.date, lang)}", lang),
        chart_text(f"{t('tl_hover_precision', lang)}: {t(event.date.precision, lang)}", lang),
        chart_text(f"{t(event.event_type, lang)} · {t(event.status, lang)}", lang),
        chart_text(said_by_text(event, lang), lang),
        f"<i>{chart_text(t('tl_hover_click', lang), lang)}</i>",
    ]
    return "<br>".join(rows)


def bar_end(date: FuzzyDate) -> dt.date:
    # A date covers whole days: the bar runs to the end of its latest day.
    return date.latest + dt.timedelta(days=1)


@dataclass(frozen=True)
class EventDrawing:
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


@state.cached(max_entries=512)
def event_drawing(event: Event, lang: Lang) -> EventDrawing:
    # Keyed by the event itself (frozen, hashable, compared by value): an edited event is a
    # new key, never a stale hit. The texts go through Babel and escaping once per language.
    date = event.date
    end = bar_end(date)
    words = date_words(date, lang)
    return EventDrawing(
        id=event.id,
        hover=_hover_text(event, lang),
        words=chart_text(words, lang),
        label=wrapped_label(event.title.in_lang(lang), lang),
        bold_label=wrapped_label(event.title.in_lang(lang), lang, bold=True),
        start=date.earliest.isoformat(),
        end=end.isoformat(),
        noon=dt.datetime.combine(date.earliest, dt.time(12)).isoformat(),
        length_ms=(end - date.earliest).days * DAY_MS,
        words_px=5.2 * len(words) + (12 if date.is_exact_day else 8),
    )


@state.cached(max_entries=256)
def axis_ticks(start: dt.date, end: dt.date, lang: Lang) -> tuple[tuple[str, ...], tuple[str, ...]]:
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
