"""Both languages are complete, and dates read as an Iraqi reader expects."""

from __future__ import annotations

import datetime as dt

from gapwatch.i18n import format_day, format_fuzzy_date
from gapwatch.model import Bilingual, FuzzyDate


def test_dates_use_iraqi_month_names_in_arabic() -> None:
    assert format_day(dt.date(2018, 12, 26), "ar") == "26 كانون الأول 2018"
    assert format_day(dt.date(2019, 2, 4), "ar") == "4 شباط 2019"
    assert format_day(dt.date(2019, 2, 4), "en") == "February 4, 2019"


def test_a_fuzzy_date_shows_its_interval_and_that_it_is_inferred() -> None:
    date = FuzzyDate(
        text=Bilingual(en="Wednesday, 4 February", ar="الأربعاء، ٤ شباط/فبراير"),
        earliest=dt.date(2019, 2, 4),
        latest=dt.date(2019, 2, 6),
        precision="month",
        inferred=True,
        inference=Bilingual(en="weekday and date disagree", ar="اليوم والتاريخ لا يتفقان"),
    )
    assert format_fuzzy_date(date, "en") == "February 4, 2019 – February 6, 2019 (inferred)"
    assert "شباط" in format_fuzzy_date(date, "ar")
    assert "مستنتج" in format_fuzzy_date(date, "ar")
