"""Provides the known office settings: their names, types, defaults and how a typed value is read.

Office settings decide who may do what, so they live in the office's database (changed by an
admin through `tui-office settings set`, audited), never in a user's config file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal


from tui_office.domain.errors import OfficeError
from tui_office.domain.text import printable

_TRUE = {"true", "yes", "on", "1"}
_TIME = re.compile(r"(?:[01][0-9]|2[0-3]):[0-5][0-9]", re.ASCII)
_FALSE = {"false", "no", "off", "0"}


@dataclass(frozen=True)
class SettingSpec:
    """One known setting."""

    key: str
    """Dotted name, e.g. `security.allow_user_switch`."""
    type: str
    """`bool`, `int` (a whole number from `low` to `high`) or `time` (a time of day, `HH:MM`)."""
    default: object
    """The value when the office never set it."""
    help: str
    """One line saying what it changes."""
    settable: bool = True
    """False for marks the office records itself (the demo mark): `settings set` refuses them."""
    low: int = 0
    """The smallest value of an `int` setting."""
    high: int = 0
    """The largest value of an `int` setting."""
    before: str = ""
    """Another setting this one's value must stay earlier than (a morning start before the afternoon's)."""


DEMO_MARK = "office.demo"
ALLOW_USER_SWITCH = "security.allow_user_switch"
STORE_FILES = "files.store"
REQUIRE_PIN = "security.require_pin"
PIN_MIN_LENGTH = "security.pin_min_length"
PIN_MAX_TRIES = "security.pin_max_tries"
PIN_LOCK_MINUTES = "security.pin_lock_minutes"
INACTIVE_DAYS = "security.inactive_days"
MORNING_START = "workday.morning_start"
AFTERNOON_START = "workday.afternoon_start"

SETTINGS: dict[str, SettingSpec] = {
    spec.key: spec
    for spec in (
        SettingSpec(ALLOW_USER_SWITCH, "bool", False,
                    "anyone may act as another user with --user (admins always may)"),
        SettingSpec(STORE_FILES, "bool", False,
                    "keep a copy of each attached file in the database (otherwise only its path, size and SHA-256)"),
        SettingSpec(REQUIRE_PIN, "bool", False,
                    "everyone signs in with a PIN, and every decision carries the signer's electronic signature"),
        SettingSpec(PIN_MIN_LENGTH, "int", 6, "the fewest characters a PIN may have", low=4, high=64),
        SettingSpec(PIN_MAX_TRIES, "int", 5, "wrong PINs in a row that lock an account", low=1, high=100),
        SettingSpec(PIN_LOCK_MINUTES, "int", 15, "how long a locked account stays locked, in minutes",
                    low=1, high=7 * 24 * 60),
        SettingSpec(INACTIVE_DAYS, "int", 90,
                    "`remind` deactivates accounts unused for this many days (0: never; administrators never)",
                    low=0, high=3650),
        SettingSpec(MORNING_START, "time", time(9, 0),
                    "when the working day starts (HH:MM): a sick leave is phoned in within 15 minutes of it and "
                    "filed within 24 hours", before=AFTERNOON_START),
        SettingSpec(AFTERNOON_START, "time", time(13, 0),
                    "when the afternoon's work starts (HH:MM), the same for a leave starting in the afternoon"),
        SettingSpec(DEMO_MARK, "bool", False,
                    "a demo office (made by `demo` or `init --demo`): user switching on, TUI_OFFICE_NOW honoured",
                    settable=False),
    )
}


def spec_for(key: str) -> SettingSpec:
    """The known setting named `key`; `unknown_setting` otherwise."""
    spec = SETTINGS.get(key)
    if spec is None:
        raise OfficeError("unknown_setting", key=key, known=", ".join(sorted(SETTINGS)))
    return spec


def parse(spec: SettingSpec, text: str) -> object:
    """The typed value of `text` for this setting; `bad_setting_value` if it is not one."""
    text = text if isinstance(text, str) else repr(text)
    word = text.strip().lower()
    if spec.type == "bool":
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
    if spec.type == "int" and len(word) <= 9 and word.isascii() and word.isdigit() and spec.low <= int(word) <= spec.high:
        return int(word)
    if spec.type == "time" and _TIME.fullmatch(word):
        return time(int(word[:2]), int(word[3:]))
    shown = printable(text[:40])
    if spec.type == "int":
        raise OfficeError("bad_setting_number", key=spec.key, value=shown, low=spec.low, high=spec.high)
    if spec.type == "time":
        raise OfficeError("bad_setting_time", key=spec.key, value=shown)
    raise OfficeError("bad_setting_value", key=spec.key, value=shown, type=spec.type)


def render(value: object) -> str:
    """The stored (and printed) text of a typed value."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return str(value)


FORM_PARAM_PREFIX = "forms."
"""Settings named `forms.<form>.<param>` set a parameter of a stored form (its `[params]`)."""


def form_param_key(key: str) -> tuple[str, str] | None:
    """(form id, parameter name) for a `forms.<form>.<param>` key; None for any other key."""
    if not key.startswith(FORM_PARAM_PREFIX):
        return None
    form_id, dot, name = key[len(FORM_PARAM_PREFIX):].rpartition(".")
    return (form_id, name) if dot and form_id and name else None


def decode_param(text: str) -> object:
    """A parameter value from its text: a TOML value (`50000`, `0.5`, `true`, `2026-01-01`,
    `"text"`) as in a form's `[params]`, else the text itself."""
    import tomllib  # here, as in `encode_param`: reading the settings at start seldom needs TOML

    try:
        return tomllib.loads(f"v = {text.strip()}")["v"]
    except tomllib.TOMLDecodeError:
        return text


def encode_param(value: object) -> str:
    """The stored text of a parameter value; `decode_param` reads it back."""
    import tomli_w

    if isinstance(value, Decimal):
        value = float(value)
    return tomli_w.dumps({"v": value}).split("=", 1)[1].strip()


def param_kind(value: object) -> str:
    """What kind of value a parameter holds: a setting must hold the same kind as the form's own."""
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (int, float, Decimal)):
        return "a number"
    if isinstance(value, date):
        return "a date"
    return "text"
