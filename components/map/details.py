"""Below the map: what the article says about a place, and every place in a list.

Pure builders of escaped HTML (shown with `st.html`); styled by `details.css`.
"""

from __future__ import annotations

from components.attribution import attribution_html
from components.html import Markup, render
from components.map.elements import DETAILS_CSS
from components.map.tooltips import precision_text
from components.navigation import source_href
from gapwatch.briefing import Briefing
from gapwatch.i18n import format_fuzzy_date, other_lang
from gapwatch.queries import items_at
from gapwatch.view_state import ViewState


def _context(briefing: Briefing, view: ViewState) -> dict[str, object]:
    return {
        "briefing": briefing,
        "lang": view.lang,
        "other": other_lang(view.lang),
        "css": DETAILS_CSS,
        "fmt_date": format_fuzzy_date,
        "href": lambda item_id, paragraph: source_href(view, item_id, paragraph),
        "attribution": lambda item: Markup(attribution_html(item, briefing, view.lang)),
    }


def build_place_details_html(briefing: Briefing, place_id: str, view: ViewState) -> Markup:
    """Everything the article says at one place: its events (date, status, who says it, our
    inferences, source sentence), the statements that name it (the same), and how precisely
    it is located. Escaped HTML."""
    items = items_at(briefing, place_id)
    return render(
        "map_details.html",
        items=items,
        precision=precision_text(items.place, view.lang),
        same_point=[items_at(briefing, other.id) for other in items.same_point],
        **_context(briefing, view),
    )


def build_places_list_html(briefing: Briefing, view: ViewState) -> Markup:
    """Every place with its precision and what the article puts there, so the page is usable
    without clicking the map: the statements that place ISIS remnants there, the events."""
    places = [
        {
            "place": place,
            "found": items_at(briefing, place.id),
            "precision": precision_text(place, view.lang),
        }
        for place in briefing.places
    ]
    return render("map_details.html", places=places, **_context(briefing, view))
