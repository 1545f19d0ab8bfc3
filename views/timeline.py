"""Placeholder: the timeline page is being built."""

from __future__ import annotations

from components import state
from components.layout import render_title


def render() -> None:
    """Title only, until the page is built."""
    briefing = state.briefing_or_stop("en")
    render_title(state.view_state(briefing).lang)


render()
