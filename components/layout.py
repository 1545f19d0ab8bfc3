"""Page-wide look: the app's CSS, right-to-left for Arabic, status badges and the page header.

One place for the look, so every page shows an epistemic status the same way (a colour *and*
a text label, never colour alone) and Arabic turns the whole app right-to-left.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import streamlit as st

from components.html import (
    Markup,
    escape_html,
    inline_text,
    markup,
    show_html,
    show_markdown_html,
    stylesheet,
)
from gapwatch.i18n import Lang, direction, t
from gapwatch.model import EpistemicStatus


@dataclass(frozen=True)
class StatusStyle:
    """How one epistemic status looks: a solid colour, a light fill and a shape."""

    color: str
    fill: str
    glyph: str


# The shapes make the badges tell statuses apart in greyscale and for colour-blind readers.
STATUS_STYLES: dict[str, StatusStyle] = {
    "reported_agenda": StatusStyle("#355e3b", "#e9f2ea", "◇"),
    "announced_intention": StatusStyle("#0f6b73", "#e2f3f4", "➤"),
    "reported_agreement": StatusStyle("#2b6a45", "#e5f2ea", "◆"),
    "reported_fact": StatusStyle("#1d4e89", "#e6eef7", "●"),
    "claim": StatusStyle("#9a5200", "#fcf0de", "▲"),
    "opinion": StatusStyle("#6f3b8c", "#f2eaf6", "✎"),
}

#: One solid colour per status, for charts and maps that want to match the badges.
STATUS_COLORS: dict[str, str] = {status: style.color for status, style in STATUS_STYLES.items()}


AlertKind = Literal["info", "warning", "error"]

#: Alert kind -> (text, background, edge). Text on background meets WCAG AA (tested).
ALERT_COLORS: dict[str, tuple[str, str, str]] = {
    "info": ("#163d6b", "#e6eef7", "#1d4e89"),
    "warning": ("#5a3e00", "#fff6dc", "#9a5200"),
    "error": ("#7a1c1c", "#fdecea", "#b42318"),
}
#: The caption grey (Streamlit's own is faded below AA).
CAPTION_COLOR = "#52606d"


def alert_html(text: str, kind: AlertKind = "info") -> str:
    """An alert box whose text is shown literally, never read as Markdown or HTML.

    st.info/st.warning render Markdown, so a value from a link (`[Log in](https://…)`,
    `![x](http://…)`) would become a live link or a foreign image there; text that quotes
    what a user or a file gave us goes through this instead.
    """
    role = "alert" if kind == "error" else "status"  # an error is announced at once
    return (
        f'<div class="gw-alert gw-alert-{kind}" role="{role}" dir="auto">{inline_text(text)}</div>'
    )


def render_alert(text: str, kind: AlertKind = "info") -> None:
    """Show `alert_html(text, kind)` on the page."""
    show_html(Markup(alert_html(text, kind)))  # alert_html escapes the text


def _colour_css() -> str:
    alerts = "".join(
        f".gw-alert-{kind} {{ color: {text}; background: {fill}; border-color: {edge}; }}\n"
        for kind, (text, fill, edge) in ALERT_COLORS.items()
    )
    # Streamlit fades captions (opacity .6) below WCAG AA contrast on white (axe found it).
    captions = (
        '[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p '
        f"{{ color: {CAPTION_COLOR}; opacity: 1; }}\n"
    )
    return alerts + captions


def app_css() -> Markup:
    """The shared CSS of every page (styles/app.css, and the alert colours from their table),
    as <style> elements (no data in them)."""
    return stylesheet("app.css") + Markup(f"<style>{_colour_css()}</style>")


def direction_css(lang: Lang) -> Markup:
    """CSS that turns the whole app right-to-left for Arabic (charts and map keep their own)."""
    return stylesheet("rtl.css") if direction(lang) == "rtl" else Markup("")


def render_page_setup(lang: Lang) -> None:
    """Apply the shared look and the language's direction; safe to call on every rerun."""
    show_html(app_css() + direction_css(lang))


def status_badge_html(status: EpistemicStatus | str, lang: Lang) -> str:
    """A status as a coloured badge with its label (and a shape), never colour alone.

    Inline styles, so the badge looks the same wherever it is put, page CSS or not.
    """
    style = STATUS_STYLES.get(status)
    if style is None:
        raise ValueError(f"unknown epistemic status {status!r} of type {type(status)}")
    label = escape_html(t(status, lang))
    return (
        f'<span class="gw-badge gw-status gw-status-{status}" '
        f'style="color:{style.color};background:{style.fill};border-color:{style.color}">'
        f'<span class="gw-badge-glyph" aria-hidden="true">{style.glyph}</span>{label}</span>'
    )


def single_source_badge_html(lang: Lang) -> str:
    """The badge that reminds every page that all of it rests on one article."""
    return (
        f'<span class="gw-badge gw-single-source" title="{escape_html(t("single_source", lang))}">'
        f"{escape_html(t('single_source_badge', lang))}</span>"
    )


def render_title(lang: Lang) -> None:
    """The app title shown on every page, with the subtitle and the single-source badge."""
    st.title(t("app_title_full", lang), anchor=False)
    show_markdown_html(
        markup(
            '<div class="gw-header-note">{}<span>{}</span></div>',
            Markup(single_source_badge_html(lang)),
            t("app_subtitle", lang),
        )
    )
