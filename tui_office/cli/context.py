"""Provides what every command needs: settings, the open office, the current user, output helpers."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable
from typing import Any, TextIO

from tui_office import config
from tui_office.domain.text import printable
from tui_office.i18n import set_language
from tui_office.services import identity
from tui_office.services.directory import UserInfo
from tui_office.services.office import Office


def settings_for(args: argparse.Namespace) -> config.Settings:
    """Settings from the config file with the command line's --lang applied."""
    settings = config.load()
    if getattr(args, "lang", None):
        settings.language = args.lang
    set_language(settings.language)
    return settings


_opened: list[Office] = []
_notes: list[str] = []
"""Warnings a command adds about what it did (printed after it, like the config warnings)."""


def note(line: str) -> None:
    """A warning line to print on stderr once the command has succeeded ("" adds nothing)."""
    if line:
        _notes.append(line)


def open_office(args: argparse.Namespace, target: str | None = None, *, create: bool = False) -> Office:
    """Open the office database; only `init` and `demo` pass `create=True` to make a new one."""
    settings = settings_for(args)
    office = Office.open(settings, target or getattr(args, "db", None), create=create)
    _opened.append(office)
    return office


def warnings() -> list[str]:
    """Warnings for the offices this command opened (taken once): a real office ignoring the
    office-policy keys of the personal config file. Printed after a command that succeeded, so a
    refusal stays one line."""
    from tui_office.config import Settings
    from tui_office.i18n import t

    out = []
    for office in _opened:
        if office.ignored_policy:
            keys = []
            for key in office.ignored_policy:
                if key == "forms":
                    keys += [f"[forms.{form_id}]" for form_id in sorted((office.config or office.settings).forms)]
                elif key == "sections":
                    config, defaults = office.config or office.settings, Settings()
                    keys += [f"[{name}]" for name, value in sorted(config.sections.items())
                             if value != defaults.sections.get(name)]
                else:
                    keys.append(key)
            where = (office.config or office.settings).path or "config"
            out.append(t("warning.config_policy_ignored", file=str(where), keys=", ".join(keys)))
    _opened.clear()
    out += [f"tui-office: warning: {line}" for line in _notes]
    _notes.clear()
    return out


PIN_VARIABLE = "TUI_OFFICE_PIN"
"""The environment variable a script passes its PIN in (never a command-line argument, which
other users of the machine can see)."""


def read_pin(prompt: str = "PIN: ", variable: str = PIN_VARIABLE) -> str | None:
    """A PIN from `variable`, else asked on the terminal without echo; None with neither."""
    value = os.environ.get(variable)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        return None
    return getpass.getpass(prompt)


_signed_in: list[tuple[Office, str]] = []
"""Who signed in to which office during this command (marked as seen once it succeeded)."""


def current_user(office: Office, args: argparse.Namespace) -> UserInfo:
    """The user bound to this OS account, or the one `--user` (or config `user`) names if this
    account may act as others; signed in with a PIN where the office requires one."""
    who = identity.sign_in(office, getattr(args, "user", None), read_pin)
    _signed_in.append((office, who.signer))
    return who.user


def office_and_me(args: argparse.Namespace) -> tuple[Office, str]:
    """The office and the login of the user running the command (signed in), for commands that
    change something."""
    office = open_office(args)
    return office, current_user(office, args).login


def succeeded(code: int) -> None:
    """After a command: record the day its signed-in user was seen, if it succeeded (a refused
    command changes nothing)."""
    from tui_office.services import inactivity

    if code == 0:
        for office, login in _signed_in:
            inactivity.mark_seen(office, login)
    _signed_in.clear()


def bounded_int(low: int, high: int) -> Callable[[str], int]:
    """An argparse `type` for a whole number from `low` to `high` (anything else: a usage error)."""

    def parse(text: str) -> int:
        try:
            value = int(text.strip())
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"expected a number from {low} to {high}, got {text}")
        return value

    parse.__name__ = "number"
    return parse


def year_month(text: str) -> tuple[int, int]:
    """An argparse `type` for a month written `YYYY-MM` (anything else: a usage error)."""
    try:
        year, month = text.split("-")
        value = (int(year), int(month))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected YYYY-MM, got {text!r}") from None
    if not (1 <= value[0] <= 9999 and 1 <= value[1] <= 12):
        raise argparse.ArgumentTypeError(f"expected YYYY-MM, got {text!r}")
    return value


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def say(line: object = "", file: TextIO | None = None) -> None:
    """Print one line for a person: control characters from the data are shown escaped (`\\x1b`),
    so nothing stored can clear the screen, retitle the terminal or forge an extra line."""
    print(printable(line), file=file or sys.stdout)


def fail(message: str, code: int = 1) -> int:
    print(f"tui-office: {printable(message)}", file=sys.stderr)
    return code
