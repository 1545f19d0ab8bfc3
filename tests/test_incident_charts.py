"""The incidents page's charts and tables, on what they draw: the band marked where the width
puts it, the meetings as references, every count where the reader looks for it."""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import plotly.graph_objects as go
import plotly.io
import pytest

from components.incident_charts import (
    COLOURS,
    HISTOGRAM_MAX_KM,
    build_distance_histogram,
    build_monthly_figure,
    histogram_counts,
    meetings,
)
from gapwatch.briefing import Briefing
from gapwatch.i18n import Lang, format_day, t


def _shape(fig: go.Figure, name: str) -> dict:
    return next(s for s in fig.to_dict()["layout"]["shapes"] if s.get("name") == name)


def test_histogram_counts_every_finite_distance_once_and_the_far_ones_apart() -> None:
    distances = np.array([0.2, 0.9, 1.0, 4.99, 59.9, 60.0, 61.0, 250.0, np.nan])

    edges, counts, beyond = histogram_counts(distances)

    assert edges[0] == 0 and edges[-1] == HISTOGRAM_MAX_KM
    assert counts[0] == 2  # 0.2 and 0.9 in [0, 1)
    assert counts[1] == 1 and counts[4] == 1
    assert counts[-1] == 2  # 59.9 and 60.0: the last bin includes its right edge
    assert beyond == 2  # 61 and 250; the NaN (unplaced) is nowhere
    assert counts.sum() + beyond == 8


@pytest.mark.parametrize("width", [1.0, 7.5, 20.0])
def test_histogram_shades_the_band_to_half_the_width_and_stacks_exact_and_approximate(
    width: float,
) -> None:
    distance = np.array([0.5, 0.5, 3.2, 30.0, 100.0])
    precision = np.array(["exact", "approximate", "exact", "approximate", "exact"])

    fig = go.Figure(build_distance_histogram(distance, precision, width, "en"))

    band = _shape(fig, "band")
    assert (band["x0"], band["x1"]) == (0, width / 2)
    assert _shape(fig, "band-edge")["x0"] == width / 2
    exact, approx = fig.data
    assert exact.name == t("inc_precision_exact", "en")
    assert sum(exact.y) == 2 and sum(approx.y) == 2  # 100 km is beyond the axis
    assert exact.y[0] == 1 and approx.y[0] == 1 and exact.y[3] == 1
    assert fig.layout.barmode == "stack"
    assert "1 farther" in fig.layout.title.text
    assert f"≤ {width / 2:g} km" in fig.layout.annotations[0].text


def test_histogram_in_arabic_runs_right_to_left_with_arabic_labels() -> None:
    fig = build_distance_histogram(np.array([1.0]), np.array(["exact"]), 10, "ar")

    assert list(fig.layout.xaxis.range) == [HISTOGRAM_MAX_KM, 0]
    assert fig.layout.xaxis.title.text == t("inc_hist_x", "ar")


def test_monthly_figure_draws_inside_and_outside_on_their_own_scales_with_the_meetings(
    briefing: Briefing,
) -> None:
    rows = [
        {"month": "2018-10", "inside": 2, "outside": 40, "unplaced": 5},
        {"month": "2018-11", "inside": 0, "outside": 31, "unplaced": 1},
        {"month": "2018-12", "inside": 1, "outside": 22, "unplaced": 0},
    ]
    split = dt.date(2019, 2, 4)

    fig = go.Figure(build_monthly_figure(rows, meetings(briefing, "en"), split, "en"))

    by_series = {trace.meta["series"]: trace for trace in fig.data}
    assert list(by_series["inside"].y) == [2, 0, 1]
    assert list(by_series["outside"].y) == [40, 31, 22]
    assert list(by_series["unplaced"].y) == [5, 1, 0]
    assert by_series["inside"].yaxis == "y" and by_series["outside"].yaxis == "y2"
    assert by_series["inside"].line.dash != by_series["outside"].line.dash  # not colour alone
    shapes = {s["name"]: s for s in fig.to_dict()["layout"]["shapes"]}
    # The Baghdad meeting and the Erbil round are days (lines); the late-2018 series a span.
    assert shapes["baghdad-meeting-2018-12-26"]["type"] == "line"
    assert shapes["baghdad-meeting-2018-12-26"]["x0"] == "2018-12-26"
    assert shapes["erbil-round-2019-02-04"]["x0"] == "2019-02-04"
    assert shapes["late-2018-meetings"]["type"] == "rect"
    assert shapes["split"]["x0"] == "2019-02-04"
    assert shapes["split"]["line"]["color"] == COLOURS["split"]
    # The axis reaches the last meeting even though the data end in December 2018.
    assert fig.layout.xaxis.range[1] > "2019-02-04"


def test_monthly_figure_escapes_and_translates_its_labels(briefing: Briefing) -> None:
    split = dt.date(2018, 12, 26)
    fig = build_monthly_figure(
        [{"month": "2018-12", "inside": 1, "outside": 2, "unplaced": 0}],
        meetings(briefing, "ar"),
        split,
        "ar",
    )

    texts = [a.text for a in fig.layout.annotations]
    assert t("inc_split_label", "ar", date=format_day(split, "ar")) in texts
    assert fig.data[0].name == t("inc_inside", "ar")
    assert fig.layout.xaxis.range[0] > fig.layout.xaxis.range[1]  # time runs right to left


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_both_charts_pass_plotly_validation_unchanged(briefing: Briefing, lang: Lang) -> None:
    # Built without plotly's per-property checks (they cost ~50 ms a chart at every rerun);
    # plotly's validating constructor must accept each spec as it is and change nothing.
    split = dt.date(2019, 2, 4)
    monthly = [{"month": "2018-12", "inside": 1, "outside": 2, "unplaced": 3}]
    figures = [
        build_distance_histogram(
            np.array([0.5, 12.0]), np.array(["exact", "approximate"]), 10, lang
        ),
        build_distance_histogram(np.array([]), np.array([]), 1, lang),
        build_monthly_figure(monthly, meetings(briefing, lang), split, lang),
        build_monthly_figure([], meetings(briefing, lang), split, lang),
    ]
    for fig in figures:
        spec = plotly.io.to_json(fig)
        validated = go.Figure(json.loads(spec))  # raises on any invalid property
        assert json.loads(plotly.io.to_json(validated)) == json.loads(spec)
