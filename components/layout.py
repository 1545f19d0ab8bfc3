"""Page-wide look: the app's CSS, right-to-left for Arabic, status badges and the page header.

One place for the look, so every page shows an epistemic status the same way (a colour *and*
a text label, never colour alone) and Arabic turns the whole app right-to-left.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from components.html import (
    Markup,
    fragment,
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


def app_css() -> Markup:
    """The shared CSS of every page (styles/app.css), as a <style> element (no data in it)."""
    return stylesheet("app.css")


def direction_css(lang: Lang) -> Markup:
    """CSS that turns the whole app right-to-left for Arabic (charts and map keep their own)."""
    return stylesheet("rtl.css") if direction(lang) == "rtl" else Markup("")


def render_page_setup(lang: Lang) -> None:
    """Apply the shared look and the language's direction; safe to call on every rerun."""
    show_html(app_css() + direction_css(lang))


def badge_html(
    label: str,
    classes: str,
    *,
    title: str | None = None,
    color: str | None = None,
    fill: str | None = None,
    edge: str | None = None,
    glyph: str | None = None,
    glyph_color: str | None = None,
) -> Markup:
    """A badge (`templates/badges.html`): its text label, with our colours inline so it looks
    the same wherever it is put, page CSS or not, and an optional shape before the label."""
    style = f"color:{color};background:{fill};border-color:{edge or color}" if color else None
    return fragment(
        "badges.html",
        "badge",
        label=label,
        classes=classes,
        title=title,
        style=style,
        glyph=glyph,
        glyph_style=f"color:{glyph_color}" if glyph_color else None,
    )


def status_badge_html(status: EpistemicStatus | str, lang: Lang) -> Markup:
    """A status as a coloured badge with its label (and a shape), never colour alone."""
    style = STATUS_STYLES.get(status)
    if style is None:
        raise ValueError(f"unknown epistemic status {status!r} of type {type(status)}")
    return badge_html(
        t(status, lang),
        f"gw-badge gw-status gw-status-{status}",
        color=style.color,
        fill=style.fill,
        glyph=style.glyph,
    )


def single_source_badge_html(lang: Lang) -> Markup:
    """The badge that reminds every page that all of it rests on one article."""
    return badge_html(
        t("single_source_badge", lang), "gw-badge gw-single-source", title=t("single_source", lang)
    )


def render_title(lang: Lang) -> None:
    """The app title shown on every page, with the subtitle and the single-source badge."""
    st.title(t("app_title_full", lang), anchor=False)
    show_markdown_html(
        markup(
            '<div class="gw-header-note">{}<span>{}</span></div>',
            single_source_badge_html(lang),
            t("app_subtitle", lang),
        )
    )
