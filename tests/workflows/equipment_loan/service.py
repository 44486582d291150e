"""Provides the equipment-loan use cases: the keeper resolver and the borrower's list of loans
(the return itself is a `[[followups]]` of the form, run by the core)."""

from __future__ import annotations

from dataclasses import dataclass
from tests.workflows.equipment_loan import rules
from tui_office.services.office import Office
from tui_office.services.workflow import document_by_number, user_by_login
from tui_office.store.models import Document, User

FORM_ID = "equipment_loan"
ACTION = "return-equipment"
"""The form's follow-up: `tui-office act return-equipment NUMBER`."""


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


def loans(office: Office, me: str) -> list[Loan]:
    """My equipment loans, newest first."""
    user = user_by_login(me)
    out = []
    query = (Document.select().where((Document.form_id == FORM_ID) & (Document.initiator == user)
                                     & (Document.status.not_in(("draft", "discarded")))).order_by(Document.id.desc()))
    for doc in query:
        info = ((doc.state or {}).get("followups") or {}).get(ACTION) or {}
        out.append(Loan(doc.number, str((doc.fields or {}).get("item")), doc.status, info.get("due"),
                        info.get("done_at"), any(f.get("flag") == rules.OVERDUE for f in doc.flags or []),
                        (doc.fields or {}).get("for_document") or None))
    return out


def linked(office: Office, number: str) -> str | None:
    """The document a loan names in `for_document` (its number), checked to exist."""
    doc = document_by_number(number)
    link = (doc.fields or {}).get("for_document")
    if link:
        document_by_number(link)
    return link or None

