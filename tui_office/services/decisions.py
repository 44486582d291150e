"""Provides every approval operation (approve, reject, return, withdraw, retract, delegate,
add approver, cc, comment, urge) and the verdicts that say which of them a user may take now.

Each operation is one service call: it checks permission through a guard, applies the
transition, writes the audit row and commits — or raises and changes nothing. Guards are shared
with `verdicts()`, so a dimmed key and a refused command always give the same reason.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from tui_office.domain import engine
from tui_office.domain.definitions import STEP_KIND_ROLES, FormDef
from tui_office.domain.errors import (
    Conflict, OfficeError, PermissionDenied, TransitionNotAllowed, ValidationError, ValidationFailed,
)
from tui_office.domain.evaluation import blank, root_of
from tui_office.domain.field_coercion import plain_line
from tui_office.i18n import t
from tui_office.services import approver_removal, audit, entrusting, followups, people_fields, permissions, registry
from tui_office.services.assignment import deputy_for
from tui_office.services.office import Office
from tui_office.services.views import Verdict
from tui_office.services.workflow import (
    SEQUENCE, advance, document_by_number, enter_step, eval_context, field_changes, finish, next_round, notify,
    save_changes, user_by_login, values_of,
)
from tui_office.store import tasks as task_rows
from tui_office.store.db import database
from tui_office.store.models import Action, Department, Deputy, Document, Role, Task, User, UserRole
from tui_office.store.rows import get_by_id

NEEDS_OPINION = engine.NEEDS_OPINION
VIEW_ROLES = {"archive", "admin"}


@dataclass
class Situation:
    """What a guard looks at: who, which document, its form and values, and the user's open task."""

    office: Office
    user: User
    doc: Document
    form: FormDef
    values: dict
    task: Task | None
    on_behalf_of: User | None
    now: datetime


def can_view(user: User, doc: Document, on: date | None = None) -> bool:
    """Initiator, anyone who acts or acted (or was cc'd), whoever submitted it for the initiator, the
    initiator's manager, archive roles; and, given the day `on`, whoever may act on it that day as
    the deputy of the person holding its task."""
    if doc.initiator_id == user.id:
        return doc.status != engine.DISCARDED
    if doc.status in (engine.DRAFT, engine.DISCARDED):
        return False
    involved = Task.select(Task.id).where(
        (Task.document == doc) & ((Task.assignee == user) | (Task.principal == user) | (Task.acted_by == user))
    ).exists()
    if involved or Action.select(Action.id).where((Action.document == doc) & (Action.actor == user)
                                                  & (Action.action == "submit")).exists():
        return True  # … or submitted it for the initiator (代提交)
    if doc.department_id and Department.select().where(
        (Department.id == doc.department_id) & (Department.manager == user)
    ).exists():
        return True
    if on is not None and _open_task(user, doc, on)[0] is not None:
        return True
    return sees_everything(user)


def standing_in(user: User, on: date) -> list[int]:
    """Ids of the documents whose open task `user` holds on day `on` as someone's deputy."""
    away = Deputy.select(Deputy.principal).where((Deputy.cancelled == False) & (Deputy.start <= on)  # noqa: E712
                                                 & (Deputy.end >= on))
    docs = (Document.select().join(Task).where((Task.assignee.in_(away)) & (Task.status == "open") & (Task.kind != "cc"))
            .distinct())
    return [doc.id for doc in docs if _open_task(user, doc, on)[0] is not None and doc.initiator_id != user.id]


def sees_everything(user: User) -> bool:
    """Whether `user` has a role that sees every submitted document (archive, admin)."""
    roles = {c for (c,) in UserRole.select(Role.code).join(Role).where(UserRole.user == user).tuples()}
    return bool(roles & VIEW_ROLES)


