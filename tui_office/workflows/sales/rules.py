"""Provides the sales-order rules that are not plain data (named as `forms/sales_order.toml` lists
them), pure: they read the master data through `RuleContext.lookup` (the service's `Lookup`).

- `sales.customer`: the customer code names a customer of the master data;
- `sales.products`: every line's product code names a product;
- `sales.contract`: an order under a contract names the contract and the day it was signed, not
  after the order is entered;
- `sales.late_reason`: an order entered more than one working day after the signing says why.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from tui_office.domain.errors import ValidationError
from tui_office.domain.rules import Rule, RuleContext

RULES: dict[str, Rule] = {}
LATE_AFTER_WORKING_DAYS = 1
"""Working days after the signing within which a contract's order is entered in time."""


def rule(name: str) -> Callable[[Rule], Rule]:
    def register(fn: Rule) -> Rule:
        RULES[name] = fn
        return fn

    return register


def _code(value: object) -> str:
    return str(value or "").strip()


@rule("sales.customer")
def customer(ctx: RuleContext) -> list[ValidationError]:
    code = _code(ctx.values.get("customer"))
    if code and ctx.lookup is not None and not ctx.lookup.customer_exists(code):
        return [ValidationError("customer", "sales_unknown_customer", given=code)]
    return []


@rule("sales.products")
def products(ctx: RuleContext) -> list[ValidationError]:
    problems = []
    for index, row in enumerate(ctx.values.get("lines") or [], start=1):
        code = _code(row.get("product")) if isinstance(row, dict) else ""
        if code and ctx.lookup is not None and not ctx.lookup.product_exists(code):
            problems.append(ValidationError(f"lines[{index}].product", "sales_unknown_product", given=code, row=index))
    return problems


@rule("sales.contract")
def contract(ctx: RuleContext) -> list[ValidationError]:
    if ctx.values.get("basis") != "contract":
        return []
    problems = []
    if not _code(ctx.values.get("contract_no")):
        problems.append(ValidationError("contract_no", "sales_contract_missing"))
    signed = ctx.values.get("signed_on")
    if not isinstance(signed, date):
        problems.append(ValidationError("signed_on", "sales_signed_missing"))
    elif signed > ctx.now.date():
        problems.append(ValidationError("signed_on", "sales_signed_future", day=signed.isoformat()))
    return problems


def entered_late(signed: date, entered: date, calendar: object) -> bool:
    """Whether an order entered on `entered` is more than one working day after the signing."""
    return calendar.working_days_between(signed, entered) > LATE_AFTER_WORKING_DAYS


@rule("sales.late_reason")
def late_reason(ctx: RuleContext) -> list[ValidationError]:
    signed = ctx.values.get("signed_on")
    if ctx.values.get("basis") != "contract" or not isinstance(signed, date) or signed > ctx.now.date():
        return []
    if entered_late(signed, ctx.now.date(), ctx.calendar) and not _code(ctx.values.get("late_reason")):
        return [ValidationError("late_reason", "sales_late_reason", day=signed.isoformat())]
    return []


@rule("sales.outbound_lines")
def outbound_lines(ctx: RuleContext) -> list[ValidationError]:
    """An outbound slip takes only what its approved order still has to ship, product by product."""
    number = _code(ctx.values.get("order"))
    if not number or ctx.lookup is None:
        return []
    ordered = ctx.lookup.ordered(number)
    if ordered is None:
        return [ValidationError("order", "sales_order_not_valid", number=number)]
    taken = dict(ctx.lookup.shipped(number, ctx.document_id))
    return _within(ctx.values.get("lines"), ordered, taken, "sales_not_on_order", "sales_over_order", number=number)


def _within(rows: object, available: dict, taken: dict, not_there: str, too_many: str, **params: object) -> list[ValidationError]:
    """Each line's product must be among `available`, and its quantity, with what `taken` already
    holds and the lines above it, at most what is available of it."""
    problems = []
    for index, row in enumerate(rows if isinstance(rows, list) else [], start=1):
        product = _code(row.get("product")) if isinstance(row, dict) else ""
        quantity = row.get("quantity") if isinstance(row, dict) else None
        if not product or quantity is None:
            continue
        if product not in available:
            problems.append(ValidationError(f"lines[{index}].product", not_there, product=product, **params))
            continue
        left = available[product] - taken.get(product, 0)
        if quantity > left:
            problems.append(ValidationError(f"lines[{index}].quantity", too_many, product=product, left=_plain(left),
                                            ordered=_plain(available[product]), **params))
        taken[product] = taken.get(product, 0) + quantity
    return problems


def _plain(value: object) -> str:
    text = format(value, "f") if not isinstance(value, str) else value
    return text.rstrip("0").rstrip(".") if "." in text else text


@rule("sales.invoice_amount")
def invoice_amount(ctx: RuleContext) -> list[ValidationError]:
    """An invoice request asks for at most what was delivered and is not invoiced or requested yet."""
    number = _code(ctx.values.get("order"))
    amount = ctx.values.get("amount")
    if not number or amount is None or ctx.lookup is None:
        return []
    if ctx.lookup.ordered(number) is None:
        return [ValidationError("order", "sales_order_not_valid", number=number)]
    left = ctx.lookup.delivered_value(number) - ctx.lookup.requested_invoices(number, ctx.document_id)
    if amount > left:
        return [ValidationError("amount", "sales_over_delivered", amount=f"{amount:,.2f}", left=f"{max(left, 0):,.2f}")]
    return []


@rule("sales.return_lines")
def return_lines(ctx: RuleContext) -> list[ValidationError]:
    """A return takes back at most what its outbound slip issued and earlier returns did not."""
    slip = _code(ctx.values.get("outbound"))
    if not slip or ctx.lookup is None:
        return []
    found = ctx.lookup.outbound_issued(slip)
    if found is None:
        return [ValidationError("outbound", "sales_not_issued", number=slip)]
    order, issued = found
    problems = []
    if _code(ctx.values.get("order")) != order:
        problems.append(ValidationError("order", "sales_return_other_order", number=slip, order=order))
    back = dict(ctx.lookup.returned(order, slip, ctx.document_id))
    return problems + _within(ctx.values.get("lines"), issued, back, "sales_not_on_slip", "sales_over_returned",
                              number=slip)


FILING_DAY = 5
"""Contracts of a month are numbered and filed by this day of the next month."""


def filing_deadline(year: int, month: int, calendar: object) -> date:
    """The last day to file the contracts of `year`-`month`: the 5th of the next month, or the first
    working day after it when the office is closed that day."""
    nxt = date(year + month // 12, month % 12 + 1, FILING_DAY)
    while not calendar.is_working_day(nxt):
        nxt = date.fromordinal(nxt.toordinal() + 1)
    return nxt


def previous_month(day: date) -> tuple[int, int]:
    return (day.year, day.month - 1) if day.month > 1 else (day.year - 1, 12)


def filing_number(year: int, month: int, seq: int) -> str:
    """`XS-202611-007`: the seventh contract of November 2026."""
    return f"XS-{year:04d}{month:02d}-{seq:03d}"
