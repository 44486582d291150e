"""Provides the leave rules (请假制度) that cannot be plain form data, as named, pure functions.

The leave definition (`data/forms/leave.toml`) lists them by name in `rules = [...]` and
`flaggers = [...]`; the workflow services call them with a `RuleContext` at submit time, so the
CLI (`tui-office submit leave --set …`) and the form screen enforce exactly the same rules.

Values the rules read (typed, as `FormDef.coerce` produces them): `type`, `start`, `end`
(dates), `start_half` / `end_half` (`"am"`/`"pm"` or empty), `handover` (a login), `evidence`
(ticked checklist item ids). Missing values are left to the form's own `required` checks.

Half days: `start_half = "pm"` means the leave starts at noon of its first day; `end_half = "am"`
means it ends at noon of its last day (the calendar counts each such day 0.5).

Choices made where the policy is silent:
- A sick leave "starts" at the start of the working day, 09:00 (13:00 when it starts in the
  afternoon; both are office settings, `workday.morning_start` and `workday.afternoon_start`, that
  `rule_context` hands over as `day_starts`); it must be filed no later than 24 hours after that.
- Overlap is judged on half-day slots of calendar dates: two leaves overlap when they share a
  morning or an afternoon of some date. A morning leave and an afternoon leave on one date (together
  one day) do not overlap; two morning leaves on one date do.
- Days are counted in working days of the office calendar everywhere (balance, statutory lengths,
  long-leave thresholds).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any, Protocol

from tui_office.domain.errors import ValidationError
from tui_office.domain.office_settings import AFTERNOON_START, MORNING_START, SETTINGS
from tui_office.domain.rules import Flagger, Rule, RuleContext
from tui_office.i18n import t
from tui_office.workflows.leave.settings import LeaveSettings

RULES: dict[str, Rule] = {}
"""The leave rules by the name the leave definition uses (`leave.overlap` …)."""
FLAGGERS: dict[str, Flagger] = {}
"""The leave flaggers by name."""


def rule(name: str) -> Callable[[Rule], Rule]:
    """List a validation rule in `RULES` under `name`."""

    def register(fn: Rule) -> Rule:
        RULES[name] = fn
        return fn

    return register


def flagger(name: str) -> Callable[[Flagger], Flagger]:
    """List a flagger in `FLAGGERS` under `name`."""

    def register(fn: Flagger) -> Flagger:
        FLAGGERS[name] = fn
        return fn

    return register

LEAVE_TYPES = ("personal", "sick", "annual", "compensatory", "marriage", "maternity", "bereavement")
"""事假, 病假, 年假, 调休, 婚假, 产假, 丧假."""

NOTICE_TYPES = ("personal", "compensatory")
"""Types that must be requested before they start (no 先休后报)."""

STATUTORY_TYPES = ("marriage", "maternity", "bereavement")
"""Types whose length is fixed by national rules (from `Settings.leave.statutory_days`)."""

BALANCE_TYPES = ("annual",)
"""Types limited by an allocation per user and year."""

LIVE_STATUSES = frozenset({"in_progress", "returned", "approved"})
"""Leaves that still count: not drafts, not rejected, not withdrawn."""

PENDING_STATUSES = frozenset({"in_progress", "returned"})

DAY_STARTS: tuple[time, time] = (SETTINGS[MORNING_START].default,  # type: ignore[assignment]
                                  SETTINGS[AFTERNOON_START].default)
"""When a working day starts, morning and afternoon, unless the office's settings say otherwise
(the sick-leave filing deadline is 24 h after the start, the phone call late 15 minutes after)."""
SICK_FILING_HOURS = 24

EVIDENCE_ITEMS = (
    "community_certificate",
    "district_certificate",
    "grade2a_certificate",
    "diagnosis",
    "admission_records",
    "receipts",
)
"""Every item of the sick-leave evidence checklist."""

ALL_RULES = (
    "leave.end_before_start",
    "leave.no_working_days",
    "leave.advance_notice",
    "leave.sick_late_filing",
    "leave.evidence_missing",
    "leave.overlap",
    "leave.balance",
    "leave.statutory_length",
    "leave.max_length",
    "leave.blackout",
    "leave.handover",
)
"""Every validation rule of this module, in the order the leave form lists them."""

BLACKOUT_MODES = ("refuse", "gm")
"""What a blackout period does to a leave that falls in it: refuse it, or send it to the general manager."""
BLACKOUT_FLAG = "blackout_review"
"""The flag of a leave in a blackout period that needs the general manager (routing: `flagged(...)`)."""
PHONE_NOTICE_MINUTES = 15
"""A sick leave's phone call to the manager is late after this many minutes past the start of work."""
LONG_FLAG = "long_leave_review"
"""The flag of personal leave over the limits, which the general manager answers (`long_leave.py`)."""
LATE_PHONE_FLAG = "late_phone_notice"
"""The flag of a sick leave whose phone call to the manager came late, or was not recorded."""


