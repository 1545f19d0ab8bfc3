"""Read `data/` into a validated `Briefing`, or fail naming the file, item, field and reason.

A broken data file must never reach a user as a traceback or, worse, as a silently wrong
screen: every problem found is collected and reported together in one `BriefingError`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from gapwatch.briefing import Briefing
from gapwatch.model import (
    Actor,
    Article,
    Attributed,
    Event,
    KeyPoint,
    OutsideSource,
    Place,
    ReaderComment,
    SourceNote,
    Statement,
    StatusCues,
)

ARTICLE_FILE = "article.json"
STATUS_CUES_FILE = "status_cues.json"

# said_by.side → the actor side its speakers must have.
_SIDE_OF_ACTOR = {"federal": "federal", "kurdistan": "kurdistan", "outlet": "media"}

# Briefing field → (model, singular noun used in messages); each lives in data/<field>.json
COLLECTIONS: dict[str, tuple[type[BaseModel], str]] = {
    "actors": (Actor, "actor"),
    "places": (Place, "place"),
    "events": (Event, "event"),
    "key_points": (KeyPoint, "key point"),
    "statements": (Statement, "statement"),
    "comments": (ReaderComment, "comment"),
    "source_notes": (SourceNote, "source note"),
    "outside_sources": (OutsideSource, "outside source"),
}

ModelT = TypeVar("ModelT", bound=BaseModel)


class BriefingError(Exception):
    """The data folder is not a valid briefing; `problems` lists every reason, one per line."""

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems: tuple[str, ...] = tuple(problems)
        count = len(self.problems)
        header = f"{count} problem{'s' if count != 1 else ''} in the briefing data:"
        super().__init__("\n".join([header, *(f"- {p}" for p in self.problems)]))


def _describe_error(error: Mapping[str, Any]) -> str:
    """One pydantic error as 'field "value" reason', in words a data editor understands."""
    field = ".".join(str(part) for part in error["loc"]) or "(item)"
    kind = error["type"]
    value = error.get("input")
    message = str(error["msg"]).removeprefix("Value error, ")
    if kind == "missing":
        return f"{field} is missing"
    if kind == "extra_forbidden":
        return f"{field} is not a known field"
    if kind.startswith("date_"):
        return f"{field} {json.dumps(value, ensure_ascii=False)} is not a valid date"
    if kind in ("value_error", "assertion_error") or isinstance(value, dict | list):
        return f"{field}: {message}"
    return f"{field} {json.dumps(value, ensure_ascii=False, default=str)}: {message}"


class _Unreadable:
    """What `_read_json` returns for a file it could not read: its reason is already in the
    problems. Distinct from JSON `null`, which is a file's (wrong) content to report."""


UNREADABLE = _Unreadable()


def _read_json(path: Path, label: str, problems: list[str]) -> Any:
    """The parsed file, or UNREADABLE with the reason added to `problems`."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        problems.append(f"{label}: file is missing")
        return UNREADABLE
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(f"{label}: cannot be read ({exc})")
        return UNREADABLE
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        problems.append(
            f"{label}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        )
    except RecursionError:
        problems.append(f"{label}: not valid JSON (nested too deeply)")
    return UNREADABLE


def _validate_items(
    raw: Any, model: type[ModelT], noun: str, label: str, problems: list[str]
) -> tuple[ModelT, ...]:
    """Validate a JSON array item by item, so one bad item names itself and spares the rest."""
    if raw is UNREADABLE:
        return ()
    if not isinstance(raw, list):
        problems.append(f"{label}: expected a JSON array of {noun}s, got {type(raw).__name__}")
        return ()
    items: list[ModelT] = []
    seen: set[str] = set()
    for position, entry in enumerate(raw):
        item_id = entry.get("id") if isinstance(entry, dict) else None
        name = f'{noun} "{item_id}"' if isinstance(item_id, str) else f"{noun} #{position}"
        try:
            item = model.model_validate(entry)
        except ValidationError as exc:
            problems.extend(f"{label}: {name}: {_describe_error(e)}" for e in exc.errors())
            continue
        if isinstance(item_id, str):
            if item_id in seen:
                problems.append(f'{label}: {name}: id "{item_id}" is used more than once')
                continue
            seen.add(item_id)
        items.append(item)
    return tuple(items)


def _check_article_text(
    article: Article, source_text: str, label: str, problems: list[str]
) -> None:
    for paragraph in article.paragraphs:
        if paragraph.ar not in source_text:
            problems.append(
                f"{label}: paragraph {paragraph.index}: its Arabic text does not occur verbatim "
                f"in {article.meta.source_file}"
            )


def _check_spans(briefing: Briefing, data_label: str, problems: list[str]) -> None:
    paragraphs = briefing.article.paragraphs
    for collection, item_id, item in briefing.sourced_items():
        for n, span in enumerate(item.spans):
            where = f'{data_label}/{collection}.json: {collection} item "{item_id}": spans.{n}'
            if span.paragraph >= len(paragraphs):
                problems.append(f"{where}.paragraph {span.paragraph} does not exist")
            elif span.text_ar not in paragraphs[span.paragraph].ar:
                problems.append(
                    f"{where}.text_ar {span.text_ar!r} does not occur in paragraph "
                    f"{span.paragraph} of the article"
                )


def _check_references(briefing: Briefing, data_label: str, problems: list[str]) -> None:
    ids = {
        "place": {p.id for p in briefing.places},
        "actor": {a.id for a in briefing.actors},
        "event": {e.id for e in briefing.events},
    }

    def check(label: str, item_id: str, field: str, kind: str, refs: Iterable[str | None]) -> None:
        for ref in refs:
            if ref is not None and ref not in ids[kind]:
                problems.append(
                    f'{data_label}/{label}: "{item_id}": {field} refers to unknown {kind} "{ref}"'
                )

    for e in briefing.events:
        check("events.json", e.id, "place_ids", "place", e.place_ids)
        check("events.json", e.id, "actor_ids", "actor", e.actor_ids)
    for k in briefing.key_points:
        check("key_points.json", k.id, "speaker_id", "actor", [k.speaker_id])
        check("key_points.json", k.id, "event_id", "event", [k.event_id])
    for s in briefing.statements:
        check("statements.json", s.id, "speaker_id", "actor", [s.speaker_id])
        check("statements.json", s.id, "event_id", "event", [s.event_id])
        check("statements.json", s.id, "place_ids", "place", s.place_ids)


def _check_status(
    collection: str, item_id: str, item: Attributed, cues: StatusCues, problems: list[str]
) -> None:
    """The status is justified by a listed cue inside the item's own cited words."""
    where = f'{collection}.json: {collection} item "{item_id}"'
    basis = item.status_basis
    if not any(s.paragraph == basis.paragraph and basis.text_ar in s.text_ar for s in item.spans):
        problems.append(
            f"{where}: status_basis {basis.text_ar!r} (paragraph {basis.paragraph}) is not "
            "inside any of the item's own spans"
        )
    if not cues.matching(item.status, basis.text_ar):
        listed = ", ".join(c.ar for c in cues.entry(item.status).cues)
        problems.append(
            f"{where}: status {item.status!r} is not justified: its basis {basis.text_ar!r} "
            f"contains none of the cues listed for it in {STATUS_CUES_FILE} ({listed})"
        )


