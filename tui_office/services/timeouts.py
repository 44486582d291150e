"""Provides the steps' timeouts as `remind` runs them: each open task of a step with a `timeout`
that has waited past it gets the step's `on_timeout` once — a reminder, an escalation to the
assignee's manager (or `escalate_to`), or the system's approval or rejection — recorded in the
audit trail as the system's action (`timeout-remind`, `timeout-escalate`, `timeout-approve`,
`timeout-reject`) with the rule that fired.

Timeouts fire on working days only: on a weekend or holiday nothing happens, and the next working
day's run catches up. An escalated task does not time out again.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime

from tui_office.domain import engine
from tui_office.domain.timeouts import ESCALATED, FIRED, escalated_tasks, rule_text
from tui_office.services import audit, registry
from tui_office.services.assignment import manager_of_user, resolve
from tui_office.services.office import Office
from tui_office.services.workflow import DECIDING_KINDS, advance, due_time, notify, save_changes, values_of
from tui_office.store import tasks as task_rows
from tui_office.store.db import database
from tui_office.store.models import Document, Task, User
from tui_office.store.rows import create, get_by_id


def sweep(office: Office) -> list[str]:
    """Fire every timeout that is due; one line per firing (`NUMBER: STEP LOGIN timeout KIND`)."""
    now = office.clock.now()
    if not office.calendar.is_working_day(now.date()):
        return []
    lines: list[str] = []
    with database.atomic():
        waiting = list(Task.select(Task).join(Document)
                       .where((Task.status == "open") & (Task.kind.in_([*DECIDING_KINDS, "added"]))
                              & (Document.status == engine.IN_PROGRESS) & (Task.round == Document.round))
                       .order_by(Task.id))
        for task in waiting:
            doc = get_by_id(Document, task.document_id)  # as it is now: an earlier firing may have moved it
            task = get_by_id(Task, task.id)
            if task.status != "open" or doc.status != engine.IN_PROGRESS or doc.round != task.round:  # an earlier firing moved it on
                continue
            form, values = values_of(office, doc)
            step = next((s for s in form.steps if s.id == task.step), None)
            state = doc.state or {}
            if (step is None or step.timeout is None or task.id in set(state.get(FIRED) or [])
                    or task.id in escalated_tasks(state)):
                continue
            if now < step.timeout.deadline(task.created_at, office.calendar):
                continue
            lines.append(_fire(office, doc, form, values, step, task, now))
    return lines


def _fire(office: Office, doc: Document, form, values: dict, step, task: Task, now: datetime) -> str:  # noqa: ANN001
    rule = rule_text(step.id, step.timeout, step.on_timeout)
    assignee = get_by_id(User, task.assignee_id)
    state = dict(doc.state or {})
    state[FIRED] = [*(state.get(FIRED) or []), task.id]
    doc.state = state
    version = registry.definition_row(office, doc.definition_id).version
    kind = step.on_timeout
    changes: dict = {"rule": rule, "for": assignee.login}
    if kind == "escalate":
        above = _escalation(doc, form, values, step, assignee)
        if above:
            Task.update(status="skipped", version=Task.version + 1).where(Task.id == task.id).execute()
            made = [create(Task, document=doc, step=task.step, round=task.round, kind=task.kind, assignee=user,
                           position=task.position, created_at=now, due_at=due_time(office, step, now))
                    for user in above]
            state[ESCALATED] = [*(state.get(ESCALATED) or []), *(m.id for m in made)]
            for user in above:
                notify(user.id, doc, "escalated", now, name=assignee.name)
            notify(assignee.id, doc, "escalated_away", now, name=", ".join(u.name for u in above))
            changes["to"] = [u.login for u in above]
        else:
            kind = "remind"  # nobody above to escalate to: the assignee is reminded instead
            changes["escalation"] = "nobody"
    if kind == "remind":
        notify(assignee.id, doc, "timeout_reminder", now, due=f"{task.due_at:%Y-%m-%d %H:%M}" if task.due_at else "")
    elif kind in ("approve", "reject"):
        task_rows.close(task.id, task.version, kind, rule, now, None)
    audit.record(document_id=doc.id, task_id=task.id, actor_id=None, action=f"timeout-{kind}", step=task.step,
                 comment=rule, at=now, definition_version=version, changes=changes)
    if kind in ("approve", "reject"):
        advance(office, doc, form, values, now)
    doc.updated_at = now
    doc.version += 1
    save_changes(doc)
    return f"{doc.number}: {step.id} {assignee.login} timeout {kind}"


def _escalation(doc: Document, form, values: dict, step, assignee: User) -> list[User]:  # noqa: ANN001
    """Whom an escalation asks: the step's `escalate_to` rule, else the assignee's manager — never
    the assignee, anyone already on the step, or (unless the form allows it) the initiator."""
    if step.escalate_to is not None:
        found = resolve(replace(step, assignee=step.escalate_to, on_nobody="skip"), doc, values,
                        self_approval=form.allow_self_approval)
    else:
        found = [u for u in [manager_of_user(assignee)] if u is not None and u.active]
    on_step = {t.assignee_id for t in task_rows.of_round(doc.id, doc.round) if t.status in ("open", "waiting")}
    return [u for u in found if u.id != assignee.id and u.id not in on_step
            and (u.id != doc.initiator_id or form.allow_self_approval)]
