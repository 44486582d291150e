"""Provides the sales-order use cases: filling an order in from the master data, creating orders
(one, or every order of a JSON/CSV file, all or none), and the look-ups the rules ask.

An order is an ordinary document of the `sales_order` form (`forms/sales_order.toml`): submitting
it runs the form's checks, the rules of `rules.py`, its flags and its route (sales manager when
there is no contract, leadership countersign above the threshold), in one transaction with its
audit row. What this module adds is the clerk's shortcuts: the customer's name, region and
salesperson, and each product's name, unit, list price (the default unit price) and tax rate.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from tui_office.domain.errors import OfficeError, ValidationFailed
from tui_office.i18n import t
from tui_office.services import audit, registry, workflow
from tui_office.services.office import Office
from tui_office.store.db import database
from tui_office.store import users as user_store
from tui_office.store.models import Document, Task
from tui_office.workflows.sales import delivery, master
from tui_office.workflows.sales.master import ImportFailed
from tui_office.workflows.sales.models import Customer, Product
from tui_office.workflows.sales.records import OrderInput, Problems, orders_from_csv, orders_from_json, read_text

FORM_ID = "sales_order"
MAX_ORDERS_PER_FILE = 1000


class Lookup:
    """Answers the sales rules' questions from the master data."""

    def __init__(self, office: Office) -> None:
        self.office = office

    def customer_exists(self, code: str) -> bool:
        return Customer.select().where((Customer.code == code) & Customer.active).exists()

    def product_exists(self, code: str) -> bool:
        return Product.select().where((Product.code == code) & Product.active).exists()

    def ordered(self, number: str) -> dict[str, Decimal] | None:
        return delivery.ordered(number)

    def shipped(self, number: str, exclude_id: int | None = None) -> dict[str, Decimal]:
        return delivery.shipped(number, exclude_id)

    def outbound_issued(self, slip: str) -> tuple[str, dict[str, Decimal]] | None:
        return delivery.outbound_issued(slip)

    def returned(self, order: str, slip: str, exclude_id: int | None = None) -> dict[str, Decimal]:
        return delivery.returned(order, outbound=slip, exclude_id=exclude_id, received_only=False)

    def delivered_value(self, number: str) -> Decimal:
        return delivery.delivered_value(number)

    def requested_invoices(self, number: str, exclude_id: int | None = None) -> Decimal:
        return delivery.requested_invoices(number, exclude_id)


def lookup_for(office: Office) -> Lookup:
    return Lookup(office)


def _raw(value: object) -> object:
    """A file's number as the text the form reads (a bool, list or object is left for it to refuse)."""
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return str(value)
    return value


def filled_in(office: Office, values: dict) -> dict:
    """`values` with what the master data knows added where the clerk gave nothing: the customer's
    name, region and salesperson; each line's product name, unit, list price, unit price (the list
    price), tax rate and discount 0; today as the order date; a contract as the basis."""
    out = {k: _raw(v) for k, v in values.items()}
    out.setdefault("basis", "contract")
    out.setdefault("order_date", office.clock.today().isoformat())
    code = out.get("customer")
    found = master.customer(office, code.strip()) if isinstance(code, str) else None
    if found is not None:
        out["customer"] = found.code
        out["customer_name"] = found.name
        out["region"] = found.region
        if not out.get("salesperson") and found.salesperson:
            out["salesperson"] = found.salesperson
    lines = out.get("lines")
    if isinstance(lines, list):
        out["lines"] = [_filled_line(office, row) if isinstance(row, dict) else row for row in lines]
    return out


def _filled_line(office: Office, row: dict) -> dict:
    line = {k: _raw(v) for k, v in row.items()}
    code = line.get("product")
    found = master.product(office, code.strip()) if isinstance(code, str) else None
    if found is not None:
        line["product"] = found.code
        line["name"] = found.name
        line["unit"] = found.unit
        line["list_price"] = str(found.list_price)
        if line.get("unit_price") in (None, ""):
            line["unit_price"] = str(found.list_price)
        if line.get("tax_rate") in (None, ""):
            line["tax_rate"] = str(found.tax_rate)
    if line.get("discount") in (None, ""):
        line["discount"] = "0"
    return line


