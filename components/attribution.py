"""Who says it, why an item has its status, and which links are ours: one look for every card.

The key-point cards, the timeline's details and the statements under them all show an item's
epistemic status the same way: the badge, the side and office whose word it is, the words in
the cited span that justify the status, and every identification we made, marked as ours.
Pure builders returning escaped HTML; nothing here calls Streamlit.
"""

from __future__ import annotations

from components.html import escape_html
from components.layout import status_badge_html
from gapwatch.attribution import inference_text, status_basis_words
from gapwatch.briefing import Briefing
from gapwatch.i18n import Lang, t
from gapwatch.model import Attributed

#: Colours of the "who says it" side badge; the text label always comes with it.
SIDE_COLORS: dict[str, tuple[str, str]] = {
    "federal": ("#1d3557", "#e8edf5"),
    "kurdistan": ("#5c4d00", "#fbf3cf"),
    "outlet": ("#3e4c59", "#eef1f4"),
    "reader": ("#6f3b8c", "#f2eaf6"),
}


def side_badge_html(side: str, lang: Lang) -> str:
    """The side an item's words come from, as a labelled badge ('Federal side')."""
    color, fill = SIDE_COLORS[side]
    return (
        f'<span class="gw-badge gw-side gw-side-{escape_html(side)}" '
        f'style="color:{color};background:{fill};border-color:{color}">'
        f"{escape_html(t(f'side_{side}', lang))}</span>"
    )


def said_by_html(item: Attributed, lang: Lang) -> str:
    """'Who says it: [Federal side] Joint Operations Command spokesman …'."""
    return (
        f'<div class="gw-said-by"><b>{escape_html(t("said_by", lang))}:</b> '
        f"{side_badge_html(item.said_by.side, lang)} "
        f"{escape_html(item.said_by.office.in_lang(lang))}</div>"
    )


def status_basis_html(item: Attributed, briefing: Briefing, lang: Lang) -> str:
    """The status badge and the words of the cited span that justify it, with their gloss."""
    cues = briefing.status_cues.matching(item.status, item.status_basis.text_ar)
    gloss = " / ".join(f"“{cue.en}”" for cue in cues) if lang == "en" else ""
    words = status_basis_words(item, lang)
    return (
        f'<div class="gw-status-basis">{status_badge_html(item.status, lang)} '
        f"<b>{escape_html(t('status_basis', lang))}:</b> "
        f"<span>{escape_html(words)}</span>"
        + (f" {escape_html(gloss)}" if gloss else "")
        + "</div>"
    )


def inferences_html(item: Attributed, briefing: Briefing, lang: Lang) -> str:
    """Every identification that is ours, labelled as our inference; empty if there is none."""
    if not item.inferences:
        return ""
    rows = "".join(
        f'<li><span class="gw-badge gw-inference">{escape_html(t("our_inference", lang))}</span> '
        f"{escape_html(inference_text(inference, briefing, lang))}</li>"
        for inference in item.inferences
    )
    return f'<ul class="gw-inferences">{rows}</ul>'


def attribution_html(item: Attributed, briefing: Briefing, lang: Lang) -> str:
    """Status with its justification, who says it, and our inferences, as one block."""
    return (
        '<div class="gw-attribution">'
        f"{status_basis_html(item, briefing, lang)}{said_by_html(item, lang)}"
        f"{inferences_html(item, briefing, lang)}</div>"
    )