# -- shapes --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LeaveSpan:
    """One leave of one person, as the rules see it (from a document's stored fields)."""

    start: date
    end: date
    start_half: str | None = None
    end_half: str | None = None
    leave_type: str = "personal"
    status: str = "in_progress"
    number: str = ""
    document_id: int | None = None

    @classmethod
    def from_values(cls, values: dict, **extra: Any) -> LeaveSpan | None:
        """A span from form values; None when the dates are missing or not dates."""
        start, end = values.get("start"), values.get("end")
        if not isinstance(start, date) or not isinstance(end, date):
            return None
        if isinstance(start, datetime):
            start = start.date()
        if isinstance(end, datetime):
            end = end.date()
        return cls(
            start=start,
            end=end,
            start_half=_half(values.get("start_half")),
            end_half=_half(values.get("end_half")),
            leave_type=str(values.get("type") or ""),
            **extra,
        )

    @property
    def live(self) -> bool:
        return self.status in LIVE_STATUSES

    def slots(self, d: date) -> frozenset[str]:
        """The halves (`am`, `pm`) of date `d` this leave covers."""
        if d < self.start or d > self.end:
            return frozenset()
        halves = {"am", "pm"}
        if d == self.start and self.start_half == "pm":
            halves.discard("am")
        if d == self.end and self.end_half == "am":
            halves.discard("pm")
        return frozenset(halves)

    def days(self, calendar: Any) -> Decimal:
        return calendar.working_days(self.start, self.end, self.start_half, self.end_half)

    def days_in_year(self, year: int, calendar: Any) -> Decimal:
        """Working days of this leave that fall in `year`."""
        first, last = date(year, 1, 1), date(year, 12, 31)
        if self.end < first or self.start > last:
            return Decimal(0)
        start, end = max(self.start, first), min(self.end, last)
        start_half = self.start_half if start == self.start else None
        end_half = self.end_half if end == self.end else None
        return calendar.working_days(start, end, start_half, end_half)

    def years(self) -> range:
        return range(self.start.year, self.end.year + 1)


@dataclass(frozen=True)
class Blackout:
    """A key event during which leave is refused (`refuse`) or needs the general manager (`gm`)."""

    id: int
    name: str
    start: date
    end: date
    mode: str = "refuse"
    departments: tuple[str, ...] = ()
    """Department codes it applies to; empty: everyone."""

    def applies_to(self, department: str | None) -> bool:
        return not self.departments or department in self.departments

    def covers(self, span: LeaveSpan) -> bool:
        """Whether the leave has a day inside the event."""
        return span.start <= self.end and span.end >= self.start

    def to_json(self) -> dict:
        return {"id": self.id, "name": self.name, "start": self.start.isoformat(), "end": self.end.isoformat(),
                "departments": list(self.departments), "mode": self.mode}


class LeaveLookup(Protocol):
    """What the services answer for the rules (see `service.Lookup`)."""

    def other_leaves(self, login: str, exclude_document_id: int | None = None) -> list[LeaveSpan]:
        """The person's other leave documents (any status; the rules keep the live ones)."""

    def allocation(self, login: str, year: int, leave_type: str = "annual") -> Decimal:
        """Days granted to the person for the year (0 when none)."""

    def blackouts(self, login: str) -> list[Blackout]:
        """The blackout periods that apply to the person (theirs by department, and everyone's)."""


