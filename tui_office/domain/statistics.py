"""Provides the pure arithmetic of process statistics (流程统计): median and 90th percentile of
durations, elapsed hours, the default date range and weekly buckets.

Durations are elapsed clock hours (weekends and holidays count: a request sent on Friday evening
and approved on Monday morning took about 63 hours). The median of an even number of values is
the mean of the two middle ones; the 90th percentile is the nearest-rank one (the smallest value
with at least 90% of the values at or below it), so it is always a duration that happened.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

DEFAULT_WEEKS = 12
"""The range shown when none is given: this week and the eleven before it."""
MAX_DAYS = 3_660
"""The longest range one request may cover (ten years)."""


@dataclass(frozen=True)
class Durations:
    """How many durations there were, their median and their 90th percentile (hours; None when none)."""

    count: int
    median: float | None
    p90: float | None


def median(values: Sequence[float]) -> float | None:
    """The middle value (the mean of the two middle ones for an even count); None for no values."""
    ordered = sorted(values)
    n = len(ordered)
    if n == 0:
        return None
    middle = n // 2
    return ordered[middle] if n % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def percentile(values: Sequence[float], share: float) -> float | None:
    """The nearest-rank percentile: the smallest value with at least `share` (0 < share <= 1) of
    the values at or below it; None for no values."""
    if not 0 < share <= 1:
        raise ValueError("share must be in (0, 1]")
    ordered = sorted(values)
    if not ordered:
        return None
    return ordered[max(1, math.ceil(round(share * len(ordered), 9))) - 1]


def durations(values: Iterable[float]) -> Durations:
    """Count, median and 90th percentile of `values`."""
    found = list(values)
    return Durations(len(found), median(found), percentile(found, 0.9))


def hours_between(start: datetime, end: datetime) -> float:
    """Elapsed hours from `start` to `end` (never below zero: a clock set back counts as none)."""
    return max(0.0, (end - start).total_seconds() / 3600)


def week_start(day: date) -> date:
    """The Monday of the week `day` falls in."""
    return day - timedelta(days=day.weekday())


def default_range(today: date) -> tuple[date, date]:
    """The range shown when none is given: from the Monday `DEFAULT_WEEKS` weeks back to today."""
    return week_start(today) - timedelta(weeks=DEFAULT_WEEKS - 1), today


def weeks(since: date, until: date) -> list[date]:
    """The Mondays of every week from the one holding `since` to the one holding `until`."""
    first, last = week_start(since), week_start(until)
    return [first + timedelta(weeks=i) for i in range((last - first).days // 7 + 1)] if first <= last else []


def by_week(per_day: Mapping[date, int], since: date, until: date) -> list[tuple[date, int]]:
    """Daily counts added up per week (Monday first), every week of the range listed, empty ones as 0;
    days outside the range are left out."""
    totals = {monday: 0 for monday in weeks(since, until)}
    for day, count in per_day.items():
        if since <= day <= until:
            totals[week_start(day)] += count
    return list(totals.items())


RANGES = ("weeks", "four_weeks", "year", "last_year")
"""The ranges the statistics screen steps through (`r`), the default first."""


def preset(name: str, today: date) -> tuple[date, date]:
    """The days a named range covers: the default twelve weeks, the last four weeks, this year to
    today, or last year."""
    if name == "four_weeks":
        return week_start(today) - timedelta(weeks=3), today
    if name == "year":
        return date(today.year, 1, 1), today
    if name == "last_year":
        return date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)
    return default_range(today)
