"""Provides declaring a conflict of interest on a document (回避): someone asked to decide it says
they should not, with their reason.

The declaration is one use case: it is recorded on the document (its state lists who declared and
why) and in the audit trail, and the declarer's pending tasks on it are handed on by each step's
own policy — the other people of the step, else whoever the assignee rule finds without them, else
the step's `on_nobody` rule. From then on no assignee rule of this document finds them again.
"""

from __future__ import annotations

from tui_office.domain import engine
from tui_office.domain.errors import OfficeError, PermissionDenied, TransitionNotAllowed, ValidationError, ValidationFailed
from tui_office.domain.field_coercion import plain_line
from tui_office.i18n import t
from tui_office.services import audit, registry
from tui_office.services.assignment import CONFLICTS, conflicted_logins
from tui_office.services.office import Office
from tui_office.services.reroute import reroute_task
from tui_office.services.workflow import document_by_number, save_changes, user_by_login
from tui_office.store import tasks as task_rows
from tui_office.store.db import database

ACTION = "declare-conflict"
"""The audit action of a declaration."""
MAX_REASON = 500
"""Longest reason accepted, in characters."""
PENDING = ("open", "waiting")


def reason_line(text: object, missing: str = "conflict_reason_required") -> str:
    """A required one-line reason (`missing`: the error code when there is none), at most `MAX_REASON` long."""
    if not isinstance(text, str) or not text.strip():
        raise OfficeError(missing)
    if len(text) > MAX_REASON:
        raise ValidationFailed([ValidationError("reason", "too_long", max=MAX_REASON)])
    return plain_line(text, "reason").strip()


def declare(office: Office, me: str, number: str, reason: str) -> str:
    """Record that `me` has a conflict of interest on document `number` and hand their pending tasks
    on it to others; refused unless `me` is asked to act on it now (their turn or waiting for it)."""
    reason = reason_line(reason)
    now = office.clock.now()
    with database.atomic():
        user = user_by_login(me)
        doc = document_by_number(number)
        if doc.status != engine.IN_PROGRESS:
            raise TransitionNotAllowed("conflict_not_open", number=number)
        if user.login in conflicted_logins(doc):
            raise OfficeError("conflict_already", number=number)
        mine = [task for task in task_rows.others_in_round(doc.id, doc.round, 0)
                if task.assignee_id == user.id and task.status in PENDING]
        if not mine:
            raise PermissionDenied("conflict_not_asked", number=number)
        state = dict(doc.state or {})
        state[CONFLICTS] = [*state.get(CONFLICTS, []),
                            {"login": user.login, "reason": reason, "at": now.isoformat(timespec="seconds")}]
        doc.state = state
        audit.record(document_id=doc.id, actor_id=user.id, action=ACTION, step=doc.step or "", comment=reason,
                     at=now, definition_version=registry.definition_row(office, doc.definition_id).version,
                     changes={"login": user.login})
        for task in mine:
            if doc.status == engine.IN_PROGRESS and doc.round == task.round:
                reroute_task(office, doc, task, user, now, user.id)
        doc.updated_at = now
        doc.version += 1
        save_changes(doc)
    return t("conflicts.declared", number=number)
