"""Provides the known office settings: their names, types, defaults and how a typed value is read.

Office settings decide who may do what, so they live in the office's database (changed by an
admin through `tui-office settings set`, audited), never in a user's config file.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import tomli_w

from tui_office.domain.errors import OfficeError

_TRUE = {"true", "yes", "on", "1"}
_FALSE = {"false", "no", "off", "0"}


@dataclass(frozen=True)
class SettingSpec:
    """One known setting."""

    key: str
    """Dotted name, e.g. `security.allow_user_switch`."""
    type: str
    """`bool` (the only type so far)."""
    default: object
    """The value when the office never set it."""
    help: str
    """One line saying what it changes."""
    settable: bool = True
    """False for marks the office records itself (the demo mark): `settings set` refuses them."""


DEMO_MARK = "office.demo"
ALLOW_USER_SWITCH = "security.allow_user_switch"
STORE_FILES = "files.store"

SETTINGS: dict[str, SettingSpec] = {
    spec.key: spec
    for spec in (
        SettingSpec(ALLOW_USER_SWITCH, "bool", False,
                    "anyone may act as another user with --user (admins always may)"),
        SettingSpec(STORE_FILES, "bool", False,
                    "keep a copy of each attached file in the database (otherwise only its path, size and SHA-256)"),
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
    word = text.strip().lower()
    if spec.type == "bool":
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
    raise OfficeError("bad_setting_value", key=spec.key, value=text, type=spec.type)


def render(value: object) -> str:
    """The stored (and printed) text of a typed value."""
    if isinstance(value, bool):
        return "true" if value else "false"
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
    try:
        return tomllib.loads(f"v = {text.strip()}")["v"]
    except tomllib.TOMLDecodeError:
        return text


def encode_param(value: object) -> str:
    """The stored text of a parameter value; `decode_param` reads it back."""
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
