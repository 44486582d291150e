"""Provides `tui-office seal register [--seal TYPE] [--json]`: every use of a seal.

Applying for a seal is an ordinary form: `tui-office submit seal_application --set documents=…
--set seal_type=contract --set copies=2 --set purpose=…`; the keeper records the use with
`tui-office act approve NUMBER --set sealed_on=YYYY-MM-DD --set copies_sealed=N`.
"""

from __future__ import annotations

import argparse

from tui_office.cli.context import current_user, open_office, print_json
from tui_office.cli.table import print_table
from tui_office.workflows.seal import service

SEAL_TYPES = ("company", "contract", "finance")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("seal", help="seals (用印): the register of every use")
    ssub = p.add_subparsers(dest="seal_command", metavar="ACTION", required=True)
    r = ssub.add_parser("register", help="every use of a seal, newest first (seal keepers, archive, admins)")
    r.add_argument("--seal", choices=SEAL_TYPES, help="only this seal")
    r.add_argument("--json", action="store_true",
                   help="print JSON: [{number,sealed_on,seal_type,seal,copies,documents,applicant,department,keeper,purpose}]")
    r.set_defaults(func=cmd_register)


def cmd_register(args: argparse.Namespace) -> int:
    office = open_office(args)
    me = current_user(office, args)
    uses = service.register(office, me.login, seal_type=args.seal)
    if args.json:
        print_json([use.to_json() for use in uses])
        return 0
    print_table(["date", "number", "seal", "copies", "documents", "applicant", "keeper"],
                [[u.sealed_on.isoformat(), u.number, u.seal, "" if u.copies is None else str(u.copies), u.documents,
                  u.applicant, u.keeper] for u in uses])
    return 0
