"""Provides `OrderEntryScreen`: sales-order entry (销售订单录入), the screen sales administration
lives in, built to be typed at without the mouse.

The header takes the customer (by code, name or pinyin initials: the best match is shown beside it
with its region and salesperson), the basis (a signed contract, or none: phoned or faxed), the
contract number and signing date, the order date, a reason for late entry and remarks. The grid
below takes one line per row: product code, tab, quantity — the product's name, list price and
tax rate fill in — and enter starts the next line (its delivery date carried down). Up and down
move in the grid, `ctrl+d` duplicates a line, `ctrl+r` deletes one after asking, and the totals
(net, tax, gross, to the cent) follow every key. `ctrl+s` enters the order with the same checks
as `tui-office sales order create`; its problems are listed under the grid.
"""

from __future__ import annotations

from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header, Input, Select, Static

from tui_office.domain.errors import OfficeError, ValidationFailed
from tui_office.i18n import t
from tui_office.ui.dialogs.confirm import ConfirmDialog
from tui_office.ui.inert import inert
from tui_office.ui.keymap import LocalisedBindings
from tui_office.ui.widgets.footer import KeyFooter
from tui_office.workflows.sales.money import money_text, order_totals
from tui_office.workflows.sales.ui.line_row import COLUMNS, LineRow

HEADER_FIELDS = ("customer", "basis", "contract_no", "signed_on", "order_date", "late_reason", "remarks")
BASES = ("contract", "phoned", "faxed")


