"""Provides what follows an order, read from its documents: what was ordered, what outbound slips
take (in progress or done) and what the warehouse issued, per product; and the warehouse's hook
that takes issued goods off the products' stock.

An outbound slip, invoice request or payment names its order in its `order` field; they are found
by that number.
"""

from __future__ import annotations

import operator
from collections import defaultdict
from decimal import Decimal
from functools import reduce

from peewee import Value

from tui_office.domain import engine
from tui_office.domain.errors import OfficeError
from tui_office.store.models import Document
from tui_office.workflows.sales.models import Product
from tui_office.workflows.sales.money import to_cent

ORDER_FORM = "sales_order"
OUTBOUND_FORM = "sales_outbound"
INVOICE_FORM = "sales_invoice"
PAYMENT_FORM = "sales_payment"
RETURN_FORM = "sales_return"
INVOICED_AT = "finance"
"""The invoice request's step after which the invoice exists."""
LIVE = (engine.IN_PROGRESS, engine.APPROVED, engine.RETURNED)
"""States in which a document still counts (a returned one may be sent again as it is)."""
ALL = (*LIVE, engine.REJECTED, engine.WITHDRAWN)
"""Every state but draft and discarded: what an order's page lists."""
ISSUED_AT = "warehouse"
"""The outbound step after which the goods have left."""


def _quantity(value: object) -> Decimal:
    try:
        return Decimal(str(value))
    except ArithmeticError:
        return Decimal(0)


def order_document(number: str) -> Document | None:
    doc = Document.get_or_none((Document.number == number) & (Document.form_id == ORDER_FORM))
    return doc


def following(number: str, form_id: str, statuses: tuple[str, ...] = LIVE) -> list[Document]:
    """The documents of `form_id` naming order `number` in their `order` field, oldest first."""
    mentions = Document.fields ** Value(f'%"{number}"%', converter=False)
    found = Document.select().where(mentions & (Document.form_id == form_id) & Document.status.in_(statuses))
    return [d for d in found.order_by(Document.id) if (d.fields or {}).get("order") == number]


def by_product(rows: object) -> dict[str, Decimal]:
    out: dict[str, Decimal] = defaultdict(Decimal)
    for row in rows if isinstance(rows, list) else []:
        if isinstance(row, dict) and row.get("product"):
            out[str(row["product"])] += _quantity(row.get("quantity"))
    return dict(out)


def ordered(number: str) -> dict[str, Decimal] | None:
    """The approved order's quantities by product (None: no such order, or not valid yet)."""
    doc = order_document(number)
    if doc is None or doc.status != engine.APPROVED:
        return None
    return by_product((doc.fields or {}).get("lines"))


def issued(doc: Document) -> bool:
    """Whether an outbound slip's goods have left the warehouse."""
    return doc.status == engine.APPROVED or ISSUED_AT in ((doc.state or {}).get("path") or [])


def shipped(number: str, exclude_id: int | None = None, *, only_issued: bool = False) -> dict[str, Decimal]:
    """Quantities by product on the order's live outbound slips (only those issued: `only_issued`),
    less what came back on returns the warehouse took in."""
    out: dict[str, Decimal] = defaultdict(Decimal)
    for doc in following(number, OUTBOUND_FORM):
        if doc.id == exclude_id or (only_issued and not issued(doc)):
            continue
        for product, quantity in by_product((doc.fields or {}).get("lines")).items():
            out[product] += quantity
    for product, quantity in returned(number).items():
        out[product] -= quantity
    return dict(out)


def returned(number: str, *, outbound: str | None = None, exclude_id: int | None = None,
             received_only: bool = True) -> dict[str, Decimal]:
    """Quantities by product sent back on the order's returns (of one outbound slip: `outbound`):
    those the warehouse took in, or (`received_only=False`) every live one."""
    out: dict[str, Decimal] = defaultdict(Decimal)
    for doc in following(number, RETURN_FORM):
        fields = doc.fields or {}
        if doc.id == exclude_id or (outbound is not None and fields.get("outbound") != outbound):
            continue
        if received_only and not (doc.status == engine.APPROVED or ISSUED_AT in ((doc.state or {}).get("path") or [])):
            continue
        for product, quantity in by_product(fields.get("lines")).items():
            out[product] += quantity
    return dict(out)