def _open_task(user: User, doc: Document, on) -> tuple[Task | None, User | None]:
    """The user's open task on the document (their own, or one they hold as an active deputy)."""
    tasks = task_rows.open_deciding(doc.id)
    for task in tasks:
        if task.assignee_id == user.id:
            return task, (task.principal if task.principal_id else None)
    for task in tasks:
        deputy = deputy_for(task.assignee, on, doc.form_id)
        if deputy is not None and deputy.id == user.id:
            return task, task.assignee
    return None, None


def situation(office: Office, me: str, number: str) -> Situation:
    user = user_by_login(me)
    doc = document_by_number(number)
    now = office.clock.now()
    task, behalf = _open_task(user, doc, now.date())
    if task is None and not can_view(user, doc):
        raise PermissionDenied("cannot_view", number=number)
    form, values = values_of(office, doc)
    return Situation(office, user, doc, form, values, task, behalf, now)


# ----------------------------------------------------------------------------- guards

TASK_ACTIONS = engine.TASK_ACTIONS


def _raise_if_handled(s: Situation) -> None:
    """Refuse with "already handled by X at T" when the user's task in this round was decided."""
    handled = (Task.select().where((Task.document == s.doc) & (Task.status == "done")
                                   & (Task.decision != "delegated")
                                   & ((Task.assignee == s.user) | (Task.principal == s.user)))
               .order_by(Task.acted_at.desc()).first())
    if handled is not None and handled.round == s.doc.round and handled.acted_by_id:
        raise Conflict("already_handled", name=handled.acted_by.name,
                       at=handled.acted_at.strftime("%Y-%m-%d %H:%M:%S"))


def _raise_if_decided(s: Situation) -> None:
    """For act(): the user's latest task here was decided (by them, or in a one-of step by another
    approver) — typically a lost race — so refuse with "already handled by X at T", whether the
    document has since moved to another step or ended."""
    task = task_rows.latest_of(s.doc.id, s.user.id)
    if task is not None and task.status == "skipped" and s.doc.status != engine.WITHDRAWN:
        task = task_rows.latest_decided(s.doc.id, task.round, task.step)
    elif task is not None and (task.status != "done" or task.decision == "delegated"):
        task = None
    if task is not None and task.acted_by_id:
        raise Conflict("already_handled", name=get_by_id(User, task.acted_by_id).name,
                       at=task.acted_at.strftime("%Y-%m-%d %H:%M:%S"))


def _needs_task(s: Situation, action: str) -> Task:
    engine.check_transition(s.doc.status, action)
    if s.task is None:
        _raise_if_handled(s)
        colleague = entrusting.waiting_on(s.doc, s.user.id)
        if colleague is not None:
            raise PermissionDenied("entrusted_away", name=colleague.name)
        waiting = [t.assignee.name for t in Task.select().where((Task.document == s.doc) & (Task.status == "open")
                                                                 & (Task.kind != "cc"))]
        if waiting:
            raise PermissionDenied("not_assignee", names=", ".join(waiting))
        raise PermissionDenied("no_open_task", number=s.doc.number)
    step = s.form.step(s.task.step)
    if s.task.kind == entrusting.ENTRUSTED:
        if action not in entrusting.ANSWERS:
            raise TransitionNotAllowed("entrusted_answers_only", action=t(f"action.{action}"))
        return s.task
    allowed = step.actions
    if allowed and action not in allowed and not (s.task.kind == "added" and action in ("approve", "reject", "comment")):
        raise TransitionNotAllowed("action_not_allowed_here", action=t(f"action.{action}"), step=step.title)
    role = STEP_KIND_ROLES.get(step.kind)
    if role and not permissions.has_role(s.user.login, role):
        raise PermissionDenied("step_role_only", step=step.title, role=role, name=s.user.name)
    return s.task


def _needs_initiator(s: Situation, action: str) -> None:
    engine.check_transition(s.doc.status, action)
    if s.doc.initiator_id != s.user.id:
        raise PermissionDenied("not_initiator", name=s.doc.initiator.name, action=t(f"action.{action}"))


