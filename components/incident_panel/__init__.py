"""The incidents page's Streamlit side, one module per part of the page: `data` (the store,
the view resolved against it, the cached figures), `filters` (the sidebar and the width),
`results` (numbers, map, charts, tables, downloads) and `datasets` (the import panel and the
dataset and line lists). The figures come from the pure core (`gapwatch.incidents`) and the
pure builders (`components.incident_charts`, `incident_map`, `incident_tables`).

Untrusted text — dataset and file names, attributions, actors, source text — never reaches a
Markdown sink: alerts, captions, metrics and widget labels go through `components.html` and
take only `Md`; such text is shown through escaped HTML, in data frames or as option labels.
"""

from components.incident_panel.data import (
    TABLE_ROWS_MAX,
    Result,
    Selection,
    Subsets,
    compute,
    current_selection,
    store,
)
from components.incident_panel.datasets import render_import_panel
from components.incident_panel.filters import render_filters, render_width
from components.incident_panel.results import (
    render_charts,
    render_downloads,
    render_map,
    render_summary,
    render_tables,
)

__all__ = [
    "TABLE_ROWS_MAX",
    "Result",
    "Selection",
    "Subsets",
    "compute",
    "current_selection",
    "render_charts",
    "render_downloads",
    "render_filters",
    "render_import_panel",
    "render_map",
    "render_summary",
    "render_tables",
    "render_width",
    "store",
]