def _half(value: object) -> str | None:
    text = str(value or "").strip().lower()
    return text if text in ("am", "pm") else None


def _num(value: Decimal | float | int) -> int | float:
    """A JSON-friendly number: 16 rather than 16.0, 3.5 stays 3.5."""
    d = Decimal(str(value))
    return int(d) if d == d.to_integral_value() else float(d)


def _text(value: Decimal | float | int) -> str:
    return str(_num(value))


# -- pure helpers --------------------------------------------------------------------------------


def required_evidence(days: Decimal | float | int) -> list[str]:
    """The sick-leave evidence items a leave of `days` working days needs.

    Up to 3 days: a community-level (or higher) hospital certificate and receipts; more than 3 up to
    7: a district/county-level certificate, the diagnosis and receipts; more than 7: a certificate
    from a grade 2A (二级甲等) or higher hospital, diagnosis, admission/discharge records, receipts.
    """
    days = Decimal(str(days))
    if days <= 3:
        return ["community_certificate", "receipts"]
    if days <= 7:
        return ["district_certificate", "diagnosis", "receipts"]
    return ["grade2a_certificate", "diagnosis", "admission_records", "receipts"]


def missing_evidence(days: Decimal | float | int, ticked: Iterable[str] | None) -> list[str]:
    """The required items (in checklist order) that are not ticked."""
    have = set(ticked or ())
    return [item for item in required_evidence(days) if item not in have]


def evidence_label(item: str) -> str:
    return t(f"leave.evidence.{item}")


def spans_overlap(a: LeaveSpan, b: LeaveSpan) -> bool:
    """Whether two leaves share a half day (see the module notes on half days)."""
    first, last = max(a.start, b.start), min(a.end, b.end)
    day = first
    while day <= last:
        if a.slots(day) & b.slots(day):
            return True
        if first < day < last:  # interior days are whole for both leaves
            return True
        day += timedelta(days=1)
    return False


def start_moment(start: date, start_half: str | None = None, starts: tuple[time, time] = DAY_STARTS) -> datetime:
    """When a leave starts: the start of work on its first day (09:00 unless the office says
    otherwise), the afternoon's (13:00) when it starts in the afternoon."""
    morning, afternoon = starts
    return datetime.combine(start, afternoon if _half(start_half) == "pm" else morning)


def day_starts(ctx: RuleContext) -> tuple[time, time]:
    """The office's start of work, morning and afternoon (`rule_context`; the defaults without one)."""
    return ctx.extra.get("day_starts") or DAY_STARTS


def sick_filing_deadline(start: date, start_half: str | None = None,
                         starts: tuple[time, time] = DAY_STARTS) -> datetime:
    """The last moment a sick leave starting then may be filed (24 h after it starts)."""
    return start_moment(start, start_half, starts) + timedelta(hours=SICK_FILING_HOURS)


def leave_days(values: dict, calendar: Any) -> Decimal | None:
    """Working days of the leave in `values` (None when the dates are missing)."""
    span = LeaveSpan.from_values(values)
    if span is None:
        return None
    return span.days(calendar)


def used_days(
    others: Iterable[LeaveSpan], leave_type: str, year: int, calendar: Any,
    statuses: frozenset[str] = LIVE_STATUSES,
) -> Decimal:
    """Working days in `year` of the leaves of `leave_type` whose status is in `statuses`."""
    total = Decimal(0)
    for span in others:
        if span.leave_type == leave_type and span.status in statuses:
            total += span.days_in_year(year, calendar)
    return total


def remaining_balance(allocation: Decimal, others: Iterable[LeaveSpan], leave_type: str, year: int, calendar: Any) -> Decimal:
    """Allocation − approved − pending (the balance a new request may use)."""
    return Decimal(allocation) - used_days(others, leave_type, year, calendar)


