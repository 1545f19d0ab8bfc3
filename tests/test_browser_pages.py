"""Every page in a real browser: it loads clean and offline, titled, in English and right to
left in Arabic; and a key-point card leads to its source sentence, highlighted."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from gapwatch.i18n import t
from tests.browser import APP_TIMEOUT_MS, PageLog, wait_for_app
from tests.support import real_briefing

# (url_path, what the page is) — the Overview is the default page, served at the root.
PAGES = [
    ("", "overview"),
    ("timeline", "timeline"),
    ("map", "map"),
    ("source", "source"),
    ("data", "data"),
]

DIRECTION = """() => getComputedStyle(
    document.querySelector('[data-testid="stMain"]')
    ?? document.querySelector('[data-testid="stAppViewContainer"]')
).direction"""


def _open(page: Page, app_server: str, url_path: str, lang: str) -> None:
    page.goto(f"{app_server}/{url_path}?lang={lang}")
    wait_for_app(page)


@pytest.mark.browser
@pytest.mark.parametrize(("url_path", "name"), PAGES, ids=[name for _, name in PAGES])
def test_every_page_loads_clean_in_english_and_right_to_left_in_arabic(
    page: Page, page_log: PageLog, app_server: str, url_path: str, name: str
) -> None:
    _open(page, app_server, url_path, "en")
    heading = page.locator("h1").first
    heading.wait_for(timeout=APP_TIMEOUT_MS)
    assert "Gap Watch" in heading.inner_text()
    assert page.evaluate(DIRECTION) == "ltr"
    assert page.locator('[data-testid="stException"]').count() == 0
    assert "Page not found" not in page.locator("body").inner_text()
    # The browser tab names the page, then the app, in the reader's language.
    expect(page).to_have_title(f"{t(f'page_{name}', 'en')} · Gap Watch")

    _open(page, app_server, url_path, "ar")
    heading = page.get_by_role("heading", level=1).filter(has_text=t("app_title_full", "ar"))
    heading.wait_for(timeout=APP_TIMEOUT_MS)
    assert heading.is_visible()
    assert page.evaluate(DIRECTION) == "rtl"
    # The sidebar's page links are in Arabic too.
    assert page.get_by_text(t("page_source", "ar"), exact=True).first.is_visible()
    expect(page).to_have_title(f"{t(f'page_{name}', 'ar')} · مرصد الفجوات")
    assert page.locator('[data-testid="stException"]').count() == 0
    page_log.assert_clean()


@pytest.mark.browser
def test_a_key_point_card_leads_to_its_source_sentence_highlighted(
    page: Page, page_log: PageLog, app_server: str
) -> None:
    briefing = real_briefing()
    key_point = min(briefing.key_points, key=lambda k: k.number)
    quote = key_point.spans[0]
    _open(page, app_server, "", "en")
    cards = page.locator(".gw-card")
    assert cards.count() == 3
    first = cards.first
    assert key_point.title.en in first.inner_text()
    # Three cards side by side at 1280 px, none cut off.
    boxes = [cards.nth(i).bounding_box() for i in range(3)]
    assert all(box is not None for box in boxes)
    tops = {round(box["y"]) for box in boxes if box}
    assert len(tops) == 1

    first.locator("a.gw-source-link").click()
    page.wait_for_url(re.compile(r"/source\?lang=en&item=field-survey#p-11$"))
    wait_for_app(page)

    strong = page.locator("mark.gw-focus[title]")
    strong.first.wait_for(timeout=APP_TIMEOUT_MS)
    assert quote.text_ar in "".join(strong.all_inner_texts())
    assert "Key point 1" in (strong.first.get_attribute("title") or "")
    # The page opened at the cited paragraph, which is framed as the focus.
    anchor = page.locator(f"#p-{quote.paragraph}")
    page.wait_for_function(
        """id => { const r = document.getElementById(id).getBoundingClientRect();
                   return r.top >= 0 && r.top < window.innerHeight; }""",
        arg=f"p-{quote.paragraph}",
        timeout=APP_TIMEOUT_MS,
    )
    assert anchor.locator("xpath=ancestor::div[contains(@class,'gw-para-focus')]").count() == 1
    # Marks of other items are not in the strong style.
    assert page.locator("mark.gw-cite[title]:not(.gw-focus)").count() > 0
    page_log.assert_clean()
