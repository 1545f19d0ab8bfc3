"""The Overview's pieces: key-point cards (escaped, sourced, honest about status), the key
figures, the status badges and what the article does not say."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from components.html import inline_text
from components.key_points import (
    build_headline_html,
    build_key_figures,
    build_key_point_card_html,
    build_omissions_html,
)
from components.layout import STATUS_COLORS, status_badge_html
from gapwatch.briefing import Briefing
from gapwatch.model import EPISTEMIC_STATUSES, Bilingual, KeyPoint, SourceSpan
from gapwatch.view_state import ViewState

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)> & $x$ **bold**'


class _Tags(HTMLParser):
    """Collects the tags and attributes of an HTML fragment, to check what a browser builds."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(markup: str) -> _Tags:
    parser = _Tags()
    parser.feed(str(markup))  # as str: Markup would escape the parser's own buffer
    parser.close()
    return parser


def first_key_point(briefing: Briefing) -> KeyPoint:
    return min(briefing.key_points, key=lambda k: k.number)


def test_a_card_shows_wording_speaker_role_status_and_the_arabic_quote(
    briefing: Briefing,
) -> None:
    key_point = first_key_point(briefing)
    html = build_key_point_card_html(key_point, briefing, ViewState(lang="en"))
    text = "".join(parse(html).text)
    assert "Key point 1" in text
    assert "Survey or sweep (مسح)" in text
    assert "field survey [مسح: also “sweep”]" in text
    assert "Brig. Gen. Yahya Rasool" in text
    assert "Spokesman of the Joint Operations Command" in text
    assert key_point.spans[0].text_ar in text
    # The quote is marked as Arabic, right to left, whatever the page language.
    quote = [attrs for tag, attrs in parse(html).tags if attrs.get("class") == "gw-quote"]
    assert quote == [{"class": "gw-quote", "dir": "rtl", "lang": "ar"}]


@pytest.mark.parametrize("number", [1, 2, 3])
def test_a_card_says_no_more_than_its_span(briefing: Briefing, number: int) -> None:
    """A point the meetings "centred on" is an agenda told by one federal spokesman: the card
    says so, names the words that justify it, and marks the meeting it is tied to as ours."""
    key_point = next(k for k in briefing.key_points if k.number == number)
    text = "".join(parse(build_key_point_card_html(key_point, briefing, ViewState(lang="en"))).text)
    assert "Reported agenda (discussed)" in text
    assert "agreed" not in text.replace("no agreement", "").casefold()
    assert "Who says it:" in text
    assert "Federal side" in text
    assert "Joint Operations Command spokesman" in text
    assert "Why this status:" in text
    # The Arabic words are isolated, so "(¶ 11)" does not flip around them in English text.
    assert (
        f"«\u2067{key_point.status_basis.text_ar}\u2069» (¶ {key_point.status_basis.paragraph})"
        in text
    )
    assert "Discussed at:" in text
    assert "Our inference" in text
    assert "the recent meetings" in text
    assert "no agreement by the Kurdish side" in text


def test_a_card_in_arabic_reads_right_to_left_in_arabic(briefing: Briefing) -> None:
    key_point = first_key_point(briefing)
    html = build_key_point_card_html(key_point, briefing, ViewState(lang="ar"))
    card = parse(html).tags[0][1]
    assert (card["dir"], card["lang"]) == ("rtl", "ar")
    text = "".join(parse(html).text)
    assert "النقطة 1" in text
    assert "العميد يحيى رسول" in text
    assert "محاور نقاش مذكورة (نوقشت)" in text
    assert "الجانب الاتحادي" in text
    assert "نوقشت، بحسب الناطق الاتحادي" in text
    assert "Survey or sweep" not in text


def test_the_card_links_to_its_source_sentence_on_the_source_page(briefing: Briefing) -> None:
    key_point = first_key_point(briefing)
    for lang in ("en", "ar"):
        links = [
            attrs
            for tag, attrs in parse(
                build_key_point_card_html(key_point, briefing, ViewState(lang=lang))
            ).tags
            if tag == "a"
        ]
        assert len(links) == 1
        assert links[0]["href"] == (
            f"source?lang={lang}&item={key_point.id}#p-{key_point.spans[0].paragraph}"
        )
        # Same tab: the view lives in the URL, and a new tab would hide where the reader was.
        assert links[0]["target"] == "_self"


