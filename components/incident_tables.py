"""The incidents page's tables: the analysis (before / after / all), the sectors, events,
datasets, and the report of an import.

`build_*` are pure (a DataFrame, headed in the reader's language, unit-tested); values that
come from data stay plain text in a DataFrame, which Streamlit never reads as Markdown.
`render_import_report` is the only code here that calls Streamlit.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from components import html
from components.html import escape_markdown, markup, md
from gapwatch.i18n import Lang, format_number, t
from gapwatch.incidents.analysis import Analysis, Figures
from gapwatch.incidents.store import DatasetInfo, ImportReport


def _frame(rows: Iterable[Sequence[object]], keys: Sequence[str], lang: Lang) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=[t(key, lang) for key in keys])


def analysis_rows(a: Figures) -> list[tuple[str, str | float]]:
    """(row key, value) for one set of figures: what the analysis table shows, in order.
    Rates are floats; counts ints; the death range "low–high" a pair joined later."""
    inside, outside = a.fatalities["inside"], a.fatalities["outside"]
    return [
        ("inc_row_events", a.events),
        ("inc_row_inside_exact", a.inside.exact),
        ("inc_row_inside_approx", a.inside.approximate),
        ("inc_row_outside_exact", a.outside.exact),
        ("inc_row_outside_approx", a.outside.approximate),
        ("inc_row_unplaced", a.unplaced),
        ("inc_row_deaths_inside", inside.best),
        ("inc_row_deaths_inside_range", f"{inside.low}–{inside.high}"),
        ("inc_row_deaths_outside", outside.best),
        ("inc_row_deaths_outside_range", f"{outside.low}–{outside.high}"),
        ("inc_row_rate_band", a.rate.band_per_1000_km2),
        ("inc_row_rate_comparison", a.rate.comparison_per_1000_km2),
        ("inc_row_area_band", a.rate.band_area_km2),
        ("inc_row_area_comparison", a.rate.comparison_area_km2),
    ]


def _cell(key: str, value: str | float, lang: Lang) -> str:
    if isinstance(value, str):
        low, high = value.split("–")
        return f"{format_number(int(low), lang)}–{format_number(int(high), lang)}"
    if key.startswith("inc_row_rate"):
        return format_number(value, lang, digits=2) if math.isfinite(value) else "—"
    return format_number(value, lang)


def build_analysis_table(analysis: Analysis, lang: Lang) -> pd.DataFrame:
    """One row per figure, one column per period: before the split date, after it, and all.
    Rates are placed events per 1,000 km²; deaths UCDP's best estimate, then low–high."""
    columns = [analysis_rows(f) for f in (analysis.before, analysis.after, analysis)]
    rows = [
        [t(key, lang), *(_cell(key, dict(c)[key], lang) for c in columns)] for key, _ in columns[2]
    ]
    return _frame(rows, ("inc_col_figure", "inc_col_before", "inc_col_after", "inc_col_all"), lang)


def build_sector_table(analysis: Figures, lang: Lang) -> pd.DataFrame:
    """One row per named sector (north-west to south-east): the placed events whose nearest
    stretch of the line lies in it, inside and outside the band, and their deaths."""
    rows = [
        [
            s.name.in_lang(lang),
            format_number(s.inside.exact, lang),
            format_number(s.inside.approximate, lang),
            format_number(s.outside.exact, lang),
            format_number(s.outside.approximate, lang),
            format_number(s.fatalities_best, lang),
        ]
        for s in analysis.by_sector
    ]
    return _frame(
        rows,
        (
            "inc_col_sector",
            "inc_row_inside_exact",
            "inc_row_inside_approx",
            "inc_row_outside_exact",
            "inc_row_outside_approx",
            "inc_col_deaths",
        ),
        lang,
    )


