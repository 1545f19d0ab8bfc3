"""The Timeline page in a real browser: filters redraw the bars, a click opens the details,
a copied link reproduces the view, and Arabic reads right to left."""

from __future__ import annotations

import pytest
from playwright.sync_api import Locator, Page

from components.filter_panel import option_labels
from tests.browser import APP_TIMEOUT_MS, PageLog, wait_for_app, watch
from tests.support import real_briefing

# The ids of the events drawn as bars, read from the live chart (legend-only traces carry none).
_DRAWN_IDS_JS = """() => {
  const plot = document.querySelector('.js-plotly-plot');
  if (!plot || !plot.data) return null;
  return plot.data.filter(t => t.type === 'bar')
    .flatMap(t => (t.customdata || []).map(row => row[0])).sort();
}"""

# Bars plotly actually drew: legend-only entries leave an empty path ("M0,0Z").
_VISIBLE_BARS_JS = """() => Array.from(
  document.querySelectorAll('.js-plotly-plot .barlayer .point path')
).filter(p => (p.getAttribute('d') || 'M0,0Z') !== 'M0,0Z').length"""

# [trace, point] of an event's bar among the bar traces, in drawing order.
_BAR_INDEX_JS = """(id) => {
  let n = 0;
  for (const t of document.querySelector('.js-plotly-plot').data) {
    if (t.type !== 'bar') continue;
    const rows = t.customdata || [];
    for (let i = 0; i < rows.length; i++) if (rows[i][0] === id) return [n, i];
    n++;
  }
  return null;
}"""

ERBIL_ROUND = "erbil-round-2019-02-04"
LATE_2018 = "late-2018-meetings"
_TABLE_ROW_PX = 35  # st.dataframe's header and row height


def open_timeline(page: Page, base_url: str, query: str) -> None:
    page.goto(f"{base_url}/timeline?{query}")
    wait_for_app(page)
    page.wait_for_selector(".js-plotly-plot .barlayer .point", timeout=APP_TIMEOUT_MS)


def wait_for_bars(page: Page, count: int) -> list[str]:
    """Wait until the chart draws exactly `count` bars; return the ids of their events."""
    page.wait_for_function(
        f"() => ({_DRAWN_IDS_JS})()?.length === {count} && ({_VISIBLE_BARS_JS})() === {count}",
        timeout=APP_TIMEOUT_MS,
    )
    ids: list[str] = page.evaluate(_DRAWN_IDS_JS)
    return ids


def bar(page: Page, event_id: str) -> Locator:
    index = page.evaluate(_BAR_INDEX_JS, event_id)
    assert index is not None, f"no bar for {event_id}"
    trace, point = index
    return page.locator(".js-plotly-plot .barlayer .trace").nth(trace).locator(".point").nth(point)


def centre_x(locator: Locator) -> float:
    box = locator.bounding_box()
    assert box is not None
    return box["x"] + box["width"] / 2


def description(page: Page) -> str:
    return page.locator(".gw-filter-description").inner_text()


@pytest.mark.browser
def test_a_place_in_the_link_draws_fewer_bars(
    app_server: str, page: Page, page_log: PageLog
) -> None:
    open_timeline(page, app_server, "lang=en")
    everything = wait_for_bars(page, 6)

    open_timeline(page, app_server, "lang=en&place=erbil")
    assert wait_for_bars(page, 1) == [ERBIL_ROUND]
    assert ERBIL_ROUND in everything
    assert "Showing events at Erbil." in description(page)
    page_log.assert_clean()


def choose_place(page: Page, option: str, place_id: str) -> None:
    """Pick a place in the sidebar's place filter, as a reader does, and wait for the rerun."""
    places = page.locator("[data-testid=stSidebar] [data-testid=stMultiSelect]").filter(
        has_text="Places"
    )
    places.click()
    page.get_by_role("option", name=option).click()
    page.keyboard.press("Escape")
    page.wait_for_function(f"() => location.search.includes('place={place_id}')")
    wait_for_app(page)


def switch_to_arabic(page: Page) -> None:
    """Choose Arabic in the sidebar, as a reader does, and wait for the whole page to rerun."""
    page.locator("[data-testid=stSidebar]").get_by_text("العربية", exact=True).click()
    page.wait_for_function("() => location.search.includes('lang=ar')")
    wait_for_app(page)


@pytest.mark.browser
def test_choosing_a_place_redraws_the_bars_and_the_copied_link_reproduces_them(
    app_server: str, page: Page, page_log: PageLog
) -> None:
    open_timeline(page, app_server, "lang=en")
    wait_for_bars(page, 6)

    choose_place(page, "Baghdad (2)", "baghdad")
    chosen = wait_for_bars(page, 2)
    assert chosen == sorted(["baghdad-meeting-2018-12-26", LATE_2018])
    said = description(page)
    assert "Baghdad" in said

    # A colleague opens the copied link in a fresh tab: same bars, same description.
    copied = page.url
    other = page.context.new_page()
    other_log = watch(other)
    other.goto(copied)
    wait_for_app(other)
    assert wait_for_bars(other, 2) == chosen
    assert description(other) == said
    assert "Baghdad (2)" in other.locator("[data-testid=stSidebar]").inner_text()
    other_log.assert_clean()
    page_log.assert_clean()


