"""The briefing: everything Gap Watch knows, all of it traceable to the article, with the
look-ups every page needs indexed once (the model is frozen, so an index never goes stale).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Self, TypeVar

from pydantic import PrivateAttr

from gapwatch.model import (
    Actor,
    Article,
    Attributed,
    Event,
    Frozen,
    KeyPoint,
    OutsideSource,
    Place,
    ReaderComment,
    Sourced,
    SourceNote,
    Statement,
    StatusCues,
)

T = TypeVar("T")


class Briefing(Frozen):
    """Everything Gap Watch knows, all of it traceable to the article (and, kept apart, the
    outside sources that bear on it)."""

    article: Article
    actors: tuple[Actor, ...]
    places: tuple[Place, ...]
    events: tuple[Event, ...]
    key_points: tuple[KeyPoint, ...]
    statements: tuple[Statement, ...]
    comments: tuple[ReaderComment, ...]
    source_notes: tuple[SourceNote, ...]
    status_cues: StatusCues
    outside_sources: tuple[OutsideSource, ...] = ()

    # Indexes built once per briefing (the model is frozen, so they never go stale): a look-up
    # is a dict access, not a scan of every item on every call.
    _by_id: dict[str, dict[str, Any]] = PrivateAttr(default_factory=dict)
    _by_place: dict[str, dict[str, tuple[Any, ...]]] = PrivateAttr(default_factory=dict)
    _statements_by_event: dict[str, tuple[Statement, ...]] = PrivateAttr(default_factory=dict)
    _derived: dict[str, Any] = PrivateAttr(default_factory=dict)

    def model_post_init(self, context: Any, /) -> None:
        self._by_id = {
            "actors": {a.id: a for a in self.actors},
            "places": {p.id: p for p in self.places},
            "events": {e.id: e for e in self.events},
        }
        events: dict[str, list[Event]] = {}
        statements: dict[str, list[Statement]] = {}
        for event in self.events:
            for place_id in event.place_ids:
                events.setdefault(place_id, []).append(event)
        by_event: dict[str, list[Statement]] = {}
        for statement in self.statements:
            for place_id in statement.place_ids:
                statements.setdefault(place_id, []).append(statement)
            if statement.event_id is not None:
                by_event.setdefault(statement.event_id, []).append(statement)
        self._by_place = {
            "events": {k: tuple(v) for k, v in events.items()},
            "statements": {k: tuple(v) for k, v in statements.items()},
        }
        self._statements_by_event = {k: tuple(v) for k, v in by_event.items()}
        self._derived = {}

    def derived(self, name: str, build: Callable[[Briefing], T]) -> T:
        """An index another module builds from this briefing (e.g. the search texts), built
        on first use and kept with the briefing: it can never outlive or mismatch its data."""
        if name not in self._derived:
            self._derived[name] = build(self)
        value: T = self._derived[name]
        return value

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        """A copy with `update` applied, its indexes rebuilt (pydantic would keep the old)."""
        copied = super().model_copy(update=update, deep=deep)
        copied.model_post_init(None)
        return copied

    def actor(self, actor_id: str) -> Actor:
        """The actor with this id (KeyError if none: the loader has checked every reference)."""
        actor: Actor = self._by_id["actors"][actor_id]
        return actor

    def place(self, place_id: str) -> Place:
        """The place with this id."""
        place: Place = self._by_id["places"][place_id]
        return place

    def has_place(self, place_id: str) -> bool:
        """Whether a place with this id exists."""
        return place_id in self._by_id["places"]

    def event(self, event_id: str) -> Event:
        """The event with this id."""
        event: Event = self._by_id["events"][event_id]
        return event

    def events_at(self, place_id: str) -> tuple[Event, ...]:
        """The events at a place, in the briefing's order."""
        return self._by_place["events"].get(place_id, ())

    def statements_at(self, place_id: str) -> tuple[Statement, ...]:
        """The statements that name a place, in the briefing's order."""
        return self._by_place["statements"].get(place_id, ())

    def statements_at_event(self, event_id: str) -> tuple[Statement, ...]:
        """The statements made at an event (a press conference, a meeting)."""
        return self._statements_by_event.get(event_id, ())

    def attributed_items(self) -> tuple[tuple[str, str, Attributed], ...]:
        """Every item with a status and a speaker, as (collection, id, item)."""
        return tuple(
            (name, item_id, item)
            for name, item_id, item in self.sourced_items()
            if isinstance(item, Attributed)
        )

    def sourced_items(self) -> tuple[tuple[str, str, Sourced], ...]:
        """Every item that cites the article, as (collection, id, item), for provenance checks."""
        groups: list[tuple[str, tuple[Sourced, ...]]] = [
            ("actors", self.actors),
            ("places", self.places),
            ("events", self.events),
            ("key_points", self.key_points),
            ("statements", self.statements),
            ("comments", self.comments),
            ("source_notes", self.source_notes),
        ]
        return tuple(
            (name, getattr(item, "id", "?"), item) for name, items in groups for item in items
        )
