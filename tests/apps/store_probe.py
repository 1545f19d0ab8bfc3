"""A bare page over the shared incident store, served by the cluster tests' replicas.

``?import=<csv path>&name=<dataset>`` imports a file *in this replica's process* (what the
Incidents page's uploader does); every run lists the imported datasets as plain text, each
with the rows this process reads from its file, so a test can tell that a dataset imported
elsewhere is seen here without a restart. Plain ``st.text``: file names are never Markdown.
Test-only: it imports any path it is given, so it is never served to readers.
"""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

from gapwatch.incidents.store import IncidentStore

store = IncidentStore()  # $GAPWATCH_STORE, shared by every replica
wanted = st.query_params.get("import")
if wanted:
    path = Path(wanted)
    report = store.import_bytes(path.read_bytes(), path.name, st.query_params.get("name"))
    st.text(f"imported {report.dataset.name} {report.result.imported} pid={os.getpid()}")
for info in store.datasets():
    if not info.bundled:
        rows = len(store.incidents(info.name))
        st.text(f"dataset {info.name} imported={info.imported} rows={rows} pid={os.getpid()}")
st.text("listed")
