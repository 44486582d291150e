"""Provides who may be removed from a step (减签) and the removal itself.

Whoever added an approver (加签) may remove them while they have not acted; an administrator may
remove any pending person of an all-of step (会签), with a reason, as long as someone is left to
decide it. A removed task is closed as `skipped`: it no longer counts for the step's mode, and the
step is looked at again (it may now be decided, or the next person in turn asked).

Used inside the decision use cases of `services/decisions.py` (same transaction).
"""

from __future__ import annotations

from datetime import datetime

from tui_office.domain.definitions import FormDef
from tui_office.domain.errors import Conflict, OfficeError, PermissionDenied
from tui_office.services import entrusting
from tui_office.services.permissions import is_admin
from tui_office.services.workflow import DECIDING_KINDS, notify
from tui_office.store.models import Action, Document, Task, User
from tui_office.store.rows import get_by_id

ADDED_KIND = "added"
PENDING = ("open", "waiting")


def _added_by(doc: Document, user: User) -> set[str]:
    """Logins `user` added as approvers on `doc` (from the audit trail)."""
    rows = Action.select(Action.changes).where((Action.document == doc) & (Action.action == "add-approver")
                                               & (Action.actor == user))
    return {str((row.changes or {}).get("to")) for row in rows if isinstance(row.changes, dict)}


def _round_tasks(doc: Document) -> list[Task]:
    return list(Task.select().where((Task.document == doc) & (Task.round == doc.round) & (Task.kind != "cc"))
                .order_by(Task.position, Task.id))


def removable(doc: Document, form: FormDef, user: User) -> list[Task]:
    """The pending tasks of the current step `user` may remove, in step order."""
    if not doc.step:
        return []
    tasks = _round_tasks(doc)
    logins = {u.id: u.login for u in User.select(User.id, User.login).where(User.id.in_([t.assignee_id for t in tasks]))}
    mine = _added_by(doc, user)
    out = [t for t in tasks if t.kind == ADDED_KIND and t.status in PENDING and logins.get(t.assignee_id) in mine]
    if form.step(doc.step).mode == "all" and is_admin(user.login):
        deciders = [t for t in tasks if t.kind in DECIDING_KINDS and t.status in (*PENDING, "done")
                    and t.decision != "delegated"]
        if len(deciders) > 1:
            out += [t for t in tasks if t.status in PENDING and t.kind in (*DECIDING_KINDS, ADDED_KIND) and t not in out]
    return out


def target(doc: Document, form: FormDef, user: User, login: str | None) -> tuple[Task, bool]:
    """The pending task of `login` that `user` may remove, and whether only the admin rule allows it;
    or why not: they already acted, they are not on the step, or `user` may not remove them."""
    if not login:
        raise OfficeError("remove_whom")
    person = User.get_or_none(User.login == login)
    if person is None:
        raise OfficeError("remove_not_on_step", name=login)
    tasks = [t for t in _round_tasks(doc) if t.assignee_id == person.id]
    pending = [t for t in tasks if t.status in PENDING]
    if not pending:
        acted = [t for t in tasks if t.status == "done" and t.acted_at]
        if acted:
            raise Conflict("remove_after_acted", name=person.name,
                           at=acted[-1].acted_at.strftime("%Y-%m-%d %H:%M:%S"))
        raise OfficeError("remove_not_on_step", name=person.name)
    allowed = removable(doc, form, user)
    for task in pending:
        if task in allowed:
            as_admin = not (task.kind == ADDED_KIND and login in _added_by(doc, user))
            return task, as_admin
    raise PermissionDenied("remove_not_yours", name=person.name)


def remove(doc: Document, task: Task, now: datetime) -> None:
    """Close `task` (and any colleague's task it was entrusted to) and tell its assignee."""
    closed = (Task.update(status="skipped", version=Task.version + 1)
              .where((Task.id == task.id) & (Task.status.in_(PENDING))).execute())
    if not closed:
        raise Conflict("entrust_moved", number=doc.number)
    for theirs_id, mine_id in ((doc.state or {}).get(entrusting.STATE_KEY) or {}).items():
        if mine_id == task.id:
            Task.update(status="skipped", version=Task.version + 1).where(
                (Task.id == int(theirs_id)) & (Task.status == "open")).execute()
    notify(task.assignee_id, doc, "approver_removed", now)


def name_of(task: Task) -> User:
    return get_by_id(User, task.assignee_id)
