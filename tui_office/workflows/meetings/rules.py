"""Provides the pure meeting rules: an attendee's status from the sign-in times and the recorder's
mark, the sign-in window, repeated absence, materials lead time, and the rules the meeting forms name.

Statuses: `present`; `late_absent` (signed in more than `late_minutes` after the start) and
`early_absent` (signed out more than `early_minutes` before the end) count as absent (迟到早退);
`absent` (marked so, or never signed in to a meeting that has ended); `excused` (an approved leave of
absence, or marked so) is never counted against anyone; `expected` until the meeting ends.
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from tui_office.domain.errors import ValidationError
from tui_office.domain.rules import RuleContext
from tui_office.workflows.meetings.settings import MeetingSettings

PRESENT, LATE, EARLY, ABSENT, EXCUSED, EXPECTED = (
    "present", "late_absent", "early_absent", "absent", "excused", "expected")
STATUSES = (PRESENT, LATE, EARLY, ABSENT, EXCUSED, EXPECTED)
UNEXCUSED = frozenset({LATE, EARLY, ABSENT})
"""Statuses that count as an unexcused absence."""
MARKS = (PRESENT, ABSENT, EXCUSED)
"""What the recorder may mark."""
STANDING = ("weekly", "monthly", "quarterly")
ADHOC = "adhoc"


@dataclass(frozen=True)
class Attendance:
    """What is known of one attendee at one meeting."""

    signed_in_at: datetime | None = None
    signed_out_at: datetime | None = None
    mark: str | None = None
    excused: bool = False
    """An approved leave of absence."""


def status(a: Attendance, start: datetime, end: datetime, now: datetime, policy: MeetingSettings) -> str:
    """The attendee's status at `now` (see the module docstring)."""
    if a.mark == EXCUSED or (a.excused and a.mark is None):
        return EXCUSED
    if a.mark in (PRESENT, ABSENT):
        return a.mark
    if a.signed_in_at is not None:
        if a.signed_in_at - start > timedelta(minutes=policy.late_minutes):
            return LATE
        if a.signed_out_at is not None and end - a.signed_out_at > timedelta(minutes=policy.early_minutes):
            return EARLY
        return PRESENT
    return ABSENT if now >= end else EXPECTED


def sign_in_window(start: datetime, end: datetime, policy: MeetingSettings) -> tuple[datetime, datetime]:
    """From when until when attendees may sign in."""
    return start - timedelta(minutes=policy.sign_in_opens_minutes), end


def repeated_absence(days: Iterable[date], today: date, policy: MeetingSettings) -> list[date]:
    """The days of unexcused absences within the window ending today, when there are at least
    `absence_limit` of them (otherwise none: nothing to flag)."""
    since = today - timedelta(days=policy.absence_window_days)
    within = sorted(d for d in days if since < d <= today)
    return within if len(within) >= policy.absence_limit else []


def materials_due(calendar, start: date, policy: MeetingSettings) -> date:  # noqa: ANN001
    """The last day materials are on time: `materials_lead_days` working days before the meeting
    (the office calendar: weekends, public holidays and make-up working days)."""
    due = start
    for _ in range(policy.materials_lead_days):
        due = calendar.previous_working_day(due)
    return due


def materials_late(calendar, start: date, attached: date, policy: MeetingSettings) -> bool:  # noqa: ANN001
    """Whether materials attached on `attached` are late for a meeting on `start`."""
    return attached > materials_due(calendar, start, policy)


MONTHS = {"monthly": 1, "quarterly": 3}
MAX_SERIES = 52
"""The most occurrences one series creates at once."""


def _months_later(start: datetime, months: int) -> datetime:
    year, month = divmod(start.month - 1 + months, 12)
    year, month = start.year + year, month + 1
    return start.replace(year=year, month=month, day=min(start.day, monthrange(year, month)[1]))


def occurrences(kind: str, start: datetime, count: int) -> list[datetime]:
    """The starts of the next `count` meetings of a standing series after the one at `start`:
    weekly on the same weekday, monthly (quarterly) on the same day of the month (the month's last
    day when it is shorter)."""
    if kind == "weekly":
        return [start + timedelta(weeks=n) for n in range(1, count + 1)]
    return [_months_later(start, MONTHS[kind] * n) for n in range(1, count + 1)]


# ----------------------------------------------------------------------------- form rules


def _policy(ctx: RuleContext) -> MeetingSettings:
    sections = getattr(ctx.settings, "sections", None) or {}
    found = sections.get("meetings")
    return found if isinstance(found, MeetingSettings) else MeetingSettings()


def attendees_required(ctx: RuleContext) -> list[ValidationError]:
    """A meeting needs someone besides its chair and recorder: named people or departments."""
    if ctx.values.get("attendees") or ctx.values.get("departments"):
        return []
    return [ValidationError("attendees", "meeting_no_attendees")]


def chair_not_recorder(ctx: RuleContext) -> list[ValidationError]:
    """The chair reviews the recorder's minutes, so they are two people."""
    chair, recorder = ctx.values.get("chair"), ctx.values.get("recorder")
    if chair and recorder and chair == recorder:
        return [ValidationError("recorder", "meeting_chair_is_recorder")]
    return []


def _linked_meeting(ctx: RuleContext):  # noqa: ANN202 - the service's MeetingInfo
    """The meeting the form's `meeting` field names (None: none, or not a meeting: the link check says so)."""
    number = ctx.values.get("meeting")
    if not number or ctx.lookup is None:
        return None
    return ctx.lookup.meeting(number)


def absence_in_time(ctx: RuleContext) -> list[ValidationError]:
    """A leave of absence is asked by an attendee of an issued meeting before it starts."""
    meeting = _linked_meeting(ctx)
    if meeting is None:
        return []
    number = meeting.number
    if ctx.initiator not in meeting.attendees:
        return [ValidationError("meeting", "meeting_not_attendee", number=number)]
    if ctx.now >= meeting.start:
        return [ValidationError("meeting", "meeting_absence_too_late", number=number,
                                start=meeting.start.strftime("%Y-%m-%d %H:%M"))]
    return []


def minutes_by_recorder(ctx: RuleContext) -> list[ValidationError]:
    """Minutes are written by the meeting's recorder (or its chair) of a meeting that was issued."""
    meeting = _linked_meeting(ctx)
    if meeting is None:
        return []
    number = meeting.number
    if not meeting.issued:
        return [ValidationError("meeting", "meeting_not_issued", number=number)]
    if ctx.initiator not in (meeting.recorder, meeting.chair):
        return [ValidationError("meeting", "minutes_not_recorder", number=number)]
    return []


RULES = {
    "meeting.attendees_required": attendees_required,
    "meeting.chair_not_recorder": chair_not_recorder,
    "meeting.absence_in_time": absence_in_time,
    "meeting.minutes_by_recorder": minutes_by_recorder,
}
