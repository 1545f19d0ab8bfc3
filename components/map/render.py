"""The map page's Streamlit side: the cached map and band, the slider, the map, the details.

The only code of the map package that calls Streamlit. Zooming and panning never rerun the
script: only a click's tooltip and counter come back from the browser (`render_map`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import folium
import streamlit as st
from streamlit_folium import st_folium

from components import html
from components.compat import Layers, map_for_st_folium
from components.html import markup, md
from components.map.base import build_base_map
from components.map.constants import FOCUS_ZOOM, MAP_HEIGHT_PX, MAP_KEY, WIDTH_STEP_KM
from components.map.details import build_place_details_html, build_places_list_html
from components.map.gap import ZoneShape, gap_shape, snap_width
from components.map.tooltips import place_id_from_tooltip
from components.state import cached
from gapwatch.briefing import Briefing
from gapwatch.geodata import ReferenceGeo
from gapwatch.geometry import GAP_MAX_KM, GAP_MIN_KM, DerivedZone
from gapwatch.i18n import Lang, format_number, t
from gapwatch.queries import items_at
from gapwatch.view_state import ViewState


@cached(max_entries=4)
def cached_base_map(lang: Lang, briefing: Briefing, geo: ReferenceGeo) -> folium.Map:
    """The base map, built once per language per process (briefing and geo are singletons)."""
    return build_base_map(briefing, geo, lang, layer_control=False)


@cached(max_entries=64)
def cached_gap_shape(width_km: float, geo: ReferenceGeo) -> ZoneShape:
    """The gap band for one width and its drawn copy: at most 39 widths on the slider's 0.5 km
    steps."""
    return gap_shape(geo, width_km)


def render_width_control(width_km: float, lang: Lang, on_change: Callable[[float], None]) -> float:
    """The band-width slider (1-20 km), kept equal to the view; `on_change` stores a move."""
    key = "map_gap_width_km"
    value = snap_width(width_km)
    if st.session_state.get(key) != value:
        st.session_state[key] = value
    return float(
        st.slider(
            md("map_width_label", lang),
            min_value=GAP_MIN_KM,
            max_value=GAP_MAX_KM,
            step=WIDTH_STEP_KM,
            format=t("unit_km_format", lang),
            key=key,
            help=md("map_width_help", lang),
            on_change=lambda: on_change(float(st.session_state[key])),
        )
    )


def render_gap_metrics(zone: DerivedZone, width_km: float, lang: Lang) -> None:
    """The band's area beside the slider, marked illustrative."""
    html.metric(
        md("map_area_label", lang),
        md("map_km2", lang, area=format_number(zone.area_km2, lang)),
        help=md("map_area_help", lang),
    )


def render_caveats(lang: Lang) -> None:
    """What the band is not: the caveats, always visible under the slider."""
    html.caption(md("map_caveats", lang))


def show_folium(
    base_map: folium.Map,
    layers: folium.FeatureGroup | Sequence[folium.FeatureGroup],
    *,
    key: str,
    click_key: str,
    center: list[float] | None = None,
    zoom: int | None = None,
) -> object:
    """Draw a private copy of the cached ``base_map`` with ``layers``; return the tooltip of
    what was clicked since the last run (None if nothing new). Used by every map of the app.

    Only the clicked object's tooltip and a click counter come back from the browser, so
    zooming and panning never rerun the script. st_folium repeats its last answer on every
    run; the counter (kept under ``click_key``) tells a new click on the same object from it.
    """
    result = st_folium(
        map_for_st_folium(base_map),
        key=key,
        height=MAP_HEIGHT_PX,
        use_container_width=True,
        returned_objects=["last_object_clicked_tooltip", "last_object_clicked_count"],
        feature_group_to_add=layers if isinstance(layers, folium.FeatureGroup) else list(layers),
        layer_control=Layers(collapsed=True),
        center=center,
        zoom=zoom,
        # st_folium renders the map itself for what it sends; render=True would also render
        # the whole HTML page around it, and throw it away.
        render=False,
    )
    result = result or {}
    tooltip = result.get("last_object_clicked_tooltip")
    click = (result.get("last_object_clicked_count"), tooltip)
    if click == st.session_state.get(click_key):
        return None  # the same answer as on the last run: nothing new was clicked
    st.session_state[click_key] = click
    return tooltip


def render_map(
    base_map: folium.Map,
    gap_layer: folium.FeatureGroup,
    briefing: Briefing,
    lang: Lang,
    *,
    focus: str | None,
) -> str | None:
    """Show the map; return the place just clicked (None if no new click on a place).

    A place chosen elsewhere (the URL, the timeline, a button) is centred on; a place clicked
    on the map is not moved to, the user is already looking at it.
    """
    clicked_key = f"{MAP_KEY}_clicked_place"
    center: list[float] | None = None
    zoom: int | None = None
    if focus is not None and focus != st.session_state.get(clicked_key):
        place = briefing.place(focus)
        center, zoom = [place.lat, place.lon], FOCUS_ZOOM
    tooltip = show_folium(
        base_map,
        gap_layer,
        key=f"{MAP_KEY}_{lang}",
        click_key=f"{MAP_KEY}_last_click",
        center=center,
        zoom=zoom,
    )
    place_id = place_id_from_tooltip(tooltip, briefing)
    if place_id is not None:
        st.session_state[clicked_key] = place_id
    return place_id


def render_place_details(
    briefing: Briefing, view: ViewState, on_select: Callable[[str | None], None]
) -> None:
    """What the article says at the view's place, or a hint to click one."""
    lang, place_id = view.lang, view.place_id
    if place_id is None:
        html.alert(md("map_click_hint", lang), "info", icon=":material/touch_app:")
        return
    with st.container(border=True, key="map_place_details"):
        html.show_html(build_place_details_html(briefing, place_id, view))
        items = items_at(briefing, place_id)
        buttons: list[tuple[str | None, str]] = [
            (p.id, md("map_same_point", lang, name=p.name.in_lang(lang))) for p in items.same_point
        ]
        buttons.append((None, md("map_clear_focus", lang)))
        for column, (target, label) in zip(st.columns(len(buttons)), buttons, strict=True):
            column.button(
                label,
                key=f"map_select_{target or 'none'}",
                on_click=on_select,
                args=(target,),
                use_container_width=True,
            )


PLACES_LIST_ID = "gw-places-list"


def render_skip_to_places(lang: Lang) -> None:
    """A link before the map to its text alternative, so a keyboard user need not Tab through
    every feature of the map (its frame takes dozens of Tab presses) to reach the places."""
    html.show_html(
        markup(
            '<a class="gw-skip-link" href="#{}">{}</a>',
            PLACES_LIST_ID,
            t("map_skip_to_places", lang),
        )
    )


def render_places_list(briefing: Briefing, view: ViewState) -> None:
    """All places, their precision and what the article puts there: the map's text
    alternative, focusable so the skip link above the map can move the focus here."""
    st.subheader(md("map_places_heading", view.lang))
    html.show_html(
        markup(
            '<div id="{}" tabindex="-1" role="region" aria-label="{}">{}</div>',
            PLACES_LIST_ID,
            t("map_places_heading", view.lang),
            build_places_list_html(briefing, view),
        )
    )
