"""The Incidents page in a real browser: import an ACLED export through the page, read what
was imported and rejected, then move the band width and watch the figures and the map follow;
zooming the map never reaches the server."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import Frame, Page
from streamlit.proto.BackMsg_pb2 import BackMsg

from gapwatch.i18n import t
from gapwatch.incidents.store import IncidentStore
from tests.browser import APP_TIMEOUT_MS, PageLog, wait_for_app
from tests.support import synthetic_acled_csv

MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
LEAFLET_MAP = "Object.values(window).find(v => v instanceof L.Map)"
QUIET_S = 4.0
# The single events the incidents layer shows now, by colour: inside the band (vermillion)
# and outside (blue). Walks the live map, since st_folium keeps old layers in its list.
POINT_COLOURS = f"""(() => {{
    const out = {{inside: 0, outside: 0}};
    {LEAFLET_MAP}.eachLayer(l => {{
        const point = l instanceof L.CircleMarker && !(l instanceof L.Circle);
        if (!point || l.options.pane === "gw_places") return;
        const c = (l.options.fillColor || l.options.color || "").toUpperCase();
        if (c === "#D55E00") out.inside += 1;
        if (c === "#0072B2") out.outside += 1;
    }});
    return out;
}})()"""
# The hexagons on the map now: shapes whose tooltip carries a cell token.
HEXAGONS = f"""(() => {{
    let n = 0;
    {LEAFLET_MAP}.eachLayer(l => {{
        const tip = l.getTooltip && l.getTooltip();
        if (tip && String(tip.getContent()).includes("[[cell:")) n += 1;
    }});
    return n;
}})()"""
BAND_EDGE = """() => {
    const plot = [...document.querySelectorAll('.js-plotly-plot')]
        .find(p => (p.layout.shapes || []).some(s => s.name === 'band'));
    return plot.layout.shapes.find(s => s.name === 'band').x1;
}"""


def _map(page: Page) -> Frame:
    handle = page.wait_for_selector(MAP_IFRAME, timeout=APP_TIMEOUT_MS)
    assert handle is not None
    frame = handle.content_frame()
    assert frame is not None
    frame.wait_for_selector(".leaflet-container", timeout=APP_TIMEOUT_MS)
    return frame


def _sent_log(page: Page) -> list[str]:
    """The types of the messages the page sends on its websocket (a rerun: `rerun_script`)."""
    sent: list[str] = []

    def record(payload: bytes | str) -> None:
        data = payload.encode() if isinstance(payload, str) else payload
        sent.append(BackMsg.FromString(data).WhichOneof("type") or "?")

    page.on("websocket", lambda ws: ws.on("framesent", record))
    return sent


def _metric(page: Page, label: str) -> str:
    metric = page.locator("[data-testid=stMetric]").filter(has_text=label).first
    return metric.locator("[data-testid=stMetricValue]").inner_text()


@pytest.mark.browser
def test_import_an_acled_export_then_the_width_moves_figures_and_map(
    page: Page, page_log: PageLog, app_server: str, incident_store: Path, tmp_path: Path
) -> None:
    upload = tmp_path / "acled-browser.csv"
    upload.write_bytes(synthetic_acled_csv())
    sent = _sent_log(page)
    page.goto(f"{app_server}/incidents?lang=en")
    wait_for_app(page)
    _map(page)

    page.locator("[data-testid=stFileUploader] input[type=file]").first.set_input_files(upload)
    page.get_by_label(t("inc_upload_name", "en")).fill("acled-browser")
    page.get_by_role("button", name=t("inc_import_button", "en")).click()
    page.wait_for_url(re.compile(r"dataset=acled-browser"), timeout=APP_TIMEOUT_MS)
    wait_for_app(page)

    # What was read, imported and rejected, and the rejected rows with their reasons.
    assert _metric(page, t("inc_count_read", "en")) == "7"
    assert _metric(page, t("inc_count_imported", "en")) == "5"
    assert _metric(page, t("inc_count_rejected", "en")) == "2"
    assert page.get_by_role("button", name=t("inc_dl_rejected", "en")).is_visible()
    assert "acled-browser" in [d.name for d in IncidentStore(incident_store).datasets()]

    # The page now shows the imported events: at 10 km one event is inside the band.
    assert _metric(page, t("inc_inside", "en")) == "1"
    frame = _map(page)
    frame.wait_for_function(f"() => {POINT_COLOURS}.inside === 1", timeout=APP_TIMEOUT_MS)
    assert frame.evaluate(f"() => {POINT_COLOURS}") == {"inside": 1, "outside": 3}
    assert frame.evaluate(f"() => {HEXAGONS}") >= 3
    assert page.evaluate(BAND_EDGE) == 5

    # Widest band: the approximate event 7.9 km from the line joins it, everywhere.
    page.get_by_role("slider").focus()
    page.keyboard.press("End")
    page.wait_for_url(re.compile(r"width=20"), timeout=APP_TIMEOUT_MS)
    wait_for_app(page)
    page.wait_for_function(f"() => ({BAND_EDGE})() === 10", timeout=APP_TIMEOUT_MS)
    assert _metric(page, t("inc_inside", "en")) == "2"
    frame = _map(page)
    frame.wait_for_function(f"() => {POINT_COLOURS}.inside === 2", timeout=APP_TIMEOUT_MS)
    assert frame.evaluate(f"() => {POINT_COLOURS}") == {"inside": 2, "outside": 2}

    # Zooming the map sends nothing to the server.
    before = len(sent)
    zoom = int(frame.evaluate(f"() => {LEAFLET_MAP}.getZoom()"))
    page.frame_locator(MAP_IFRAME).locator(".leaflet-control-zoom-in").click()
    frame.wait_for_function(f"() => {LEAFLET_MAP}.getZoom() === {zoom + 1}")
    time.sleep(QUIET_S)
    assert sent[before:] == [], f"zooming sent messages to the server: {sent[before:]}"
    page_log.assert_clean()
