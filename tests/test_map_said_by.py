"""Who says it, on the map: every popup and the details under the map name the side and
office behind each item, mark our inferences with their reasons, and escape hostile offices."""

from __future__ import annotations

from html import unescape

import folium
import pytest

from components.map.base import build_base_map
from components.map.details import build_place_details_html, build_places_list_html
from components.map.elements import Shapes
from components.map.tooltips import place_id_from_tooltip
from gapwatch.i18n import Lang, t
from gapwatch.model import Bilingual
from gapwatch.queries import items_at
from gapwatch.view_state import ViewState
from tests.hostile import EVIL, EVIL_ESCAPED, TEMPLATE_BREAKOUT
from tests.map_support import base_map, markers_of, of_type, text_of
from tests.support import real_briefing
from tests.support import real_reference_geo as geo


def _plain(html: str) -> str:
    """The text a reader sees: tags dropped, entities read."""
    return unescape(text_of(html))


def _popups(m: folium.Map) -> dict[str, str]:
    """Every popup on the base map, by the place its tooltip names."""
    briefing = real_briefing()
    found = {pid: marker.popup for pid, marker in markers_of(m).items()}
    for group in of_type(m, Shapes):
        for s in group.shapes:
            place_id = place_id_from_tooltip(text_of(str(s.tooltip)), briefing)
            if s.popup and place_id:
                found[place_id] = s.popup
    return found


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_every_item_in_a_popup_says_who_says_it_and_which_links_are_ours(lang: Lang) -> None:
    briefing = real_briefing()
    popups = _popups(base_map(lang))
    assert {"erbil", "baghdad", "hawija", "hawija-outskirts", "hamrin-range"} <= set(popups)

    for place_id, popup in popups.items():
        text = _plain(popup)
        items = items_at(briefing, place_id)
        for item in (*items.events, *items.statements):
            line = f"{t(item.status, lang)} · {t('said_by', lang)}: "
            line += f"{t(f'side_{item.said_by.side}', lang)} — {item.said_by.office.in_lang(lang)}"
            assert line in text, place_id
            for inference in item.inferences:
                assert inference.words in text and t("our_inference", lang) in text
    # The spokesman's remark about Hawija and Hamrin is the federal side's word, on both zones.
    for place_id in ("hawija-outskirts", "hamrin-range"):
        assert t("side_federal", lang) in _plain(popups[place_id])


def test_hostile_who_says_it_is_escaped_in_popups_and_details() -> None:
    briefing = real_briefing()
    statements = tuple(
        s.model_copy(
            update={
                "said_by": s.said_by.model_copy(
                    update={"office": Bilingual(en=TEMPLATE_BREAKOUT, ar=EVIL)}
                )
            }
        )
        for s in briefing.statements
    )
    evil = briefing.model_copy(update={"statements": statements})
    popup = _popups(build_base_map(evil, geo(), "en"))["hamrin-range"]
    html = build_base_map(evil, geo(), "ar").get_root().render()
    details = build_place_details_html(evil, "hamrin-range", ViewState(lang="ar"))
    listing = build_places_list_html(evil, ViewState(lang="ar"))

    # In the map, no `${` reaches a template literal; under it (st.html), HTML is escaped.
    assert "${alert(2)}" not in popup and "&#36;&#123;alert(2)&#125;" in popup
    for text in (html, details, listing):
        assert EVIL not in text and EVIL_ESCAPED in text


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_details_under_the_map_say_who_says_it_with_our_reasons(lang: Lang) -> None:
    briefing = real_briefing()
    details = _plain(build_place_details_html(briefing, "hamrin-range", ViewState(lang=lang)))
    listing = _plain(build_places_list_html(briefing, ViewState(lang=lang)))
    remark = next(s for s in briefing.statements if s.id == "rasool-isis-hawija-hamrin")

    for text in (details, listing):
        assert t("said_by", lang) in text
        assert remark.said_by.office.in_lang(lang) in text
        assert remark.inferences[0].reasoning.in_lang(lang) in text  # the reason, in full
    for place in briefing.places:
        items = items_at(briefing, place.id)
        for item in (*items.events, *items.statements):
            assert item.said_by.office.in_lang(lang) in listing, place.id
