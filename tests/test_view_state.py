"""The URL contract: a shared link reproduces the view, and a bad link never breaks the page."""

from __future__ import annotations

import datetime as dt

import pytest

from gapwatch.briefing import Briefing
from gapwatch.filters import Filters
from gapwatch.view_state import DEFAULT_GAP_WIDTH_KM, PARAM_ITEM, ViewState


def test_a_default_view_links_with_only_the_language(briefing: Briefing) -> None:
    assert ViewState().to_query_params() == {"lang": "en"}
    view, notices = ViewState.from_query_params({}, briefing)
    assert view == ViewState()
    assert notices == []


def test_every_part_of_a_view_survives_the_url(briefing: Briefing) -> None:
    view = ViewState(
        lang="ar",
        filters=Filters(
            date_from=dt.date(2018, 12, 1),
            places=frozenset({"erbil", "baghdad"}),
            statuses=frozenset({"reported_fact"}),
            text="Yar Allah",
        ),
        event_id="erbil-round-2019-02-04",
        place_id="hawija",
        gap_width_km=4.5,
        highlight_item="field-survey",
    )
    params = view.to_query_params()
    assert params[PARAM_ITEM] == "field-survey"
    assert params["width"] == "4.5"
    restored, notices = ViewState.from_query_params(params, briefing)
    assert restored == view
    assert notices == []


def test_any_sourced_item_can_be_highlighted(briefing: Briefing) -> None:
    # Key points, events, statements, source notes, the comment: the Source page takes them all.
    for item_id in ("field-survey", "baghdad-meeting-2018-12-26", "caption-ibril-typo"):
        view, notices = ViewState.from_query_params({"item": item_id}, briefing)
        assert view.highlight_item == item_id
        assert notices == []


def test_the_last_of_repeated_parameters_wins(briefing: Briefing) -> None:
    view, _ = ViewState.from_query_params({"lang": ["en", "ar"]}, briefing)
    assert view.lang == "ar"


@pytest.mark.parametrize(
    ("params", "param_named"),
    [
        ({"lang": "xx"}, "xx"),
        ({"width": "abc"}, "abc"),
        ({"width": "NaN"}, "NaN"),
        ({"width": "1e9"}, "1e9"),
        ({"width": "-inf"}, "-inf"),
        ({"width": "0.5"}, "0.5"),
        ({"event": "unknown"}, "event"),
        ({"focus": "<script>alert(1)</script>"}, "focus"),
        ({"item": "unknown"}, "item"),
        ({"item": "x" * 500}, "item"),
    ],
)
def test_a_bad_parameter_falls_back_to_its_default_with_a_notice(
    briefing: Briefing, params: dict[str, str], param_named: str
) -> None:
    view, notices = ViewState.from_query_params(params, briefing)
    assert view.lang == "en"
    assert view.gap_width_km == DEFAULT_GAP_WIDTH_KM
    assert view.event_id is None
    assert view.place_id is None
    assert view.highlight_item is None
    assert len(notices) == 1
    english, arabic = notices[0].text("en"), notices[0].text("ar")
    assert param_named[:20] in english
    assert arabic and arabic != english
    # A notice quotes at most a short piece of what was sent.
    assert len(english) < 200


def test_bad_parameters_do_not_spoil_the_good_ones(briefing: Briefing) -> None:
    view, notices = ViewState.from_query_params(
        {"lang": "ar", "width": "abc", "item": "nope", "focus": "erbil"}, briefing
    )
    assert (view.lang, view.place_id, view.gap_width_km) == ("ar", "erbil", DEFAULT_GAP_WIDTH_KM)
    assert len(notices) == 2
