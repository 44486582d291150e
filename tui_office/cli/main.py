"""Provides `tui-office`: the global options, the command table and clean error handling.

Errors go to stderr as one line: exit 2 for usage, 1 for failures. No traceback for anything a
user can cause.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import NoReturn

from tui_office import __version__, collector, dataclass_code, extensions
from tui_office.cli import context
from tui_office.cli.start_app import run_tui
from tui_office.config import ConfigError
from tui_office.domain.errors import DefinitionError, OfficeError, ValidationFailed
from tui_office.domain.text import printable
from tui_office.services import storage

COMMANDS: dict[str, tuple[str, ...]] = {
    "commands_app": ("demo", "init"),
    "commands_users": ("users", "backup", "restore", "migrate-db"),
    "commands_departments": ("departments",),
    "commands_roles": ("roles", "deputies"),
    "commands_settings": ("settings",),
    "commands_workflow": ("submit", "act", "show", "inbox", "away", "remind", "drafts", "audit"),
    "commands_definitions": ("definitions", "forms"),
    "commands_conflicts": ("declare-conflict",),
    "commands_intervention": ("intervene",),
    "commands_digest": ("digest",),
    "commands_files": ("files",),
    "commands_calendar": ("calendar",),
    "commands_search": ("search",),
    "commands_archive": ("archive",),
    "commands_print": ("print",),
    "commands_stats": ("stats",),
    "commands_export": ("export",),
    "commands_pin": ("pin",),
}
"""The command modules of `tui_office.cli`, in the order `--help` lists them, with the commands each
registers. Each module has `register(subparsers)`; a command sets `func(args) -> int`. The
installed workflows add theirs (`Workflow.cli`) after these. A module is imported only when one
of its commands runs (or for the full parser: `--help`, a usage error, a workflow's command), so
starting the app imports none of them."""


def _command_module(name: str) -> ModuleType:
    return importlib.import_module(f"tui_office.cli.{name}")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2
        print(f"{self.prog}: {printable(message)} (see --help)", file=sys.stderr)
        raise SystemExit(2)


class _Unsure(Exception):
    """The first look at the arguments cannot tell which command runs: build the full parser."""


class _FirstLook(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _Unsure(message)


def _command_in(argv: Sequence[str]) -> str | None:
    """The core command `argv` runs, "" for none (the app), None when unsure (`--help`,
    `--version`, an unknown command or a usage error): argparse's own reading of the global
    options, abbreviations included."""
    look = _FirstLook(add_help=False)
    add_global_options(look)
    look.add_argument("command", nargs="?")
    look.add_argument("rest", nargs=argparse.REMAINDER)
    try:
        args, extras = look.parse_known_args(argv)
    except _Unsure:
        return None
    if extras or (args.command is not None and not any(args.command in names for names in COMMANDS.values())):
        return None
    return args.command or ""


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser of `tui-office`. Given the arguments, only the module of the command they run
    is imported; the other commands are there by name, enough to parse these arguments."""
    command = None if argv is None else _command_in(argv)
    parser = _Parser(
        prog="tui-office",
        description="Keyboard-driven office paperwork: approvals inbox, forms and the business areas built on them.",
    )
    parser.add_argument("--version", action="version", version=f"tui-office {__version__}")
    add_global_options(parser)
    if command == "":  # the app: these arguments name no command, so the commands need not be known
        parser.set_defaults(command=None)
        return parser
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module, names in COMMANDS.items():
        if command is None or command in names:
            _command_module(module).register(sub)
        else:
            for name in names:
                sub.add_parser(name, add_help=False)
    for workflow in extensions.installed():  # a workflow may add options to a core command (`users add --probation`)
        if workflow.cli is not None:
            workflow.cli(sub)
    _everywhere(sub)
    return parser


def add_global_options(parser: argparse.ArgumentParser, default: object = None) -> None:
    """`--db`, `--user` and `--lang`: the options every command understands."""
    parser.add_argument("--db", metavar="PATH", default=default,
                        help="database file or URL (default: the office database in your data directory)")
    parser.add_argument("--user", metavar="LOGIN", default=default,
                        help="act as this user (default: config 'user', else your OS login)")
    parser.add_argument("--lang", choices=["en", "zh-CN"], default=default, help="interface language")


def _everywhere(sub: argparse._SubParsersAction) -> None:
    """Accept the global options after the command too (`submit general_request --user luoping`).

    A subcommand's copy has no default of its own (`SUPPRESS`), so a value given before the
    command is kept unless the same option is given again after it."""
    for command in {id(p): p for p in sub.choices.values()}.values():
        known = {option for action in command._actions for option in action.option_strings}
        if "--db" not in known:
            add_global_options(command, argparse.SUPPRESS)
        for action in command._actions:
            if isinstance(action, argparse._SubParsersAction):
                _everywhere(action)


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    func: Callable[[argparse.Namespace], int] = getattr(args, "func", None) or run_tui
    if func is not run_tui:  # the app lets the collector run again once it has drawn its first frame
        collector.resume()
    context.warnings()  # nothing left from an earlier command run in this process
    context.succeeded(1)  # nothing left from an earlier command run in this process
    try:
        code = func(args) or 0
        context.succeeded(code)
        for line in context.warnings():
            print(printable(line), file=sys.stderr)
        return code
    except ValidationFailed as exc:
        for problem in exc.problems:
            print(printable(problem.line()), file=sys.stderr)
        return 1
    except DefinitionError as exc:
        print(printable(exc.located()), file=sys.stderr)
        return 1
    except (OfficeError, ConfigError) as exc:
        print(f"tui-office: {printable(str(exc))}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # the reader went away (`show N | head`): nothing more to say
        return 0
    except Exception as exc:  # only failures of the disk are answered here; anything else is a bug
        problem = storage.explain(exc, getattr(args, "db", None) or "")
        if problem is None:
            raise
        print(f"tui-office: {printable(str(problem))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def run() -> NoReturn:
    """The `tui-office` command: `main`, then end the process at once. Every change is committed
    by then and the output is flushed here, so the interpreter's teardown (unloading hundreds of
    modules, a tenth of a second or more after quitting the app) is skipped."""
    code = main()
    dataclass_code.save()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe or stream: nothing more can be said
            pass
    os._exit(code)


if __name__ == "__main__":
    run()
