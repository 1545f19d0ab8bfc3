"""Moving between pages from inside a page ("show on map") without importing the pages here.

app.py registers the `st.Page` objects on every run; a page asks for another by its key.
"""

from __future__ import annotations

import streamlit as st

PAGE_KEYS = ("overview", "timeline", "map", "incidents", "source", "data")
_REGISTRY_KEY = "gapwatch_pages"


def register(pages: dict[str, st.Page]) -> None:
    """Remember this run's page objects so `switch_to` can find them."""
    st.session_state[_REGISTRY_KEY] = pages


def switch_to(key: str) -> None:
    """Go to the page registered under `key` (one of PAGE_KEYS); the view state carries over."""
    st.switch_page(st.session_state[_REGISTRY_KEY][key])