def report_back_due(leave_end: date, calendar: Any) -> date:
    """The day the applicant must report back (销假): the first working day after the leave."""
    return calendar.next_working_day(leave_end)


def report_back_deadline(leave_end: date, calendar: Any) -> datetime:
    """The end of the report-back day (midnight after it)."""
    return datetime.combine(report_back_due(leave_end, calendar) + timedelta(days=1), time(0, 0))


def is_absent_without_leave(leave_end: date, reported_at: datetime | None, now: datetime, calendar: Any) -> bool:
    """Absent without leave (旷工): not reported back by the end of the first working day after the leave.

    A report-back made after that deadline does not undo the absence.
    """
    deadline = report_back_deadline(leave_end, calendar)
    if reported_at is not None:
        return reported_at >= deadline
    return now >= deadline


# -- rules ---------------------------------------------------------------------------------------


def _span(ctx: RuleContext) -> LeaveSpan | None:
    return LeaveSpan.from_values(ctx.values, document_id=ctx.document_id)


COUNTABLE_CALENDAR_DAYS = 3660
"""Working days are counted only for spans up to about ten years; anything longer is refused by
`leave.max_length` without walking the calendar day by day."""


def _countable(span: LeaveSpan) -> bool:
    return (span.end - span.start).days < COUNTABLE_CALENDAR_DAYS


def _valid_span(ctx: RuleContext) -> LeaveSpan | None:
    """The leave's span when its dates are in order and cover at least one working half day."""
    span = _span(ctx)
    if span is None or _order_problem(span) or not _countable(span):
        return None
    if span.days(ctx.calendar) <= 0:
        return None
    return span


def _order_problem(span: LeaveSpan) -> bool:
    if span.end < span.start:
        return True
    return span.start == span.end and span.start_half == "pm" and span.end_half == "am"


def _others(ctx: RuleContext) -> list[LeaveSpan]:
    if ctx.lookup is None:
        return []
    spans = ctx.lookup.other_leaves(ctx.initiator, ctx.document_id)
    return [s for s in spans if s.live and (ctx.document_id is None or s.document_id != ctx.document_id)]


def _leave_settings(ctx: RuleContext) -> LeaveSettings:
    sections = getattr(ctx.settings, "sections", None) or {}
    return sections.get("leave") or LeaveSettings()


def _filed_at(ctx: RuleContext) -> datetime:
    return ctx.submitted_at or ctx.now


@rule("leave.end_before_start")
def end_before_start(ctx: RuleContext) -> list[ValidationError]:
    """The leave must not end before it starts (nor end in the morning of a day it starts at noon)."""
    span = _span(ctx)
    if span is None or not _order_problem(span):
        return []
    return [ValidationError("end", "end_before_start", start=span.start.isoformat(), end=span.end.isoformat())]


@rule("leave.no_working_days")
def no_working_days(ctx: RuleContext) -> list[ValidationError]:
    """A leave covering only weekends and holidays is refused: there is nothing to apply for."""
    span = _span(ctx)
    if span is None or _order_problem(span) or not _countable(span) or span.days(ctx.calendar) > 0:
        return []
    return [ValidationError("end", "no_working_days", start=span.start.isoformat(), end=span.end.isoformat())]


@rule("leave.advance_notice")
def advance_notice(ctx: RuleContext) -> list[ValidationError]:
    """Personal and compensatory leave start at least one calendar day after they are filed."""
    span = _span(ctx)
    if span is None or span.leave_type not in NOTICE_TYPES:
        return []
    filed = _filed_at(ctx).date()
    if span.start > filed:
        return []
    return [
        ValidationError(
            "start", "advance_notice",
            type=t(f"leave.type.{span.leave_type}"), start=span.start.isoformat(),
            earliest=(filed + timedelta(days=1)).isoformat(),
        )
    ]


