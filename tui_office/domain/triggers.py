"""Provides date-relative triggers (`[[triggers]]`): when one is due, and what it does.

A trigger's `when` names a day relative to a date field, a line-item date column ("items.start",
one firing per row) or the day the document was submitted or approved:

    on delivery_date
    10 working days before delivery_date        (working days: the office calendar)
    2 working days before items.start
    3 days after submitted
    on the 5th of next month                     (the month after the document was submitted)
    on the 5th of the month after delivery_date

Its action is `remind` (a notice to the people `to` names), `task` (a follow-up task for them, due
by the end of the reference day), `flag` (a flag on the document) or `decide` (the current step's
open tasks are approved or rejected by the system: a lapse). `remind` fires each trigger once per
document (and row), on or after its day.
"""

from __future__ import annotations

import calendar as months
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Protocol

from tui_office.i18n import pick

TRIGGER_ACTIONS = ("remind", "task", "flag", "decide")
"""What a trigger may do."""
DECISIONS = ("approve", "reject")
"""What a `decide` trigger may decide."""
DOCUMENT_DAYS = ("submitted", "approved")
"""Reference days a trigger may name besides the form's date fields."""

_REF = r"(?P<ref>[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)?)"
_OFFSET = re.compile(rf"(?P<n>\d{{1,3}}) (?P<working>working )?days? (?P<dir>before|after) {_REF}\Z")
_ON = re.compile(rf"on {_REF}\Z")
_MONTH_DAY = re.compile(rf"on the (?P<d>\d{{1,2}})(?:st|nd|rd|th) of (?:next month|the month after {_REF})\Z")
EXAMPLES = ('"10 working days before delivery_date"', '"on start"', '"on the 5th of next month"')


class Calendar(Protocol):
    def add_working_days(self, d: date, n: int) -> date: ...


@dataclass(frozen=True)
class When:
    """A day relative to a reference day (`ref`: a field, "table.column", submitted or approved)."""

    ref: str
    days: int = 0
    """Signed offset from the reference day (negative: before)."""
    working: bool = False
    """The offset counts working days of the office calendar."""
    month_day: int | None = None
    """"on the Nth of the month after": the day of that month (clamped to its length)."""

    @property
    def table(self) -> str | None:
        """The line-item table of a row date ("items.start" → "items"), else None."""
        return self.ref.split(".", 1)[0] if "." in self.ref else None

    @property
    def column(self) -> str | None:
        return self.ref.split(".", 1)[1] if "." in self.ref else None

    def day(self, reference: date, calendar: Calendar) -> date:
        """The day this names for `reference` (a working-day offset lands on a working day)."""
        if self.month_day is not None:
            year, month = (reference.year + 1, 1) if reference.month == 12 else (reference.year, reference.month + 1)
            return date(year, month, min(self.month_day, months.monthrange(year, month)[1]))
        if self.working:
            return calendar.add_working_days(reference, self.days)
        return reference + timedelta(days=self.days)


def parse_when(text: str) -> When:
    """The `When` of a trigger's `when`; ValueError (its message says what is wrong) otherwise."""
    words = " ".join(str(text).split()).lower()
    match = _OFFSET.match(words)
    if match:
        n = int(match.group("n"))
        return When(match.group("ref"), -n if match.group("dir") == "before" else n, bool(match.group("working")))
    match = _MONTH_DAY.match(words)
    if match:
        day = int(match.group("d"))
        if not 1 <= day <= 31:
            raise ValueError(f"there is no day {day} in a month")
        return When(match.group("ref") or "submitted", month_day=day)
    match = _ON.match(words)
    if match:
        return When(match.group("ref"))
    raise ValueError(f"cannot read {text!r}; write e.g. {', '.join(EXAMPLES)}")


@dataclass(frozen=True)
class TriggerDef:
    """One `[[triggers]]` entry of a form."""

    id: str
    when: When
    action: str
    title_en: str = ""
    title_zh: str = ""
    to: tuple = ()
    """Who hears (remind) or does (task): assignee rules; none: the initiator."""
    flag: str | None = None
    """The flag a `flag` trigger puts on the document."""
    decide: str | None = None
    """`approve` or `reject` for a `decide` trigger."""
    step: str | None = None
    """A `decide` trigger decides only while the document is at this step (None: any step)."""
    notice: str = "reminder"
    """Kind of the notification a `remind` trigger (default `reminder`) or a `task` trigger
    (default `new_task`) sends."""
    line: int = 0
    source: str = field(default="", compare=False)
    """The `when` as written."""

    @property
    def title(self) -> str:
        """The trigger's title in the current language ("" when it has none)."""
        return pick(self.title_en, self.title_zh)

    def key(self, row: int | None) -> str:
        """How a firing is recorded (and a task's follow-up id): the id, with the row number for a row date."""
        return self.id if row is None else f"{self.id}-{row + 1}"
