"""The briefing as files an analyst takes elsewhere: ACLED-style CSV, GeoJSON, TimelineJS JSON.

Pure and deterministic (same input, same bytes; rows and features in a fixed order), so the
exports are unit-tested without Streamlit and a re-download never differs for no reason.
Every row and feature keeps what the screen shows: the Arabic sentence it comes from, how
precise its date and place are, and whether it is a fact, an intention, a claim or our drawing.
The mapping onto ACLED's columns is documented in data/README.md, section "Exports".

The standalone map HTML is built in `components/downloads.py`: it needs the folium map from
`components/`, which this package must not import.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd

from gapwatch.attribution import inference_text, said_by_text
from gapwatch.briefing import Briefing
from gapwatch.filters import statuses_at
from gapwatch.geometry import ATTRIBUTION, DerivedZone
from gapwatch.i18n import Lang, format_fuzzy_date, t
from gapwatch.model import DatePrecision, Event, FuzzyDate, Place

JSONDict = dict[str, Any]

#: ACLED's column names, in ACLED's order, for the columns the issue asks for.
ACLED_COLUMNS: tuple[str, ...] = (
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
)

#: ACLED time_precision: 1 the day is known, 2 a range of a few days or a week, 3 a month or
#: wider. ACLED has nothing wider than 3, so a part of a year or a year is 3 as well (the
#: real interval is kept in `notes`).
ACLED_TIME_PRECISION: dict[DatePrecision, int] = {
    "day": 1,
    "days": 2,
    "month": 3,
    "part_of_year": 3,
    "year": 3,
}

#: Every item of the article is a non-violent development around armed actors: ACLED's
#: "Strategic developments" event type.
ACLED_EVENT_TYPE = "Strategic developments"
SUB_EVENT_AGREEMENT = "Agreement"
SUB_EVENT_OTHER = "Other"

# A cell starting with one of these is run as a formula by Excel, LibreOffice and Google
# Sheets (OWASP "CSV injection"): such cells get a leading apostrophe.
_FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_PATTERN = "^ *[" + re.escape("".join(_FORMULA_TRIGGERS)) + "]"
_NOTE_SEPARATOR = " | "
_COORD_DECIMALS = 5  # about 1 m; the gazetteer points are no more precise than that


# --- CSV -----------------------------------------------------------------------------------


def neutralize_formula(cell: str) -> str:
    """`cell` with a leading apostrophe if a spreadsheet would run it as a formula.

    Leading spaces are looked through too, since some spreadsheets trim them before parsing.
    """
    if cell.startswith(_FORMULA_TRIGGERS) or cell.lstrip(" ").startswith(_FORMULA_TRIGGERS):
        return "'" + cell
    return cell


def neutralize_formula_column(column: pd.Series) -> pd.Series:
    """`neutralize_formula` over a whole string column at once (the same rule, vectorised)."""
    text = column.fillna("").astype("string")
    risky = text.str.match(_FORMULA_PATTERN).fillna(False).astype(bool)
    return text.where(~risky, "'" + text)


def sub_event_type(event: Event, briefing: Briefing) -> str:
    """ACLED's "Agreement" only when the article reports an agreement made on this occasion
    (status `reported_agreement`, e.g. "the two sides agreed"); otherwise "Other". Points a
    meeting discussed and one side's announced intentions are not agreements."""
    agreed = "reported_agreement" in statuses_at(event, briefing)
    return SUB_EVENT_AGREEMENT if agreed else SUB_EVENT_OTHER


def attribution_notes(event: Event, briefing: Briefing, lang: Lang) -> list[str]:
    """The event's status, who says it, and each identification that is ours, as notes."""
    notes = [t("export_note_status", lang, status=t(event.status, lang)), said_by_text(event, lang)]
    notes += [
        t("export_note_inference", lang, text=inference_text(inference, briefing, lang))
        for inference in event.inferences
    ]
    return notes


def actor_columns(event: Event, briefing: Briefing, lang: Lang) -> tuple[str, str]:
    """(actor1, actor2): the event's actors grouped by side, in the order the data lists them.

    actor1 holds the first side's actors, actor2 every other side's ("; "-separated). ACLED's
    actor columns carry no direction either. The outlet (side "media") is the `source`, not a
    party, so it is left out.
    """
    sides: dict[str, list[str]] = {}
    for actor in (briefing.actor(a) for a in event.actor_ids):
        if actor.side != "media":
            sides.setdefault(actor.side, []).append(actor.name.in_lang(lang))
    groups = list(sides.values())
    first = "; ".join(groups[0]) if groups else ""
    rest = "; ".join(name for group in groups[1:] for name in group)
    return first, rest


def _interval(date: FuzzyDate) -> str:
    """ISO 8601: one day, or 'earliest/latest'."""
    if date.earliest == date.latest:
        return date.earliest.isoformat()
    return f"{date.earliest.isoformat()}/{date.latest.isoformat()}"


