"""The orders list and one order's page: lines with what was shipped and issued, the outbound slip
signed for, the invoice, the payment and the exchange under way, and the balance — snapshots in
English and Chinese, and a Pilot test that enter on the list opens the page."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from tests.ui.conftest import settle
from tests.ui.formhost import Host, open_office, steady  # noqa: F401  (autouse fixture)
from tui_office.i18n import set_language
from tui_office.workflows.sales import demo
from tui_office.workflows.sales.ui.orders import OrderPageScreen, SalesOrdersScreen


@pytest.fixture
def office(tmp_path):
    office = open_office(tmp_path)
    demo.load_orders(office)   # six orders from 13 Nov; the first one's delivery, invoice, payment, exchange
    yield office
    office.close()


async def _settle(pilot) -> None:
    await settle(pilot, rounds=4)


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_order_page_with_deliveries_invoices_payments(snap_compare, office, lang):
    """SO-2026-0001 of 上海恒通 (C001, 华东, contract HT-2026-118, approved): gross 44,258.80,
    delivered 35,798.40, invoiced 35,798.40, paid 17,899.20, balance 17,899.20; lines P100 ×2 (2
    shipped and issued), P120 ×10 at 5 % off (5 shipped, 5 issued), S200 ×1 (none); below: outbound
    CK-2026-0001 (P100×2, P120×5, signed by 陈经理), invoice KP-2026-0001 04418823, payment
    HK-2026-0001 by transfer, 17,899.20, and the exchange HC-2026-0001 (P120×-1) at the technical check."""
    set_language(lang)
    app = Host(office, "zhaolei", lambda: OrderPageScreen("SO-2026-0001"))
    assert snap_compare(app, terminal_size=(120, 40), run_before=_settle)


async def test_enter_on_the_list_opens_the_order_page(office):
    app = Host(office, "sunyan", SalesOrdersScreen)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, rounds=4)
        await pilot.press(*["down"] * 5, "enter")   # the oldest of six orders is last
        await settle(pilot, rounds=4)
        assert isinstance(app.screen, OrderPageScreen) and app.screen.number == "SO-2026-0001"
        assert "17,899.20" in str(app.screen.query_one("#order-money", Static).render())
