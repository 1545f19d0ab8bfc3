"""The app's page table, and moving between pages from inside a page ("show on map") without
importing the pages here.

`PAGES` is the one list of pages: app.py builds `st.Page`s from it, and the tests that must
cover every page (hostile links, accessibility, error boundary) read it, so a new page is
covered by adding one row here.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st


@dataclass(frozen=True)
class PageSpec:
    """One page: its key, its script under views/, its URL path and its title's i18n key."""

    key: str
    script: str
    url_path: str
    title_key: str
    default: bool = False

    @property
    def link_path(self) -> str:
        """The path a link uses: the default page is served at the root."""
        return "" if self.default else self.url_path


PAGES: tuple[PageSpec, ...] = (
    PageSpec("overview", "views/overview.py", "overview", "page_overview", default=True),
    PageSpec("timeline", "views/timeline.py", "timeline", "page_timeline"),
    PageSpec("map", "views/map.py", "map", "page_map"),
    PageSpec("source", "views/source.py", "source", "page_source"),
    PageSpec("data", "views/data.py", "data", "page_data"),
)
PAGE_KEYS = tuple(spec.key for spec in PAGES)
_REGISTRY_KEY = "gapwatch_pages"


def register(pages: dict[str, st.Page]) -> None:
    """Remember this run's page objects so `switch_to` can find them."""
    st.session_state[_REGISTRY_KEY] = pages


def switch_to(key: str) -> None:
    """Go to the page registered under `key` (one of PAGE_KEYS); the view state carries over."""
    st.switch_page(st.session_state[_REGISTRY_KEY][key])
