"""Provides `tui-office leave …`: report back, balances, history, team calendar, HR's view, export.

Requesting leave is an ordinary form: `tui-office submit leave --set type=sick --set start=… …`
(the same rules as the form screen; problems print as `field: code: message`, exit 1).
"""

from __future__ import annotations

import argparse
from datetime import date

from tui_office.cli.context import bounded_int, current_user, note, open_office, print_json, say, year_month
from tui_office.cli.table import print_table
from tui_office.domain.text import printable
from tui_office.i18n import t
from tui_office.workflows.leave import blackouts, long_leave, rules, service as leave


YEAR = bounded_int(1, 9999)
"""A calendar year on the command line."""


def _subcommand(sub: argparse._SubParsersAction, *path: str) -> argparse.ArgumentParser | None:
    """The parser of an existing command (`users add`), or None when there is none."""
    parser = None
    for name in path:
        parser = sub.choices.get(name)
        if parser is None:
            return None
        nested = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        sub = nested[0] if nested else sub
    return parser


def register(sub: argparse._SubParsersAction) -> None:
    add_user = _subcommand(sub, "users", "add")
    if add_user is not None:  # `users add … --probation`: the user attribute leave's rules read
        add_user.add_argument("--probation", action="append_const", dest="attrs", const=f"{leave.PROBATION}=true",
                              help="on probation (leave: personal leave over the probation limit is flagged)")
    p = sub.add_parser("leave", help="leave: report back, balances, history, team calendar, HR view, export")
    lsub = p.add_subparsers(dest="leave_command", metavar="ACTION", required=True)

    r = lsub.add_parser("report-back", help="report back from an approved leave (销假)")
    r.add_argument("number")
    r.add_argument("--comment", default="")
    r.set_defaults(func=cmd_report_back)

    b = lsub.add_parser("balance", help="my leave balances for a year")
    b.add_argument("--year", type=YEAR, help="default: this year")
    b.add_argument("--json", action="store_true", help='print JSON: [{"type","year","allocation","approved","pending","remaining"}]')
    b.set_defaults(func=cmd_balance)

    h = lsub.add_parser("history", help="my leave requests")
    h.add_argument("--json", action="store_true")
    h.set_defaults(func=cmd_history)

    c = lsub.add_parser("calendar", help="who in my team is out, day by day, for a month")
    c.add_argument("--month", type=year_month, metavar="YYYY-MM", help="default: this month")
    c.add_argument("--department", metavar="CODE", help="default: the department I manage, else mine")
    c.set_defaults(func=cmd_calendar)

    x = lsub.add_parser("hr", help="administration: pending report-backs, absences, long-leave reviews, late sick calls")
    x.add_argument("--json", action="store_true")
    x.set_defaults(func=cmd_hr)

    g = lsub.add_parser("long-leave", help="the general manager answers a long-leave review")
    g.add_argument("number", metavar="NUMBER")
    g.add_argument("answer", choices=long_leave.ANSWERS,
                   help="exception: granted, with a written --reason; resignation: the leave counts as resignation")
    g.add_argument("--reason", default="", help="the written reason (required for an exception)")
    g.set_defaults(func=cmd_long_leave)

    k = lsub.add_parser("blackout", help="blackout periods (key events): leave refused or for the general manager")
    ksub = k.add_subparsers(dest="blackout_command", metavar="ACTION", required=True)
    ka = ksub.add_parser("add", help="declare a blackout period (HR or an administrator)")
    ka.add_argument("name", metavar="NAME", help="the event, e.g. 'Year-end closing'")
    ka.add_argument("--from", dest="start", required=True, metavar="YYYY-MM-DD", help="its first day")
    ka.add_argument("--to", dest="end", required=True, metavar="YYYY-MM-DD", help="its last day")
    ka.add_argument("--mode", required=True, choices=rules.BLACKOUT_MODES,
                    help="refuse: no leave then; gm: a leave then goes to the general manager")
    ka.add_argument("--department", action="append", default=[], metavar="CODE",
                    help="a department it concerns (repeat; default: everyone)")
    ka.set_defaults(func=cmd_blackout_add)
    kl = ksub.add_parser("list", help="blackout periods not over yet")
    kl.add_argument("--all", action="store_true", help="past ones too")
    kl.add_argument("--json", action="store_true", help='print JSON: [{"id","name","start","end","departments","mode"}]')
    kl.set_defaults(func=cmd_blackout_list)
    ke = ksub.add_parser("edit", help="correct a blackout period not over yet (HR or an administrator)")
    ke.add_argument("id", type=bounded_int(1, 2**31 - 1), metavar="ID")
    ke.add_argument("--name", metavar="TEXT", help="the event")
    ke.add_argument("--from", dest="start", metavar="YYYY-MM-DD", help="its first day")
    ke.add_argument("--to", dest="end", metavar="YYYY-MM-DD", help="its last day")
    ke.add_argument("--mode", choices=rules.BLACKOUT_MODES,
                    help="refuse: no leave then; gm: a leave then goes to the general manager")
    concerns = ke.add_mutually_exclusive_group()
    concerns.add_argument("--department", action="append", metavar="CODE",
                          help="a department it concerns (repeat; replaces those it concerned)")
    concerns.add_argument("--all-departments", action="store_const", const=[], dest="department",
                          help="it concerns everyone")
    ke.add_argument("--json", action="store_true", help="print the period as one entry of `list --json`")
    ke.set_defaults(func=cmd_blackout_edit)
    kr = ksub.add_parser("remove", help="remove a blackout period (HR or an administrator)")
    kr.add_argument("id", type=bounded_int(1, 2**31 - 1), metavar="ID")
    kr.set_defaults(func=cmd_blackout_remove)

    e = lsub.add_parser("export", help="write a year's leave records to a CSV file")
    e.add_argument("--year", type=YEAR, required=True)
    e.add_argument("path", metavar="PATH")
    e.set_defaults(func=cmd_export)


