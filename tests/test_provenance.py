"""Every fact traces to the source. (That each item cites spans found verbatim in its
paragraph is the loader's own check, tested on damaged copies in test_load.py.)"""

from __future__ import annotations

import re

import pytest
from pyproj import Geod, Transformer
from shapely.geometry import LineString, Point

from gapwatch.briefing import Briefing
from gapwatch.geodata import load_reference_geo
from gapwatch.model import Attributed
from tests.support import DATA_DIR, real_briefing


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


def test_key_points_are_an_agenda_told_by_the_federal_side_not_an_agreement(
    briefing: Briefing,
) -> None:
    assert [k.number for k in briefing.key_points] == [1, 2, 3]
    assert {k.status for k in briefing.key_points} == {"reported_agenda"}
    assert {k.said_by.side for k in briefing.key_points} == {"federal"}
    # The meeting they are tied to is our inference, and says so.
    for key_point in briefing.key_points:
        assert key_point.inferred("event_id", key_point.event_id) is not None


def test_the_only_reported_agreement_is_the_ministry_of_defence_statement(
    briefing: Briefing,
) -> None:
    agreements = [i for _, _, i in briefing.attributed_items() if i.status == "reported_agreement"]
    assert [getattr(i, "id", None) for i in agreements] == ["mod-agreed-items"]
    assert agreements[0].said_by.actor_ids == ("ministry-of-defence",)


AGREED_WORDS = re.compile(r"\bagree|اتفق|متفق")


@pytest.mark.parametrize(
    ("collection", "item_id", "item"),
    real_briefing().attributed_items(),
    ids=[f"{c}:{i}" for c, i, _ in real_briefing().attributed_items()],
)
def test_nothing_but_a_reported_agreement_says_agreed(
    collection: str, item_id: str, item: Attributed
) -> None:
    """Only an item whose own words say "agreed" may say it was agreed (an event that reports
    a statement about an agreement names it so, and says whose word it is)."""
    own_words = [getattr(item, f, None) for f in ("title", "wording", "text")]
    texts = [w.in_lang(lang) for w in own_words if w is not None for lang in ("en", "ar")]
    if item.status != "reported_agreement":
        mentions = [text for text in texts if AGREED_WORDS.search(text.casefold())]
        assert all("statement" in m or "بيان" in m for m in mentions), mentions


def test_the_article_quotes_no_kurdish_voice_and_the_data_says_so(briefing: Briefing) -> None:
    sides = {item.said_by.side for _, _, item in briefing.attributed_items()}
    assert sides == {"federal", "outlet", "reader"}
    assert "single-side-sources" in {n.id for n in briefing.source_notes}


def test_the_reader_comment_reads_the_same_with_its_errors_marked_sic_everywhere(
    briefing: Briefing,
) -> None:
    (comment,) = briefing.comments
    paragraph = briefing.article.paragraphs[comment.spans[0].paragraph]
    assert comment.text.en == paragraph.en
    misspelt = ["اشك", "اي", "بنضافة", "لأحباط", "عمليه", "لأعادة", "الشرعيه", "بدفع", "البشنركة"]
    for word in misspelt:
        assert f"[{word}, sic for " in comment.text.en, word
        assert word in comment.note.en if comment.note else False, word


def test_mash_is_a_sweep_in_paragraph_17_and_an_open_question_in_paragraph_11(
    briefing: Briefing,
) -> None:
    paragraphs = briefing.article.paragraphs
    assert "thoroughly combed [مسح" in paragraphs[17].en
    assert "surveyed" not in paragraphs[17].en
    assert "a sweep; see the source notes" in paragraphs[11].en
    note = next(n for n in briefing.source_notes if n.id == "mash-survey-or-sweep")
    assert {s.paragraph for s in note.spans} == {11, 17}
    assert "in remarks to Diyaruna" in paragraphs[10].en


def test_the_hamrin_marker_stands_in_the_ranges_south_east_apart_from_hawija(
    briefing: Briefing,
) -> None:
    """The 2019 ISIS pockets were in the middle and south-east of the range (toward Tuz
    Khurmatu, Qara Tappa, Jalawla); at the north-western tip the marker read as one cluster
    with Hawija, 35 km away."""
    geod = Geod(ellps="WGS84")
    hamrin, hawija = briefing.place("hamrin-range"), briefing.place("hawija")
    _, _, from_hawija_m = geod.inv(hawija.lon, hawija.lat, hamrin.lon, hamrin.lat)
    assert from_hawija_m > 100_000
    assert hamrin.geo_precision == 3
    axis = load_reference_geo(DATA_DIR / "geo").hamrin_axis
    to_utm = Transformer.from_crs("EPSG:4326", "EPSG:32638", always_xy=True)
    axis_m = LineString([to_utm.transform(x, y) for x, y in axis.coords])
    point_m = Point(to_utm.transform(hamrin.lon, hamrin.lat))
    assert axis_m.distance(point_m) < 1_000  # on the schematic axis
    assert axis_m.project(point_m) > axis_m.length / 2  # in its south-eastern half
    assert "2019" in hamrin.note.en if hamrin.note else False
