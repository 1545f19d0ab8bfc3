"""The app loads in a real browser, titled, with no error and no request off this machine."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser import PageLog, wait_for_app


@pytest.mark.browser
def test_app_loads_offline_and_clean(app_server: str, page: Page, page_log: PageLog) -> None:
    page.goto(app_server)
    wait_for_app(page)

    assert "Gap Watch" in page.title()
    heading = page.locator("h1").first
    assert "Gap Watch" in heading.inner_text()
    page_log.assert_clean()
