"""What the map says on hover and click: tooltips, popups and the legend (escaped HTML).

Every text put into the map goes through `components.html.escape_for_map`. A place's id rides
along in its tooltip as a hidden token (`[[place:erbil]]`): `st_folium` returns the clicked
tooltip's text, and the token maps the click back to the place without guessing. The classes
used here are styled by `map.css`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from components.html import escape_for_map, escape_html
from components.map.constants import COLORS
from gapwatch.briefing import Briefing
from gapwatch.geometry import DerivedZone
from gapwatch.i18n import Lang, direction, format_fuzzy_date, format_number, other_lang, t
from gapwatch.model import Bilingual, Place
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


def _both_names(name: Bilingual, lang: Lang) -> str:
    """'<b>Erbil</b> · أربيل' in English, the Arabic name first in Arabic."""
    other = other_lang(lang)
    return (
        f"<b>{escape_for_map(name.in_lang(lang))}</b> · "
        f'<bdi dir="{direction(other)}" lang="{other}">{escape_for_map(name.in_lang(other))}</bdi>'
    )


def tip(lang: Lang, lines: Iterable[str], token: str = "") -> str:
    """Tooltip HTML from escaped lines, in the page's direction, with a hidden place token."""
    body = "<br>".join(lines)
    hidden = f'<span hidden style="display:none">{token}</span>' if token else ""
    return f'<div class="gw-tip" dir="{direction(lang)}" lang="{lang}">{body}{hidden}</div>'


def muted(html: str) -> str:
    return f'<span class="gw-muted">{html}</span>'


def precision_text(place: Place, lang: Lang) -> str:
    """'Precision 1: the point itself': the ACLED-style code and what it means (plain text)."""
    return t(
        "map_precision",
        lang,
        code=place.geo_precision,
        meaning=t(f"map_precision_{place.geo_precision}", lang),
    )


def place_tooltip(items: PlaceItems, lang: Lang, extra: Iterable[str] = ()) -> str:
    place = items.place
    lines = [
        _both_names(place.name, lang),
        *extra,
        escape_for_map(precision_text(place, lang)),
        muted(
            escape_for_map(t("map_coordinates", lang))
            + f' <bdi dir="ltr">{escape_for_map(place.coordinate_source)}</bdi>'
        ),
        muted(escape_for_map(t("map_click_for_items", lang, count=items.count))),
    ]
    return tip(lang, lines, place_token(place.id))


def place_popup(items: PlaceItems, lang: Lang) -> str:
    """One line per event and statement at a place (the full details appear under the map)."""
    rows = [
        f"<li>{escape_for_map(format_fuzzy_date(e.date, lang))}: "
        f"{escape_for_map(e.title.in_lang(lang))}</li>"
        for e in items.events
    ]
    rows += [
        f"<li>{escape_for_map(t(s.status, lang))}: {escape_for_map(s.text.in_lang(lang))}</li>"
        for s in items.statements
    ]
    if not rows:
        rows = [f"<li>{escape_for_map(t('map_no_items_here', lang))}</li>"]
    return (
        f'<div class="gw-popup" dir="{direction(lang)}" lang="{lang}">'
        f"{_both_names(items.place.name, lang)}<ul>{''.join(rows)}</ul></div>"
    )


def zone_lines(zone: DerivedZone, lang: Lang) -> list[str]:
    """Tooltip lines for a drawn zone: area, 'illustrative', and how it was drawn."""
    return [
        escape_for_map(
            t("map_area", lang, area=format_number(zone.area_km2, lang))
            + " · "
            + t("map_illustrative", lang)
        ),
        muted(escape_for_map(zone.method.in_lang(lang))),
    ]


def legend_html(lang: Lang) -> str:
    """What each shape is, and which shapes are illustrative and why (escaped HTML)."""
    c = COLORS
    swatches = [
        (
            f"background:{c['place']};border:2px solid #fff;outline:1px solid {c['place']};"
            "border-radius:50%;flex-basis:12px",
            "map_lg_place",
        ),
        (f"background:{c['gap']};opacity:.5", "map_lg_gap"),
        (f"border:1.5px dashed {c['gap']}", "map_lg_gap_refs"),
        (f"background:{c['hamrin']};opacity:.5", "map_lg_hamrin"),
        (f"background:rgba(230,126,34,.3);border:1px dashed {c['outskirts']}", "map_lg_outskirts"),
        (f"background:{c['kri_fill']};border:1px solid {c['gov_line']}", "map_lg_kri"),
        (f"background:{c['gov_fill']};border:1px solid {c['gov_line']}", "map_lg_governorates"),
        (f"border-top:2px solid {c['river']};height:0;margin-top:8px", "map_lg_rivers"),
    ]
    rows = "".join(
        f'<li><span class="gw-sw" style="{css}"></span>'
        f"<span>{escape_html(t(key, lang))}</span></li>"
        for css, key in swatches
    )
    return (
        f'<details open dir="{direction(lang)}" lang="{lang}">'
        f"<summary>{escape_html(t('map_legend', lang))}</summary>"
        f"<ul>{rows}</ul>"
        f'<div class="gw-note">{escape_html(t("map_lg_note", lang))}</div>'
        "</details>"
    )
