"""Provides the office settings stored in the database: list, get, set (admin only, audited).

The demo mark (`office.demo`) is recorded by `init --demo` and `demo` and cannot be set by hand.
"""

from __future__ import annotations

from dataclasses import dataclass

from tui_office.domain.office_settings import ALLOW_USER_SWITCH, DEMO_MARK, SETTINGS, SettingSpec, parse, render, spec_for
from tui_office.domain.errors import OfficeError
from tui_office.services import audit
from tui_office.services.office import Office
from tui_office.services.permissions import require_admin
from tui_office.store.db import database
from tui_office.store.models import OfficeSetting


@dataclass(frozen=True)
class SettingValue:
    """One setting as `settings list` shows it."""

    key: str
    value: object
    default: object
    type: str
    help: str
    settable: bool

    def to_json(self) -> dict:
        return {"key": self.key, "value": self.value, "default": self.default, "type": self.type,
                "settable": self.settable, "help": self.help}


def _stored(key: str) -> str | None:
    row = OfficeSetting.get_or_none(OfficeSetting.key == key)
    return None if row is None else row.value


def _value(spec: SettingSpec) -> object:
    text = _stored(spec.key)
    if text is None:
        return spec.default
    try:
        return parse(spec, text)
    except OfficeError:  # an unreadable stored value counts as the safe default
        return spec.default


def get(office: Office, key: str) -> object:
    """The typed value of a known setting (its default when never set)."""
    return _value(spec_for(key))


def list_settings(office: Office) -> list[SettingValue]:
    """Every known setting with its current value, by name."""
    return [SettingValue(s.key, _value(s), s.default, s.type, s.help, s.settable)
            for s in sorted(SETTINGS.values(), key=lambda s: s.key)]


def set_setting(office: Office, by: str, key: str, text: str) -> object:
    """Change a setting (admin only, audited, one transaction); returns the typed value."""
    spec = spec_for(key)
    if not spec.settable:
        raise OfficeError("setting_read_only", key=key)
    value = parse(spec, text)
    with database.atomic():
        admin = require_admin(by)
        old = _value(spec)
        _store(key, render(value))
        audit.record(document_id=None, actor_id=admin.id, action="setting_set", at=office.clock.now(),
                     changes={"key": key, "from": render(old), "to": render(value)})
    return value


def _store(key: str, text: str) -> None:
    OfficeSetting.insert(key=key, value=text).on_conflict(
        conflict_target=[OfficeSetting.key], update={OfficeSetting.value: text}).execute()


def is_demo(office: Office | None = None) -> bool:
    """True for a database made by `demo` or `init --demo`."""
    return bool(_value(SETTINGS[DEMO_MARK]))


def mark_demo() -> None:
    """Record that this is a demo office with user switching on (call inside the loader's
    transaction). An admin's later choice to switch it off is kept when the demo loads again."""
    _store(DEMO_MARK, "true")
    if _stored(ALLOW_USER_SWITCH) is None:
        _store(ALLOW_USER_SWITCH, "true")
