"""Provides `files check` and `files get`: whether a document's attached files are still as they
were attached, and the copy of one an office keeps in its database."""

from __future__ import annotations

import argparse
from pathlib import Path

from tui_office.cli.context import current_user, open_office, print_json, say
from tui_office.domain.file_reference import human_size
from tui_office.i18n import t
from tui_office.services import files


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("files", help="a document's attached files: check them, or get the copy kept in the database")
    fsub = p.add_subparsers(dest="files_command", metavar="ACTION", required=True)
    c = fsub.add_parser("check", help="whether each attached file is still as it was attached (exit 1 if not)")
    c.add_argument("number")
    c.add_argument("--json", action="store_true",
                   help="print JSON: [{field,path,size,sha256,seen_at,state,stored}]")
    c.set_defaults(func=cmd_files_check)
    g = fsub.add_parser("get", help="write the copy of FIELD's file kept in the database to PATH")
    g.add_argument("number")
    g.add_argument("field")
    g.add_argument("--out", required=True, metavar="PATH", help="the file to write")
    g.add_argument("--force", action="store_true", help="replace PATH if it exists")
    g.set_defaults(func=cmd_files_get)


def cmd_files_check(args: argparse.Namespace) -> int:
    office = open_office(args)
    me = current_user(office, args)
    states = files.check(office, me.login, args.number)
    if args.json:
        print_json([s.to_json() for s in states])
    else:
        for s in states:
            say(f"{s.field}: {t('files.' + s.state)}: {s.path} ({human_size(s.size)}, sha256 {s.sha256})")
    return 0 if all(s.state == files.OK for s in states) else 1


def cmd_files_get(args: argparse.Namespace) -> int:
    office = open_office(args)
    me = current_user(office, args)
    written = files.get(office, me.login, args.number, args.field, Path(args.out), force=args.force)
    say(t("files.written", path=str(written), size=human_size(written.stat().st_size)))
    return 0
