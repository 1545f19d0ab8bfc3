"""The Data page, wired into the app (AppTest): tables, downloads, filters from the URL."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from gapwatch.i18n import LANGS, Lang, t, tn
from tests.support import alerts, open_app

DOWNLOADS = ("data_dl_csv", "data_dl_geojson", "data_dl_timeline", "data_dl_map")


def _data_page(**params: str) -> AppTest:
    return open_app("data", **params)


def _download_labels(at: AppTest) -> list[str]:
    return [button.proto.label for button in at.get("download_button")]


@pytest.mark.parametrize("language", LANGS)
def test_the_data_page_shows_four_tables_and_four_downloads_in_the_language(
    language: Lang,
) -> None:
    at = _data_page(lang=language)
    assert [h.value for h in at.subheader] == [
        t(key, language)
        for key in (
            "data_downloads",
            "data_events",
            "data_places",
            "data_key_points",
            "data_statements",
        )
    ]
    assert _download_labels(at) == [t(key, language) for key in DOWNLOADS]
    assert [frame.value.shape[0] for frame in at.dataframe] == [6, 6, 3, 16]
    events = at.dataframe[0].value
    assert events.columns[0] == t("data_col_date", language)
    assert at.info[0].value == tn("data_count_all", language, 6, total="6")


def test_filters_from_the_url_narrow_the_events_and_say_so() -> None:
    at = _data_page(lang="en", place="erbil")
    assert at.dataframe[0].value.shape[0] == 1
    assert alerts(at, "info") == ["1 of 6 events (filtered). Showing events at Erbil."]
    # Places, key points and statements are not events: they stay complete.
    assert [frame.value.shape[0] for frame in at.dataframe[1:]] == [6, 3, 16]


def test_show_all_events_clears_the_filters_and_the_url() -> None:
    at = _data_page(lang="en", place="erbil", type="meeting_round")
    at.button(key="data_reset").click().run()
    assert at.dataframe[0].value.shape[0] == 6
    assert "place" not in at.query_params and "type" not in at.query_params
    assert at.info[0].value == "All 6 events."


def test_a_filter_that_matches_nothing_says_the_exports_are_empty() -> None:
    at = _data_page(lang="en", q="no-such-word-anywhere")
    assert at.dataframe[0].value.shape[0] == 0
    assert any(w.value == t("data_no_events", "en") for w in at.warning)


def test_the_zone_exports_follow_the_gap_width_in_the_url() -> None:
    at = _data_page(lang="ar", width="12.5")
    helps = [button.proto.help for button in at.get("download_button")]
    assert "12٫5" in helps[1] or "12.5" in helps[1]
    assert any("12" in c.value for c in at.caption)


def test_a_bad_width_falls_back_with_a_notice_not_an_error() -> None:
    at = _data_page(lang="en", width="wide")
    assert any("wide" in w for w in alerts(at, "warning"))
    helps = [button.proto.help for button in at.get("download_button")]
    assert "(10 km)" in helps[1]
