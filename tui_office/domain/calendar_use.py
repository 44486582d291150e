"""Provides `unscheduled_years`: the years a form's working-day calculations touch whose public
holidays are not known yet (so those calculations count Monday to Friday only).

A form counts working days when a formula calls `working_days` (or another function of the
calendar), when it names domain rules (they are given the calendar: leave length, balance …), and
when a step is due in working days. The dates it counts are the values of its date fields; a step
due in working days counts from today.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from tui_office.domain.calendar import WorkCalendar

CALENDAR_FUNCTIONS = frozenset({"working_days"})
"""Formula functions that count with the office calendar."""


def counts_working_days(form: Any) -> bool:
    """Whether a form's values go through the working-day calendar (formulas or named rules)."""
    if getattr(form, "rules", ()):
        return True
    for f in form.fields:
        formulas = [f.formula, *(c.formula for c in (f.columns or ()))]
        if any(x is not None and x.functions & CALENDAR_FUNCTIONS for x in formulas):
            return True
    return False


def counted_days(form: Any, values: Mapping[str, Any], today: date) -> list[date]:
    """The days whose working-day status the form's calculations use for these values."""
    days: list[date] = []
    if counts_working_days(form):
        for f in form.fields:
            value = values.get(f.id)
            if f.type in ("date", "datetime") and isinstance(value, date):
                days.append(value.date() if isinstance(value, datetime) else value)
    if any(s.due_working_days for s in form.steps):
        days.append(today)
    return days


def unscheduled_years(calendar: WorkCalendar | None, form: Any, values: Mapping[str, Any], today: date) -> list[int]:
    """The years among `counted_days` whose public holidays `calendar` does not know."""
    if calendar is None:
        return []
    return calendar.unscheduled_years(counted_days(form, values, today))


def unscheduled_notice(calendar: WorkCalendar | None, form: Any, values: Mapping[str, Any], today: date) -> str:
    """One line naming those years and the file to add ("" when there are none)."""
    if calendar is None:
        return ""
    return calendar.unscheduled_notice(unscheduled_years(calendar, form, values, today))
