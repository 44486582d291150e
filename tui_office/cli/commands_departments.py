"""Provides `departments list|add|rename|move|set-manager|deactivate|reactivate` (changes: admins)."""

from __future__ import annotations

import argparse

from tui_office.cli.context import office_and_me, open_office, say
from tui_office.services import departments


def register(sub: argparse._SubParsersAction) -> None:
    group = sub.add_parser("departments", help="the department tree: list, add, rename, move, set the manager, close (admins)")
    dsub = group.add_subparsers(dest="departments_command", metavar="ACTION", required=True)
    p = dsub.add_parser("list", help="every department as a tree, closed ones too")
    p.add_argument("--json", action="store_true",
                   help="print JSON: [{code,name_en,name_zh,parent,manager,active,members}] in tree order")
    p.set_defaults(func=departments_list)
    p = dsub.add_parser("add", help="add a department (admins)")
    p.add_argument("code")
    p.add_argument("name_en", metavar="NAME")
    p.add_argument("--zh", default="", metavar="NAME", help="the Chinese name")
    p.add_argument("--parent", metavar="CODE", help="the department it belongs to (default: at the top)")
    p.add_argument("--manager", metavar="LOGIN")
    p.set_defaults(func=departments_add)
    p = dsub.add_parser("rename", help="change a department's English and/or Chinese name (admins)")
    p.add_argument("code")
    p.add_argument("--en", metavar="NAME")
    p.add_argument("--zh", metavar="NAME")
    p.set_defaults(func=departments_rename)
    p = dsub.add_parser("move", help="put a department under another; '' for the top (admins)")
    p.add_argument("code")
    p.add_argument("parent", metavar="PARENT")
    p.set_defaults(func=departments_move)
    p = dsub.add_parser("set-manager", help="make LOGIN the department's manager; '' for nobody (admins)")
    p.add_argument("code")
    p.add_argument("login")
    p.set_defaults(func=departments_set_manager)
    p = dsub.add_parser("deactivate", help="close a department with no active members, open sub-departments "
                                           "or documents in progress (admins)")
    p.add_argument("code")
    p.set_defaults(func=departments_deactivate)
    p = dsub.add_parser("reactivate", help="open a closed department again (admins)")
    p.add_argument("code")
    p.set_defaults(func=departments_reactivate)


def departments_list(args: argparse.Namespace) -> int:
    from tui_office.cli.table import print_listing
    from tui_office.i18n import t

    print_listing(args.json, departments.list_departments(open_office(args)), ["code", "name", "manager", "members", "status"],
                  lambda d: ["  " * d.depth + d.code, d.name, d.manager or "", str(d.members),
                             t("admin.active" if d.active else "admin.closed")])
    return 0


def departments_add(args: argparse.Namespace) -> int:
    office, me = office_and_me(args)
    say(departments.add_department(office, me, args.code, args.name_en, args.zh, parent=args.parent,
                                   manager=args.manager).code)
    return 0


def departments_rename(args: argparse.Namespace) -> int:
    office, me = office_and_me(args)
    say(departments.rename_department(office, me, args.code, name_en=args.en, name_zh=args.zh).code)
    return 0


def departments_move(args: argparse.Namespace) -> int:
    office, me = office_and_me(args)
    say(departments.move_department(office, me, args.code, args.parent).code)
    return 0


def departments_set_manager(args: argparse.Namespace) -> int:
    office, me = office_and_me(args)
    say(departments.set_manager(office, me, args.code, args.login).code)
    return 0


def departments_deactivate(args: argparse.Namespace) -> int:
    office, me = office_and_me(args)
    say(departments.deactivate_department(office, me, args.code).code)
    return 0


def departments_reactivate(args: argparse.Namespace) -> int:
    office, me = office_and_me(args)
    say(departments.reactivate_department(office, me, args.code).code)
    return 0
