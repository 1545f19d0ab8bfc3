"""The incidents page's charts and tables: is violence concentrated in the gap band?

Pure builders (`build_*`, no Streamlit call) return a plotly figure or a pandas DataFrame from
plain inputs (distances, the core's monthly and sector rows, the analysis), so they are tested
on what they draw. Colours are Okabe–Ito, and every series also differs by line style or
pattern, so the charts read for colour-blind readers and in greyscale.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from components import compat
from components.html import escape_for_plotly
from gapwatch.briefing import Briefing
from gapwatch.i18n import Lang, direction, format_day, t

#: Okabe–Ito: distinguishable with the common colour-vision deficiencies.
COLOURS = {
    "exact": "#0072B2",
    "approximate": "#56B4E9",
    "inside": "#D55E00",
    "outside": "#0072B2",
    "unplaced": "#7f7f7f",
    "band": "#7d3c98",  # the gap band's colour on the map
    "meeting": "#009E73",
    "split": "#1c2530",
}
#: The distance histogram: 1 km bins out to this distance; farther events are counted apart.
HISTOGRAM_MAX_KM = 60
HISTOGRAM_BIN_KM = 1.0
MEETING_TYPES = ("meeting_series", "meeting", "meeting_round")


@dataclass(frozen=True)
class Meeting:
    """A meeting the article reports, drawn as a reference on the monthly chart."""

    id: str
    title: str
    start: dt.date
    end: dt.date

    @property
    def is_day(self) -> bool:
        return self.start == self.end


def meetings(briefing: Briefing, lang: Lang) -> tuple[Meeting, ...]:
    """The article's meetings (series, single meetings, rounds) with their date intervals."""
    return tuple(
        Meeting(e.id, e.title.in_lang(lang), e.date.earliest, e.date.latest)
        for e in sorted(briefing.events, key=lambda e: e.date.earliest)
        if e.event_type in MEETING_TYPES
    )


def _figure(data: list[dict[str, Any]], layout: dict[str, Any]) -> go.Figure:
    return compat.plotly_figure({"data": data, "layout": layout})


def _base_layout(lang: Lang, height: int) -> dict[str, Any]:
    rtl = direction(lang) == "rtl"
    return {
        "height": height,
        "margin": {"l": 10, "r": 10, "t": 90, "b": 10},
        "plot_bgcolor": "#ffffff",
        "paper_bgcolor": "#ffffff",
        "font": {"size": 13},
        "hoverlabel": {"align": "right" if rtl else "left", "bgcolor": "#ffffff"},
        "legend": {
            "orientation": "h",
            "yanchor": "bottom",
            "y": 1.01,
            "xanchor": "right" if rtl else "left",
            "x": 1 if rtl else 0,
        },
    }


def histogram_counts(
    distance_km: np.ndarray, max_km: float = HISTOGRAM_MAX_KM, bin_km: float = HISTOGRAM_BIN_KM
) -> tuple[np.ndarray, np.ndarray, int]:
    """(bin edges, counts per bin, events beyond `max_km`) of the finite distances."""
    values = np.asarray(distance_km, dtype="float64")
    values = values[np.isfinite(values)]
    edges = np.arange(0.0, max_km + bin_km / 2, bin_km)
    counts, _ = np.histogram(values[values <= max_km], bins=edges)
    return edges, counts, int((values > max_km).sum())


