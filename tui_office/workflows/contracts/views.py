"""Provides what the contracts CLI and screens show: the register, one contract with its
supplements and settlements, and one settlement with its handover list, calculation sheet, the
two numbered review tables and their signatures.

Read-only; who may see what: the register and a contract — the cost, legal, archive and
administrator roles, the general manager and the handling department's people; a settlement —
whoever may see the document (`services/queries.show`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal

from tui_office.domain import engine
from tui_office.domain.errors import PermissionDenied
from tui_office.i18n import pick, t
from tui_office.services import queries
from tui_office.services.office import Office
from tui_office.services.workflow import user_by_login
from tui_office.store.models import Department, Document, User
from tui_office.workflows.contracts import rules
from tui_office.workflows.contracts.service import (
    CONTRACT, MARK, SETTLEMENT, SUPPLEMENT, TABLES, _contract_doc, _roles, catalogue, marks_of,
)

SEE_ALL = {"cost", "legal", "archive", "admin", "gm"}
"""Roles that see the whole register."""
PRELIMINARY_STEPS = ("clerk", "dept_head")
CONFIRMATION_STEPS = ("cost_clerk", "cost_head", "legal")
MAX_FILTER = 100


@dataclass(frozen=True)
class ContractRow:
    """One line of the register."""

    number: str
    title: str
    counterparty: str
    category: str
    department: str
    project: str
    amount: str
    signed_date: str
    status: str

    def to_json(self) -> dict:
        return dict(self.__dict__)


def _department_name(code: str) -> str:
    dept = Department.get_or_none(Department.code == code) if code else None
    return pick(dept.name_en, dept.name_zh) if dept is not None else code


def _handling(fields: dict) -> str:
    category = catalogue().category(fields.get("category") or "")
    return fields.get("department") or (category.department if category else "")


def _sees(user: User, department: str, roles: set[str]) -> bool:
    if roles & SEE_ALL:
        return True
    dept = Department.get_or_none(Department.id == user.department_id) if user.department_id else None
    return dept is not None and dept.code == department


def _row(doc: Document) -> ContractRow:
    f = doc.fields or {}
    return ContractRow(number=doc.number, title=f.get("title") or "", counterparty=f.get("counterparty") or "",
                       category=f.get("category") or "", department=_handling(f),
                       project=f"{f.get('project_code') or ''} {f.get('project_name') or ''}".strip(),
                       amount=str(f.get("amount") or ""), signed_date=str(f.get("signed_date") or ""), status=doc.status)


def register(office: Office, me: str, text: str = "") -> list[ContractRow]:
    """The contracts `me` may see, newest first; `text` keeps those whose number, title,
    counterparty, category or project holds it (case-insensitive)."""
    if len(text) > MAX_FILTER:
        text = text[:MAX_FILTER]
    user = user_by_login(me)
    roles = _roles(user)
    needle = text.strip().casefold()
    rows = []
    for doc in Document.select().where((Document.form_id == CONTRACT) & Document.status.not_in(
            [engine.DRAFT, engine.DISCARDED])).order_by(Document.id.desc()):
        row = _row(doc)
        if not _sees(user, row.department, roles):
            continue
        if needle and needle not in " ".join([row.number, row.title, row.counterparty, row.category, row.project]).casefold():
            continue
        rows.append(row)
    return rows


def _linked(form_id: str, number: str, *, drafts: bool = False) -> list[Document]:
    hidden = [engine.DISCARDED] if drafts else [engine.DRAFT, engine.DISCARDED]
    return [d for d in Document.select().where((Document.form_id == form_id) & Document.status.not_in(hidden))
            .order_by(Document.id) if (d.fields or {}).get("contract") == number]


def contract(office: Office, me: str, number: str) -> dict:
    """One contract as `contracts show HT-… --json` prints it."""
    user = user_by_login(me)
    doc = _contract_doc(number)
    row = _row(doc)
    if not _sees(user, row.department, _roles(user)):
        raise PermissionDenied("cannot_view", number=number)
    category = catalogue().category(row.category)
    return {
        **row.to_json(), "project_code": (doc.fields or {}).get("project_code"),
        "project_name": (doc.fields or {}).get("project_name"),
        "category_title": category.title if category else "", "department_name": _department_name(row.department),
        "supplements": [{"number": d.number, "kind": (d.fields or {}).get("kind"), "title": (d.fields or {}).get("title"),
                         "amount_change": (d.fields or {}).get("amount_change"),
                         "signed_date": (d.fields or {}).get("signed_date"), "status": d.status}
                        for d in _linked(SUPPLEMENT, number)],
        "settlements": [{"number": d.number, "status": d.status, "step": d.step or ""} for d in _linked(SETTLEMENT, number, drafts=True)],
    }


def _signatures(history, steps: tuple[str, ...]) -> list[dict]:
    latest: dict[str, dict] = {}
    for h in history:
        if h.step in steps and h.action in ("approve", "reject", "return"):
            latest[h.step] = {"step": h.step, "step_title": h.step_title, "login": h.actor, "name": h.actor_name,
                              "decision": h.action, "opinion": h.comment, "at": h.at.isoformat()}
    return [latest[s] for s in steps if s in latest]


def _history_comment(action: str, comment: str) -> str:
    """A handover-list mark names its item by label, not id."""
    if action == MARK and comment in catalogue().items:
        return catalogue().items[comment].label
    return comment


def _file(text: str) -> dict | None:
    return json.loads(text) if text else None


def settlement(office: Office, me: str, number: str) -> dict:
    """One settlement as `contracts show JS-… --json` prints it."""
    view = queries.show(office, me, number)
    if view.form_id != SETTLEMENT:
        from tui_office.domain.errors import NotFound
        raise NotFound("contracts_no_settlement", number=number)
    doc = Document.get(Document.number == view.number)
    f = view.fields
    book = catalogue()
    category = book.category(f.get("category") or "")
    marks = marks_of(doc.id)
    checklist = []
    for item in (category.checklist if category else ()):
        row = marks.get(item)
        checklist.append({
            "item": item, "label": book.items[item].label, "ref": book.items[item].ref,
            "required": item in category.required, "status": row.status if row else rules.MISSING,
            "reason": row.reason if row else "", "pages": row.pages if row else None,
            "file": _file(row.file) if row else None,
        })
    status_of = {c["item"]: c["status"] for c in checklist}
    calc = f.get("calc") or []
    preliminary = f.get("settlement_amount")
    verified = f.get("verified_amount")
    difference = (str(rules.difference_percent(Decimal(str(preliminary)), Decimal(str(verified))))
                  if preliminary is not None and verified is not None else None)
    tables = dict((doc.state or {}).get(TABLES) or {})
    for kind, steps in (("preliminary", PRELIMINARY_STEPS), ("confirmation", CONFIRMATION_STEPS)):
        if kind in tables:
            tables[kind] = {**tables[kind], "signatures": _signatures(view.history, steps)}
    clerk = User.get_by_id(doc.initiator_id)
    return {
        "number": view.number, "status": view.status, "step": doc.step or "",
        "step_title": view.current_steps[0].title if view.current_steps else "",
        "waiting_for": [a.name for s in view.current_steps for a in s.assignees if a.status == "open"],
        "contract": f.get("contract"), "category": f.get("category"),
        "category_title": category.title if category else "", "department": f.get("department"),
        "department_name": _department_name(f.get("department") or ""), "project_code": f.get("project_code"),
        "applicant": f.get("applicant"), "clerk": {"login": clerk.login, "name": clerk.name},
        "checklist": checklist, "counts": rules.counts(status_of, status_of),
        "missing_required": [c["item"] for c in checklist if c["required"] and c["status"] == rules.MISSING],
        "calc": {"rows": calc, "total": str(rules.calc_total(calc))},
        "amounts": {"preliminary": preliminary, "verified": verified, "difference_percent": difference,
                    "max_difference_percent": str(book.max_difference_percent)},
        "joint_review": f.get("joint_review"),
        "tables": tables,
        "history": [{**h.to_json(), "actor_name": h.actor_name,
                     "comment": _history_comment(h.action, h.comment)} for h in view.history],
        "links": view.links,
    }


def status_word(status: str) -> str:
    return t(f"contracts.status.{status}")