def cmd_report_back(args: argparse.Namespace) -> int:
    office = open_office(args)
    me = current_user(office, args)
    say(leave.report_back(office, me.login, args.number, args.comment))
    return 0


def cmd_balance(args: argparse.Namespace) -> int:
    office = open_office(args)
    me = current_user(office, args)
    year = args.year or office.clock.today().year
    found = leave.balances(office, me.login, year)
    note(office.calendar.unscheduled_notice(office.calendar.unscheduled_years([date(year, 1, 1)])))
    if args.json:
        print_json([b.to_json() for b in found])
        return 0
    for b in found:
        say(b.line())
    return 0


def _when(d: date, half: str | None) -> str:
    return f"{d.isoformat()} {t(f'leave.half.{half}')}" if half else d.isoformat()


def _rows(records: list[leave.LeaveRecord]) -> list[list[str]]:
    from tui_office.workflows.leave.rules import _text, flag_text

    return [
        [r.number, r.name, r.type_label, _when(r.start, r.start_half), _when(r.end, r.end_half), _text(r.days),
         t(f"status.{r.status}"), r.reported_at.strftime("%Y-%m-%d %H:%M") if r.reported_at else "",
         "; ".join(flag_text(f) for f in r.flags)]
        for r in records
    ]


def _headers() -> list[str]:
    return [t("leave.history.number"), t("leave.hr.person"), t("leave.history.type"), t("leave.history.from"),
            t("leave.history.to"), t("leave.history.days"), t("leave.history.status"), t("leave.history.reported"),
            t("leave.history.flags")]


def cmd_history(args: argparse.Namespace) -> int:
    office = open_office(args)
    me = current_user(office, args)
    records = leave.history(office, me.login)
    days = [d for r in records for d in (r.start, r.end)]
    note(office.calendar.unscheduled_notice(office.calendar.unscheduled_years(days)))
    if args.json:
        print_json([r.to_json() for r in records])
        return 0
    if not records:
        say(t("leave.history.none"))
        return 0
    print_table(_headers(), _rows(records))
    return 0


