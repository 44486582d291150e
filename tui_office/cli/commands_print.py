"""Provides `print`: a document's approval history (审批记录) as a printable HTML page or plain text."""

from __future__ import annotations

import argparse
from pathlib import Path

from tui_office.cli.context import current_user, open_office, say
from tui_office.i18n import t
from tui_office.services import printout


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("print", help="write a document's approval history as a printable HTML page or text")
    p.add_argument("number", metavar="NUMBER", help="the document's number")
    p.add_argument("-o", "--out", required=True, metavar="FILE",
                   help="the file to write (.html or .txt; another name needs --format)")
    p.add_argument("--format", choices=printout.FORMATS, help="html or text (default: from the file name)")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    p.set_defaults(func=cmd_print)


def cmd_print(args: argparse.Namespace) -> int:
    office = open_office(args)
    me = current_user(office, args)
    path = printout.write(office, me.login, args.number, Path(args.out), fmt=args.format, force=args.force)
    say(t("printout.written", path=path))
    return 0
