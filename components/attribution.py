"""Who says it, why an item has its status, and which links are ours: one look for every card.

The key-point cards, the timeline's details and the statements under them all show an item's
epistemic status the same way: the badge, the side and office whose word it is, the words in
the cited span that justify the status, and every identification we made, marked as ours.
A pure builder of escaped HTML (a template); nothing here calls Streamlit.
"""

from __future__ import annotations

from components.html import Markup, fragment
from components.layout import badge_html, status_badge_html
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


def side_badge_html(side: str, lang: Lang) -> Markup:
    """The side an item's words come from, as a labelled badge ('Federal side')."""
    color, fill = SIDE_COLORS[side]
    return badge_html(
        t(f"side_{side}", lang), f"gw-badge gw-side gw-side-{side}", color=color, fill=fill
    )


def attribution_html(item: Attributed, briefing: Briefing, lang: Lang) -> Markup:
    """Status with the words of the cited span that justify it (and their gloss), who says it
    ('Who says it: [Federal side] Joint Operations Command spokesman …'), and every
    identification that is ours, labelled as our inference: one block
    (`templates/attribution.html`)."""
    cues = briefing.status_cues.matching(item.status, item.status_basis.text_ar)
    return fragment(
        "attribution.html",
        "attribution",
        status_badge=status_badge_html(item.status, lang),
        words=status_basis_words(item, lang),
        gloss=" / ".join(f"“{cue.en}”" for cue in cues) if lang == "en" else "",
        side_badge=side_badge_html(item.said_by.side, lang),
        office=item.said_by.office.in_lang(lang),
        inference_badge=badge_html(t("our_inference", lang), "gw-badge gw-inference"),
        inferences=[inference_text(inference, briefing, lang) for inference in item.inferences],
        lang=lang,
    )
