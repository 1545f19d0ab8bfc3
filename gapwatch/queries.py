"""Questions every page asks of the briefing, answered once: what lies at a place, which events
are meetings, the span of dates, how a speaker's role is labelled.

The map, the timeline, the cards and the exports all call these, so a rule (say, a new kind
of meeting) changes in one place. Look-ups by id go through `Briefing`'s indexes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from gapwatch.briefing import Briefing
from gapwatch.model import Actor, Event, EventType, Place, Statement

#: The event types that are meetings (the Overview counts them).
MEETING_TYPES: frozenset[EventType] = frozenset({"meeting_series", "meeting", "meeting_round"})

_ROLE_END = re.compile(r"[;؛]")


@dataclass(frozen=True)
class PlaceItems:
    """What the article puts at one place: its events and the statements naming it."""

    place: Place
    events: tuple[Event, ...]
    statements: tuple[Statement, ...]
    # Other places drawn at the same point (Hawija and its outskirts).
    same_point: tuple[Place, ...]

    @property
    def count(self) -> int:
        """How many items lie at the place (events and statements)."""
        return len(self.events) + len(self.statements)


def items_at(briefing: Briefing, place_id: str) -> PlaceItems:
    """Events and statements at `place_id` (KeyError for an unknown id)."""
    place = briefing.place(place_id)
    return PlaceItems(
        place=place,
        events=briefing.events_at(place_id),
        statements=briefing.statements_at(place_id),
        same_point=tuple(
            p
            for p in briefing.places
            if p.id != place_id and (p.lat, p.lon) == (place.lat, place.lon)
        ),
    )


def meetings(briefing: Briefing) -> tuple[Event, ...]:
    """The events that are meetings (series, single meetings, rounds), in the data's order."""
    return tuple(e for e in briefing.events if e.event_type in MEETING_TYPES)


def named_places(briefing: Briefing) -> tuple[Place, ...]:
    """The places the article names as such (the gap zones are a notion, not a place)."""
    return tuple(p for p in briefing.places if p.kind != "gap_zone")


def date_span(events: Iterable[Event]) -> tuple[dt.date, dt.date]:
    """The first and last day any of `events` may fall on (ValueError if there are none)."""
    listed = tuple(events)
    if not listed:
        raise ValueError("date_span needs at least one event")
    return min(e.date.earliest for e in listed), max(e.date.latest for e in listed)


def short_role(role: str) -> str:
    """The first clause of an actor's role ('Spokesman of the Joint Operations Command')."""
    return _ROLE_END.split(role, maxsplit=1)[0].strip()


def role_label(actor: Actor, lang: str) -> str | None:
    """The actor's role as a card or a detail line shows it: its first clause, or None."""
    return short_role(actor.role.in_lang(lang)) if actor.role is not None else None