def _check_attribution(briefing: Briefing, data_label: str, problems: list[str]) -> None:
    """Every status is justified, every speaker is on the side said, every inference is ours
    about a value the item really carries, read from words it really cites."""
    sides = {a.id: a.side for a in briefing.actors}
    for collection, item_id, item in briefing.attributed_items():
        where = f'{data_label}/{collection}.json: {collection} item "{item_id}"'
        _check_status(f"{data_label}/{collection}", item_id, item, briefing.status_cues, problems)
        for actor_id in item.said_by.actor_ids:
            if actor_id not in sides:
                problems.append(f'{where}: said_by refers to unknown actor "{actor_id}"')
            elif sides[actor_id] != _SIDE_OF_ACTOR.get(item.said_by.side):
                problems.append(
                    f'{where}: said_by side "{item.said_by.side}" but actor "{actor_id}" is '
                    f'on side "{sides[actor_id]}"'
                )
        for n, inference in enumerate(item.inferences):
            value = getattr(item, inference.field, None)
            values = value if isinstance(value, tuple) else (value,)
            if inference.value not in values:
                problems.append(
                    f'{where}: inferences.{n}: "{inference.value}" is not in its {inference.field}'
                )
            if not any(inference.words in span.text_ar for span in item.spans):
                problems.append(
                    f"{where}: inferences.{n}.words {inference.words!r} are not inside any of "
                    "the item's own spans"
                )
    notes = {n.id for n in briefing.source_notes}
    for outside in briefing.outside_sources:
        for note_id in outside.note_ids:
            if note_id not in notes:
                problems.append(
                    f'{data_label}/outside_sources.json: "{outside.id}": note_ids refers to '
                    f'unknown source note "{note_id}"'
                )


def load_briefing(data_dir: Path) -> Briefing:
    """Read and cross-check every data file; raise `BriefingError` listing all problems."""
    data_dir = Path(data_dir)
    data_label = data_dir.name or str(data_dir)
    problems: list[str] = []

    article_label = f"{data_label}/{ARTICLE_FILE}"
    raw_article = _read_json(data_dir / ARTICLE_FILE, article_label, problems)
    article: Article | None = None
    if raw_article is not UNREADABLE:
        try:
            article = Article.model_validate(raw_article)
        except ValidationError as exc:
            problems.extend(f"{article_label}: {_describe_error(e)}" for e in exc.errors())

    collections: dict[str, Any] = {}
    for field, (model, noun) in COLLECTIONS.items():
        label = f"{data_label}/{field}.json"
        raw = _read_json(data_dir / f"{field}.json", label, problems)
        collections[field] = _validate_items(raw, model, noun, label, problems)

    cues_label = f"{data_label}/{STATUS_CUES_FILE}"
    raw_cues = _read_json(data_dir / STATUS_CUES_FILE, cues_label, problems)
    status_cues: StatusCues | None = None
    if raw_cues is not None:
        try:
            status_cues = StatusCues.model_validate({"entries": raw_cues})
        except ValidationError as exc:
            problems.extend(f"{cues_label}: {_describe_error(e)}" for e in exc.errors())

    if article is not None:
        source_path = data_dir / article.meta.source_file
        if not source_path.resolve().is_relative_to(data_dir.resolve()):
            # A data file names files inside its own folder only: never a path out of it.
            problems.append(
                f"{article_label}: meta.source_file {article.meta.source_file!r} is outside "
                "the data folder"
            )
        else:
            try:
                source_text = source_path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                problems.append(f"{data_label}/{article.meta.source_file}: cannot be read ({exc})")
            else:
                _check_article_text(article, source_text, article_label, problems)

    if problems or article is None or status_cues is None:
        raise BriefingError(problems)

    briefing = Briefing(article=article, status_cues=status_cues, **collections)
    _check_spans(briefing, data_label, problems)
    _check_references(briefing, data_label, problems)
    _check_attribution(briefing, data_label, problems)
    if problems:
        raise BriefingError(problems)
    return briefing
