"""Provides `settings list|get|set`: the office's own settings, stored in its database."""

from __future__ import annotations

import argparse

from tui_office.cli.context import current_user, open_office, print_json
from tui_office.domain.office_settings import render
from tui_office.services import office_settings


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("settings", help="show or change the office's settings (changes: admins)")
    ssub = p.add_subparsers(dest="settings_command", metavar="ACTION", required=True)
    s = ssub.add_parser("list", help="every setting with its value")
    s.add_argument("--json", action="store_true", help="print JSON: [{key,value,default,type,settable,help}]")
    s.set_defaults(func=settings_list)
    s = ssub.add_parser("get", help="print one setting's value")
    s.add_argument("key")
    s.set_defaults(func=settings_get)
    s = ssub.add_parser("set", help="change a setting (admins; audited)")
    s.add_argument("key")
    s.add_argument("value")
    s.set_defaults(func=settings_set)


def settings_list(args: argparse.Namespace) -> int:
    office = open_office(args)
    values = office_settings.list_settings(office)
    if args.json:
        print_json([v.to_json() for v in values])
        return 0
    from tui_office.cli.table import print_table

    print_table(["key", "value", "default", "help"],
                [[v.key, render(v.value), render(v.default), v.help + ("" if v.settable else " (read-only)")]
                 for v in values])
    return 0


def settings_get(args: argparse.Namespace) -> int:
    office = open_office(args)
    print(render(office_settings.get(office, args.key)))
    return 0


def settings_set(args: argparse.Namespace) -> int:
    office = open_office(args)
    me = current_user(office, args)
    print(f"{args.key} = {render(office_settings.set_setting(office, me.login, args.key, args.value))}")
    return 0