def test_hostile_text_in_a_card_is_escaped(briefing: Briefing) -> None:
    key_point = first_key_point(briefing)
    hostile = Bilingual(en=HOSTILE, ar=HOSTILE)
    evil = key_point.model_copy(
        update={
            "wording": hostile,
            "title": hostile,
            "implementation": hostile,
            "spans": (SourceSpan(paragraph=11, text_ar=HOSTILE),),
        }
    )
    speaker = briefing.actor(key_point.speaker_id)
    evil_speaker = speaker.model_copy(update={"name": hostile, "role": hostile})
    evil_briefing = briefing.model_copy(
        update={"actors": tuple(evil_speaker if a.id == speaker.id else a for a in briefing.actors)}
    )
    for lang in ("en", "ar"):
        html = build_key_point_card_html(evil, evil_briefing, ViewState(lang=lang))
        assert "<script" not in html
        assert "<img" not in html
        assert "&lt;script&gt;" in html
        assert {tag for tag, _ in parse(html).tags} <= {"div", "p", "b", "span", "a", "ul", "li"}
        assert all("onerror" not in attrs for _, attrs in parse(html).tags)


def test_a_line_break_in_data_cannot_end_the_html_block(briefing: Briefing) -> None:
    # st.markdown reads raw HTML only up to a blank line; after it, text would be Markdown.
    key_point = first_key_point(briefing)
    broken = key_point.model_copy(
        update={"wording": Bilingual(en="one\n\n[link](javascript:x)", ar="سطر\n\nسطر")}
    )
    html = build_key_point_card_html(broken, briefing, ViewState(lang="en"))
    assert "\n" not in html
    assert inline_text("a\r\n\r\nb") == "a b"


def test_key_figures_count_meetings_dates_gap_and_places(briefing: Briefing) -> None:
    meetings, span, gap, places = build_key_figures(briefing, "en")
    assert (meetings.label, meetings.value) == ("Meeting events reported", "3")
    assert "Baghdad" in meetings.help
    # From the end-2018 series (its earliest possible day) to the latest possible day.
    assert span.value == "Oct 2018\u2009–\u2009Feb 2019"  # CLDR's interval, thin spaces
    assert gap.value == "1–20 km"
    # A claim of one side, not a measured fact: the label and the tooltip say whose.
    assert "federal spokesman" in gap.label and "claim of the federal side" in gap.help
    # The gap zones are our drawing, not a place the article names.
    assert places.value == "5"
    assert "Hamrin" in places.help
    assert "Gap zones" not in places.help


def test_key_figures_in_arabic_use_iraqi_month_names(briefing: Briefing) -> None:
    meetings, span, gap, places = build_key_figures(briefing, "ar")
    assert span.value == "تشرين الأول 2018 – شباط 2019"
    assert gap.value == "1–20 كم"
    assert meetings.label == "أحداث اللقاءات المذكورة"
    assert "حمرين" in places.help


def test_the_headline_gives_title_outlet_author_and_an_inferred_date(briefing: Briefing) -> None:
    text = "".join(parse(build_headline_html(briefing, "en")).text)
    assert "Iraqi forces and the Peshmerga step up cooperation against ISIS" in text
    assert "القوات العراقية والبيشمركة تعززان التعاون ضد داعش" in text
    assert "Diyaruna" in text
    assert "Khalid al-Taie" in text
    assert "(inferred)" in text
    text_ar = "".join(parse(build_headline_html(briefing, "ar")).text)
    assert "ديارنا" in text_ar
    assert "مستنتج" in text_ar


def test_what_the_article_does_not_say_lists_only_omissions(briefing: Briefing) -> None:
    html = build_omissions_html(briefing, ViewState(lang="en"))
    omissions = [n for n in briefing.source_notes if n.kind == "omission"]
    parsed = parse(html)
    assert sum(1 for tag, _ in parsed.tags if tag == "li") == len(omissions)
    hrefs = [attrs["href"] for tag, attrs in parsed.tags if tag == "a"]
    assert hrefs[0] == f"source?lang=en&item={omissions[0].id}#p-{omissions[0].spans[0].paragraph}"
    text = "".join(parsed.text)
    assert omissions[-1].text.en in text
    typo = next(n for n in briefing.source_notes if n.kind == "typo")
    assert typo.text.en not in text
    assert omissions[0].text.ar in "".join(
        parse(build_omissions_html(briefing, ViewState(lang="ar"))).text
    )


@pytest.mark.parametrize("status", EPISTEMIC_STATUSES)
def test_a_status_badge_says_its_status_in_words_not_only_colour(status: str) -> None:
    for lang in ("en", "ar"):
        html = status_badge_html(status, lang)
        text = "".join(parse(html).text)
        assert text.strip(), status
        assert STATUS_COLORS[status] in html
    assert "".join(parse(status_badge_html(status, "en")).text) != "".join(
        parse(status_badge_html(status, "ar")).text
    )


def test_statuses_have_distinct_colours_and_unknown_ones_are_refused() -> None:
    assert len(set(STATUS_COLORS.values())) == len(EPISTEMIC_STATUSES)
    with pytest.raises(ValueError, match="unknown epistemic status"):
        status_badge_html("rumour", "en")
