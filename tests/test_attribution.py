"""Who says it, why a status, and our inferences: the block every card and detail shows."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from components.attribution import attribution_html, side_badge_html
from gapwatch.attribution import marked_name, said_by_label, status_basis_label
from gapwatch.briefing import Briefing
from gapwatch.model import SAID_BY_SIDES, Bilingual, Inference, SaidBy

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)> & $x$ **bold**'


class _Text(HTMLParser):
    """The text and tag names of an HTML fragment, as a browser would build it."""

    def __init__(self) -> None:
        super().__init__()
        self.text = ""
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text += data


def read(markup: str) -> _Text:
    parser = _Text()
    parser.feed(str(markup))  # as str: Markup would escape the parser's own buffer
    parser.close()
    return parser


def test_an_announcement_says_whose_word_it_is_and_which_identifications_are_ours(
    briefing: Briefing,
) -> None:
    event = briefing.event("joc-announcement")
    text = read(attribution_html(event, briefing, "en")).text
    assert "Reported fact" in text
    assert "“the announcement came”" in text
    assert "Who says it: The outlet Diyaruna" in text
    # Three identifications are ours: the command's name, "Iraqi forces", "Kurdish forces".
    assert text.count("Our inference") == 3
    assert "read as Joint Operations Command" in text
    assert "read as Peshmerga" in text


def test_the_block_reads_in_arabic_on_the_arabic_page(briefing: Briefing) -> None:
    statement = next(s for s in briefing.statements if s.id == "mod-agreed-items")
    text = read(attribution_html(statement, briefing, "ar")).text
    assert "اتفاق مذكور (بحسب مصدر مسمّى)" in text
    assert "الجانب الاتحادي" in text
    assert "وزارة الدفاع العراقية، في بيان" in text


@pytest.mark.parametrize("side", SAID_BY_SIDES)
def test_every_side_has_a_labelled_badge_in_both_languages(side: str) -> None:
    for lang in ("en", "ar"):
        badge = read(side_badge_html(side, lang))
        assert badge.text.strip()


def test_tables_and_names_say_the_same(briefing: Briefing) -> None:
    point = min(briefing.key_points, key=lambda k: k.number)
    assert said_by_label(point, "en").startswith("Federal side — Joint Operations Command")
    assert status_basis_label(point, "en").startswith("Reported agenda (discussed): the words «")
    erbil = briefing.event(point.event_id).title.en
    assert marked_name(erbil, point, "event_id", point.event_id, "en") == (
        f"{erbil} (our inference)"
    )
    assert marked_name("Baghdad", point, "place_ids", "baghdad", "en") == "Baghdad"


def test_hostile_text_in_who_says_it_and_in_inferences_is_escaped(briefing: Briefing) -> None:
    hostile = Bilingual(en=HOSTILE, ar=HOSTILE)
    event = briefing.event("mod-statement")
    evil = event.model_copy(
        update={
            "said_by": SaidBy(side="outlet", office=hostile, actor_ids=("diyaruna",)),
            "inferences": (
                Inference(
                    field="actor_ids", value="peshmerga-ministry", words=HOSTILE, reasoning=hostile
                ),
            ),
        }
    )
    for lang in ("en", "ar"):
        html = attribution_html(evil, briefing, lang)
        assert "<script" not in html and "<img" not in html
        assert "&lt;script&gt;" in html
        assert set(read(html).tags) <= {"div", "span", "b", "ul", "li"}
