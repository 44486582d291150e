"""Provides `WORKFLOW`: sales orders (销售订单) and their master data, everything in one package.

- `money.py`: line and order amounts in `Decimal`, rounded half-up to the cent (pure);
- `records.py`: reading and checking master-data rows and order files (pure);
- `rules.py`: the order rules that are not plain data (pure);
- `models.py`: the customers and products tables;
- `master.py`: importing and finding customers and products;
- `orders.py`: filling an order in from the master data, entering orders from files;
- `delivery.py`: what an order's outbound slips take and issue; stock going down when issued;
- `cli.py`: `tui-office sales …`; `ui/`: the sales-order entry screen;
- `i18n/`: the strings; `demo.toml`: the demo office's customers, products and orders.
The order form itself is `forms/sales_order.toml`.
"""

from __future__ import annotations

from pathlib import Path

from tui_office.extensions import Workflow
from tui_office.workflows.sales import cli, delivery, demo, orders, rules
from tui_office.workflows.sales.models import Customer, Product

_HERE = Path(__file__).parent

WORKFLOW = Workflow(
    id="sales",
    title_key="sales.title",
    forms=(orders.FORM_ID, delivery.OUTBOUND_FORM, delivery.INVOICE_FORM, delivery.PAYMENT_FORM, delivery.RETURN_FORM),
    form_files=(_HERE / "forms",),
    rules=rules.RULES,
    lookup=orders.lookup_for,
    hooks={"sales.issue_stock": delivery.issue_stock, "sales.restore_stock": delivery.restore_stock,
           "sales.copy_salesperson": orders.copy_salesperson},
    models=(Customer, Product),
    cli=cli.register,
    screens={"entry": "tui_office.workflows.sales.ui.entry:OrderEntryScreen"},
    demo=demo.load_master_data,
    demo_documents=demo.load_orders,
    catalogue=_HERE / "i18n",
)
