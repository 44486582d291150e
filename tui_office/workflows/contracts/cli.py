"""Provides `tui-office contracts …`: the contract register, supplements, settlements (open, mark the
handover list, send, the clerk's review with its calculation sheet), `show` and the printable
review tables. The later review steps are the ordinary `tui-office act approve JS-… --set …`;
standing aside is `tui-office declare-conflict JS-… --reason …`.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from tui_office.cli.context import bounded_int, current_user, open_office, print_json, say
from tui_office.cli.table import print_table
from tui_office.domain.errors import ValidationError, ValidationFailed
from tui_office.i18n import t
from tui_office.services import decisions
from tui_office.workflows.contracts import rules, service, tables, views

PAGES = bounded_int(0, rules.MAX_PAGES)
MAX_LINES = 200


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("contracts", help="contracts: register, supplements, settlement handover and review")
    csub = p.add_subparsers(dest="contracts_command", metavar="ACTION", required=True)

    r = csub.add_parser("register", help="register a signed contract (numbered HT-YYYY-NNNN)")
    r.add_argument("--title", required=True)
    r.add_argument("--counterparty", required=True)
    r.add_argument("--category", required=True, help="a category code of contract_categories.toml (a … f)")
    r.add_argument("--project-code", required=True)
    r.add_argument("--project-name", required=True)
    r.add_argument("--amount", required=True)
    r.add_argument("--signed", required=True, metavar="YYYY-MM-DD")
    r.add_argument("--department", help="handling department code (administrators only; default: the category's)")
    r.add_argument("--number", help="the number the signed original carries (HT-YYYY-NNNN; default: the next one)")
    r.set_defaults(func=cmd_register)

    s = csub.add_parser("supplement", help="register a supplement or amendment of a contract")
    s.add_argument("contract", metavar="CONTRACT")
    s.add_argument("--title", required=True)
    s.add_argument("--signed", required=True, metavar="YYYY-MM-DD")
    s.add_argument("--kind", choices=["supplement", "amendment"], default="supplement")
    s.add_argument("--amount-change", help="change of the contract amount (negative: lower)")
    s.set_defaults(func=cmd_supplement)

    ls = csub.add_parser("list", help="the contract register")
    ls.add_argument("--filter", default="", help="only contracts whose number, title, counterparty, category or project holds this")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(func=cmd_list)

    c = csub.add_parser("categories", help="the categories and their handover checklists")
    c.add_argument("--json", action="store_true")
    c.set_defaults(func=cmd_categories)

    o = csub.add_parser("settle", help="open a settlement of a contract (its category's handover list)")
    o.add_argument("contract", metavar="CONTRACT")
    o.add_argument("--applicant", required=True, help="who hands the settlement documents over (the counterparty's contact)")
    o.set_defaults(func=cmd_settle)

    m = csub.add_parser("mark", help="mark one item of a settlement's handover list")
    m.add_argument("number", metavar="SETTLEMENT")
    m.add_argument("item", metavar="ITEM")
    how = m.add_mutually_exclusive_group(required=True)
    how.add_argument("--received", action="store_true")
    how.add_argument("--na", metavar="REASON", help="not applicable, and why")
    how.add_argument("--missing", action="store_true")
    m.add_argument("--pages", type=PAGES, help="pages or copies received")
    m.add_argument("--file", metavar="PATH", help="a file on the shared host, kept by reference (size, sha256)")
    m.set_defaults(func=cmd_mark)

    u = csub.add_parser("submit", help="send a settlement's handover on (refused while a required item is missing)")
    u.add_argument("number", metavar="SETTLEMENT")
    u.set_defaults(func=cmd_submit)

    v = csub.add_parser("review", help="the handling clerk's preliminary review: amount, calculation sheet, opinion")
    v.add_argument("number", metavar="SETTLEMENT")
    v.add_argument("--amount", required=True, help="the settlement amount")
    v.add_argument("--line", action="append", default=[], metavar="ITEM|QUANTITY|UNIT_PRICE",
                   help="a line of the calculation sheet (repeat; the amounts must add up to --amount)")
    v.add_argument("--opinion", required=True, help="the preliminary opinion")
    v.set_defaults(func=cmd_review)

    w = csub.add_parser("show", help="a contract (HT-…) or a settlement (JS-…)")
    w.add_argument("number")
    w.add_argument("--json", action="store_true")
    w.set_defaults(func=cmd_show)

    pr = csub.add_parser("print", help="a settlement's preliminary opinion or confirmation table")
    pr.add_argument("number", metavar="SETTLEMENT")
    pr.add_argument("--table", choices=tables.KINDS, required=True)
    pr.add_argument("--html", metavar="PATH", help="write an HTML page to PATH instead of printing text")
    pr.set_defaults(func=cmd_print)


def cmd_register(args: argparse.Namespace) -> int:
    office = open_office(args)
    me = current_user(office, args)
    values = {"title": args.title, "counterparty": args.counterparty, "category": args.category,
              "project_code": args.project_code, "project_name": args.project_name, "amount": args.amount,
              "signed_date": args.signed}
    if args.department:
        values["department"] = args.department
    say(service.register(office, me.login, values, args.number))
    return 0


def cmd_supplement(args: argparse.Namespace) -> int:
    office = open_office(args)
    me = current_user(office, args)
    values = {"title": args.title, "signed_date": args.signed, "kind": args.kind}
    if args.amount_change is not None:
        values["amount_change"] = args.amount_change
    say(service.supplement(office, me.login, args.contract, values))
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    office = open_office(args)
    me = current_user(office, args)
    rows = views.register(office, me.login, args.filter)
    if args.json:
        print_json([r.to_json() for r in rows])
        return 0
    if not rows:
        say(t("contracts.none"))
        return 0
    print_table([t("contracts.col.number"), t("contracts.col.title"), t("contracts.col.counterparty"),
                 t("contracts.col.category"), t("contracts.col.project"), t("contracts.col.amount"),
                 t("contracts.col.signed")],
                [[r.number, r.title, r.counterparty, r.category, r.project, r.amount, r.signed_date] for r in rows])
    return 0


def cmd_categories(args: argparse.Namespace) -> int:
    book = service.catalogue()
    if args.json:
        print_json([{"code": c.code, "title": c.title, "department": c.department,
                     "required": list(c.required), "optional": list(c.optional)} for c in book.categories.values()])
        return 0
    for c in book.categories.values():
        say(f"{c.code}  {c.title}  ({c.department})")
        for item in c.checklist:
            mark = "*" if item in c.required else " "
            say(f"   {mark} {item}: {book.items[item].label}")
    return 0


def cmd_settle(args: argparse.Namespace) -> int:
    office = open_office(args)
    me = current_user(office, args)
    say(service.open_settlement(office, me.login, args.contract, args.applicant))
    return 0


def cmd_mark(args: argparse.Namespace) -> int:
    office = open_office(args)
    me = current_user(office, args)
    status = rules.RECEIVED if args.received else rules.NOT_APPLICABLE if args.na is not None else rules.MISSING
    if (args.pages is not None or args.file) and status != rules.RECEIVED:
        raise ValidationFailed([ValidationError("pages", "contracts_received_only")])
    given = service.Mark(status=status, reason=args.na or "", pages=args.pages, file=args.file or "")
    say(service.mark(office, me.login, args.number, args.item, given))
    return 0


def cmd_submit(args: argparse.Namespace) -> int:
    office = open_office(args)
    me = current_user(office, args)
    say(t("contracts.sent", number=service.send(office, me.login, args.number)))
    return 0


def _lines(texts: list[str]) -> list[dict]:
    if len(texts) > MAX_LINES:
        raise ValidationFailed([ValidationError("calc", "contracts_too_many_lines", max=MAX_LINES)])
    rows = []
    for index, text in enumerate(texts, start=1):
        parts = text.split("|")
        if len(parts) != 3:
            raise ValidationFailed([ValidationError(f"calc[{index}]", "contracts_bad_line", value=text[:60])])
        rows.append({"description": parts[0].strip(), "quantity": parts[1].strip(), "unit_price": parts[2].strip()})
    return rows


def cmd_review(args: argparse.Namespace) -> int:
    office = open_office(args)
    me = current_user(office, args)
    fields: dict = {"settlement_amount": args.amount}
    if args.line:
        fields["calc"] = _lines(args.line)
    say(decisions.act(office, me.login, "approve", args.number, comment=args.opinion, fields=fields))
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    office = open_office(args)
    me = current_user(office, args)
    number = args.number
    if service.is_contract(number):
        found = views.contract(office, me.login, number)
        if args.json:
            print_json(found)
            return 0
        for key in ("number", "title", "counterparty", "category_title", "department_name", "project_code",
                    "project_name", "amount", "signed_date"):
            say(f"{t('contracts.field.' + key)}: {found[key]}")
        for s in found["supplements"]:
            say(f"  + {s['number']} {s['title']} {s['amount_change'] or ''} {s['signed_date']}")
        for s in found["settlements"]:
            say(f"  = {s['number']} {t('status.' + s['status'])}")
        return 0
    found = views.settlement(office, me.login, number)
    if args.json:
        print_json(found)
        return 0
    say(f"{found['number']}  {found['contract']}  {found['category_title']}  {found['department_name']}")
    say(t("contracts.counts", **found["counts"]))
    for item in found["checklist"]:
        say(f"  [{t('contracts.mark.' + item['status'])}] {item['label']}{' *' if item['required'] else ''}"
            f"{'  ' + item['reason'] if item['reason'] else ''}")
    for kind in tables.KINDS:
        if kind in found["tables"]:
            say(f"{t('contracts.table.' + kind + '_title')}: {found['tables'][kind]['number']}")
    return 0


def cmd_print(args: argparse.Namespace) -> int:
    office = open_office(args)
    me = current_user(office, args)
    found = views.settlement(office, me.login, args.number)
    if args.html:
        Path(args.html).write_text(tables.as_html(found, args.table), encoding="utf-8")
        say(t("contracts.written", path=args.html))
        return 0
    for line in tables.as_text(found, args.table).splitlines():
        say(line)
    return 0
