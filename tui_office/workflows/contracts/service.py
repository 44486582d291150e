"""Provides the contracts area's use cases: registering a contract and its supplements, opening a
settlement, marking its handover list, sending it; and what the area's rules, hooks and assignee
rule ask of the database.

Each use case is one transaction that checks permission, changes what it says and writes the
audit row — or raises and changes nothing. The review chain itself is the engine's
(`tui-office act …` on the settlement; `declare-conflict` to stand aside).
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from tui_office import resources
from tui_office.domain import engine
from tui_office.domain.errors import NotFound, OfficeError, PermissionDenied, TransitionNotAllowed, ValidationError, \
    ValidationFailed
from tui_office.domain.field_coercion import plain_line
from tui_office.i18n import t
from tui_office.services import attachments, audit, registry, start_from, workflow
from tui_office.services.numbering import renumber, scheme_number
from tui_office.services.office import Office
from tui_office.services.workflow import user_by_login
from tui_office.store import documents as document_rows
from tui_office.store.db import database
from tui_office.store.models import Department, Document, Role, User, UserRole
from tui_office.workflows.contracts import categories, rules
from tui_office.workflows.contracts.categories import Catalogue
from tui_office.workflows.contracts.models import SettlementItem

CONTRACT = "contract"
SUPPLEMENT = "contract_supplement"
SETTLEMENT = "contract_settlement"
JOINT_REVIEW = "contract_joint_review"
FORMS = (CONTRACT, SUPPLEMENT, SETTLEMENT, JOINT_REVIEW)
MARK = "contracts.mark"
"""The audit action of marking a handover-list item."""
TABLES = "contracts.tables"
"""`Document.state` key of a settlement's numbered tables: {"preliminary": {...}, "confirmation": {...}}."""
MANAGERS = ("admin",)
"""Roles that may choose another handling department and act for any department."""
SETTLED = (engine.IN_PROGRESS, engine.APPROVED, engine.RETURNED, engine.DRAFT)
"""States in which a settlement holds its contract (one settlement at a time)."""

_cache: dict[str, tuple[float, Catalogue]] = {}


def categories_file() -> str:
    """Where the office's categories and checklists are (`data/contracts/contract_categories.toml`)."""
    return os.environ.get("TUI_OFFICE_CONTRACT_CATEGORIES") or str(resources.bundled("data", "contracts", "contract_categories.toml"))


def catalogue() -> Catalogue:
    """The categories file, read again when it changes."""
    path = categories_file()
    try:
        stamp = os.stat(path).st_mtime
    except OSError:
        stamp = -1.0
    cached = _cache.get(path)
    if cached is None or cached[0] != stamp:
        cached = (stamp, categories.load(Path(path)))
        _cache[path] = cached
    return cached[1]


def _roles(user: User) -> set[str]:
    return {code for (code,) in UserRole.select(Role.code).join(Role).where(UserRole.user == user).tuples()}


def _department_code(department_id: int | None) -> str:
    dept = Department.get_or_none(Department.id == department_id) if department_id else None
    return dept.code if dept is not None else ""


def _contract_doc(number: str) -> Document:
    doc = document_rows.by_number(number)
    if doc is None or doc.form_id != CONTRACT or doc.status in (engine.DRAFT, engine.DISCARDED):
        raise NotFound("contracts_no_contract", number=number)
    return doc


def is_contract(number: str) -> bool:
    """Whether `number` names a registered contract (else: try it as a settlement)."""
    doc = document_rows.by_number(number)
    return doc is not None and doc.form_id == CONTRACT


def _settlement_doc(number: str) -> Document:
    doc = document_rows.by_number(number)
    if doc is None or doc.form_id != SETTLEMENT:
        raise NotFound("contracts_no_settlement", number=number)
    return doc


def _version(office: Office, doc: Document) -> int:
    return registry.definition_row(office, doc.definition_id).version


