"""Provides a purchase request with line items, a transfer (转交), a signed approval with an opinion
and an approval by the general manager's deputy on their behalf, now at purchasing: everything a
printed approval history shows."""

from __future__ import annotations

from datetime import date

import pytest

from tests.factories import demo_office
from tui_office.services import away, decisions, pins, signing, workflow


@pytest.fixture
def office(tmp_path):
    return demo_office(tmp_path)


@pytest.fixture
def number(office) -> str:
    clock = office.clock
    found = workflow.submit(office, "emily", "purchase_request", {
        "item": "Laptops", "quantity": "3", "amount": "15000", "reason": "Two new hires\nStart in December",
        "items": [{"name": "ThinkPad T14", "spec": "i7/32G", "qty": "2", "price": "7000"},
                  {"name": "显示器", "spec": "27寸", "qty": "1", "price": "1000"}]})
    clock.advance(hours=1, minutes=5)
    decisions.act(office, "zhaolei", "delegate", found, to="zhouqiang", comment="周强代为审核")
    clock.advance(hours=2)
    decisions.act(office, "zhouqiang", "approve", found, comment="Within budget.")
    pins.set_pin(office, "chenjing", "cj-123456")
    pins.sign_in(office, "chenjing", "cj-123456")
    clock.advance(days=1)
    decisions.act(office, "chenjing", "approve", found, comment="同意采购，注意比价。")
    signing.forget()
    away.set_away(office, "liuwei", "zhangli", date(2026, 11, 24), date(2026, 11, 27))
    clock.advance(hours=3)
    decisions.act(office, "zhangli", "approve", found, comment="Approved while the GM is away.")
    clock.advance(hours=1)
    return found
