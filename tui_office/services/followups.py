"""Provides follow-up tasks (`[[followups]]` in a definition): started when a document is approved,
completed with the action of the same name, flagged by `remind` when overdue.

A follow-up names who does it (an assignee rule, as a step's), when it is due (a formula over the
fields, with `today()` the day of approval and the office calendar's `add_working_days` and
`next_working_day`), and the flag the document gets once it is overdue. Its task has kind
`followup` and the follow-up's id as its step; the document's `state["followups"][id]` holds the
due day and when it was done.
"""

from __future__ import annotations


from tui_office import extensions
from tui_office.domain import engine
from tui_office.domain.definitions import FollowupDef
from tui_office.domain.errors import OfficeError, PermissionDenied, TransitionNotAllowed
from tui_office.i18n import pick, t
from tui_office.services import audit, registry
from tui_office.services.assignment import resolvers
from tui_office.services.office import Office
from tui_office.services.workflow import FOLLOWUP_KIND as KIND
from tui_office.services.workflow import CORE_NOTICES, document_by_number, has_notice_words, notice_text, notify
from tui_office.services.workflow import user_by_login, values_of
from tui_office.store.db import database
from tui_office.store.models import Document, Role, Task, UserRole


def names(office: Office, number: str) -> list[str]:
    """The follow-up actions the document's form declares."""
    doc = document_by_number(number)
    return [f.id for f in registry.followups_of(office, registry.form_by_definition_id(office, doc.definition_id))]


def complete(office: Office, me: str, number: str, action: str, comment: str = "") -> str:
    """`me` completes the follow-up `action` of a document (its assignee, or someone with a role in `also`).

    A tracked row's follow-up (`<table>-<n>`) may be done as soon as it started, also while the
    document is still in progress (rows tracked from a step).

    The follow-up's `check` hooks may refuse first; done after its due day, the document gets the
    overdue flag too (as `remind` would have given it)."""
    now = office.clock.now()
    with database.atomic():
        user = user_by_login(me)
        doc = document_by_number(number)
        form, _ = values_of(office, doc)
        followup = registry.followup_of(office, form, action, doc.fields)
        row = followup is not None and followup.due is None  # a tracked row's, started at its event
        if followup is None or (row and action not in ((doc.state or {}).get("followups") or {})):
            raise TransitionNotAllowed("unknown_action", action=action)
        checks = extensions.followup_checks()
        for name in followup.check:
            if name not in checks:
                raise OfficeError(message=f"{form.id}: no installed workflow has the follow-up check {name!r}")
            checks[name](office, doc, followup, user)
        if doc.status != engine.APPROVED and not (row and doc.status == engine.IN_PROGRESS):
            raise TransitionNotAllowed("not_in_state", action=followup.title, status=t(f"status.{doc.status}"))
        tasks = list(Task.select().where((Task.document == doc) & (Task.kind == KIND) & (Task.step == action)))
        open_tasks = [task for task in tasks if task.status == "open"]
        if not open_tasks:
            raise OfficeError(message=t("workflow.followup_done_already", number=number, title=followup.title))
        mine = [task for task in open_tasks if task.assignee_id == user.id]
        roles = _roles(user)
        if not mine and not roles & set(followup.also):
            raise PermissionDenied("permission_denied")
        for task in open_tasks:
            task.status, task.decision, task.acted_at, task.acted_by = "done", action, now, user.id
            task.comment = comment
            task.version += 1
            task.save()
        state = dict(doc.state or {})
        done = dict(state.get("followups") or {})
        done[action] = {**done.get(action, {}), "done_at": now.isoformat(), "by": user.login}
        state["followups"] = done
        doc.state = state
        late = any(task.due_at is not None and now > task.due_at for task in open_tasks)
        if late and followup.overdue_flag:
            doc.flags = _flagged(doc.flags or [], followup, _due(doc, followup, open_tasks[0]))
        doc.updated_at = now
        doc.version += 1
        doc.save()
        task = (mine or open_tasks)[0]
        audit.record(document_id=doc.id, task_id=task.id, actor_id=user.id,
                     on_behalf_of_id=task.assignee_id if task.assignee_id != user.id else None, action=action,
                     step=action, comment=comment, at=now,
                     definition_version=registry.definition_row(office, doc.definition_id).version)
    if followup.done_message:
        return t(followup.done_message, number=number, title=followup.title)
    return t("workflow.followup_done", number=number, title=followup.title)