@rule("leave.sick_late_filing")
def sick_late_filing(ctx: RuleContext) -> list[ValidationError]:
    """Sick leave may be filed after it started, but within 24 hours of its start."""
    span = _span(ctx)
    if span is None or span.leave_type != "sick":
        return []
    deadline = sick_filing_deadline(span.start, span.start_half, day_starts(ctx))
    if _filed_at(ctx) <= deadline:
        return []
    return [
        ValidationError(
            "start", "sick_late_filing",
            start=start_moment(span.start, span.start_half, day_starts(ctx)).strftime("%Y-%m-%d %H:%M"),
            deadline=deadline.strftime("%Y-%m-%d %H:%M"), hours=SICK_FILING_HOURS,
        )
    ]


@rule("leave.evidence_missing")
def evidence_missing(ctx: RuleContext) -> list[ValidationError]:
    """Sick leave needs the evidence its length calls for (`required_evidence`)."""
    span = _valid_span(ctx)
    if span is None or span.leave_type != "sick":
        return []
    days = span.days(ctx.calendar)
    missing = missing_evidence(days, ctx.values.get("evidence"))
    if not missing:
        return []
    return [
        ValidationError(
            "evidence", "evidence_missing",
            days=_text(days), items=t("leave.list_separator").join(evidence_label(i) for i in missing),
        )
    ]


@rule("leave.overlap")
def overlap(ctx: RuleContext) -> list[ValidationError]:
    """No two live leaves of one person may share a half day."""
    span = _span(ctx)
    if span is None or _order_problem(span):
        return []
    clashes = [o for o in _others(ctx) if spans_overlap(span, o)]
    if not clashes:
        return []
    other = min(clashes, key=lambda o: (o.start, o.number))
    return [
        ValidationError(
            "start", "overlap",
            number=other.number or "?", start=other.start.isoformat(), end=other.end.isoformat(),
        )
    ]


@rule("leave.balance")
def balance(ctx: RuleContext) -> list[ValidationError]:
    """Annual leave cannot exceed the remaining balance (allocation − approved − pending), per year."""
    span = _valid_span(ctx)
    if span is None or span.leave_type not in BALANCE_TYPES or ctx.lookup is None:
        return []
    others = _others(ctx)
    problems = []
    for year in span.years():
        wanted = span.days_in_year(year, ctx.calendar)
        if wanted <= 0:
            continue
        allocation = Decimal(ctx.lookup.allocation(ctx.initiator, year, span.leave_type) or 0)
        remaining = remaining_balance(allocation, others, span.leave_type, year, ctx.calendar)
        if wanted > remaining:
            problems.append(
                ValidationError(
                    "end", "balance",
                    days=_text(wanted), remaining=_text(max(remaining, Decimal(0))), year=year,
                    allocation=_text(allocation), type=t(f"leave.type.{span.leave_type}"),
                )
            )
    return problems


@rule("leave.statutory_length")
def statutory_length(ctx: RuleContext) -> list[ValidationError]:
    """Marriage, maternity and bereavement leave may not exceed their configured lengths."""
    span = _valid_span(ctx)
    if span is None or span.leave_type not in STATUTORY_TYPES:
        return []
    limits = _leave_settings(ctx).statutory_days or {}
    limit = limits.get(span.leave_type)
    if limit is None:
        return []
    days = span.days(ctx.calendar)
    if days <= Decimal(str(limit)):
        return []
    return [
        ValidationError(
            "end", "statutory_length",
            type=t(f"leave.type.{span.leave_type}"), days=_text(days), limit=_text(limit),
        )
    ]


@rule("leave.max_length")
def max_length(ctx: RuleContext) -> list[ValidationError]:
    """One leave of a type may not be longer than the form's `max_days_<type>` parameter (working
    days); a span too long to count at all (e.g. to 9999-12-31) is refused the same way."""
    span = _span(ctx)
    if span is None or _order_problem(span):
        return []
    params = ctx.extra.get("params") or {}
    limit = params.get(f"max_days_{span.leave_type}")
    if limit is None or isinstance(limit, bool) or not isinstance(limit, (int, float, Decimal)):
        return []
    if _countable(span) and span.days(ctx.calendar) <= Decimal(str(limit)):
        return []
    return [
        ValidationError(
            "end", "leave_too_long",
            type=t(f"leave.type.{span.leave_type}"), limit=_text(Decimal(str(limit))),
            start=span.start.isoformat(), end=span.end.isoformat(),
        )
    ]


