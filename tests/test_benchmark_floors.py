"""The feature floors (`benchmarks/floor_*.py`, `python -m benchmarks.trace --pages floors`):
each holds the features it claims, so a ratio measured on it says what those features cost;
and the trace's verdict on a floor follows from its numbers. No timing here."""

from __future__ import annotations

import json
from typing import Any

from streamlit.testing.v1 import AppTest

from benchmarks import trace
from benchmarks.apps import APPS
from gapwatch.geometry import GAP_MAX_KM, GAP_MIN_KM


def _run(name: str) -> AppTest:
    at = AppTest.from_file(str(APPS[name].script), default_timeout=60)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _band_edge(at: AppTest) -> float:
    (chart,) = at.get("plotly_chart")
    figure = json.loads(chart.proto.spec)
    (band,) = [s for s in figure["layout"]["shapes"] if s.get("name") == "band"]
    return float(band["x1"])


def test_the_map_feature_floor_is_the_width_slider_and_one_map_only() -> None:
    at = _run("floor_map_slider")
    (slider,) = at.slider
    assert (slider.min, slider.max) == (GAP_MIN_KM, GAP_MAX_KM)
    assert len(at.get("component_instance")) == 1  # the map
    assert not at.metric and not at.get("plotly_chart") and not at.markdown


def test_the_incidents_feature_floor_redraws_its_band_with_the_width() -> None:
    at = _run("floor_incidents")
    (slider,) = at.slider
    assert (slider.min, slider.max) == (GAP_MIN_KM, GAP_MAX_KM)
    assert len(at.metric) == 1 and len(at.dataframe) == 1
    assert len(at.get("component_instance")) == 1  # the map
    assert _band_edge(at) == 5.0  # half of the default 10 km
    inside = at.metric[0].value
    slider.set_value(GAP_MAX_KM).run()
    assert _band_edge(at) == GAP_MAX_KM / 2
    assert at.metric[0].value != inside


def _samples(ms: float) -> list[dict[str, Any]]:
    return [{"ms": ms, "ready": ms}, {"ms": None, "ready": None}]  # a failed sample: dropped


def test_a_feature_floor_over_its_target_is_said_to_be_above_it() -> None:
    samples = {
        trace.ONE_MAP: _samples(1000),
        trace.BLANK: _samples(100),
        trace.MAP_SLIDER: _samples(1100),  # 1.10x: at the target
        trace.CHART: _samples(300),  # 3x against <= 2x
        trace.INCIDENTS: _samples(2000),
        trace.INCIDENTS_WIDTH: _samples(200),
    }
    lines = trace.floor_ratios(samples)
    assert lines[0].startswith("feature floor: map + width slider ÷ floor: one map: 1.10×")
    assert lines[0].endswith("(below the target)")
    assert "3.00×" in lines[1] and lines[1].endswith("(above the target)")
    assert lines[2].endswith("(above the target)") and lines[3].endswith("(below the target)")
