"""Crafted links in a real browser: every page, both languages, a hostile value in every query
parameter (tests/hostile.py). Nothing may reach another host, no foreign link or image may
appear, no dialog may open, nothing may throw, and a notice must say what was ignored.

Parametrised over the app's page table (`components.navigation.PAGES`), so a new page is
covered the day it is added.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Dialog, Page

from components.navigation import PAGES, PageSpec
from gapwatch.i18n import LANGS, Lang
from tests.browser import APP_TIMEOUT_MS, PageLog, wait_for_app, wait_for_maps
from tests.hostile import EVIL_HOST, HOSTILE_VALUES, RAW_ESCAPES, hostile_queries

#: Every element of the page, and of each same-origin frame (the map), that links to or loads
#: from another host; and every link to the hostile host or with a hostile value's text.
FOREIGN_ELEMENTS = """evilHost => {
  const local = new Set(['127.0.0.1', 'localhost', '[::1]', '']);
  const found = [];
  const walk = (doc, where) => {
    for (const el of doc.querySelectorAll('[href],[src],[srcset],[action],[poster],[data]')) {
      for (const name of ['href', 'src', 'srcset', 'action', 'poster', 'data']) {
        const value = el.getAttribute(name);
        if (!value) continue;
        for (const part of value.split(',')) {
          let url;
          try { url = new URL(part.trim().split(' ')[0], doc.baseURI); } catch { continue; }
          if (['http:', 'https:', 'ws:', 'wss:', 'ftp:'].includes(url.protocol)
              && !local.has(url.hostname)) {
            found.push(`${where}: <${el.tagName.toLowerCase()} ${name}="${value.slice(0, 120)}">`);
          }
        }
      }
    }
    for (const a of doc.querySelectorAll('a')) {
      if (a.textContent.includes('Log in again') || a.hostname === evilHost) {
        found.push(`${where}: link "${a.textContent.slice(0, 60)}" -> ${a.href}`);
      }
    }
    for (const frame of doc.querySelectorAll('iframe')) {
      try {
        if (frame.contentDocument) walk(frame.contentDocument, `${where} > iframe`);
      } catch (e) { /* another origin: its requests are still watched */ }
    }
  };
  walk(document, 'page');
  return found;
}"""


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("spec", PAGES, ids=[spec.key for spec in PAGES])
def test_hostile_links_are_held_on_every_page(
    page: Page, page_log: PageLog, app_server: str, spec: PageSpec, lang: Lang
) -> None:
    dialogs: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    # The app's own off-site links (the article's URL, Leaflet's attribution) are its own: a
    # crafted link may add none.
    page.goto(f"{app_server}/{spec.link_path}?lang={lang}")
    wait_for_app(page)
    wait_for_maps(page)
    own = set(page.evaluate(FOREIGN_ELEMENTS, EVIL_HOST))
    queries = hostile_queries(lang)
    for query in queries:
        page.goto(f"{app_server}/{spec.link_path}?{query}")
        wait_for_app(page)
        wait_for_maps(page)
        notice = page.locator(".gw-alert-warning").first
        notice.wait_for(timeout=APP_TIMEOUT_MS)
        assert notice.is_visible() and notice.inner_text().strip()
        assert page.locator("[data-testid='stException']").count() == 0
        assert page.locator("h1").first.is_visible()  # the page itself is there
        foreign = [f for f in page.evaluate(FOREIGN_ELEMENTS, EVIL_HOST) if f not in own]
        assert not foreign, "foreign links or images:\n" + "\n".join(foreign)
    assert not dialogs, dialogs
    page_log.assert_clean()
    # For the report: what this test tried on this page and language.
    print(  # noqa: T201
        f"hostile: {spec.key}/{lang}: {len(queries)} links, "
        f"{len(HOSTILE_VALUES) + len(RAW_ESCAPES)} values each"
    )
