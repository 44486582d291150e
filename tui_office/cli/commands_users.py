"""Provides `users list|add|deactivate` and `backup`."""

from __future__ import annotations

import argparse

from tui_office.cli.context import open_office, print_json, say
from tui_office.services import directory, maintenance


def register(sub: argparse._SubParsersAction) -> None:
    users = sub.add_parser("users", help="list, add or deactivate users")
    usub = users.add_subparsers(dest="users_command", metavar="ACTION", required=True)
    p = usub.add_parser("list", help="list active users")
    p.add_argument("--json", action="store_true", help="print JSON: [{login,name,department,roles,manager}]")
    p.add_argument("--all", action="store_true", help="include deactivated users")
    p.set_defaults(func=users_list)
    p = usub.add_parser("add", help="add a user")
    p.add_argument("login")
    p.add_argument("name")
    p.add_argument("--department", metavar="CODE")
    p.add_argument("--role", action="append", default=[], metavar="CODE", help="repeat for several roles")
    p.add_argument("--name-en", default="")
    p.add_argument("--title", default="")
    p.add_argument("--probation", action="store_true")
    p.set_defaults(func=users_add)
    p = usub.add_parser("deactivate", help="deactivate a user (their history stays)")
    p.add_argument("login")
    p.set_defaults(func=users_deactivate)

    p = sub.add_parser("backup", help="copy the database to PATH safely while others keep working")
    p.add_argument("path")
    p.set_defaults(func=backup)


def users_list(args: argparse.Namespace) -> int:
    office = open_office(args)
    users = directory.list_users(office, include_inactive=args.all)
    if args.json:
        print_json([u.to_json() for u in users])
        return 0
    from tui_office.cli.table import print_table

    print_table(
        ["login", "name", "department", "roles", "manager"],
        [[u.login, u.name, u.department, ",".join(u.roles), u.manager or ""] for u in users],
    )
    return 0


def users_add(args: argparse.Namespace) -> int:
    office = open_office(args)
    user = directory.add_user(
        office, args.login, args.name, args.department, args.role,
        name_en=args.name_en, title=args.title, probation=args.probation,
    )
    say(user.login)
    return 0


def users_deactivate(args: argparse.Namespace) -> int:
    office = open_office(args)
    say(directory.deactivate_user(office, args.login).login)
    return 0


def backup(args: argparse.Namespace) -> int:
    office = open_office(args)
    say(maintenance.backup(office, args.path))
    return 0