def guard(s: Situation, action: str) -> None:
    """Raise the reason `action` is refused for this user now; return quietly if it is allowed."""
    if action in TASK_ACTIONS:
        _needs_task(s, action)
        if action in ("approve", "reject") and _initiator_decides(s):
            raise PermissionDenied("self_approval")
        if action in ("delegate", "entrust", "add-approver") and _initiator_decides(s):
            raise PermissionDenied("initiator_chooses_approver")
    elif action == "withdraw":
        _needs_initiator(s, action)
    elif action == "retract":
        engine.check_transition(s.doc.status, action)
        _retractable(s)
    elif action == "urge":
        _may_urge(s)
    elif action == "cc":
        engine.check_transition(s.doc.status, action)
        if not _handles_or_started(s):
            raise PermissionDenied("cc_not_involved", number=s.doc.number)
    elif action == "comment":
        engine.check_transition(s.doc.status, action)
    elif action == "remove-approver":
        engine.check_transition(s.doc.status, action)
        if not approver_removal.removable(s.doc, s.form, s.user):
            raise PermissionDenied("remove_nobody", number=s.doc.number)
    else:
        engine.check_transition(s.doc.status, action)


def _may_urge(s: Situation) -> None:
    """Urging (催办) is for the initiator and for those copied on the document, never for the
    person it waits for, and at most once per `urge_interval_hours` per document."""
    engine.check_transition(s.doc.status, "urge")
    waiting = _open_assignees(s.doc)
    if not waiting:
        raise OfficeError("nobody_to_urge", number=s.doc.number)
    if s.task is not None or any(task.assignee_id == s.user.id for task in waiting):
        raise PermissionDenied("urge_own_task", number=s.doc.number)
    watching = s.doc.initiator_id == s.user.id or Task.select(Task.id).where(
        (Task.document == s.doc) & (Task.kind == "cc") & (Task.assignee == s.user)).exists()
    if not watching:
        raise PermissionDenied("urge_not_watcher", number=s.doc.number, name=s.doc.initiator.name)
    last = (Action.select(Action.at).where((Action.document == s.doc) & (Action.action == "urge"))
            .order_by(Action.id.desc()).first())
    if last is not None:
        at = last.at if isinstance(last.at, datetime) else datetime.fromisoformat(str(last.at))
        allowed = at + timedelta(hours=float(s.office.settings.urge_interval_hours))
        if s.now < allowed:
            raise Conflict("urge_too_soon", number=s.doc.number, last=at.strftime("%H:%M"),
                           next=allowed.strftime("%m-%d %H:%M"))


def _initiator_decides(s: Situation) -> bool:
    """The initiator holds a task on their own document (as approver, added approver, delegate or
    deputy) and the form does not allow self-approval: they may neither decide it nor choose who
    does. A step that asks the initiator by design (`assignee = { initiator = true }`) is theirs."""
    if s.doc.initiator_id != s.user.id or s.form.allow_self_approval:
        return False
    return s.task is None or s.form.step(s.task.step).assignee.kind != "initiator"


def _handles_or_started(s: Situation) -> bool:
    """The initiator, or someone who holds or held a task on the document (a cc'd reader is neither)."""
    if s.doc.initiator_id == s.user.id or s.task is not None:
        return True
    return Task.select(Task.id).where(
        (Task.document == s.doc) & (Task.kind != "cc")
        & ((Task.assignee == s.user) | (Task.principal == s.user) | (Task.acted_by == s.user))).exists()


def _retractable(s: Situation) -> Task:
    """My latest approval, if nobody has acted on the document since.

    Order comes from rounds (each entry into a step gets a new, higher round), not from the clock:
    two decisions in the same second are still one before the other. Too late once someone else
    decided in a later round, or sent back or rejected the step I approved in.
    """
    mine = task_rows.latest_approval_by(s.doc.id, s.user.id)
    if mine is None or mine.kind == entrusting.ENTRUSTED:  # an answer went back; it decided nothing
        raise TransitionNotAllowed("retract_nothing", number=s.doc.number)
    if task_rows.decided_by_others_since(s.doc.id, mine, s.user.id):
        raise TransitionNotAllowed("retract_too_late")
    return mine


