"""Provides `digest`: each user's morning summary (new, overdue, due today, waiting on others),
written to their notifications once a day, and optionally to a file per user or to stdout (for cron;
mailing it is the office's business)."""

from __future__ import annotations

import argparse
from pathlib import Path

from tui_office.cli.context import current_user, open_office, say
from tui_office.domain.errors import OfficeError
from tui_office.services import digest, permissions


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("digest", help="write each user's morning summary to their notifications (for cron),"
                       " and optionally to files or stdout")
    p.add_argument("--out", metavar="DIR", type=Path, help="also write each digest to DIR/LOGIN.txt")
    p.add_argument("--stdout", action="store_true", help="also print each digest in full")
    p.add_argument("--for", dest="only", action="append", default=[], metavar="LOGIN", help="only these users; repeat")
    p.set_defaults(func=cmd_digest)


def cmd_digest(args: argparse.Namespace) -> int:
    office = open_office(args)
    if args.out is not None and not args.out.is_dir():
        raise OfficeError("digest_out", path=str(args.out), detail="not a folder")
    by = None if permissions.owns_database(office) else current_user(office, args).login
    digests = digest.run(office, by=by, only=args.only or None)
    for one in digests:
        if args.out is not None:
            path = args.out / f"{one.login}.txt"
            try:
                path.write_text(one.text() + "\n", encoding="utf-8")
            except OSError as exc:
                raise OfficeError("digest_out", path=str(path), detail=exc.strerror or str(exc)) from None
        if args.stdout:
            for line in [*one.text().splitlines(), ""]:
                say(line)
        else:
            say(one.summary())
    return 0
