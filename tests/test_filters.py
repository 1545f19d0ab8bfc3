"""Filters: which events pass, how they describe themselves, and how they survive a URL."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gapwatch.briefing import Briefing
from gapwatch.filters import Filters, normalize_for_search
from gapwatch.i18n import t
from gapwatch.model import Bilingual
from tests.support import real_briefing

D = dt.date

CASES: list[tuple[str, Filters, set[str], set[str]]] = [
    # (name, filters, ids that must be shown, ids that must not)
    (
        "no filter shows everything",
        Filters(),
        {"late-2018-meetings", "erbil-round-2019-02-04"},
        set(),
    ),
    # dates: fuzzy intervals pass when they overlap the range
    (
        "January 2019 keeps nothing exact",
        Filters(date_from=D(2019, 1, 1), date_to=D(2019, 1, 31)),
        set(),
        {"baghdad-meeting-2018-12-26", "erbil-round-2019-02-04"},
    ),
    (
        "a December day keeps the late-2018 series that overlaps it",
        Filters(date_from=D(2018, 12, 26), date_to=D(2018, 12, 26)),
        {"late-2018-meetings", "baghdad-meeting-2018-12-26"},
        {"erbil-round-2019-02-04"},
    ),
    (
        "from February keeps only 2019 items",
        Filters(date_from=D(2019, 2, 1)),
        {"erbil-round-2019-02-04", "joc-announcement"},
        {"baghdad-meeting-2018-12-26", "late-2018-meetings"},
    ),
    # places and actors
    (
        "place Erbil",
        Filters(places=frozenset({"erbil"})),
        {"erbil-round-2019-02-04"},
        {"baghdad-meeting-2018-12-26"},
    ),
    (
        "place Erbil or Baghdad",
        Filters(places=frozenset({"erbil", "baghdad"})),
        {"erbil-round-2019-02-04", "baghdad-meeting-2018-12-26"},
        set(),
    ),
    (
        "actor Yarallah",
        Filters(actors=frozenset({"yarallah"})),
        {"erbil-round-2019-02-04"},
        {"baghdad-meeting-2018-12-26"},
    ),
    # type and status
    (
        "type meeting",
        Filters(event_types=frozenset({"meeting"})),
        {"baghdad-meeting-2018-12-26"},
        {"erbil-round-2019-02-04", "joc-announcement"},
    ),
    (
        "status opinion matches no event",
        Filters(statuses=frozenset({"opinion"})),
        set(),
        {"baghdad-meeting-2018-12-26", "erbil-round-2019-02-04"},
    ),
    # a status matches the event or what the article says at it
    (
        "the one reported agreement: the MoD statement",
        Filters(statuses=frozenset({"reported_agreement"})),
        {"mod-statement"},
        {"erbil-round-2019-02-04", "joc-announcement", "spokesman-statement-to-diyaruna"},
    ),
    (
        "announced intentions: the JOC announcement and the spokesman",
        Filters(statuses=frozenset({"announced_intention"})),
        {"joc-announcement", "spokesman-statement-to-diyaruna"},
        {"mod-statement", "baghdad-meeting-2018-12-26"},
    ),
    (
        "the key points are an agenda of the Erbil round",
        Filters(statuses=frozenset({"reported_agenda"})),
        {"erbil-round-2019-02-04", "spokesman-statement-to-diyaruna"},
        {"mod-statement", "joc-announcement"},
    ),
    # text search, aliases in both languages
    (
        "alias Arbil",
        Filters(text="Arbil"),
        {"erbil-round-2019-02-04"},
        {"baghdad-meeting-2018-12-26"},
    ),
    (
        "Arabic أربيل",
        Filters(text="أربيل"),
        {"erbil-round-2019-02-04"},
        {"baghdad-meeting-2018-12-26"},
    ),
    ("Arabic without hamza اربيل", Filters(text="اربيل"), {"erbil-round-2019-02-04"}, set()),
    ("spaced alias Yar Allah", Filters(text="Yar Allah"), {"erbil-round-2019-02-04"}, set()),
    ("Arabic name يار الله", Filters(text="يار الله"), {"erbil-round-2019-02-04"}, set()),
    ("case-insensitive BAGHDAD", Filters(text="BAGHDAD"), {"baghdad-meeting-2018-12-26"}, set()),
    # statements made at an event count: the spokesman named Hamrin and Hawija
    (
        "Hamrin via the spokesman's statement",
        Filters(text="Himreen"),
        {"spokesman-statement-to-diyaruna"},
        {"baghdad-meeting-2018-12-26"},
    ),
    ("Arabic الحويجه", Filters(text="الحويجه"), {"spokesman-statement-to-diyaruna"}, set()),
    ("no match", Filters(text="Basra"), set(), {"erbil-round-2019-02-04"}),
    # combined: every filter must hold
    (
        "Erbil and December",
        Filters(places=frozenset({"erbil"}), date_to=D(2018, 12, 31)),
        set(),
        {"erbil-round-2019-02-04"},
    ),
]


@pytest.mark.parametrize(
    ("filters", "shown", "hidden"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_filters_select_the_expected_events(
    briefing: Briefing, filters: Filters, shown: set[str], hidden: set[str]
) -> None:
    ids = {e.id for e in filters.apply(briefing)}
    assert shown <= ids
    assert not (hidden & ids)


def test_no_filter_shows_every_event_in_date_order(briefing: Briefing) -> None:
    events = Filters().apply(briefing)
    assert len(events) == len(briefing.events)
    assert [e.date.earliest for e in events] == sorted(e.date.earliest for e in events)


def test_normalization_folds_arabic_and_latin_variants() -> None:
    assert normalize_for_search("أربيل") == normalize_for_search("اربيل")
    assert normalize_for_search("الحويجة") == normalize_for_search("الحويجه")
    assert normalize_for_search("Ḩawījah") == "hawijah"
    assert normalize_for_search("Yar-Allah") == normalize_for_search("yar allah")


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_filters_describe_themselves_in_words(briefing: Briefing, lang: str) -> None:
    assert Filters().describe(briefing, lang) != Filters(text="x").describe(briefing, lang)  # type: ignore[arg-type]
    text = Filters(places=frozenset({"erbil"}), text="hamrin").describe(briefing, lang)  # type: ignore[arg-type]
    assert briefing.place("erbil").name.in_lang(lang) in text
    assert "hamrin" in text


def test_english_description_reads_as_a_sentence(briefing: Briefing) -> None:
    filters = Filters(date_from=D(2019, 2, 1), places=frozenset({"erbil", "baghdad"}))
    assert filters.describe(briefing, "en") == (
        "Showing events from February 1, 2019 at Baghdad or Erbil."
    )


ROUND_TRIPS = [
    Filters(),
    Filters(date_from=D(2018, 12, 1), date_to=D(2019, 2, 28)),
    Filters(places=frozenset({"erbil", "baghdad"}), actors=frozenset({"yarallah"})),
    Filters(event_types=frozenset({"meeting", "announcement"}), statuses=frozenset({"claim"})),
    Filters(text="حمرين Hamrin"),
]


@pytest.mark.parametrize("filters", ROUND_TRIPS)
def test_filters_round_trip_through_url_parameters(briefing: Briefing, filters: Filters) -> None:
    restored, notices = Filters.from_query_params(filters.to_query_params(), briefing)
    assert restored == filters
    assert notices == []


HOSTILE = [
    # (params, the notice expected, what the filters fall back to)
    ({"from": "yesterday"}, "notice_bad_date", Filters()),
    ({"from": "2019-02-31"}, "notice_bad_date", Filters()),
    ({"from": "2019-03-01", "to": "2019-01-01"}, "notice_date_order", Filters()),
    ({"place": "erbil,atlantis"}, "notice_unknown_value", Filters(places=frozenset({"erbil"}))),
    ({"actor": "<script>alert(1)</script>"}, "notice_unknown_value", Filters()),
    ({"type": "massacre"}, "notice_unknown_value", Filters()),
    ({"status": "fact"}, "notice_unknown_value", Filters()),
    ({"q": "x" * 500}, "notice_text_too_long", Filters(text="x" * 200)),
]


@pytest.mark.parametrize(("params", "notice", "expected"), HOSTILE)
def test_bad_parameters_fall_back_with_a_notice(
    briefing: Briefing, params: dict[str, str], notice: str, expected: Filters
) -> None:
    filters, notices = Filters.from_query_params(params, briefing)
    assert filters == expected
    assert [n.key for n in notices] == [notice]
    assert all(n.text("en") and n.text("ar") for n in notices)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_an_old_link_with_the_retired_status_still_works_and_says_why(
    briefing: Briefing, lang: str
) -> None:
    filters, notices = Filters.from_query_params({"status": "agreed_intention,claim"}, briefing)
    assert filters.statuses == frozenset(
        {"reported_agenda", "announced_intention", "reported_agreement", "claim"}
    )
    assert [n.key for n in notices] == ["notice_retired_status"]
    message = notices[0].text(lang)  # type: ignore[arg-type]
    assert "agreed_intention" in message
    for status in ("reported_agenda", "announced_intention", "reported_agreement"):
        assert t(status, lang) in message  # type: ignore[arg-type]
    # The link is rewritten with today's statuses.
    assert "agreed_intention" not in filters.to_query_params()["status"]


def test_control_characters_and_lists_in_parameters_are_tamed(briefing: Briefing) -> None:
    filters, notices = Filters.from_query_params(
        {"q": "hamrin\x00\n\tridge", "place": ["baghdad", "erbil"]}, briefing
    )
    assert filters.text == "hamrin ridge"
    assert filters.places == frozenset({"erbil"})  # the last value of a repeated parameter wins
    assert notices == []


@given(
    st.dictionaries(
        st.sampled_from(["from", "to", "place", "actor", "type", "status", "q", "zz"]),
        st.text(max_size=60),
    )
)
def test_any_parameters_give_filters_never_an_exception(params: dict[str, str]) -> None:
    filters, notices = Filters.from_query_params(params, real_briefing())
    assert isinstance(filters, Filters)
    assert all(n.text("ar") for n in notices)


def test_a_search_reads_an_edited_event_afresh(briefing: Briefing) -> None:
    # Searches use text normalised once per briefing; an edited copy of an event (same id,
    # new words) must be searched by its own words, never answered from that index.
    event = briefing.event("joc-announcement")
    edited = event.model_copy(update={"title": Bilingual(en="Zanzibar summit", ar="قمة زنجبار")})
    assert Filters(text="announcement").matches(event, briefing)
    assert not Filters(text="Zanzibar").matches(event, briefing)
    assert Filters(text="Zanzibar").matches(edited, briefing)
    assert Filters(text="زنجبار").matches(edited, briefing)
