"""Provides `tui-office equipment loans [--json]`."""

from __future__ import annotations

import argparse

from tests.workflows.equipment_loan import service
from tui_office.cli.context import current_user, open_office, print_json
from tui_office.i18n import t


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("equipment", help="equipment loans")
    esub = p.add_subparsers(dest="equipment_command", metavar="ACTION", required=True)
    loans = esub.add_parser("loans", help="my equipment loans")
    loans.add_argument("--json", action="store_true")
    loans.set_defaults(func=cmd_loans)


def cmd_loans(args: argparse.Namespace) -> int:
    office = open_office(args)
    me = current_user(office, args)
    found = service.loans(office, me.login)
    if args.json:
        print_json([loan.to_json() for loan in found])
        return 0
    for loan in found:
        print(f"{loan.number}  {loan.item}  {loan.status}  due {loan.due or '-'}  returned {loan.returned_at or '-'}")
    if not found:
        print(t("equipment.empty"))
    return 0
