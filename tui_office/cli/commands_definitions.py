"""Provides `definitions check [PATH…]`, `definitions load [DIR]` and `forms list [--json]`.

`definitions check` prints each problem as `file:line: message` (exit 1), else `ok: N definitions`.
It reads only files: no database is needed; `--roles gm,vp,…` also checks role codes.
`definitions load` stores a folder of definitions as the office's forms (administrators, audited).
"""

from __future__ import annotations

import argparse

from pathlib import Path

from tui_office.cli.context import current_user, open_office, print_json, say
from tui_office.services import queries, registry
from tui_office.domain import definition_files as definitions
from tui_office.domain.definition_check import definition_files
from tui_office.i18n import t


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("definitions", help="check form and process definition files")
    dsub = p.add_subparsers(dest="definitions_command", metavar="ACTION", required=True)
    c = dsub.add_parser("check", help="validate definition files; prints file:line: message per problem")
    c.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: the shipped data/forms)")
    c.add_argument("--roles", metavar="CODES", help="comma-separated role codes that exist; unknown roles become problems")
    c.set_defaults(func=definitions_check)
    ld = dsub.add_parser("load", help="store definition files as the office's forms (admins; audited)")
    ld.add_argument("folder", nargs="?", metavar="DIR",
                    help="a folder of *.toml or one file (default: config forms_dir, else the shipped forms)")
    ld.set_defaults(func=definitions_load)

    forms = sub.add_parser("forms", help="list the forms")
    fsub = forms.add_subparsers(dest="forms_command", metavar="ACTION", required=True)
    f = fsub.add_parser("list", help="list the forms and their fields")
    f.add_argument("--json", action="store_true", help='print JSON: [{"id","version","title","fields":[{"id","type","required"}]}]')
    f.set_defaults(func=forms_list)


def definitions_check(args: argparse.Namespace) -> int:
    if getattr(args, "lang", None):
        from tui_office.i18n import set_language

        set_language(args.lang)
    paths = args.paths or [definitions.default_folder()]
    roles = [r.strip() for r in args.roles.split(",") if r.strip()] if args.roles else None
    problems = definitions.check_paths(paths, known_roles=roles)
    for problem in problems:
        say(problem)
    if problems:
        return 1
    files, _ = definition_files(paths)
    say(t("forms.check_ok", count=len(files)))
    return 0


def forms_list(args: argparse.Namespace) -> int:
    """The forms as the office database knows them: the version new documents will use."""
    office = open_office(args)
    rows = [form.to_json() for form in queries.all_forms(office)]
    if args.json:
        print_json(rows)
        return 0
    from tui_office.cli.table import print_table

    print_table(["id", "version", "title", "fields"], [[r["id"], r["version"], r["title"], len(r["fields"])] for r in rows])
    return 0


def definitions_load(args: argparse.Namespace) -> int:
    """One line per form: `FORM vVERSION DIGEST stored|unchanged`."""
    office = open_office(args)
    me = current_user(office, args)
    config = office.config or office.settings
    folder = args.folder or config.forms_dir or str(registry.forms_folder())
    for loaded in registry.load(office, me.login, Path(folder)):
        say(t("forms.loaded" if loaded.stored else "forms.unchanged", form=loaded.form_id,
              version=loaded.version, digest=loaded.digest[:16]))
    return 0
