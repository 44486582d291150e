"""Provides `order_status`: one sales order with everything that followed it — its lines with what
was shipped and issued of each, the outbound slips, invoice requests and payments, and the balance
(invoiced − paid) — as the order page and `tui-office sales order show` present it."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from tui_office.domain.errors import OfficeError
from tui_office.services import queries
from tui_office.services.office import Office
from tui_office.store.models import Document
from tui_office.domain import engine
from tui_office.workflows.sales import delivery, master, reports


@dataclass(frozen=True)
class Following:
    """An outbound slip, invoice request or payment of the order."""

    number: str
    form: str
    status: str
    step: str
    fields: dict

    def to_json(self, keys: tuple[str, ...]) -> dict:
        out = {"number": self.number, "status": self.status, "step": self.step}
        out.update({k: self.fields.get(k) for k in keys})
        return out


@dataclass(frozen=True)
class OrderStatus:
    number: str
    status: str
    steps: list[str]
    fields: dict
    flags: list[str]
    lines: list[dict]
    deliveries: list[Following] = field(default_factory=list)
    invoices: list[Following] = field(default_factory=list)
    payments: list[Following] = field(default_factory=list)
    returns: list[Following] = field(default_factory=list)
    delivered: Decimal = Decimal("0.00")
    invoiced: Decimal = Decimal("0.00")
    paid: Decimal = Decimal("0.00")

    @property
    def balance(self) -> Decimal:
        """What the customer still owes on what was invoiced."""
        return self.invoiced - self.paid

    def to_json(self) -> dict:
        f = self.fields
        return {
            "number": self.number, "status": self.status, "steps": self.steps, "flags": self.flags,
            **{k: f.get(k) for k in ("customer", "customer_name", "region", "salesperson", "basis", "contract_no",
                                     "signed_on", "order_date")},
            "lines": self.lines,
            "totals": {"net": f.get("net_total"), "tax": f.get("tax_total"), "gross": f.get("gross_total")},
            "deliveries": [d.to_json(("ship_on", "lines", "issued_on", "note_signed_on", "note_signed_by"))
                           for d in self.deliveries],
            "invoices": [i.to_json(("amount", "invoice_on", "invoice_no", "invoice_date", "invoice_signed_on"))
                         for i in self.invoices],
            "payments": [p.to_json(("amount", "method", "received_on")) for p in self.payments],
            "returns": [r.to_json(("outbound", "kind", "lines", "received_on")) for r in self.returns],
            "delivered": str(self.delivered), "invoiced": str(self.invoiced), "paid": str(self.paid),
            "balance": str(self.balance),
        }


def _following(doc: Document) -> Following:
    return Following(doc.number, doc.form_id, doc.status, doc.step or "", dict(doc.fields or {}))


def _lines(fields: dict, shipped: dict[str, Decimal], issued: dict[str, Decimal]) -> list[dict]:
    """The order's lines, each with what of it was shipped and issued (a product's quantities
    allotted to its lines in order)."""
    left_shipped, left_issued = dict(shipped), dict(issued)
    out = []
    for row in fields.get("lines") or []:
        product = str(row.get("product", ""))
        quantity = Decimal(str(row.get("quantity") or 0))
        take_shipped = min(quantity, left_shipped.get(product, Decimal(0)))
        take_issued = min(quantity, left_issued.get(product, Decimal(0)))
        left_shipped[product] = left_shipped.get(product, Decimal(0)) - take_shipped
        left_issued[product] = left_issued.get(product, Decimal(0)) - take_issued
        out.append({**{k: row.get(k) for k in ("product", "name", "unit", "quantity", "unit_price", "discount",
                                               "tax_rate", "delivery", "net", "tax", "gross")},
                    "shipped": str(take_shipped), "issued": str(take_issued)})
    return out


def order_status(office: Office, me: str, number: str) -> OrderStatus:
    """The order `number` as `me` may see it, with what followed it."""
    view = queries.show(office, me, number)
    if view.form_id != delivery.ORDER_FORM:
        raise OfficeError("sales_not_an_order", number=number)
    number = view.number
    shipped = delivery.shipped(number)
    issued = delivery.shipped(number, only_issued=True)
    return OrderStatus(
        number=number, status=view.status, steps=[s.step for s in view.current_steps], fields=view.fields,
        flags=[f.get("flag", "") for f in view.flags], lines=_lines(view.fields, shipped, issued),
        deliveries=[_following(d) for d in delivery.following(number, delivery.OUTBOUND_FORM, delivery.ALL)],
        invoices=[_following(d) for d in delivery.following(number, delivery.INVOICE_FORM, delivery.ALL)],
        payments=[_following(d) for d in delivery.following(number, delivery.PAYMENT_FORM, delivery.ALL)],
        returns=[_following(d) for d in delivery.following(number, delivery.RETURN_FORM, delivery.ALL)],
        delivered=delivery.delivered_value(number), invoiced=delivery.invoiced(number), paid=delivery.paid(number),
    )


@dataclass(frozen=True)
class OrderRow:
    """One order in the orders list."""

    number: str
    customer_name: str
    order_date: str
    status: str
    gross: Decimal
    balance: Decimal


def order_list(office: Office, me: str, limit: int = 500) -> list[OrderRow]:
    """The latest orders (newest first) with their gross and balance, for the sales staff, the
    leadership and finance."""
    master.require_role(me, reports.REPORT_ROLES, "sales_report_denied")
    docs = (Document.select().where((Document.form_id == delivery.ORDER_FORM)
                                    & Document.status.not_in((engine.DRAFT, engine.DISCARDED)))
            .order_by(Document.id.desc()).limit(limit))
    out = []
    for doc in docs:
        fields = doc.fields or {}
        out.append(OrderRow(doc.number, str(fields.get("customer_name") or fields.get("customer") or ""),
                            str(fields.get("order_date") or ""), doc.status,
                            Decimal(str(fields.get("gross_total") or "0")),
                            delivery.invoiced(doc.number) - delivery.paid(doc.number)))
    return out
