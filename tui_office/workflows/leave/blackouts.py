"""Provides the blackout periods of leave (请假管控期): HR or an administrator declares a key event
(year-end closing, a trade fair …) with its dates, the departments it concerns (or everyone) and
what it does to a leave that falls in it — `refuse` it, or send it through the general manager
(`gm`). Declaring and removing one are audited use cases; the leave rules read them through
`applying_to` (see `rules.blackout` and `rules.blackout_review`). `board` is what the blackout
screen shows: the periods, whether the reader may change them and the office's departments.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tui_office.domain.errors import NotFound, PermissionDenied, ValidationError, ValidationFailed
from tui_office.domain.field_coercion import refuse_controls
from tui_office.domain.text import printable
from tui_office.i18n import pick, t
from tui_office.services import audit
from tui_office.services.office import Office
from tui_office.services.permissions import has_role
from tui_office.services.workflow import user_by_login
from tui_office.store.db import database
from tui_office.store.models import Department, User
from tui_office.workflows.leave.models import LeaveBlackout
from tui_office.workflows.leave.rules import BLACKOUT_MODES, Blackout

MANAGING_ROLES = ("hr", "admin")
"""Roles that may declare and remove blackout periods."""
NAME_MAX = 100
"""Longest event name, in characters."""
LONGEST_DAYS = 366
"""Longest blackout period, in calendar days."""
ADDED, REMOVED = "leave_blackout_add", "leave_blackout_remove"
"""Audit actions of declaring and removing one."""


def _blackout(row: LeaveBlackout) -> Blackout:
    return Blackout(id=row.id, name=row.name, start=_as_date(row.start), end=_as_date(row.end), mode=row.mode,
                    departments=tuple(row.departments or ()))


def _as_date(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


@dataclass(frozen=True)
class BlackoutBoard:
    """The blackout periods as the screen shows them, with what the reader may do."""

    periods: tuple[Blackout, ...]
    """As `listed` gives them, earliest first."""
    may_manage: bool
    """Whether the reader may declare and remove periods (HR or an administrator)."""
    departments: tuple[tuple[str, str, bool], ...]
    """(code, name in the current language, open) of every department, by code."""

    def department_name(self, code: str) -> str:
        """The department's name (its code when there is no such department any more)."""
        return next((name for c, name, _ in self.departments if c == code), code)


def _may_manage(login: str) -> bool:
    return any(has_role(login, role) for role in MANAGING_ROLES)


def _manager(login: str) -> User:
    user = user_by_login(login)
    if not _may_manage(login):
        raise PermissionDenied("blackout_denied")
    return user


def said(found: Blackout, what: str) -> str:
    """The line telling that `found` was `added` or `removed` (the command line prints it too)."""
    return t(f"leave.blackout.{what}", id=found.id, name=printable(found.name), start=found.start.isoformat(),
             end=found.end.isoformat())


def _day(value: object, field: str, problems: list[ValidationError]) -> date | None:
    if isinstance(value, date):
        return value
    text = str(value or "").strip()
    if not text:
        problems.append(ValidationError(field, "required"))
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        problems.append(ValidationError(field, "invalid_date", value=text[:40]))
        return None


def _name(value: object, problems: list[ValidationError]) -> str:
    text = value.strip() if isinstance(value, str) else ""
    try:
        refuse_controls(text, "name")
    except ValidationError as problem:
        problems.append(problem)
        return text
    if not text:
        problems.append(ValidationError("name", "required"))
    elif len(text) > NAME_MAX:
        problems.append(ValidationError("name", "too_long", max=NAME_MAX))
    return text


def _departments(codes: list[str], problems: list[ValidationError]) -> list[str]:
    out: list[str] = []
    for code in codes:
        code = str(code).strip()
        if not code or code in out:
            continue
        if Department.get_or_none(Department.code == code) is None:
            problems.append(ValidationError("departments", "blackout_department", department=code[:40]))
            continue
        out.append(code)
    return out


def declare(office: Office, me: str, name: str, start: object, end: object, mode: str,
            departments: list[str] | None = None) -> Blackout:
    """Declare a blackout period (HR or an administrator); every problem at once, nothing stored then."""
    with database.atomic():
        user = _manager(me)
        problems: list[ValidationError] = []
        text = _name(name, problems)
        first, last = _day(start, "start", problems), _day(end, "end", problems)
        if mode not in BLACKOUT_MODES:
            problems.append(ValidationError("mode", "blackout_mode", value=str(mode)[:40],
                                            modes=", ".join(BLACKOUT_MODES)))
        codes = _departments(list(departments or []), problems)
        if first is not None and last is not None:
            if last < first:
                problems.append(ValidationError("end", "blackout_order", start=first.isoformat(), end=last.isoformat()))
            elif (last - first).days >= LONGEST_DAYS:
                problems.append(ValidationError("end", "blackout_too_long", days=LONGEST_DAYS))
        if problems:
            raise ValidationFailed(problems)
        now = office.clock.now()
        row = LeaveBlackout.create(name=text, start=first, end=last, mode=mode, departments=codes,
                                   created_by=user, created_at=now)
        found = _blackout(row)
        audit.record(document_id=None, actor_id=user.id, action=ADDED, at=now, changes=found.to_json())
    return found


def remove(office: Office, me: str, blackout_id: int) -> Blackout:
    """Remove a blackout period (HR or an administrator); the audit trail keeps what it was."""
    with database.atomic():
        user = _manager(me)
        row = LeaveBlackout.get_or_none(LeaveBlackout.id == blackout_id)
        if row is None:
            raise NotFound("blackout_not_found", id=blackout_id)
        found = _blackout(row)
        row.delete_instance()
        audit.record(document_id=None, actor_id=user.id, action=REMOVED, at=office.clock.now(), changes=found.to_json())
    return found


def listed(office: Office, me: str, *, include_past: bool = False) -> list[Blackout]:
    """The blackout periods, earliest first: those not over yet (`include_past`: all). Anyone may read them."""
    user_by_login(me)
    query = LeaveBlackout.select().order_by(LeaveBlackout.start, LeaveBlackout.id)
    if not include_past:
        query = query.where(LeaveBlackout.end >= office.clock.today())
    return [_blackout(row) for row in query]


def board(office: Office, me: str, *, include_past: bool = False) -> BlackoutBoard:
    """The periods (`listed`), whether `me` may change them, and the departments to name and pick."""
    periods = tuple(listed(office, me, include_past=include_past))
    departments = tuple((d.code, pick(d.name_en, d.name_zh) or d.code, bool(d.active))
                        for d in Department.select().order_by(Department.code))
    return BlackoutBoard(periods, _may_manage(me), departments)


def applying_to(login: str) -> list[Blackout]:
    """The blackout periods that concern the user: their department's and everyone's."""
    user = User.get_or_none(User.login == login)
    if user is None:
        return []
    department = user.department.code if user.department_id else None
    return [b for b in map(_blackout, LeaveBlackout.select()) if b.applies_to(department)]