def build_distance_histogram(
    distance_km: np.ndarray, precision: np.ndarray, width_km: float, lang: Lang
) -> go.Figure:
    """Placed events by distance to the assumed line (1 km bins), exact and approximate
    stacked, with the band (within `width_km`/2 of the line) shaded as on the map.

    Each bin is a strip along the whole line on both sides, so the bins compare like for like:
    a band that is violent shows as taller bars on its left. Events beyond the last bin are
    counted in the title, never dropped silently.
    """
    rtl = direction(lang) == "rtl"
    half = width_km / 2
    data: list[dict[str, Any]] = []
    beyond_total = 0
    for kind, pattern in (("exact", ""), ("approximate", "/")):
        mask = np.asarray(precision) == kind
        edges, counts, beyond = histogram_counts(np.asarray(distance_km)[mask])
        beyond_total += beyond
        centres = (edges[:-1] + edges[1:]) / 2
        data.append(
            {
                "type": "bar",
                "name": t(f"inc_precision_{kind}", lang),
                "x": centres.tolist(),
                "y": counts.tolist(),
                "width": HISTOGRAM_BIN_KM,
                "marker": {
                    "color": COLOURS[kind],
                    "line": {"color": "#ffffff", "width": 0.5},
                    "pattern": {"shape": pattern, "fgcolor": COLOURS["exact"], "solidity": 0.3},
                },
                "meta": {"precision": kind},
                "hovertemplate": escape_for_plotly(t("inc_hist_hover", lang))
                + "<extra>%{fullData.name}</extra>",
                "customdata": np.column_stack([edges[:-1], edges[1:]]).tolist(),
            }
        )
    layout = _base_layout(lang, 360)
    layout |= {
        "barmode": "stack",
        "bargap": 0,
        "title": {
            "text": escape_for_plotly(
                t("inc_hist_title", lang, max=HISTOGRAM_MAX_KM, beyond=beyond_total)
            ),
            "font": {"size": 14},
            "y": 0.97,
            "yanchor": "top",
        },
        "xaxis": {
            "title": {"text": escape_for_plotly(t("inc_hist_x", lang))},
            "range": [HISTOGRAM_MAX_KM, 0] if rtl else [0, HISTOGRAM_MAX_KM],
            "gridcolor": "#e3e7eb",
        },
        "yaxis": {
            "title": {"text": escape_for_plotly(t("inc_events", lang))},
            "gridcolor": "#e3e7eb",
            "side": "right" if rtl else "left",
        },
        "shapes": [
            {
                "type": "rect",
                "xref": "x",
                "yref": "paper",
                "x0": 0,
                "x1": half,
                "y0": 0,
                "y1": 1,
                "fillcolor": COLOURS["band"],
                "opacity": 0.15,
                "line": {"width": 0},
                "layer": "below",
                "name": "band",
            },
            {
                "type": "line",
                "xref": "x",
                "yref": "paper",
                "x0": half,
                "x1": half,
                "y0": 0,
                "y1": 1,
                "line": {"color": COLOURS["band"], "width": 2, "dash": "dash"},
                "name": "band-edge",
            },
        ],
        "annotations": [
            {
                "x": half,
                "xref": "x",
                "y": 1,
                "yref": "paper",
                "text": escape_for_plotly(t("inc_hist_band", lang, half=f"{half:g}")),
                "showarrow": False,
                "xanchor": "right" if rtl else "left",
                "yanchor": "top",
                "font": {"color": COLOURS["band"]},
                "bgcolor": "rgba(255,255,255,0.8)",
            }
        ],
    }
    return _figure(data, layout)


def _month_start(month: str) -> dt.date:
    year, mon = month.split("-")
    return dt.date(int(year), int(mon), 1)


