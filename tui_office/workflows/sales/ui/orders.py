"""Provides `SalesOrdersScreen`, the latest sales orders with their gross and balance, and
`OrderPageScreen`, one order with everything that followed it: its lines with what was shipped and
issued, its outbound slips, invoices, payments and returns, and its balance (invoiced − paid).

`enter` opens the order under the cursor; on the order page `enter` on a row opens that document.
"""

from __future__ import annotations

from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from tui_office.domain.errors import OfficeError
from tui_office.i18n import t
from tui_office.ui.inert import inert
from tui_office.ui.keymap import LocalisedBindings
from tui_office.ui.widgets.footer import KeyFooter
from tui_office.workflows.sales.money import decimal_or_none, money_text
from tui_office.workflows.sales.ui.tables import fill


def _money(value: object) -> str:
    amount = decimal_or_none(value)
    return money_text(amount) if amount is not None else ""


class SalesOrdersScreen(LocalisedBindings, Screen[None]):
    """The latest sales orders: number, customer, date, state, gross, balance."""

    CSS_PATH = "orders.tcss"
    BINDINGS = [
        Binding("enter", "open", "keys.sales_open", id="sales_orders.open"),
        Binding("escape,q", "back", "keys.sales_back", id="sales_orders.back"),
    ]

    class Loaded(Message):
        def __init__(self, rows: list, error: str = "") -> None:
            self.rows, self.error = rows, error
            super().__init__()

    def __init__(self) -> None:
        super().__init__(classes="sales-orders-screen")
        self.rows: list[Any] = []
        """The orders shown (`OrderRow`), newest first."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="orders-table", cursor_type="row", zebra_stripes=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = t("sales.screen.orders")
        self._load()

    def on_screen_resume(self) -> None:
        self._load()

    @work(thread=True, exit_on_error=False, group="sales-orders", exclusive=True)
    def _load(self) -> None:
        from tui_office.workflows.sales import order_status

        try:
            rows = order_status.order_list(self.app.office, self.app.me.login)
        except OfficeError as exc:
            self.post_message(self.Loaded([], str(exc)))
            return
        self.post_message(self.Loaded(inert(rows)))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        if message.error:
            self.notify(message.error, severity="error", timeout=8)
            return
        self.rows = message.rows
        fill(self.query_one("#orders-table", DataTable),
             [t("sales.page.number"), t("sales.customer.name"), t("sales.report.gross"), t("sales.page.balance"),
              t("sales.page.status"), t("sales.page.order_date")],
             [[r.number, r.customer_name, money_text(r.gross), money_text(r.balance), t(f"status.{r.status}"),
               r.order_date] for r in self.rows], right={2, 3})
        self.query_one("#orders-table", DataTable).focus()

    @on(DataTable.RowSelected, "#orders-table")
    def _selected(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        """`enter`: the order under the cursor (the table reads `enter` itself and says so)."""
        table = self.query_one("#orders-table", DataTable)
        if self.rows and table.row_count:
            self.app.push_screen(OrderPageScreen(self.rows[table.cursor_row].number))

    def action_back(self) -> None:
        self.dismiss(None)


class OrderPageScreen(LocalisedBindings, Screen[None]):
    """One order and what followed it."""

    CSS_PATH = "orders.tcss"
    BINDINGS = [
        Binding("escape,q", "back", "keys.sales_back", id="sales_order.back"),
    ]

    class Loaded(Message):
        def __init__(self, found: Any = None, error: str = "") -> None:
            self.found, self.error = found, error
            super().__init__()

    def __init__(self, number: str) -> None:
        super().__init__(classes="sales-order-page")
        self.number = number
        """The order shown."""

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="order-page"):
            yield Static("", id="order-head", markup=False)
            yield Static("", id="order-money", markup=False)
            yield DataTable(id="order-lines", cursor_type="row", show_cursor=False)
            yield Static(t("sales.page.following"), classes="order-section")
            yield DataTable(id="order-following", cursor_type="row", show_cursor=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = self.number
        self._load()

    @work(thread=True, exit_on_error=False, group="sales-order", exclusive=True)
    def _load(self) -> None:
        from tui_office.workflows.sales import order_status

        try:
            found = order_status.order_status(self.app.office, self.app.me.login, self.number)
        except OfficeError as exc:
            self.post_message(self.Loaded(error=str(exc)))
            return
        self.post_message(self.Loaded(inert(found)))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        if message.error:
            self.query_one("#order-head", Static).update(message.error)
            self.notify(message.error, severity="error", timeout=8)
            return
        found = message.found
        f = found.fields
        basis = t(f"sales.basis.{f.get('basis')}") + (f" {f.get('contract_no')}" if f.get("contract_no") else "")
        self.query_one("#order-head", Static).update(t(
            "sales.page.head", number=found.number, customer=f.get("customer", ""), name=f.get("customer_name", ""),
            region=f.get("region", ""), status=t(f"status.{found.status}"), date=f.get("order_date", ""),
            basis=basis, salesperson=f.get("salesperson", "")))
        self.query_one("#order-money", Static).update(t(
            "sales.show.money", gross=_money(f.get("gross_total")), delivered=money_text(found.delivered),
            invoiced=money_text(found.invoiced), paid=money_text(found.paid), balance=money_text(found.balance)))
        # What matters most first: at 80 columns the prices and dates are the ones scrolled to.
        fill(self.query_one("#order-lines", DataTable),
             [t("sales.entry.col_product"), t("sales.entry.col_name"), t("sales.entry.col_quantity"),
              t("sales.show.shipped"), t("sales.show.issued"), t("sales.entry.col_gross"),
              t("sales.entry.col_unit_price"), t("sales.entry.col_discount"), t("sales.entry.col_tax_rate"),
              t("sales.entry.col_delivery")],
             [[r["product"], r.get("name") or "", _plain(r["quantity"]), _plain(r["shipped"]), _plain(r["issued"]),
               _money(r.get("gross")), _money(r.get("unit_price")), _plain(r.get("discount")),
               _plain(r.get("tax_rate")), r.get("delivery") or ""] for r in found.lines], right={2, 3, 4, 5, 6, 7, 8})
        rows = []
        for kind, docs in (("deliveries", found.deliveries), ("invoices", found.invoices),
                           ("payments", found.payments), ("returns", found.returns)):
            for d in docs:
                rows.append([t(f"sales.show.{kind}"), d.number, t(f"status.{d.status}"),
                             _money(d.fields.get("amount")), _detail(kind, d.fields)])
        fill(self.query_one("#order-following", DataTable),
             [t("sales.page.kind"), t("sales.page.number"), t("sales.page.status"), t("sales.page.amount"),
              t("sales.page.detail")], rows, right={3})

    def action_back(self) -> None:
        self.dismiss(None)


def _plain(value: object) -> str:
    number = decimal_or_none(value)
    if number is None:
        return ""
    text = format(number.normalize(), "f")
    return text


def _detail(kind: str, fields: dict) -> str:
    """What a following document says in a few words: its goods, invoice number, method, date."""
    if kind in ("deliveries", "returns"):
        sign = "-" if kind == "returns" else ""
        goods = ", ".join(f"{r.get('product')}×{sign}{_plain(r.get('quantity'))}" for r in fields.get("lines") or [])
        signed = fields.get("note_signed_by")
        return goods + (f" · {t('sales.page.signed', name=signed, day=fields.get('note_signed_on'))}" if signed else "")
    if kind == "invoices":
        return " ".join(x for x in (fields.get("invoice_no") or "", fields.get("invoice_date") or "") if x)
    return " ".join(x for x in (t(f"sales.method.{fields.get('method')}") if fields.get("method") else "",
                                fields.get("received_on") or "") if x)
