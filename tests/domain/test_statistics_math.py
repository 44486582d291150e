"""Median, 90th percentile and weekly buckets of process statistics, against their definitions."""

from __future__ import annotations

import statistics
from datetime import date, datetime, timedelta

from hypothesis import given, strategies as st

from tui_office.domain.statistics import by_week, default_range, durations, hours_between, median, percentile, \
    week_start, weeks

HOURS = st.lists(st.floats(min_value=0, max_value=1e6, allow_nan=False), max_size=60)
DAYS = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))


@given(HOURS)
def test_the_median_is_the_textbook_median(values):
    assert median(values) == (statistics.median(values) if values else None)


@given(HOURS.filter(bool))
def test_the_90th_percentile_is_a_value_with_nine_tenths_at_or_below_it(values):
    p90 = percentile(values, 0.9)
    assert p90 in values
    at_or_below = sum(v <= p90 for v in values)
    assert at_or_below >= 0.9 * len(values) - 1e-9
    assert sum(v < p90 for v in values) < 0.9 * len(values)  # the smallest such value
    assert min(values) <= median(values) <= max(values) and p90 >= statistics.median_low(values)


def test_hand_computed_figures():
    assert durations([5, 1, 3, 2, 4, 6, 7, 8, 9, 10]) == durations(range(10, 0, -1))
    found = durations([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    assert (found.count, found.median, found.p90) == (10, 5.5, 9)
    assert durations([]).median is None and durations([4]).p90 == 4
    assert hours_between(datetime(2026, 11, 20, 18, 0), datetime(2026, 11, 23, 9, 0)) == 63
    assert hours_between(datetime(2026, 11, 23, 9, 0), datetime(2026, 11, 23, 8, 0)) == 0


@given(DAYS, st.integers(min_value=0, max_value=400))
def test_weeks_start_on_mondays_and_cover_the_range(since, span):
    until = since + timedelta(days=span)
    found = weeks(since, until)
    assert all(monday.weekday() == 0 for monday in found)
    assert found[0] <= since < found[0] + timedelta(days=7) and found[-1] <= until < found[-1] + timedelta(days=7)
    assert all(b - a == timedelta(weeks=1) for a, b in zip(found, found[1:]))


@given(st.dictionaries(DAYS, st.integers(min_value=0, max_value=50), max_size=30), DAYS,
       st.integers(min_value=0, max_value=200))
def test_weekly_buckets_keep_every_count_of_the_range_and_nothing_else(per_day, since, span):
    until = since + timedelta(days=span)
    buckets = by_week(per_day, since, until)
    assert sum(n for _, n in buckets) == sum(n for d, n in per_day.items() if since <= d <= until)
    assert [monday for monday, _ in buckets] == weeks(since, until)


def test_the_default_range_is_twelve_weeks_ending_today():
    assert default_range(date(2026, 11, 25)) == (date(2026, 9, 7), date(2026, 11, 25))
    assert week_start(date(2026, 11, 29)) == date(2026, 11, 23)


def test_the_named_ranges():
    from tui_office.domain.statistics import RANGES, preset

    today = date(2026, 11, 25)
    assert [preset(name, today) for name in RANGES] == [
        (date(2026, 9, 7), today), (date(2026, 11, 2), today), (date(2026, 1, 1), today),
        (date(2025, 1, 1), date(2025, 12, 31))]
