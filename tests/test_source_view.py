"""The Source page's HTML: cited spans marked (nested, overlapping, repeated), text escaped,
the selected item stronger, and the reader comment kept apart as an opinion."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import parse_qsl

from components.navigation import source_href
from components.source_notes import build_source_notes_html, build_status_cues_html
from components.source_view import (
    Citation,
    build_article_html,
    build_comment_section_html,
    build_meta_html,
    build_paragraph_html,
    cited_paragraphs,
    item_labels,
    mark_spans_html,
)
from gapwatch.briefing import Briefing
from gapwatch.filters import Filters
from gapwatch.model import Paragraph
from gapwatch.view_state import ViewState


class _Marks(HTMLParser):
    """Reads marked-up text back: the plain text, and each <mark>'s text and attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.text = ""
        self.marks: list[tuple[str, dict[str, str]]] = []
        self.tags: list[tuple[str, dict[str, str]]] = []
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        self.tags.append((tag, values))
        self._open.append(tag)
        if tag == "mark":
            assert "mark" not in self._open[:-1], "a <mark> inside a <mark>"
            self.marks.append(("", values))

    def handle_endtag(self, tag: str) -> None:
        assert self._open and self._open[-1] == tag, f"</{tag}> closes {self._open[-1:]}"
        self._open.pop()

    def handle_data(self, data: str) -> None:
        self.text += data
        if self._open and self._open[-1] == "mark":
            text, attrs = self.marks[-1]
            self.marks[-1] = (text + data, attrs)


def read(markup: str) -> _Marks:
    parser = _Marks()
    parser.feed(str(markup))  # as str: Markup would escape the parser's own buffer
    parser.close()
    assert parser._open == [], f"unclosed tags: {parser._open}"
    return parser


def cite(item_id: str, text: str, *, note: bool = False) -> Citation:
    return Citation(item_id=item_id, label=f"Label {item_id}", text_ar=text, is_note=note)


def test_a_cited_span_is_marked_and_the_rest_left_plain() -> None:
    result = read(mark_spans_html("قبل النص المقتبس بعد", [cite("a", "النص المقتبس")], "en"))
    assert result.text == "قبل النص المقتبس بعد"
    assert [text for text, _ in result.marks] == ["النص المقتبس"]
    assert result.marks[0][1]["title"] == "Cited by: Label a"
    assert result.marks[0][1]["data-items"] == "a"


def test_overlapping_spans_are_cut_into_pieces_that_list_every_citer() -> None:
    result = read(mark_spans_html("abcdef", [cite("a", "abcd"), cite("b", "cdef")], "en"))
    assert result.text == "abcdef"
    assert [(text, attrs["data-items"]) for text, attrs in result.marks] == [
        ("ab", "a"),
        ("cd", "a b"),
        ("ef", "b"),
    ]
    assert result.marks[1][1]["title"] == "Cited by: Label a; Label b"


def test_nested_and_identical_spans_never_nest_marks() -> None:
    citations = [cite("outer", "abcdefg"), cite("inner", "cde"), cite("twin", "cde")]
    result = read(mark_spans_html("xabcdefgx", citations, "en"))
    assert result.text == "xabcdefgx"
    assert [(text, attrs["data-items"]) for text, attrs in result.marks] == [
        ("ab", "outer"),
        ("cde", "outer inner twin"),
        ("fg", "outer"),
    ]


def test_a_span_found_twice_in_its_paragraph_is_marked_twice() -> None:
    result = read(mark_spans_html("في إبريل ثم في إبريل", [cite("typo", "في إبريل")], "en"))
    assert [text for text, _ in result.marks] == ["في إبريل", "في إبريل"]


def test_a_span_that_is_not_in_the_text_marks_nothing() -> None:
    assert mark_spans_html("abc", [cite("a", "zzz")], "en") == "abc"


def test_text_with_angle_brackets_and_ampersands_is_escaped_inside_and_outside_marks() -> None:
    text = 'a <b>bold</b> & "q" <script>x</script>'
    citations = [cite("a", "<b>bold</b> &"), cite('"><img src=x onerror=alert(1)>', "q")]
    html = mark_spans_html(text, citations, "en")
    assert "<b>" not in html
    assert "<script>" not in html
    assert "<img" not in html
    assert "&lt;b&gt;bold&lt;/b&gt; &amp;" in html
    result = read(html)
    assert result.text == text
    assert {tag for tag, _ in result.tags} == {"mark"}
    assert [text for text, _ in result.marks] == ["<b>bold</b> &", "q"]