FILLED_FROM_PRODUCT = ("unit_price", "tax_rate")
"""Line cells the product fills in: missing only because the product is unknown, they go unsaid."""


def create_order(office: Office, me: str, values: dict) -> str:
    """Submit one order (filled in from the master data); its number."""
    try:
        return workflow.submit(office, me, FORM_ID, filled_in(office, values))
    except ValidationFailed as failed:
        unknown = {p.field.removesuffix(".product") for p in failed.problems if p.code == "sales_unknown_product"}
        kept = [p for p in failed.problems
                if not (p.code == "required" and any(p.field == f"{row}.{c}" for row in unknown for c in FILLED_FROM_PRODUCT))]
        if len(kept) == len(failed.problems):
            raise
        raise ValidationFailed(kept) from None


def read_order_file(path: str) -> tuple[list[OrderInput], Problems]:
    """The orders of a `.json` or `.csv` file and the problems found reading it."""
    problems = Problems()
    try:
        text = read_text(path)
    except (OSError, ValueError) as exc:
        problems.add(path, t("error.sales_unreadable", detail=str(exc)))
        return [], problems
    reader = orders_from_csv if Path(path).suffix.lower() == ".csv" else orders_from_json
    orders = reader(text, path, problems)
    if not orders and not problems:
        problems.add(path, t("error.sales_file_empty"))
    if len(orders) > MAX_ORDERS_PER_FILE:
        problems.add(path, t("error.sales_too_many_orders", limit=MAX_ORDERS_PER_FILE))
    return orders, problems


def create_orders(office: Office, me: str, path: str) -> list[str]:
    """Submit every order of a file, with the same checks as one typed in: all of them, or — when
    any has a problem — none, every problem reported as `where: field: message`."""
    orders, problems = read_order_file(path)
    if problems:
        raise ImportFailed(problems.lines)
    registry.sync(office)
    numbers: list[str] = []
    with database.atomic() as transaction:
        for order in orders:
            try:
                with database.atomic():
                    numbers.append(create_order(office, me, {**order.values, "lines": order.lines}))
            except ValidationFailed as failed:
                for problem in failed.problems:
                    problems.add(_where(order, problem.field), f"{problem.field}: {problem.message}")
            except OfficeError as error:
                problems.add(order.where, str(error))
        if problems:
            transaction.rollback()
            raise ImportFailed(problems.lines)
    return numbers


def _where(order: OrderInput, field: str) -> str:
    """Where a problem of `field` was read: the row of `lines[N]…`, else the order's first row."""
    if field.startswith("lines[") and "]" in field:
        index = field[len("lines["):field.index("]")]
        if index.isdigit() and 1 <= int(index) <= len(order.line_where):
            return order.line_where[int(index) - 1]
    return order.where


def copy_salesperson(office: Office, doc: Document, form: object, values: dict) -> None:
    """Hook `sales.copy_salesperson`: the order's salesperson gets a copy (抄送) when it is sent,
    so they see it, its deliveries and its balance, and record the customer's payments."""
    person = user_store.active_by_login(str(values.get("salesperson") or ""))
    if person is None or person.id == doc.initiator_id:
        return
    if Task.select().where((Task.document == doc) & (Task.assignee == person) & (Task.kind == "cc")).exists():
        return
    now = office.clock.now()
    Task.create(document=doc, step=doc.step or "", round=doc.round or 0, kind="cc", assignee=person, status="cc",
                created_at=now)
    workflow.notify(person.id, doc, "cc", now, name=doc.initiator.name)
    audit.record(document_id=doc.id, actor_id=None, action="cc", at=now, changes={"to": [person.login]})


def has_orders() -> bool:
    """Whether any sales order was ever entered (the demo adds its own only to an office without)."""
    return Document.select().where(Document.form_id == FORM_ID).exists()
