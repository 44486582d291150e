"""Provides the contracts area's pure rules: checklist states and counts, the calculation sheet's
total, how far the verified amount is from the preliminary one, and the rules the contract and
settlement forms name (`rules = ["contracts.…"]`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

from tui_office.domain.errors import ValidationError
from tui_office.domain.rules import RuleContext
from tui_office.i18n import t

RECEIVED = "received"
NOT_APPLICABLE = "not_applicable"
MISSING = "missing"
STATUSES = (RECEIVED, NOT_APPLICABLE, MISSING)
"""What a checklist item may be marked."""
MAX_REASON = 200
MAX_PAGES = 100000


def missing_required(required: Iterable[str], marks: Mapping[str, str]) -> list[str]:
    """The required items neither received nor marked not applicable, in checklist order."""
    return [item for item in required if marks.get(item, MISSING) == MISSING]


def counts(marks: Mapping[str, str], checklist: Iterable[str]) -> dict[str, int]:
    """How many items of the checklist are received, not applicable and missing."""
    out = {status: 0 for status in STATUSES}
    for item in checklist:
        out[marks.get(item, MISSING)] += 1
    return out


def calc_total(rows: Iterable[Mapping]) -> Decimal:
    """The total of a calculation sheet's amounts."""
    return sum((Decimal(str(row.get("amount") or 0)) for row in rows), Decimal("0.00"))


def difference_percent(preliminary: Decimal, verified: Decimal) -> Decimal:
    """How far the verified amount is from the preliminary one, in percent of the preliminary
    (rounded to 0.01); a preliminary of zero: 0 when both are zero, else 100."""
    if preliminary == 0:
        return Decimal("0.00") if verified == 0 else Decimal("100.00")
    return (abs(verified - preliminary) * 100 / preliminary).quantize(Decimal("0.01"))


def needs_joint_review(preliminary: Decimal, verified: Decimal, limit: Decimal) -> bool:
    """Whether the difference is more than the allowed percentage."""
    return difference_percent(preliminary, verified) > limit


def _category(ctx: RuleContext) -> list[ValidationError]:
    code = ctx.values.get("category")
    known = ctx.lookup.category_codes()
    if code and code not in known:
        return [ValidationError("category", "contracts_unknown_category", category=code, known=", ".join(known))]
    return []


def _department(ctx: RuleContext) -> list[ValidationError]:
    chosen, code = ctx.values.get("department"), ctx.values.get("category")
    expected = ctx.lookup.department_of(code) if code else None
    if chosen and expected and chosen != expected and not ctx.extra.get("contracts_admin"):
        return [ValidationError("department", "contracts_department_admin_only", department=expected)]
    return []


def _settlement_contract(ctx: RuleContext) -> list[ValidationError]:
    number = ctx.values.get("contract")
    contract = ctx.lookup.contract(number) if number else None
    if contract is None:
        return []  # the link check names a number that is not a contract
    wrong = [key for key in ("category", "department", "project_code")
             if str(ctx.values.get(key) or "") != str(contract.get(key) or "")]
    out = [ValidationError(key, "contracts_not_the_contracts", number=number, value=str(contract.get(key) or ""))
           for key in wrong]
    other = ctx.lookup.open_settlement(number, ctx.document_id)
    if other:
        out.append(ValidationError("contract", "contracts_already_settling", number=number, settlement=other))
    return out


def _checklist_complete(ctx: RuleContext) -> list[ValidationError]:
    if ctx.document_id is None:
        return [ValidationError("checklist", "contracts_open_first")]
    missing = ctx.lookup.missing_items(ctx.document_id, ctx.values.get("category") or "")
    if missing:
        return [ValidationError("checklist", "contracts_items_missing", count=len(missing),
                                items=t("contracts.list_separator").join(missing))]
    return []


RULES = {
    "contracts.category": _category,
    "contracts.department": _department,
    "contracts.settlement_contract": _settlement_contract,
    "contracts.checklist_complete": _checklist_complete,
}
