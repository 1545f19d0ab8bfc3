"""What the user asked to see: one value object for the UI, the URL and the tests.

`Filters` applies itself to a briefing, says in words what it shows, and round-trips through
URL query parameters, so that a pasted link reproduces a view. A bad parameter never raises:
it falls back to its default and yields a notice the page can show.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from gapwatch.briefing import Briefing
from gapwatch.i18n import Lang, format_day, t
from gapwatch.model import (
    EPISTEMIC_STATUSES,
    EVENT_TYPES,
    RETIRED_STATUSES,
    Event,
    KeyPoint,
    Statement,
)

MAX_TEXT_LENGTH = 200

# URL parameter names, one place for all of them.
PARAM_FROM = "from"
PARAM_TO = "to"
PARAM_PLACES = "place"
PARAM_ACTORS = "actor"
PARAM_TYPES = "type"
PARAM_STATUSES = "status"
PARAM_TEXT = "q"
FILTER_PARAMS = (
    PARAM_FROM,
    PARAM_TO,
    PARAM_PLACES,
    PARAM_ACTORS,
    PARAM_TYPES,
    PARAM_STATUSES,
    PARAM_TEXT,
)

_ARABIC_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ARABIC_LETTER_FOLDS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي"})
# Control characters, and the bidi controls that would let a value from a link reorder the
# text around it (U+202E turns the rest of a sentence backwards): never kept in a search.
CONTROL_CHARS = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def visible(value: object) -> str:
    """`value` as text with every control or bidi-control character shown as U+FFFD (�).

    For quoting a value a user gave us (an ignored URL parameter): what is shown is what was
    sent, and nothing in it can hide or reorder the message around it.
    """
    return CONTROL_CHARS.sub("\ufffd", str(value))


def normalize_for_search(text: str) -> str:
    """Fold case, Latin accents and Arabic spelling variants, and drop punctuation and spaces.

    So 'Hawijah', 'al-Ḩawījah' and 'الحويجة' compare by their letters, and 'Yar Allah' finds
    'Yarallah'.
    """
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _ARABIC_DIACRITICS.sub("", text).translate(_ARABIC_LETTER_FOLDS)
    return "".join(ch for ch in text if ch.isalnum())


@dataclass(frozen=True)
class Notice:
    """A short message about a parameter that was ignored, in both languages."""

    key: str
    values: Mapping[str, object] = field(default_factory=dict)

    def text(self, lang: Lang) -> str:
        """The message in `lang`: values that know their own language are shown in it, quoted
        values with control characters made visible."""
        values = {
            name: value.in_lang(lang) if isinstance(value, ReplacementLabels) else visible(value)
            for name, value in self.values.items()
        }
        return t(self.key, lang, **values)


def last_param(params: Mapping[str, str | list[str]], name: str) -> str:
    """A URL parameter's value; the last one when it is repeated ("" when absent)."""
    value = params.get(name, "")
    return (value[-1] if value else "") if isinstance(value, list) else str(value)


def date_from_param(
    params: Mapping[str, str | list[str]], name: str, notices: list[Notice]
) -> dt.date | None:
    """An ISO date from a URL parameter; a bad one is dropped with a notice (None)."""
    raw = last_param(params, name).strip()
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        notices.append(Notice("notice_bad_date", {"value": raw[:40], "param": name}))
        return None