def build_monthly_figure(
    by_month: Sequence[Mapping[str, Any]],
    meetings_: Sequence[Meeting],
    split_date: dt.date,
    lang: Lang,
) -> go.Figure:
    """Events per month inside and outside the band (two panels, each on its own scale: the
    band is a small share of Iraq), unplaced events beside the outside ones, the article's
    meetings as reference lines (a day as a line, a fuzzy interval as a shaded span) and the
    split date as a solid line.

    `by_month`: the core's rows `{"month": "YYYY-MM", "inside", "outside", "unplaced"}`.
    """
    rtl = direction(lang) == "rtl"
    months = [_month_start(str(row["month"])) for row in by_month]
    x = [m.isoformat() for m in months]
    series = (
        ("inside", 1, "solid", "circle"),
        ("outside", 2, "dash", "square"),
        ("unplaced", 2, "dot", "x"),
    )
    data = [
        {
            "type": "scatter",
            "mode": "lines+markers",
            "name": t(f"inc_{key}", lang),
            "x": x,
            "y": [int(row[key]) for row in by_month],
            "xaxis": "x",
            "yaxis": "y" if row_n == 1 else "y2",
            "line": {"color": COLOURS[key], "dash": dash, "width": 2},
            "marker": {"symbol": symbol, "size": 5},
            "meta": {"series": key},
            "hovertemplate": "%{x|%Y-%m}: %{y}<extra>%{fullData.name}</extra>",
        }
        for key, row_n, dash, symbol in series
    ]
    starts = [*months, *(m.start for m in meetings_), split_date]
    ends = [*months, *(m.end for m in meetings_), split_date]
    lo = min(starts) - dt.timedelta(days=20)
    hi = max(ends) + dt.timedelta(days=20)
    shapes: list[dict[str, Any]] = []
    annotations: list[dict[str, Any]] = []
    for meeting in meetings_:
        common = {"xref": "x", "yref": "paper", "y0": 0, "y1": 1, "name": meeting.id}
        if meeting.is_day:
            shapes.append(
                common
                | {
                    "type": "line",
                    "x0": meeting.start.isoformat(),
                    "x1": meeting.start.isoformat(),
                    "line": {"color": COLOURS["meeting"], "width": 1.5, "dash": "dot"},
                }
            )
        else:
            shapes.append(
                common
                | {
                    "type": "rect",
                    "x0": meeting.start.isoformat(),
                    "x1": meeting.end.isoformat(),
                    "fillcolor": COLOURS["meeting"],
                    "opacity": 0.12,
                    "line": {"width": 0},
                    "layer": "below",
                }
            )
        annotations.append(
            {
                "x": meeting.start.isoformat(),
                "xref": "x",
                "y": 1,
                "yref": "paper",
                "text": escape_for_plotly(meeting.title[:40]),
                "hovertext": escape_for_plotly(
                    f"{meeting.title} · {format_day(meeting.start, lang)}"
                ),
                "textangle": -90,
                "showarrow": False,
                "xanchor": "right",
                "yanchor": "top",
                "font": {"size": 10, "color": COLOURS["meeting"]},
            }
        )
    shapes.append(
        {
            "type": "line",
            "xref": "x",
            "yref": "paper",
            "x0": split_date.isoformat(),
            "x1": split_date.isoformat(),
            "y0": 0,
            "y1": 1,
            "line": {"color": COLOURS["split"], "width": 2},
            "name": "split",
        }
    )
    annotations.append(
        {
            "x": split_date.isoformat(),
            "xref": "x",
            "y": 0,
            "yref": "paper",
            "text": escape_for_plotly(
                t("inc_split_label", lang, date=format_day(split_date, lang))
            ),
            "showarrow": False,
            "xanchor": "left",
            "yanchor": "bottom",
            "font": {"size": 11, "color": COLOURS["split"]},
            "bgcolor": "rgba(255,255,255,0.85)",
        }
    )
    layout = _base_layout(lang, 460)
    x_range = [hi.isoformat(), lo.isoformat()] if rtl else [lo.isoformat(), hi.isoformat()]
    side = "right" if rtl else "left"
    layout |= {
        "title": {
            "text": escape_for_plotly(t("inc_monthly_title", lang)),
            "font": {"size": 14},
            "y": 0.97,
            "yanchor": "top",
        },
        "xaxis": {
            "type": "date",
            "range": x_range,
            "anchor": "y2",
            "gridcolor": "#e3e7eb",
        },
        "yaxis": _count_axis([0.55, 1], t("inc_inside_axis", lang), side),
        "yaxis2": _count_axis([0, 0.45], t("inc_outside_axis", lang), side),
        "shapes": shapes,
        "annotations": annotations,
        "hovermode": "x unified",
    }
    return _figure(data, layout)


# --- tables ------------------------------------------------------------------------------


def _frame(rows: Iterable[Sequence[object]], keys: Sequence[str], lang: Lang) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=[t(key, lang) for key in keys])


def _count_axis(domain: list[float], title: str, side: str) -> dict[str, Any]:
    """One of the monthly figure's two count axes (inside the band above, outside below)."""
    return {
        "domain": domain,
        "title": {"text": escape_for_plotly(title)},
        "rangemode": "tozero",
        "gridcolor": "#e3e7eb",
        "side": side,
    }
