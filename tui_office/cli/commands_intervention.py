"""Provides `intervene`: an administrator ends a document in progress, sends it to a step, pulls it
back to a step it passed, or gives a pending task to someone else — always with a reason."""

from __future__ import annotations

import argparse

from tui_office.cli.context import current_user, open_office, say
from tui_office.services import intervention


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("intervene", help="administrators: end a document in progress, send it to a step, pull it"
                       " back or reassign a pending task (always with --reason)")
    p.add_argument("kind", choices=intervention.KINDS, metavar="{" + ",".join(intervention.KINDS) + "}")
    p.add_argument("number")
    p.add_argument("--reason", required=True, help="why (recorded on the document and in its history)")
    p.add_argument("--outcome", choices=intervention.OUTCOMES, help="end: approved or rejected")
    p.add_argument("--step", metavar="STEP", help="jump: the step to send it to; pull-back: the step it passed (default: the one before)")
    p.add_argument("--from", dest="person", metavar="LOGIN", help="reassign: whose pending task")
    p.add_argument("--to", metavar="LOGIN", help="reassign: who takes it")
    p.set_defaults(func=cmd_intervene)


def cmd_intervene(args: argparse.Namespace) -> int:
    office = open_office(args)
    me = current_user(office, args)
    say(intervention.intervene(office, me.login, args.kind, args.number, reason=args.reason, outcome=args.outcome,
                               step=args.step, person=args.person, to=args.to))
    return 0