def _open_assignees(doc: Document) -> list[Task]:
    return list(Task.select().where((Task.document == doc) & (Task.status == "open") & (Task.kind != "cc")))


@dataclass(frozen=True)
class StepForm:
    """What approving asks for: the fields of the step of the user's open task, and the values so far."""

    form: FormDef
    step: str
    """The step's id ("" when the user has no open task)."""
    fields: tuple
    """The `FieldDef`s the step's assignee fills, in the step's order (empty: nothing to ask)."""
    values: dict
    """The document's typed values now."""
    opinion_required: bool = False
    """Approving needs an opinion (a colleague's answer to a task entrusted to them)."""


def step_form(office: Office, me: str, number: str) -> StepForm:
    """The fields approving document `number` asks `me` for (none without an open task)."""
    s = situation(office, me, number)
    if s.task is None or s.task.kind == entrusting.ENTRUSTED:  # a colleague's answer fills in nothing
        return StepForm(s.form, "", (), s.values, opinion_required=s.task is not None)
    step = s.form.step(s.task.step)
    return StepForm(s.form, step.id, tuple(s.form.field(fid) for fid in step.fields if s.form.has_field(fid)), s.values)


def verdicts(office: Office, me: str, number: str) -> list[Verdict]:
    """Every action with whether this user may take it now, and if not, why."""
    s = situation(office, me, number)
    out = []
    for action in engine.ACTIONS:
        try:
            guard(s, action)
        except OfficeError as exc:
            out.append(Verdict(action, False, str(exc)))
        else:
            out.append(Verdict(action, True))
    return out


# ----------------------------------------------------------------------------- operations

def _close(task: Task, s: Situation, decision: str, comment: str) -> None:
    """Close the task with an optimistic version check: the loser of a race changes nothing."""
    updated = task_rows.close(task.id, task.version, decision, comment, s.now, s.user.id)
    if not updated:
        fresh = Task.get_by_id(task.id)
        raise Conflict("already_handled", name=fresh.acted_by.name if fresh.acted_by_id else "?",
                       at=fresh.acted_at.strftime("%Y-%m-%d %H:%M:%S") if fresh.acted_at else "?")
    task.status, task.decision, task.version = "done", decision, task.version + 1


def _audit(s: Situation, action: str, comment: str = "", task: Task | None = None, changes: dict | None = None,
           step: str | None = None) -> None:
    audit.record(document_id=s.doc.id, task_id=task.id if task else None, actor_id=s.user.id,
                 on_behalf_of_id=s.on_behalf_of.id if (task is not None and s.on_behalf_of) else None,
                 action=action, step=step if step is not None else (task.step if task else (s.doc.step or "")),
                 comment=comment, at=s.now, definition_version=registry.definition_row(s.office, s.doc.definition_id).version,
                 changes=changes)


def _touch(doc: Document, now: datetime) -> None:
    doc.updated_at = now
    doc.version += 1
    save_changes(doc)


def _require_opinion(action: str, comment: str) -> None:
    if action in NEEDS_OPINION and not comment.strip():
        raise OfficeError("opinion_required", action=t(f"action.{action}"))


