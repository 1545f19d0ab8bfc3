"""Map: places, the illustrative gap zones, the Hamrin ridge and Hawija outskirts."""

from __future__ import annotations

import streamlit as st

from components import gap_map, state
from components.errors import error_boundary
from components.layout import render_title
from gapwatch.i18n import Lang, t


def _set_width(width_km: float) -> None:
    state.update_view(gap_width_km=width_km)


def _set_focus(place_id: str | None) -> None:
    state.update_view(place_id=place_id)


@st.fragment
def _map_panel(lang: Lang) -> None:
    """Slider, map and selected place. A fragment: moving the slider or clicking a place
    reruns only this, and zooming or panning reruns nothing at all.

    The map is sent to the browser first, so its frame starts loading before anything else
    on the page; the slider, the area and the caveats fill a container above it.
    A fragment reruns on its own, so it has its own error boundary."""
    with error_boundary(lang, "map panel"):
        _map_panel_body(lang)


def _map_panel_body(lang: Lang) -> None:
    briefing = state.briefing_or_stop(lang)
    geo = state.reference_geo()
    view = state.view_state(briefing)
    width = gap_map.snap_width(view.gap_width_km)
    if width != view.gap_width_km:  # a ?width= between the slider's steps
        view = state.update_view(gap_width_km=width)
    controls = st.container()

    layer = gap_map.build_gap_layer(
        geo, width, lang, shapes=lambda w: gap_map.cached_gap_shape(w, geo)
    )
    base = gap_map.cached_base_map(lang, briefing, geo)
    clicked = gap_map.render_map(base, layer, briefing, lang, focus=view.place_id)
    if clicked is not None and clicked != view.place_id:
        view = state.update_view(place_id=clicked)

    with controls:
        width_col, area_col = st.columns([2, 1], vertical_alignment="bottom")
        with width_col:
            gap_map.render_width_control(width, lang, _set_width)
        with area_col:
            gap_map.render_gap_metrics(gap_map.cached_gap_shape(width, geo).zone, width, lang)
        gap_map.render_caveats(lang)

    st.subheader(t("map_selected_heading", lang))
    gap_map.render_place_details(briefing, view.place_id, lang, _set_focus)


def render() -> None:
    """Load, read the view, then the map panel and the list of places."""
    briefing = state.briefing_or_stop("en")
    lang = state.view_state(briefing).lang
    render_title(lang)
    st.header(t("page_map", lang))
    st.caption(t("map_intro", lang))
    gap_map.render_skip_to_places(lang)
    _map_panel(lang)
    gap_map.render_places_list(briefing, lang)


render()
