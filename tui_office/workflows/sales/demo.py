"""Provides the demo office's sales content: master data (`demo.toml`, loaded with every demo
office, `init --demo` too) and orders in every state (entered through the same use cases a clerk
uses, with the clock set back, when `tui-office demo` creates the demo office with its documents)."""

from __future__ import annotations

import tomllib
from datetime import datetime, timedelta
from pathlib import Path

from tui_office.domain.clock import Clock, FixedClock
from tui_office.services import start_from
from tui_office.services.decisions import act
from tui_office.services.office import Office
from tui_office.workflows.sales import delivery, master, orders

DEMO_FILE = Path(__file__).with_name("demo.toml")


def _data() -> dict:
    with DEMO_FILE.open("rb") as fh:
        return tomllib.load(fh)


def load_master_data(office: Office) -> None:
    """The demo customers and products; idempotent."""
    data = _data()
    master.load_master(data.get("customers", []), data.get("products", []))


def _line(code: str, quantity: str, delivery: datetime, **extra: str) -> dict:
    return {"product": code, "quantity": quantity, "delivery": delivery.date().isoformat(), **extra}


def load_orders(office: Office) -> None:
    """Orders in every state — approved under a contract, confirmed by the sales manager (phoned),
    waiting for the leadership (large), entered late with a reason, rejected, waiting for the
    sales manager — and what follows one: a delivery signed for, an invoice, half paid, an exchange
    at the technical check, and a second order's slip waiting at the warehouse; idempotent."""
    if orders.has_orders():
        return
    real: Clock = office.clock
    now = real.now().replace(second=0, microsecond=0)
    start = now - timedelta(days=10)
    try:
        def day(n: int, hour: int = 10) -> datetime:
            return (start + timedelta(days=n)).replace(hour=hour, minute=0)

        office.clock = FixedClock(day(0))
        first = orders.create_order(office, "sunyan", {
            "customer": "C001", "contract_no": "HT-2026-118", "signed_on": day(0).date().isoformat(),
            "lines": [_line("P100", "2", day(30)), _line("P120", "10", day(30), discount="5"),
                      _line("S200", "1", day(35))],
            "remarks": "含安装调试"})
        office.clock = FixedClock(day(2))
        phoned = orders.create_order(office, "sunyan", {
            "customer": "C003", "basis": "phoned",
            "lines": [_line("P140", "3", day(20)), _line("P160", "12", day(20))],
            "remarks": "李总电话订货,合同随后补签"})
        office.clock = FixedClock(day(3))
        act(office, "zhaolei", "approve", phoned, comment="同意,尽快补签合同")
        office.clock = FixedClock(day(5))
        orders.create_order(office, "sunyan", {
            "customer": "C006", "contract_no": "HT-2026-131", "signed_on": day(4).date().isoformat(),
            "lines": [_line("P170", "20", day(40)), _line("P100", "8", day(40)), _line("S210", "8", day(60))],
            "remarks": "Framework order for the new lab building."})
        office.clock = FixedClock(day(8))
        orders.create_order(office, "sunyan", {
            "customer": "C002", "contract_no": "HT-2026-127", "signed_on": day(4).date().isoformat(),
            "late_reason": "合同原件周五才寄到销售部",
            "lines": [_line("P110", "4", day(25)), _line("P150", "6", day(25), unit_price="2000.00")]})
        office.clock = FixedClock(day(9))
        faxed = orders.create_order(office, "sunyan", {
            "customer": "C005", "basis": "faxed", "lines": [_line("P130", "40", day(15))]})
        act(office, "zhaolei", "reject", faxed, comment="客户信用额度已满,先回款再发货")
        office.clock = FixedClock(day(9, 15))
        orders.create_order(office, "sunyan", {
            "customer": "C004", "basis": "phoned", "lines": [_line("P120", "5", day(18)), _line("P130", "8", day(18))]})
        _after_first_order(office, first, day)
        office.clock = FixedClock(day(4, 11))
        slip = start_from.submit(office, "sunyan", "sales_outbound", phoned, {
            "ship_on": day(6).date().isoformat(), "lines": [{"product": "P140", "quantity": "3"}]})
        act(office, "zhaolei", "approve", slip, comment="可以发货")
    finally:
        office.clock = real


def _after_first_order(office: Office, order: str, day) -> None:
    """The first order's life: part shipped and signed for, invoiced, half paid, one unit coming back."""
    office.clock = FixedClock(day(1))
    slip = start_from.submit(office, "sunyan", "sales_outbound", order, {
        "ship_on": day(2).date().isoformat(),
        "lines": [{"product": "P100", "quantity": "2"}, {"product": "P120", "quantity": "5"}]})
    act(office, "zhaolei", "approve", slip, comment="同意发货")
    office.clock = FixedClock(day(2))
    act(office, "guoqiang", "approve", slip, fields={"issued_on": day(2).date().isoformat()})
    office.clock = FixedClock(day(3))
    act(office, "sunyan", "approve", slip, fields={"note_signed_on": day(3).date().isoformat(), "note_signed_by": "陈经理"})
    amount = delivery.delivered_value(order)
    invoice = start_from.submit(office, "sunyan", "sales_invoice", order, {
        "amount": str(amount), "invoice_on": day(4).date().isoformat()})
    act(office, "zhaolei", "approve", invoice)
    act(office, "hejun", "approve", invoice, comment="与出库单核对无误")
    office.clock = FixedClock(day(4))
    act(office, "wuhong", "approve", invoice, fields={"invoice_no": "04418823", "invoice_date": day(4).date().isoformat()})
    office.clock = FixedClock(day(5))
    act(office, "sunyan", "approve", invoice, fields={"invoice_signed_on": day(5).date().isoformat()})
    office.clock = FixedClock(day(6))
    payment = start_from.submit(office, "emily", "sales_payment", order, {
        "amount": str((amount / 2).quantize(amount)), "method": "transfer", "remarks": "首付款"})
    act(office, "zhengxin", "approve", payment, fields={"received_on": day(6).date().isoformat()})
    back = start_from.submit(office, "sunyan", "sales_return", slip, {
        "kind": "exchange", "reason": "一支移液器量程校准不合格,客户要求换货",
        "lines": [{"product": "P120", "quantity": "1"}]})
    office.clock = FixedClock(day(7))
    act(office, "wuhong", "approve", payment)
    act(office, "zhaolei", "approve", back, comment="同意换货,请技术部检验")