# ----------------------------------------------------------------------------- register

NUMBER_FORMAT = re.compile(r"HT-\d{4}-\d{4,6}\Z")
"""The office's contract numbers (what `number = "HT-{yyyy}-{seq}"` of the contract form makes)."""


def register(office: Office, me: str, values: dict, number: str | None = None) -> str:
    """Register a signed contract; the rules check the category and that only an administrator
    names another handling department. Its number is the next `HT-YYYY-NNNN`, or `number` — the
    one the signed original already carries — refused when it is not of that form or is taken."""
    if number is None:
        return workflow.submit(office, me, CONTRACT, values)
    number = plain_line(str(number), "number").strip()
    if not NUMBER_FORMAT.match(number):
        raise ValidationFailed([ValidationError("number", "contracts_bad_number", value=number[:40])])
    with database.atomic():
        given = workflow.submit(office, me, CONTRACT, values)
        doc = document_rows.by_number(given)
        renumber(office, doc, number, office.clock.now(), doc.initiator_id)
        workflow.save_changes(doc)
        return number


def supplement(office: Office, me: str, contract: str, values: dict) -> str:
    """Register a supplement or amendment of `contract`, linked to it."""
    with database.atomic():
        _contract_doc(contract)
        return start_from.submit(office, me, SUPPLEMENT, contract, {**values, "contract": contract})


def fill_department(office: Office, doc: Document, form, values: dict) -> None:
    """Hook (`on_submitted` of a contract): an empty handling department becomes the category's."""
    if values.get("department"):
        return
    category = catalogue().category(values.get("category") or "")
    if category is not None:
        doc.fields = {**(doc.fields or {}), "department": category.department}
        workflow.save_changes(doc)


# ----------------------------------------------------------------------------- settlement

def _may_handle(user: User, department: str) -> bool:
    return _department_code(user.department_id) == department or bool(_roles(user) & set(MANAGERS))


def open_settlement(office: Office, me: str, contract: str, applicant: str) -> str:
    """Open a settlement of `contract` (a draft with the category's handover list, every item
    missing) for a clerk of its handling department; returns the settlement's number."""
    applicant = plain_line(applicant or "", "applicant").strip()
    if not applicant:
        raise ValidationFailed([ValidationError("applicant", "required")])
    if len(applicant) > 100:
        raise ValidationFailed([ValidationError("applicant", "too_long", max=100)])
    registry.sync(office)
    with database.atomic():
        user = user_by_login(me)
        doc = _contract_doc(contract)
        fields = doc.fields or {}
        category = catalogue().category(fields.get("category") or "")
        if category is None:
            raise OfficeError("contracts_unknown_category", category=fields.get("category"),
                              known=", ".join(catalogue().categories))
        department = fields.get("department") or category.department
        if not _may_handle(user, department):
            raise PermissionDenied("contracts_not_handling", number=contract, department=department)
        other = open_settlement_of(contract, None)
        if other:
            raise OfficeError("contracts_already_settling", number=contract, settlement=other)
        number = workflow.submit(office, me, SETTLEMENT, {
            "contract": contract, "category": category.code, "department": department,
            "project_code": fields.get("project_code"), "applicant": applicant,
        }, draft=True)
        settlement = document_rows.by_number(number)
        for item in category.checklist:
            SettlementItem.create(document_id=settlement.id, item=item)
        return number


def open_settlement_of(contract: str, besides: int | None) -> str:
    """The number of a settlement of `contract` still open or done (not this one), or ""."""
    query = Document.select(Document.number, Document.id, Document.fields).where(
        (Document.form_id == SETTLEMENT) & Document.status.in_(SETTLED))
    for doc in query:
        if doc.id != besides and (doc.fields or {}).get("contract") == contract:
            return doc.number
    return ""


@dataclass(frozen=True)
class Mark:
    """What a clerk says of one checklist item."""

    status: str
    reason: str = ""
    pages: int | None = None
    file: str = ""


