"""Snapshots of sales statistics (120x40, English and Chinese): the table with its total and the bar
chart. Chinese pictures look squeezed (Rich's SVG draws CJK at half width); alignment is checked in
tmux."""

from __future__ import annotations

from datetime import date

import pytest

from tests.ui.conftest import settle
from tests.ui.formhost import Host, open_office, steady  # noqa: F401  (autouse fixture)
from tui_office.i18n import set_language
from tui_office.workflows.sales import orders
from tui_office.workflows.sales.ui.report import SalesReportScreen

ORDERS = [("C001", "P100", "3"), ("C002", "P120", "10"), ("C003", "P140", "2"), ("C004", "P110", "4"),
          ("C005", "P100", "1"), ("C006", "P170", "2"), ("C001", "S210", "5")]


@pytest.fixture
def office(tmp_path):
    office = open_office(tmp_path)
    for customer, product, quantity in ORDERS:
        orders.create_order(office, "sunyan", {"customer": customer, "contract_no": "HT", "signed_on": "2026-11-23",
                                              "lines": [{"product": product, "quantity": quantity,
                                                         "delivery": "2026-12-21"}]})
    yield office
    office.close()


async def _settle(pilot) -> None:
    await settle(pilot, rounds=4)


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_monthly_sales_by_region_with_chart(snap_compare, office, lang):
    """November 2026 by region, as the sales manager: 华东 (3 orders, gross 71,636.00, largest
    first), 华南 and 华北, the total of 7 orders (132,882.00), and bars 1–3 (the table's #) below."""
    set_language(lang)
    app = Host(office, "zhaolei", lambda: SalesReportScreen(on=date(2026, 11, 23)))
    assert snap_compare(app, terminal_size=(120, 40), run_before=_settle)