def _fill_step_fields(s: Situation, raw: Mapping[str, object]) -> dict:
    """Store the step's fields given with an approval (FIELD → text or typed value) into the
    document, after checking them as the form checks its fields; returns the audit's changes.

    Every problem is reported at once: a field the step does not fill, a value that does not read,
    and every field of the step still missing or out of bounds."""
    step = s.form.step(s.task.step)
    mine = set(step.fields)
    if not mine and not raw:
        return {}
    problems: list[ValidationError] = []
    typed: dict = {}
    for key, value in raw.items():
        if key not in mine:
            problems.append(ValidationError(str(key), "not_step_field", step=step.title,
                                            fields=", ".join(step.fields) or "—"))
            continue
        if blank(value):
            typed[key] = None
            continue
        try:
            typed.update(s.form.coerce({key: value}, partial=True))
        except ValidationFailed as failed:
            problems.extend(failed.problems)
    unreadable = {root_of(p.field) for p in problems}
    ctx = eval_context(s.office, s.form, s.doc.initiator.login)
    values = s.form.compute({**s.values, **typed}, ctx)
    problems += [p for p in [*s.form.validate(values, ctx, step=step.id), *people_fields.check(s.form, values)]
                 if root_of(p.field) in mine and root_of(p.field) not in unreadable]
    if problems:
        order = {f.id: index for index, f in enumerate(s.form.fields)}
        raise ValidationFailed(sorted(problems, key=lambda p: order.get(root_of(p.field), -1)))
    old = dict(s.doc.fields or {})
    stored = s.form.to_storage(values)
    s.doc.fields, s.values = stored, values
    return field_changes(old, stored)


def _answer(s: Situation, decision: str, comment: str, fields: Mapping[str, object] | None) -> str:
    """The colleague's answer to an entrusted task (委派): an opinion for the one who entrusted it,
    which comes back to them to decide; it never decides the step."""
    if fields:
        raise OfficeError("entrusted_no_fields")
    if not comment.strip():
        raise OfficeError("opinion_required", action=t(f"action.{decision}"))
    task = s.task
    _close(task, s, decision, comment)
    back = entrusting.hand_back(s.doc, task, s.user, s.now)
    to = get_by_id(User, back.assignee_id).login if back is not None else None
    _audit(s, f"entrust-{decision}", comment, task, changes={"to": to} if to else None)
    if back is None:
        advance(s.office, s.doc, s.form, s.values, s.now)
    _touch(s.doc, s.now)
    name = get_by_id(User, back.assignee_id).name if back is not None else ""
    return t("workflow.entrust_answered", number=s.doc.number, name=name)


def _approve(s: Situation, comment: str, fields: Mapping[str, object] | None = None, **_: object) -> str:
    task = s.task
    if task.kind == entrusting.ENTRUSTED:
        return _answer(s, "approve", comment, fields)
    changes = _fill_step_fields(s, fields or {})
    _close(task, s, "approve", comment)
    _audit(s, "approve", comment, task, changes=changes or None)
    advance(s.office, s.doc, s.form, s.values, s.now)
    _touch(s.doc, s.now)
    return t("workflow.approved", number=s.doc.number)


def _reject(s: Situation, comment: str, **_: object) -> str:
    task = s.task
    if task.kind == entrusting.ENTRUSTED:
        return _answer(s, "reject", comment, None)
    _close(task, s, "reject", comment)
    _audit(s, "reject", comment, task)
    advance(s.office, s.doc, s.form, s.values, s.now)
    _touch(s.doc, s.now)
    return t("workflow.rejected", number=s.doc.number)


def _return(s: Situation, comment: str, to: str | None = None, **_: object) -> str:
    task = s.task
    path = list((s.doc.state or {}).get("path", []))
    current = s.doc.step
    if to in (None, "", "previous"):
        target = path[-1] if path else "initiator"
    else:
        target = to
    if target != "initiator" and target not in path:
        raise TransitionNotAllowed("return_target", target=target)
    _close(task, s, "return", comment)
    _audit(s, "return", comment, task, changes={"to": target})
    (Task.update(status="skipped", version=Task.version + 1)
     .where((Task.document == s.doc) & (Task.status.in_(["open", "waiting"])) & (Task.kind != "cc")).execute())
    state = dict(s.doc.state or {})
    if target == "initiator":
        state["returned_from"] = current
        s.doc.state = state
        s.doc.status = engine.RETURNED
        s.doc.step = None
        notify(s.doc.initiator_id, s.doc, "returned", s.now)
        _touch(s.doc, s.now)
        return t("workflow.returned_initiator", number=s.doc.number)
    state["path"] = path[: path.index(target)]
    s.doc.state = state
    enter_step(s.office, s.doc, s.form, target, s.values, s.now)
    _touch(s.doc, s.now)
    return t("workflow.returned", number=s.doc.number, target=s.form.step(target).title)


