"""The benchmark's table: which measurement goes in which row, the targets, and the verdicts.

Pure (no I/O, no timing): the runner hands it raw samples keyed by measurement and app, and it
returns Markdown. Unit-tested in tests/test_benchmarks.py.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from benchmarks.stats import Summary, summarize

#: The builds compared, in table order.
APPS: tuple[str, ...] = ("gapwatch", "naive", "blank", "floor_map", "floor_chart")
APP_LABELS: dict[str, str] = {
    "gapwatch": "Gap Watch",
    "naive": "naive build",
    "blank": "floor: blank page",
    "floor_map": "floor: one empty map",
    "floor_chart": "floor: multiselect + chart",
}

Unit = Literal["ms", "KB", "MB", "count", "rows/s"]
Status = Literal["PASS", "MISS", "N/A"]

#: Raw samples: measurement key -> app -> samples (None marks a failed sample).
Samples = Mapping[str, Mapping[str, Sequence[float | None]]]


@dataclass(frozen=True)
class Target:
    """One condition on Gap Watch's numbers for a row.

    - ``ratio``: Gap Watch's median <= ``factor`` x the median of ``reference`` (another app);
    - ``below``: Gap Watch's median < ``limit`` (in the row's unit);
    - ``above``: Gap Watch's median >= ``limit`` (a rate: more is better);
    - ``zero``: every Gap Watch sample is 0 (the largest one, not the median).
    """

    kind: Literal["ratio", "below", "above", "zero"]
    factor: float = 1.0
    reference: str = ""
    limit: float = math.inf

    def describe(self) -> str:
        """The target in a few words, for the table."""
        if self.kind == "ratio":
            return f"≤ {self.factor:g}× {APP_LABELS.get(self.reference, self.reference)}"
        if self.kind == "below":
            return f"< {self.limit:g}"
        if self.kind == "above":
            return f"≥ {self.limit:,.0f}"
        return "0"


@dataclass(frozen=True)
class Row:
    """One line of the table: where each app's samples are, the unit and the targets."""

    label: str
    unit: Unit
    keys: Mapping[str, str]
    targets: tuple[Target, ...] = ()
    scale: float = 1.0  # samples are divided by this for display and targets (bytes -> KB)

    def summary(self, samples: Samples, app: str) -> Summary:
        """The app's samples for this row, scaled to the row's unit."""
        key = self.keys.get(app)
        if key is None:
            return summarize([])
        raw = samples.get(key, {}).get(app, [])
        return summarize([None if s is None else s / self.scale for s in raw])


@dataclass(frozen=True)
class Verdict:
    """A row's verdict and the numbers behind it."""

    status: Status
    detail: str = ""
    checks: tuple[str, ...] = field(default_factory=tuple)


def _server_keys(page: str, phase: str) -> dict[str, str]:
    # The floors are single pages: their numbers stand beside both Gap Watch pages.
    return {
        "gapwatch": f"server.{page}.{phase}",
        "naive": f"server.{page}.{phase}",
        "blank": f"server.floor.{phase}",
        "floor_map": f"server.floor.{phase}",
        # A timeline page of its own: its numbers stand in the timeline rows only.
        "floor_chart": f"server.{page}.{phase}",
    }


HALF_NAIVE = Target("ratio", factor=0.5, reference="naive")
MAP_APPS = {"gapwatch": "", "naive": "", "floor_map": ""}


def _keys(key: str, apps: Mapping[str, str] | Sequence[str]) -> dict[str, str]:
    return dict.fromkeys(apps, key)