@pytest.mark.browser
def test_a_row_of_the_filtered_list_opens_its_event_and_a_language_switch_keeps_the_view(
    app_server: str, page: Page, page_log: PageLog
) -> None:
    # The filters, chart and list rerun on their own (a fragment) and the list is updated in
    # place: a row must still open the event it shows, and the whole page (language) must
    # still rerun around them.
    open_timeline(page, app_server, "lang=en")
    wait_for_bars(page, 6)
    choose_place(page, "Erbil (1)", "erbil")
    assert wait_for_bars(page, 1) == [ERBIL_ROUND]

    table = page.locator("[data-testid=stDataFrame]")
    table.scroll_into_view_if_needed()
    box = table.bounding_box()
    assert box is not None
    # The first row of the filtered list (the full list starts with another event); the row
    # markers are the first column.
    page.mouse.click(box["x"] + 16, box["y"] + _TABLE_ROW_PX + _TABLE_ROW_PX / 2)
    details = page.locator(".gw-event-details")
    details.wait_for(timeout=APP_TIMEOUT_MS)
    wait_for_app(page)
    assert f"event={ERBIL_ROUND}" in page.url
    event = real_briefing().event(ERBIL_ROUND)
    assert details.locator("h3").inner_text() == event.title.en

    switch_to_arabic(page)
    page.wait_for_function(
        "(title) => document.querySelector('.gw-event-details h3')?.innerText === title",
        arg=event.title.ar,
        timeout=APP_TIMEOUT_MS,
    )
    assert wait_for_bars(page, 1) == [ERBIL_ROUND]
    assert "place=erbil" in page.url and f"event={ERBIL_ROUND}" in page.url
    page_log.assert_clean()


@pytest.mark.browser
def test_clicking_a_bar_shows_its_details_and_sources(
    app_server: str, page: Page, page_log: PageLog
) -> None:
    open_timeline(page, app_server, "lang=en")
    wait_for_bars(page, 6)
    target = bar(page, LATE_2018)
    target.scroll_into_view_if_needed()
    box = target.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)

    details = page.locator(".gw-event-details")
    details.wait_for(timeout=APP_TIMEOUT_MS)
    wait_for_app(page)
    assert details.locator("h3").inner_text() == "Series of meetings at the end of 2018"
    assert "وكانت سلسلة من اللقاءات قد عقدت في نهاية عام 2018" in details.inner_text()
    assert f"event={LATE_2018}" in page.url
    arabic = details.locator("blockquote[dir=rtl]").first
    assert arabic.evaluate("e => getComputedStyle(e).direction") == "rtl"
    page_log.assert_clean()


@pytest.mark.browser
def test_the_arabic_timeline_reads_right_to_left(
    app_server: str, page: Page, page_log: PageLog
) -> None:
    open_timeline(page, app_server, "lang=ar")
    wait_for_bars(page, 6)
    main = page.locator("[data-testid=stMain]")
    assert main.evaluate("e => getComputedStyle(e).direction") == "rtl"

    # Time runs right to left: the late-2018 series sits right of the February 2019 round.
    assert centre_x(bar(page, LATE_2018)) > centre_x(bar(page, ERBIL_ROUND))
    # Event labels stand on the right of the bars, the axis speaks Arabic.
    plot_area = page.locator(".js-plotly-plot .nsewdrag").first.bounding_box()
    label = page.locator(".js-plotly-plot .ytick text").first.bounding_box()
    assert plot_area is not None and label is not None
    assert label["x"] >= plot_area["x"] + plot_area["width"] - 1
    ticks = " ".join(page.locator(".js-plotly-plot .xtick text").all_text_contents())
    assert "شباط" in ticks and "Feb" not in ticks
    page_log.assert_clean()


@pytest.mark.browser
def test_after_a_language_switch_the_chosen_place_reads_in_the_new_language(
    app_server: str, page: Page, page_log: PageLog
) -> None:
    open_timeline(page, app_server, "lang=en&place=erbil")
    sidebar = page.locator("[data-testid=stSidebar]")
    assert "Erbil (1)" in sidebar.inner_text()

    switch_to_arabic(page)

    arabic = option_labels(real_briefing(), "ar")["erbil"]
    page.wait_for_function(
        "(label) => document.querySelector('[data-testid=stSidebar]').innerText.includes(label)",
        arg=arabic,
        timeout=APP_TIMEOUT_MS,
    )
    assert "Erbil (1)" not in sidebar.inner_text()
    page_log.assert_clean()
