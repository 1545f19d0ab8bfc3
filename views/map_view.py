"""Map: places, the illustrative gap zones, the Hamrin ridge and Hawija outskirts."""

from __future__ import annotations

from components import state
from components.layout import render_title


def render() -> None:
    """Placeholder until the map page is built."""
    briefing = state.briefing_or_stop("en")
    render_title(state.view_state(briefing).lang)


render()
