"""Provides `stats`: process statistics for a date range (administrators; department managers for
their own departments), as JSON for scripts or as tables, and `--documents FIGURE` for the
documents behind one row."""

from __future__ import annotations

import argparse
from datetime import date

from tui_office.cli.context import current_user, open_office, print_json, say
from tui_office.i18n import t
from tui_office.services import statistics


def iso_day(text: str) -> date:
    """An argparse `type` for a day written `YYYY-MM-DD` (anything else: a usage error)."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected YYYY-MM-DD, got {text[:40]!r}") from None


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("stats", help="process statistics: counts, cycle times, bottlenecks, overdue, weekly trend")
    add_filters(p)
    p.add_argument("--documents", metavar="FIGURE",
                   help="list the documents behind one row: form:ID status:S dept:CODE week:YYYY-MM-DD "
                        "step:FORM/STEP overdue:LOGIN overdue_dept:CODE")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_stats)


def add_filters(p: argparse.ArgumentParser) -> None:
    """`--from`, `--to`, `--form`, `--dept`: which documents the statistics are about."""
    p.add_argument("--from", dest="since", type=iso_day, metavar="YYYY-MM-DD",
                   help="submitted on or after this day (default: the Monday eleven weeks back)")
    p.add_argument("--to", dest="until", type=iso_day, metavar="YYYY-MM-DD", help="submitted on or before (default: today)")
    p.add_argument("--form", metavar="ID", help="of this form only")
    p.add_argument("--dept", metavar="CODE", help="of this department only (code or name)")


def filters(args: argparse.Namespace) -> dict:
    return {"since": args.since, "until": args.until, "form": args.form, "dept": args.dept}


def cmd_stats(args: argparse.Namespace) -> int:
    office = open_office(args)
    me = current_user(office, args)
    if args.documents is not None:
        rows = statistics.documents(office, me.login, args.documents, **filters(args))
        if args.json:
            print_json([{"number": r.number, "form_id": r.form_id, "form_title": r.form_title, "title": r.title,
                         "status": r.status, "initiator_name": r.initiator_name} for r in rows])
            return 0
        from tui_office.cli.table import print_table

        print_table([t("search.column.number"), t("search.column.form"), t("search.column.title"),
                     t("search.column.initiator"), t("search.column.status")],
                    [[r.number, r.form_title, r.title, r.initiator_name, t(f"status.{r.status}")] for r in rows])
        return 0
    found = statistics.compute(office, me.login, **filters(args))
    if args.json:
        print_json(found.to_json())
        return 0
    from tui_office.cli.table import print_table

    for title, headers, rows in statistics_tables(found):
        say(title)
        print_table(headers, rows)
        say()
    say(t("stats.unit"))
    return 0


def statistics_tables(found: statistics.Statistics) -> list[tuple[str, list[str], list[list[str]]]]:
    """(title, headers, rows) of each table of the statistics, as text."""
    from tui_office.services.statistics_tables import tables, text

    return [(t(f"stats.table.{table.name}"), [t(f"stats.column.{c}") for c in table.columns],
             [[text(cell) for cell in row] for row in table.rows]) for table in tables(found)]