def _roles(user) -> set[str]:  # noqa: ANN001
    return {code for (code,) in UserRole.select(Role.code).join(Role).where(UserRole.user == user).tuples()}


def open_for(office: Office, me: str, number: str) -> list[tuple[str, str]]:
    """(id, title) of the follow-ups `me` may complete on document `number` now, in the order they
    started: an open follow-up task of theirs (a `[[followups]]` task, a tracked row's, one a date
    trigger made), or one anybody with a role in its `also` may complete (what a key offers)."""
    user = user_by_login(me)
    doc = document_by_number(number)
    form, _ = values_of(office, doc)
    roles = _roles(user)
    out: dict[str, str] = {}
    for step, assignee in Task.select(Task.step, Task.assignee).where(
            (Task.document == doc) & (Task.kind == KIND) & (Task.status == "open")).order_by(Task.id).tuples():
        followup = registry.followup_of(office, form, step, doc.fields)
        if followup is not None and step not in out and (assignee == user.id or roles & set(followup.also)):
            out[step] = followup.title
    return list(out.items())


def _due(doc: Document, followup: FollowupDef, task: Task) -> str:
    return ((doc.state or {}).get("followups") or {}).get(followup.id, {}).get("due") or f"{task.due_at:%Y-%m-%d}"


def _flagged(flags: list[dict], followup: FollowupDef, due: str) -> list[dict]:
    if any(f.get("flag") == followup.overdue_flag for f in flags):
        return flags
    return [*flags, {"flag": followup.overdue_flag, "due": due}]


def _told(followup: FollowupDef, doc: Document, task: Task) -> list[int]:
    """Who hears that the follow-up is overdue: its `overdue_notify` rules, else its assignees."""
    if not followup.overdue_notify:
        return [task.assignee_id]
    known = resolvers()
    values = dict(doc.fields or {})
    people = {u.id for rule in followup.overdue_notify
              for u in (known[rule.kind](rule, doc, values) if rule.kind in known else []) if u is not None and u.active}
    return sorted(people)


def sweep(office: Office) -> list[str]:
    """What `remind` adds: the overdue flag of each follow-up not done by the end of its due day,
    and its notice to whom the follow-up names."""
    now = office.clock.now()
    lines: list[str] = []
    with database.atomic():
        overdue = (Task.select(Task, Document).join(Document)
                   .where((Task.kind == KIND) & (Task.status == "open") & (Task.due_at < now)).order_by(Task.id))
        for task in overdue:
            doc = task.document
            form = registry.form_by_definition_id(office, doc.definition_id)
            followup = registry.followup_of(office, form, task.step, doc.fields)
            if followup is None or not followup.overdue_flag:
                continue
            if any(f.get("flag") == followup.overdue_flag for f in doc.flags or []):
                continue
            due = _due(doc, followup, task)
            doc.flags = _flagged(doc.flags or [], followup, due)
            doc.updated_at = now
            doc.version += 1
            doc.save()
            audit.record(document_id=doc.id, actor_id=None, action="flag", step=followup.id, at=now,
                         comment=followup.overdue_flag, changes={"flag": followup.overdue_flag, "due": due},
                         definition_version=registry.definition_row(office, doc.definition_id).version)
            initiator = doc.initiator
            name = pick(initiator.name_en or initiator.name, initiator.name)
            for user_id in _told(followup, doc, task):
                notify(user_id, doc, followup.overdue_notice, now, due=due, name=name)
            if followup.overdue_notice in CORE_NOTICES or not has_notice_words(followup.overdue_notice):
                lines.append(f"{doc.number}: {followup.overdue_flag} (due {due})")
            else:
                lines.append(notice_text(followup.overdue_notice, doc, due=due, name=name))
    return lines
