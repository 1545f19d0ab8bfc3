"""Process-wide tuning of the server that runs the app, kept out of the pages.

Streamlit runs a full garbage collection after every script run (``runner.postScriptGC``) to
keep memory in check. With plotly, pandas, folium and shapely loaded that collection walks
~150,000 long-lived objects (modules, classes, cached data) each time, about 80-100 ms on the
benchmark machine, during which the server holds the GIL and sends nothing: a reader's
filter change waited on it. Those objects live as long as the process, so they are moved out
of the collector's way once with `gc.freeze()`; the per-run garbage is still collected after
every run, as Streamlit intends.
"""

from __future__ import annotations

import gc
import sys
from datetime import timedelta

import streamlit as st

_modules_when_frozen = 0


def freeze_long_lived_objects() -> None:
    """Exclude what exists now from later full collections, whenever new modules were loaded.

    Called at the start of each script run: the previous run's garbage was already collected
    after that run, so what is frozen is what lives on (imported modules, cached data). Pages
    import their heavy libraries on their first run, so it freezes again after those imports
    (a few times per process), and costs nothing on other runs. Frozen objects are still freed
    when their last reference goes; only cycles among them would wait (`gc.unfreeze`).
    """
    global _modules_when_frozen
    loaded = len(sys.modules)
    if loaded != _modules_when_frozen:
        gc.freeze()
        _modules_when_frozen = loaded


#: Long: the fragment exists only to be on the page; what it does when it fires is nothing.
RECONNECT_MARKER_INTERVAL = timedelta(hours=6)


@st.fragment(run_every=RECONNECT_MARKER_INTERVAL)
def _reconnect_marker() -> None:
    """Draws nothing; see :func:`rerun_in_full_after_reconnect`."""


def rerun_in_full_after_reconnect() -> None:
    """Make Streamlit's client rerun the whole page when its WebSocket reconnects.

    Why: when a replica dies (or the server restarts) the client reconnects, through the
    proxy, to a *new* server session. Since streamlit/streamlit#9083 it reruns the page then
    only if the interrupted run was unfinished, a fragment run, or the page has auto-rerunning
    fragments (#11890). A page whose last run was a full run is not rerun, so the new session
    knows none of its fragments and the reader's next filter change (the timeline's and the
    map's widgets live in fragments) is dropped ("The fragment ... does not exist anymore"):
    the page looks alive but never changes again. One auto-rerunning fragment, firing every
    few hours and drawing nothing, puts the page in the last case: on reconnect the client
    asks for a full run with its URL and widget values, the new session draws the reader's
    view and every later change works. Supported API only, no patch of Streamlit.
    """
    _reconnect_marker()
