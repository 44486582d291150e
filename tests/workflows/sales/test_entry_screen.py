"""The sales-order entry screen at the keyboard: a 10-line order typed by keys alone (product code,
tab, quantity, enter …) and entered with ctrl+s; live totals; duplicating and deleting lines; the
problems of a refused order listed under the grid."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.ui.conftest import settle
from tests.ui.formhost import Host, open_office, steady  # noqa: F401  (autouse fixture)
from tui_office.services import queries
from tui_office.store.models import Document
from tui_office.workflows.sales.ui.entry import OrderEntryScreen
from tui_office.workflows.sales.ui.line_row import LineRow
from textual.widgets import Static

SIZE = (120, 40)
PRODUCTS = ["P100", "P110", "P120", "P130", "P140", "P150", "P160", "P170", "S200", "S210"]


@pytest.fixture
def office(tmp_path):
    office = open_office(tmp_path)
    yield office
    office.close()


async def type_text(pilot, text: str) -> None:
    await pilot.press(*list(text))


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_a_ten_line_order_typed_by_keys_alone_is_entered(office):
    app = Host(office, "sunyan", OrderEntryScreen)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_text(pilot, "hzxy")            # 杭州新源 by pinyin initials
        assert "C002" in text_of(app, "#customer-info")
        await pilot.press("tab", "tab")            # basis stays "contract"
        await type_text(pilot, "HT-2026-140")
        await pilot.press("tab")
        await type_text(pilot, "2026-11-23")
        await pilot.press("down")                  # into the grid
        for n, code in enumerate(PRODUCTS, start=1):
            await type_text(pilot, code)
            await pilot.press("tab")
            await type_text(pilot, str(n))
            if n == 1:
                await pilot.press("tab", "tab", "tab", "tab")
                await type_text(pilot, "2026-12-21")
            await pilot.press("enter")
        await settle(pilot)
        assert "10 lines" in text_of(app, "#totals")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.pause()
        assert "entered" in text_of(app, "#problems")
    [doc] = Document.select().where(Document.form_id == "sales_order")
    fields = queries.show(office, "admin", doc.number).fields
    assert [line["product"] for line in fields["lines"]] == PRODUCTS
    assert [Decimal(line["quantity"]) for line in fields["lines"]] == list(range(1, 11))
    assert {line["delivery"] for line in fields["lines"]} == {"2026-12-21"}
    assert fields["customer"] == "C002" and fields["contract_no"] == "HT-2026-140"
    assert sum(Decimal(x["gross"]) for x in fields["lines"]) == Decimal(fields["gross_total"])


async def test_totals_follow_every_key_and_lines_duplicate_and_delete(office):
    app = Host(office, "sunyan", OrderEntryScreen)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down")
        await type_text(pilot, "P120")
        await pilot.press("tab")
        await type_text(pilot, "3")
        assert "Gross 4,339.20" in text_of(app, "#totals")   # 3 × 1,280.00 + 13 %
        await pilot.press("ctrl+d")
        await settle(pilot)
        assert len(app.screen.query(LineRow)) == 2
        assert "Gross 8,678.40" in text_of(app, "#totals")
        await pilot.press("ctrl+r")
        await pilot.pause()
        await pilot.press("n")                              # asked first: keep it
        await pilot.pause()
        assert len(app.screen.query(LineRow)) == 2
        await pilot.press("ctrl+r")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert len(app.screen.query(LineRow)) == 1
        assert "Gross 4,339.20" in text_of(app, "#totals")


async def test_a_refused_order_lists_each_problem_under_the_grid_and_stores_nothing(office):
    app = Host(office, "sunyan", OrderEntryScreen)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_text(pilot, "C001")
        await pilot.press("down")
        await type_text(pilot, "X9")
        await pilot.press("tab")
        await type_text(pilot, "0")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.pause()
        shown = text_of(app, "#problems")
        assert "Line 1 · Product: Line 1: there is no product with the code 'X9'." in shown or "X9" in shown
        assert "Contract number" in shown
    assert not Document.select().where(Document.form_id == "sales_order").exists()
