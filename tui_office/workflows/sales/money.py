"""Provides the money of a sales order: line net/tax/gross and order totals, in `Decimal`, each
amount rounded half-up to the cent (四舍五入到分) as soon as it is an amount of money.

A line's net is quantity × unit price × (100 − discount %) / 100, rounded; its tax is the rounded
net × tax rate %, rounded; its gross is net + tax. The order's totals are the sums of the rounded
line amounts, so the lines always add up to the totals, to the cent. The order form's formulas
(`forms/sales_order.toml`) compute the same figures; the entry screen uses these to update the
totals on every key.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")
HUNDRED = Decimal(100)


def to_cent(amount: Decimal) -> Decimal:
    """`amount` rounded half-up to the cent."""
    return amount.quantize(CENT, ROUND_HALF_UP)


def decimal_or_none(text: object) -> Decimal | None:
    """A finite Decimal read from `text` (a number or its text), or None when it is not one."""
    if isinstance(text, bool) or text is None:
        return None
    try:
        value = Decimal(str(text).strip().replace(",", ""))
    except (InvalidOperation, ValueError):
        return None
    return value if value.is_finite() else None


@dataclass(frozen=True)
class LineAmounts:
    """The money of one order line, each rounded to the cent."""

    net: Decimal
    tax: Decimal

    @property
    def gross(self) -> Decimal:
        return self.net + self.tax


def line_amounts(quantity: Decimal, unit_price: Decimal, discount_pct: Decimal = Decimal(0),
                 tax_rate_pct: Decimal = Decimal(0)) -> LineAmounts:
    """Net, tax and gross of a line: quantity × price less the discount, tax on the rounded net."""
    net = to_cent(quantity * unit_price * (HUNDRED - discount_pct) / HUNDRED)
    tax = to_cent(net * tax_rate_pct / HUNDRED)
    return LineAmounts(net, tax)


@dataclass(frozen=True)
class Totals:
    """An order's net, tax and gross: the sums of its lines' rounded amounts."""

    net: Decimal = Decimal("0.00")
    tax: Decimal = Decimal("0.00")

    @property
    def gross(self) -> Decimal:
        return self.net + self.tax


def order_totals(lines: Iterable[LineAmounts]) -> Totals:
    """The totals of the lines (no lines: zero)."""
    net = tax = Decimal("0.00")
    for line in lines:
        net += line.net
        tax += line.tax
    return Totals(net, tax)


def price_deviation(unit_price: Decimal, discount_pct: Decimal, list_price: Decimal) -> Decimal | None:
    """How far the price after discount is from the list price, in % of it (None: no list price)."""
    if list_price <= 0:
        return None
    effective = unit_price * (HUNDRED - discount_pct) / HUNDRED
    return ((effective - list_price) * HUNDRED / list_price).quantize(CENT, ROUND_HALF_UP)


def money_text(amount: Decimal) -> str:
    """`12,345.60`: an amount as the order pages show it."""
    return f"{to_cent(amount):,.2f}"
