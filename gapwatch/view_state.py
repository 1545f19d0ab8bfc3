"""Everything a shared link must reproduce: language, filters, selection and gap width.

Pure, so the URL contract is tested without Streamlit; `components/state.py` keeps one
`ViewState` per browser session and writes it back to the address bar after every change.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from gapwatch.briefing import Briefing
from gapwatch.filters import FILTER_PARAMS, Filters, Notice
from gapwatch.geometry import GAP_MAX_KM, GAP_MIN_KM
from gapwatch.i18n import DEFAULT_LANG, Lang, parse_lang
from gapwatch.incident_view import IncidentView

DEFAULT_GAP_WIDTH_KM = 10.0

PARAM_LANG = "lang"
PARAM_EVENT = "event"
PARAM_PLACE = "focus"
PARAM_WIDTH = "width"
# The item whose source sentences the Source page highlights (any id from sourced_items()).
PARAM_ITEM = "item"
#: Every query parameter the app reads: the hostile-link tests fill each one.
URL_PARAMS = (PARAM_LANG, *FILTER_PARAMS, PARAM_EVENT, PARAM_PLACE, PARAM_WIDTH, PARAM_ITEM)


@dataclass(frozen=True)
class ViewState:
    """What the user is looking at, independent of which page shows it."""

    lang: Lang = DEFAULT_LANG
    filters: Filters = field(default_factory=Filters)
    event_id: str | None = None
    place_id: str | None = None
    gap_width_km: float = DEFAULT_GAP_WIDTH_KM
    highlight_item: str | None = None
    incidents: IncidentView = field(default_factory=IncidentView)

    def to_query_params(self) -> dict[str, str]:
        """Only what differs from the defaults, so a plain link stays short."""
        params: dict[str, str] = {PARAM_LANG: self.lang}
        params |= self.filters.to_query_params()
        if self.event_id:
            params[PARAM_EVENT] = self.event_id
        if self.place_id:
            params[PARAM_PLACE] = self.place_id
        if self.gap_width_km != DEFAULT_GAP_WIDTH_KM:
            params[PARAM_WIDTH] = f"{self.gap_width_km:g}"
        if self.highlight_item:
            params[PARAM_ITEM] = self.highlight_item
        params |= self.incidents.to_query_params()
        return params

    def changed(self, **changes: Any) -> ViewState:
        """A copy with some fields replaced."""
        return replace(self, **changes)

    @classmethod
    def from_query_params(
        cls, params: Mapping[str, str | list[str]], briefing: Briefing
    ) -> tuple[ViewState, list[Notice]]:
        """Read a link; every bad or unknown value falls back to its default with a notice."""

        def single(name: str) -> str:
            value = params.get(name, "")
            return (value[-1] if value else "") if isinstance(value, list) else value

        notices: list[Notice] = []
        raw_lang = single(PARAM_LANG).strip()
        lang = parse_lang(raw_lang) or DEFAULT_LANG
        if raw_lang and parse_lang(raw_lang) is None:
            notices.append(Notice("notice_bad_lang", {"value": raw_lang[:20]}))

        filters, filter_notices = Filters.from_query_params(params, briefing)
        notices += filter_notices

        def known_id(name: str, ids: set[str]) -> str | None:
            raw = single(name).strip()
            if raw and raw not in ids:
                notices.append(Notice("notice_unknown_value", {"param": name, "value": raw[:40]}))
                return None
            return raw or None

        event_id = known_id(PARAM_EVENT, {e.id for e in briefing.events})
        place_id = known_id(PARAM_PLACE, {p.id for p in briefing.places})
        highlight_item = known_id(PARAM_ITEM, {i for _, i, _ in briefing.sourced_items()})

        width = DEFAULT_GAP_WIDTH_KM
        raw_width = single(PARAM_WIDTH).strip()
        if raw_width:
            try:
                parsed = float(raw_width)
            except ValueError:
                parsed = math.nan
            if math.isfinite(parsed) and GAP_MIN_KM <= parsed <= GAP_MAX_KM:
                width = parsed
            else:
                notices.append(
                    Notice(
                        "notice_bad_width",
                        {
                            "value": raw_width[:20],
                            "min": f"{GAP_MIN_KM:g}",
                            "max": f"{GAP_MAX_KM:g}",
                        },
                    )
                )
        incidents, incident_notices = IncidentView.from_query_params(params)
        notices += incident_notices
        state = cls(
            lang=lang,
            filters=filters,
            event_id=event_id,
            place_id=place_id,
            gap_width_km=width,
            highlight_item=highlight_item,
            incidents=incidents,
        )
        return state, notices