def test_the_selected_item_is_marked_more_strongly_and_only_where_it_is_cited() -> None:
    citations = [cite("a", "abcd"), cite("b", "cdef"), cite("note", "ef", note=True)]
    result = read(mark_spans_html("abcdefgh", citations, "en", highlight="b"))
    classes = {text: attrs["class"].split() for text, attrs in result.marks}
    assert "gw-focus" not in classes["ab"]
    assert "gw-focus" in classes["cd"]
    assert "gw-focus" in classes["ef"]
    assert "gw-noted" in classes["ef"]
    assert "gw-noted" not in classes["cd"]
    plain = read(mark_spans_html("abcdefgh", citations, "en"))
    assert all("gw-focus" not in attrs["class"] for _, attrs in plain.marks)


def test_a_paragraph_is_an_anchor_with_its_role_arabic_rtl_beside_english() -> None:
    paragraph = Paragraph(index=7, role="caption", ar="نص <عربي> & شيء", en="English <text> &")
    html = build_paragraph_html(paragraph, [cite("a", "<عربي>")], "en", highlight="a")
    result = read(html)
    attrs = dict(result.tags)
    assert attrs["h6"]["id"] == "p-7"
    assert attrs["h6"]["data-anchor"] == "p-7"
    assert "Photo caption" in result.text
    languages = [(a.get("lang"), a.get("dir")) for _, a in result.tags if a.get("lang")]
    assert languages == [("ar", "rtl"), ("en", "ltr")]
    assert "English <text> &" in result.text
    assert "gw-para-focus" in result.tags[0][1]["class"]
    assert "gw-para-focus" not in build_paragraph_html(paragraph, [], "en", highlight="a")
    assert "\n" not in html


def test_paragraph_headings_are_in_arabic_on_the_arabic_page() -> None:
    paragraph = Paragraph(index=2, role="headline", ar="عنوان", en="Headline")
    assert "الفقرة 2 · العنوان" in read(build_paragraph_html(paragraph, [], "ar")).text


def test_every_key_point_is_highlighted_in_the_real_article(briefing: Briefing) -> None:
    for key_point in briefing.key_points:
        html = build_article_html(briefing, "en", highlight=key_point.id)
        focused = [
            text for text, a in read(html).marks if "gw-focus" in a["class"] and "data-items" in a
        ]
        # Exactly the key point's spans are strong: pieces join up to each span, nothing else.
        assert sorted("".join(focused)) == sorted("".join(s.text_ar for s in key_point.spans))
        for span in key_point.spans:
            assert span.text_ar in "".join(focused), key_point.id
        assert cited_paragraphs(briefing, key_point.id) == tuple(
            dict.fromkeys(s.paragraph for s in key_point.spans)
        )


def test_every_span_in_the_data_ends_up_inside_a_mark(briefing: Briefing) -> None:
    html = build_article_html(briefing, "en") + build_comment_section_html(briefing, "en")
    marked = "".join(text for text, _ in read(html).marks)
    for _, item_id, item in briefing.sourced_items():
        for span in item.spans:
            assert span.text_ar in marked, item_id


def test_the_reader_comment_is_apart_from_the_article_and_labelled_an_opinion(
    briefing: Briefing,
) -> None:
    comment = briefing.comments[0]
    article = read(build_article_html(briefing, "en")).text
    assert comment.spans[0].text_ar not in article
    section = build_comment_section_html(briefing, "en")
    text = read(section).text
    assert comment.spans[0].text_ar in text
    assert "Opinion" in text
    assert "A reader's opinion — not a fact" in text
    assert comment.note is not None
    assert comment.note.en in text
    assert "رأي قارئ" in read(build_comment_section_html(briefing, "ar")).text


def test_source_notes_show_kind_text_and_the_spans_they_are_about(briefing: Briefing) -> None:
    html = build_source_notes_html(briefing, "en", highlight="caption-ibril-typo")
    result = read(html)
    assert "Typo" in result.text
    assert "Omission" in result.text
    assert "The photo caption appears twice, word for word." in result.text
    assert "#p-4" in [a.get("href") for tag, a in result.tags if tag == "a"]
    focused = [a["id"] for _, a in result.tags if "gw-note-focus" in a.get("class", "")]
    assert focused == ["note-caption-ibril-typo"]
    assert "خطأ مطبعي" in read(build_source_notes_html(briefing, "ar")).text


