"""Keyboard only (no mouse): the filters, the width slider, the timeline selection and the
downloads can be reached with Tab and used, the focus is visible at every stop, and the map's
text alternative (the places list) is one Tab and Enter away from the top of the map."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page

from components.map.render import PLACES_LIST_ID
from gapwatch.i18n import t
from tests.browser import APP_TIMEOUT_MS, PageLog, wait_for_app
from tests.support import real_briefing

#: Enough Tab presses to cross any page (the map's frame alone takes dozens).
MAX_TABS = 120

_ACTIVE = """() => {
  const e = document.activeElement;
  const s = getComputedStyle(e);
  return {
    testid: e.closest('[data-testid]')?.getAttribute('data-testid') || '',
    label: e.getAttribute('aria-label') || (e.innerText || '').trim().slice(0, 80),
    tag: e.tagName, type: e.getAttribute('type') || '', href: e.getAttribute('href') || '',
    outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2,
  };
}"""


def _tab_to(page: Page, wanted: dict[str, str]) -> dict[str, object]:
    """Press Tab until the focused element has every `wanted` property (substring match on
    the label); assert the focus is visible there. Fails after MAX_TABS presses."""
    seen = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        active: dict[str, object] = page.evaluate(_ACTIVE)
        seen.append(f"{active['testid']}:{active['label']}")
        if all(value in str(active[key]) for key, value in wanted.items()):
            assert active["outline"], f"focus not visible on {active}"
            return active
    raise AssertionError(f"never reached {wanted} with Tab; passed {seen[-30:]}")


def _open(page: Page, app_server: str, path: str) -> None:
    page.goto(f"{app_server}/{path}")
    wait_for_app(page)


@pytest.mark.browser
def test_filters_by_keyboard(page: Page, page_log: PageLog, app_server: str) -> None:
    _open(page, app_server, "timeline?lang=en")
    _tab_to(page, {"testid": "stTextInput", "label": "Search"})
    page.keyboard.type("Erbil")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"[?&]q=Erbil\b"), timeout=APP_TIMEOUT_MS)
    wait_for_app(page)

    _tab_to(page, {"testid": "stMultiSelect", "label": "Event types"})
    page.keyboard.type(t("meeting_round", "en"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"[?&]type=meeting_round\b"), timeout=APP_TIMEOUT_MS)
    page_log.assert_clean()


@pytest.mark.browser
def test_width_slider_by_keyboard(page: Page, page_log: PageLog, app_server: str) -> None:
    _open(page, app_server, "map?lang=en")
    _tab_to(page, {"testid": "stSlider"})
    page.keyboard.press("ArrowRight")
    page.wait_for_url(re.compile(r"[?&]width=10\.5\b"), timeout=APP_TIMEOUT_MS)
    wait_for_app(page)
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    page.wait_for_url(re.compile(r"[?&]width=9\.5\b"), timeout=APP_TIMEOUT_MS)
    page_log.assert_clean()


@pytest.mark.browser
def test_timeline_selection_by_keyboard(page: Page, page_log: PageLog, app_server: str) -> None:
    _open(page, app_server, "timeline?lang=en")
    _tab_to(page, {"testid": "data-grid-canvas"})
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Shift+Space")
    page.wait_for_url(re.compile(r"[?&]event=[\w-]+"), timeout=APP_TIMEOUT_MS)
    wait_for_app(page)
    details = page.locator(".st-key-timeline_event_details")
    details.wait_for(timeout=APP_TIMEOUT_MS)
    event_id = re.search(r"[?&]event=([\w-]+)", page.url)
    assert event_id is not None
    assert real_briefing().event(event_id.group(1)).title.en in details.inner_text()
    page_log.assert_clean()


@pytest.mark.browser
def test_downloads_by_keyboard(page: Page, page_log: PageLog, app_server: str) -> None:
    _open(page, app_server, "data?lang=en")
    _tab_to(page, {"tag": "BUTTON", "label": t("data_dl_csv", "en")})
    with page.expect_download(timeout=APP_TIMEOUT_MS) as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename.endswith(".csv")
    page_log.assert_clean()


@pytest.mark.browser
def test_the_places_list_is_reachable_without_a_mouse(
    page: Page, page_log: PageLog, app_server: str
) -> None:
    _open(page, app_server, "map?lang=ar")
    _tab_to(page, {"tag": "A", "href": f"#{PLACES_LIST_ID}"})
    page.keyboard.press("Enter")
    page.wait_for_function(
        "id => document.activeElement && document.activeElement.id === id",
        arg=PLACES_LIST_ID,
        timeout=APP_TIMEOUT_MS,
    )
    places = page.locator(f"#{PLACES_LIST_ID}")
    text = places.inner_text()
    for place in real_briefing().places:
        assert place.name.ar in text
    box = places.bounding_box()
    viewport = page.viewport_size
    assert box is not None and viewport is not None
    assert 0 <= box["y"] < viewport["height"]  # scrolled to
    page_log.assert_clean()