def event_notes(event: Event, briefing: Briefing, lang: Lang, place: Place | None) -> str:
    """ACLED's free-text `notes`: what happened, the date as the article says it and as an
    interval, any inference, the place caveats, the epistemic status and the Arabic source."""
    parts = [f"{event.title.in_lang(lang)}: {event.summary.in_lang(lang)}"]
    parts.append(
        t(
            "export_note_date",
            lang,
            words=event.date.text.in_lang(lang),
            interval=_interval(event.date),
            precision=t(event.date.precision, lang),
        )
    )
    if event.date.inferred and event.date.inference is not None:
        parts.append(t("export_note_inferred", lang, reasoning=event.date.inference.in_lang(lang)))
    if place is None:
        parts.append(t("export_note_no_place", lang))
    elif place.kind != "city":
        parts.append(t("export_note_area_point", lang, place=place.name.in_lang(lang)))
    if event.place_note is not None:
        parts.append(t("export_note_place", lang, note=event.place_note.in_lang(lang)))
    parts.extend(attribution_notes(event, briefing, lang))
    quotes = " / ".join(f"«{span.text_ar}» (¶{span.paragraph})" for span in event.spans)
    parts.append(t("export_note_source", lang, quotes=quotes))
    parts.append(t("export_note_id", lang, id=event.id))
    return _NOTE_SEPARATOR.join(parts)


def events_csv_rows(events: Iterable[Event], briefing: Briefing, lang: Lang) -> list[list[str]]:
    """The CSV body: one row per (event, place), ACLED's convention for an event reported at
    several locations; an event with no place gets one row with empty location columns.

    Vocabulary columns (event_type, sub_event_type, the precision codes) stay ACLED's English
    codes in every language, so tools can filter on them; free text follows `lang`.
    """
    rows: list[list[str]] = []
    source = briefing.article.meta.outlet.in_lang(lang)
    for event in events:
        actor1, actor2 = actor_columns(event, briefing, lang)
        places: Sequence[Place | None] = [briefing.place(p) for p in event.place_ids] or [None]
        for place in places:
            row = {
                "event_date": event.date.earliest.isoformat(),
                "time_precision": str(ACLED_TIME_PRECISION[event.date.precision]),
                "event_type": ACLED_EVENT_TYPE,
                "sub_event_type": sub_event_type(event, briefing),
                "actor1": actor1,
                "actor2": actor2,
                "admin1": place.admin1.in_lang(lang) if place else "",
                "location": place.name.in_lang(lang) if place else "",
                "latitude": f"{place.lat:.{_COORD_DECIMALS}f}" if place else "",
                "longitude": f"{place.lon:.{_COORD_DECIMALS}f}" if place else "",
                "geo_precision": str(place.geo_precision) if place else "",
                "source": source,
                "notes": event_notes(event, briefing, lang, place),
            }
            # Numbers are ours and may legitimately be negative; text cells are guarded.
            numeric = {"latitude", "longitude", "time_precision", "geo_precision"}
            rows.append(
                [
                    row[col] if col in numeric else neutralize_formula(row[col])
                    for col in ACLED_COLUMNS
                ]
            )
    return rows


