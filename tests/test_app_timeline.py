"""The Timeline page wired up in-process (AppTest): links, filter widgets, details, reset.

AppTest cannot see inside the plotly chart; the table under it lists the same events, so these
tests read the table. What the chart draws is tested on its builder and in the browser.
"""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from components.filter_panel import KEY_DATES, KEY_PLACES, KEY_TEXT, widget_key
from gapwatch.i18n import Lang, t
from tests.support import alerts, open_app

ALL_EVENTS = 6


def open_timeline(**params: str) -> AppTest:
    """The app opened on the Timeline page with these query parameters, as a pasted link."""
    return open_app("timeline", **params)


def listed_titles(at: AppTest, lang: Lang = "en") -> list[str]:
    """The event titles in the table under the chart (empty when there is no table)."""
    if not at.dataframe:
        return []
    return list(at.dataframe[0].value[t("tl_col_event", lang)])


def html_shown(at: AppTest) -> str:
    return "\n".join(element.proto.body for element in at.get("html"))


def param(at: AppTest, name: str) -> str | None:
    value = at.query_params.get(name)
    if isinstance(value, list):
        return value[-1] if value else None
    return value


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_timeline_lists_every_event_in_both_languages(lang: Lang) -> None:
    at = open_timeline(lang=lang)
    assert [h.value for h in at.header] == [t("tl_heading", lang)]
    titles = listed_titles(at, lang)
    assert len(titles) == ALL_EVENTS
    assert ("بدء جولة اللقاءات في أربيل" in titles) == (lang == "ar")
    assert t("filter_all", lang) in html_shown(at)
    assert at.sidebar.multiselect(key=widget_key(KEY_PLACES, lang)).label == t("flt_places", lang)


def test_a_place_in_the_link_lists_only_its_events() -> None:
    at = open_timeline(place="erbil")
    assert listed_titles(at) == ["Round of meetings in Erbil begins"]
    assert "Showing events at Erbil." in html_shown(at)
    assert at.sidebar.multiselect(key=widget_key(KEY_PLACES, "en")).value == ["erbil"]


@pytest.mark.parametrize(("lang", "query"), [("en", "Arbil"), ("ar", "إبريل")])
def test_a_search_in_the_link_finds_aliases(lang: Lang, query: str) -> None:
    at = open_timeline(lang=lang, q=query)
    titles = listed_titles(at, lang)
    erbil = "Round of meetings in Erbil begins" if lang == "en" else "بدء جولة اللقاءات في أربيل"
    assert erbil in titles
    assert len(titles) < ALL_EVENTS
    assert at.sidebar.text_input(key=widget_key(KEY_TEXT, lang)).value == query


def test_a_bad_date_in_the_link_is_ignored_with_a_warning() -> None:
    at = open_timeline(**{"from": "garbage"})
    assert any("garbage" in w for w in alerts(at, "warning"))
    assert len(listed_titles(at)) == ALL_EVENTS


def test_an_old_link_with_the_retired_agreed_intention_status_still_opens_with_a_notice() -> None:
    at = open_timeline(status="agreed_intention")
    # Compared in words, not verbatim: the page may escape Markdown in what it shows.
    (warning,) = alerts(at, "warning")
    assert "no longer exists: it said more than the article" in warning
    assert "intention" in warning and "agreement" in warning
    # The events where something was discussed, announced or agreed, and no others.
    assert sorted(listed_titles(at)) == sorted(
        [
            "Round of meetings in Erbil begins",
            "Joint operations against ISIS remnants announced",
            "Ministry of Defence statement on what the two sides agreed",
            "JOC spokesman Yahya Rasool's remarks to Diyaruna",
        ]
    )


def test_an_event_in_the_link_opens_its_details() -> None:
    at = open_timeline(event="erbil-round-2019-02-04")
    shown = html_shown(at)
    assert "gw-event-details" in shown
    assert "4 February (the round began)" in shown
    assert "جولة جديدة من اللقاءات التي بدأت يوم 4 شباط/فبراير في أربيل" in shown
    assert at.button(key="timeline_show_on_map").label == "Show on map"


