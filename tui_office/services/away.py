"""Provides out-of-office delegation (工作代理) and overdue reminders (多重提醒)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from tui_office import extensions
from tui_office.domain.errors import OfficeError, PermissionDenied
from tui_office.i18n import t
from tui_office.services import audit, followups, inactivity, timeouts, triggers
from tui_office.services.office import Office
from tui_office.services.permissions import owns_database, require_admin
from tui_office.services.workflow import notify, user_by_login
from tui_office.store.db import database
from tui_office.store.models import Deputy, Document, Task, User


def set_away(office: Office, me: str, deputy: str, start: date, end: date, forms: list[str] | None = None,
             *, principal: str | None = None, reason: str = "", source: str = "") -> str:
    """`deputy` acts for `principal` (default: me) from `start` to `end`, optionally for some forms only.

    A newer record for the same principal replaces any overlapping older one.
    """
    now = office.clock.now()
    with database.atomic():
        actor = user_by_login(me)
        owner = user_by_login(principal) if principal else actor
        stand_in = user_by_login(deputy)
        if end < start:
            raise OfficeError("away_dates")
        if stand_in.id == owner.id:
            raise OfficeError("away_self")
        (Deputy.update(cancelled=True)
         .where((Deputy.principal == owner) & (Deputy.cancelled == False)  # noqa: E712
                & (Deputy.start <= end) & (Deputy.end >= start)).execute())
        Deputy.create(principal=owner, deputy=stand_in, start=start, end=end, forms=forms or None,
                      reason=reason, source=source, created_at=now)
        audit.record(document_id=None, actor_id=actor.id, on_behalf_of_id=None, action="away", at=now,
                     changes={"principal": owner.login, "deputy": stand_in.login, "start": start.isoformat(),
                              "end": end.isoformat(), "forms": forms or []})
        notify(stand_in.id, None, "away", now, name=owner.name, start=start.isoformat(), end=end.isoformat())
    return t("workflow.away_set", deputy=stand_in.name, principal=owner.name, start=start, end=end)


@dataclass(frozen=True)
class AwayInfo:
    """One out-of-office record: who acts for whom, from when until when, for which forms."""

    id: int
    deputy: str
    deputy_name: str
    start: date
    end: date
    forms: tuple[str, ...]
    principal: str = ""
    principal_name: str = ""
    reason: str = ""

    def to_json(self) -> dict:
        return {"id": self.id, "principal": self.principal, "deputy": self.deputy, "start": self.start.isoformat(),
                "end": self.end.isoformat(), "forms": list(self.forms), "reason": self.reason}


def away_list(office: Office, me: str) -> list[AwayInfo]:
    """My out-of-office records that have not ended or been cancelled, earliest first."""
    return current_records(office, user_by_login(me))


def current_records(office: Office, owner: User | None) -> list[AwayInfo]:
    """The out-of-office records of `owner` (None: everyone's) that have not ended or been
    cancelled, earliest first."""
    today = office.clock.now().date()
    Principal = User.alias()
    rows = (Deputy.select(Deputy, User, Principal).join(User, on=(Deputy.deputy == User.id))
            .switch(Deputy).join(Principal, on=(Deputy.principal == Principal.id))
            .where((Deputy.cancelled == False) & (Deputy.end >= today))  # noqa: E712
            .order_by(Deputy.start, Deputy.id))
    if owner is not None:
        rows = rows.where(Deputy.principal == owner)
    return [AwayInfo(row.id, row.deputy.login, row.deputy.name, row.start, row.end, tuple(row.forms or ()),
                     row.principal.login, row.principal.name, row.reason) for row in rows]


def cancel_away(office: Office, me: str, away_id: int, *, anyone: bool = False) -> str:
    """Cancel one of my out-of-office records (from now on my new tasks come to me again); with
    `anyone` (an administrator's use, checked by the caller) the record of any user."""
    now = office.clock.now()
    with database.atomic():
        actor = user_by_login(me)
        mine = True if anyone else (Deputy.principal == actor)
        row = Deputy.get_or_none((Deputy.id == away_id) & mine & (Deputy.cancelled == False))  # noqa: E712
        if row is None:
            raise OfficeError("away_not_found_any" if anyone else "away_not_found", id=away_id)
        row.cancelled = True
        row.save()
        audit.record(document_id=None, actor_id=actor.id, on_behalf_of_id=None, action="away-cancel", at=now,
                     changes={"principal": row.principal.login, "deputy": row.deputy.login, "start": row.start.isoformat(),
                              "end": row.end.isoformat()})
    return t("workflow.away_cancelled", deputy=row.deputy.name, start=row.start, end=row.end)


def remind(office: Office, *, by: str | None = None) -> list[str]:
    """Record a reminder for every overdue open task, repeating at the form's interval, then run
    the follow-ups' overdue flags, the date-relative triggers (`[[triggers]]`) and the installed
    workflows' sweeps (`Workflow.sweeps`).

    It runs as the system: from the OS account that owns the database file (cron, `by` None), or
    by the admin `by`."""
    if by is not None:
        require_admin(by)
    elif not owns_database(office):
        raise PermissionDenied("remind_not_allowed")
    now = office.clock.now()
    lines: list[str] = []
    from tui_office.services import registry

    default_hours = office.settings.remind_interval_hours
    lines.extend(inactivity.sweep(office))  # their open tasks move on first, and are reminded there
    with database.atomic():
        overdue = (Task.select(Task, Document, User).join(Document).switch(Task).join(User, on=(Task.assignee == User.id))
                   .where((Task.status == "open") & (Task.due_at < now)).order_by(Task.due_at))
        for task in overdue:
            form = registry.form_by_definition_id(office, task.document.definition_id)
            hours = form.remind_hours or default_hours
            if task.reminded_at is not None and task.reminded_at > now - timedelta(hours=float(hours)):
                continue
            task.reminded_at = now
            task.remind_count += 1
            task.save()
            notify(task.assignee_id, task.document, "reminder", now, due=f"{task.due_at:%Y-%m-%d %H:%M}")
            audit.record(document_id=task.document_id, task_id=task.id, actor_id=None, action="remind",
                         step=task.step, at=now, definition_version=registry.definition_row(office, task.document.definition_id).version)
            lines.append(f"reminded {task.assignee.login}: {task.document.number} {task.step} "
                         f"(due {task.due_at:%Y-%m-%d %H:%M}, reminder {task.remind_count})")
    lines.extend(timeouts.sweep(office))
    lines.extend(followups.sweep(office))
    lines.extend(triggers.sweep(office))
    for workflow in extensions.installed():
        for sweep in workflow.sweeps:
            lines.extend(sweep(office))
    return lines
