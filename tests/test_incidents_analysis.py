"""The figures of `analyse`: checked against plain pandas over the same frame.

Why: analysts quote these numbers. Each one is recomputed here the obvious way (boolean
masks in pandas), with filters, before/after and a line of the user's own.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

import numpy as np
import pandas as pd
import pytest

from gapwatch.incidents.analysis import (
    FOUR_GOVERNORATES,
    RINGS_KM,
    IncidentFilters,
    analyse,
    analysis_columns,
)
from gapwatch.incidents.figures import Fatalities
from gapwatch.incidents.importer import read_incidents
from gapwatch.incidents.lines import SECTOR_IDS
from tests.incidents_support import ANALYSE_JSON_KEYS, acled_csv, acled_row, ged_bytes


@cache
def ged() -> pd.DataFrame:
    return read_incidents(ged_bytes(), "ged.csv", dataset="ged").frame


@pytest.mark.parametrize("width_km", [1, 4, 10, 20])
def test_every_count_matches_plain_pandas(width_km: float) -> None:
    frame = ged()
    a = analyse(frame, width_km)
    placed = frame["precision"] != "unplaced"
    exact = frame["precision"] == "exact"
    inside = placed & (frame["distance_km"] <= width_km / 2)
    assert a.events == len(frame)
    assert (a.inside.exact, a.inside.approximate) == (
        int((inside & exact).sum()),
        int((inside & ~exact).sum()),
    )
    outside = placed & ~inside
    assert a.outside.total == int(outside.sum())
    assert a.unplaced == int((~placed).sum())
    for ring, (low, high) in zip(a.by_distance_km, RINGS_KM, strict=True):
        d = frame["distance_km"]
        in_ring = placed & (d >= low) & (d < (high or np.inf))
        assert (ring.exact, ring.approximate) == (
            int((in_ring & exact).sum()),
            int((in_ring & ~exact).sum()),
        )
    assert [s.sector for s in a.by_sector] == list(SECTOR_IDS)
    for s in a.by_sector:
        here = frame["sector"] == s.sector
        assert (s.inside.exact, s.inside.approximate) == (
            int((here & inside & exact).sum()),
            int((here & inside & ~exact).sum()),
        )
        assert (s.outside.exact, s.outside.approximate) == (
            int((here & outside & exact).sum()),
            int((here & outside & ~exact).sum()),
        )
        assert s.fatalities_best == int(frame.loc[here, "fatalities_best"].sum())
    for where, mask in (("inside", inside), ("outside", outside), ("unplaced", ~placed)):
        assert a.fatalities[where] == Fatalities(
            *(int(frame.loc[mask, f"fatalities_{k}"].sum()) for k in ("best", "low", "high"))
        )
    assert a.fatalities["total"].high == int(frame["fatalities_high"].sum())
    zone = outside & frame["governorate"].isin(a.rate.comparison.governorates)
    assert a.rate.band_events == int(inside.sum())
    assert a.rate.comparison_events == int(zone.sum())
    assert sum(m.inside for m in a.by_month) == a.inside.total
    assert sum(m.unplaced for m in a.by_month) == a.unplaced


def test_by_month_has_every_month_in_order() -> None:
    months = [m.month for m in analyse(ged(), 10).by_month]
    assert months[0] == "2014-01" and months[-1] == "2018-12"
    assert len(months) == 60 and months == sorted(months)


def test_the_rate_compares_like_with_like() -> None:
    a = analyse(ged(), 10)
    rate = a.rate
    # A 10 km band along a ~1,000 km line: about 10,000 km², less where it leaves Iraq.
    assert 8_000 < rate.band_area_km2 < 11_000
    assert rate.comparison is FOUR_GOVERNORATES
    frame = ged()
    outside = (frame["precision"] != "unplaced") & (frame["distance_km"] > 5)
    in_zone = outside & frame["governorate"].isin(FOUR_GOVERNORATES.governorates)
    assert rate.comparison_events == int(in_zone.sum())
    assert rate.band_per_1000_km2 == pytest.approx(1000 * a.inside.total / rate.band_area_km2)
    assert rate.ratio == pytest.approx(rate.band_per_1000_km2 / rate.comparison_per_1000_km2)
    assert analyse(ged(), 20).rate.band_area_km2 > 1.9 * rate.band_area_km2


def test_filters_dates_overlap_words_start_and_violence() -> None:
    frame = ged()
    f = IncidentFilters(date_from=dt.date(2016, 1, 1), date_to=dt.date(2016, 12, 31))
    expected = (frame["date_end"] >= "2016-01-01") & (frame["date_start"] <= "2016-12-31")
    assert analyse(frame, 10, f).events == int(expected.sum())
    # "IS" is a word start: it finds "IS" but not "Kurdistan" or "Civilians".
    is_rows = frame[IncidentFilters(text="IS").mask(frame)]
    assert (is_rows["dyad"].str.contains(r"(?:^|[^A-Za-z])IS", regex=True)).all()
    assert len(is_rows) > 0
    one_sided = IncidentFilters(violence=("one-sided violence",))
    assert analyse(frame, 10, one_sided).events == int(
        (frame["violence"] == "one-sided violence").sum()
    )


def test_filters_round_trip_through_the_url_and_bad_values_become_notices() -> None:
    f = IncidentFilters(dt.date(2015, 1, 1), dt.date(2016, 1, 1), "IS", ("one-sided violence",))
    params = f.to_query_params()
    assert set(params) == {"ifrom", "ito", "iq", "iviolence"}
    assert IncidentFilters.from_query_params(params) == (f, [])
    back, notices = IncidentFilters.from_query_params(
        {"ifrom": "2016-02-30", "ito": "2015-01-01", "iq": "x" * 500}
    )
    assert back.date_from is None and len(back.text) == 200
    assert [n.key for n in notices] == ["notice_bad_date", "notice_text_too_long"]
    assert IncidentFilters.from_query_params({})[0].is_empty


def test_the_split_puts_every_event_on_one_side() -> None:
    rows = [
        acled_row(i, event_date=d)
        for i, d in enumerate(["2018-12-01", "2019-02-03", "2019-02-04", "2019-06-01"])
    ]
    frame = read_incidents(acled_csv(rows), "a.csv").frame
    a = analyse(frame, 20)
    assert (a.before.events, a.after.events) == (2, 2)
    assert a.notes == ()
    later = analyse(frame, 20, split_date=dt.date(2019, 12, 26))
    assert (later.before.events, later.after.events) == (4, 0)
    assert "the data end on 2019-06-01" in later.notes[0]
    assert later.after_is_empty_because_data_end


def test_bundled_data_say_plainly_that_after_is_empty() -> None:
    a = analyse(ged(), 10)
    assert a.after.events == 0 and a.after_is_empty_because_data_end
    assert a.notes == (
        "Nothing after 2019-02-04: the data end on 2018-12-25, before the split date.",
    )


def test_the_json_has_the_documented_keys() -> None:
    j = analyse(ged(), 10).to_json()
    assert set(j) >= ANALYSE_JSON_KEYS
    assert j["by_distance_km"][0] == {"from": 0, "to": 5, **j["by_distance_km"][0]} | {
        "from": 0,
        "to": 5,
    }
    assert set(j["by_distance_km"][0]) == {"from", "to", "exact", "approximate"}
    assert j["by_distance_km"][-1]["to"] is None
    assert set(j["inside"]) == {"exact", "approximate"}
    assert set(j["by_month"][0]) == {"month", "inside", "outside", "unplaced"}
    assert set(j["split"]) == {"date", "before", "after"}


def test_columns_kept_across_widths_give_the_same_figures() -> None:
    frame = ged()
    split = dt.date(2016, 6, 1)
    kept = analysis_columns(frame, split)
    for width in (2, 10, 20):
        fresh = analyse(frame, width, split_date=split)
        assert analyse(frame, width, split_date=split, columns=kept) == fresh
        assert fresh.before.events > 0 and fresh.after.events > 0


def test_a_width_outside_the_articles_range_is_refused() -> None:
    with pytest.raises(ValueError, match="between 1 and 20"):
        analyse(ged(), 25)


def test_by_month_runs_from_the_first_to_the_last_kept_event() -> None:
    f = IncidentFilters(date_from=dt.date(2016, 3, 1), date_to=dt.date(2016, 5, 31))
    frame = ged()
    months = [m.month for m in analyse(frame, 10, f).by_month]
    starts = frame.loc[f.mask(frame), "year_month"]
    assert months[0] == starts.min() and months[-1] == starts.max()
