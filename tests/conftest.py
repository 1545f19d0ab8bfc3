"""Shared fixtures: a real Streamlit server and a real Chromium for the browser tests.

Browser tests are marked ``@pytest.mark.browser``. They use:

- ``app_server``: the base URL of ``app.py`` served by Streamlit on a free loopback port;
- ``browser``: one headless Chromium for the session (Debian's, see ``tests/browser.py``);
- ``page``: a fresh page (1280x900, en-US) and ``page_log``: what that page did wrong
  (console errors, uncaught exceptions, requests to other hosts). A screenshot of every page
  is saved to ``test-artifacts/<test name>.png``.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from playwright.sync_api import Browser, Page, Playwright, sync_playwright

from gapwatch.briefing import Briefing
from tests.browser import (
    CHROMIUM_ARGS,
    PageLog,
    chromium_path,
    streamlit_server,
    watch,
)
from tests.support import real_briefing

# Property tests run on a busy 2-core machine beside the browser tests: no per-example
# deadline (a slow example is not a wrong one) and no health check on generation speed. The
# examples are still random each run; a failure prints the blob that reproduces it.
settings.register_profile(
    "gapwatch",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.load_profile("gapwatch")

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
SERVER_START_TIMEOUT_S = 60.0
SERVER_STOP_GRACE_S = 10.0


@pytest.fixture(scope="session", autouse=True)
def incident_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """An empty incident store for the whole run ($GAPWATCH_STORE), set before any app or
    server starts.

    Why: the app keeps imported datasets in $GAPWATCH_STORE, by default the user's own data
    folder; a test run must neither read a developer's datasets nor leave its own behind.
    """
    folder = tmp_path_factory.mktemp("incident-store")
    previous = os.environ.get("GAPWATCH_STORE")
    os.environ["GAPWATCH_STORE"] = str(folder)
    yield folder
    if previous is None:
        os.environ.pop("GAPWATCH_STORE", None)
    else:
        os.environ["GAPWATCH_STORE"] = previous


@pytest.fixture(scope="session")
def app_server(incident_store: Path) -> Iterator[str]:
    """Serve ``app.py`` with Streamlit, as a reader gets it, and yield its base URL.

    Why: only a real server and browser show what a reader sees: the page title, that the
    map's iframe loads its assets from the app itself with no internet, that nothing calls
    another host, and that clicks rerun what they should. ``AppTest`` cannot see inside the
    map or the charts. One server for the whole session keeps the suite fast; a free port
    lets it run beside ``make run``. It stops in a finalizer (terminate, then kill).
    """
    try:
        with streamlit_server("app.py", ROOT, SERVER_START_TIMEOUT_S, SERVER_STOP_GRACE_S) as (
            base_url,
            _,
        ):
            yield base_url
    except RuntimeError as error:
        pytest.fail(str(error), pytrace=False)


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Playwright]:
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    """One headless Chromium for the session.

    ``$GAPWATCH_CHROMIUM``, else Debian's ``/usr/bin/chromium``, else Playwright's own. If none
    launches, the browser tests fail, locally as in CI: a browser test that cannot run has not
    passed. (`make test-quick` runs everything but the browser tests.)
    """
    executable = chromium_path()
    try:
        launched = playwright_instance.chromium.launch(
            executable_path=executable, args=CHROMIUM_ARGS, headless=True
        )
    except Exception as exc:
        which = executable or "Playwright's own Chromium"
        message = (
            f"cannot launch {which}: {exc}\n"
            "Install one (`make test` does: apt-get install chromium as root, else "
            "`python -m playwright install chromium`) or set GAPWATCH_CHROMIUM."
        )
        pytest.fail(message, pytrace=False)
    yield launched
    launched.close()


def _artifact_name(node_name: str) -> str:
    return re.sub(r"[^\w.-]+", "_", node_name).strip("_") or "test"


@pytest.fixture
def _page_and_log(
    browser: Browser, request: pytest.FixtureRequest
) -> Iterator[tuple[Page, PageLog]]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    page = context.new_page()
    log = watch(page)
    try:
        yield page, log
    finally:
        try:
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(
                path=ARTIFACTS / f"{_artifact_name(request.node.name)}.png", full_page=True
            )
        except Exception as exc:  # a screenshot must never hide the test's own result
            print(f"screenshot failed: {exc}", file=sys.stderr)  # noqa: T201
        context.close()


@pytest.fixture
def page(_page_and_log: tuple[Page, PageLog]) -> Page:
    """A fresh page in its own context (1280x900, en-US); screenshot saved at teardown."""
    return _page_and_log[0]


@pytest.fixture
def page_log(_page_and_log: tuple[Page, PageLog]) -> PageLog:
    """Console errors, uncaught exceptions and off-machine requests of ``page`` so far."""
    return _page_and_log[1]


@pytest.fixture
def briefing() -> Briefing:
    """The shipped briefing, loaded once per run: the data every unit test reasons about."""
    return real_briefing()