INCIDENTS = ("gapwatch", "naive")
INCIDENT_CHANGE = (HALF_NAIVE, Target("below", limit=300))
#: Section `incidents` (benchmarks/incidents_page.py): the page at 100,000 synthetic events.
INCIDENT_ROWS: tuple[Row, ...] = (
    Row(
        "Incidents page, 100,000 events, cold (ms)", "ms", _keys("incidents.server.cold", INCIDENTS)
    ),
    Row("Incidents page, warm (ms)", "ms", _keys("incidents.server.warm", INCIDENTS)),
    Row(
        "Incidents page, after a gap-width change (ms)",
        "ms",
        _keys("incidents.server.width", INCIDENTS),
        INCIDENT_CHANGE,
    ),
    Row(
        "Incidents page, after a filter change (ms)",
        "ms",
        _keys("incidents.server.filter", INCIDENTS),
        INCIDENT_CHANGE,
    ),
    Row(
        "Incidents page: navigation → interactive map, layers drawn (ms)",
        "ms",
        {"gapwatch": "incidents.browser.map_interactive", "floor_map": "browser.map_interactive"},
        (Target("ratio", factor=1.5, reference="floor_map"),),
    ),
    Row(
        "↳ same, first load on a fresh server (ms)",
        "ms",
        {
            "gapwatch": "incidents.browser.map_interactive_first",
            "floor_map": "browser.map_interactive_first",
        },
    ),
    Row(
        "Incidents page: width change → redrawn band and figures; blank: click → settled (ms)",
        "ms",
        {"gapwatch": "incidents.browser.width_change", "blank": "browser.filter_change"},
        (Target("ratio", factor=3, reference="blank"),),
    ),
    Row(
        "Incidents map payload, 100,000 events (KB)",
        "KB",
        _keys("incidents.payload", INCIDENTS),
        (Target("below", limit=1024),),
        scale=1024,
    ),
    Row(
        "Incidents page: server RSS, 1 session (MB)",
        "MB",
        _keys("incidents.memory.rss_1", INCIDENTS),
    ),
    Row(
        "Incidents page: memory per additional session (MB)",
        "MB",
        _keys("incidents.memory.per_session", INCIDENTS),
        (Target("below", limit=30),),
    ),
)

ROWS: tuple[Row, ...] = (
    Row("Server script, /timeline, cold (ms)", "ms", _server_keys("timeline", "cold")),
    Row("Server script, /timeline, warm (ms)", "ms", _server_keys("timeline", "warm")),
    Row(
        "Server script, /timeline, after a filter change (ms)",
        "ms",
        _server_keys("timeline", "change"),
        (HALF_NAIVE,),
    ),
    Row("Server script, /map, cold (ms)", "ms", _server_keys("map", "cold")),
    Row("Server script, /map, warm (ms)", "ms", _server_keys("map", "warm")),
    Row(
        "Server script, /map, after a gap-width change (ms)",
        "ms",
        _server_keys("map", "change"),
        (HALF_NAIVE,),
    ),
    Row(
        "Map payload: map HTML/JS + map assets (KB)",
        "KB",
        _keys("payload.map", MAP_APPS),
        (Target("ratio", factor=0.3, reference="naive"), Target("below", limit=600)),
        scale=1024,
    ),
    Row(
        "↳ of which the map's HTML/JS (component args, KB)",
        "KB",
        _keys("payload.map_args", MAP_APPS),
        scale=1024,
    ),
    Row(
        "↳ of which assets the map loads (Leaflet, jQuery, CSS; KB)",
        "KB",
        _keys("payload.map_assets", MAP_APPS),
        scale=1024,
    ),
    Row(
        "st_folium's own frontend, same for every map (KB)",
        "KB",
        _keys("payload.bundle", MAP_APPS),
        scale=1024,
    ),
    Row(
        "Everything received for the map page (KB)",
        "KB",
        _keys("payload.page", MAP_APPS),
        scale=1024,
    ),
    Row(
        "Navigation → interactive map, layers drawn (ms)",
        "ms",
        _keys("browser.map_interactive", MAP_APPS),
        (Target("ratio", factor=1.1, reference="floor_map"),),
    ),
    Row(
        "↳ same, first load on a fresh server (ms)",
        "ms",
        _keys("browser.map_interactive_first", MAP_APPS),
    ),
    Row(
        "Filter change → updated chart; blank: click → settled (ms)",
        "ms",
        _keys("browser.filter_change", ("gapwatch", "naive", "blank", "floor_chart")),
        (Target("ratio", factor=2, reference="blank"),),
    ),
    Row(
        "Messages to the server per zoom",
        "count",
        _keys("messages.zoom", MAP_APPS),
        (Target("zero"),),
    ),
    Row(
        "Messages to the server per pan",
        "count",
        _keys("messages.pan", MAP_APPS),
        (Target("zero"),),
    ),
    Row(
        "Incidents: import of 100,000 synthetic GED rows (rows/s)",
        "rows/s",
        _keys("import.rows_per_s", ("gapwatch", "naive")),
        (Target("above", limit=50_000),),
    ),
    *INCIDENT_ROWS,
    Row("Server RSS, 1 session (MB)", "MB", _keys("memory.rss_1", APPS)),
    Row("Server RSS, {sessions} sessions (MB)", "MB", _keys("memory.rss_n", APPS)),
    Row(
        "Memory per additional session (MB)",
        "MB",
        _keys("memory.per_session", APPS),
        (Target("below", limit=30),),
    ),
)