def test_the_outside_evidence_stands_beside_the_weekday_note_boxed_and_labelled(
    briefing: Briefing,
) -> None:
    html = build_source_notes_html(briefing, "en")
    result = read(html)
    note_at = html.index('id="note-weekday-date-conflict"')
    box_at = html.index('id="outside-diyaruna-english-2019-02-08"')
    next_note_at = html.index('id="note-', note_at + 1)
    assert note_at < box_at < next_note_at  # inside the weekday note's block
    for words in (
        "Outside evidence",
        "Diyaruna (English edition)",
        "US Central Command (CENTCOM)",
        "February 8, 2019",
        "http://diyaruna.com/en_GB/articles/cnmi_di/features/2019/02/08/feature-04",
        "Wednesday, 6 February",
        "What it settles",
        "What it leaves open",
    ):
        assert words in result.text, words
    # Shown once; the other note it bears on links to it.
    assert html.count('id="outside-diyaruna-english-2019-02-08"') == 1
    hrefs = [a.get("href") for tag, a in result.tags if tag == "a"]
    assert "#outside-diyaruna-english-2019-02-08" in hrefs
    # The address is text, not a link: we have not fetched it, and the app is offline.
    assert not any("diyaruna.com" in (h or "") for h in hrefs)
    assert "دليل من خارج المقال" in read(build_source_notes_html(briefing, "ar")).text


def test_hostile_outside_evidence_is_escaped(briefing: Briefing) -> None:
    hostile = "<script>alert(1)</script><img src=x onerror=alert(1)>"
    outside = briefing.outside_sources[0].model_copy(update={"title": hostile, "url": hostile})
    evil = briefing.model_copy(update={"outside_sources": (outside,)})
    html = build_source_notes_html(evil, "en")
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html


def test_every_status_is_listed_with_the_words_that_justify_it(briefing: Briefing) -> None:
    for lang, label in (("en", "Reported agenda (discussed)"), ("ar", "محاور نقاش مذكورة")):
        text = read(build_status_cues_html(briefing, lang)).text  # type: ignore[arg-type]
        assert label in text
        assert "تمحورت حول" in text and "اتفق الطرفان" in text
    # English glosses stay off the Arabic page, where they would scramble the reading order.
    arabic = read(build_status_cues_html(briefing, "ar")).text
    assert "centred on" in read(build_status_cues_html(briefing, "en")).text
    assert "centred on" not in arabic and "the two sides agreed" not in arabic


def test_the_new_notes_a_careful_reader_finds_are_on_the_source_page(briefing: Briefing) -> None:
    text = read(build_source_notes_html(briefing, "en")).text
    for words in (
        "مسح can mean a survey or reconnaissance, or a sweep",
        'is called an "axis" (المحور الأول)',
        "as the outskirts of both",
        "an imprecision, not a contradiction",
        "at the end of 2018, including",
    ):
        assert words in text, words
    assert "try to carry out attacks from" not in text


def test_the_metadata_says_the_original_url_is_not_in_the_text(briefing: Briefing) -> None:
    text = read(build_meta_html(briefing, "en")).text
    assert "Diyaruna" in text
    assert "The original URL is not in the source text" in text
    assert briefing.article.meta.source_file in text
    assert "غير موجود في نص المصدر" in read(build_meta_html(briefing, "ar")).text


def test_every_sourced_item_has_a_label_in_both_languages(briefing: Briefing) -> None:
    english, arabic = item_labels(briefing, "en"), item_labels(briefing, "ar")
    ids = {item_id for _, item_id, _ in briefing.sourced_items()}
    assert set(english) == set(arabic) == ids
    assert next(iter(english)) == "field-survey"  # key points come first
    assert (
        english["field-survey"]
        == "Key point 1: Survey or sweep (مسح) of the areas between army and Peshmerga positions"
    )
    assert all(english[i] != arabic[i] for i in ids)


def test_a_source_link_keeps_the_language_and_names_item_and_paragraph() -> None:
    arabic = ViewState(lang="ar")
    assert source_href(arabic, "field-survey", 11) == "source?lang=ar&item=field-survey#p-11"
    assert source_href(ViewState(), None) == "source?lang=en"
    assert source_href(ViewState(), "a&b=c") == "source?lang=en&item=a%26b%3Dc"


def test_a_source_link_keeps_the_readers_filters_selection_and_width() -> None:
    view = ViewState(
        lang="ar",
        filters=Filters(places=frozenset({"erbil"}), text="Yarallah"),
        event_id="erbil-round-2019-02-04",
        place_id="erbil",
        gap_width_km=7.5,
    )
    href = source_href(view, "field-survey", 11)
    path, _, rest = href.partition("?")
    query, _, anchor = rest.partition("#")
    params = dict(parse_qsl(query))
    assert (path, anchor) == ("source", "p-11")
    assert params == {**view.to_query_params(), "item": "field-survey"}
    assert {"place", "q", "event", "focus", "width"} <= set(params)
