"""The Map page, wired into the app (AppTest): the slider, the area, the selected place and
the URL, in both languages. What the map itself draws is tested in test_gap_map.py, and
clicks and zooming in test_browser_map.py: AppTest cannot look inside the map's iframe."""

from __future__ import annotations

from functools import cache

import pytest
from streamlit.testing.v1 import AppTest

from gapwatch.geodata import load_reference_geo
from gapwatch.i18n import LANGS, Lang, format_number, t
from gapwatch.zones import gap_zone
from tests.support import DATA_DIR, alerts, open_app, real_briefing


@cache
def _area(width_km: float, lang: Lang) -> str:
    area = gap_zone(load_reference_geo(DATA_DIR / "geo"), width_km).area_km2
    return t("map_km2", lang, area=format_number(area, lang))


def _map_page(**params: str) -> AppTest:
    return open_app("map", **params)


def _html(at: AppTest) -> str:
    return "\n".join(h.value for h in at.html)


def _params(at: AppTest) -> dict[str, str]:
    return {key: at.query_params[key] for key in at.query_params}


def _first_html(at: AppTest) -> str:
    """The first HTML block after the skip link: the selected place's details."""
    return next(h.value for h in at.html if "gw-skip-link" not in h.value)


@pytest.mark.parametrize("lang", LANGS)
def test_map_page_shows_slider_area_caveats_and_places_in_the_language(lang: Lang) -> None:
    at = _map_page(lang=lang)

    assert at.header[0].value == t("page_map", lang)
    assert at.slider[0].label == t("map_width_label", lang)
    assert at.slider[0].value == 10.0
    assert at.metric[0].label == t("map_area_label", lang)
    assert at.metric[0].value == _area(10.0, lang)
    assert t("map_caveats", lang) in [c.value for c in at.caption]
    assert at.info[-1].value == t("map_click_hint", lang)
    assert at.subheader[-1].value == t("map_places_heading", lang)
    places = _html(at)
    assert f'dir="{"rtl" if lang == "ar" else "ltr"}"' in places
    assert t("map_precision_1", lang) in places
    assert "يختبئون في أطراف الحويجة" in places  # the source sentence, in both languages


def test_width_is_read_from_the_url() -> None:
    at = _map_page(lang="en", width="5")

    assert at.slider[0].value == 5.0
    assert at.metric[0].value == _area(5.0, "en")
    assert not at.warning and not alerts(at, "warning")


def test_an_impossible_width_warns_and_falls_back() -> None:
    at = _map_page(lang="en", width="500")

    assert any("500" in w for w in alerts(at, "warning"))
    assert at.slider[0].value == 10.0
    assert at.metric[0].value == _area(10.0, "en")
    assert "width" not in _params(at)


def test_moving_the_slider_changes_the_area_and_the_link() -> None:
    at = _map_page(lang="en")

    at.slider[0].set_value(15.5).run()

    assert not at.exception
    assert at.metric[0].value == _area(15.5, "en")
    assert _params(at)["width"] == "15.5"


def test_a_width_between_steps_snaps_to_the_slider_and_the_link_follows() -> None:
    at = _map_page(lang="en", width="5.3")

    assert at.slider[0].value == 5.5
    assert at.metric[0].value == _area(5.5, "en")
    assert _params(at)["width"] == "5.5"


def test_focus_on_hawija_shows_what_the_article_says_there() -> None:
    at = _map_page(lang="en", focus="hawija")

    details = _first_html(at)
    assert "Hawija" in details
    assert t("map_no_events_here", "en") in details
    # Hawija's outskirts share its point: the claim about them is shown, labelled as theirs.
    assert "Also at this point: Outskirts of Hawija" in details
    assert "ISIS elements are still hiding on the outskirts of Hawija" in details
    assert "يختبئون في أطراف الحويجة" in details
    assert _params(at)["focus"] == "hawija"


def test_focus_on_erbil_shows_its_event_with_date_status_and_source() -> None:
    at = _map_page(lang="ar", focus="erbil")

    details = _first_html(at)
    assert real_briefing().event("erbil-round-2019-02-04").title.ar in details
    assert "4 شباط 2019" in details
    assert t("reported_fact", "ar") in details
    assert "بدأت يوم 4 شباط/فبراير في أربيل" in details


def test_buttons_move_the_focus_and_clear_it() -> None:
    at = _map_page(lang="en", focus="hawija")

    at.button(key="map_select_hawija-outskirts").click().run()
    assert _params(at)["focus"] == "hawija-outskirts"
    assert "Outskirts of Hawija" in _first_html(at)

    at.button(key="map_select_none").click().run()
    assert "focus" not in _params(at)
    assert at.info[-1].value == t("map_click_hint", "en")


def test_an_unknown_place_warns_and_shows_no_selection() -> None:
    assert any("atlantis" in w for w in alerts(_map_page(lang="en", focus="atlantis"), "warning"))

    at = _map_page(lang="en", focus="atlantis")
    assert at.info[-1].value == t("map_click_hint", "en")
    assert "focus" not in _params(at)
