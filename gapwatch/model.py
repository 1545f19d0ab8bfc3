"""The briefing as frozen, validated data: one source article and everything read out of it.

Every model that states something about the world cites at least one `SourceSpan`: a verbatim
piece of the Arabic article. The loader (`gapwatch.load`) checks that each span really occurs in
the paragraph it names; the models here check what a single item can check on its own.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, get_args

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

# Iraq's bounding box (WGS84), the same one the reference geodata promises to stay inside.
IRAQ_LON = (38.7, 48.8)
IRAQ_LAT = (29.0, 37.4)

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=64)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]

EpistemicStatus = Literal[
    "reported_agenda",
    "announced_intention",
    "reported_agreement",
    "reported_fact",
    "claim",
    "opinion",
]
"""How far the source vouches for an item, and no further than its words go:

- `reported_agenda` — what meetings were about or called for, as someone describes them
  ("centred on", "calls for"): discussed, not agreed;
- `announced_intention` — something one side says it will do ("will carry out", "will be
  combed");
- `reported_agreement` — both sides agreed, as a named source says ("the two sides agreed");
- `reported_fact` — the article reports it as having happened (a meeting was held);
- `claim` — a named speaker's description or assessment of the situation;
- `opinion` — the reader comment; never shown as fact.

Which words justify each status is data (`data/status_cues.json`); every item names the cue
in its own span (`status_basis`), and the loader refuses a status its words do not support."""

EPISTEMIC_STATUSES: tuple[EpistemicStatus, ...] = get_args(EpistemicStatus)

#: Statuses that old links may still carry, and the statuses that replaced them. The old
#: "agreed intention" said more than the article: it became the three intention-like statuses.
RETIRED_STATUSES: dict[str, tuple[EpistemicStatus, ...]] = {
    "agreed_intention": ("reported_agenda", "announced_intention", "reported_agreement"),
}

SaidBySide = Literal["federal", "kurdistan", "outlet", "reader"]
"""Whose word an item rests on: the federal side, the Kurdistan Region's side, the outlet's own
narration (Diyaruna), or a reader."""
SAID_BY_SIDES: tuple[SaidBySide, ...] = get_args(SaidBySide)

EventType = Literal["meeting_series", "meeting", "meeting_round", "announcement", "statement"]
EVENT_TYPES: tuple[EventType, ...] = get_args(EventType)

DatePrecision = Literal["day", "days", "month", "part_of_year", "year"]
"""How wide a fuzzy date is: one day, a few days, within a month, part of a year, a year."""
PlaceKind = Literal["city", "area", "ridge", "gap_zone"]
ActorKind = Literal["ministry", "command", "person", "force", "group", "media"]
ActorSide = Literal["federal", "kurdistan", "isis", "media"]
ParagraphRole = Literal["section", "headline", "byline", "caption", "body", "subheading", "comment"]
SourceNoteKind = Literal["typo", "inconsistency", "omission", "ambiguity", "duplication"]

GeoPrecision = Literal[1, 2, 3]
"""ACLED-style location precision: 1 the point itself, 2 near a place or part of an area,
3 a region or natural feature."""


class Frozen(BaseModel):
    """Immutable and strict about unknown fields, so a typo in a data file is an error."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Bilingual(Frozen):
    """The same text in English and Arabic."""

    en: Text
    ar: Text

    def in_lang(self, lang: str) -> str:
        """The text in `lang` ("en" or "ar"); English for anything else."""
        return self.ar if lang == "ar" else self.en


class SourceSpan(Frozen):
    """A verbatim piece of the Arabic article, in the paragraph with this index."""

    paragraph: int = Field(ge=0)
    text_ar: Text


class Sourced(Frozen):
    """An item that must point at the sentences it comes from."""

    spans: tuple[SourceSpan, ...] = Field(min_length=1)


class SaidBy(Frozen):
    """Who says it: the side and the office an item's words come from, shown on every card.

    `actor_ids` name the speaker or issuer (none for a reader); the loader checks that their
    side matches `side` (the outlet is the actor of side "media").
    """

    side: SaidBySide
    office: Bilingual
    actor_ids: tuple[Id, ...] = ()


class Inference(Frozen):
    """A link that is ours, not the article's: the `field` value we attached, the article's
    `words` we read that way (verbatim Arabic, inside one of the item's spans), and why.

    E.g. "قوات عراقية وكردية" (Iraqi and Kurdish forces) read as the army and the Peshmerga.
    """

    field: Literal["actor_ids", "place_ids", "event_id", "speaker_id"]
    value: Id
    words: Text
    reasoning: Bilingual


class Attributed(Sourced):
    """A sourced item with an epistemic status justified by its own words, and a speaker.

    `status_basis` is the verb or phrase in one of the item's spans that supports the status;
    it must contain one of the cues listed for that status in `data/status_cues.json`.
    `inferences` list every identification that is ours.
    """

    status: EpistemicStatus
    status_basis: SourceSpan
    said_by: SaidBy
    inferences: tuple[Inference, ...] = ()

    def inferred(self, field: str, value: str) -> Inference | None:
        """Our inference behind `value` in `field`, or None if the article says it outright."""
        return next((i for i in self.inferences if (i.field, i.value) == (field, value)), None)


class StatusCue(Frozen):
    """A verb or phrase that justifies a status: Arabic as it appears in the article, and a
    gloss."""

    ar: Text
    en: Text


class StatusEntry(Frozen):
    """One status: what it means, and the words that justify it."""

    status: EpistemicStatus
    why: Bilingual
    cues: tuple[StatusCue, ...] = Field(min_length=1)


class StatusCues(Frozen):
    """For each status, in display order, the words that justify it (data/status_cues.json)."""

    entries: tuple[StatusEntry, ...]

    @model_validator(mode="after")
    def _every_status_once(self) -> StatusCues:
        listed = [e.status for e in self.entries]
        missing = [s for s in EPISTEMIC_STATUSES if s not in listed]
        if missing:
            raise ValueError(f"no entry for status(es) {', '.join(missing)}")
        if len(set(listed)) != len(listed):
            raise ValueError("a status is listed more than once")
        return self

    def entry(self, status: EpistemicStatus) -> StatusEntry:
        """The entry of `status`."""
        return next(e for e in self.entries if e.status == status)

    def matching(self, status: EpistemicStatus, text: str) -> tuple[StatusCue, ...]:
        """The cues of `status` that occur in `text`."""
        return tuple(c for c in self.entry(status).cues if c.ar in text)


class FuzzyDate(Frozen):
    """A date as the article gives it: its own words, and the interval they allow.

    `inferred` marks a date whose day, month or year the article does not state outright
    (the year of "4 February", the day of "Friday"); `inference` says how it was worked out.
    """

    text: Bilingual
    earliest: dt.date
    latest: dt.date
    precision: DatePrecision
    inferred: bool = False
    inference: Bilingual | None = None

    @model_validator(mode="after")
    def _check(self) -> FuzzyDate:
        if self.earliest > self.latest:
            raise ValueError(f"earliest {self.earliest} is after latest {self.latest}")
        if self.inferred and self.inference is None:
            raise ValueError("an inferred date needs an `inference` saying how it was inferred")
        if not self.inferred and self.inference is not None:
            raise ValueError("`inference` is given but `inferred` is false")
        if self.precision == "day" and self.earliest != self.latest:
            raise ValueError("precision 'day' needs earliest == latest")
        return self

    @property
    def is_exact_day(self) -> bool:
        """True when the article pins the item to one known day."""
        return self.precision == "day" and self.earliest == self.latest


class Paragraph(Frozen):
    """One paragraph of the article, verbatim in Arabic, with our English translation."""

    index: int = Field(ge=0)
    role: ParagraphRole
    ar: Text
    en: Text


class ArticleMeta(Frozen):
    """What is known about the article itself, and how the publication date was worked out."""

    outlet: Bilingual
    author: Bilingual
    section: Bilingual
    title: Bilingual
    published: FuzzyDate
    source_file: Text
    url: str | None = None
    note: Bilingual | None = None


class Article(Frozen):
    """The source, split into paragraphs in reading order."""

    meta: ArticleMeta
    paragraphs: tuple[Paragraph, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _indices_in_order(self) -> Article:
        for position, paragraph in enumerate(self.paragraphs):
            if paragraph.index != position:
                raise ValueError(
                    f"paragraph at position {position} has index {paragraph.index}; "
                    "indices must run 0, 1, 2, … in order"
                )
        return self


class Actor(Sourced):
    """A ministry, command, person, force or group the article names."""

    id: Id
    name: Bilingual
    aliases: tuple[Text, ...] = ()
    kind: ActorKind
    side: ActorSide
    role: Bilingual | None = None


class Place(Sourced):
    """A place the article names, with a representative point and how precise it is.

    Areas (Hawija's outskirts, the Hamrin range, the gap zones) keep a point for tables and
    exports; their drawn shape comes from `gapwatch.geometry` and is illustrative.
    """

    id: Id
    name: Bilingual
    aliases: tuple[Text, ...] = ()
    kind: PlaceKind
    lat: float
    lon: float
    coordinate_source: Text
    geo_precision: GeoPrecision
    admin1: Bilingual
    note: Bilingual | None = None

    @model_validator(mode="after")
    def _inside_iraq(self) -> Place:
        if not (IRAQ_LAT[0] <= self.lat <= IRAQ_LAT[1]):
            raise ValueError(
                f"lat {self.lat} is outside Iraq ({IRAQ_LAT[0]}–{IRAQ_LAT[1]}); "
                "are lat and lon swapped?"
            )
        if not (IRAQ_LON[0] <= self.lon <= IRAQ_LON[1]):
            raise ValueError(
                f"lon {self.lon} is outside Iraq ({IRAQ_LON[0]}–{IRAQ_LON[1]}); "
                "are lat and lon swapped?"
            )
        return self


class Event(Attributed):
    """Something that happened (or was said) at a time the article gives, however fuzzily."""

    id: Id
    title: Bilingual
    summary: Bilingual
    date: FuzzyDate
    event_type: EventType
    place_ids: tuple[Id, ...] = ()
    actor_ids: tuple[Id, ...] = ()
    place_note: Bilingual | None = None


class KeyPoint(Attributed):
    """One of the three points the recent meetings centred on, as the spokesman described
    them: an agenda, not an agreement the article reports."""

    id: Id
    number: int = Field(ge=1)
    title: Bilingual
    wording: Bilingual
    speaker_id: Id
    event_id: Id
    implementation: Bilingual


class Statement(Attributed):
    """Something the article attributes to a speaker: a direct quote or reported speech."""

    id: Id
    speaker_id: Id
    form: Literal["direct_quote", "reported_speech"]
    text: Bilingual
    event_id: Id | None = None
    place_ids: tuple[Id, ...] = ()


class ReaderComment(Attributed):
    """The reader comment under the article: an opinion, never a fact."""

    id: Id
    text: Bilingual
    status: Literal["opinion"] = "opinion"
    note: Bilingual | None = None


class SourceNote(Sourced):
    """Something a careful reader finds wrong or missing in the source itself."""

    id: Id
    kind: SourceNoteKind
    text: Bilingual


class OutsideSource(Frozen):
    """Evidence from outside the article, kept apart from it and labelled as such.

    Not `Sourced`: it cites no Arabic span, because it is not the article. `summary` is ours
    (no copied sentences); `settles` and `leaves_open` say what it does and does not decide;
    `note_ids` are the source notes it bears on, where the Source page shows it.
    """

    id: Id
    outlet: Bilingual
    publisher: Bilingual
    title: Text
    language: Text
    published: dt.date
    url: Text
    accessed_via: Bilingual
    summary: Bilingual
    settles: Bilingual
    leaves_open: Bilingual
    note_ids: tuple[Id, ...] = ()
