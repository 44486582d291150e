"""Provides `roles list|add|grant|revoke` (changes: admins) and `deputies list|set|clear` (admins)."""

from __future__ import annotations

import argparse
from datetime import date

from tui_office.cli.context import office_and_me, open_office, say
from tui_office.cli.table import print_listing
from tui_office.i18n import t
from tui_office.services import deputies, roles


def register(sub: argparse._SubParsersAction) -> None:
    group = sub.add_parser("roles", help="roles: what each may start and act on, who holds it; give and take them (admins)")
    rsub = group.add_subparsers(dest="roles_command", metavar="ACTION", required=True)
    p = rsub.add_parser("list", help="every role with the forms it may start, the steps it acts on and its holders")
    p.add_argument("--json", action="store_true",
                   help="print JSON: [{code,name_en,name_zh,members,starts,submit_for,steps:[{form,step}]}]")
    p.set_defaults(func=roles_list)
    p = rsub.add_parser("add", help="add a role (admins); forms name it in starters, submit_for or a step's assignee")
    p.add_argument("code")
    p.add_argument("name_en", metavar="NAME")
    p.add_argument("--zh", default="", metavar="NAME", help="the Chinese name")
    p.set_defaults(func=roles_add)
    p = rsub.add_parser("grant", help="give a user a role (admins)")
    p.add_argument("role")
    p.add_argument("login")
    p.set_defaults(func=roles_grant)
    p = rsub.add_parser("revoke", help="take a role from a user (admins; the last administrator keeps admin)")
    p.add_argument("role")
    p.add_argument("login")
    p.set_defaults(func=roles_revoke)

    group = sub.add_parser("deputies", help="everyone's out-of-office arrangements: list, set, clear (admins)")
    dsub = group.add_subparsers(dest="deputies_command", metavar="ACTION", required=True)
    p = dsub.add_parser("list", help="current and coming arrangements of every user (admins)")
    p.add_argument("--json", action="store_true", help="print JSON: [{id,principal,deputy,start,end,forms,reason}]")
    p.set_defaults(func=deputies_list)
    p = dsub.add_parser("set", help="LOGIN is away: --to acts for them between two dates (admins)")
    p.add_argument("login")
    p.add_argument("--to", required=True, metavar="LOGIN")
    p.add_argument("--from", dest="start", required=True, type=date.fromisoformat, metavar="YYYY-MM-DD")
    p.add_argument("--until", required=True, type=date.fromisoformat, metavar="YYYY-MM-DD")
    p.add_argument("--form", action="append", default=[], metavar="ID", help="only for these forms; repeat")
    p.set_defaults(func=deputies_set)
    p = dsub.add_parser("clear", help="cancel arrangement ID (from `deputies list`) (admins)")
    p.add_argument("id", type=int)
    p.set_defaults(func=deputies_clear)


def roles_list(args: argparse.Namespace) -> int:
    print_listing(args.json, roles.list_roles(open_office(args)), ["code", "name", "starts", "steps", "members"],
                  lambda r: [r.code, r.name, ",".join(f for f, _ in r.starts), ",".join(f"{s.form}.{s.step}" for s in r.steps),
                             ",".join(r.members)])
    return 0


def roles_add(args: argparse.Namespace) -> int:
    office, me = office_and_me(args)
    say(roles.add_role(office, me, args.code, args.name_en, args.zh).code)
    return 0


def roles_grant(args: argparse.Namespace) -> int:
    office, me = office_and_me(args)
    roles.grant_role(office, me, args.role, args.login)
    say(t("admin.role_granted", login=args.login, role=args.role))
    return 0


def roles_revoke(args: argparse.Namespace) -> int:
    office, me = office_and_me(args)
    roles.revoke_role(office, me, args.role, args.login)
    say(t("admin.role_revoked", login=args.login, role=args.role))
    return 0


def deputies_list(args: argparse.Namespace) -> int:
    office, me = office_and_me(args)
    print_listing(args.json, deputies.list_deputies(office, me), ["id", "away", "deputy", "from", "until", "forms"],
                  lambda r: [str(r.id), r.principal, r.deputy, r.start.isoformat(), r.end.isoformat(), ",".join(r.forms)])
    return 0


def deputies_set(args: argparse.Namespace) -> int:
    office, me = office_and_me(args)
    say(deputies.set_deputy(office, me, args.login, args.to, args.start, args.until, args.form or None))
    return 0


def deputies_clear(args: argparse.Namespace) -> int:
    office, me = office_and_me(args)
    say(deputies.clear_deputy(office, me, args.id))
    return 0
