"""Provides `LineRow`: one line of the sales-order grid — product code, quantity, unit price,
discount %, tax rate % and delivery date as one-line inputs, then the product's name and the
line's net and gross, recomputed on every key."""

from __future__ import annotations

import asyncio
from decimal import Decimal

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Input, Static

from tui_office.ui.keymap import LocalisedBindings

from tui_office.workflows.sales.money import LineAmounts, decimal_or_none, line_amounts, money_text

COLUMNS = ("product", "quantity", "unit_price", "discount", "tax_rate", "delivery")
"""The typed cells of a line, in the order tab moves through them."""
MAX_LENGTH = {"product": 20, "quantity": 16, "unit_price": 16, "discount": 6, "tax_rate": 6, "delivery": 10}
"""The longest text each cell takes (the form refuses what is out of range with its own message)."""


class GridCell(LocalisedBindings, Input):
    """A cell of the grid: a one-line box whose enter, up, down, ctrl+d and ctrl+r act on the grid,
    in order with the keys around them (a burst "P100<tab>2<enter>P110" lands where it was typed)."""

    PLAIN_EDITING = True
    """Its editing keys are the box's own: done at once, in order (see `ui/focus_keys.py`)."""
    BINDINGS = [
        Binding("enter", "screen.next_line", "keys.sales_next_line", id="sales_entry.next_line", show=False),
        Binding("up", "screen.move(-1)", "keys.sales_up", id="sales_entry.up", show=False),
        Binding("down", "screen.move(1)", "keys.sales_down", id="sales_entry.down", show=False),
        Binding("ctrl+d", "screen.duplicate", "keys.sales_duplicate", id="sales_entry.duplicate"),
        Binding("ctrl+r", "screen.delete", "keys.sales_delete", id="sales_entry.delete"),
    ]
    STEADY_ACTIONS = frozenset({"screen.next_line", "screen.move(-1)", "screen.move(1)", "screen.duplicate",
                                "screen.delete"})
    """Grid moves, run before the next key is handed on."""

    @property
    def content_width(self) -> int:
        """The cell's own width while the text and the cursor fit in it: a box whose width follows its
        text makes every key lay out the whole screen again (51 lines of cells), where a steady one
        only repaints the cell. Longer text scrolls as in any box."""
        return max(self._value.cell_len + 1, self.size.width)


class LineRow(Horizontal):
    """One order line of the entry grid."""

    def __init__(self, values: dict | None = None) -> None:
        super().__init__(classes="line-row")
        self.initial = dict(values or {})
        """Cell texts the row starts with (a duplicated line, a delivery date carried down)."""
        self.amounts: LineAmounts | None = None
        """Net and tax of the line as typed (None until quantity and price are numbers)."""
        self.filled_price = ""
        """The unit price the product filled in (replaced when another product is typed)."""
        self.filled_tax = ""
        self.index = 0
        """The line's number as shown (1 for the first)."""
        self._cells: dict[str, GridCell] = {}

    def compose(self) -> ComposeResult:
        yield Static("", classes="line-number")
        for column in COLUMNS:
            yield GridCell(self.initial.get(column, ""), classes=f"cell c-{column}", compact=True,
                        select_on_focus=False, max_length=MAX_LENGTH[column])
        yield Static("", classes="line-name", markup=False)
        yield Static("", classes="line-amount", markup=False)

    def cell(self, column: str) -> Input:
        if column not in self._cells:  # found once: a key in a 50-line order must not search the grid
            self._cells[column] = self.query_one(f".c-{column}", GridCell)
        return self._cells[column]

    def column_of(self, widget: object) -> str | None:
        for column in COLUMNS:
            if widget is self.cell(column):
                return column
        return None

    async def settled(self) -> None:
        """Wait until every cell has taken the keys already handed to it (a fast typist's, or a
        paste's): what the grid's own keys read must include them."""
        waits = []
        for column in COLUMNS if self.children else ():
            done = asyncio.Event()
            self.cell(column).call_later(done.set)
            waits.append(done.wait())
        await asyncio.gather(*waits)

    def texts(self) -> dict[str, str]:
        """What is typed in each cell, stripped."""
        if not self.children:
            return {column: self.initial.get(column, "").strip() for column in COLUMNS}
        return {column: self.cell(column).value.strip() for column in COLUMNS}

    def blank(self) -> bool:
        if not self.children:  # being mounted: what it starts with
            return not (self.initial.get("product", "").strip() or self.initial.get("quantity", "").strip())
        return not (self.cell("product").value.strip() or self.cell("quantity").value.strip())

    def on_mount(self) -> None:
        self.number(self.index)
        self.recompute()

    def number(self, index: int) -> None:
        self.index = index
        if self.is_mounted and self.children:
            self.query_one(".line-number", Static).update(f"{index:>2}" if index else "")

    def fill_product(self, name: str, price: Decimal | None, tax_rate: Decimal | None) -> None:
        """Show the product's name; put its list price and tax rate in cells nobody typed in."""
        if not self.children:
            return
        self.query_one(".line-name", Static).update(name, layout=False)  # its width is fixed: no layout
        if price is not None:
            price_cell = self.cell("unit_price")
            if price_cell.value.strip() in ("", self.filled_price):
                self.filled_price = f"{price:.2f}"
                price_cell.value = self.filled_price
        if tax_rate is not None:
            tax_cell = self.cell("tax_rate")
            if tax_cell.value.strip() in ("", self.filled_tax):
                self.filled_tax = f"{tax_rate.normalize():f}"
                tax_cell.value = self.filled_tax

    def recompute(self) -> None:
        """The line's amounts from its cells (blank discount and tax count as 0)."""
        if not self.children:
            return
        texts = self.texts()
        quantity, price = decimal_or_none(texts["quantity"]), decimal_or_none(texts["unit_price"])
        discount = decimal_or_none(texts["discount"] or "0")
        tax_rate = decimal_or_none(texts["tax_rate"] or "0")
        if None in (quantity, price, discount, tax_rate):
            self.amounts = None
            self.query_one(".line-amount", Static).update("", layout=False)
            return
        self.amounts = line_amounts(quantity, price, discount, tax_rate)
        self.query_one(".line-amount", Static).update(money_text(self.amounts.gross), layout=False)
