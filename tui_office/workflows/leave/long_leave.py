"""Provides the general manager's answer to a long-leave review (长假审核): personal leave over the
limits is treated as resignation unless the general manager grants a written exception. The answer
— `exception` (with its written reason) or `resignation` — is kept on the document's
`long_leave_review` flag (`answer`, `answer_reason`, `answered_by`, `answered_at`), so the document view,
HR's view and `show --json` show it, and it is in the audit trail (`long_leave_answer`).
"""

from __future__ import annotations

from tui_office.domain.errors import Conflict, OfficeError, PermissionDenied
from tui_office.domain.field_coercion import refuse_controls
from tui_office.i18n import t
from tui_office.services import audit, registry
from tui_office.services.office import Office
from tui_office.services.permissions import has_role
from tui_office.services.workflow import document_by_number, notify, save_changes, user_by_login
from tui_office.store.db import database
from tui_office.store.models import Document, User
from tui_office.workflows.leave import rules

FORM_ID = "leave"

ANSWERS = ("exception", "resignation")
"""What the general manager may answer: a written exception, or the leave counts as resignation."""
ANSWERING_ROLE = "gm"
REASON_MAX = 1000
"""Longest written reason, in characters."""
AUDIT_ACTION = "long_leave_answer"


def _reason(answer: str, reason: object) -> str:
    text = reason.strip() if isinstance(reason, str) else ""
    refuse_controls(text, "reason", multiline=True)
    if len(text) > REASON_MAX:
        raise OfficeError("long_leave_reason_long", max=REASON_MAX)
    if answer == "exception" and not text:
        raise OfficeError("long_leave_reason_required")
    return text


def _waiting(me: str, number: str) -> tuple[User, Document, list[dict], dict]:
    """The general manager, the leave, its flags and its long-leave flag still waiting for an answer;
    or why it cannot be answered."""
    user = user_by_login(me)
    if not has_role(me, ANSWERING_ROLE):
        raise PermissionDenied("long_leave_gm_only")
    doc = document_by_number(number)
    if doc.form_id != FORM_ID:
        raise OfficeError("not_a_leave", number=number)
    flags = [dict(f) for f in doc.flags or []]
    flag = next((f for f in flags if f.get("flag") == rules.LONG_FLAG), None)
    if flag is None or doc.status not in rules.LIVE_STATUSES:
        raise OfficeError("long_leave_not_flagged", number=number)
    if flag.get("answer"):
        who = User.get_or_none(User.login == flag.get("answered_by"))
        raise Conflict("long_leave_answered", number=number, name=who.name if who else flag.get("answered_by"),
                       at=str(flag.get("answered_at", ""))[:16].replace("T", " "))
    return user, doc, flags, flag


def check(office: Office, me: str, number: str) -> None:
    """Raise why `me` cannot answer the long-leave review of leave `number` now (read-only)."""
    _waiting(me, number)


def answer(office: Office, me: str, number: str, choice: str, reason: str = "") -> str:
    """Record the general manager's answer to the long-leave review of leave `number` (once)."""
    if choice not in ANSWERS:
        raise OfficeError("long_leave_answer_unknown", value=str(choice)[:40], answers=", ".join(ANSWERS))
    text = _reason(choice, reason)
    now = office.clock.now()
    with database.atomic():
        user, doc, flags, flag = _waiting(me, number)
        flag.update(answer=choice, answer_reason=text, answered_by=user.login,
                    answered_at=now.isoformat(timespec="seconds"))
        doc.flags = flags
        doc.updated_at = now
        doc.version += 1
        save_changes(doc)
        audit.record(document_id=doc.id, actor_id=user.id, action=AUDIT_ACTION, at=now, comment=text,
                     changes={"answer": choice}, definition_version=registry.definition_row(office, doc.definition_id).version)
        notify(doc.initiator_id, doc, f"long_leave_{choice}", now)
    return t(f"leave.long_answered.{choice}", number=number)
