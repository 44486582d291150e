"""Provides `tui-office sales …`: import and list customers and products, enter orders from a file.

Orders are documents of the `sales_order` form: `tui-office show NUMBER --json` shows one with its
lines and totals, `tui-office act approve NUMBER` confirms it, as for any form.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from decimal import Decimal

from tui_office.cli.context import current_user, open_office, print_json, say, year_month
from tui_office.cli.table import print_table
from tui_office.domain.text import printable
from tui_office.i18n import t
from tui_office.workflows.sales import filing, master, order_status, orders, reports, rules
from tui_office.workflows.sales.master import ImportFailed
from tui_office.workflows.sales.money import decimal_or_none, money_text
from tui_office.workflows.sales.report_choices import GROUPS, PERIODS


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("sales", help="sales: customers, products, orders")
    ssub = p.add_subparsers(dest="sales_command", metavar="WHAT", required=True)
    for name, what in (("customers", "customers (code,name,region,channel,salesperson,contact)"),
                       ("products", "products (code,name,unit,list_price,tax_rate)")):
        q = ssub.add_parser(name, help=what)
        qsub = q.add_subparsers(dest="sales_action", metavar="ACTION", required=True)
        i = qsub.add_parser("import", help=f"add or update {name} from a CSV file with a header row")
        i.add_argument("path", metavar="CSV")
        i.set_defaults(func=cmd_import, kind=name)
        ls = qsub.add_parser("list", help=f"list {name}, best match first")
        ls.add_argument("--search", default="", metavar="TERM", help="code, name, pinyin or its initials")
        ls.add_argument("--json", action="store_true")
        ls.set_defaults(func=cmd_list, kind=name)
    o = ssub.add_parser("order", help="enter sales orders")
    osub = o.add_subparsers(dest="sales_action", metavar="ACTION", required=True)
    c = osub.add_parser("create", help="enter every order of a JSON or CSV file (all or none)")
    c.add_argument("path", metavar="FILE")
    c.add_argument("--json", action="store_true", help='print JSON: ["SO-2026-0001", …]')
    c.set_defaults(func=cmd_create)
    w = osub.add_parser("show", help="an order with its lines, deliveries, invoices, payments and balance")
    w.add_argument("number")
    w.add_argument("--json", action="store_true", help="print JSON (see README: Sales orders)")
    w.set_defaults(func=cmd_show)
    f = ssub.add_parser("file", help="number and file the sales contracts of a month (default: last month)")
    f.add_argument("--month", type=year_month, metavar="YYYY-MM")
    f.add_argument("--json", action="store_true")
    f.set_defaults(func=cmd_file, run=True)
    g = ssub.add_parser("filing", help="a month's contract filing: deadline, filed, still to file")
    g.add_argument("--month", type=year_month, metavar="YYYY-MM")
    g.add_argument("--json", action="store_true")
    g.set_defaults(func=cmd_file, run=False)
    r = ssub.add_parser("report", help="sales statistics of a week or month by region, customer, channel, product or salesperson")
    r.add_argument("--period", choices=PERIODS, default="month")
    r.add_argument("--on", type=_day, metavar="YYYY-MM-DD", help="a day in the period (default: today)")
    r.add_argument("--by", choices=GROUPS, default="region")
    r.add_argument("--json", action="store_true")
    r.add_argument("--out", metavar="FILE", help="also write it to FILE: .xlsx a workbook, else CSV")
    r.set_defaults(func=cmd_report)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected YYYY-MM-DD, got {text!r}") from None


def _failed(error: ImportFailed) -> int:
    print(f"tui-office: {printable(t('error.sales_import_failed'))}", file=sys.stderr)
    for line in error.problems:
        print(printable(line), file=sys.stderr)
    return 1


def cmd_import(args: argparse.Namespace) -> int:
    office = open_office(args)
    me = current_user(office, args)
    run = master.import_customers if args.kind == "customers" else master.import_products
    try:
        count = run(office, me.login, args.path)
    except ImportFailed as error:
        return _failed(error)
    say(t(f"sales.imported_{args.kind}", count=count, path=args.path))
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    office = open_office(args)
    current_user(office, args)
    if args.kind == "customers":
        found = master.customers(office, args.search, limit=10_000)
        headers = [t(f"sales.customer.{k}") for k in ("code", "name", "region", "channel", "salesperson", "contact")]
        rows = [[c.code, c.name, c.region, t(f"sales.channel.{c.channel}"), c.salesperson, c.contact] for c in found]
    else:
        found = master.products(office, args.search, limit=10_000)
        headers = [t(f"sales.product.{k}") for k in ("code", "name", "unit", "list_price", "tax_rate", "stock")]
        rows = [[p.code, p.name, p.unit, str(p.list_price), str(p.tax_rate), format(p.stock.normalize(), "f")] for p in found]
    if args.json:
        print_json([x.to_json() for x in found])
        return 0
    print_table(headers, rows)
    return 0


def cmd_create(args: argparse.Namespace) -> int:
    office = open_office(args)
    me = current_user(office, args)
    try:
        numbers = orders.create_orders(office, me.login, args.path)
    except ImportFailed as error:
        return _failed(error)
    if args.json:
        print_json(numbers)
        return 0
    for number in numbers:
        say(t("sales.created", number=number))
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    office = open_office(args)
    me = current_user(office, args)
    found = order_status.order_status(office, me.login, args.number)
    if args.json:
        print_json(found.to_json())
        return 0
    f = found.fields
    say(f"{found.number}  {f.get('customer', '')} {f.get('customer_name', '')}  {t(f'status.{found.status}')}")
    say(t("sales.show.money", gross=money_text(decimal_or_none(f.get("gross_total")) or Decimal(0)),
          delivered=money_text(found.delivered), invoiced=money_text(found.invoiced), paid=money_text(found.paid),
          balance=money_text(found.balance)))
    print_table([t(f"sales.entry.col_{k}") for k in ("product", "name", "quantity", "gross")] +
                [t("sales.show.shipped"), t("sales.show.issued")],
                [[r["product"], r.get("name") or "", r["quantity"], r.get("gross") or "", r["shipped"], r["issued"]]
                 for r in found.lines])
    for title, rows in ((t("sales.show.deliveries"), found.deliveries), (t("sales.show.invoices"), found.invoices),
                        (t("sales.show.payments"), found.payments), (t("sales.show.returns"), found.returns)):
        for row in rows:
            amount = decimal_or_none(row.fields.get("amount"))
            say(f"{title}: {row.number}  {t(f'status.{row.status}')}  {row.step}  "
                f"{money_text(amount) if amount is not None else ''}".rstrip())
    return 0


def cmd_file(args: argparse.Namespace) -> int:
    office = open_office(args)
    me = current_user(office, args)
    year, month = args.month or rules.previous_month(office.clock.today())
    found = filing.file_month(office, me.login, year, month) if args.run else filing.status(office, year, month)
    if args.json:
        print_json(found.to_json())
        return 0
    late = f" ({t('sales.filing.late')})" if found.late else ""
    say(t("sales.filing.status_line", month=found.month, deadline=found.deadline.isoformat(),
          filed=len(found.filed), unfiled=len(found.unfiled)) + late)
    for row in found.filed:
        say(t("sales.filing.filed", number=row["number"], filing_no=row["filing_no"]))
    for number in found.unfiled:
        say(number)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    office = open_office(args)
    me = current_user(office, args)
    found = reports.sales_report(office, me.login, args.period, args.on or office.clock.today(), args.by)
    if args.out:
        reports.write_report(found, args.out)
    if args.json:
        print_json(found.to_json())
        return 0
    say(t("sales.report.title", start=found.start.isoformat(), end=found.end.isoformat()))
    print_table(found.headers(), found.table())
    if args.out:
        say(t("sales.report.written", path=args.out))
    return 0