def build_events_table(events: pd.DataFrame, width_km: float | None, lang: Lang) -> pd.DataFrame:
    """Events as the reader reads them: date, sides, type, deaths, precision, distance, band
    (inside / outside at `width_km`; unplaced events are neither), place, source text. Plain
    text throughout."""
    rows = []
    records: Iterable[Any] = events.itertuples(index=False)  # typed loosely by pandas-stubs
    for row in records:
        placed = row.precision != "unplaced" and math.isfinite(row.distance_km)
        if not placed:
            band = t("inc_unplaced", lang)
        elif width_km is None:
            band = ""
        else:
            band = t("inc_inside" if row.distance_km <= width_km / 2 else "inc_outside", lang)
        rows.append(
            [
                str(row.date_start)[:10],
                row.dyad or "",
                row.violence or "",
                int(row.fatalities_best),
                t(f"inc_precision_{row.precision}", lang),
                round(float(row.distance_km), 1) if placed else None,
                band,
                ", ".join(str(p) for p in (row.location, row.admin2, row.admin1) if p),
                row.source_text or "",
                row.event_id,
            ]
        )
    return _frame(
        rows,
        (
            "inc_col_date",
            "inc_col_dyad",
            "inc_col_violence",
            "inc_col_deaths",
            "inc_col_precision",
            "inc_col_distance",
            "inc_col_band",
            "inc_col_place",
            "inc_col_source",
            "inc_col_id",
        ),
        lang,
    )


def build_datasets_table(datasets: Sequence[DatasetInfo], lang: Lang) -> pd.DataFrame:
    """Every dataset in the store: name, source file, format, counts, when, attribution."""
    rows = [
        [
            d.name,
            t("inc_bundled", lang) if d.bundled else t("inc_imported", lang),
            d.source_file,
            d.format,
            d.read,
            d.imported,
            d.merged,
            d.rejected,
            str(d.imported_at)[:19],
            d.sha256[:12],
            d.attribution,
        ]
        for d in datasets
    ]
    return _frame(
        rows,
        (
            "inc_col_name",
            "inc_col_kind",
            "inc_col_file",
            "inc_col_format",
            "inc_col_read",
            "inc_col_imported",
            "inc_col_merged",
            "inc_col_rejected",
            "inc_col_when",
            "inc_col_sha",
            "inc_col_attribution",
        ),
        lang,
    )


def build_rejected_table(rejected: Sequence[Any], lang: Lang) -> pd.DataFrame:
    """Each rejected row: its row number, the column, the value and the reason."""
    return _frame(
        ([r.row, r.column, r.value, r.reason] for r in rejected),
        ("inc_col_row", "inc_col_column", "inc_col_value", "inc_col_reason"),
        lang,
    )


def report_counts(report: ImportReport) -> Mapping[str, int]:
    """read / imported / merged / rejected of an import."""
    result = report.result
    return {
        "read": result.read,
        "imported": result.imported,
        "merged": result.merged,
        "rejected": len(result.rejected),
    }


def render_import_report(entry: tuple[str, Any, str], lang: Lang) -> None:
    """What the last import did: the counts, the rejected rows and their CSV; or the error."""
    kind, payload, file_name = entry
    if kind == "error":
        html.alert(f"{t('inc_import_failed', lang)} {file_name}: {payload}", "error")
        return
    html.show_html(
        markup(
            '<p class="gw-import-ok"><b>{}</b> <bdi>{}</bdi> → <bdi>{}</bdi></p>',
            t("inc_import_done", lang),
            file_name,
            payload.dataset.name,
        )
    )
    counts = report_counts(payload)
    for column, (key, value) in zip(st.columns(4), counts.items(), strict=True):
        with column:
            html.metric(md(f"inc_count_{key}", lang), escape_markdown(format_number(value, lang)))
    if payload.result.rejected:
        st.dataframe(
            build_rejected_table(payload.result.rejected, lang), hide_index=True, width="stretch"
        )
        st.download_button(
            md("inc_dl_rejected", lang),
            data=payload.result.rejected_csv(),
            file_name="gapwatch-rejected-rows.csv",
            mime="text/csv",
            on_click="ignore",
            icon=":material/download:",
            key="download_inc_rejected",
        )
