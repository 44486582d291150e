"""Provides sales statistics (销售统计), pure: order lines summed by region, customer, dealer or
direct channel, product or salesperson over a week (Monday to Sunday) or a calendar month, with a
total row — amounts in `Decimal`, already rounded per line, so every row adds up to the total."""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from tui_office.workflows.sales.money import decimal_or_none
from tui_office.workflows.sales.report_choices import GROUPS


@dataclass(frozen=True)
class SaleLine:
    """One line of an approved order, as the statistics read it."""

    order: str
    day: date
    region: str
    customer: str
    customer_name: str
    channel: str
    salesperson: str
    product: str
    product_name: str
    quantity: Decimal
    net: Decimal
    gross: Decimal


def period(kind: str, day: date) -> tuple[date, date]:
    """First and last day of the week (Monday–Sunday) or month `day` falls in."""
    if kind == "week":
        start = day - timedelta(days=day.weekday())
        return start, start + timedelta(days=6)
    return day.replace(day=1), day.replace(day=monthrange(day.year, day.month)[1])


def shifted(kind: str, day: date, steps: int) -> date:
    """A day in the period `steps` periods before (negative) or after `day`'s."""
    if kind == "week":
        return day + timedelta(weeks=steps)
    months = day.year * 12 + day.month - 1 + steps
    return date(months // 12, months % 12 + 1, 1)


def lines_of(number: str, fields: dict, channel: str) -> list[SaleLine]:
    """The statistic lines of one stored order (a line whose figures do not read is left out)."""
    try:
        day = date.fromisoformat(str(fields.get("order_date")))
    except ValueError:
        return []
    out = []
    for row in fields.get("lines") or []:
        if not isinstance(row, dict):
            continue
        quantity, net, gross = (decimal_or_none(row.get(k)) for k in ("quantity", "net", "gross"))
        if None in (quantity, net, gross):
            continue
        out.append(SaleLine(number, day, str(fields.get("region") or ""), str(fields.get("customer") or ""),
                            str(fields.get("customer_name") or ""), channel, str(fields.get("salesperson") or ""),
                            str(row.get("product") or ""), str(row.get("name") or ""), quantity, net, gross))
    return out


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    orders: int
    net: Decimal
    gross: Decimal

    def to_json(self) -> dict:
        return {"key": self.key, "label": self.label, "orders": self.orders, "net": str(self.net),
                "gross": str(self.gross)}


def _key(line: SaleLine, by: str) -> tuple[str, str]:
    if by == "customer":
        return line.customer, line.customer_name
    if by == "product":
        return line.product, line.product_name
    return getattr(line, by), getattr(line, by)


def summarise(lines: Iterable[SaleLine], by: str, start: date, end: date) -> tuple[list[Row], Row]:
    """Rows (largest gross first) and the total row of the lines dated from `start` to `end`."""
    if by not in GROUPS:
        raise ValueError(by)
    groups: dict[str, dict] = {}
    all_orders: set[str] = set()
    total_net = total_gross = Decimal("0.00")
    for line in lines:
        if not start <= line.day <= end:
            continue
        key, label = _key(line, by)
        group = groups.setdefault(key, {"label": label, "orders": set(), "net": Decimal("0.00"),
                                        "gross": Decimal("0.00")})
        group["orders"].add(line.order)
        group["net"] += line.net
        group["gross"] += line.gross
        all_orders.add(line.order)
        total_net += line.net
        total_gross += line.gross
    rows = [Row(k, g["label"], len(g["orders"]), g["net"], g["gross"]) for k, g in groups.items()]
    rows.sort(key=lambda r: (-r.gross, r.key))
    return rows, Row("", "", len(all_orders), total_net, total_gross)
