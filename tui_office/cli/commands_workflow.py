"""Provides the scriptable workflow commands: submit, act, show, inbox, drafts, away (and its hand-over),
remind, audit verify.

These are a public interface offices script against: names and JSON shapes stay stable.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from tui_office.cli.context import bounded_int, current_user, fail, note, open_office, print_json, say
from tui_office.domain.engine import ACTIONS
from tui_office.domain.errors import OfficeError, ValidationError, ValidationFailed
from tui_office.i18n import t
from tui_office.services import audit, away, decisions, files, hand_over, permissions, pins, queries, start_from, workflow
from tui_office.services.document_warnings import document_warnings


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("submit", help="start a document of FORM (prints its number)")
    p.add_argument("form")
    p.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE", help="a field value; repeat")
    p.add_argument("--items", metavar="FILE.json", help="line items: a JSON list (the form's one table) or {table: [rows]}")
    p.add_argument("--draft", action="store_true", help="save as a draft instead of submitting")
    p.add_argument("--for", dest="for_login", metavar="LOGIN",
                   help="submit it for this person (代提交; a role in the form's submit_for): they become its initiator;"
                        " with --number, your draft is handed over to them")
    again = p.add_mutually_exclusive_group()
    again.add_argument("--number", help="update this draft or returned document and (re)submit it")
    again.add_argument("--from", dest="source", metavar="NUMBER",
                       help="start it from this document: fields prefilled as the form says, linked back")
    p.set_defaults(func=cmd_submit, usage_error=p.error)

    p = sub.add_parser("act", help="take an action on a document: " + ", ".join(ACTIONS)
                       + ", or complete a follow-up task by its name (e.g. the return of a loan)")
    p.add_argument("action", metavar="ACTION")
    p.add_argument("number")
    p.add_argument("--to", metavar="LOGIN|STEP", help="delegate/entrust/add-approver/cc: user(s); return: 'initiator' or a step id")
    p.add_argument("--comment", default="", help="the opinion (required to reject or return)")
    p.add_argument("--before", action="store_true", help="add-approver: ask them before me (default: after)")
    p.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE",
                   help="approve: a field the step asks its assignee for (e.g. supplier); repeat")
    p.set_defaults(func=cmd_act)

    p = sub.add_parser("show", help="show a document")
    p.add_argument("number")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("inbox", help="list my tasks, earliest due first")
    p.add_argument("--json", action="store_true")
    p.add_argument("--tab", default="todo", choices=["todo", "submitted", "cc", "done", "drafts"])
    p.add_argument("--limit", type=bounded_int(1, 10_000), default=200, metavar="N", help="at most N rows (1–10000)")
    p.set_defaults(func=cmd_inbox)

    p = sub.add_parser("away", help="out of office: LOGIN acts for me between two dates")
    p.add_argument("--to", metavar="LOGIN", help="who acts for me (required)")
    p.add_argument("--from", dest="start", type=date.fromisoformat, metavar="YYYY-MM-DD", help="first day (required)")
    p.add_argument("--until", type=date.fromisoformat, metavar="YYYY-MM-DD", help="last day (required)")
    p.add_argument("--form", action="append", default=[], metavar="ID", help="only for these forms; repeat")
    p.set_defaults(func=cmd_away)
    asub = p.add_subparsers(dest="away_command", metavar="ACTION")
    h = asub.add_parser("hand-over", help="hand the tasks waiting in my To-do to the deputy standing in for me today")
    h.add_argument("--for", dest="for_login", metavar="LOGIN", help="the person who is away (administrators)")
    h.add_argument("--json", action="store_true", help='print {"principal", "deputy", "start", "end", "count", "numbers", "tasks"}')
    h.set_defaults(func=cmd_away_hand_over)

    p = sub.add_parser("remind", help="record reminders for overdue tasks (run from cron as the database's owner, or by an admin)")
    p.set_defaults(func=cmd_remind)

    p = sub.add_parser("drafts", help="my drafts: list them, delete one")
    dsub = p.add_subparsers(dest="drafts_command", metavar="ACTION", required=True)
    d = dsub.add_parser("list", help="list my drafts, newest first")
    d.add_argument("--json", action="store_true")
    d.set_defaults(func=cmd_drafts_list)
    d = dsub.add_parser("delete", help="delete one of my drafts")
    d.add_argument("number")
    d.set_defaults(func=cmd_drafts_delete)

    p = sub.add_parser("audit", help="check the audit trail")
    asub = p.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    v = asub.add_parser("verify", help="verify the audit trail and every document and user against it; exit 1 naming the first problem")
    v.add_argument("--checkpoint", metavar="HEAD", type=_checkpoint,
                   help="a head printed earlier by 'audit checkpoint' (ROWS:HASH): the trail must still begin with it")
    v.set_defaults(func=cmd_audit_verify)
    c = asub.add_parser("checkpoint", help="print the head of the audit trail (ROWS:HASH) to write down or send away")
    c.add_argument("--json", action="store_true", help='print {"checkpoint", "rows", "hash"}')
    c.set_defaults(func=cmd_audit_checkpoint)


def _checkpoint(text: str) -> audit.Checkpoint:
    try:
        return audit.Checkpoint.parse(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _assignments(items: list[str]) -> tuple[dict, list[ValidationError]]:
    """The FIELD=VALUE pairs of `--set`, and a problem for each item that is not one."""
    values: dict = {}
    problems = []
    for item in items:
        if "=" not in item:
            problems.append(ValidationError(item, "bad_assignment", f"expected FIELD=VALUE, got {item!r}"))
            continue
        key, value = item.split("=", 1)
        values[key.strip()] = value
    return values, problems


def _values(args: argparse.Namespace, form_tables: list[str]) -> dict:
    values, problems = _assignments(args.set)
    if args.items:
        try:
            data = json.loads(Path(args.items).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise OfficeError(message=f"{args.items}: cannot read line items: {exc}") from None
        except RecursionError:
            raise OfficeError(message=f"{args.items}: cannot read line items: nested too deeply") from None
        if isinstance(data, dict):
            values.update(data)
        elif form_tables:
            values[form_tables[0]] = data
        else:
            problems.append(ValidationError("items", "no_table", "this form has no line-item table"))
    if problems:
        raise ValidationFailed(problems)
    return values


def cmd_submit(args: argparse.Namespace) -> int:
    office = open_office(args)
    me = current_user(office, args)
    form_id = args.form
    form = queries.document_form(office, args.number) if args.number else queries.form_definition(office, form_id)
    tables = [f.id for f in form.fields if f.type == "table"]
    if args.source and args.for_login:
        args.usage_error("argument --for: not allowed with argument --from")
    if args.source:
        number = start_from.submit(office, me.login, form_id, args.source, _values(args, tables), draft=args.draft)
    else:
        number = workflow.submit(office, me.login, form_id, _values(args, tables), draft=args.draft, number=args.number,
                                 for_login=args.for_login)
    say(number)
    for line in document_warnings(office, number):
        note(line)
    return 0


def cmd_act(args: argparse.Namespace) -> int:
    office = open_office(args)
    me = current_user(office, args)
    fields, problems = _assignments(args.set)
    if problems:
        raise ValidationFailed(problems)
    message = decisions.act(office, me.login, args.action, args.number, to=args.to, comment=args.comment,
                            position="before" if args.before else "after", fields=fields)
    say(message)
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    office = open_office(args)
    me = current_user(office, args)
    view = queries.show(office, me.login, args.number)
    attached = files.check(office, me.login, args.number)
    for line in document_warnings(office, view.number):
        note(line)
    if args.json:
        print_json({**view.to_json(), "files": [s.to_json() for s in attached],
                    **queries.area_details(office, me.login, view.number, view.form_id)})
        return 0
    say(f"{view.number}  {view.form_title}  {view.title}")
    if view.earlier_numbers:
        say(t("numbering.earlier", numbers=", ".join(view.earlier_numbers)))
    say(f"status: {view.status}{' (archived)' if view.archived else ''}   from: {view.initiator_name}")
    for field in view.display:
        say(f"  {field.label}: {field.text}")
    for line in files.warnings(attached):
        say(t("files.warning_line", text=line))
    for step in view.current_steps:
        who = ", ".join(a.name for a in step.assignees if a.status == "open")
        say(f"now: {step.title} — {who}" + (f" (due {step.due:%Y-%m-%d %H:%M})" if step.due else ""))
    for h in view.history:
        behalf = f" for {h.on_behalf_of_name}" if h.on_behalf_of_name else ""
        signed = f" [{t('timeline.signed')}]" if h.signed else ""
        say(f"  {h.at:%Y-%m-%d %H:%M} {h.actor_name}{behalf} {h.action}{signed} {h.step_title} {h.detail or h.opinion}".rstrip())
    return 0


def cmd_inbox(args: argparse.Namespace) -> int:
    office = open_office(args)
    me = current_user(office, args)
    page = queries.inbox(office, me.login, args.tab, limit=args.limit)
    if args.json:
        print_json([row.to_json() for row in page.rows])
        return 0
    from tui_office.cli.table import print_table

    print_table(["number", "form", "title", "from", "step", "due"],
                [[("! " if r.overdue else "") + r.number, r.form_title, r.title, r.from_name,
                  ("^" if r.escalated else "") + r.step_title,
                  f"{r.due_at:%Y-%m-%d %H:%M}" if r.due_at else ""] for r in page.rows])
    return 0


def cmd_drafts_list(args: argparse.Namespace) -> int:
    office = open_office(args)
    me = current_user(office, args)
    rows = queries.inbox(office, me.login, "drafts", limit=1000).rows
    if args.json:
        print_json([{"number": r.number, "form": r.form_id, "title": r.title} for r in rows])
        return 0
    from tui_office.cli.table import print_table

    print_table(["number", "form", "title"], [[r.number, r.form_title, r.title] for r in rows])
    return 0


def cmd_drafts_delete(args: argparse.Namespace) -> int:
    office = open_office(args)
    me = current_user(office, args)
    say(workflow.delete_draft(office, me.login, args.number))
    return 0


_ARRANGEMENT = (("--to", "to"), ("--from", "start"), ("--until", "until"))


def cmd_away(args: argparse.Namespace) -> int:
    missing = [flag for flag, name in _ARRANGEMENT if getattr(args, name) is None]
    if missing:
        return fail(f"away: the following arguments are required: {', '.join(missing)} (see --help)", 2)
    office = open_office(args)
    me = current_user(office, args)
    say(away.set_away(office, me.login, args.to, args.start, args.until, args.form or None))
    return 0


def cmd_away_hand_over(args: argparse.Namespace) -> int:
    given = [flag for flag, name in (*_ARRANGEMENT, ("--form", "form")) if getattr(args, name)]
    if given:
        return fail(f"away hand-over: {', '.join(given)} set an arrangement, not a hand-over (see --help)", 2)
    office = open_office(args)
    me = current_user(office, args)
    done = hand_over.hand_over(office, me.login, args.for_login)
    if args.json:
        print_json(done.to_json())
    else:
        for line in done.lines():
            say(line)
    return 0


def cmd_remind(args: argparse.Namespace) -> int:
    office = open_office(args)
    by = None if permissions.owns_database(office) else current_user(office, args).login
    lines = away.remind(office, by=by)
    for line in lines:
        say(line)
    say(f"{len(lines)} reminder(s)")
    return 0


def cmd_audit_verify(args: argparse.Namespace) -> int:
    office = open_office(args)
    report = audit.verify(args.checkpoint)
    if report.ok:
        line = (f"ok: {report.rows} audit rows, chain intact; {report.documents} documents and {report.users} users "
                "match their last row")
        if report.signatures or pins.required(office):
            line += f"; {report.signatures} signed decisions verified"
        else:
            line += "; no signed decisions (the office does not require PINs)"
        if report.checkpoint is not None:
            line += f"; checkpoint {report.checkpoint} matches"
        say(line)
        return 0
    where = f"audit row {report.bad_row}: " if report.bad_row is not None else "audit trail: "
    say(where + report.reason, file=sys.stderr)
    return 1


def cmd_audit_checkpoint(args: argparse.Namespace) -> int:
    open_office(args)
    head = audit.checkpoint()
    if args.json:
        print_json(head.to_json())
    else:
        print(head)
    return 0
