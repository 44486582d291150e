"""Provides `tui-office meeting …`: sign in and out, mark attendance, leave of absence, materials,
the meeting's page and the action items.

Calling a meeting and writing minutes are ordinary forms: `tui-office submit meeting --set …`,
`tui-office submit minutes --from MEETING --set …` (README.md, "Meetings").
"""

from __future__ import annotations

import argparse
from datetime import date

from tui_office.cli.context import bounded_int, current_user, open_office, print_json, say
from tui_office.cli.table import print_table
from tui_office.i18n import t
from tui_office.workflows.meetings import rules, service as meetings


COUNT = bounded_int(1, rules.MAX_SERIES)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected YYYY-MM-DD, got {text!r}") from None


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("meeting", help="meetings: sign in, attendance, leave of absence, materials, action items")
    msub = p.add_subparsers(dest="meeting_command", metavar="ACTION", required=True)

    s = msub.add_parser("sign-in", help="sign in to a meeting (签到), from 30 minutes before the start to its end")
    s.add_argument("number")
    s.set_defaults(func=cmd_sign_in)

    o = msub.add_parser("sign-out", help="sign out of a meeting before it ends (leaving early)")
    o.add_argument("number")
    o.set_defaults(func=cmd_sign_out)

    m = msub.add_parser("mark", help="recorder: mark an attendee present, absent or excused")
    m.add_argument("number")
    m.add_argument("login")
    m.add_argument("mark", choices=rules.MARKS)
    m.add_argument("--reason", default="", help="required for absent and excused")
    m.set_defaults(func=cmd_mark)

    a = msub.add_parser("absence", help="ask the chair to excuse you from a meeting (before it starts)")
    a.add_argument("number")
    a.add_argument("--reason", required=True)
    a.set_defaults(func=cmd_absence)

    f = msub.add_parser("attach", help="attach materials to a meeting (by reference: path, size, SHA-256)")
    f.add_argument("number")
    f.add_argument("path", metavar="PATH")
    f.add_argument("--reason", default="", help="required when later than the materials lead time")
    f.set_defaults(func=cmd_attach)

    w = msub.add_parser("attendance", help="who attends a meeting, with sign-in times and statuses")
    w.add_argument("number")
    w.add_argument("--json", action="store_true", help="print the meeting's page as JSON (as show --json adds it)")
    w.set_defaults(func=cmd_attendance)

    r = msub.add_parser("repeat", help="create the next meetings of a standing meeting's series (each its own notice)")
    r.add_argument("number")
    r.add_argument("--count", type=COUNT, required=True, help=f"how many further meetings (1 to {rules.MAX_SERIES})")
    r.set_defaults(func=cmd_repeat)

    g = msub.add_parser("reassign", help="recorder: hand an open action item to someone else")
    g.add_argument("number", metavar="MINUTES")
    g.add_argument("key", metavar="ITEM", help="resolutions-N")
    g.add_argument("login", metavar="LOGIN")
    g.add_argument("--reason", required=True)
    g.set_defaults(func=cmd_reassign)

    x = msub.add_parser("extend", help="recorder: move an open action item's due date later")
    x.add_argument("number", metavar="MINUTES")
    x.add_argument("key", metavar="ITEM", help="resolutions-N")
    x.add_argument("due", metavar="YYYY-MM-DD", type=_day)
    x.add_argument("--reason", required=True)
    x.set_defaults(func=cmd_extend)

    n = msub.add_parser("progress", help="owner: report progress on an open action item")
    n.add_argument("number", metavar="MINUTES")
    n.add_argument("key", metavar="ITEM", help="resolutions-N")
    n.add_argument("--note", required=True)
    n.set_defaults(func=cmd_progress)

    i = msub.add_parser("actions", help="action items of issued minutes (open, overdue, done)")
    i.add_argument("--mine", action="store_true", help="only mine")
    i.add_argument("--meeting", metavar="NUMBER", help="only this meeting's")
    i.add_argument("--json", action="store_true")
    i.set_defaults(func=cmd_actions)


def _run(args: argparse.Namespace, use_case, *params: object) -> int:  # noqa: ANN001
    """Run one meeting use case as the current user and print its message."""
    office = open_office(args)
    say(use_case(office, current_user(office, args).login, *params))
    return 0


def cmd_sign_in(args: argparse.Namespace) -> int:
    return _run(args, meetings.sign_in, args.number)


def cmd_sign_out(args: argparse.Namespace) -> int:
    return _run(args, meetings.sign_out, args.number)


def cmd_mark(args: argparse.Namespace) -> int:
    return _run(args, meetings.mark, args.number, args.login, args.mark, args.reason)


def cmd_absence(args: argparse.Namespace) -> int:
    return _run(args, meetings.request_absence, args.number, args.reason)


def cmd_attach(args: argparse.Namespace) -> int:
    return _run(args, meetings.attach_material, args.number, args.path, args.reason)


def cmd_repeat(args: argparse.Namespace) -> int:
    office = open_office(args)
    for number in meetings.repeat(office, current_user(office, args).login, args.number, args.count):
        say(number)
    return 0


def cmd_reassign(args: argparse.Namespace) -> int:
    return _run(args, meetings.reassign_item, args.number, args.key, args.login, args.reason)


def cmd_extend(args: argparse.Namespace) -> int:
    return _run(args, meetings.extend_item, args.number, args.key, args.due, args.reason)


def cmd_progress(args: argparse.Namespace) -> int:
    return _run(args, meetings.report_progress, args.number, args.key, args.note)


def _clock(value) -> str:  # noqa: ANN001
    return value.strftime("%H:%M") if value else ""


def cmd_attendance(args: argparse.Namespace) -> int:
    office = open_office(args)
    found = meetings.page(office, current_user(office, args).login, args.number)
    if args.json:
        print_json(found.to_json())
        return 0
    m = found.meeting
    say(f"{m.number}  {m.title}  {m.start:%Y-%m-%d %H:%M}–{m.end:%H:%M}  {m.place}")
    print_table([t("meetings.col.person"), t("meetings.col.status"), t("meetings.col.signed_in"),
                 t("meetings.col.signed_out"), t("meetings.col.reason")],
                [[r.name, r.label, _clock(r.signed_in_at), _clock(r.signed_out_at), r.reason or r.excused_by]
                 for r in found.attendance])
    return 0


def cmd_actions(args: argparse.Namespace) -> int:
    office = open_office(args)
    items = meetings.action_items(office, current_user(office, args).login, mine=args.mine, meeting=args.meeting)
    if args.json:
        print_json([i.to_json() for i in items])
        return 0
    print_table([t("meetings.col.minutes"), t("meetings.col.key"), t("meetings.col.resolution"), t("meetings.col.owner"),
                 t("meetings.col.due"), t("meetings.col.status")],
                [[i.minutes, i.key, i.text, i.owner_name, i.due.isoformat() if i.due else "",
                  t(f"meetings.item.{i.status}")] for i in items])
    return 0
