"""Provides the equipment-loan use cases: the keeper resolver, scheduling and completing the
return follow-up, the overdue sweep, and the borrower's list of loans."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from tests.workflows.equipment_loan import rules
from tui_office.domain import engine
from tui_office.domain.errors import NotFound, OfficeError, PermissionDenied
from tui_office.i18n import t
from tui_office.services import audit, registry
from tui_office.services.office import Office
from tui_office.services.workflow import document_by_number, notify, user_by_login
from tui_office.store.db import database
from tui_office.store.models import Document, Task, User

FORM_ID = "equipment_loan"
ACTION = "return-equipment"
"""The follow-up's action (and task step): `tui-office act return-equipment NUMBER`."""
KIND = "followup"


@dataclass(frozen=True)
class Loan:
    number: str
    item: str
    status: str
    due: str | None
    returned_at: str | None
    overdue: bool
    link: str | None

    def to_json(self) -> dict:
        return {"number": self.number, "item": self.item, "status": self.status, "due": self.due,
                "returned_at": self.returned_at, "overdue": self.overdue, "link": self.link}


def keeper_of(rule, document: Document, values: dict) -> list[User]:
    """Assignee resolver `keeper_of = "FIELD"`: the keeper of the kind of item named in that field."""
    login = rules.KEEPERS.get(str(values.get(rule.value) or ""))
    user = User.get_or_none((User.login == login) & (User.active == True)) if login else None  # noqa: E712
    return [user] if user is not None else []


def schedule_return(office: Office, doc: Document, form, values: dict) -> None:
    """On approval: the borrower gets a task to return the item, due `return_days` working days on."""
    now = office.clock.now()
    due = rules.return_due(now.date(), int(form.params.get("return_days", 3)), office.calendar)
    state = dict(doc.state or {})
    state["return"] = {"due": due.isoformat(), "returned_at": None}
    doc.state = state
    doc.save()
    Task.create(document=doc, step=ACTION, round=doc.round, kind=KIND, assignee=doc.initiator_id, created_at=now,
                due_at=rules.return_deadline(due) - timedelta(seconds=1))
    notify(doc.initiator_id, doc, "new_task", now)


def return_equipment(office: Office, me: str, number: str, comment: str = "") -> str:
    """The borrower (or the keeper) records that the item is back."""
    now = office.clock.now()
    with database.atomic():
        user = user_by_login(me)
        doc = document_by_number(number)
        if doc.form_id != FORM_ID:
            raise NotFound("no_such_document", number=number)
        keeper = rules.KEEPERS.get(str((doc.fields or {}).get("item")))
        if doc.initiator_id != user.id and user.login != keeper:
            raise PermissionDenied(message=t("equipment.not_yours", number=number))
        if doc.status != engine.APPROVED:
            raise OfficeError(message=t("equipment.not_approved", number=number))
        state = dict(doc.state or {})
        info = dict(state.get("return") or {})
        if info.get("returned_at"):
            raise OfficeError(message=t("equipment.already_returned", number=number, at=info["returned_at"][:16]))
        info["returned_at"] = now.isoformat()
        state["return"] = info
        doc.state = state
        doc.version += 1
        doc.save()
        task = Task.get_or_none((Task.document == doc) & (Task.kind == KIND) & (Task.status == "open"))
        if task is not None:
            task.status, task.decision, task.acted_at, task.acted_by = "done", ACTION, now, user.id
            task.version += 1
            task.save()
        audit.record(document_id=doc.id, task_id=task.id if task else None, actor_id=user.id, action=ACTION,
                     step=ACTION, comment=comment, at=now,
                     definition_version=registry.definition_row(office, doc.definition_id).version)
    return t("equipment.returned", number=number)


def sweep_overdue(office: Office) -> list[str]:
    """What `remind` runs for equipment: flag approved loans whose item is not back in time."""
    now = office.clock.now()
    lines = []
    with database.atomic():
        for doc in Document.select().where((Document.form_id == FORM_ID) & (Document.status == engine.APPROVED)):
            info = (doc.state or {}).get("return") or {}
            if not info.get("due") or info.get("returned_at"):
                continue
            if any(f.get("flag") == rules.OVERDUE for f in doc.flags or []):
                continue
            if now < rules.return_deadline(datetime.fromisoformat(info["due"]).date()):
                continue
            doc.flags = [*(doc.flags or []), {"flag": rules.OVERDUE, "number": doc.number, "due": info["due"]}]
            doc.version += 1
            doc.save()
            notify(doc.initiator_id, doc, rules.OVERDUE, now)
            lines.append(f"{doc.number}: {rules.OVERDUE} (due {info['due']})")
    return lines


def loans(office: Office, me: str) -> list[Loan]:
    """My equipment loans, newest first."""
    user = user_by_login(me)
    out = []
    query = (Document.select().where((Document.form_id == FORM_ID) & (Document.initiator == user)
                                     & (Document.status.not_in(("draft", "discarded")))).order_by(Document.id.desc()))
    for doc in query:
        info = (doc.state or {}).get("return") or {}
        out.append(Loan(doc.number, str((doc.fields or {}).get("item")), doc.status, info.get("due"),
                        info.get("returned_at"), any(f.get("flag") == rules.OVERDUE for f in doc.flags or []),
                        (doc.fields or {}).get("for_document") or None))
    return out


def linked(office: Office, number: str) -> str | None:
    """The document a loan names in `for_document` (its number), checked to exist."""
    doc = document_by_number(number)
    link = (doc.fields or {}).get("for_document")
    if link:
        document_by_number(link)
    return link or None

