"""Provides the demo office's sales content: master data (`demo.toml`, loaded with every demo
office) and orders in every state (entered through the same use cases a clerk uses, with the clock
set back, when the demo office is created with its documents)."""

from __future__ import annotations

import tomllib
from datetime import datetime, timedelta
from pathlib import Path

from tui_office.domain.clock import Clock, FixedClock
from tui_office.services.decisions import act
from tui_office.services.office import Office
from tui_office.workflows.sales import master, orders

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
    """Orders in every state: approved under a contract, waiting for the sales manager (phoned),
    waiting for the leadership (large), entered late with a reason, rejected; idempotent."""
    if orders.has_orders():
        return
    real: Clock = office.clock
    now = real.now().replace(second=0, microsecond=0)
    start = now - timedelta(days=10)
    try:
        def day(n: int, hour: int = 10) -> datetime:
            return (start + timedelta(days=n)).replace(hour=hour, minute=0)

        office.clock = FixedClock(day(0))
        orders.create_order(office, "sunyan", {
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
    finally:
        office.clock = real
