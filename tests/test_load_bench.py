"""The load test's pure parts (benchmarks/load.py, load_session.py): reading figures from
Streamlit's messages, checking them against the oracle, percentiles and the flat-memory
verdict. The load itself runs in `make bench`; timings are never asserted here."""

from __future__ import annotations

import math

import pytest
from streamlit.proto.Element_pb2 import Element

from benchmarks.load import Oracle, is_flat, percentile
from benchmarks.load_session import SLIDER_KEY, LoadError, Reply, _read_element


def _html(body: str) -> Element:
    element = Element()
    element.html.body = body
    return element


def test_figures_and_errors_are_read_from_the_page() -> None:
    reply = Reply()
    _read_element(_html('<p class="gw-filter-description"><b>2 of 6 events</b> · x</p>'), reply)
    metric = Element()
    metric.metric.body = "1,234 km²"
    _read_element(metric, reply)
    slider = Element()
    slider.slider.id = f"$$ID-abc-{SLIDER_KEY}"
    _read_element(slider, reply)
    assert (reply.count, reply.area, reply.errors) == ("2 of 6 events", "1,234 km²", [])
    assert reply.widget_ids == {SLIDER_KEY: f"$$ID-abc-{SLIDER_KEY}"}

    _read_element(_html("<style>.gw-alert-error { color: red }</style>"), reply)
    assert reply.errors == []  # the stylesheet names the class; no error box is shown
    _read_element(_html('<div class="gw-alert gw-alert-error" role="status">x</div>'), reply)
    failure = Element()
    failure.exception.message = "boom"
    _read_element(failure, reply)
    assert len(reply.errors) == 2


def test_a_figure_from_another_session_is_an_error() -> None:
    oracle = Oracle(counts={"Erbil": "1 of 6 events"}, areas={5.0: "900 km²"})
    oracle.check("filter", "Erbil", "1 of 6 events")
    oracle.check("width", 5.0, "900 km²")
    with pytest.raises(LoadError, match="expected"):
        oracle.check("filter", "Erbil", "6 of 6 events")


def test_percentiles_interpolate() -> None:
    assert percentile([1.0, 2.0, 3.0, 4.0], 50) == 2.5
    assert percentile([5.0], 95) == 5.0
    assert math.isnan(percentile([], 50))


def test_memory_is_flat_only_if_the_second_half_does_not_grow() -> None:
    steady = [(0, 200.0), (500, 230.0), (1000, 232.0)]
    leaking = [(0, 200.0), (500, 230.0), (1000, 290.0)]
    assert is_flat(steady, 10.0) is True
    assert is_flat(leaking, 10.0) is False
    assert is_flat([(0, None), (1000, None)], 10.0) is None