def events_csv(events: Iterable[Event], briefing: Briefing, lang: Lang = "en") -> str:
    """The events as ACLED-style CSV text (header first, RFC 4180 quoting, CRLF lines)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(ACLED_COLUMNS)
    writer.writerows(events_csv_rows(events, briefing, lang))
    return buffer.getvalue()


def csv_bytes(text: str) -> bytes:
    """UTF-8 with a byte-order mark: without it Excel reads the Arabic as mojibake."""
    return text.encode("utf-8-sig")


# --- GeoJSON -------------------------------------------------------------------------------


def place_feature(place: Place, briefing: Briefing) -> JSONDict:
    """A place as a GeoJSON Point (`[lon, lat]`), bilingual, with its precision and sources."""
    return {
        "type": "Feature",
        "id": place.id,
        "properties": {
            "feature_type": "place",
            "id": place.id,
            "name_en": place.name.en,
            "name_ar": place.name.ar,
            "aliases": list(place.aliases),
            "kind": place.kind,
            # For an area, ridge or gap zone the point only stands for the whole.
            "point": "location" if place.kind == "city" else "representative",
            "geo_precision": place.geo_precision,
            "geo_precision_meaning_en": t(f"data_geo_precision_{place.geo_precision}", "en"),
            "geo_precision_meaning_ar": t(f"data_geo_precision_{place.geo_precision}", "ar"),
            "coordinate_source": place.coordinate_source,
            "admin1_en": place.admin1.en,
            "admin1_ar": place.admin1.ar,
            "note_en": place.note.en if place.note else None,
            "note_ar": place.note.ar if place.note else None,
            "event_ids": [e.id for e in briefing.events_at(place.id)],
            "sources_ar": [span.text_ar for span in place.spans],
        },
        "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
    }


def zone_feature(zone: DerivedZone) -> JSONDict:
    """A drawn zone (status "illustrative", with its method) marked as such for GIS users."""
    feature = zone.to_feature()
    feature["properties"] = {"feature_type": "zone", **feature["properties"]}
    return feature


def places_geojson(briefing: Briefing, zones: Iterable[DerivedZone]) -> JSONDict:
    """A FeatureCollection: every place as a Point, then every illustrative zone."""
    features = [place_feature(p, briefing) for p in briefing.places]
    features += [zone_feature(z) for z in zones]
    return {
        "type": "FeatureCollection",
        "name": "gapwatch-places-and-zones",
        "attribution": ATTRIBUTION,
        "note": t("export_geojson_note", "en"),
        "note_ar": t("export_geojson_note", "ar"),
        "features": features,
    }


# --- TimelineJS ----------------------------------------------------------------------------


def _esc(text: object) -> str:
    # The stdlib call components/html.escape_html wraps; this package cannot import it.
    return html.escape(str(text), quote=True)


def _timeline_date(day_precision: bool, year: int, month: int, day: int) -> JSONDict:
    date: JSONDict = {"year": year, "month": month}
    if day_precision:
        date["day"] = day
    return date


def timeline_dates(date: FuzzyDate) -> tuple[JSONDict, JSONDict | None]:
    """(start_date, end_date or None) in TimelineJS's format.

    The day is given only when the interval's ends are known days (precision day or days);
    a month-or-wider interval gives year and month, a year gives the year alone. TimelineJS
    would otherwise print a made-up day.
    """
    with_day = date.precision in ("day", "days")

    def one(day: Any) -> JSONDict:
        if date.precision == "year":
            return {"year": day.year}
        return _timeline_date(with_day, day.year, day.month, day.day)

    start = one(date.earliest)
    end = one(date.latest) if date.earliest != date.latest else None
    return start, end


def _event_html(event: Event, briefing: Briefing, lang: Lang) -> str:
    parts = [f"<p>{_esc(event.summary.in_lang(lang))}</p>"]
    date_line = t(
        "export_note_date",
        lang,
        words=event.date.text.in_lang(lang),
        interval=format_fuzzy_date(event.date, lang),
        precision=t(event.date.precision, lang),
    )
    parts.append(f"<p>{_esc(date_line)}</p>")
    if event.date.inferred and event.date.inference is not None:
        reasoning = t("export_note_inferred", lang, reasoning=event.date.inference.in_lang(lang))
        parts.append(f"<p><em>{_esc(reasoning)}</em></p>")
    places = ", ".join(briefing.place(p).name.in_lang(lang) for p in event.place_ids)
    if places:
        parts.append(f"<p>{_esc(t('data_col_places', lang))}: {_esc(places)}</p>")
    if event.place_note is not None:
        parts.append(f"<p>{_esc(event.place_note.in_lang(lang))}</p>")
    status, *attribution = attribution_notes(event, briefing, lang)
    parts.append(f"<p><strong>{_esc(status)}</strong></p>")
    parts.extend(f"<p>{_esc(note)}</p>" for note in attribution)
    for span in event.spans:
        parts.append(f'<blockquote dir="rtl" lang="ar">{_esc(span.text_ar)}</blockquote>')
    return "".join(parts)


def timelinejs_json(events: Iterable[Event], briefing: Briefing, lang: Lang) -> JSONDict:
    """The events as a TimelineJS3 JSON file: a title slide with the headline, then one slide
    per event. Every text is HTML-escaped, since TimelineJS renders these fields as HTML."""
    meta = briefing.article.meta
    title_text = (
        f"<p>{_esc(meta.outlet.in_lang(lang))} · {_esc(meta.author.in_lang(lang))} · "
        f"{_esc(format_fuzzy_date(meta.published, lang))}</p>"
        f"<p>{_esc(t('single_source', lang))}</p>"
    )
    slides: list[JSONDict] = []
    for event in events:
        start, end = timeline_dates(event.date)
        display = f"{event.date.text.in_lang(lang)} · {format_fuzzy_date(event.date, lang)}"
        slide: JSONDict = {
            "unique_id": event.id,
            "start_date": start,
            "display_date": _esc(display),
            "text": {
                "headline": _esc(event.title.in_lang(lang)),
                "text": _event_html(event, briefing, lang),
            },
            "group": _esc(t(event.event_type, lang)),
        }
        if end is not None:
            slide["end_date"] = end
        slides.append(slide)
    return {
        "title": {"text": {"headline": _esc(meta.title.in_lang(lang)), "text": title_text}},
        "events": slides,
        "scale": "human",
    }


def json_text(data: JSONDict) -> str:
    """JSON as a file: UTF-8 Arabic kept readable, 2-space indent, trailing newline."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
