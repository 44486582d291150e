"""Provides the leave use cases around the `leave` form: look-ups for the rules, approval hooks,
report-back (销假) and absence (旷工), history and balances, the team calendar, HR's view, CSV export.

Submitting, approving and recording a leave are ordinary workflow actions (`workflow.submit`,
`decisions.act`); the leave rules run there through `lookup_for` (other leaves, allocations).
When a leave is approved:
- `leave.set_handover_deputy`: the handover colleague becomes the applicant's deputy for the leave
  dates (an ordinary out-of-office record, source `leave:<number>`; change it with `away`);
The report-back (销假) is the form's `report-back` follow-up (`data/forms/leave.toml`): the
applicant's task due by the end of the first working day after the leave; `remind` flags a leave
not reported back by then `absent_without_leave`. This module adds only its checks
(`report_back_allowed`) and reads its state for the leave views.
"""

from __future__ import annotations

import tomllib
from calendar import monthrange
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from tui_office.domain import engine
from tui_office.domain.errors import NotFound, OfficeError, PermissionDenied, ValidationError
from tui_office.domain.field_coercion import plain_line
from tui_office.i18n import pick, t
from tui_office.services import away, export, followups, office_settings, registry, workflow
from tui_office.services.export_types import ExportKind, Sheet
from tui_office.services.office import Office
from tui_office.services.workflow import user_by_login
from tui_office.store.db import database
from tui_office.store.models import Department, Deputy, Document, Role, Task, User, UserRole
from tui_office.workflows.leave import blackouts, rules
from tui_office.workflows.leave.models import LeaveAllocation
from tui_office.workflows.leave.rules import LeaveSpan

FORM_ID = "leave"
REPORT_STEP = "report-back"
"""Id of the form's report-back follow-up (the step of the applicant's task)."""
ABSENT = "absent_without_leave"
LONG = rules.LONG_FLAG
PHONE = rules.LATE_PHONE_FLAG
PROBATION = "probation"
"""The user attribute that marks someone on probation."""
OVERSIGHT_ROLES = frozenset({"hr", "gm", "admin"})
"""Roles that see every leave (HR's view, export, any department's calendar)."""
NOT_COUNTED = ("draft", "discarded")
DEMO_FILE = Path(__file__).with_name("demo.toml")
"""The demo office's leave allocations and blackout periods."""
DEMO_HR = "wangfang"
"""The demo office's HR clerk, who declared its blackout periods."""


# ----------------------------------------------------------------------------- shapes


@dataclass(frozen=True)
class LeaveRecord:
    """One leave document as the leave views show it."""

    number: str
    login: str
    name: str
    department: str
    leave_type: str
    start: date
    end: date
    start_half: str | None
    end_half: str | None
    days: Decimal
    status: str
    submitted_at: datetime | None
    finished_at: datetime | None
    report_due: date | None = None
    reported_at: datetime | None = None
    flags: list[dict] = field(default_factory=list)

    @property
    def type_label(self) -> str:
        return t(f"leave.type.{self.leave_type}")

    @property
    def absent(self) -> bool:
        return any(f.get("flag") == ABSENT for f in self.flags)

    @property
    def long_leave(self) -> dict | None:
        return next((f for f in self.flags if f.get("flag") == LONG), None)

    @property
    def late_phone(self) -> dict | None:
        return next((f for f in self.flags if f.get("flag") == PHONE), None)

    def span(self) -> LeaveSpan:
        return LeaveSpan(self.start, self.end, self.start_half, self.end_half, self.leave_type, self.status, self.number)

    def to_json(self) -> dict:
        return {
            "number": self.number,
            "user": self.login,
            "type": self.leave_type,
            "start": self.start.isoformat(),
            "start_half": self.start_half,
            "end": self.end.isoformat(),
            "end_half": self.end_half,
            "days": rules._num(self.days),
            "status": self.status,
            "report_due": self.report_due.isoformat() if self.report_due else None,
            "reported_at": self.reported_at.isoformat() if self.reported_at else None,
            "flags": list(self.flags),
        }


