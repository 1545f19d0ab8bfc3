"""Escaping for every text that reaches HTML: one place, so no caller can forget a case.

The map's iframe runs scripts on the app's origin, and folium inserts tooltip and popup text
as HTML (and evaluates `${...}` in some templates), so map text needs more than html.escape.
"""

from __future__ import annotations

import html

_MAP_EXTRA = str.maketrans(
    {"`": "&#96;", "$": "&#36;", "\\": "&#92;", "{": "&#123;", "}": "&#125;"}
)


def escape_html(text: object) -> str:
    """Text safe inside HTML element content or a quoted attribute."""
    return html.escape(str(text), quote=True)


def escape_for_map(text: object) -> str:
    """Text safe inside folium tooltips, popups and GeoJSON properties shown as HTML."""
    return escape_html(text).translate(_MAP_EXTRA)


def escape_for_plotly(text: object) -> str:
    """Text safe in plotly labels and hover text, which plotly reads as a small HTML subset.

    Plotly decodes numeric entities and only a few named ones (not `&quot;`), so a quote is
    written as a numeric entity to show as a quote rather than as `&quot;`.
    """
    return escape_html(text).replace("&quot;", "&#34;")
