"""Provides the commands that start the app or prepare a database: (none), `demo`, `init`."""

from __future__ import annotations

import argparse

from tui_office import locations
from tui_office.cli.context import note, open_office, say
from tui_office.cli.start_app import run_tui
from tui_office.domain.errors import OfficeError
from tui_office.i18n import t
from tui_office.services import demo, directory, field_secrets

DEMO_USER = "wangfang"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("demo", help="open (creating if missing) the demo office and start the app as a demo clerk")
    p.set_defaults(func=run_demo)
    p = sub.add_parser("init", help="create or upgrade the database; --demo also loads the demo office")
    p.add_argument("--demo", action="store_true", help="load the demo office (departments, users, roles, documents)")
    p.add_argument("--admin", nargs=2, metavar=("LOGIN", "NAME"),
                   help="add the first user of an empty office as its admin, bound to your OS account")
    p.add_argument("--new-key", action="store_true",
                   help="make a new office key when the old key file is lost for good (what it encrypted stays unreadable)")
    p.set_defaults(func=run_init)


def run_demo(args: argparse.Namespace) -> int:
    target = args.db or str(locations.demo_database())
    office = open_office(args, target, create=True)
    demo.load_office(office)
    from tui_office.services import demo_documents

    demo_documents.load_documents(office, DEMO_USER)
    demo.load_workflow_documents(office)
    office.close()
    return run_tui(args, target=target, user=DEMO_USER)


def run_init(args: argparse.Namespace) -> int:
    office = open_office(args, create=True)
    try:
        made = field_secrets.ensure_key(office, replace_lost=args.new_key)
    except OfficeError as exc:
        if args.new_key:
            raise
        note(str(exc))  # the upgrade goes on: only encrypted fields need the key
        made = None
    if args.demo:
        demo.load_office(office)
    if args.admin:
        if directory.has_users(office):
            raise OfficeError("office_has_users", target=office.target)
        directory.add_user(office, args.admin[0], args.admin[1])
    say(office.target)
    if made is not None:
        note(t("secret.key_made", path=str(made)))
    return 0
