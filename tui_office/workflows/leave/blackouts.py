"""Provides the blackout periods of leave (请假管控期): HR or an administrator declares a key event
(year-end closing, a trade fair …) with its dates, the departments it concerns (or everyone) and
what it does to a leave that falls in it — `refuse` it, or send it through the general manager
(`gm`). Declaring, correcting (`edit`: not once it is over) and removing one are audited use
cases; the leave rules read them through `applying_to` (see `rules.blackout` and
`rules.blackout_review`). `board` is what the blackout screen shows: the periods, whether the
reader may change them and the office's departments.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tui_office.domain.errors import Conflict, NotFound, PermissionDenied, ValidationError, ValidationFailed
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
"""Roles that may declare, correct and remove blackout periods."""
NAME_MAX = 100
"""Longest event name, in characters."""
LONGEST_DAYS = 366
"""Longest blackout period, in calendar days."""
ADDED, EDITED, REMOVED = "leave_blackout_add", "leave_blackout_edit", "leave_blackout_remove"
"""Audit actions of declaring, correcting and removing one."""
EDITABLE = ("name", "start", "end", "mode", "departments")
"""What `edit` may change, in the order its message and audit record name them."""


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
    """Whether the reader may declare, correct and remove periods (HR or an administrator)."""
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


def _managed(me: str, blackout_id: int) -> tuple[User, LeaveBlackout]:
    """The manager `me` (else PermissionDenied) and the period to change (else NotFound)."""
    user = _manager(me)
    row = LeaveBlackout.get_or_none(LeaveBlackout.id == blackout_id)
    if row is None:
        raise NotFound("blackout_not_found", id=blackout_id)
    return user, row


def said(found: Blackout, what: str, **more: str) -> str:
    """The line telling that `found` was `added`, `edited` or `removed` (the command line prints it too)."""
    return t(f"leave.blackout.{what}", id=found.id, name=printable(found.name), start=found.start.isoformat(),
             end=found.end.isoformat(), **more)


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


def _checked(name: object, start: object, end: object, mode: object, departments: object,
             ) -> tuple[str, date, date, str, list[str]]:
    """A period's values as declaring and correcting one take them; every problem at once (ValidationFailed)."""
    problems: list[ValidationError] = []
    text = _name(name, problems)
    first, last = _day(start, "start", problems), _day(end, "end", problems)
    if mode not in BLACKOUT_MODES:
        problems.append(ValidationError("mode", "blackout_mode", value=str(mode)[:40],
                                        modes=", ".join(BLACKOUT_MODES)))
    codes = _departments([departments] if isinstance(departments, str) else list(departments or []), problems)
    if first is not None and last is not None:
        if last < first:
            problems.append(ValidationError("end", "blackout_order", start=first.isoformat(), end=last.isoformat()))
        elif (last - first).days >= LONGEST_DAYS:
            problems.append(ValidationError("end", "blackout_too_long", days=LONGEST_DAYS))
    if problems or first is None or last is None:
        raise ValidationFailed(problems)
    return text, first, last, str(mode), codes


def declare(office: Office, me: str, name: str, start: object, end: object, mode: str,
            departments: list[str] | None = None) -> Blackout:
    """Declare a blackout period (HR or an administrator); every problem at once, nothing stored then."""
    with database.atomic():
        user = _manager(me)
        text, first, last, mode, codes = _checked(name, start, end, mode, departments)
        now = office.clock.now()
        row = LeaveBlackout.create(name=text, start=first, end=last, mode=mode, departments=codes,
                                   created_by=user, created_at=now)
        found = _blackout(row)
        audit.record(document_id=None, actor_id=user.id, action=ADDED, at=now, changes=found.to_json())
    return found


@dataclass(frozen=True)
class Edited:
    """What `edit` did: the period as it now is, and what of it changed (nothing: it was left alone)."""

    period: Blackout
    changed: tuple[str, ...]
    """Of `EDITABLE`, those that differ from before; empty when nothing did (no audit record then)."""

    def said(self) -> str:
        """The line telling what changed, or that nothing did (the command line prints it too)."""
        if not self.changed:
            return said(self.period, "unchanged")
        return said(self.period, "edited", changed=t("leave.blackout.field.separator").join(
            t(f"leave.blackout.field.{field}") for field in self.changed))


def edit(office: Office, me: str, blackout_id: int, *, name: object = None, start: object = None,
         end: object = None, mode: object = None, departments: object = None) -> Edited:
    """Correct a period not over yet (HR or an administrator): its name, first or last day, mode or
    departments (None: keep it; departments []: everyone), with the checks of declaring. Audited as
    `leave_blackout_edit` with each changed value before and after; nothing differs: nothing stored."""
    with database.atomic():
        user, row = _managed(me, blackout_id)
        before = _blackout(row)
        if before.end < office.clock.today():
            raise Conflict("blackout_over", id=before.id, name=printable(before.name), end=before.end.isoformat())
        given = {"name": name, "start": start, "end": end, "mode": mode, "departments": departments}
        values = {field: getattr(before, field) if given[field] is None else given[field] for field in EDITABLE}
        text, first, last, kind, codes = _checked(**values)
        if sorted(codes) == sorted(before.departments):  # the same departments, ticked in another order
            codes = list(before.departments)
        after = Blackout(id=before.id, name=text, start=first, end=last, mode=kind, departments=tuple(codes))
        old, new = before.to_json(), after.to_json()  # as `list --json` gives them
        changed = tuple(field for field in EDITABLE if old[field] != new[field])
        if not changed:
            return Edited(before, ())
        LeaveBlackout.update(name=text, start=first, end=last, mode=kind, departments=codes).where(
            LeaveBlackout.id == before.id).execute()
        audit.record(document_id=None, actor_id=user.id, action=EDITED, at=office.clock.now(),
                     changes={"id": before.id, "name": text, "from": {field: old[field] for field in changed},
                              "to": {field: new[field] for field in changed}})
    return Edited(after, changed)


def remove(office: Office, me: str, blackout_id: int) -> Blackout:
    """Remove a blackout period (HR or an administrator); the audit trail keeps what it was."""
    with database.atomic():
        user, row = _managed(me, blackout_id)
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