def test_closing_the_details_drops_the_event_from_the_link() -> None:
    at = open_timeline(event="joc-announcement")
    at.button(key="timeline_close_details").click().run()
    assert "gw-event-details" not in html_shown(at)
    assert param(at, "event") is None


def test_show_on_map_opens_the_map_focused_on_the_event_place() -> None:
    at = open_timeline(event="erbil-round-2019-02-04")
    at.button(key="timeline_show_on_map").click().run()
    assert not at.exception, at.exception
    assert param(at, "focus") == "erbil"
    assert param(at, "event") == "erbil-round-2019-02-04"
    assert not at.header or at.header[0].value != t("tl_heading", "en")


def test_an_event_without_a_place_says_so_instead_of_a_map_button() -> None:
    at = open_timeline(event="joc-announcement")
    assert not [b for b in at.button if b.key == "timeline_show_on_map"]
    assert t("det_no_place", "en") in [c.value for c in at.caption]


def test_choosing_a_place_filters_the_list_and_writes_the_link() -> None:
    at = open_timeline()
    at.sidebar.multiselect(key=widget_key(KEY_PLACES, "en")).select("baghdad").run()
    assert len(listed_titles(at)) == 2
    assert param(at, "place") == "baghdad"

    at.sidebar.button(key="flt_reset").click().run()
    assert len(listed_titles(at)) == ALL_EVENTS
    assert param(at, "place") is None
    assert at.sidebar.multiselect(key=widget_key(KEY_PLACES, "en")).value == []


def test_typing_a_search_filters_the_list_and_writes_the_link() -> None:
    at = open_timeline(lang="ar")
    at.sidebar.text_input(key=widget_key(KEY_TEXT, "ar")).input("Yar Allah").run()
    assert listed_titles(at, "ar") == ["بدء جولة اللقاءات في أربيل"]
    assert param(at, "q") == "Yar Allah"


def test_a_date_range_filters_the_list_and_writes_the_link() -> None:
    at = open_timeline()
    at.sidebar.date_input(key=widget_key(KEY_DATES, "en")).set_value(
        (dt.date(2019, 2, 1), dt.date(2019, 2, 28))
    ).run()
    titles = listed_titles(at)
    assert "Series of meetings at the end of 2018" not in titles
    assert "Round of meetings in Erbil begins" in titles
    assert param(at, "from") == "2019-02-01"
    assert param(at, "to") is None  # the end of the data restricts nothing


def test_an_empty_result_says_so_and_offers_a_reset() -> None:
    at = open_timeline(place="erbil", type="announcement")
    assert listed_titles(at) == []
    assert [i.value for i in at.info] == [t("tl_no_events", "en")]
    at.button(key="flt_reset_empty").click().run()
    assert len(listed_titles(at)) == ALL_EVENTS
    assert param(at, "place") is None and param(at, "type") is None


def test_an_event_hidden_by_the_filters_is_still_detailed_with_a_note() -> None:
    at = open_timeline(place="erbil", event="late-2018-meetings")
    assert listed_titles(at) == ["Round of meetings in Erbil begins"]
    assert "Series of meetings at the end of 2018" in html_shown(at)
    assert [w.value for w in at.warning] == [t("det_filtered_out", "en")]


def test_switching_language_keeps_the_filters_and_the_selection() -> None:
    at = open_timeline(place="erbil", event="erbil-round-2019-02-04")
    at.sidebar.radio(key="lang_choice").set_value("ar").run()
    assert listed_titles(at, "ar") == ["بدء جولة اللقاءات في أربيل"]
    assert at.sidebar.multiselect(key=widget_key(KEY_PLACES, "ar")).value == ["erbil"]
    assert at.sidebar.multiselect(key=widget_key(KEY_PLACES, "ar")).label == t("flt_places", "ar")
    assert 'dir="rtl"' in html_shown(at)
    assert param(at, "lang") == "ar" and param(at, "place") == "erbil"
