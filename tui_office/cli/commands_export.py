"""Provides `export KIND`: a list (an inbox tab, search results, the archive, the statistics, an
area's records such as leave) written to a CSV or XLSX file."""

from __future__ import annotations

import argparse
import sys

from tui_office.cli.commands_stats import iso_day
from tui_office.cli.context import bounded_int, current_user, open_office, say
from tui_office.domain.errors import ValidationError
from tui_office.domain.text import printable
from tui_office.i18n import t
from tui_office.services import export


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="write a list (inbox tab, search, archive, stats, leave …) to CSV or XLSX")
    p.add_argument("kind", choices=export.kind_names(), metavar="KIND",
                   help="what to export: " + ", ".join(export.kind_names()))
    p.add_argument("--format", choices=export.FORMATS, help="csv or xlsx (default: from the file name)")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="the file to write")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    p.add_argument("--query", metavar="TEXT", help="search: the words and filters; inbox tabs: the list's filter")
    p.add_argument("--year", type=bounded_int(1, 9999), metavar="YYYY", help="archive: finished in; leave: the year")
    p.add_argument("--form", metavar="ID", help="archive, stats: of this form")
    p.add_argument("--dept", metavar="CODE", help="archive, stats: of this department (code or name)")
    p.add_argument("--from", dest="since", type=iso_day, metavar="YYYY-MM-DD", help="stats: submitted on or after")
    p.add_argument("--to", dest="until", type=iso_day, metavar="YYYY-MM-DD", help="stats: submitted on or before")
    for option in export.all_options():  # an area's kinds' own options (`export sales-report --by region`)
        p.add_argument(f"--{option.name}", dest=f"option_{option.name}", choices=option.choices or None,
                       type=None if option.choices else iso_day,
                       metavar=None if option.choices else "YYYY-MM-DD", help=option.help)
    p.set_defaults(func=cmd_export)


USAGE = frozenset({"export_bad_filter", "export_needs_filter", "export_no_format", "export_bad_choice",
                   "export_bad_day"})
"""Refusals that are about how the command was written (exit 2, as argparse's own)."""


def cmd_export(args: argparse.Namespace) -> int:
    office = open_office(args)
    me = current_user(office, args)
    try:
        written = export.export(office, me.login, args.kind, args.output, args.format, force=args.force,
                                query=args.query, year=args.year, form=args.form, dept=args.dept, since=args.since,
                                until=args.until, **{o.name: getattr(args, f"option_{o.name}")
                                                     for o in export.all_options()})
    except ValidationError as exc:
        if exc.code not in USAGE:
            raise
        print(f"tui-office export: {printable(str(exc))} (see --help)", file=sys.stderr)
        return 2
    say(t("export.done", rows=written.rows, path=str(written.path)))
    return 0
