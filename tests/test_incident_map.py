"""The incidents map's layers, on what they hold: hexagons that count every placed event
once, coloured in ordered classes; single events only when few, with their (escaped) source
text; a payload that stays small at 100,000 events; the band of an uploaded line."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from shapely.geometry import LineString

from components.assets import offline_map
from components.incident_map import (
    HEX_SIZE_KM,
    PALETTE,
    POINTS_ALWAYS,
    IncidentLegend,
    IncidentPoints,
    build_cell_shapes,
    build_incident_layer,
    cell_id_from_tooltip,
    colour_classes,
    line_band_shape,
)
from components.map.elements import Shapes
from gapwatch.geodata import load_reference_geo
from gapwatch.i18n import t
from gapwatch.incidents.aggregate import hex_cells
from gapwatch.incidents.lines import Line
from gapwatch.incidents.schema import conform
from tests.support import DATA_DIR

HOSTILE = "<img src=x onerror=alert(1)> ${alert(2)} `x` [link](http://evil.example)"


def _events(n: int, *, seed: int = 1, source: str = "AFP, 2017") -> pd.DataFrame:
    """`n` synthetic events around Kirkuk (labelled synthetic), a tenth of them unplaced."""
    rng = np.random.default_rng(seed)
    precision = np.where(
        np.arange(n) % 10 == 0, "unplaced", np.where(np.arange(n) % 3, "exact", "approximate")
    )
    frame = pd.DataFrame(
        {
            "dataset": "synthetic",
            "event_id": [f"SYN-{i}" for i in range(n)],
            "date_start": pd.Timestamp("2017-01-01"),
            "date_end": pd.Timestamp("2017-01-01"),
            "year_month": "2017-01",
            "lat": 35.47 + rng.normal(0, 0.4, n),
            "lon": 44.39 + rng.normal(0, 0.4, n),
            "precision": precision,
            "precision_code": 1,
            "side_a": "Government of Iraq",
            "side_b": "IS",
            "dyad": "Government of Iraq - IS",
            "violence": "state-based conflict",
            "sub_type": "",
            "fatalities_best": rng.integers(0, 5, n),
            "fatalities_low": 0,
            "fatalities_high": 9,
            "admin1": "Kirkuk",
            "admin2": "",
            "location": "near Kirkuk",
            "source_text": f"SYNTHETIC {source}",
            "distance_km": np.where(precision == "unplaced", np.nan, rng.uniform(0, 80, n)),
            "sector": None,
            "governorate": "Kirkuk",
            "raw": "{}",
        }
    )
    return conform(frame)


def _script(layer) -> str:
    m = offline_map(location=[35, 44], zoom_start=7)
    layer.add_to(m)
    return m.get_root().render()


def test_colour_classes_are_ordered_round_and_give_zero_its_own_class() -> None:
    classes = colour_classes([0, 1, 1, 2, 3, 8, 40, 700])

    assert classes.bounds[0] == 0 and classes.bounds[1] == 1
    assert list(classes.bounds) == sorted(set(classes.bounds))
    assert len(classes.bounds) - 1 <= len(PALETTE)
    assert classes.of(0) == 0 and classes.of(1) == 1
    assert classes.of(700) == len(classes.bounds) - 2  # the top class
    assert [classes.of(v) for v in (1, 3, 40, 700)] == sorted(
        classes.of(v) for v in (1, 3, 40, 700)
    )
    assert classes.labels("en")[-1].endswith("+")


@pytest.mark.parametrize("colour_by", ["count", "fatalities"])
def test_hexagons_are_coloured_by_the_chosen_value_and_carry_a_click_token(colour_by: str) -> None:
    events = _events(3_000)
    cells = hex_cells(events, HEX_SIZE_KM)

    layer = build_incident_layer(
        cells, None, colour_by=colour_by, width_km=10, lang="en", attribution="UCDP GED"
    )

    shapes = next(c for c in layer._children.values() if isinstance(c, Shapes))
    values = [c.count if colour_by == "count" else c.fatalities_best for c in cells]
    classes = colour_classes(values)
    assert [s.style for s in shapes.shapes] == [classes.of(v) for v in values]
    assert [st["fillColor"] for st in shapes.styles] == list(PALETTE)
    assert cell_id_from_tooltip(shapes.shapes[0].tooltip) == cells[0].id
    assert shapes.attribution == "UCDP GED"
    legend = next(c for c in layer._children.values() if isinstance(c, IncidentLegend))
    assert t(f"inc_map_lg_{colour_by}", "en") in legend.html
    assert not any(isinstance(c, IncidentPoints) for c in layer._children.values())


def test_hexagons_built_once_draw_the_same_map_at_every_width() -> None:
    cells = hex_cells(_events(2_000), HEX_SIZE_KM)
    built = build_cell_shapes(cells, "fatalities", "ar")

    def drawn(source, width_km: float) -> tuple[list[tuple[object, ...]], str]:
        layer = build_incident_layer(
            source, None, colour_by="fatalities", width_km=width_km, lang="ar", attribution="x"
        )
        shapes = next(c for c in layer._children.values() if isinstance(c, Shapes))
        return [(s.id, s.style, s.tooltip, s.encoded) for s in shapes.shapes], shapes.data_js

    # The page keeps `built` (its shapes and their script) across width changes: the map
    # must not tell the difference, down to the script sent.
    fresh, script = drawn(cells, 5)
    assert drawn(built, 5) == (fresh, script) == drawn(built, 15)
    assert len(fresh) == len(cells) and all(encoded for *_, encoded in fresh)
    assert 'dir="rtl"' in str(fresh[0][2])
    assert all(str(encoded) in script for *_, encoded in fresh)


def test_single_events_come_with_their_escaped_source_text_and_band_membership() -> None:
    events = _events(40, source=HOSTILE)
    placed = events[events["precision"] != "unplaced"]

    layer = build_incident_layer(
        hex_cells(events, HEX_SIZE_KM),
        placed,
        colour_by="count",
        width_km=20,
        lang="ar",
        attribution="x",
    )

    points = next(c for c in layer._children.values() if isinstance(c, IncidentPoints))
    assert len(points.points) == len(placed)
    assert points.always  # so few that they show at every zoom
    lat, lon, style, tip = points.points[0]
    first = placed.iloc[0]
    assert (lat, lon) == (round(first["lat"], 5), round(first["lon"], 5))  # Leaflet order
    inside = first["distance_km"] <= 10
    assert style == (0 if inside else 2) + (0 if first["precision"] == "exact" else 1)
    assert 'dir="rtl"' in tip and "SYNTHETIC" in tip
    html = _script(layer)
    assert "<img src=x" not in html and "${alert" not in html and "`x`" not in html
    assert "&lt;img src=x" in html


def test_many_events_are_not_sent_one_by_one_and_the_map_stays_under_a_megabyte() -> None:
    events = _events(100_000, seed=7)

    layer = build_incident_layer(
        hex_cells(events, HEX_SIZE_KM),
        None,
        colour_by="count",
        width_km=10,
        lang="en",
        attribution="x",
    )

    size = len(_script(layer).encode("utf-8"))
    assert size < 1_000_000, size
    assert len(events) > POINTS_ALWAYS


def test_the_band_of_an_uploaded_line_is_drawn_around_that_line() -> None:
    geo = load_reference_geo(DATA_DIR / "geo")
    line = Line(id="test-line", name=HOSTILE, geometry=LineString([(44.0, 35.0), (44.6, 35.4)]))

    shape = line_band_shape(line, 10.0, geo)

    assert 300 < shape.zone.area_km2 < 900  # ~72 km long, 10 km wide, round ends
    assert shape.zone.geometry.contains(line.geometry.interpolate(0.5, normalized=True))
    assert "illustrative" in shape.zone.name.en
    assert json.dumps(shape.encoded)  # drawable
