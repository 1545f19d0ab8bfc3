"""Below the map: what the article says about a place, and every place in a list.

Pure builders of escaped HTML (shown with `st.html`); styled by `details.css`.
"""

from __future__ import annotations

from components.html import Markup, render
from components.map.elements import DETAILS_CSS
from components.map.tooltips import precision_text
from components.source_view import source_href
from gapwatch.i18n import Lang, format_fuzzy_date, other_lang
from gapwatch.model import Briefing
from gapwatch.queries import items_at


def _context(briefing: Briefing, lang: Lang) -> dict[str, object]:
    return {
        "briefing": briefing,
        "lang": lang,
        "other": other_lang(lang),
        "css": DETAILS_CSS,
        "fmt_date": format_fuzzy_date,
        "href": source_href,
    }


def build_place_details_html(briefing: Briefing, place_id: str, lang: Lang) -> Markup:
    """Everything the article says at one place: its events (date, status, source sentence),
    the statements that name it, and how precisely it is located. Escaped HTML."""
    items = items_at(briefing, place_id)
    return render(
        "map_details.html",
        items=items,
        precision=precision_text(items.place, lang),
        same_point=[items_at(briefing, other.id) for other in items.same_point],
        **_context(briefing, lang),
    )


def build_places_list_html(briefing: Briefing, lang: Lang) -> Markup:
    """Every place with its precision and what the article puts there, so the page is usable
    without clicking the map: the statements that place ISIS remnants there, the events."""
    places = [
        {
            "place": place,
            "found": items_at(briefing, place.id),
            "precision": precision_text(place, lang),
        }
        for place in briefing.places
    ]
    return render("map_details.html", places=places, **_context(briefing, lang))