class OrderEntryScreen(LocalisedBindings, Screen[None]):
    """Enter a sales order: header, line grid with live totals, problems."""

    CSS_PATH = "entry.tcss"

    BINDINGS = [
        Binding("ctrl+s", "submit", "keys.sales_submit", id="sales_entry.submit", priority=True),
        Binding("up", "move(-1)", "keys.sales_up", id="sales_entry.header_up", show=False),
        Binding("down", "move(1)", "keys.sales_down", id="sales_entry.header_down", show=False),
        Binding("escape", "back", "keys.sales_back", id="sales_entry.back"),
    ]
    STEADY_ACTIONS = frozenset({"move(-1)", "move(1)"})
    """Moves between the header and the grid, run before the next key is handed on."""
    # enter, up, down, ctrl+d and ctrl+r inside the grid are its cells' keys (`line_row.GridCell`).

    class Loaded(Message):
        """The master data arrived (or could not be read)."""

        def __init__(self, customers: list, products: list, error: str = "") -> None:
            self.customers, self.products, self.error = customers, products, error
            super().__init__()

    class Entered(Message):
        """An order was entered (`number`) or refused (`problems`, one line each)."""

        def __init__(self, number: str = "", problems: list[str] | None = None) -> None:
            self.number, self.problems = number, problems or []
            super().__init__()

    def __init__(self) -> None:
        super().__init__(classes="sales-entry-screen")
        self.customers: list[Any] = []
        """Active customers (`CustomerInfo`), for matching what is typed."""
        self.products: dict[str, Any] = {}
        """Active products (`ProductInfo`) by code."""
        self.customer: Any = None
        """The customer the header's text matches best (None: no match)."""
        self.sending = False

    # ------------------------------------------------------------------ layout
    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(classes="entry-header"):
            yield Static(t("sales.entry.customer"), classes="entry-label")
            yield Input(id="customer", placeholder=t("sales.entry.customer_hint"), compact=True, max_length=40)
            yield Static("", id="customer-info", markup=False)
        with Horizontal(classes="entry-header"):
            yield Static(t("sales.entry.basis"), classes="entry-label")
            yield Select([(t(f"sales.basis.{b}"), b) for b in BASES], id="basis", value="contract",
                         allow_blank=False, compact=True)
            yield Static(t("sales.entry.contract_no"), classes="entry-label contract-only")
            yield Input(id="contract_no", compact=True, max_length=40, classes="contract-only")
        with Horizontal(classes="entry-header"):
            yield Static(t("sales.entry.signed_on"), classes="entry-label contract-only")
            yield Input(id="signed_on", placeholder="YYYY-MM-DD", compact=True, max_length=10, classes="contract-only")
            yield Static(t("sales.entry.order_date"), classes="entry-label")
            yield Input(id="order_date", placeholder="YYYY-MM-DD", compact=True, max_length=10)
            yield Static(t("sales.entry.late_reason"), classes="entry-label contract-only")
            yield Input(id="late_reason", compact=True, max_length=1000, classes="contract-only")
        with Horizontal(classes="entry-header"):
            yield Static(t("sales.entry.remarks"), classes="entry-label")
            yield Input(id="remarks", compact=True, max_length=2000)
        with Horizontal(id="line-headings"):
            yield Static("#", classes="line-number")
            for column in COLUMNS:
                yield Static(t(f"sales.entry.col_{column}"), classes=f"heading c-{column}")
            yield Static(t("sales.entry.col_name"), classes="heading line-name")
            yield Static(t("sales.entry.col_gross"), classes="heading line-amount")
        yield VerticalScroll(id="lines")
        yield Static("", id="totals", markup=False)
        yield Static("", id="problems", markup=False)
        yield KeyFooter()

    async def on_mount(self) -> None:
        self.sub_title = t("sales.screen.entry")
        self.query_one("#order_date", Input).value = self.app.office.clock.today().isoformat()
        self._load()
        await self._new_order()

    async def _new_order(self) -> None:
        lines = self.query_one("#lines", VerticalScroll)
        await lines.remove_children()
        await self._add_row(None)
        for field in ("customer", "contract_no", "signed_on", "late_reason", "remarks"):
            self.query_one(f"#{field}", Input).value = ""
        self.query_one("#basis", Select).value = "contract"
        self.query_one("#customer", Input).focus()

    @work(thread=True, exit_on_error=False, group="sales-master", exclusive=True)
    def _load(self) -> None:
        from tui_office.workflows.sales import master

        office = self.app.office
        try:
            customers = master.customers(office, limit=100_000)
            products = master.products(office, limit=100_000)
        except OfficeError as exc:
            self.post_message(self.Loaded([], [], str(exc)))
            return
        self.post_message(self.Loaded(inert(customers), inert(products)))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        if message.error:
            self.notify(message.error, severity="error", timeout=8)
        self.customers = message.customers
        self.products = {p.code: p for p in message.products}
        self._match_customer()
        for row in self.rows():
            self._product_changed(row)

    # ------------------------------------------------------------------ the grid
    def rows(self) -> list[LineRow]:
        return [row for row in self.query_one("#lines", VerticalScroll).children if isinstance(row, LineRow)]

    def _renumber(self) -> None:
        """Number the lines 1, 2, … and total them."""
        for index, row in enumerate(self.rows(), start=1):
            row.number(index)
        self._update_totals()

    def _focused_cell(self) -> tuple[LineRow | None, str | None]:
        focused = self.focused
        row = focused.parent if focused is not None else None
        if isinstance(row, LineRow):
            return row, row.column_of(focused)
        return None, None

    async def _add_row(self, after: LineRow | None, values: dict | None = None) -> LineRow:
        """A new line after `after` (None: at the end), mounted before the next key is read."""
        row = LineRow(values)
        lines = self.query_one("#lines", VerticalScroll)
        await (lines.mount(row, after=after) if after is not None else lines.mount(row))
        self._renumber()
        return row

    def _focus(self, row: LineRow, column: str) -> None:
        """Focus a cell now (`Widget.focus` waits its turn, and keys typed meanwhile would land in
        the cell before)."""
        self.set_focus(row.cell(column))

    @on(Input.Changed, ".cell")
    def _cell_changed(self, event: Input.Changed) -> None:
        row = event.input.parent
        if not isinstance(row, LineRow):
            return
        if row.column_of(event.input) == "product":
            self._product_changed(row)
        row.recompute()
        self._update_totals()

    def _product_changed(self, row: LineRow) -> None:
        found = self.products.get(row.cell("product").value.strip())
        if found is None:
            row.fill_product("", None, None)
        else:
            row.fill_product(f"{found.name} ({found.unit})" if found.unit else found.name, found.list_price, found.tax_rate)
        row.recompute()

    def _update_totals(self) -> None:
        totals = order_totals(r.amounts for r in self.rows() if r.amounts is not None)
        count = sum(1 for r in self.rows() if not r.blank())
        self.query_one("#totals", Static).update(t(
            "sales.entry.totals", lines=count, net=money_text(totals.net), tax=money_text(totals.tax),
            gross=money_text(totals.gross)), layout=False)  # one line of fixed size: a repaint, no layout

    async def action_next_line(self) -> None:
        """Enter on a line: the next line's product; on the last line, a new line."""
        row, _ = self._focused_cell()
        if row is None:
            return
        await row.settled()
        rows = self.rows()
        index = rows.index(row)
        if index + 1 < len(rows):
            self._focus(rows[index + 1], "product")
        elif not row.blank():
            carried = {"delivery": row.cell("delivery").value.strip()}
            self._focus(await self._add_row(row, carried), "product")

    @on(Input.Submitted, ".entry-header Input")
    def _header_entered(self, event: Input.Submitted) -> None:
        self.focus_next()

    def action_move(self, step: int) -> None:
        """Up/down: the same cell of the line above or below; from the header into the grid and back."""
        row, column = self._focused_cell()
        rows = self.rows()
        if row is None:
            if step > 0 and rows:
                self._focus(rows[0], "product")
            return
        index = rows.index(row) + step
        if index < 0:
            self.set_focus(self.query_one("#customer", Input))
        elif index < len(rows):
            self._focus(rows[index], column or "product")

    async def action_duplicate(self) -> None:
        row, _ = self._focused_cell()
        if row is not None:
            await row.settled()
            self._focus(await self._add_row(row, row.texts()), "quantity")

    def action_delete(self) -> None:
        row, _ = self._focused_cell()
        if row is None:
            return
        index = self.rows().index(row)
        product = row.cell("product").value.strip() or "—"

        async def answered(yes: bool | None) -> None:
            if not yes:
                self._focus(row, "product")
                return
            await row.remove()
            rest = self.rows()
            if not rest:
                rest = [await self._add_row(None)]
            self._renumber()
            self._focus(rest[min(index, len(rest) - 1)], "product")

        self.app.push_screen(ConfirmDialog(t("sales.entry.delete_title"),
                                           t("sales.entry.delete_question", line=index + 1, product=product)), answered)

    @on(Select.Changed, "#basis")
    def _basis_changed(self, event: Select.Changed) -> None:
        """Without a contract, the contract's number, signing day and late-entry reason go away."""
        for widget in self.query(".contract-only"):
            widget.display = event.value == "contract"

    # ------------------------------------------------------------------ the customer
    @on(Input.Changed, "#customer")
    def _customer_typed(self) -> None:
        self._match_customer()

    def _match_customer(self) -> None:
        from tui_office.workflows.sales.master import best_matches

        text = self.query_one("#customer", Input).value.strip()
        exact = next((c for c in self.customers if c.code == text), None)
        matches = [exact] if exact else (best_matches(self.customers, text, 1) if text else [])
        self.customer = matches[0] if matches else None
        info = self.query_one("#customer-info", Static)
        if self.customer is None:
            info.update(t("sales.entry.no_customer") if text else "")
        else:
            c = self.customer
            info.update(t("sales.entry.customer_info", code=c.code, name=c.name, region=c.region,
                          channel=t(f"sales.channel.{c.channel}"), salesperson=c.salesperson_name or "—"))

    # ------------------------------------------------------------------ entering
    def values(self) -> dict:
        """The order as typed, in the shape `orders.create_order` takes."""
        out: dict[str, Any] = {}
        text = self.query_one("#customer", Input).value.strip()
        out["customer"] = self.customer.code if self.customer is not None else text
        basis = self.query_one("#basis", Select).value
        out["basis"] = basis if isinstance(basis, str) else "contract"
        for field in ("contract_no", "signed_on", "order_date", "late_reason", "remarks"):
            value = self.query_one(f"#{field}", Input).value.strip()
            if value and (out["basis"] == "contract" or field not in ("contract_no", "signed_on", "late_reason")):
                out[field] = value
        out["lines"] = [{k: v for k, v in row.texts().items() if v} for row in self.rows() if not row.blank()]
        return out

    async def action_submit(self) -> None:
        if self.sending:
            return
        self.sending = True
        row, _ = self._focused_cell()
        if row is not None:
            await row.settled()  # the last keys typed before ctrl+s are part of the order
        self.query_one("#problems", Static).update(t("sales.entry.sending"))
        self._enter(self.values())

    @work(thread=True, exit_on_error=False, group="sales-enter")
    def _enter(self, values: dict) -> None:
        from tui_office.workflows.sales import orders

        try:
            number = orders.create_order(self.app.office, self.app.me.login, values)
        except ValidationFailed as failed:
            self.post_message(self.Entered(problems=[_problem_line(p.field, p.message) for p in failed.problems]))
            return
        except OfficeError as exc:
            self.post_message(self.Entered(problems=[str(exc)]))
            return
        self.post_message(self.Entered(number=number))

    @on(Entered)
    async def _entered(self, message: Entered) -> None:
        self.sending = False
        problems = self.query_one("#problems", Static)
        if message.problems:
            problems.update("\n".join(inert(message.problems)))
            problems.add_class("-error")
            self.notify(t("sales.entry.refused", count=len(message.problems)), severity="error", timeout=6)
            return
        problems.remove_class("-error")
        problems.update(t("sales.created", number=message.number))
        self.notify(t("sales.created", number=message.number), timeout=6)
        await self._new_order()

    def action_back(self) -> None:
        if not any(not r.blank() for r in self.rows()):
            self.dismiss(None)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.dismiss(None)

        self.app.push_screen(ConfirmDialog(t("sales.entry.leave_title"), t("sales.entry.leave_question")), answered)


def _problem_line(field: str, message: str) -> str:
    """`Line 2 · Quantity: …` for a line's cell, `Customer code: …` for a header field."""
    if field.startswith("lines[") and "]" in field:
        index, _, column = field[len("lines["):].partition("]")
        column = column.lstrip(".")
        label = t(f"sales.entry.col_{column}") if column in COLUMNS else column
        return f"{t('sales.entry.line', line=index)} · {label}: {message}"
    if field in HEADER_FIELDS:
        return f"{t(f'sales.entry.{field}')}: {message}"
    return f"{field}: {message}"