def outbound_issued(slip: str) -> tuple[str, dict[str, Decimal]] | None:
    """(order number, quantities by product) of an outbound slip whose goods left (None: not so)."""
    doc = Document.get_or_none((Document.number == slip) & (Document.form_id == OUTBOUND_FORM))
    if doc is None or not issued(doc):
        return None
    return str((doc.fields or {}).get("order") or ""), by_product((doc.fields or {}).get("lines"))


def _money(value: object) -> Decimal:
    return to_cent(_quantity(value))


def unit_gross(order_fields: dict) -> dict[str, Decimal]:
    """Gross (tax included) per unit of each product on the order, from its lines' rounded gross."""
    quantity: dict[str, Decimal] = defaultdict(Decimal)
    gross: dict[str, Decimal] = defaultdict(Decimal)
    for row in order_fields.get("lines") or []:
        if isinstance(row, dict) and row.get("product"):
            quantity[str(row["product"])] += _quantity(row.get("quantity"))
            gross[str(row["product"])] += _quantity(row.get("gross"))
    return {p: gross[p] / quantity[p] for p in quantity if quantity[p]}


def delivered_value(number: str) -> Decimal:
    """What the goods the warehouse issued for the order are worth (tax included, to the cent)."""
    doc = order_document(number)
    if doc is None:
        return Decimal("0.00")
    prices = unit_gross(doc.fields or {})
    issued_now = shipped(number, only_issued=True)
    return sum((to_cent(q * prices.get(p, Decimal(0))) for p, q in issued_now.items()), Decimal("0.00"))


def requested_invoices(number: str, exclude_id: int | None = None) -> Decimal:
    """What the order's live invoice requests ask for (issued or not)."""
    return sum((_money((d.fields or {}).get("amount")) for d in following(number, INVOICE_FORM) if d.id != exclude_id),
               Decimal("0.00"))


def invoice_issued(doc: Document) -> bool:
    return doc.status == engine.APPROVED or INVOICED_AT in ((doc.state or {}).get("path") or [])


def invoiced(number: str) -> Decimal:
    """What finance has invoiced for the order."""
    return sum((_money((d.fields or {}).get("amount")) for d in following(number, INVOICE_FORM) if invoice_issued(d)),
               Decimal("0.00"))


def paid(number: str) -> Decimal:
    """What the customer paid against the order, as finance confirmed it."""
    return sum((_money((d.fields or {}).get("amount"))
                for d in following(number, PAYMENT_FORM, (engine.APPROVED,))), Decimal("0.00"))


def issue_stock(office: object, doc: Document, form: object, values: dict) -> None:
    """Hook `sales.issue_stock`: the warehouse issued the slip's goods; their stock goes down
    (refused, and the issue undone, when the warehouse holds less than the slip takes)."""
    for product_code, quantity in by_product(values.get("lines")).items():
        product = Product.get_or_none(Product.code == product_code)
        if product is None:
            raise OfficeError("sales_unknown_product", given=product_code, row="—")
        if Decimal(product.stock) < quantity:
            raise OfficeError("sales_short_stock", product=product_code, stock=Decimal(product.stock).normalize(),
                              quantity=quantity.normalize())
        product.stock = Decimal(product.stock) - quantity
        product.save()



def restore_stock(office: object, doc: Document, form: object, values: dict) -> None:
    """Hook `sales.restore_stock`: the warehouse took returned goods back; their stock goes up."""
    for product_code, quantity in by_product(values.get("lines")).items():
        product = Product.get_or_none(Product.code == product_code)
        if product is not None:
            product.stock = Decimal(product.stock) + quantity
            product.save()