def format_number(value: float) -> str:
    """Three significant figures at most, no exponent: 0.042, 4.2, 42.4, 424, 4240."""
    if math.isnan(value):
        return "–"
    magnitude = abs(value)
    if magnitude == 0 or magnitude >= 100:
        return f"{value:,.0f}"
    if magnitude >= 10:
        return f"{value:.1f}"
    if magnitude >= 1:
        return f"{value:.2f}"
    return f"{value:.3f}"


def format_summary(summary: Summary) -> str:
    """``median (min–max)``; a lone sample as itself; nothing measured as ``–``."""
    if summary.empty:
        return "–"
    if summary.n == 1 or summary.min == summary.max:
        return format_number(summary.median)
    spread = f"{format_number(summary.min)}–{format_number(summary.max)}"
    return f"{format_number(summary.median)} ({spread})"


def check(row: Row, samples: Samples, app: str = "gapwatch") -> Verdict:
    """Hold ``app``'s numbers for ``row`` against each of the row's targets."""
    if not row.targets:
        return Verdict("N/A")
    mine = row.summary(samples, app)
    checks: list[str] = []
    failed = False
    for target in row.targets:
        if mine.empty:
            return Verdict("N/A", "no measurement for Gap Watch")
        if target.kind == "ratio":
            ref = row.summary(samples, target.reference)
            if ref.empty:
                return Verdict("N/A", f"no measurement for {APP_LABELS[target.reference]}")
            bound = target.factor * ref.median
            ok = mine.median <= bound
            checks.append(
                f"{format_number(mine.median)} {'≤' if ok else '>'} {target.factor:g} × "
                f"{format_number(ref.median)} = {format_number(bound)}"
            )
        elif target.kind == "below":
            ok = mine.median < target.limit
            checks.append(
                f"{format_number(mine.median)} {'<' if ok else '≥'} {format_number(target.limit)}"
            )
        elif target.kind == "above":
            ok = mine.median >= target.limit
            checks.append(
                f"{format_number(mine.median)} {'≥' if ok else '<'} {format_number(target.limit)}"
            )
        else:
            ok = mine.max == 0
            checks.append(f"max {format_number(mine.max)} {'=' if ok else '≠'} 0")
        failed = failed or not ok
    return Verdict("MISS" if failed else "PASS", "; ".join(checks), tuple(checks))


def target_text(row: Row) -> str:
    """All of a row's targets, joined."""
    return " and ".join(t.describe() for t in row.targets)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def markdown_table(samples: Samples, rows: Sequence[Row] = ROWS, *, sessions: int = 10) -> str:
    """The comparison as a Markdown table: one row per measurement, one column per build."""
    header = ["Measurement", *(APP_LABELS[a] for a in APPS), "Target (Gap Watch)", "Verdict"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in rows:
        cells = [row.label.format(sessions=sessions)]
        cells += [format_summary(row.summary(samples, app)) for app in APPS]
        verdict = check(row, samples)
        cells.append(target_text(row))
        if verdict.status == "N/A":
            cells.append("" if not row.targets else f"N/A ({verdict.detail})")
        else:
            cells.append(f"**{verdict.status}** ({verdict.detail})")
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return "\n".join(lines)


def _number(value: float) -> float | None:
    return None if math.isnan(value) else value


def reference_value(row: Row, target: Target, samples: Samples) -> float | None:
    """What Gap Watch's number is held against: the reference build's median (ratio), the
    limit (below, above) or 0 (zero); None when the reference was not measured."""
    if target.kind == "ratio":
        return _number(row.summary(samples, target.reference).median)
    return 0.0 if target.kind == "zero" else target.limit


def verdicts(samples: Samples, rows: Sequence[Row] = ROWS) -> list[dict[str, object]]:
    """Every targeted row's verdict with Gap Watch's median and each target's reference value,
    JSON-ready."""
    return [
        {
            "row": row.label,
            "target": target_text(row),
            "median": _number(row.summary(samples, "gapwatch").median),
            "references": [reference_value(row, t, samples) for t in row.targets],
            "status": (v := check(row, samples)).status,
            "detail": v.detail,
        }
        for row in rows
        if row.targets
    ]


def summaries(samples: Samples) -> dict[str, dict[str, dict[str, object]]]:
    """Every measurement's summary per app, in the samples' own units, JSON-ready."""
    return {
        key: {app: summarize(values).to_dict() for app, values in per_app.items()}
        for key, per_app in samples.items()
    }