def _first_blackout(ctx: RuleContext, mode: str) -> Blackout | None:
    """The earliest blackout period of `mode` the leave has a day in (None: none, or no dates yet)."""
    span = _span(ctx)
    found = getattr(ctx.lookup, "blackouts", None)
    if span is None or _order_problem(span) or found is None:
        return None
    events = [b for b in found(ctx.initiator) if b.mode == mode and b.covers(span)]
    return min(events, key=lambda b: (b.start, b.id)) if events else None


@rule("leave.blackout")
def blackout(ctx: RuleContext) -> list[ValidationError]:
    """No leave in a blackout period that refuses leave (年终结账, 展会 …), naming the first such event."""
    event = _first_blackout(ctx, "refuse")
    if event is None:
        return []
    return [ValidationError("start", "blackout", event=event.name, start=event.start.isoformat(),
                            end=event.end.isoformat())]


@rule("leave.handover")
def handover(ctx: RuleContext) -> list[ValidationError]:
    """Work is handed to a named colleague, who is not the applicant and is an active user."""
    who = str(ctx.values.get("handover") or "").strip()
    if not who:
        return [ValidationError("handover", "handover_required")]
    if who.casefold() == (ctx.initiator or "").casefold():
        return [ValidationError("handover", "handover_self")]
    is_active = getattr(ctx.lookup, "is_active_user", None)
    if is_active is not None and not is_active(who):
        return [ValidationError("handover", "handover_unknown", login=who)]
    return []


def check(ctx: RuleContext, names: Iterable[str] = ALL_RULES) -> list[ValidationError]:
    """Run the named leave rules (all by default) and collect their problems."""
    problems: list[ValidationError] = []
    for name in names:
        problems.extend(RULES[name](ctx))
    return problems


# -- flaggers ------------------------------------------------------------------------------------


def personal_year_total(span: LeaveSpan, others: Iterable[LeaveSpan], year: int, calendar: Any) -> Decimal:
    """This leave's personal days in `year` plus the person's other live personal leave that year."""
    own = span.days_in_year(year, calendar) if span.leave_type == "personal" else Decimal(0)
    return own + used_days(others, "personal", year, calendar)


def long_leave_reasons(
    days: Decimal, year_total: Decimal, probation: bool, policy: Any,
) -> list[tuple[str, Decimal]]:
    """Which long-leave thresholds are crossed: [(reason, limit)], reasons `single`, `year`, `probation`."""
    reasons: list[tuple[str, Decimal]] = []
    single = Decimal(str(policy.long_single_days))
    year = Decimal(str(policy.long_year_days))
    trial = Decimal(str(policy.probation_year_days))
    if days > single:
        reasons.append(("single", single))
    if year_total > year:
        reasons.append(("year", year))
    if probation and year_total > trial:
        reasons.append(("probation", trial))
    return reasons


@flagger("leave.long_leave_review")
def long_leave_review(ctx: RuleContext) -> list[dict]:
    """Flag long personal leave for HR and the general manager (treated as resignation unless excepted).

    One personal leave over `long_single_days`, more than `long_year_days` of personal leave in a
    calendar year, or for a user on probation more than `probation_year_days` in the year.
    """
    span = _valid_span(ctx)
    if span is None or span.leave_type != "personal":
        return []
    policy = _leave_settings(ctx)
    others = _others(ctx)
    days = span.days(ctx.calendar)
    flags: list[dict] = []
    for year in span.years():
        total = personal_year_total(span, others, year, ctx.calendar)
        reasons = long_leave_reasons(days, total, bool(ctx.extra.get("probation")), policy)
        if reasons:
            reason, limit = reasons[0]
            flags.append(
                {
                    "flag": LONG_FLAG,
                    "reason": reason,
                    "reasons": [r for r, _ in reasons],
                    "limit": _num(limit),
                    "days": _num(days),
                    "year": year,
                    "year_total": _num(total),
                    "probation": bool(ctx.extra.get("probation")),
                }
            )
            break
    return flags


