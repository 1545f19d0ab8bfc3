"""The incidents map's sizes and limits, and its colour scale: six viridis classes with
round bounds from the quantiles of the values."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from gapwatch.i18n import Lang, format_number

#: Centre to corner: a cell is ~260 km², Iraq holds at most ~1,700, so the hexagons' payload
#: is bounded whatever the number of events (and at 10 km a cell is still finer than the
#: band's 20 km at its widest).
HEX_SIZE_KM = 10.0
#: Viridis in six steps, light (few) to dark (many): readable with colour-vision deficiencies
#: and in greyscale.
PALETTE = ("#fde725", "#7ad151", "#22a884", "#2a788e", "#414487", "#440154")
#: At most this many single events are sent to the browser (each carries its source text).
POINTS_MAX = 1500
#: Up to this many, single events show at every zoom, not only close in.
POINTS_ALWAYS = 150
#: From this zoom on (about 1 km per 10 px here), single events replace the hexagons.
CLOSE_ZOOM = 10
CELL_DECIMALS = 4

COLOUR_BY = ("count", "fatalities")


@dataclass(frozen=True)
class Classes:
    """Colour classes: class i holds values from `bounds[i]` to `bounds[i + 1] - 1`."""

    bounds: tuple[int, ...]

    def of(self, value: int) -> int:
        """The class of `value` (values below the first bound go in the first class)."""
        index = 0
        for i, bound in enumerate(self.bounds[:-1]):
            if value >= bound:
                index = i
        return index

    def labels(self, lang: Lang) -> list[str]:
        """'1–2', '3–5', ..., '51+' in the language's digits."""
        out = []
        for i, low in enumerate(self.bounds[:-1]):
            high = self.bounds[i + 1] - 1
            last = i == len(self.bounds) - 2
            if last:
                out.append(f"{format_number(low, lang)}+")
            elif high == low:
                out.append(format_number(low, lang))
            else:
                out.append(f"{format_number(low, lang)}–{format_number(high, lang)}")
        return out


def _nice_up(value: float) -> int:
    """The smallest of 1, 2, 5, 10, 20, 50, ... that is >= `value`."""
    if value <= 1:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if step * power >= value:
            return int(step * power)
    return int(10 * power)


def colour_classes(values: Sequence[int], n: int = len(PALETTE)) -> Classes:
    """At most `n` classes with round bounds, from the quantiles of `values` (so a few very
    violent cells do not leave every other cell in the first colour). Zero is its own class
    when present (cells with events but no recorded deaths)."""
    positive = sorted(v for v in values if v > 0)
    bounds: list[int] = [0] if any(v <= 0 for v in values) else []
    start = 1
    if positive:
        qs = [positive[min(len(positive) - 1, int(len(positive) * k / n))] for k in range(1, n)]
        cuts = sorted({_nice_up(q + 1) for q in qs if q + 1 > start})
        bounds += [start, *cuts]
    else:
        bounds += [start]
    bounds = sorted(set(bounds))[:n]
    return Classes((*bounds, max([*values, bounds[-1]]) + 1))