@dataclass(frozen=True)
class Filters:
    """A selection of events. Empty sets and None mean 'no restriction'."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    places: frozenset[str] = frozenset()
    actors: frozenset[str] = frozenset()
    event_types: frozenset[str] = frozenset()
    statuses: frozenset[str] = frozenset()
    text: str = ""

    @functools.cached_property
    def search_terms(self) -> tuple[str, ...]:
        """The search text as normalised terms (worked out once per Filters value)."""
        return tuple(term for term in map(normalize_for_search, self.text.split()) if term)

    @property
    def is_empty(self) -> bool:
        """True when the filters let every event through."""
        return self == Filters()

    def matches(self, event: Event, briefing: Briefing) -> bool:
        """Whether `event` passes every filter; a fuzzy date passes if its interval overlaps."""
        if self.date_from and event.date.latest < self.date_from:
            return False
        if self.date_to and event.date.earliest > self.date_to:
            return False
        if self.places and not self.places.intersection(event.place_ids):
            return False
        if self.actors and not self.actors.intersection(event.actor_ids):
            return False
        if self.event_types and event.event_type not in self.event_types:
            return False
        if self.statuses and not self.statuses.intersection(statuses_at(event, briefing)):
            return False
        if self.text:
            haystack = _indexed_search_text(event, briefing)
            return all(term in haystack for term in self.search_terms)
        return True

    def apply(self, briefing: Briefing) -> tuple[Event, ...]:
        """The events that pass, in chronological order of their earliest day."""
        kept = (e for e in briefing.events if self.matches(e, briefing))
        return tuple(sorted(kept, key=lambda e: (e.date.earliest, e.date.latest, e.id)))

    def describe(self, briefing: Briefing, lang: Lang) -> str:
        """The filters in one sentence, e.g. 'Showing events at Erbil or Baghdad.'."""
        if self.is_empty:
            return t("filter_all", lang)
        joiner = f" {t('or', lang)} "
        names = {p.id: p.name.in_lang(lang) for p in briefing.places}
        names |= {a.id: a.name.in_lang(lang) for a in briefing.actors}
        clauses: list[str] = []
        if self.date_from:
            clauses.append(t("filter_from", lang, date=format_day(self.date_from, lang)))
        if self.date_to:
            clauses.append(t("filter_to", lang, date=format_day(self.date_to, lang)))
        for key, ids in (("filter_places", self.places), ("filter_actors", self.actors)):
            if ids:
                items = joiner.join(sorted(names.get(i, i) for i in ids))
                clauses.append(t(key, lang, items=items))
        for key, values in (("filter_types", self.event_types), ("filter_statuses", self.statuses)):
            if values:
                items = joiner.join(t(v, lang) for v in sorted(values))
                clauses.append(t(key, lang, items=items))
        if self.text:
            clauses.append(t("filter_text", lang, text=self.text))
        return f"{t('filter_showing', lang)} {' '.join(clauses)}."

    def to_query_params(self) -> dict[str, str]:
        """Only the filters that are set, as URL query parameters (lists comma-separated)."""
        params: dict[str, str] = {}
        if self.date_from:
            params[PARAM_FROM] = self.date_from.isoformat()
        if self.date_to:
            params[PARAM_TO] = self.date_to.isoformat()
        for name, values in (
            (PARAM_PLACES, self.places),
            (PARAM_ACTORS, self.actors),
            (PARAM_TYPES, self.event_types),
            (PARAM_STATUSES, self.statuses),
        ):
            if values:
                params[name] = ",".join(sorted(values))
        if self.text:
            params[PARAM_TEXT] = self.text
        return params

    @classmethod
    def from_query_params(
        cls, params: Mapping[str, str | list[str]], briefing: Briefing
    ) -> tuple[Filters, list[Notice]]:
        """Read filters from URL parameters; anything invalid is dropped with a notice."""
        notices: list[Notice] = []

        single = functools.partial(last_param, params)
        date_param = functools.partial(date_from_param, params, notices=notices)

        def id_set(
            name: str,
            allowed: Iterable[str],
            retired: Mapping[str, tuple[str, ...]] | None = None,
        ) -> frozenset[str]:
            """Known values kept; a retired one (an old link) replaced, with a notice."""
            allowed_set = set(allowed)
            kept: set[str] = set()
            for value in (v.strip() for v in single(name).split(",")):
                if not value:
                    continue
                if value in allowed_set:
                    kept.add(value)
                elif retired is not None and value in retired:
                    kept.update(retired[value])
                    notices.append(
                        Notice(
                            "notice_retired_status",
                            {"value": value, "replacement": ReplacementLabels(retired[value])},
                        )
                    )
                else:
                    notices.append(
                        Notice("notice_unknown_value", {"param": name, "value": value[:40]})
                    )
            return frozenset(kept)

        date_from, date_to = date_param(PARAM_FROM), date_param(PARAM_TO)
        if date_from and date_to and date_from > date_to:
            notices.append(Notice("notice_date_order", {"start": date_from, "end": date_to}))
            date_from = date_to = None
        text = " ".join(CONTROL_CHARS.sub(" ", single(PARAM_TEXT)).split())
        if len(text) > MAX_TEXT_LENGTH:
            notices.append(Notice("notice_text_too_long", {"limit": MAX_TEXT_LENGTH}))
            text = text[:MAX_TEXT_LENGTH]
        filters = cls(
            date_from=date_from,
            date_to=date_to,
            places=id_set(PARAM_PLACES, (p.id for p in briefing.places)),
            actors=id_set(PARAM_ACTORS, (a.id for a in briefing.actors)),
            event_types=id_set(PARAM_TYPES, EVENT_TYPES),
            statuses=id_set(PARAM_STATUSES, EPISTEMIC_STATUSES, RETIRED_STATUSES),
            text=text,
        )
        return filters, notices


def statuses_at(event: Event, briefing: Briefing) -> frozenset[str]:
    """The statuses an event carries: its own, and those of the key points and statements the
    article ties to it — so "announced intention" finds the announcement that made one."""
    said: list[KeyPoint | Statement] = [*briefing.key_points, *briefing.statements]
    return frozenset({event.status, *(item.status for item in said if item.event_id == event.id)})


@dataclass(frozen=True)
class ReplacementLabels:
    """Status ids that format themselves in the notice's language (see `Notice.text`)."""

    statuses: tuple[str, ...]

    def in_lang(self, lang: Lang) -> str:
        """The statuses' labels in `lang`, joined with 'or'."""
        return f" {t('or', lang)} ".join(t(status, lang) for status in self.statuses)


