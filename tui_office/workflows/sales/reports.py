"""Provides the sales statistics use cases: a week's or month's approved orders summed by region,
customer, channel, product or salesperson (`report.py` does the sums), and the same as an export
kind (`export sales-report`, CSV or XLSX through the one exporter). For the sales manager, sales
administration, the leadership and finance."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tui_office.domain import engine
from tui_office.domain.errors import OfficeError
from tui_office.i18n import t
from tui_office.services import export
from tui_office.services.export_types import Cell, ExportKind, Sheet
from tui_office.services.office import Office
from tui_office.store import aggregates
from tui_office.store.models import User
from tui_office.workflows.sales import report
from tui_office.workflows.sales.master import display_name, require_role
from tui_office.workflows.sales.models import Customer
from tui_office.workflows.sales.report import Row
from tui_office.workflows.sales.report_choices import GROUPS, PERIODS

REPORT_ROLES = frozenset({"sales_manager", "sales_admin", "gm", "vp", "finance", "admin"})
ORDER_FORM = "sales_order"


@dataclass(frozen=True)
class SalesReport:
    period: str
    by: str
    start: date
    end: date
    rows: list[Row]
    total: Row

    def to_json(self) -> dict:
        return {"period": self.period, "by": self.by, "start": self.start.isoformat(), "end": self.end.isoformat(),
                "rows": [r.to_json() for r in self.rows], "total": {k: v for k, v in self.total.to_json().items()
                                                                  if k not in ("key", "label")}}

    def headers(self) -> list[str]:
        return [t(f"sales.report.by_{self.by}"), t("sales.report.orders"), t("sales.report.net"),
                t("sales.report.gross")]

    def table(self) -> list[list[str]]:
        """The rows as text, the total last."""
        body = [[_label(r, self.by), str(r.orders), f"{r.net:,.2f}", f"{r.gross:,.2f}"] for r in self.rows]
        return body + [[t("sales.report.total"), str(self.total.orders), f"{self.total.net:,.2f}",
                        f"{self.total.gross:,.2f}"]]


def _label(row: Row, by: str) -> str:
    if by == "channel":
        return t(f"sales.channel.{row.key}") if row.key else "—"
    if by in ("customer", "product") and row.label and row.label != row.key:
        return f"{row.key} {row.label}"
    return row.label or row.key or "—"


def sale_lines(start: date, end: date) -> list[report.SaleLine]:
    """Every line of every approved order dated from `start` to `end`."""
    channels = {c.code: c.channel for c in Customer.select(Customer.code, Customer.channel)}
    out: list[report.SaleLine] = []
    for number, fields in aggregates.fields_in_range(ORDER_FORM, (engine.APPROVED,), "order_date",
                                                     start.isoformat(), end.isoformat()):
        out += report.lines_of(number, fields, channels.get(str(fields.get("customer") or ""), ""))
    return out


def sales_report(office: Office, me: str, period: str, on: date, by: str) -> SalesReport:
    """The statistics of the week or month `on` falls in, grouped `by`."""
    if period not in PERIODS or by not in GROUPS:
        raise OfficeError("sales_bad_report", period=period, by=by)
    require_role(me, REPORT_ROLES, "sales_report_denied")
    start, end = report.period(period, on)
    rows, total = report.summarise(sale_lines(start, end), by, start, end)
    if by == "salesperson":
        names = {u.login: display_name(u) for u in _users({r.key for r in rows})}
        rows = [Row(r.key, names.get(r.key, r.key), r.orders, r.net, r.gross) for r in rows]
    return SalesReport(period, by, start, end, rows, total)


def _users(logins: set[str]) -> list:
    return list(User.select().where(User.login.in_(sorted(logins)))) if logins else []


def report_sheet(found: SalesReport) -> Sheet:
    """The report as one typed table: counts and amounts as numbers, the period's days as dates, the
    total last."""
    rows: list[list[Cell]] = [[_label(r, found.by), r.orders, r.net, r.gross, found.start, found.end]
                              for r in found.rows]
    rows.append([t("sales.report.total"), found.total.orders, found.total.net, found.total.gross, found.start,
                 found.end])
    return Sheet(t("sales.report.title", start=found.start.isoformat(), end=found.end.isoformat()),
                 [*found.headers(), t("sales.report.from"), t("sales.report.to")], rows)


def report_sheets(office: Office, me: str, period: str = "month", on: date | None = None,
                  by: str = "region") -> list[Sheet]:
    """`tui-office export sales-report`: the report of the week or month `on` (default: today) falls in."""
    return [report_sheet(sales_report(office, me, period, on or office.clock.today(), by))]


SALES_REPORT_EXPORT = ExportKind("sales-report", "sales.report.kind", report_sheets)
"""`tui-office export sales-report --period week|month --on DAY --by GROUP` (options in `__init__`)."""


def write_report(found: SalesReport, path: str) -> int:
    """`sales report --out FILE`: the same file as `export sales-report` (`.xlsx`: a workbook; anything
    else: CSV with a BOM for Excel), replacing FILE; returns the rows without the total."""
    target = export.checked_path(path, force=True)
    fmt = "xlsx" if target.suffix.lower() == ".xlsx" else "csv"
    return export.write([report_sheet(found)], target, fmt, force=True).rows - 1