def _withdraw(s: Situation, comment: str, **_: object) -> str:
    _audit(s, "withdraw", comment)
    finish(s.office, s.doc, s.form, engine.WITHDRAWN, s.values, s.now)
    return t("workflow.withdrawn", number=s.doc.number)


def _retract(s: Situation, comment: str, **_: object) -> str:
    mine = _retractable(s)
    if s.doc.round != mine.round:
        # Back to the step I approved in: close what the document waits for now, and give that
        # step's tasks a fresh round, so the next step entered can never share a round with old tasks.
        (Task.update(status="skipped", version=Task.version + 1)
         .where((Task.document == s.doc) & (Task.round == s.doc.round) & (Task.status.in_(["open", "waiting"]))).execute())
        state = dict(s.doc.state or {})
        path = list(state.get("path", []))
        if mine.step in path:
            state["path"] = path[: path.index(mine.step)]
        s.doc.state = state
        fresh = next_round(s.doc)
        (Task.update(round=fresh, version=Task.version + 1)
         .where((Task.document == s.doc) & (Task.round == mine.round) & (Task.kind != "cc")).execute())
        s.doc.step, s.doc.round = mine.step, fresh
        (Task.update(status="open", version=Task.version + 1)
         .where((Task.document == s.doc) & (Task.round == fresh) & (Task.status == "skipped")).execute())
    Task.update(status="open", decision=None, acted_at=None, acted_by=None, version=Task.version + 1).where(
        Task.id == mine.id).execute()
    if s.form.step(mine.step).mode == SEQUENCE:  # the signers after me wait for my turn again
        (Task.update(status="waiting", version=Task.version + 1)
         .where((Task.document == s.doc) & (Task.round == s.doc.round) & (Task.status == "open")
                & (Task.position > mine.position) & (Task.kind != "cc")).execute())
    _audit(s, "retract", comment, mine)
    _touch(s.doc, s.now)
    return t("workflow.retracted", number=s.doc.number)


def _target_user(to: str | None, s: Situation, action: str) -> User:
    """The active user `to`, if they may take the task `action` hands on (see `_refuse_target`)."""
    if not to:
        raise OfficeError("delegate_self")
    user = user_by_login(to)
    _refuse_target(s, user, action, _assigned_ids(s))
    return user


def _assigned_ids(s: Situation) -> set[int]:
    """Who already holds a task on the current step (open, or waiting their turn)."""
    return {row.assignee_id for row in Task.select(Task.assignee).where(
        (Task.document == s.doc) & (Task.round == s.doc.round) & (Task.kind != "cc")
        & (Task.status.in_(["open", "waiting"])))}


def _refuse_target(s: Situation, target: User, action: str, assigned: set[int]) -> None:
    """Raise why `target` may not take the task handed on by `action` (delegate, add-approver)."""
    if target.id == s.user.id:
        raise OfficeError("delegate_self")
    if target.id == s.doc.initiator_id and not s.form.allow_self_approval:
        if action in ("delegate", "entrust"):
            raise PermissionDenied("self_approval")
        raise PermissionDenied("initiator_as_approver", name=target.name)
    if target.id in assigned:
        raise OfficeError("already_assigned", name=target.name)


def candidates(office: Office, me: str, action: str, number: str) -> list[str]:
    """Logins of the active people `me` may hand the task on `number` to by `action`
    (delegate, add-approver) or copy it to (cc): the picker offers only these, so a choice is
    never refused after."""
    s = situation(office, me, number)
    if action == "cc":
        return _cc_candidates(s)
    if action == "remove-approver":
        return sorted(approver_removal.name_of(task).login for task in approver_removal.removable(s.doc, s.form, s.user))
    assigned = _assigned_ids(s)
    out = []
    for user in User.select().where(User.active == True).order_by(User.login):  # noqa: E712
        try:
            _refuse_target(s, user, action, assigned)
        except OfficeError:
            continue
        out.append(user.login)
    return out