def _markable(user: User, doc: Document) -> None:
    if doc.initiator_id != user.id:
        raise PermissionDenied("contracts_not_your_handover", number=doc.number)
    if doc.status in (engine.DRAFT, engine.RETURNED):
        return
    clerk_turn = doc.status == engine.IN_PROGRESS and doc.step == "clerk"
    if not clerk_turn:
        raise TransitionNotAllowed("contracts_handover_closed", number=doc.number)


def mark(office: Office, me: str, number: str, item: str, given: Mark) -> str:
    """Mark item `item` of settlement `number`'s handover list (its clerk, while it is a draft,
    returned, or at the clerk's own review)."""
    if given.status not in rules.STATUSES:
        raise ValidationFailed([ValidationError("status", "contracts_bad_status", value=str(given.status)[:40],
                                                allowed=", ".join(rules.STATUSES))])
    reason = plain_line(given.reason or "", "reason").strip()
    if given.status == rules.NOT_APPLICABLE and not reason:
        raise ValidationFailed([ValidationError("reason", "contracts_reason_required")])
    if len(reason) > rules.MAX_REASON:
        raise ValidationFailed([ValidationError("reason", "too_long", max=rules.MAX_REASON)])
    if given.pages is not None and (isinstance(given.pages, bool) or not isinstance(given.pages, int)
                                    or not 0 <= given.pages <= rules.MAX_PAGES):
        raise ValidationFailed([ValidationError("pages", "contracts_bad_pages", max=rules.MAX_PAGES)])
    now = office.clock.now()
    reference = attachments.reference(given.file, "file", now)[0] if given.file else None
    with database.atomic():
        user = user_by_login(me)
        doc = _settlement_doc(number)
        _markable(user, doc)
        row = SettlementItem.get_or_none((SettlementItem.document_id == doc.id) & (SettlementItem.item == item))
        if row is None:
            category = (doc.fields or {}).get("category") or ""
            raise ValidationFailed([ValidationError("item", "contracts_not_on_list", item=str(item)[:40],
                                                    category=category,
                                                    items=", ".join(catalogue().categories[category].checklist)
                                                    if category in catalogue().categories else "")])
        before = {"status": row.status, "reason": row.reason, "pages": row.pages, "file": row.file}
        row.status, row.reason = given.status, reason if given.status == rules.NOT_APPLICABLE else ""
        row.pages = given.pages if given.status == rules.RECEIVED else None
        row.file = json.dumps(reference, sort_keys=True) if reference and given.status == rules.RECEIVED else ""
        row.marked_by, row.marked_at = user.id, now
        row.save()
        after = {"status": row.status, "reason": row.reason, "pages": row.pages, "file": row.file}
        audit.record(document_id=doc.id, actor_id=user.id, action=MARK, step=doc.step or "", at=now,
                     comment=item, definition_version=_version(office, doc),
                     changes={"item": item, "changed": [[k, before[k], after[k]] for k in after if before[k] != after[k]]})
        doc.updated_at = now
        doc.version += 1
        workflow.save_changes(doc)
    return t("contracts.marked", item=catalogue().items[item].label, status=t(f"contracts.status.{given.status}"))


def send(office: Office, me: str, number: str) -> str:
    """Send the handover of settlement `number` on its way (refused while a required item is missing)."""
    with database.atomic():
        _settlement_doc(number)
    return workflow.submit(office, me, None, {}, number=number)


def marks_of(document_id: int) -> dict[str, SettlementItem]:
    """The handover-list rows of a settlement, by item."""
    return {row.item: row for row in SettlementItem.select().where(SettlementItem.document_id == document_id)}


# ----------------------------------------------------------------------------- the engine's questions

