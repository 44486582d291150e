"""Provides `run_tui`: `tui-office` with no command opens the office and starts the app. Kept
apart from the command modules so that starting the app imports none of them."""

from __future__ import annotations

import argparse

from tui_office.cli.context import open_office
from tui_office.services import identity, inactivity, pins


def run_tui(args: argparse.Namespace, *, target: str | None = None, user: str | None = None) -> int:
    office = open_office(args, target)
    if user and not args.user:
        args.user = user
    who = identity.resolve(office, args.user)
    from tui_office.ui.app import run_app

    if pins.required(office):
        run_app(office, who.user, sign_in=who)  # the app asks for the PIN, then marks the user seen
        return 0
    inactivity.mark_seen(office, who.signer)
    run_app(office, who.user)
    return 0
