"""Colours read for everyone: text meets WCAG AA contrast, and the colours that carry meaning
(the timeline's event types, the map's overlays with the gap band) stay apart for readers with
deuteranopia, protanopia or tritanopia (simulated with coloraide's CVD filters)."""

from __future__ import annotations

import re
from itertools import combinations
from pathlib import Path

import pytest
from coloraide import Color

from components.layout import STATUS_STYLES
from components.map.constants import COLORS
from components.timeline.drawing import BADGE_INK, EVENT_TYPE_COLOURS

WHITE = "#ffffff"
APP_CSS = (Path(__file__).resolve().parents[1] / "components" / "styles" / "app.css").read_text(
    encoding="utf-8"
)
#: The alert boxes' text and background colours, as the stylesheet gives them.
ALERT_COLORS = re.findall(
    r"\.gw-alert-(\w+) \{ color: (#[0-9a-f]{6}); background: (#[0-9a-f]{6});", APP_CSS
)
(CAPTION_COLOR,) = re.findall(r"stCaptionContainer\"\] p \{ color: (#[0-9a-f]{6})", APP_CSS)
AA_TEXT = 4.5
#: Smallest CIEDE2000 difference between two meaningful colours, for every kind of vision.
#: About 2 is "just noticeable"; the palettes here keep well clear of that.
MIN_DELTA_E = 7.0
VISIONS = (None, "deutan", "protan", "tritan")

TEXT_PAIRS: list[tuple[str, str, str]] = [
    *((f"alert {kind}", text, fill) for kind, text, fill in ALERT_COLORS),
    *((f"badge {status}", style.color, style.fill) for status, style in STATUS_STYLES.items()),
    ("caption", CAPTION_COLOR, WHITE),
    ("event-type badge", BADGE_INK, WHITE),
    ("map label on a governorate", COLORS["outline"], COLORS["gov_fill"]),
    ("map label on the Kurdistan Region", COLORS["outline"], COLORS["kri_fill"]),
]

MEANINGFUL: dict[str, dict[str, str]] = {
    "timeline event types": {str(name): hex_ for name, hex_ in EVENT_TYPE_COLOURS.items()},
    "map overlays and the gap band": {
        name: COLORS[name] for name in ("place", "outskirts", "hamrin", "gap", "river")
    },
}


def contrast(foreground: str, background: str) -> float:
    """The WCAG 2.1 contrast ratio of two colours."""
    return float(Color(foreground).contrast(background, method="wcag21"))


@pytest.mark.parametrize(("what", "fg", "bg"), TEXT_PAIRS, ids=[p[0] for p in TEXT_PAIRS])
def test_text_meets_wcag_aa_contrast(what: str, fg: str, bg: str) -> None:
    assert contrast(fg, bg) >= AA_TEXT, f"{what}: {fg} on {bg} is {contrast(fg, bg):.2f}:1"


def test_the_contrast_check_can_fail() -> None:
    assert contrast("#B8860B", WHITE) < AA_TEXT  # the old event-type badge text
    assert contrast("#000000", WHITE) == pytest.approx(21.0)


def _closest_pair(palette: dict[str, str], vision: str | None) -> tuple[float, str, str]:
    seen = {
        name: Color(hex_).filter(vision) if vision else Color(hex_)
        for name, hex_ in palette.items()
    }
    return min((seen[a].delta_e(seen[b], method="2000"), a, b) for a, b in combinations(seen, 2))


@pytest.mark.parametrize("vision", VISIONS, ids=[v or "typical" for v in VISIONS])
@pytest.mark.parametrize("palette", MEANINGFUL, ids=list(MEANINGFUL))
def test_meaningful_colours_stay_apart_for_colour_blind_readers(
    palette: str, vision: str | None
) -> None:
    delta, a, b = _closest_pair(MEANINGFUL[palette], vision)
    assert delta >= MIN_DELTA_E, f"{palette}: {a} and {b} differ by only {delta:.1f} ({vision})"


def test_the_colour_blind_check_can_fail() -> None:
    # Red and green, the classic pair a deuteranope cannot tell apart.
    delta, _, _ = _closest_pair({"red": "#d62728", "green": "#2ca02c"}, "deutan")
    assert delta < MIN_DELTA_E


def test_statuses_never_rely_on_colour_alone() -> None:
    # Their colours are close for protanopes; each badge also has its own shape and a label.
    glyphs = [style.glyph for style in STATUS_STYLES.values()]
    assert len(set(glyphs)) == len(glyphs)


def test_every_alert_kind_has_its_colours_in_the_stylesheet() -> None:
    assert sorted(kind for kind, _, _ in ALERT_COLORS) == ["error", "info", "warning"]