@dataclass(frozen=True)
class Balance:
    """One leave type's balance for one year: granted, taken (approved), pending, left."""

    leave_type: str
    year: int
    allocation: Decimal
    approved: Decimal
    pending: Decimal

    @property
    def remaining(self) -> Decimal:
        return self.allocation - self.approved - self.pending

    @property
    def type_label(self) -> str:
        return t(f"leave.type.{self.leave_type}")

    def line(self) -> str:
        n = rules._text
        return t("leave.balance_line", type=self.type_label, year=self.year, allocation=n(self.allocation),
                 approved=n(self.approved), pending=n(self.pending), remaining=n(self.remaining))

    def to_json(self) -> dict:
        n = rules._num
        return {"type": self.leave_type, "year": self.year, "allocation": n(self.allocation),
                "approved": n(self.approved), "pending": n(self.pending), "remaining": n(self.remaining)}


@dataclass(frozen=True)
class CalendarCell:
    """Who is out on one day: the leave type, which half (None: all day), whether still pending."""

    leave_type: str
    half: str | None
    pending: bool
    number: str


@dataclass(frozen=True)
class CalendarRow:
    login: str
    name: str
    cells: list[CalendarCell | None]
    days: Decimal


@dataclass(frozen=True)
class TeamCalendar:
    """A month grid for one department: one row per member, one column per day."""

    department: str
    department_code: str
    year: int
    month: int
    dates: list[date]
    working: list[bool]
    holidays: list[str | None]
    rows: list[CalendarRow]
    notice: str = ""
    """One line when the month's year has no official holiday schedule (working days are a guess)."""

    def shifted(self, months: int) -> tuple[int, int]:
        """(year, month) `months` away from this one."""
        index = self.year * 12 + (self.month - 1) + months
        return index // 12, index % 12 + 1


@dataclass(frozen=True)
class HrView:
    """What administration watches: who must report back, who is absent, long leaves to review,
    sick leaves phoned in late."""

    pending_report_backs: list[LeaveRecord]
    absences: list[LeaveRecord]
    long_leaves: list[LeaveRecord]
    late_phone_notices: list[LeaveRecord] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "pending_report_backs": [r.to_json() for r in self.pending_report_backs],
            "absences": [r.to_json() for r in self.absences],
            "long_leave_reviews": [r.to_json() for r in self.long_leaves],
            "late_phone_notices": [r.to_json() for r in self.late_phone_notices],
        }


# ----------------------------------------------------------------------------- reading documents


