"""Map: places, the illustrative gap zones, the Hamrin ridge and Hawija outskirts."""

from __future__ import annotations

import streamlit as st

from components import html, state
from components.errors import error_boundary
from components.html import md
from components.layout import render_title
from components.map import gap
from components.map import render as map_ui
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
    briefing, view = state.briefing_and_view()
    geo = state.reference_geo()
    width = gap.snap_width(view.gap_width_km)
    if width != view.gap_width_km:  # a ?width= between the slider's steps
        view = state.update_view(gap_width_km=width)
    controls = st.container()

    layer = gap.build_gap_layer(geo, width, lang, shapes=lambda w: map_ui.cached_gap_shape(w, geo))
    base = map_ui.cached_base_map(lang, briefing, geo)
    clicked = map_ui.render_map(base, layer, briefing, lang, focus=view.place_id)
    if clicked is not None and clicked != view.place_id:
        view = state.update_view(place_id=clicked)

    with controls:
        width_col, area_col = st.columns([2, 1], vertical_alignment="bottom")
        with width_col:
            map_ui.render_width_control(width, lang, _set_width)
        with area_col:
            map_ui.render_gap_metrics(map_ui.cached_gap_shape(width, geo).zone, width, lang)
        map_ui.render_caveats(lang)

    st.subheader(t("map_selected_heading", lang))
    map_ui.render_place_details(briefing, view, _set_focus)


def render() -> None:
    """Load, read the view, then the map panel and the list of places."""
    briefing, view = state.briefing_and_view()
    lang = view.lang
    render_title(lang)
    st.header(t("page_map", lang))
    html.caption(md("map_intro", lang))
    map_ui.render_skip_to_places(lang)
    _map_panel(lang)
    map_ui.render_places_list(briefing, state.view_state(briefing))


render()
