"""The app's page table, and every move or link between pages, built from the view.

`PAGES` is the one list of pages: app.py builds `st.Page`s from it (`build_pages`), and the
tests that must cover every page (hostile links, accessibility, error boundary) read it, so a
new page is covered by adding one row here. A page asks for another by its key
(`switch_to`), and a link to another page (`page_href`, `source_href`) carries the whole view
— language, filters, selection, focus, band width — so following it loses nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

import streamlit as st

from gapwatch.i18n import Lang, t
from gapwatch.view_state import ViewState


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
    PageSpec("incidents", "views/incidents.py", "incidents", "page_incidents"),
    PageSpec("source", "views/source.py", "source", "page_source"),
    PageSpec("data", "views/data.py", "data", "page_data"),
)
PAGE_KEYS = tuple(spec.key for spec in PAGES)
_BY_KEY = {spec.key: spec for spec in PAGES}
_REGISTRY_KEY = "gapwatch_pages"


def build_pages(lang: Lang) -> dict[str, st.Page]:
    """This run's `st.Page` objects, titled in `lang`, by key."""
    return {
        p.key: st.Page(p.script, title=t(p.title_key, lang), url_path=p.url_path, default=p.default)
        for p in PAGES
    }


def register(pages: dict[str, st.Page]) -> None:
    """Remember this run's page objects so `switch_to` can find them."""
    st.session_state[_REGISTRY_KEY] = pages


def switch_to(key: str) -> None:
    """Go to the page registered under `key` (one of PAGE_KEYS); the view state carries over."""
    st.switch_page(st.session_state[_REGISTRY_KEY][key])


def page_href(view: ViewState, key: str, anchor: str | None = None) -> str:
    """A link to page `key` showing `view` (set what the link changes with `view.changed`).

    Relative to the app's root, so it works under any host or base path; not yet
    HTML-escaped. The page reads the view from the URL (a full page load: the view lives
    there).
    """
    query = urlencode(view.to_query_params())
    return f"{_BY_KEY[key].link_path}?{query}" + (f"#{anchor}" if anchor else "")


def paragraph_anchor(index: int) -> str:
    """The HTML id of a paragraph, the target of `#p-<index>` links."""
    return f"p-{index}"


def source_href(view: ViewState, item_id: str | None, paragraph: int | None = None) -> str:
    """A link to the Source page highlighting `item_id`, scrolled to `paragraph`, keeping the
    rest of the reader's view (language, filters, selection, band width). Not yet escaped."""
    anchor = paragraph_anchor(paragraph) if paragraph is not None else None
    return page_href(view.changed(highlight_item=item_id), "source", anchor)
