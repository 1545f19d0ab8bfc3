"""Kill the server mid-session: the page says it lost the connection and, once a server is
back on the same address, the view is restored from the URL (the new server knows nothing of
the old session). Bounded in time: each wait has its own timeout."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser

from gapwatch.i18n import t
from tests.browser import APP_TIMEOUT_MS, free_port, streamlit_server, wait_for_app, watch
from tests.support import PROJECT_DIR as ROOT

#: How long the page may take to notice the server is gone (Streamlit pings every few seconds).
LOST_TIMEOUT_MS = 45_000


@pytest.mark.browser
def test_a_lost_connection_is_shown_and_the_view_comes_back(browser: Browser) -> None:
    port = free_port()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log = watch(page)
    try:
        with streamlit_server("app.py", ROOT, port=port) as (base_url, _):
            page.goto(f"{base_url}/map?lang=ar")
            wait_for_app(page)
            # The reader changes the view: only the URL keeps it.
            page.get_by_role("slider").focus()
            page.keyboard.press("ArrowRight")
            page.wait_for_url(re.compile(r"[?&]width=10\.5\b"), timeout=APP_TIMEOUT_MS)
            wait_for_app(page)
        # The server is gone.
        dialog = page.get_by_role("dialog").filter(has_text=re.compile("Connection error"))
        dialog.wait_for(timeout=LOST_TIMEOUT_MS)
        assert "not responding" in dialog.inner_text()

        with streamlit_server("app.py", ROOT, port=port):
            page.wait_for_selector(
                "[data-testid='stApp'][data-test-connection-state='CONNECTED']",
                state="attached",
                timeout=APP_TIMEOUT_MS,
            )
            dialog.wait_for(state="detached", timeout=APP_TIMEOUT_MS)
            wait_for_app(page)
            heading = page.get_by_role("heading", level=2).filter(has_text=t("page_map", "ar"))
            heading.wait_for(timeout=APP_TIMEOUT_MS)
            assert re.search(r"[?&]width=10\.5\b", page.url) and "lang=ar" in page.url
            slider = page.get_by_role("slider")
            slider.wait_for(timeout=APP_TIMEOUT_MS)
            assert float(slider.input_value()) == 10.5
            assert page.locator("[data-testid='stException']").count() == 0
    finally:
        context.close()
    # While the server was down the browser logged failed websocket and ping requests; what
    # matters is that nothing else went wrong and nothing left the machine.
    assert not log.page_errors and not log.foreign_requests, log.problems()