class Lookup:
    """What the area's rules ask (`RuleContext.lookup`)."""

    def category_codes(self) -> list[str]:
        return list(catalogue().categories)

    def department_of(self, code: str) -> str | None:
        category = catalogue().category(code)
        return category.department if category is not None else None

    def contract(self, number: str) -> dict | None:
        doc = document_rows.by_number(str(number))
        if doc is None or doc.form_id != CONTRACT:
            return None
        fields = dict(doc.fields or {})
        fields["department"] = fields.get("department") or self.department_of(fields.get("category") or "")
        return fields

    def open_settlement(self, number: str, besides: int | None) -> str:
        return open_settlement_of(str(number), besides)

    def missing_items(self, document_id: int, category: str) -> list[str]:
        found = catalogue().category(category)
        if found is None:
            return []
        marks = {item: row.status for item, row in marks_of(document_id).items()}
        return [catalogue().items[item].label for item in rules.missing_required(found.required, marks)]


def lookup_for(office: Office) -> Lookup:
    return Lookup()


def rule_context(office: Office, initiator: User) -> dict:
    return {"contracts_admin": bool(_roles(initiator) & set(MANAGERS))}


def cost_reviewers(rule, document: Document, values: dict) -> list[User]:
    """Assignee rule `{ cost_reviewers = "<department code>" }`: the department's people except its
    head (the head signs at their own step)."""
    dept = Department.get_or_none(Department.code == rule.value)
    if dept is None:
        return []
    return [u for u in User.select().where((User.department == dept) & (User.active == True)).order_by(User.id)  # noqa: E712
            if u.id != dept.manager_id]


def _issue(office: Office, doc: Document, kind: str, pattern: str, amount: object, now: datetime) -> None:
    tables = dict((doc.state or {}).get(TABLES) or {})
    if kind in tables:
        return  # issued once: a return and a second approval keep the number
    project = str((doc.fields or {}).get("project_code") or "")
    number = scheme_number(f"{SETTLEMENT}.{kind}", pattern, {"project": project}, now)
    tables[kind] = {"number": number, "amount": str(amount), "at": now.replace(microsecond=0).isoformat()}
    doc.state = {**(doc.state or {}), TABLES: tables}
    audit.record(document_id=doc.id, actor_id=None, action=f"contracts.{kind}_table", step=doc.step or "", at=now,
                 comment=number, definition_version=_version(office, doc), changes={kind: number})
    workflow.save_changes(doc)


def issue_tables(office: Office, doc: Document, form, values: dict) -> None:
    """Hook (`on_step` of a settlement). Entering the department head's step issues the
    preliminary opinion table (its amount must match a calculation sheet's total); entering the
    cost head's step issues the confirmation table, refused while the verified amount differs from
    the preliminary one by more than the allowed percentage without a joint-review record;
    entering legal review needs that record signed by everyone in it."""
    now = office.clock.now()
    book = catalogue()
    if doc.step == "dept_head":
        amount = Decimal(str(values.get("settlement_amount")))
        sheet = values.get("calc") or []
        if sheet and rules.calc_total(sheet) != amount:
            raise OfficeError("contracts_total_mismatch", amount=amount, total=rules.calc_total(sheet))
        _issue(office, doc, "preliminary", book.preliminary_number, amount, now)
    elif doc.step == "cost_head":
        preliminary = Decimal(str(values.get("settlement_amount")))
        verified = Decimal(str(values.get("verified_amount")))
        if rules.needs_joint_review(preliminary, verified, book.max_difference_percent) and not values.get("joint_review"):
            raise OfficeError("contracts_joint_review_required", difference=rules.difference_percent(preliminary, verified),
                              limit=book.max_difference_percent)
        _issue(office, doc, "confirmation", book.confirmation_number, verified, now)
    elif doc.step == "legal" and values.get("joint_review"):
        record = document_rows.by_number(str(values["joint_review"]))
        if record is None or record.status != engine.APPROVED:
            raise OfficeError("contracts_joint_review_unsigned", number=values["joint_review"])