def _cc_candidates(s: Situation) -> list[str]:
    """Active people other than me the form may be copied to who do not have a copy yet."""
    copied = {row.assignee_id for row in Task.select(Task.assignee).where((Task.document == s.doc) & (Task.kind == "cc"))}
    return [user.login for user in User.select().where(User.active == True).order_by(User.login)  # noqa: E712
            if user.id != s.user.id and user.id not in copied and s.form.may_be_copied_to(_roles_of(user))]


def return_targets(office: Office, me: str, number: str) -> list[tuple[str, str]]:
    """(target, title) where `me` may return document `number` to: the step before this one first,
    then the initiator and the other steps it passed, latest first (what `act … return --to` takes)."""
    s = situation(office, me, number)
    path = list((s.doc.state or {}).get("path", []))
    steps = [(step, s.form.step(step).title) for step in reversed(path)]
    initiator = ("initiator", t("actions.return_to_initiator", name=s.doc.initiator.name))
    return [*steps[:1], initiator, *steps[1:]]


def _delegate(s: Situation, comment: str, to: str | None = None, **_: object) -> str:
    task = s.task
    target = _target_user(to, s, "delegate")
    _close(task, s, "delegated", comment)
    Task.create(document=s.doc, step=task.step, round=task.round, kind=task.kind, assignee=target,
                position=task.position, created_at=s.now, due_at=task.due_at)
    notify(target.id, s.doc, "new_task", s.now)
    _audit(s, "delegate", comment, task, changes={"to": target.login})
    _touch(s.doc, s.now)
    return t("workflow.delegated", number=s.doc.number, name=target.name)


def _entrust(s: Situation, comment: str, to: str | None = None, **_: object) -> str:
    task = s.task
    target = _target_user(to, s, "entrust")
    entrusting.entrust(s.doc, task, target, s.now)
    _audit(s, "entrust", comment, task, changes={"to": target.login})
    _touch(s.doc, s.now)
    return t("workflow.entrusted", number=s.doc.number, name=target.name)


def _add_approver(s: Situation, comment: str, to: str | None = None, position: str = "after", **_: object) -> str:
    task = s.task
    target = _target_user(to, s, "add-approver")
    # make room: whoever waits after this task (a circulation's later signers) moves one turn on
    (Task.update(position=Task.position + 1, version=Task.version + 1)
     .where((Task.document == s.doc) & (Task.round == task.round) & (Task.status == "waiting")
            & (Task.position > task.position)).execute())
    if position == "before":
        Task.create(document=s.doc, step=task.step, round=task.round, kind="added", assignee=target,
                    position=task.position, created_at=s.now, due_at=task.due_at)
        Task.update(status="waiting", position=task.position + 1, version=Task.version + 1).where(Task.id == task.id).execute()
        notify(target.id, s.doc, "new_task", s.now)
    else:
        Task.create(document=s.doc, step=task.step, round=task.round, kind="added", assignee=target,
                    status="waiting", position=task.position + 1, created_at=s.now, due_at=task.due_at)
    _audit(s, "add-approver", comment, task, changes={"to": target.login, "position": position})
    _touch(s.doc, s.now)
    return t("workflow.added", number=s.doc.number, name=target.name)


def _remove_approver(s: Situation, comment: str, to: str | None = None, **_: object) -> str:
    """减签: take a pending person off the current step (see `services/approver_removal.py`)."""
    task, as_admin = approver_removal.target(s.doc, s.form, s.user, to)
    if as_admin and not comment.strip():
        raise OfficeError("remove_reason_required")
    person = approver_removal.name_of(task)
    approver_removal.remove(s.doc, task, s.now)
    _audit(s, "remove-approver", comment, step=task.step,
           changes={"to": person.login, **({"as": "admin"} if as_admin else {})})
    advance(s.office, s.doc, s.form, s.values, s.now)
    _touch(s.doc, s.now)
    return t("workflow.approver_removed", number=s.doc.number, name=person.name)


