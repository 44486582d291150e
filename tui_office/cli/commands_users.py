"""Provides `users list|add|edit|deactivate|reactivate|set-os-login`, `backup`, `restore` and `migrate-db`."""

from __future__ import annotations

import argparse

from tui_office.cli.context import current_user, open_office, print_json, say
from tui_office.domain.errors import OfficeError, ValidationError
from tui_office.i18n import t
from tui_office.services import directory, maintenance, office_copy


def register(sub: argparse._SubParsersAction) -> None:
    users = sub.add_parser("users", help="list, add, deactivate or reactivate users (admins)")
    usub = users.add_subparsers(dest="users_command", metavar="ACTION", required=True)
    p = usub.add_parser("list", help="list active users")
    p.add_argument("--json", action="store_true", help="print JSON: [{login,name,department,roles,manager}]")
    p.add_argument("--all", action="store_true", help="include deactivated users")
    p.set_defaults(func=users_list)
    p = usub.add_parser("add", help="add a user (admins; the first user of an empty office becomes its admin)")
    p.add_argument("login")
    p.add_argument("name")
    p.add_argument("--department", metavar="CODE")
    p.add_argument("--role", action="append", default=[], metavar="CODE", help="repeat for several roles")
    p.add_argument("--name-en", default="")
    p.add_argument("--title", default="")
    p.add_argument("--attr", action="append", dest="attrs", default=[], metavar="KEY=VALUE",
                   help="an attribute workflows read; repeat for several (VALUE true/false: yes/no)")
    p.add_argument("--os-login", metavar="ACCOUNT", help="the OS account they sign in as (default: the same as LOGIN)")
    p.set_defaults(func=users_add)
    p = usub.add_parser("deactivate", help="deactivate a user (their history stays; admins)")
    p.add_argument("login")
    p.set_defaults(func=users_deactivate)
    p = usub.add_parser("reactivate", help="let a deactivated user sign in again (admins)")
    p.add_argument("login")
    p.set_defaults(func=users_reactivate)
    p = usub.add_parser("edit", help="change a user's name, English name, title or department (admins)")
    p.add_argument("login")
    p.add_argument("--name")
    p.add_argument("--name-en")
    p.add_argument("--title", help="the title in English")
    p.add_argument("--title-zh", help="the title in Chinese")
    p.add_argument("--department", metavar="CODE", help="'' for none")
    p.set_defaults(func=users_edit)
    p = usub.add_parser("set-os-login", help="bind a user to an OS account; '' for the account named like the login (admins)")
    p.add_argument("login")
    p.add_argument("os_login", metavar="ACCOUNT")
    p.set_defaults(func=users_set_os_login)

    p = sub.add_parser("backup", help="copy the database to PATH safely while others keep working, and check the copy (admin)")
    p.add_argument("path")
    p.add_argument("--force", action="store_true", help="replace PATH if it exists")
    p.set_defaults(func=backup)

    p = sub.add_parser("restore", help="replace the database with a checked backup, keeping the current one aside (admin)")
    p.add_argument("path")
    p.add_argument("--force", action="store_true", help="restore even if the backup lacks work done since it was taken")
    p.set_defaults(func=restore)

    p = sub.add_parser("migrate-db", help="copy the whole office into another, empty database (e.g. SQLite to "
                                          "PostgreSQL), then verify its audit trail there (admin)")
    p.add_argument("--from", dest="source", metavar="DATABASE",
                   help="the office to copy (default: --db, TUI_OFFICE_DB, the config or the default file)")
    p.add_argument("--to", dest="target", metavar="DATABASE", required=True,
                   help="an empty database: file path, sqlite:///path or postgresql://user@host/name")
    p.set_defaults(func=migrate_db)


def users_list(args: argparse.Namespace) -> int:
    office = open_office(args)
    users = directory.list_users(office, include_inactive=args.all)
    if args.json:
        print_json([u.to_json() for u in users])
        return 0
    from tui_office.cli.table import print_table

    print_table(
        ["login", "name", "department", "roles", "manager"],
        [[u.login, u.name, u.department, ",".join(u.roles), u.manager or ""] for u in users],
    )
    return 0


def users_add(args: argparse.Namespace) -> int:
    office = open_office(args)
    by = current_user(office, args).login if directory.has_users(office) else None
    user = directory.add_user(
        office, args.login, args.name, args.department, args.role,
        name_en=args.name_en, title=args.title, attributes=parse_attributes(args.attrs), os_login=args.os_login, by=by,
    )
    say(user.login)
    return 0


def parse_attributes(items: list[str]) -> dict:
    """`KEY=VALUE` pairs as attributes (`true`/`false` become yes/no); a later key wins."""
    out: dict[str, object] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise ValidationError("attr", "invalid_attribute", f"--attr wants KEY=VALUE, not {item!r}")
        lowered = value.strip().lower()
        out[key.strip()] = True if lowered == "true" else False if lowered == "false" else value.strip()
    return out


def users_deactivate(args: argparse.Namespace) -> int:
    office = open_office(args)
    me = current_user(office, args)
    say(directory.deactivate_user(office, args.login, by=me.login).login)
    return 0


def users_reactivate(args: argparse.Namespace) -> int:
    office = open_office(args)
    me = current_user(office, args)
    say(directory.reactivate_user(office, args.login, by=me.login).login)
    return 0


def users_edit(args: argparse.Namespace) -> int:
    office = open_office(args)
    me = current_user(office, args)
    say(directory.edit_user(office, args.login, name=args.name, name_en=args.name_en, title=args.title,
                            title_zh=args.title_zh, department=args.department, by=me.login).login)
    return 0


def users_set_os_login(args: argparse.Namespace) -> int:
    office = open_office(args)
    me = current_user(office, args)
    say(directory.set_os_login(office, args.login, args.os_login, by=me.login).login)
    return 0


def backup(args: argparse.Namespace) -> int:
    office = open_office(args)
    me = current_user(office, args)
    say(maintenance.backup(office, me.login, args.path, force=args.force))
    return 0


def restore(args: argparse.Namespace) -> int:
    office = open_office(args)
    me = current_user(office, args)
    result = maintenance.restore(office, me.login, args.path, force=args.force)
    say(f"restored {result.source} ({result.rows} audit rows, verified); "
          f"the database as it was is kept in {result.kept_aside}")
    return 0


def migrate_db(args: argparse.Namespace) -> int:
    office = open_office(args, args.source)
    me = current_user(office, args)
    shown: dict[str, int] = {}

    def progress(table: str, done: int, total: int) -> None:
        # A line when a table starts, one each tenth of the way, one when it is done.
        tenth = max(total // 10, 1)
        if done == 0 or done == total or done // tenth > shown.get(table, 0) // tenth:
            say(t("migrate.table", table=table, done=f"{done:,}", total=f"{total:,}"))
        shown[table] = done

    report = office_copy.copy_office(office, me.login, args.target, progress)
    target = office_copy.shown_address(args.target)
    say(t("migrate.done", rows=f"{sum(report.rows.values()):,}", tables=len(report.rows), target=target))
    verified = report.verified
    if not verified.ok:
        where = f"audit row {verified.bad_row}: " if verified.bad_row is not None else ""
        raise OfficeError("copy_not_verified", target=target, reason=where + verified.reason)
    say(t("migrate.verified", target=target, rows=verified.rows, documents=verified.documents, users=verified.users))
    return 0
