"""Page-wide look: the app's CSS, right-to-left for Arabic, status badges and the page header.

One place for the look, so every page shows an epistemic status the same way (a colour *and*
a text label, never colour alone) and Arabic turns the whole app right-to-left.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

import streamlit as st

from components.escape import escape_html
from gapwatch.i18n import Lang, direction, t
from gapwatch.model import EpistemicStatus

# Every character str.splitlines() breaks on.
_LINE_BREAKS = re.compile("[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]+")


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

# Shared classes: key-point cards, badges, the source view. Plain CSS with no data in it.
_APP_CSS = """
.gw-badge { display: inline-flex; align-items: center; gap: .3em; padding: .05em .55em;
  border: 1px solid; border-radius: .8em; font-size: .82rem; font-weight: 600;
  line-height: 1.5; white-space: nowrap; vertical-align: middle; }
.gw-badge-glyph { font-size: .75em; }
.gw-single-source { color: #5a3e00; background: #fff6dc; border-color: #d8b65a; }
.gw-header-note { display: flex; flex-wrap: wrap; align-items: center; gap: .6rem;
  color: #52606d; font-size: .9rem; margin: -.4rem 0 .6rem 0; }
.gw-headline { font-size: 1.55rem; font-weight: 700; line-height: 1.3; color: #1f2933; }
.gw-headline-original { font-size: 1.15rem; color: #3e4c59; margin-top: .15rem;
  font-family: "Noto Naskh Arabic", "Noto Sans Arabic", serif; }
.gw-headline-source { display: flex; flex-wrap: wrap; gap: .3rem 1.2rem; color: #52606d;
  font-size: .92rem; margin: .4rem 0 .2rem 0; }
.gw-meta { border-collapse: collapse; margin-bottom: .4rem; font-size: .92rem; }
.gw-meta th { text-align: start; font-weight: 600; color: #52606d; padding: .2rem .8rem .2rem 0;
  white-space: nowrap; vertical-align: top; border: 0; }
.gw-meta td { padding: .2rem .8rem .2rem 0; border: 0; }
.gw-no-url { color: #7b4400; font-size: .9rem; }
.gw-attribution { font-size: .88rem; margin: .35rem 0; display: grid; gap: .25rem; }
.gw-inferences { margin: .1rem 0 0 0; padding-inline-start: 1.1rem; font-size: .85rem;
  color: #3e4c59; }
.gw-inference { color: #5a3e00; background: #fff6dc; border-color: #d8b65a; }
.gw-outside { border: 1px dashed #9aa5b1; border-radius: .5rem; padding: .5rem .8rem;
  margin: .5rem 0; background: #f8f9fa; }
.gw-outside-label { color: #52606d; background: #eef1f4; border-color: #9aa5b1; }
.gw-comment-note { margin-top: .6rem; font-size: .9rem; color: #3e4c59; }
.gw-card { height: 100%; border: 1px solid #d5dbe1; border-top: 4px solid #334e68;
  border-radius: .5rem; padding: .9rem 1rem; background: #fff;
  display: flex; flex-direction: column; gap: .55rem; }
.gw-card-number { color: #52606d; font-size: .8rem; font-weight: 700;
  text-transform: uppercase; letter-spacing: .04em; }
.gw-card-title { font-size: 1.08rem; font-weight: 700; line-height: 1.35; color: #1f2933; }
.gw-card-wording { margin: 0; line-height: 1.5; }
.gw-card-meta { font-size: .88rem; color: #3e4c59; line-height: 1.45; }
.gw-card-meta b { color: #1f2933; }
.gw-card-status { display: flex; flex-wrap: wrap; align-items: center; gap: .4rem;
  font-size: .85rem; color: #3e4c59; }
.gw-quote { margin: 0; padding: .5rem .75rem; background: #f3f5f7;
  border-inline-start: 3px solid #9aa5b1; border-radius: .25rem; font-size: 1.02rem;
  line-height: 1.7; font-family: "Noto Naskh Arabic", "Noto Sans Arabic", serif; }
.gw-quote-label { font-size: .78rem; color: #52606d; }
.gw-source-link { margin-top: auto; font-size: .9rem; font-weight: 600; }
.gw-omissions { margin: 0; padding-inline-start: 1.2rem; }
.gw-omissions li { margin-bottom: .35rem; }
.gw-para { margin: 0 0 .2rem 0; padding: .35rem .5rem; border-radius: .4rem; }
.gw-para-focus { background: #fffaf0; box-shadow: inset 0 0 0 1px #e3b341; }
.gw-para-head { display: flex; flex-wrap: wrap; gap: .4rem; align-items: center;
  color: #616e7c; font-size: .78rem; font-weight: 600; margin: 0 0 .15rem 0; }
.gw-para-cols { display: grid; grid-template-columns: 1fr 1fr; gap: 1.25rem; direction: rtl; }
.gw-para-ar { direction: rtl; text-align: right; font-size: 1.08rem; line-height: 1.9;
  font-family: "Noto Naskh Arabic", "Noto Sans Arabic", serif; }
.gw-para-en { direction: ltr; text-align: left; line-height: 1.6; color: #323f4b; }
.gw-role-headline .gw-para-ar, .gw-role-headline .gw-para-en { font-weight: 700;
  font-size: 1.2rem; }
.gw-role-caption .gw-para-ar, .gw-role-caption .gw-para-en,
.gw-role-section .gw-para-ar, .gw-role-section .gw-para-en,
.gw-role-byline .gw-para-ar, .gw-role-byline .gw-para-en { font-style: italic; color: #52606d; }
.gw-role-subheading .gw-para-ar, .gw-role-subheading .gw-para-en { font-weight: 700; }
mark.gw-mark { padding: 0; margin: 0; border-radius: 0; color: inherit;
  background: transparent; }
mark.gw-cite { background: #eaeff5; }
mark.gw-noted { text-decoration: underline dotted #b45f06 2px; text-underline-offset: .35em; }
mark.gw-focus { background: #ffdf7e; color: #1f2933; }
.gw-cols-head { display: grid; grid-template-columns: 1fr 1fr; gap: 1.25rem; direction: rtl;
  color: #52606d; font-size: .8rem; font-weight: 700; text-transform: uppercase;
  letter-spacing: .04em; border-bottom: 1px solid #d5dbe1; padding: .2rem .5rem;
  margin: .5rem 0 .3rem 0; }
.gw-cols-head > div:first-child { text-align: right; }
.gw-cols-head > div:last-child { direction: ltr; text-align: left; }
.gw-legend { display: flex; flex-wrap: wrap; gap: 1rem; font-size: .85rem; color: #52606d; }
.gw-comment-box { border: 2px dashed #6f3b8c; border-radius: .6rem; padding: .8rem 1rem;
  background: #faf7fc; }
.gw-comment-label { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center;
  font-weight: 600; color: #4b2661; margin-bottom: .5rem; }
.gw-note { border: 1px solid #d5dbe1; border-radius: .5rem; padding: .6rem .8rem;
  margin-bottom: .6rem; }
.gw-note-focus { box-shadow: inset 0 0 0 2px #d29b00; background: #fffaf0; }
.gw-note-head { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center;
  margin-bottom: .3rem; }
.gw-note-kind { color: #323f4b; background: #eef1f4; border-color: #9aa5b1; }
.gw-note-spans { margin: .3rem 0 0 0; padding: 0; list-style: none; font-size: .9rem; }
.gw-note-spans li { margin: .15rem 0; }
/* Keyboard focus is always visible, whatever a widget's own style does with it. */
:focus-visible { outline: 3px solid #1d4e89 !important; outline-offset: 2px; }
.gw-skip-link { display: inline-block; padding: .2rem .4rem; font-size: .9rem; }
#gw-places-list:focus { outline: 3px solid #1d4e89; outline-offset: 4px; }
.gw-alert { margin: 0 0 .6rem 0; padding: .75rem 1rem; border-radius: .5rem;
  border-inline-start: 4px solid; line-height: 1.5; overflow-wrap: anywhere; }
.gw-span-ar { direction: rtl; unicode-bidi: isolate; background: #f3f5f7; padding: 0 .3em;
  border-radius: .2em;
  font-family: "Noto Naskh Arabic", "Noto Sans Arabic", serif; }
@media (max-width: 900px) { .gw-para-cols { grid-template-columns: 1fr; } }
"""

# Arabic: the whole app reads right-to-left. Streamlit lays out with flexbox, so turning the
# containers' direction flips the sidebar to the right and every row of columns; text aligns
# to the start. Plotly draws its own SVG and the map lives in an iframe: both keep LTR inside.
_RTL_CSS = """
[data-testid="stAppViewContainer"], [data-testid="stMain"], [data-testid="stSidebar"],
[data-testid="stHeader"], [data-testid="stBottom"] { direction: rtl; }
[data-testid="stMain"], [data-testid="stSidebar"] { text-align: right; }
[data-testid="stMarkdownContainer"], [data-testid="stMarkdownContainer"] > ul,
[data-testid="stMarkdownContainer"] > ol, [data-testid="stCaptionContainer"],
[data-testid="stHeadingWithActionElements"], [data-testid="stMetric"],
[data-testid="stExpander"] summary, [data-testid="stAlertContentInfo"],
[data-testid="stAlertContentWarning"], [data-testid="stWidgetLabel"] { text-align: right; }
[data-testid="stMarkdownContainer"] ul, [data-testid="stMarkdownContainer"] ol {
  padding-inline-start: 1.2em; padding-left: 0; }
[data-testid="stMetricValue"], [data-testid="stMetricLabel"] { direction: rtl;
  justify-content: flex-start; }
[data-testid="stTable"] table, [data-testid="stMarkdownContainer"] table { direction: rtl; }
[data-testid="stTable"] th, [data-testid="stTable"] td,
[data-testid="stMarkdownContainer"] th, [data-testid="stMarkdownContainer"] td {
  text-align: right; }
/* Streamlit hides a collapsed sidebar by sliding it left; on the right it would slide over the
   page, so a collapsed sidebar is simply hidden, and its arrows point the RTL way. */
[data-testid="stSidebar"][data-collapsed="true"] { transform: none !important;
  visibility: hidden; overflow: hidden; }
[data-testid="stSidebarCollapseButton"] button, [data-testid="stExpandSidebarButton"] {
  transform: scaleX(-1); }
[data-testid="stPlotlyChart"], .js-plotly-plot, [data-testid="stIFrame"],
[data-testid="stCustomComponentV1"], iframe, [data-testid="stDataFrame"] { direction: ltr; }
"""


def inline_text(text: object) -> str:
    """Escaped text for HTML given to st.markdown: line breaks become spaces.

    st.markdown reads an HTML block only up to the first blank line; a line break in data text
    must not end the block and let the rest be read as Markdown.
    """
    return _LINE_BREAKS.sub(" ", escape_html(text))


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
    st.html(alert_html(text, kind))


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


def app_css() -> str:
    """The shared CSS of every page, as a <style> element (no data in it)."""
    return f"<style>{_APP_CSS}{_colour_css()}</style>"


def direction_css(lang: Lang) -> str:
    """CSS that turns the whole app right-to-left for Arabic (charts and map keep their own)."""
    if direction(lang) == "ltr":
        return ""
    return f"<style>{_RTL_CSS}</style>"


def render_page_setup(lang: Lang) -> None:
    """Apply the shared look and the language's direction; safe to call on every rerun."""
    st.html(app_css() + direction_css(lang))


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
    st.title(t("app_title", lang) + (" · Gap Watch" if lang == "ar" else ""), anchor=False)
    st.markdown(
        f'<div class="gw-header-note">{single_source_badge_html(lang)}'
        f"<span>{escape_html(t('app_subtitle', lang))}</span></div>",
        unsafe_allow_html=True,
    )
