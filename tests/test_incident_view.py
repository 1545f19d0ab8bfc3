"""The incidents page's part of a shared link: it round-trips, lives beside the rest of the
view without clashing, and a bad value falls back with a notice instead of an error."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from gapwatch.briefing import Briefing
from gapwatch.incident_view import IncidentView
from gapwatch.incidents.analysis import DEFAULT_SPLIT, IncidentFilters
from gapwatch.view_state import ViewState


def test_the_default_view_adds_nothing_to_the_link() -> None:
    assert IncidentView().to_query_params() == {}


def test_a_view_round_trips_through_the_link() -> None:
    view = IncidentView(
        dataset="acled-iraq",
        line="my-line",
        filters=IncidentFilters(
            dt.date(2016, 1, 1), dt.date(2017, 6, 30), "IS", ("one-sided violence",)
        ),
        split_date=dt.date(2018, 12, 26),
        colour_by="fatalities",
    )

    params = view.to_query_params()
    again, notices = IncidentView.from_query_params(params)

    assert again == view and not notices
    assert params["split"] == "2018-12-26" and params["colour"] == "fatalities"


def test_incident_params_ride_in_the_view_state_and_survive_a_language_switch(
    briefing: Briefing,
) -> None:
    params = {"lang": "en", "q": "Erbil", "iq": "IS", "split": "2018-12-26", "width": "5"}
    view, notices = ViewState.from_query_params(params, briefing)

    switched = view.changed(lang="ar").to_query_params()

    assert not notices
    assert switched["lang"] == "ar"
    assert switched["q"] == "Erbil" and switched["iq"] == "IS"  # two filters, no clash
    assert switched["split"] == "2018-12-26" and switched["width"] == "5"


def test_bad_values_fall_back_with_notices() -> None:
    view, notices = IncidentView.from_query_params(
        {"split": "4 Feb", "colour": "rainbow", "ifrom": "2019-13-01"}
    )

    assert view.split_date == DEFAULT_SPLIT and view.colour_by == "count"
    assert view.filters.date_from is None
    assert {n.values["param"] for n in notices} == {"split", "colour", "ifrom"}


@given(
    st.dictionaries(
        st.sampled_from(["dataset", "line", "split", "colour", "iq", "ifrom", "iviolence"]),
        st.text(max_size=300),
    )
)
def test_reading_any_link_never_raises_and_keeps_names_short(params: dict[str, str]) -> None:
    view, _ = IncidentView.from_query_params(params)

    assert view.dataset is None or (0 < len(view.dataset) <= 120 and "\n" not in view.dataset)
    assert IncidentView.from_query_params(view.to_query_params())[0] == view
