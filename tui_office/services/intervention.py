"""Provides an administrator's intervention on a document in progress (管理员干预): end it (approved
or rejected), send it to a named step, pull it back to a step it passed, or give a pending task to
someone else.

Each is one use case for the `admin` role, always with a reason: it checks, changes the document,
writes the audit row (`intervene-end`, `intervene-jump`, `intervene-pull-back`,
`intervene-reassign`, with the reason as its opinion) and tells everyone whose task it closed or
moved, or changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from tui_office.domain import engine
from tui_office.domain.errors import OfficeError, PermissionDenied, TransitionNotAllowed
from tui_office.i18n import t
from tui_office.services import audit, queries, registry
from tui_office.services.conflicts import reason_line
from tui_office.services.office import Office
from tui_office.services.permissions import require_admin
from tui_office.services.views import DocumentView
from tui_office.services.workflow import (
    document_by_number, enter_step, finish, notify, save_changes, user_by_login, values_of,
)
from tui_office.store.db import database
from tui_office.store.models import Document, Task, User
from tui_office.store.rows import create

KINDS = ("end", "jump", "pull-back", "reassign")
"""What an administrator may do to a document in progress (`intervene KIND …`)."""
OUTCOMES = (engine.APPROVED, engine.REJECTED)
PENDING = ("open", "waiting")


@dataclass(frozen=True)
class Route:
    """What the intervention screen shows of a document: the document, every step of its form
    (id, title, and `done`, `now` or `""`), and who is pending now (login, name)."""

    view: DocumentView
    steps: list[tuple[str, str, str]]
    pending: list[tuple[str, str]]
    passed: list[str]
    """Steps it may be pulled back to, latest first."""


def route(office: Office, me: str, number: str) -> Route:
    """The document and its route, for an administrator about to intervene."""
    require_admin(me)
    view = queries.show(office, me, number)
    doc = document_by_number(number)
    form, _ = values_of(office, doc)
    path = list((doc.state or {}).get("path", []))
    steps = [(s.id, s.title, "now" if s.id == doc.step and doc.status == engine.IN_PROGRESS
              else "done" if s.id in path else "") for s in form.steps]
    pending = [(a.login, a.name) for s in view.current_steps for a in s.assignees if a.status in PENDING]
    return Route(view, steps, pending, list(reversed(path)))


def intervene(office: Office, me: str, kind: str, number: str, *, reason: str, outcome: str | None = None,
              step: str | None = None, person: str | None = None, to: str | None = None) -> str:
    """Do intervention `kind` on document `number` as administrator `me`; returns the message to show.

    `end`: `outcome` approved or rejected. `jump`: to `step`. `pull-back`: to `step` (default the
    step before). `reassign`: the pending task of `person` to `to`."""
    if kind not in KINDS:
        raise OfficeError("intervene_unknown", kind=str(kind), kinds=", ".join(KINDS))
    reason = reason_line(reason, "intervene_reason_required")
    now = office.clock.now()
    with database.atomic():
        admin = require_admin(me)
        doc = document_by_number(number)
        if doc.status != engine.IN_PROGRESS:
            raise TransitionNotAllowed("intervene_not_open", number=number, status=t(f"status.{doc.status}"))
        form, values = values_of(office, doc)
        pending = list(Task.select().where((Task.document == doc) & (Task.round == doc.round)
                                           & (Task.kind != "cc") & (Task.status.in_(PENDING))))
        version = registry.definition_row(office, doc.definition_id).version

        def record(action: str, changes: dict, at_step: str) -> None:
            audit.record(document_id=doc.id, actor_id=admin.id, action=action, step=at_step, comment=reason,
                         at=now, definition_version=version, changes=changes)

        def tell(tasks: list[Task]) -> None:
            for task in tasks:
                notify(task.assignee_id, doc, "intervened", now, name=admin.name)

        current = doc.step or ""
        if kind == "end":
            if outcome not in OUTCOMES:
                raise OfficeError("intervene_outcome", outcomes=", ".join(OUTCOMES))
            record("intervene-end", {"outcome": outcome}, current)
            tell(pending)
            finish(office, doc, form, outcome, values, now)
            return t("intervention.ended", number=number, status=t(f"status.{outcome}"))
        if kind in ("jump", "pull-back"):
            path = list((doc.state or {}).get("path", []))
            if kind == "pull-back" and not step:
                if not path:
                    raise TransitionNotAllowed("intervene_no_earlier", number=number)
                step = path[-1]
            if not step or not any(s.id == step for s in form.steps):
                raise OfficeError("intervene_no_step", step=str(step or ""),
                                  steps=", ".join(s.id for s in form.steps))
            if kind == "pull-back" and step not in path:
                raise TransitionNotAllowed("intervene_not_passed", step=form.step(step).title,
                                           passed=", ".join(form.step(s).title for s in path) or "—")
            record(f"intervene-{kind}", {"to": step, "from": current}, current)
            tell(pending)
            Task.update(status="skipped", version=Task.version + 1).where(
                Task.id.in_([task.id for task in pending])).execute()
            state = dict(doc.state or {})
            if step in path:
                state["path"] = path[: path.index(step)]
            doc.state = state
            enter_step(office, doc, form, step, values, now)
            _touch(doc, now)
            return t("intervention.moved", number=number, step=form.step(step).title)
        return _reassign(office, doc, form, pending, person, to, now, record, tell, admin)


def _reassign(office, doc, form, pending, person, to, now, record, tell, admin) -> str:  # noqa: ANN001
    if not person or not to:
        raise OfficeError("intervene_reassign_whom")
    source, target = User.get_or_none(User.login == person), user_by_login(to)
    theirs = [task for task in pending if source is not None and task.assignee_id == source.id]
    if not theirs:
        raise OfficeError("remove_not_on_step", name=source.name if source else person)
    if target.id == doc.initiator_id and not form.allow_self_approval:
        raise PermissionDenied("initiator_as_approver", name=target.name)
    if any(task.assignee_id == target.id for task in pending):
        raise OfficeError("already_assigned", name=target.name)
    record("intervene-reassign", {"from": source.login, "to": target.login}, doc.step or "")
    tell(theirs)
    for task in theirs:
        Task.update(status="skipped", version=Task.version + 1).where(Task.id == task.id).execute()
        create(Task, document=doc, step=task.step, round=task.round, kind=task.kind, assignee=target,
               status=task.status, position=task.position, created_at=now, due_at=task.due_at)
        if task.status == "open":
            notify(target.id, doc, "new_task", now)
    _touch(doc, now)
    return t("intervention.reassigned", number=doc.number, name=target.name, previous=source.name)


def _touch(doc: Document, now) -> None:  # noqa: ANN001
    doc.updated_at = now
    doc.version += 1
    save_changes(doc)
