"""The session's view of the app: cached data, and one `ViewState` mirrored in the URL.

This is the only place that reads or writes `st.query_params` or the view in
`st.session_state`, so a shared link and the widgets can never disagree.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import streamlit as st

from components.assets import VendorAssetsMissing, check_vendor_assets
from components.layout import render_alert
from gapwatch.filters import Notice
from gapwatch.geometry import GeoDataError, ReferenceGeo, load_reference_geo
from gapwatch.i18n import Lang, t
from gapwatch.load import BriefingError, load_briefing
from gapwatch.model import Briefing
from gapwatch.view_state import ViewState

PROJECT_DIR = Path(__file__).resolve().parents[1]
STATIC_DIR = PROJECT_DIR / "static"


def data_dir() -> Path:
    """data/ next to the app, or the folder named by $GAPWATCH_DATA_DIR (tests, other editions)."""
    return Path(os.environ.get("GAPWATCH_DATA_DIR") or PROJECT_DIR / "data")


_VIEW_KEY = "gapwatch_view"
_NOTICES_KEY = "gapwatch_notices"


@st.cache_resource(show_spinner=False)
def _cached_briefing(folder: Path) -> Briefing:
    # cache_resource, not cache_data: the models are frozen, so every session can share one
    # object instead of unpickling a copy on each rerun.
    return load_briefing(folder)


@st.cache_resource(show_spinner=False)
def _cached_reference_geo(folder: Path) -> ReferenceGeo:
    return load_reference_geo(folder)


def reference_geo() -> ReferenceGeo:
    """The basemap and reference lines from data/geo, read once per server process; if a file
    is broken, say which and stop the page (both languages: the caller's language may not be
    known yet)."""
    try:
        return _cached_reference_geo(data_dir() / "geo")
    except GeoDataError as error:
        st.error(f"{t('geo_error', 'en')}\n\n{t('geo_error', 'ar')}")
        st.code(str(error), language=None)
        st.stop()


@st.cache_resource(show_spinner=False)
def _checked_vendor_assets() -> Path:
    return check_vendor_assets(STATIC_DIR)


def vendor_assets() -> Path:
    """Leaflet and jQuery under static/vendor, checked once per process (copied there at
    install time, never by the app); if they are missing, say so by name and stop the page."""
    try:
        return _checked_vendor_assets()
    except VendorAssetsMissing as error:
        st.error(f"{t('assets_error', 'en')}\n\n{t('assets_error', 'ar')}")
        st.code(str(error), language=None)
        st.stop()


def briefing_or_stop(lang: Lang) -> Briefing:
    """The briefing; if the data is broken, say exactly what is wrong and stop the page."""
    try:
        return _cached_briefing(data_dir())
    except BriefingError as error:
        st.error(t("data_error", lang))
        st.code("\n".join(error.problems), language=None)
        st.stop()


def view_state(briefing: Briefing) -> ViewState:
    """This session's view, read from the URL on its first run."""
    if _VIEW_KEY not in st.session_state:
        params = {key: st.query_params.get_all(key) for key in st.query_params}
        initial, notices = ViewState.from_query_params(params, briefing)
        st.session_state[_VIEW_KEY] = initial
        st.session_state[_NOTICES_KEY] = notices
    view: ViewState = st.session_state[_VIEW_KEY]
    return view


def update_view(**changes: Any) -> ViewState:
    """Change the view and write it to the address bar, so the link stays shareable."""
    view: ViewState = st.session_state[_VIEW_KEY].changed(**changes)
    st.session_state[_VIEW_KEY] = view
    sync_url(view)
    return view


def sync_url(view: ViewState) -> None:
    """Write the view to the query string, keeping params that are already right untouched."""
    wanted = view.to_query_params()
    current = {key: st.query_params.get(key) for key in st.query_params}
    if current != wanted:
        st.query_params.from_dict(wanted)


def show_notices(lang: Lang) -> None:
    """Tell the user, once, which URL parameters were ignored and why."""
    notices: list[Notice] = st.session_state.pop(_NOTICES_KEY, [])
    for notice in notices:
        # The notice quotes the ignored value: shown literally, never as Markdown.
        render_alert(notice.text(lang), "warning")
