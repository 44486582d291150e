"""Provides `archive list` (finished documents by year, form, department) and `archive log` (who
outside a document opened it; archive keeper and administrators)."""

from __future__ import annotations

import argparse

from tui_office.cli.context import bounded_int, current_user, open_office, print_json
from tui_office.i18n import t
from tui_office.services import archive


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("archive", help="archived documents by year, form and department; who opened them")
    commands = p.add_subparsers(dest="archive_command", metavar="SUBCOMMAND", required=True,
                                parser_class=type(p))
    q = commands.add_parser("list", help="archived documents you may see, newest first")
    q.add_argument("--year", type=bounded_int(1900, 9999), metavar="YYYY", help="finished in this year")
    q.add_argument("--form", metavar="ID", help="of this form")
    q.add_argument("--dept", metavar="CODE", help="of this department (code or name)")
    q.add_argument("--limit", type=bounded_int(1, archive.MAX_LIMIT), default=archive.PAGE, metavar="N",
                   help=f"at most N documents (1–{archive.MAX_LIMIT}, default {archive.PAGE})")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_list)
    q = commands.add_parser("log", help="who outside a document opened it once archived (archive keeper, admins)")
    q.add_argument("--limit", type=bounded_int(1, archive.MAX_LIMIT), default=200, metavar="N")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_log)


def cmd_list(args: argparse.Namespace) -> int:
    office = open_office(args)
    me = current_user(office, args)
    rows = archive.browse(office, me.login, year=args.year, form=args.form, dept=args.dept, limit=args.limit)
    if args.json:
        print_json([row.to_json() for row in rows])
        return 0
    from tui_office.cli.table import print_table

    print_table(["number", "form", "title", "initiator", "department", "finished"],
                [[r.number, r.form_title, r.title, r.initiator_name, r.department,
                  f"{r.finished_at:%Y-%m-%d}" if r.finished_at else ""] for r in rows])
    return 0


def cmd_log(args: argparse.Namespace) -> int:
    office = open_office(args)
    me = current_user(office, args)
    rows = archive.openings(office, me.login, limit=args.limit)
    if args.json:
        print_json([row.to_json() for row in rows])
        return 0
    from tui_office.cli.table import print_table

    print_table(["at", "login", "name", "number", "title", "grant"],
                [[f"{r.at:%Y-%m-%d %H:%M}", r.login, r.name, r.number, r.title, r.grant or "-"] for r in rows])
    return 0
