"""What the analyst narrows the incidents to (dates, actor or dyad text, type of violence),
read from and written to the URL, and applied to the normalised frame as one mask."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from gapwatch.filters import MAX_TEXT_LENGTH, Notice, date_from_param, last_param

PARAM_FROM = "ifrom"
PARAM_TO = "ito"
PARAM_TEXT = "iq"
PARAM_VIOLENCE = "iviolence"
FILTER_PARAMS = (PARAM_FROM, PARAM_TO, PARAM_TEXT, PARAM_VIOLENCE)


@dataclass(frozen=True)
class IncidentFilters:
    """Which incidents to count. None / empty means no restriction."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    text: str = ""  # every word must start a word of side A, side B or the dyad (any case)
    violence: tuple[str, ...] = ()  # GED type-of-violence labels / ACLED event types

    @property
    def is_empty(self) -> bool:
        """True when every incident passes."""
        return self == IncidentFilters()

    def mask(self, frame: pd.DataFrame) -> np.ndarray:
        """Boolean mask of the rows that pass; an event passes a date bound if its
        [date_start, date_end] interval overlaps the range."""
        keep = np.ones(len(frame), dtype=bool)
        if self.date_from:
            keep &= (frame["date_end"] >= pd.Timestamp(self.date_from)).to_numpy()
        if self.date_to:
            keep &= (frame["date_start"] <= pd.Timestamp(self.date_to)).to_numpy()
        if self.violence:
            keep &= frame["violence"].isin(self.violence).to_numpy(dtype=bool, na_value=False)
        for word in self.text.split():
            # "IS" finds "IS" and "Islamic State", not "Kurdistan" or "Civilians".
            pattern = r"(?:^|[^0-9A-Za-z])" + re.escape(word)
            hit = np.zeros(len(frame), dtype=bool)
            for column in ("side_a", "side_b", "dyad"):
                hit |= _matches(frame[column], pattern)
            keep &= hit
        return keep

    def to_query_params(self) -> dict[str, str]:
        """Only what is set, as URL parameters (`ifrom`, `ito`, `iq`, `iviolence`)."""
        params: dict[str, str] = {}
        if self.date_from:
            params[PARAM_FROM] = self.date_from.isoformat()
        if self.date_to:
            params[PARAM_TO] = self.date_to.isoformat()
        if self.text:
            params[PARAM_TEXT] = self.text
        if self.violence:
            params[PARAM_VIOLENCE] = ",".join(sorted(self.violence))
        return params

    @classmethod
    def from_query_params(
        cls, params: Mapping[str, str | list[str]]
    ) -> tuple[IncidentFilters, list[Notice]]:
        """Filters from URL parameters; anything invalid is dropped with a notice (the
        app's own notice texts, in both languages). Never raises."""
        notices: list[Notice] = []

        single = functools.partial(last_param, params)
        date_param = functools.partial(date_from_param, params, notices=notices)

        date_from, date_to = date_param(PARAM_FROM), date_param(PARAM_TO)
        if date_from and date_to and date_from > date_to:
            notices.append(Notice("notice_date_order", {"start": date_from, "end": date_to}))
            date_from = date_to = None
        text = " ".join(
            "".join(ch if ch.isprintable() else " " for ch in single(PARAM_TEXT)).split()
        )
        if len(text) > MAX_TEXT_LENGTH:
            notices.append(Notice("notice_text_too_long", {"limit": MAX_TEXT_LENGTH}))
            text = text[:MAX_TEXT_LENGTH]
        violence = tuple(
            sorted({v.strip()[:80] for v in single(PARAM_VIOLENCE).split(",") if v.strip()})
        )
        return cls(date_from, date_to, text, violence), notices


#: No filter: every event (a frozen value, safe as a default argument).
NO_FILTERS = IncidentFilters()


def _matches(column: pd.Series, pattern: str) -> np.ndarray:
    """Case-insensitive regex search over a column, run once per distinct value (actor
    names repeat thousands of times)."""
    codes, uniques = pd.factorize(column.fillna(""))
    hits = pd.Series(uniques, dtype="string").str.contains(pattern, case=False, regex=True)
    return hits.to_numpy(dtype=bool, na_value=False)[codes]
