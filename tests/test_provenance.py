"""Every fact traces to the source. (That each item cites spans found verbatim in its
paragraph is the loader's own check, tested on damaged copies in test_load.py.)"""

from __future__ import annotations

from gapwatch.model import Briefing
from tests.support import DATA_DIR


def test_every_paragraph_is_verbatim_from_the_source_file(briefing: Briefing) -> None:
    source = (DATA_DIR / briefing.article.meta.source_file).read_text(encoding="utf-8")
    for paragraph in briefing.article.paragraphs:
        assert paragraph.ar in source
    # nothing of the article's text was left out of the paragraphs
    covered = {p.ar for p in briefing.article.paragraphs}
    assert {line.strip() for line in source.splitlines() if line.strip()} <= covered


def test_the_reader_comment_is_an_opinion_and_sits_in_the_comment_area(briefing: Briefing) -> None:
    (comment,) = briefing.comments
    assert comment.status == "opinion"
    for span in comment.spans:
        assert briefing.article.paragraphs[span.paragraph].role == "comment"
    # nothing but a source note about it leans on the comment's own paragraph as a source
    comment_paragraphs = {span.paragraph for span in comment.spans}
    for collection, item_id, item in briefing.sourced_items():
        if collection not in ("comments", "source_notes"):
            cited = {s.paragraph for s in item.spans}
            assert not (cited & comment_paragraphs), f"{collection} {item_id} cites the comment"


def test_key_points_are_agreed_intentions_not_implemented_facts(briefing: Briefing) -> None:
    assert [k.number for k in briefing.key_points] == [1, 2, 3]
    assert {k.status for k in briefing.key_points} == {"agreed_intention"}
