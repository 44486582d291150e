"""Provides `WORKFLOW`: sales orders (销售订单) and their master data, everything in one package.

- `money.py`: line and order amounts in `Decimal`, rounded half-up to the cent (pure);
- `records.py`: reading and checking master-data rows and order files (pure);
- `rules.py`: the order rules that are not plain data (pure);
- `models.py`: the customers and products tables;
- `master.py`: importing and finding customers and products;
- `orders.py`: filling an order in from the master data, entering orders from files;
- `delivery.py`: what follows an order (outbound slips, returns, invoices, payments) in figures;
  stock going down when the warehouse issues, back up when it takes returns;
- `order_status.py`: one order with everything that followed it and its balance;
- `reports.py`: sales statistics of a week or month, shown, and exported as `sales-report`;
- `filing.py`: numbering and filing each month's sales contracts by the 5th; `remind` nags;
- `cli.py`: `tui-office sales …`; `ui/`: the sales-order entry screen;
- `demo.py`, `demo.toml`: the demo office's customers, products and orders;
- `i18n/`: the strings; `forms/`: the order, outbound slip, invoice request, payment and return
  forms.
Named by import path (`lazy`), so starting the app imports none of it until it is used.
"""

from __future__ import annotations

from pathlib import Path

from tui_office.extensions import ExportOption, Workflow, lazy
from tui_office.workflows.sales.models import ContractFiling, Customer, FilingMonth, Product
from tui_office.workflows.sales.report_choices import GROUPS, PERIODS

_HERE = Path(__file__).parent
_PACKAGE = "tui_office.workflows.sales"

WORKFLOW = Workflow(
    id="sales",
    title_key="sales.title",
    forms=("sales_order", "sales_outbound", "sales_invoice", "sales_payment", "sales_return"),
    form_files=(_HERE / "forms",),
    rules=f"{_PACKAGE}.rules:RULES",
    lookup=lazy(f"{_PACKAGE}.orders:lookup_for"),
    hooks={"sales.issue_stock": lazy(f"{_PACKAGE}.delivery:issue_stock"),
           "sales.restore_stock": lazy(f"{_PACKAGE}.delivery:restore_stock"),
           "sales.copy_salesperson": lazy(f"{_PACKAGE}.orders:copy_salesperson")},
    models=(Customer, Product, ContractFiling, FilingMonth),
    sweeps=(lazy(f"{_PACKAGE}.filing:sweep"),),
    cli=lazy(f"{_PACKAGE}.cli:register"),
    screens={"entry": f"{_PACKAGE}.ui.entry:OrderEntryScreen", "orders": f"{_PACKAGE}.ui.orders:SalesOrdersScreen",
             "report": f"{_PACKAGE}.ui.report:SalesReportScreen"},
    demo=lazy(f"{_PACKAGE}.demo:load_master_data"),
    demo_documents=lazy(f"{_PACKAGE}.demo:load_orders"),
    catalogue=_HERE / "i18n",
    exports={"sales-report": f"{_PACKAGE}.reports:SALES_REPORT_EXPORT"},
    export_options={"sales-report": (
        ExportOption("period", "sales-report: a week (Monday to Sunday) or a calendar month (default: month)",
                     PERIODS),
        ExportOption("on", "sales-report: a day in the period (default: today)"),
        ExportOption("by", "sales-report: rows by region, customer, channel, product or salesperson (default: region)",
                     GROUPS))},
)
