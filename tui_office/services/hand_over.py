"""Provides handing over the tasks already waiting in an absent person's To-do to the deputy standing
in for them today (工作代理 · 待办移交).

An out-of-office arrangement sends the tasks that arrive while it is in force to the deputy; the
tasks that were already waiting stay with the absent person. `hand_over` moves those too, exactly as
if they had arrived during the stand-in: the same rule picks who takes each one
(`assignment.stand_in`: the arrangement's forms, never the initiator on their own document, a step
only a role may act on, a declared conflict of interest) and the task is recorded as theirs on behalf
of the absent person. The absent person may do it for themselves, an administrator for anyone; one
transaction, one audit row (`hand-over`) per document, one notice per deputy with the count.
Handed-over tasks stay the deputy's when the arrangement ends, as tasks that arrived during it do.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tui_office.domain import engine
from tui_office.domain.errors import Conflict, OfficeError, PermissionDenied, ValidationError
from tui_office.domain.text import control_problem
from tui_office.i18n import t
from tui_office.services import audit, permissions, registry
from tui_office.services.assignment import stand_in
from tui_office.services.lookups import user_by_login
from tui_office.services.office import Office
from tui_office.services.views import HAND_OVER
from tui_office.services.workflow import DECIDING_KINDS, notify, save_changes
from tui_office.store import tasks as task_rows
from tui_office.store import users as user_rows
from tui_office.store.db import database
from tui_office.store.models import Document, Task, User
from tui_office.store.rows import get_by_id

ACTION = HAND_OVER
"""Audit action of a task handed over to a deputy (the document's history shows it in words)."""
NOTICE = "hand_over"
"""Notification kind telling a deputy how many tasks were handed to them."""
MAX_LOGIN = 64
"""The longest login `--for` accepts (a login is far shorter)."""


@dataclass(frozen=True)
class Handed:
    """One task handed over: the document, its step and who holds it now."""

    number: str
    step: str
    to: str
    to_name: str


@dataclass(frozen=True)
class HandOver:
    """What a hand-over moves (or moved): whose tasks, the stand-in in force, each task."""

    principal: str
    principal_name: str
    deputy: str
    """The deputy of the arrangement in force today (a task goes further down a chain of deputies
    when that deputy is away too, as a new task would)."""
    deputy_name: str
    start: date
    end: date
    tasks: tuple[Handed, ...]

    @property
    def count(self) -> int:
        return len(self.tasks)

    def to_json(self) -> dict:
        return {"principal": self.principal, "deputy": self.deputy, "start": self.start.isoformat(),
                "end": self.end.isoformat(), "count": self.count, "numbers": [h.number for h in self.tasks],
                "tasks": [{"number": h.number, "step": h.step, "to": h.to} for h in self.tasks]}

    def receivers(self) -> dict[str, list[Handed]]:
        """The tasks by the login of who took them, the arrangement's deputy first."""
        out: dict[str, list[Handed]] = {self.deputy: []}
        for handed in self.tasks:
            out.setdefault(handed.to, []).append(handed)
        return {login: tasks for login, tasks in out.items() if tasks}

    def lines(self) -> list[str]:
        """What happened, one line per person who took tasks (or one line saying nothing did)."""
        if not self.tasks:
            return [t("hand_over.nothing", principal=self.principal_name, deputy=self.deputy_name)]
        return [t("hand_over.done", count=len(tasks), principal=self.principal_name, deputy=tasks[0].to_name,
                  numbers=", ".join(h.number for h in tasks)) for tasks in self.receivers().values()]


def pending(office: Office, me: str, principal: object = None) -> HandOver:
    """What `hand_over` would move now, changing nothing (the same checks and refusals)."""
    return _plan(office, me, principal)[0]


def hand_over(office: Office, me: str, principal: object = None) -> HandOver:
    """Hand the tasks waiting in `principal`'s (default: my) To-do to whoever stands in for them
    today; refused, changing nothing, unless `me` is that person or an administrator and an
    arrangement is in force today. Nothing waiting is no refusal: it moves nothing (count 0)."""
    now = office.clock.now()
    with database.atomic():
        done, moves, actor, owner = _plan(office, me, principal)
        touched: dict[int, Document] = {}
        for task, doc, taker in moves:
            moved = (Task.update(assignee=taker, principal=task.principal_id or owner.id, version=Task.version + 1)
                     .where((Task.id == task.id) & (Task.version == task.version) & (Task.status == "open"))
                     .execute())
            if not moved:
                raise Conflict("hand_over_moved", number=doc.number)
            if doc.id in touched:
                continue
            touched[doc.id] = doc
            audit.record(document_id=doc.id, task_id=task.id, actor_id=actor.id, action=ACTION, step=task.step,
                         at=now, definition_version=registry.definition_row(office, doc.definition_id).version,
                         changes={"from": owner.login, "to": taker.login, "start": done.start.isoformat(),
                                  "end": done.end.isoformat()})
        for doc in touched.values():
            doc.updated_at = now
            doc.version += 1
            save_changes(doc)
        takers = {taker.login: taker for _, _, taker in moves}
        for login, tasks in done.receivers().items():
            notify(takers[login].id, None, NOTICE, now, name=owner.name, count=len(tasks), end=done.end.isoformat())
    return done


def _login(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip() or len(value) > MAX_LOGIN or control_problem(value):
        raise ValidationError("for", "hand_over_login")
    return value.strip()


def _plan(office: Office, me: str, principal: object) -> tuple[HandOver, list[tuple[Task, Document, User]], User, User]:
    """The hand-over now: its summary, each (task, document, who takes it), who does it, whose tasks."""
    login = _login(principal)
    actor = user_by_login(me)
    owner = user_by_login(login) if login else actor
    if owner.id != actor.id and not permissions.is_admin(actor.login):
        raise PermissionDenied("hand_over_not_allowed", name=owner.name)
    today = office.clock.now().date()
    record = user_rows.deputy_record(owner.id, today)
    deputy = get_by_id(User, record.deputy_id) if record is not None else None
    if record is None or deputy is None or not deputy.active:
        raise OfficeError("hand_over_no_stand_in", name=owner.name)
    moves: list[tuple[Task, Document, User]] = []
    for task in task_rows.pending_of(owner.id):
        if task.status != "open" or task.kind not in DECIDING_KINDS:
            continue
        doc = get_by_id(Document, task.document_id)
        if doc.status != engine.IN_PROGRESS or doc.round != task.round:
            continue
        form = registry.form_by_definition_id(office, doc.definition_id)
        taker = stand_in(owner, doc, form.step(task.step), today, self_approval=form.allow_self_approval)
        if taker is None or taker.id == task.principal_id or _holds(taker, task):
            continue
        moves.append((task, doc, taker))
    summary = HandOver(owner.login, owner.name, deputy.login, deputy.name, record.start, record.end,
                       tuple(Handed(doc.number, task.step, taker.login, taker.name) for task, doc, taker in moves))
    return summary, moves, actor, owner


def _holds(user: User, task: Task) -> bool:
    """True when `user` already has a task of their own at the same step and round (never twice the same)."""
    return any(other.assignee_id == user.id and other.status in ("open", "waiting")
               for other in task_rows.others_in_round(task.document_id, task.round, task.id)
               if other.step == task.step)
