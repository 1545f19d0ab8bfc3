"""What the incidents page shows, as URL parameters: dataset, line, filters, split, colouring.

Pure, like `gapwatch.view_state` (whose `ViewState` carries one `IncidentView`, so a language
switch or a visit to another page keeps it). The filters and their URL names (`ifrom`, `ito`,
`iq`, `iviolence`) are the core's `IncidentFilters`; this adds what only the page has. A bad
parameter never raises: it falls back to its default with a `Notice`. Whether a named dataset
or line exists is checked by the page against the store, with the same kind of notice.

The gap width is not here: it is the Map page's `width`, one band for the whole app.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from gapwatch.filters import Notice
from gapwatch.incidents.analysis import DEFAULT_SPLIT, IncidentFilters

PARAM_DATASET = "dataset"
PARAM_LINE = "line"
PARAM_SPLIT = "split"
PARAM_COLOUR = "colour"

ColourBy = Literal["count", "fatalities"]
COLOUR_CHOICES: tuple[ColourBy, ...] = ("count", "fatalities")
MAX_NAME = 120
_CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f]")


def clean_text(value: str, limit: int) -> str:
    """One line of printable text, spaces collapsed, at most `limit` characters."""
    return " ".join(_CONTROL_CHARS.sub(" ", value).split())[:limit]


@dataclass(frozen=True)
class IncidentView:
    """The incidents page's part of the view. None means the default (the bundled dataset,
    the default line)."""

    dataset: str | None = None
    line: str | None = None
    filters: IncidentFilters = field(default_factory=IncidentFilters)
    split_date: dt.date = DEFAULT_SPLIT
    colour_by: ColourBy = "count"

    def changed(self, **changes: Any) -> IncidentView:
        """A copy with some fields replaced."""
        return replace(self, **changes)

    def to_query_params(self) -> dict[str, str]:
        """Only what differs from the defaults."""
        params: dict[str, str] = {}
        if self.dataset:
            params[PARAM_DATASET] = self.dataset
        if self.line:
            params[PARAM_LINE] = self.line
        params |= self.filters.to_query_params()
        if self.split_date != DEFAULT_SPLIT:
            params[PARAM_SPLIT] = self.split_date.isoformat()
        if self.colour_by != "count":
            params[PARAM_COLOUR] = self.colour_by
        return params

    @classmethod
    def from_query_params(
        cls, params: Mapping[str, str | list[str]]
    ) -> tuple[IncidentView, list[Notice]]:
        """Read the page's parameters; each bad value is dropped with a notice."""

        def single(name: str) -> str:
            value = params.get(name, "")
            return (value[-1] if value else "") if isinstance(value, list) else str(value)

        filters, notices = IncidentFilters.from_query_params(params)
        split = DEFAULT_SPLIT
        raw_split = single(PARAM_SPLIT).strip()
        if raw_split:
            try:
                split = dt.date.fromisoformat(raw_split)
            except ValueError:
                notices.append(
                    Notice("notice_bad_date", {"value": raw_split[:40], "param": PARAM_SPLIT})
                )
        raw_colour = single(PARAM_COLOUR).strip()
        colour: ColourBy = "fatalities" if raw_colour == "fatalities" else "count"
        if raw_colour not in ("", *COLOUR_CHOICES):
            notices.append(
                Notice("notice_unknown_value", {"param": PARAM_COLOUR, "value": raw_colour[:40]})
            )
        view = cls(
            dataset=clean_text(single(PARAM_DATASET), MAX_NAME) or None,
            line=clean_text(single(PARAM_LINE), MAX_NAME) or None,
            filters=filters,
            split_date=split,
            colour_by=colour,
        )
        return view, notices
