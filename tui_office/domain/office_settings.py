"""Provides the known office settings: their names, types, defaults and how a typed value is read.

Office settings decide who may do what, so they live in the office's database (changed by an
admin through `tui-office settings set`, audited), never in a user's config file.
"""

from __future__ import annotations

from dataclasses import dataclass

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

SETTINGS: dict[str, SettingSpec] = {
    spec.key: spec
    for spec in (
        SettingSpec(ALLOW_USER_SWITCH, "bool", False,
                    "anyone may act as another user with --user (admins always may)"),
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
