"""The Overview page wired into the app (AppTest): headline, three cards, figures, omissions."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from gapwatch.i18n import LANGS, Lang, t
from tests.support import alerts, open_app, real_briefing


def _overview(**params: str) -> AppTest:
    return open_app(None, **params)


def _cards(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown if 'class="gw-card"' in m.value]


@pytest.mark.parametrize("language", LANGS)
def test_the_overview_shows_the_headline_three_cards_and_the_figures(language: Lang) -> None:
    briefing = real_briefing()
    at = _overview(lang=language)
    assert t("app_title_full", language) in at.title[0].value
    everything = " ".join(m.value for m in at.markdown)
    assert briefing.article.meta.title.in_lang(language) in everything
    cards = _cards(at)
    assert len(cards) == 3
    key_points = sorted(briefing.key_points, key=lambda k: k.number)
    for card, key_point in zip(cards, key_points, strict=True):
        assert key_point.title.in_lang(language) in card
        assert t("reported_agenda", language) in card
        assert t("side_federal", language) in card
        assert t("said_by", language) in card
        assert f"item={key_point.id}" in card
    assert [m.label for m in at.metric] == [
        t(key, language) for key in ("fig_meetings", "fig_date_span", "fig_gap", "fig_places")
    ]
    assert at.metric[2].value == t("fig_gap_value", language)
    assert any(t("single_source", language) in i.value for i in at.info)
    assert t("ov_not_said", language) in [h.value for h in at.subheader]


def test_the_overview_says_what_is_not_said_and_leaves_the_comment_out() -> None:
    briefing = real_briefing()
    at = _overview(lang="en")
    everything = " ".join(m.value for m in at.markdown)
    omission = next(n for n in briefing.source_notes if n.kind == "omission")
    assert omission.id in everything
    # The reader comment is an opinion: the Overview points to it, never shows it.
    assert briefing.comments[0].spans[0].text_ar not in everything
    assert briefing.comments[0].text.en not in everything


def test_the_publication_date_reasoning_is_one_click_away() -> None:
    briefing = real_briefing()
    at = _overview(lang="ar")
    expander = next(e for e in at.expander if e.label == t("ov_date_reasoning", "ar"))
    inference = briefing.article.meta.published.inference
    assert inference is not None
    assert any(inference.ar[:40] in m.value for m in expander.markdown)


def test_a_bad_language_falls_back_to_english_with_a_notice() -> None:
    at = _overview(lang="xx")
    assert len(_cards(at)) == 3
    assert "Key point 1" in _cards(at)[0]
    assert any("xx" in w for w in alerts(at, "warning"))