def _cc(s: Situation, comment: str, to: str | None = None, **_: object) -> str:
    logins = [x.strip() for x in (to or "").split(",") if x.strip()]
    if not logins:
        raise OfficeError("delegate_self")
    users = [user_by_login(login) for login in logins]
    for user in users:
        if not s.form.may_be_copied_to(_roles_of(user)):
            raise PermissionDenied("cc_not_allowed", name=user.name, form=s.form.title)
    names = []
    for user in users:
        if not Task.select().where((Task.document == s.doc) & (Task.assignee == user) & (Task.kind == "cc")).exists():
            Task.create(document=s.doc, step=s.doc.step or "", round=s.doc.round, kind="cc", assignee=user,
                        status="cc", created_at=s.now)
            notify(user.id, s.doc, "cc", s.now, name=s.user.name)
        names.append(user.name)
    _audit(s, "cc", comment, changes={"to": logins})
    _touch(s.doc, s.now)
    return t("workflow.cc", number=s.doc.number, names=", ".join(names))


def _roles_of(user: User) -> list[str]:
    return [code for (code,) in UserRole.select(Role.code).join(Role).where(UserRole.user == user).tuples()]


def _comment(s: Situation, comment: str, **_: object) -> str:
    if not comment.strip():
        raise OfficeError("opinion_required", action=t("action.comment"))
    _audit(s, "comment", comment)
    _touch(s.doc, s.now)
    return t("workflow.commented", number=s.doc.number)


def _urge(s: Situation, comment: str, **_: object) -> str:
    tasks = _open_assignees(s.doc)
    for task in tasks:
        notify(task.assignee_id, s.doc, "urge", s.now, name=s.user.name)
    _audit(s, "urge", comment)
    return t("workflow.urged", number=s.doc.number, names=", ".join(task.assignee.name for task in tasks))


OPERATIONS = {
    "approve": _approve, "reject": _reject, "return": _return, "withdraw": _withdraw,
    "retract": _retract, "delegate": _delegate, "entrust": _entrust, "add-approver": _add_approver,
    "remove-approver": _remove_approver, "cc": _cc,
    "comment": _comment, "urge": _urge,
}


def act(office: Office, me: str, action: str, number: str, *, to: str | None = None, comment: str = "",
        position: str = "after", fields: Mapping[str, object] | None = None) -> str:
    """Take `action` on document `number` as `me`; returns the message to show. One transaction.

    `fields` (approve only): values of the fields the current step asks its assignee for (text as
    typed, or typed values); the step's required ones must be filled, given here or earlier."""
    plain_line(comment or "", "comment")
    if fields and action != "approve":
        raise OfficeError("step_fields_approve_only", action=t(f"action.{action}") if action in OPERATIONS else action)
    if action not in OPERATIONS:
        return followups.complete(office, me, number, action, comment)  # a `[[followups]]` of the form
    with database.atomic():
        s = situation(office, me, number)
        if action in TASK_ACTIONS and s.task is None:
            _raise_if_decided(s)  # the losers of a race to decide the same task
        if s.doc.archived and action not in ("comment", "cc"):
            raise TransitionNotAllowed("finished_readonly", number=number)
        if action == "remove-approver":
            engine.check_transition(s.doc.status, action)
            approver_removal.target(s.doc, s.form, s.user, to)  # why not this person, before why not anyone
        guard(s, action)
        _require_opinion(action, comment)
        return OPERATIONS[action](s, comment, to=to, position=position, fields=fields)


def bulk_approve(office: Office, me: str, numbers: list[str], comment: str = "") -> list[tuple[str, bool, str]]:
    """Approve each document in its own transaction; report every success and failure."""
    report = []
    for number in numbers:
        try:
            report.append((number, True, act(office, me, "approve", number, comment=comment)))
        except OfficeError as exc:
            report.append((number, False, str(exc)))
    return report