@flagger("leave.blackout_review")
def blackout_review(ctx: RuleContext) -> list[dict]:
    """A leave in a blackout period that needs the general manager is flagged (the leave form routes a
    flagged leave through the general manager's step); `field` says where the form shows it."""
    event = _first_blackout(ctx, "gm")
    if event is None:
        return []
    return [{"flag": BLACKOUT_FLAG, "event": event.name, "start": event.start.isoformat(),
             "end": event.end.isoformat(), "field": "start"}]


def phone_deadline(start: date, start_half: str | None = None,
                   starts: tuple[time, time] = DAY_STARTS) -> datetime:
    """The latest a sick leave starting then is phoned in: 15 minutes after work starts that day."""
    return start_moment(start, start_half, starts) + timedelta(minutes=PHONE_NOTICE_MINUTES)


@flagger("leave.late_phone_notice")
def late_phone_notice(ctx: RuleContext) -> list[dict]:
    """A sick leave is phoned in to the manager before work starts or within 15 minutes of it
    (`phoned_at`); a later call, or none recorded, is flagged for HR (it stops nothing)."""
    span = _span(ctx)
    if span is None or span.leave_type != "sick":
        return []
    deadline = phone_deadline(span.start, span.start_half, day_starts(ctx))
    phoned = ctx.values.get("phoned_at")
    if isinstance(phoned, datetime) and phoned <= deadline:
        return []
    return [{"flag": LATE_PHONE_FLAG, "reason": "late" if isinstance(phoned, datetime) else "missing",
             "phoned_at": phoned.strftime("%Y-%m-%d %H:%M") if isinstance(phoned, datetime) else None,
             "deadline": deadline.strftime("%Y-%m-%d %H:%M"), "field": "phoned_at"}]


def flag_text(flag: dict, short: bool = False) -> str:
    """A one-line, current-language description of a leave flag (for HR's view and the document).

    `short`: without the flag's name (for a list that is already titled "long-leave reviews").
    """
    kind = flag.get("flag", "")
    if kind == LONG_FLAG:
        table = "long_short" if short else "long_leave_review"
        text = t(
            f"leave.flag.{table}.{flag.get('reason', 'single')}",
            days=flag.get("days"), year_total=flag.get("year_total"), limit=flag.get("limit"),
            year=flag.get("year"),
        )
        if flag.get("answer") in ("exception", "resignation"):
            text += t("leave.list_separator") + t(f"leave.long_answer.{flag['answer']}", reason=flag.get("answer_reason", ""))
        return text
    if kind == "absent_without_leave":
        return t("leave.flag.absent_without_leave", due=flag.get("due", ""))
    if kind == LATE_PHONE_FLAG:
        table = "phone_short" if short else "phone"
        return t(f"leave.flag.{table}.{flag.get('reason', 'late')}", phoned_at=flag.get("phoned_at") or "",
                 deadline=flag.get("deadline", ""), minutes=PHONE_NOTICE_MINUTES)
    if kind == BLACKOUT_FLAG:
        return t("leave.flag.blackout_review", event=flag.get("event", ""), start=flag.get("start", ""),
                 end=flag.get("end", ""))
    return str(kind)


def iter_dates(start: date, end: date) -> Iterator[date]:
    """Every day from `start` to `end`, both included (up to 9999-12-31, the last date there is)."""
    for offset in range((end - start).days + 1):
        yield start + timedelta(days=offset)


PENDING_MARK = "?"
"""After the type mark of a leave still waiting for approval (italics alone do not show everywhere)."""


def day_mark(cell: Any, working: bool) -> str:
    """The text of one day cell: type mark, then `?` while pending or `½` for a half day; `·` on a
    day off; nothing on a working day nobody is out."""
    if cell is None:
        return "" if working else "·"
    mark = t(f"leave.type_short.{cell.leave_type}")[:1]
    return mark + (PENDING_MARK if cell.pending else "½" if cell.half else "")
