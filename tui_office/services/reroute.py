"""Provides handing a departing user's open tasks on, by each step's own policy.

Used inside the deactivate use case (same transaction): a task nobody can act on any more is
closed, and the step asks again — the principal a deputy stood in for, else whoever the step's
assignee rule and its `on_nobody` policy find now — or, when nobody is left to ask and the step
was not decided, the document moves on as if the step had found nobody on entry.
"""

from __future__ import annotations

from datetime import datetime

from tui_office.domain import engine
from tui_office.services import audit, registry
from tui_office.services.assignment import resolve
from tui_office.services.office import Office
from tui_office.services.workflow import (
    DECIDING_KINDS, advance, enter_step, eval_context, notify, save_changes, stand_ins, values_of,
)
from tui_office.store import tasks as task_rows
from tui_office.store.models import Document, Task, User
from tui_office.store.rows import create, get_by_id


def reroute_open_tasks(office: Office, user: User, now: datetime, actor_id: int | None = None) -> list[str]:
    """Hand every open or waiting task of `user` (now inactive) on; returns the document numbers."""
    tasks = task_rows.pending_of(user.id)
    touched = []
    for task in tasks:
        doc = get_by_id(Document, task.document_id)
        if doc.status != engine.IN_PROGRESS or doc.round != task.round:
            continue
        _reroute(office, doc, task, user, now, actor_id)
        doc.updated_at = now
        doc.version += 1
        save_changes(doc)
        touched.append(doc.number)
    return touched


def reroute_task(office: Office, doc: Document, task: Task, user: User, now: datetime, actor_id: int | None) -> None:
    """Close `task` of `user`, who may no longer act on it, and ask again by the step's own policy
    (part of the caller's transaction; the caller records why and touches the document)."""
    _reroute(office, doc, task, user, now, actor_id)


def _reroute(office: Office, doc: Document, task: Task, user: User, now: datetime, actor_id: int | None) -> None:
    form, values = values_of(office, doc)
    step = form.step(task.step)
    was = task.status
    Task.update(status="skipped", version=Task.version + 1).where(Task.id == task.id).execute()
    in_round = task_rows.others_in_round(doc.id, doc.round, task.id)
    replacements: list[tuple[User, User | None]] = []
    principal = get_by_id(User, task.principal_id) if task.principal_id else None
    if principal is not None and principal.active:
        replacements = [(principal, None)]  # the deputy left: the task goes back to the person they stood in for
    elif task.kind in DECIDING_KINDS and not any(
            t.kind in DECIDING_KINDS and t.status in ("open", "waiting") for t in in_round):
        asked = {t.assignee_id for t in in_round if t.status in ("open", "waiting", "done")}
        found = [u for u in resolve(step, doc, values, self_approval=form.allow_self_approval) if u.id not in asked]
        replacements = stand_ins(doc, form, step, found, now)
    for assignee, on_behalf in replacements:
        create(Task, document=doc, step=task.step, round=task.round, kind=task.kind, assignee=assignee,
               principal=on_behalf, status=was, position=task.position, created_at=now, due_at=task.due_at)
        if was == "open":
            notify(assignee.id, doc, "new_task", now)
    audit.record(document_id=doc.id, task_id=task.id, actor_id=actor_id, action="reassign", step=task.step, at=now,
                 definition_version=registry.definition_row(office, doc.definition_id).version,
                 changes={"from": user.login, "to": [a.login for a, _ in replacements]})
    if replacements:
        return
    outcome = advance(office, doc, form, values, now)
    if outcome == engine.PENDING and doc.status == engine.IN_PROGRESS and not Task.select().where(
            (Task.document == doc) & (Task.round == doc.round) & (Task.status.in_(["open", "waiting"]))
            & (Task.kind != "cc")).exists():
        # nobody is left to decide this step: move on as if it had found nobody on entry
        enter_step(office, doc, form, form.route(step.id, values, eval_context(office, form, doc=doc)), values, now,
                   skipped=(step.id,))