def _date(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except (TypeError, ValueError):
        return None


def _dt(value: object) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        return None


def _half(value: object) -> str | None:
    text = str(value or "").strip().lower()
    return text if text in ("am", "pm") else None


def _span_of(doc: Document) -> LeaveSpan | None:
    stored = doc.fields or {}
    start, end = _date(stored.get("start")), _date(stored.get("end"))
    if start is None or end is None:
        return None
    return LeaveSpan(start, end, _half(stored.get("start_half")), _half(stored.get("end_half")),
                     str(stored.get("type") or ""), doc.status, doc.number, doc.id)


def _record(doc: Document, office: Office) -> LeaveRecord | None:
    span = _span_of(doc)
    if span is None:
        return None
    stored = doc.fields or {}
    try:
        days = Decimal(str(stored.get("days")))
    except (ArithmeticError, ValueError):
        days = span.days(office.calendar)
    state = _report_state(doc)
    user = doc.initiator
    dept = user.department
    return LeaveRecord(
        number=doc.number, login=user.login, name=pick(user.name_en or user.name, user.name),
        department=pick(dept.name_en, dept.name_zh) if dept else "",
        leave_type=span.leave_type, start=span.start, end=span.end, start_half=span.start_half,
        end_half=span.end_half, days=days, status=doc.status, submitted_at=_dt(doc.submitted_at),
        finished_at=_dt(doc.finished_at), report_due=_date(state.get("due")),
        reported_at=_dt(state.get("reported_at")), flags=list(doc.flags or []),
    )


def _report_state(doc: Document) -> dict:
    """The report-back's due day and when it was done (`reported_at`), from the follow-up's state
    (or the shape leaves approved by earlier versions kept)."""
    state = doc.state or {}
    done = (state.get("followups") or {}).get(REPORT_STEP)
    if done is not None:
        return {"due": done.get("due"), "reported_at": done.get("done_at")}
    return state.get("report_back") or {}


def _leave_docs(*conditions) -> Iterable[Document]:
    query = (Document.select(Document, User).join(User, on=(Document.initiator == User.id))
             .where((Document.form_id == FORM_ID) & (Document.status.not_in(NOT_COUNTED)), *conditions)
             .order_by(Document.id))
    return query


def _records(office: Office, *conditions) -> list[LeaveRecord]:
    out = []
    for doc in _leave_docs(*conditions):
        record = _record(doc, office)
        if record is not None:
            out.append(record)
    return out


def _roles(user: User) -> set[str]:
    return {c for (c,) in UserRole.select(Role.code).join(Role).where(UserRole.user == user).tuples()}


def _leave_document(number: str) -> Document:
    doc = Document.get_or_none(Document.number == number)
    if doc is None:
        raise NotFound("no_such_document", number=number)
    if doc.form_id != FORM_ID:
        raise OfficeError("not_a_leave", number=number)
    return doc


def _require_oversight(user: User) -> None:
    if not (_roles(user) & OVERSIGHT_ROLES):
        raise PermissionDenied("permission_denied")


# ----------------------------------------------------------------------------- rule look-ups


class Lookup:
    """Answers the leave rules' data questions from the database (see `rules.leave.LeaveLookup`)."""

    def __init__(self, office: Office) -> None:
        self.office = office

    def other_leaves(self, login: str, exclude_document_id: int | None = None) -> list[LeaveSpan]:
        user = User.get_or_none(User.login == login)
        if user is None:
            return []
        docs = (Document.select().where((Document.form_id == FORM_ID) & (Document.initiator == user)
                                        & (Document.status.not_in(NOT_COUNTED))))
        spans = []
        for doc in docs:
            if exclude_document_id is not None and doc.id == exclude_document_id:
                continue
            span = _span_of(doc)
            if span is not None:
                spans.append(span)
        return spans

    def is_active_user(self, login: str) -> bool:
        """True when `login` names a user who may take over work (exists and is not deactivated)."""
        return User.select().where((User.login == login) & (User.active == True)).exists()  # noqa: E712

    def blackouts(self, login: str) -> list[rules.Blackout]:
        """The blackout periods that concern the person (see `blackouts.applying_to`)."""
        return blackouts.applying_to(login)

    def allocation(self, login: str, year: int, leave_type: str = "annual") -> Decimal:
        row = (LeaveAllocation.select(LeaveAllocation.days).join(User)
               .where((User.login == login) & (LeaveAllocation.year == year) & (LeaveAllocation.leave_type == leave_type))
               .first())
        return Decimal(str(row.days)) if row is not None else Decimal(0)


def lookup_for(office: Office) -> Lookup:
    """The look-up object `workflow.run_rules` hands to the rules."""
    return Lookup(office)


def form_params(office: Office, login: str) -> dict:
    """Names the leave form's formulas see for this user: `annual_remaining` (this year's annual
    balance, allocation − approved − pending), so the form shows what is left as the dates change."""
    year = office.clock.today().year
    lookup = Lookup(office)
    spans = [s for s in lookup.other_leaves(login) if s.live]
    remaining = rules.remaining_balance(lookup.allocation(login, year, "annual"), spans, "annual", year, office.calendar)
    return {"annual_remaining": remaining}


def rule_context(office: Office, initiator: User) -> dict:
    """What the leave rules know besides the form: whether the applicant is on probation (the user
    attribute `probation`, set with `users add --probation` or `--attr probation=true`), and when the
    office's working day starts, morning and afternoon (`settings set workday.morning_start …`)."""
    return {"probation": (initiator.attributes or {}).get(PROBATION) is True,
            "day_starts": office_settings.working_day_starts(office)}


# ----------------------------------------------------------------------------- approval hooks


def start_report_back(office: Office, doc: Document, form: object, values: dict) -> None:
    """`leave.create_report_back`, the approval hook the leave form's first stored version names:
    a leave submitted under it and approved now gets the report-back follow-up of the form's
    newest version, as a leave submitted today does."""
    workflow.start_followups(office, doc, registry.latest(office, FORM_ID)[1], values, office.clock.now())


def set_handover_deputy(office: Office, doc: Document, form: object, values: dict) -> None:
    """The handover colleague acts for the applicant during the leave (the applicant may change it)."""
    span = _span_of(doc)
    handover = str(values.get("handover") or (doc.fields or {}).get("handover") or "")
    if span is None or not handover or handover == doc.initiator.login:
        return
    if User.get_or_none((User.login == handover) & (User.active == True)) is None:  # noqa: E712
        return
    away.set_away(office, doc.initiator.login, handover, span.start, span.end, None,
                  reason=t("leave.deputy_reason", lang="en", number=doc.number), source=f"leave:{doc.number}")


# ----------------------------------------------------------------------------- report back


def report_back_allowed(office: Office, doc: Document, followup: object, user: User) -> None:
    """What leave adds to completing its report-back follow-up: only the applicant (or HR, the
    general manager, an administrator), only an approved leave, once, and not before it starts."""
    if doc.form_id != FORM_ID:
        raise OfficeError("not_a_leave", number=doc.number)
    if doc.initiator_id != user.id and not (_roles(user) & OVERSIGHT_ROLES):
        raise PermissionDenied("leave_not_yours", number=doc.number)
    if doc.status != engine.APPROVED:
        raise OfficeError("leave_not_approved", number=doc.number)
    reported = _report_state(doc).get("reported_at")
    if reported:
        raise OfficeError("leave_already_reported", number=doc.number, at=str(reported)[:16].replace("T", " "))
    span = _span_of(doc)
    if span is not None and office.clock.today() < span.start:
        raise OfficeError("leave_not_started", number=doc.number, start=span.start.isoformat())
    _adopt_earlier_report_back(doc)


OLD_REPORT_KIND = "report_back"
"""Task kind of the report-back task that versions before follow-ups created."""


def _adopt_earlier_report_back(doc: Document) -> None:
    """A leave approved before report-back was a follow-up has an open task of the old kind and its
    due day under `state["report_back"]`: make them the follow-up's (in the completing transaction,
    so that completion records and seals the change)."""
    old = list(Task.select().where((Task.document == doc) & (Task.kind == OLD_REPORT_KIND) & (Task.status == "open")))
    if not old:
        return
    for task in old:
        task.kind = workflow.FOLLOWUP_KIND
        task.step = REPORT_STEP
        task.save()
    state = dict(doc.state or {})
    earlier = state.pop("report_back", None) or {}
    followups_state = dict(state.get("followups") or {})
    followups_state.setdefault(REPORT_STEP, {"due": earlier.get("due"), "done_at": None})
    state["followups"] = followups_state
    doc.state = state
    doc.save()


def report_back(office: Office, me: str, number: str, comment: str = "") -> str:
    """The applicant reports back from an approved leave (销假); HR may record it for them.
    The same as `tui-office act report-back NUMBER`."""
    plain_line(comment or "", "comment")
    _leave_document(number)
    return followups.complete(office, me, number, REPORT_STEP, comment)


def sweep_absences(office: Office) -> list[str]:
    """Flag approved leaves not reported back by the end of the first working day after them
    (what `remind` does for every overdue follow-up), the report-back tasks of leaves approved
    before report-back was a follow-up included."""
    with database.atomic():
        adopt_overdue_report_backs(office)
        return followups.sweep(office)


def adopt_overdue_report_backs(office: Office) -> list[str]:
    """Make each overdue report-back task of the old kind (not yet flagged) the follow-up's. Run
    only just before `followups.sweep` in one transaction: the sweep flags each of them, and its
    audit row seals the change."""
    old = (Task.select(Task.document).where((Task.kind == OLD_REPORT_KIND) & (Task.status == "open")
                                            & (Task.due_at < office.clock.now())).distinct())
    adopted = []
    for (document_id,) in old.tuples():
        doc = Document.get_by_id(document_id)
        if any(flag.get("flag") == ABSENT for flag in doc.flags or []):
            continue
        _adopt_earlier_report_back(doc)
        adopted.append(doc.number)
    return adopted


# ----------------------------------------------------------------------------- views


def history(office: Office, me: str) -> list[LeaveRecord]:
    """My leave requests, newest first."""
    user = user_by_login(me)
    return sorted(_records(office, Document.initiator == user), key=lambda r: (r.start, r.number), reverse=True)


def balances(office: Office, me: str, year: int) -> list[Balance]:
    """My balances for `year`: every type with an allocation (annual leave always)."""
    user = user_by_login(me)
    lookup = Lookup(office)
    spans = lookup.other_leaves(user.login)
    types = {row.leave_type for row in LeaveAllocation.select().where((LeaveAllocation.user == user) & (LeaveAllocation.year == year))}
    types |= set(rules.BALANCE_TYPES)
    out = []
    for leave_type in rules.LEAVE_TYPES:
        if leave_type not in types:
            continue
        out.append(Balance(
            leave_type=leave_type, year=year, allocation=lookup.allocation(user.login, year, leave_type),
            approved=rules.used_days(spans, leave_type, year, office.calendar, frozenset({engine.APPROVED})),
            pending=rules.used_days(spans, leave_type, year, office.calendar, rules.PENDING_STATUSES),
        ))
    return out


def _calendar_department(user: User, department: str | None) -> Department:
    roles = _roles(user)
    if department:
        dept = Department.get_or_none(Department.code == department)
        if dept is None:
            raise NotFound("not_found", what=department)
    else:
        dept = Department.get_or_none(Department.manager == user) or user.department
        if dept is None:
            raise NotFound("not_found", what="department")
    if dept.manager_id == user.id or roles & OVERSIGHT_ROLES or user.department_id == dept.id:
        return dept
    raise PermissionDenied("permission_denied")


def calendar_departments(office: Office, me: str) -> list[tuple[str, str]]:
    """(code, name) of every department whose calendar I may see: all for hr, gm and admin; else
    the ones I manage and my own."""
    user = user_by_login(me)
    query = Department.select().order_by(Department.code)
    if not _roles(user) & OVERSIGHT_ROLES:
        query = query.where((Department.manager == user) | (Department.id == user.department_id))
    return [(dept.code, pick(dept.name_en, dept.name_zh)) for dept in query]


def team_calendar(office: Office, me: str, year: int, month: int, department: str | None = None) -> TeamCalendar:
    """Who in the department (the one I manage, else my own) is out which day of a month, by type."""
    user = user_by_login(me)
    dept = _calendar_department(user, department)
    first = date(year, month, 1)
    last = date(year, month, monthrange(year, month)[1])
    dates = list(rules.iter_dates(first, last))
    cal = office.calendar
    members = list(User.select().where((User.department == dept) & (User.active == True)).order_by(User.name_en, User.login))  # noqa: E712
    leaves = _records(office, Document.initiator.in_([m.id for m in members]) if members else (Document.id < 0),
                      Document.status.in_(sorted(rules.LIVE_STATUSES)))
    rows = []
    for member in members:
        cells: list[CalendarCell | None] = [None] * len(dates)
        total = Decimal(0)
        for record in leaves:
            if record.login != member.login or record.end < first or record.start > last:
                continue
            span = record.span()
            for index, day in enumerate(dates):
                slots = span.slots(day)
                if not slots or not cal.is_working_day(day):  # a weekend inside a leave is not leave
                    continue
                half = None if len(slots) == 2 else next(iter(slots))
                cells[index] = CalendarCell(record.leave_type, half, record.status != engine.APPROVED, record.number)
                total += Decimal(1) if half is None else Decimal("0.5")
        rows.append(CalendarRow(member.login, member.name, cells, total))
    return TeamCalendar(
        department=pick(dept.name_en, dept.name_zh), department_code=dept.code, year=year, month=month,
        dates=dates, working=[cal.is_working_day(d) for d in dates], holidays=[cal.holiday_name(d) for d in dates],
        rows=rows, notice=cal.unscheduled_notice(cal.unscheduled_years([first])),
    )


def hr_view(office: Office, me: str) -> HrView:
    """Pending report-backs, absences without leave, long-leave flags with their totals, and sick
    leaves phoned in late (or with no call recorded)."""
    user = user_by_login(me)
    _require_oversight(user)
    today = office.clock.today()
    records = _records(office)
    pending = [r for r in records if r.status == engine.APPROVED and r.reported_at is None and not r.absent
               and r.start <= today]
    absences = [r for r in records if r.absent]
    long_leaves = [r for r in records if r.long_leave is not None and r.status in rules.LIVE_STATUSES]
    late = [r for r in records if r.late_phone is not None and r.status in rules.LIVE_STATUSES]
    return HrView(
        pending_report_backs=sorted(pending, key=lambda r: (r.report_due or r.end, r.number)),
        absences=sorted(absences, key=lambda r: (r.report_due or r.end, r.number), reverse=True),
        long_leaves=sorted(long_leaves, key=lambda r: r.number, reverse=True),
        late_phone_notices=sorted(late, key=lambda r: r.number, reverse=True),
    )


EXPORT_COLUMNS = (
    "number", "login", "name", "department", "type", "start", "start_half", "end", "end_half", "days",
    "status", "submitted_at", "finished_at", "report_due", "reported_at", "flags",
)


def export_sheet(office: Office, me: str, year: int) -> list[Sheet]:
    """Every leave touching `year`, one row each (typed dates and days), for HR and the leadership."""
    user = user_by_login(me)
    _require_oversight(user)
    if isinstance(year, bool) or not isinstance(year, int) or not 1 <= year <= 9999:
        raise ValidationError("year", "archive_bad_number", low=1, high=9999)
    records = [r for r in _records(office) if r.start.year <= year <= r.end.year]
    records.sort(key=lambda r: (r.start, r.number))
    return [Sheet(str(year), list(EXPORT_COLUMNS), [
        [r.number, r.login, r.name, r.department, r.leave_type, r.start, r.start_half, r.end, r.end_half, r.days,
         r.status, r.submitted_at, r.finished_at, r.report_due, r.reported_at,
         ";".join(f.get("flag", "") for f in r.flags)] for r in records])]


LEAVE_EXPORT = ExportKind("leave", "leave.export.kind", export_sheet, frozenset({"year"}), frozenset({"year"}))
"""`tui-office export leave --year YYYY`: the year's leave records."""


def export_csv(office: Office, me: str, year: int, path: str | Path) -> int:
    """Write every leave touching `year` to a CSV file (UTF-8 with BOM, opens in Excel); returns the count."""
    return export.write(export_sheet(office, me, year), Path(path), "csv", force=True).rows


def current_deputy(office: Office, login: str, on: date) -> str | None:
    """The login of the person standing in for `login` on a date (None: nobody)."""
    user = user_by_login(login)
    row = (Deputy.select().where((Deputy.principal == user) & (Deputy.cancelled == False)  # noqa: E712
                                 & (Deputy.start <= on) & (Deputy.end >= on)).order_by(Deputy.id.desc()).first())
    return row.deputy.login if row is not None else None


# ----------------------------------------------------------------------------- demo content


def load_demo(office: Office) -> None:
    """Annual-leave allocations of the demo office (`demo.toml` beside this module); idempotent."""
    with DEMO_FILE.open("rb") as fh:
        data = tomllib.load(fh)
    with database.atomic():
        for spec in data.get("allocations", []):
            user = User.get_or_none(User.login == spec["user"])
            if user is None:
                continue
            LeaveAllocation.get_or_create(
                user=user, year=int(spec["year"]), leave_type=spec.get("type", "annual"),
                defaults={"days": Decimal(str(spec["days"]))},
            )


