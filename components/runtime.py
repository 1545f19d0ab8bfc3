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
