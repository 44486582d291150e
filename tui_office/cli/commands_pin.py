"""Provides `pin set` (one's own PIN) and `pin reset LOGIN` (administrators)."""

from __future__ import annotations

import argparse
import os

from tui_office.cli.context import PIN_VARIABLE, current_user, open_office, read_pin, say
from tui_office.domain.errors import OfficeError
from tui_office.services import identity, pins

NEW_PIN_VARIABLE = "TUI_OFFICE_NEW_PIN"
"""The environment variable a script passes the new PIN of `pin set` in."""


def register(sub: argparse._SubParsersAction) -> None:
    pin = sub.add_parser("pin", help="set your PIN, or reset someone's (admins)")
    psub = pin.add_subparsers(dest="pin_command", metavar="ACTION", required=True)
    p = psub.add_parser("set", help=f"set your own PIN: the current one from {PIN_VARIABLE} or a prompt, "
                        f"the new one from {NEW_PIN_VARIABLE} or a prompt (twice)")
    p.add_argument("--new-key", action="store_true",
                   help="also replace your signing key (what you signed before still verifies)")
    p.set_defaults(func=pin_set)
    p = psub.add_parser("reset", help="clear a user's PIN and lock; they set a new one at their next sign-in (admins)")
    p.add_argument("login")
    p.set_defaults(func=pin_reset)


def pin_set(args: argparse.Namespace) -> int:
    office = open_office(args)
    who = identity.resolve(office, getattr(args, "user", None))
    if not who.own:
        raise OfficeError("pin_own_only", login=who.user.login)
    old = None
    if pins.has_pin(who.signer):
        old = read_pin("Current PIN: ")
        if old is None:
            raise OfficeError("pin_needed", login=who.signer)
    new = read_pin("New PIN: ", NEW_PIN_VARIABLE)
    if new is None:
        raise OfficeError("new_pin_needed", variable=NEW_PIN_VARIABLE)
    if NEW_PIN_VARIABLE not in os.environ and read_pin("New PIN again: ", NEW_PIN_VARIABLE) != new:
        raise OfficeError("pin_mismatch")
    pins.set_pin(office, who.signer, new, old, new_key=args.new_key)
    say(who.signer)
    return 0


def pin_reset(args: argparse.Namespace) -> int:
    office = open_office(args)
    me = current_user(office, args)
    pins.reset_pin(office, me.login, args.login)
    say(args.login)
    return 0
