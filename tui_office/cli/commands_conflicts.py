"""Provides `declare-conflict`: a person asked to decide a document declares a conflict of interest
on it, with the reason, and is not asked on it again."""

from __future__ import annotations

import argparse

from tui_office.cli.context import current_user, open_office, say
from tui_office.services import conflicts


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("declare-conflict", help="say you have a conflict of interest on a document you are asked to"
                       " decide: recorded with the reason, and the task goes to someone else")
    p.add_argument("number")
    p.add_argument("--reason", required=True, help="why you should not decide it (recorded on the document)")
    p.set_defaults(func=cmd_declare_conflict)


def cmd_declare_conflict(args: argparse.Namespace) -> int:
    office = open_office(args)
    me = current_user(office, args)
    say(conflicts.declare(office, me.login, args.number, args.reason))
    return 0
