"""The Data page in a real browser: downloads arrive, and the map file opens with no network."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, Route

from gapwatch.i18n import t
from tests.browser import APP_TIMEOUT_MS, PageLog, wait_for_app, watch

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
ACLED_HEADER = (
    "event_date,time_precision,event_type,sub_event_type,actor1,actor2,admin1,location,"
    "latitude,longitude,geo_precision,source,notes"
)


def _download(page: Page, label: str, target: Path) -> Path:
    """Click the download button called `label` and save what the browser receives."""
    button = page.get_by_role("button", name=label, exact=True)
    with page.expect_download(timeout=APP_TIMEOUT_MS) as info:
        button.click()
    download = info.value
    assert download.failure() is None
    path = target / download.suggested_filename
    download.save_as(path)
    return path


@pytest.mark.browser
def test_the_csv_download_is_acled_shaped_and_follows_the_filters(
    page: Page, page_log: PageLog, app_server: str, tmp_path: Path
) -> None:
    page.goto(f"{app_server}/data?lang=en&place=erbil")
    wait_for_app(page)
    page.get_by_text("1 of 6 events (filtered).").wait_for()
    path = _download(page, t("data_dl_csv", "en"), tmp_path)
    assert path.name == "gapwatch-events.csv"
    lines = path.read_bytes().decode("utf-8-sig").splitlines()
    assert lines[0] == ACLED_HEADER
    assert len(lines) == 2 and ",Erbil,36.19117,44.00943,1," in lines[1]
    page_log.assert_clean()


@pytest.mark.browser
def test_the_map_download_opens_with_every_network_request_blocked(
    page: Page, page_log: PageLog, app_server: str, tmp_path: Path
) -> None:
    page.goto(f"{app_server}/data?lang=ar&width=12")
    wait_for_app(page)
    path = _download(page, t("data_dl_map", "ar"), tmp_path)
    assert path.name == "gapwatch-map-ar.html"
    page_log.assert_clean()

    offline = page.context.new_page()
    offline_log = watch(offline)
    network: list[str] = []

    def block(route: Route) -> None:
        network.append(route.request.url)
        route.abort()

    offline.route("http://**/*", block)
    offline.route("https://**/*", block)
    offline.on(
        "request",
        lambda request: (
            None if request.url.startswith(("file:", "data:")) else network.append(request.url)
        ),
    )
    offline.goto(path.as_uri())
    offline.wait_for_selector(".leaflet-container", timeout=APP_TIMEOUT_MS)
    # The drawn layers are there: vector paths (governorates, bands) in the overlay pane.
    offline.wait_for_function(
        "() => document.querySelectorAll('.leaflet-overlay-pane path').length > 5",
        timeout=APP_TIMEOUT_MS,
    )
    assert network == []
    offline_log.assert_clean()
    ARTIFACTS.mkdir(exist_ok=True)
    offline.screenshot(path=ARTIFACTS / "test_the_map_download_opened_offline.png")
    offline.close()
