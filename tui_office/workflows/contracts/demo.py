"""Provides the contracts area's demo content: three contracts (categories a, b and f), a
settlement in review with one document missing, and one whose verification needed a joint-review
record. Idempotent: nothing is added when the demo contracts are there already."""

from __future__ import annotations

from tui_office.services import decisions, workflow
from tui_office.services.office import Office
from tui_office.store import documents as document_rows
from tui_office.workflows.contracts import rules, service

CONTRACTS = [
    {"title": "Plant 2 civil works", "counterparty": "华建建设工程有限公司", "category": "a",
     "project_code": "P2026-01", "project_name": "二号厂房扩建", "amount": "1280000.00", "signed_date": "2026-03-02"},
    {"title": "空调机组采购", "counterparty": "Nordair Equipment Co.", "category": "b",
     "project_code": "P2026-01", "project_name": "二号厂房扩建", "amount": "356000.00", "signed_date": "2026-04-15"},
    {"title": "2026 秋季品牌推广", "counterparty": "Brightline Media", "category": "f",
     "project_code": "MKT-2026", "project_name": "Autumn campaign", "amount": "98000.00", "signed_date": "2026-08-20"},
]


def _receive_all(office: Office, clerk: str, number: str, missing: tuple[str, ...] = ()) -> None:
    category = service.catalogue().category(document_rows.by_number(number).fields["category"])
    for item in category.checklist:
        if item in missing:
            continue
        if item in category.required:
            service.mark(office, clerk, number, item, service.Mark(rules.RECEIVED, pages=12))
        else:
            service.mark(office, clerk, number, item, service.Mark(rules.NOT_APPLICABLE, reason="本合同不涉及"))


def load(office: Office) -> None:
    """Add the demo contracts and settlements unless they are there."""
    if any(True for _ in _existing()):
        return
    numbers = [service.register(office, "luoping", spec) for spec in CONTRACTS]
    for number in numbers:
        decisions.act(office, "zhangli", "approve", number, comment="已归档")
    service.supplement(office, "luoping", numbers[0], {"title": "Extra drainage works", "kind": "supplement",
                                                        "amount_change": "46000.00", "signed_date": "2026-06-10"})
    # a: in review at the cost department, needed a joint-review record (verified 8 % lower)
    first = service.open_settlement(office, "david", numbers[0], "李工（华建）")
    _receive_all(office, "david", first)
    service.send(office, "david", first)
    decisions.act(office, "david", "approve", first, comment="资料齐全，计算无误，同意结算。",
                  fields={"settlement_amount": "1326000.00", "calc": [
                      {"description": "合同内工程量", "quantity": "1", "unit_price": "1280000.00"},
                      {"description": "补充协议排水工程", "quantity": "1", "unit_price": "46000.00"}]})
    decisions.act(office, "mayu", "approve", first, comment="同意。")
    review = workflow.submit(office, "luoping", "contract_joint_review", {
        "settlement": first, "meeting_date": "2026-11-20", "attendees": ["luoping", "david", "xuhao"],
        "agreed_amount": "1219920.00", "summary": "经会商，核减重复计量部分，审定金额 1,219,920.00 元。"})
    for login in ("luoping", "david", "xuhao"):
        decisions.act(office, login, "approve", review, comment="同意会商结论。")
    decisions.act(office, "luoping", "approve", first, comment="核减重复计量，详见会商纪要。",
                  fields={"verified_amount": "1219920.00", "joint_review": review})
    # b: in review at the handling clerk, the material slips (not required) still missing
    second = service.open_settlement(office, "linna", numbers[1], "Mr. Olsen (Nordair)")
    _receive_all(office, "linna", second, missing=("material_slips",))
    service.send(office, "linna", second)


def _existing():
    from tui_office.store.models import Document
    return Document.select(Document.id).where(Document.form_id == service.CONTRACT).limit(1)