def search_text(event: Event, briefing: Briefing) -> str:
    """Everything a search may match for an event: its words, the statements made at it, the
    names and aliases (both languages) of its places, actors, speakers and the places those
    statements name, and the Arabic sentences it cites."""
    statements = briefing.statements_at_event(event.id)
    parts = [event.title.en, event.title.ar, event.summary.en, event.summary.ar]
    parts += [span.text_ar for item in (event, *statements) for span in item.spans]
    parts += [text for s in statements for text in (s.text.en, s.text.ar)]
    place_ids = {*event.place_ids, *(pid for s in statements for pid in s.place_ids)}
    actor_ids = {*event.actor_ids, *(s.speaker_id for s in statements)}
    for place in (briefing.place(pid) for pid in sorted(place_ids)):
        parts += [place.name.en, place.name.ar, *place.aliases]
    for actor in (briefing.actor(aid) for aid in sorted(actor_ids)):
        parts += [actor.name.en, actor.name.ar, *actor.aliases]
    return " ".join(normalize_for_search(p) for p in parts)


def _search_index(briefing: Briefing) -> dict[str, tuple[Event, str]]:
    return {e.id: (e, search_text(e, briefing)) for e in briefing.events}


def _indexed_search_text(event: Event, briefing: Briefing) -> str:
    """`search_text`, normalised once per briefing (an index kept on the briefing) instead of
    on every search.

    Used only for the briefing's own event objects; any other event (an edited copy) is
    searched afresh, so the index can never answer for different text.
    """
    indexed = briefing.derived("search_text", _search_index).get(event.id)
    if indexed is not None and indexed[0] is event:
        return indexed[1]
    return search_text(event, briefing)
