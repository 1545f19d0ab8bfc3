"""The session's view of the app: cached data, and one `ViewState` mirrored in the URL.

This is the only place that reads or writes `st.query_params` or the view in
`st.session_state`, so a shared link and the widgets can never disagree.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, ParamSpec, Protocol, TypeVar

import streamlit as st

from components import html
from components.assets import VendorAssetsMissing, check_vendor_assets
from components.html import Md, md
from gapwatch.briefing import Briefing
from gapwatch.filters import Notice
from gapwatch.geodata import GeoDataError, ReferenceGeo, load_reference_geo
from gapwatch.i18n import DEFAULT_LANG, Lang, parse_lang
from gapwatch.load import BriefingError, load_briefing
from gapwatch.view_state import ViewState

PROJECT_DIR = Path(__file__).resolve().parents[1]
STATIC_DIR = PROJECT_DIR / "static"


def data_dir() -> Path:
    """data/ next to the app, or the folder named by $GAPWATCH_DATA_DIR (tests, other editions)."""
    return Path(os.environ.get("GAPWATCH_DATA_DIR") or PROJECT_DIR / "data")


_VIEW_KEY = "gapwatch_view"
_NOTICES_KEY = "gapwatch_notices"

P = ParamSpec("P")
R = TypeVar("R")
R_co = TypeVar("R_co", covariant=True)


class _Same:
    """A process singleton (the briefing, the geodata) as a cache key: by identity, because
    hashing the whole value would cost more than the look-up saves (and geodata is dicts)."""

    __slots__ = ("value",)

    def __init__(self, value: object) -> None:
        self.value = value

    def __hash__(self) -> int:
        return id(self.value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Same) and other.value is self.value


class Cached(Protocol[P, R_co]):
    """A function wrapped by `cached`: called as it was, and emptied with `clear()`."""

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> R_co: ...

    def clear(self) -> None: ...


def cached(max_entries: int) -> Callable[[Callable[P, R]], Cached[P, R]]:
    """The app's one caching rule: pure results of frozen inputs, kept per process.

    Every cache of the app is this decorator (the core caches nothing). Results are shared
    by all sessions, so they must be immutable. Arguments are keyed by value (frozen models
    compare by value: an edited copy is a new key, never a stale hit), except the briefing and
    the geodata, keyed by identity. An LRU of `max_entries`: a hit costs about a microsecond,
    against ~200 us for `st.cache_resource`, which pickles its arguments to hash them. Like
    it, a failed call (broken data) is not cached.
    """

    def decorate(function: Callable[P, R]) -> Cached[P, R]:
        @functools.lru_cache(maxsize=max_entries)
        def keyed(*args: Any) -> R:
            return function(*_unwrap(args))  # type: ignore[call-arg]

        @functools.wraps(function)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            if kwargs:
                raise TypeError(f"{function.__name__}: pass cached arguments by position")
            return keyed(*_wrap(args))

        # Emptied as st.cache_resource's are (tests put a different data folder in place).
        wrapper.clear = keyed.cache_clear  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorate


def _wrap(values: Any) -> tuple[Any, ...]:
    return tuple(_Same(v) if isinstance(v, Briefing | ReferenceGeo) else v for v in values)


def _unwrap(values: Any) -> tuple[Any, ...]:
    return tuple(v.value if isinstance(v, _Same) else v for v in values)


@cached(max_entries=4)
def _cached_briefing(folder: Path) -> Briefing:
    # Shared, not copied: the models are frozen, so every session can use one object.
    return load_briefing(folder)


@cached(max_entries=4)
def _cached_reference_geo(folder: Path) -> ReferenceGeo:
    return load_reference_geo(folder)


def reference_geo() -> ReferenceGeo:
    """The basemap and reference lines from data/geo, read once per server process; if a file
    is broken, say which and stop the page (both languages: the caller's language may not be
    known yet)."""
    try:
        return _cached_reference_geo(data_dir() / "geo")
    except GeoDataError as error:
        html.alert(Md(f"{md('geo_error', 'en')}\n\n{md('geo_error', 'ar')}"), "error")
        st.code(str(error), language=None)
        st.stop()


@cached(max_entries=1)
def _checked_vendor_assets() -> Path:
    return check_vendor_assets(STATIC_DIR)


def vendor_assets() -> Path:
    """Leaflet and jQuery under static/vendor, checked once per process (copied there at
    install time, never by the app); if they are missing, say so by name and stop the page."""
    try:
        return _checked_vendor_assets()
    except VendorAssetsMissing as error:
        html.alert(Md(f"{md('assets_error', 'en')}\n\n{md('assets_error', 'ar')}"), "error")
        st.code(str(error), language=None)
        st.stop()


def briefing_or_stop(lang: Lang) -> Briefing:
    """The briefing; if the data is broken, say exactly what is wrong and stop the page."""
    try:
        return _cached_briefing(data_dir())
    except BriefingError as error:
        html.alert(md("data_error", lang), "error")
        st.code("\n".join(error.problems), language=None)
        st.stop()


def page_lang() -> Lang:
    """The reader's language before the data is loaded (to say what is wrong with it): the
    session's, else the one the URL asks for, else the default."""
    view = st.session_state.get(_VIEW_KEY)
    if isinstance(view, ViewState):
        return view.lang
    return parse_lang(st.query_params.get("lang")) or DEFAULT_LANG


def briefing_and_view() -> tuple[Briefing, ViewState]:
    """What every page starts with: the briefing (or a clear error in the reader's language)
    and this session's view."""
    briefing = briefing_or_stop(page_lang())
    return briefing, view_state(briefing)


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
        html.alert(notice.text(lang), "warning")
