"""Provides `calendar check`: which years the working-day calendar knows, and from where."""

from __future__ import annotations

import argparse

from tui_office.cli.context import open_office, print_json, say
from tui_office.i18n import t
from tui_office.services import calendar_check


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("calendar", help="the working-day calendar: which years have an official holiday schedule")
    csub = p.add_subparsers(dest="calendar_command", metavar="ACTION", required=True)
    c = csub.add_parser("check", help="list the years with known public holidays and their source")
    c.add_argument("--json", action="store_true",
                   help='print JSON: {"calendar","package_version","years":[{"year","sources","files"}],'
                        '"missing","add_to"}')
    c.set_defaults(func=cmd_check)


def cmd_check(args: argparse.Namespace) -> int:
    office = open_office(args)
    report = calendar_check.coverage(office)
    if args.json:
        print_json(report.to_json())
        return 0
    say(t("calendar.check_heading", calendar=report.calendar))
    for year in report.years:
        names = [t(f"calendar.source_{kind}", version=report.package_version) for kind in year.sources]
        say(f"  {year.year}  " + ", ".join(names) + "".join(f"  {f}" for f in year.files))
    if report.calendar == "plain":
        say(t("calendar.check_plain"))
    for year in report.missing:
        say(office.calendar.unscheduled_notice([year]))
    if report.missing:
        say(t("calendar.check_add_to", folder=report.add_to))
    return 0
