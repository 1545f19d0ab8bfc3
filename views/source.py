"""Source: the Arabic article beside the English translation, cited spans highlighted."""

from __future__ import annotations

from components import state
from components.layout import render_title


def render() -> None:
    """Placeholder until the source page is built."""
    briefing = state.briefing_or_stop("en")
    render_title(state.view_state(briefing).lang)


render()
