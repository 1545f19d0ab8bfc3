"""Overview: the headline and its source, the three key points, key figures, and what the
article does not say."""

from __future__ import annotations

from components import state
from components.key_points import (
    render_headline,
    render_key_figures,
    render_key_point_cards,
    render_not_said,
)
from components.layout import render_title


def render() -> None:
    """The front page: what the article reports, and how far it can be trusted."""
    briefing, view = state.briefing_and_view()
    lang = view.lang
    render_title(lang)
    render_headline(briefing, lang)
    render_key_point_cards(briefing, view)
    render_key_figures(briefing, lang)
    render_not_said(briefing, view)


render()
