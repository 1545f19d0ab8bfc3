"""The incidents map's tooltips (escaped HTML: every value is data) and the hidden token a
cell's tooltip carries so that a click can be traced back to the cell."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from components.html import escape_for_map
from gapwatch.i18n import Lang, direction, format_number, t
from gapwatch.incidents.aggregate import Cell

#: Source text shown in a map tooltip (the full text is in the list under the map).
TOOLTIP_SOURCE_CHARS = 280

_CELL_TOKEN = "[[cell:{}]]"
_CELL_TOKEN_RE = re.compile(r"\[\[cell:([A-Za-z0-9_.:-]{1,64})\]\]")


def cell_token(cell_id: str) -> str:
    """The hidden marker a cell's tooltip carries so that a click can be traced to it."""
    return _CELL_TOKEN.format(cell_id)


def cell_id_from_tooltip(text: object) -> str | None:
    """The cell a clicked tooltip belongs to; None for anything else on the map."""
    if not isinstance(text, str):
        return None
    match = _CELL_TOKEN_RE.search(text)
    return match.group(1) if match else None


def _tip(lang: Lang, lines: Sequence[str], token: str = "") -> str:
    hidden = f'<span hidden style="display:none">{token}</span>' if token else ""
    body = "<br>".join(lines)
    return f'<div class="gw-tip" dir="{direction(lang)}" lang="{lang}">{body}{hidden}</div>'


def cell_tooltip(cell: Cell, lang: Lang) -> str:
    lines = [
        "<b>"
        + escape_for_map(t("inc_map_cell_events", lang, count=format_number(cell.count, lang)))
        + "</b>",
        escape_for_map(
            t(
                "inc_map_cell_precision",
                lang,
                exact=format_number(cell.exact, lang),
                approximate=format_number(cell.approximate, lang),
            )
        ),
        escape_for_map(
            t("inc_map_cell_deaths", lang, deaths=format_number(cell.fatalities_best, lang))
        ),
        f'<span class="gw-muted">{escape_for_map(t("inc_map_cell_click", lang))}</span>',
    ]
    return _tip(lang, lines, cell_token(cell.id))


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def event_tooltip(row: Any, width_km: float, lang: Lang) -> str:
    """A single event's tooltip: date, sides, type, deaths, precision, distance to the line,
    where, and (shortened) the source text. Every value is data, so every value is escaped."""
    e = escape_for_map
    distance = row.distance_km
    band = t("inc_inside" if distance <= width_km / 2 else "inc_outside", lang)
    lines = [
        f"<b>{e(str(row.date_start)[:10])}</b> · {e(row.dyad or '')}",
        e(f"{row.violence or ''}" + (f" · {row.sub_type}" if row.sub_type else "")),
        e(
            t(
                "inc_map_event_deaths",
                lang,
                best=row.fatalities_best,
                low=row.fatalities_low,
                high=row.fatalities_high,
            )
        ),
        e(
            t(
                "inc_map_event_where",
                lang,
                precision=t(f"inc_precision_{row.precision}", lang),
                distance=format_number(distance, lang, digits=1),
                band=band,
            )
        ),
        e(", ".join(str(p) for p in (row.location, row.admin2, row.admin1) if p)),
        f'<span class="gw-muted">{e(_shorten(str(row.source_text or ""), TOOLTIP_SOURCE_CHARS))}'
        "</span>",
    ]
    return _tip(lang, lines)
