"""Provides `run_tui`: `tui-office` with no command opens the office and starts the app. Kept
apart from the command modules so that starting the app imports none of them."""

from __future__ import annotations

import argparse

from tui_office.cli.context import current_user, open_office


def run_tui(args: argparse.Namespace, *, target: str | None = None, user: str | None = None) -> int:
    office = open_office(args, target)
    if user and not args.user:
        args.user = user
    me = current_user(office, args)
    from tui_office.ui.app import run_app

    run_app(office, me)
    return 0
