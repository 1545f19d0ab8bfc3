"""The Map page in a real browser: the map appears with no internet, zooming never reaches the
server, the band width changes without losing the reader's zoom, and a click on a place shows
what the article says there."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Frame, Page
from streamlit.proto.BackMsg_pb2 import BackMsg

from gapwatch.i18n import Lang, format_fuzzy_date, t
from tests.browser import APP_TIMEOUT_MS, MAP_IFRAME, PageLog, wait_for_app
from tests.support import real_briefing

LEAFLET_MAP = "Object.values(window).find(v => v instanceof L.Map)"
# Installed in every frame before its own scripts: counts the runs of st_folium's report
# (`updateComponentValue`, debounced after mounting, zooming, panning and clicking: the one
# place that reads `wrap_longitude`) and the reports it actually sends to Streamlit (the only
# path that writes `previous_data`). So a test waits for the report itself, not for a time.
COUNT_REPORTS = """(() => {
    let data;
    window.gwReports = 0;
    window.gwSent = 0;
    Object.defineProperty(window, "__GLOBAL_DATA__", {
        configurable: true,
        get() { return data; },
        set(value) {
            data = new Proxy(value, {
                get(target, key) {
                    if (key === "wrap_longitude") window.gwReports += 1;
                    return target[key];
                },
                set(target, key, v) {
                    if (key === "previous_data") window.gwSent += 1;
                    target[key] = v;
                    return true;
                },
            });
        },
    });
})();"""


def _reports(frame: Frame) -> tuple[int, int]:
    """(st_folium reports run so far, reports sent to Streamlit so far)."""
    runs, sent = frame.evaluate("() => [window.gwReports, window.gwSent]")
    return int(runs), int(sent)


def _wait_for_report(frame: Frame, after: int) -> None:
    """Wait until st_folium has run its report more than `after` times."""
    frame.wait_for_function(f"() => window.gwReports > {after}", timeout=APP_TIMEOUT_MS)


def _open_map(page: Page, app_server: str, query: str) -> Frame:
    """Open the Map page and wait until Leaflet has drawn it, gap band included."""
    page.goto(f"{app_server}/map?{query}")
    wait_for_app(page)
    handle = page.wait_for_selector(MAP_IFRAME, timeout=APP_TIMEOUT_MS)
    assert handle is not None
    frame = handle.content_frame()
    assert frame is not None
    frame.wait_for_selector(".leaflet-container", timeout=APP_TIMEOUT_MS)
    frame.wait_for_function(
        "() => window.map && (window.feature_group || []).some(g => window.map.hasLayer(g))",
        timeout=APP_TIMEOUT_MS,
    )
    return frame


def _sent_log(page: Page) -> list[str]:
    """The types of the messages the page sends to the server on its websocket, as it sends
    them (a script rerun is one `rerun_script`)."""
    sent: list[str] = []

    def record(payload: bytes | str) -> None:
        data = payload.encode() if isinstance(payload, str) else payload
        sent.append(BackMsg.FromString(data).WhichOneof("type") or "?")

    page.on("websocket", lambda ws: ws.on("framesent", record))
    return sent


def _zoom(frame: Frame) -> int:
    return int(frame.evaluate(f"() => {LEAFLET_MAP}.getZoom()"))


# The tooltips of the gap layer the map shows now (st_folium keeps old ones in the list).
GAP_TOOLTIPS = """(() => {
    const group = window.feature_group.find(g => window.map.hasLayer(g));
    const tips = [];
    group.eachLayer(geo => geo.eachLayer && geo.eachLayer(l => {
        if (l.getTooltip && l.getTooltip()) tips.push(l.getTooltip().getContent());
    }));
    return tips.join(" ");
})()"""


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_map_appears_offline_with_every_layer_drawn(
    page: Page, page_log: PageLog, app_server: str, lang: Lang
) -> None:
    frame = _open_map(page, app_server, f"lang={lang}")

    # Governorates, their borders (the national one among them), rivers, lakes, the zones and
    # places: vector paths, drawn by the map's script from compact data.
    assert frame.locator("path").count() > 40
    assert frame.locator("path.leaflet-interactive").count() > 35
    # Decoded the right way round: one of the three Kurdistan Region governorates, as drawn,
    # contains Erbil's marker (a point-in-polygon test on what Leaflet holds, [lat, lng]).
    governorate = t("map_kri_governorate", lang)
    found = frame.evaluate(
        f"""() => {{
            const map = {LEAFLET_MAP};
            let erbil = null, kri = 0, inside = false;
            map.eachLayer(l => {{
                if (l instanceof L.CircleMarker && l.getTooltip()
                    && l.getTooltip().getContent().includes("[[place:erbil]]")) erbil = l;
            }});
            const p = erbil.getLatLng();
            const rings = (a) => a.length && a[0] instanceof L.LatLng ? [a] : a.flatMap(rings);
            const contains = (ring) => {{
                let c = false;
                for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {{
                    const [a, b] = [ring[i], ring[j]];
                    const cross = (b.lng - a.lng) * (p.lat - a.lat) / (b.lat - a.lat) + a.lng;
                    if ((a.lat > p.lat) !== (b.lat > p.lat) && p.lng < cross) c = !c;
                }}
                return c;
            }};
            map.eachLayer(l => {{
                const tip = l.getTooltip && l.getTooltip() && l.getTooltip().getContent();
                const kind = typeof tip === "string" && tip.includes({governorate!r});
                if (l instanceof L.Polygon && kind) {{
                    kri += 1;
                    if (rings(l.getLatLngs()).some(contains)) inside = true;
                }}
            }});
            return [kri, inside];
        }}"""
    )
    assert found == [3, True], found
    assert frame.locator(".leaflet-control-scale-line").first.is_visible()
    assert frame.locator(".leaflet-control-layers").count() == 1
    assert "COD-AB" in frame.locator(".leaflet-control-attribution").inner_text()
    legend = frame.locator(".gw-legend")
    assert t("map_legend", lang) in legend.inner_text()
    assert t("map_lg_outskirts", lang) in legend.inner_text()
    # Erbil's tooltip names it in the page's language first, in its direction.
    tip = frame.evaluate(
        f"""() => {{
            let found = null;
            {LEAFLET_MAP}.eachLayer(l => {{
                if (l instanceof L.CircleMarker && l.getTooltip()
                    && l.getTooltip().getContent().includes("[[place:erbil]]")) found = l;
            }});
            return found.getTooltip().getContent();
        }}"""
    )
    assert f'dir="{"rtl" if lang == "ar" else "ltr"}"' in tip
    assert f"<b>{real_briefing().place('erbil').name.in_lang(lang)}</b>" in tip
    # No tile server, no CDN: nothing left this machine (the online layer starts off).
    page_log.assert_clean()


@pytest.mark.browser
def test_zooming_changes_the_zoom_and_sends_nothing_to_the_server(
    page: Page, page_log: PageLog, app_server: str
) -> None:
    page.add_init_script(COUNT_REPORTS)
    sent = _sent_log(page)
    frame = _open_map(page, app_server, "lang=en")
    _wait_for_report(frame, 0)  # the report st_folium makes once the map has mounted
    # Loading the page runs the script once; the map mounting must not run it again.
    assert _reports(frame)[1] == 0, "the mounted map sent its state to Streamlit"
    assert sent.count("rerun_script") == 1, sent
    before, (runs, _) = len(sent), _reports(frame)
    zoom = _zoom(frame)

    page.frame_locator(MAP_IFRAME).locator(".leaflet-control-zoom-in").click()
    frame.wait_for_function(f"() => {LEAFLET_MAP}.getZoom() === {zoom + 1}")
    _wait_for_report(frame, runs)  # the report that follows the zoom

    assert _zoom(frame) == zoom + 1
    assert _reports(frame)[1] == 0, "zooming sent the map's state to Streamlit"
    assert len(sent) == before, f"zooming sent a message to the server: {sent[before:]}"
    page_log.assert_clean()


@pytest.mark.browser
def test_a_new_band_width_keeps_the_readers_zoom(
    page: Page, page_log: PageLog, app_server: str
) -> None:
    frame = _open_map(page, app_server, "lang=en&width=10")
    page.frame_locator(MAP_IFRAME).locator(".leaflet-control-zoom-in").click()
    frame.wait_for_function(f"() => {LEAFLET_MAP}.getZoom() === 8")
    frame.evaluate("() => { window.__same_document = true; }")
    assert "10 km wide" in frame.evaluate(f"() => {GAP_TOOLTIPS}")

    slider = page.get_by_role("slider")
    slider.focus()
    page.keyboard.press("ArrowRight")
    frame.wait_for_function(
        f"() => {GAP_TOOLTIPS}.includes('10.5 km wide')", timeout=APP_TIMEOUT_MS
    )

    assert frame.evaluate("() => window.__same_document") is True, "the map was reloaded"
    assert _zoom(frame) == 8
    assert "width=10.5" in page.url
    page_log.assert_clean()


@pytest.mark.browser
def test_clicking_a_place_shows_its_events_below_the_map(
    page: Page, page_log: PageLog, app_server: str
) -> None:
    frame = _open_map(page, app_server, "lang=en")
    details = page.locator(".st-key-map_place_details")
    assert details.count() == 0
    event = real_briefing().event("erbil-round-2019-02-04")

    _click_erbil(page, frame)

    details.wait_for(timeout=APP_TIMEOUT_MS)
    text = details.inner_text()
    assert event.title.en in text
    assert format_fuzzy_date(event.date, "en") in text
    assert t(event.status, "en") in text
    assert event.spans[0].text_ar in text
    page.wait_for_url(re.compile(r"focus=erbil"), timeout=APP_TIMEOUT_MS)

    # Cleared, then clicked again: the same place must come back.
    page.get_by_role("button", name=t("map_clear_focus", "en")).click()
    details.wait_for(state="detached", timeout=APP_TIMEOUT_MS)
    _click_erbil(page, frame)
    details.wait_for(timeout=APP_TIMEOUT_MS)
    assert event.title.en in details.inner_text()
    page_log.assert_clean()


def _click_erbil(page: Page, frame: Frame) -> None:
    """Click Erbil's circle marker where Leaflet draws it."""
    page.locator(MAP_IFRAME).scroll_into_view_if_needed()
    point = frame.evaluate(
        f"""() => {{
            const map = {LEAFLET_MAP};
            let erbil = null;
            map.eachLayer(l => {{
                if (l instanceof L.CircleMarker && l.getTooltip()
                    && l.getTooltip().getContent().includes("[[place:erbil]]")) erbil = l;
            }});
            const p = map.latLngToContainerPoint(erbil.getLatLng());
            return [p.x, p.y, erbil.getLatLng().lat, erbil.getLatLng().lng];
        }}"""
    )
    assert point[2:] == pytest.approx([36.19117, 44.00943])  # Leaflet: [lat, lng]
    box = page.locator(MAP_IFRAME).bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + point[0], box["y"] + point[1])
