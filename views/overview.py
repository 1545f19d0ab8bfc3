"""Overview: the headline, its source, and the key figures."""

from __future__ import annotations

import streamlit as st

from components import state
from components.layout import render_title
from gapwatch.i18n import t


def render() -> None:
    """The front page."""
    briefing = state.briefing_or_stop("en")
    lang = state.view_state(briefing).lang
    render_title(lang)
    meta = briefing.article.meta
    st.subheader(meta.title.in_lang(lang))
    st.info(t("single_source", lang), icon=":material/source:")
    meetings = [e for e in briefing.events if e.event_type.startswith("meeting")]
    cols = st.columns(4)
    cols[0].metric(t("fig_meetings", lang), len(meetings))
    cols[1].metric(t("fig_gap", lang), t("fig_gap_value", lang))
    cols[2].metric(t("fig_places", lang), len(briefing.places))
    cols[3].metric(t("fig_key_points", lang), len(briefing.key_points))


render()
