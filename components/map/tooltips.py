"""What the map says on hover and click: tooltips, popups and the legend (escaped HTML).

The HTML comes from templates (`components/templates/map_*.html`) rendered by
`components.html.render_for_map`, which escapes every value for the map. Every item in a
popup that carries a status says who says it and which identifications are ours. A place's id rides
along in its tooltip as a hidden token (`[[place:erbil]]`): `st_folium` returns the clicked
tooltip's text, and the token maps the click back to the place without guessing. The classes
used here are styled by `map.css`.
"""

from __future__ import annotations

import re

from components.html import Markup, render_for_map
from components.map.constants import COLORS, GAP_PLACE_ID
from gapwatch.attribution import inference_short_text, said_by_text
from gapwatch.briefing import Briefing
from gapwatch.geometry import DerivedZone
from gapwatch.i18n import Lang, format_fuzzy_date, format_number, other_lang, t
from gapwatch.model import Place
from gapwatch.queries import PlaceItems

_TOKEN = "[[place:{}]]"
_TOKEN_RE = re.compile(r"\[\[place:([a-z0-9]+(?:-[a-z0-9]+)*)\]\]")


def place_token(place_id: str) -> str:
    """The hidden marker a tooltip carries so that a click can be traced to its place."""
    return _TOKEN.format(place_id)


def place_id_from_tooltip(text: object, briefing: Briefing) -> str | None:
    """The place a clicked tooltip belongs to; None for a governorate, a river or nothing."""
    if not isinstance(text, str):
        return None
    match = _TOKEN_RE.search(text)
    if match is None or not briefing.has_place(match.group(1)):
        return None
    return match.group(1)


def precision_text(place: Place, lang: Lang) -> str:
    """'Precision 1: the point itself': the ACLED-style code and what it means (plain text)."""
    return t(
        "map_precision",
        lang,
        code=place.geo_precision,
        meaning=t(f"map_precision_{place.geo_precision}", lang),
    )


def _context(lang: Lang, **values: object) -> dict[str, object]:
    return {"lang": lang, "other": other_lang(lang), **values}


def place_tooltip(items: PlaceItems, lang: Lang, zone: DerivedZone | None = None) -> Markup:
    """A place's tooltip: both names, the zone drawn for it (if any), its precision, where its
    coordinates come from, how many items the article places there, and its hidden token."""
    return render_for_map(
        "map_tooltip.html",
        **_context(
            lang,
            place=items.place,
            zone=zone,
            area=format_number(zone.area_km2, lang) if zone else "",
            precision=precision_text(items.place, lang),
            count=items.count,
            token=place_token(items.place.id),
        ),
    )


def gap_tooltip(zone: DerivedZone, width_km: float, lang: Lang) -> Markup:
    """The gap band's tooltip: its name and width, that it is illustrative and how it was
    drawn; its token leads a click to what the article says about the gaps."""
    return render_for_map(
        "map_tooltip.html",
        **_context(
            lang,
            place=None,
            zone=zone,
            width=f"{width_km:g}",
            area=format_number(zone.area_km2, lang),
            token=place_token(GAP_PLACE_ID),
        ),
    )


def place_popup(items: PlaceItems, briefing: Briefing, lang: Lang) -> Markup:
    """One line per event and statement at a place, each with its status, who says it and the
    identifications that are ours (the reasons and the Arabic sentences are under the map)."""
    return render_for_map(
        "map_popup.html",
        **_context(
            lang,
            place=items.place,
            items=items,
            fmt_date=format_fuzzy_date,
            said_by=lambda item: said_by_text(item, lang),
            inferred=lambda inference: inference_short_text(inference, briefing, lang),
        ),
    )


#: The legend's swatches: the CSS of each, and the string key of what it stands for.
_SWATCHES = (
    (
        f"background:{COLORS['place']};border:2px solid #fff;outline:1px solid {COLORS['place']};"
        "border-radius:50%;flex-basis:12px",
        "map_lg_place",
    ),
    (f"background:{COLORS['gap']};opacity:.5", "map_lg_gap"),
    (f"border:1.5px dashed {COLORS['gap']}", "map_lg_gap_refs"),
    (f"background:{COLORS['hamrin']};opacity:.5", "map_lg_hamrin"),
    (
        f"background:rgba(230,126,34,.3);border:1px dashed {COLORS['outskirts']}",
        "map_lg_outskirts",
    ),
    (f"background:{COLORS['kri_fill']};border:1px solid {COLORS['gov_line']}", "map_lg_kri"),
    (
        f"background:{COLORS['gov_fill']};border:1px solid {COLORS['gov_line']}",
        "map_lg_governorates",
    ),
    (f"border-top:2px solid {COLORS['river']};height:0;margin-top:8px", "map_lg_rivers"),
)


def legend_html(lang: Lang) -> Markup:
    """What each shape is, and which shapes are illustrative and why (escaped HTML)."""
    return render_for_map("map_legend.html", lang=lang, swatches=_SWATCHES)