def cmd_calendar(args: argparse.Namespace) -> int:
    office = open_office(args)
    me = current_user(office, args)
    year, month = args.month or (office.clock.today().year, office.clock.today().month)
    grid = leave.team_calendar(office, me.login, year, month, args.department)
    for line in calendar_lines(grid):
        say(line)
    return 0


def calendar_lines(grid: leave.TeamCalendar) -> list[str]:
    """The month grid as text lines: a header of day numbers, one line per person."""
    from tui_office.cli.table import cell_width, pad

    names = [printable(r.name) for r in grid.rows] or [""]
    width = max(cell_width(t("leave.calendar.person")), *(cell_width(n) for n in names)) + 2
    out = [t("leave.calendar.title", department=grid.department, month=f"{grid.year}-{grid.month:02d}")]
    out.append(pad("", width) + "".join(f"{d.day:>3}" for d in grid.dates))
    for row in grid.rows:
        cells = []
        for cell, working in zip(row.cells, grid.working):
            mark = rules.day_mark(cell, working)
            cells.append(" " * max(0, 3 - cell_width(mark)) + mark)
        out.append(pad(printable(row.name), width) + "".join(cells))
    out.append(t("leave.calendar.legend"))
    if grid.notice:
        out.append(grid.notice)
    return out


def cmd_hr(args: argparse.Namespace) -> int:
    office = open_office(args)
    me = current_user(office, args)
    view = leave.hr_view(office, me.login)
    if args.json:
        print_json(view.to_json())
        return 0
    for title, records in ((t("leave.hr.pending"), view.pending_report_backs), (t("leave.hr.absences"), view.absences),
                           (t("leave.hr.long"), view.long_leaves), (t("leave.hr.phone"), view.late_phone_notices)):
        say(f"{title} ({len(records)})")
        if records:
            print_table(_headers(), _rows(records))
        print()
    return 0


def cmd_long_leave(args: argparse.Namespace) -> int:
    office = open_office(args)
    me = current_user(office, args)
    say(long_leave.answer(office, me.login, args.number, args.answer, args.reason))
    return 0


def cmd_blackout_add(args: argparse.Namespace) -> int:
    office = open_office(args)
    me = current_user(office, args)
    found = blackouts.declare(office, me.login, args.name, args.start, args.end, args.mode, args.department)
    say(blackouts.said(found, "added"))
    return 0


def cmd_blackout_edit(args: argparse.Namespace) -> int:
    office = open_office(args)
    me = current_user(office, args)
    done = blackouts.edit(office, me.login, args.id, name=args.name, start=args.start, end=args.end, mode=args.mode,
                          departments=args.department)
    if args.json:
        print_json(done.period.to_json())
    else:
        say(done.said())
    return 0


def cmd_blackout_remove(args: argparse.Namespace) -> int:
    office = open_office(args)
    me = current_user(office, args)
    say(blackouts.said(blackouts.remove(office, me.login, args.id), "removed"))
    return 0


def cmd_blackout_list(args: argparse.Namespace) -> int:
    office = open_office(args)
    me = current_user(office, args)
    found = blackouts.listed(office, me.login, include_past=args.all)
    if args.json:
        print_json([b.to_json() for b in found])
        return 0
    if not found:
        say(t("leave.blackout.none"))
        return 0
    headers = [t(f"leave.blackout.{k}") for k in ("id", "name", "start", "end", "departments", "mode")]
    print_table(headers, [[str(b.id), printable(b.name), b.start.isoformat(), b.end.isoformat(),
                           ", ".join(b.departments) or t("leave.blackout.everyone"),
                           t(f"leave.blackout.modes.{b.mode}")] for b in found])
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    office = open_office(args)
    me = current_user(office, args)
    count = leave.export_csv(office, me.login, args.year, args.path)
    say(t("leave.exported", count=count, year=args.year, path=args.path))
    return 0
