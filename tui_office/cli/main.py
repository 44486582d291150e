"""Provides `tui-office`: the global options, the command table and clean error handling.

Errors go to stderr as one line: exit 2 for usage, 1 for failures. No traceback for anything a
user can cause.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

from tui_office import __version__, extensions
from tui_office.cli import (
    context, commands_app, commands_definitions, commands_files, commands_settings, commands_users, commands_workflow,
)
from tui_office.cli import commands_calendar, commands_conflicts, commands_pin
from tui_office.config import ConfigError
from tui_office.domain.errors import DefinitionError, OfficeError, ValidationFailed
from tui_office.domain.text import printable
from tui_office.services import storage

COMMAND_MODULES = [commands_app, commands_users, commands_settings, commands_workflow, commands_definitions,
                   commands_conflicts, commands_files, commands_calendar, commands_pin]
"""Each module has `register(subparsers)`; a command sets `func(args) -> int`. The installed
workflows add theirs (`Workflow.cli`) after these."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2
        print(f"{self.prog}: {printable(message)} (see --help)", file=sys.stderr)
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="tui-office",
        description="Keyboard-driven office paperwork: approvals inbox, forms and the business areas built on them.",
    )
    parser.add_argument("--version", action="version", version=f"tui-office {__version__}")
    add_global_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module in COMMAND_MODULES:
        module.register(sub)
    for workflow in extensions.installed():
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
    parser = build_parser()
    args = parser.parse_args(argv)
    func: Callable[[argparse.Namespace], int] = getattr(args, "func", None) or commands_app.run_tui
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
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe or stream: nothing more can be said
            pass
    os._exit(code)


if __name__ == "__main__":
    run()
