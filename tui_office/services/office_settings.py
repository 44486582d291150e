"""Provides the office settings stored in the database: list, get, set (admin only, audited).

The demo mark (`office.demo`) is recorded by `init --demo` and `demo` and cannot be set by hand.
Besides the fixed settings, `forms.<form>.<param>` sets a parameter of a stored form, checked
against the kind of value the form's own `[params]` holds.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import time

from tui_office.domain.office_settings import (
    AFTERNOON_START, ALLOW_USER_SWITCH, DEMO_MARK, FORM_PARAM_PREFIX, MORNING_START, SETTINGS, SettingSpec,
    decode_param, encode_param, form_param_key, param_kind, parse, render, spec_for,
)
from tui_office.domain.errors import NotFound, OfficeError
from tui_office.services import audit, registry
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
        return {"key": self.key, "value": _json(self.value), "default": _json(self.default), "type": self.type,
                "settable": self.settable, "help": self.help}


def _json(value: object) -> object:
    """A value as JSON holds it: a time of day as its `HH:MM` text, anything else as it is."""
    return render(value) if isinstance(value, time) else value


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


def _form_param(office: Office, key: str) -> tuple[str, str, object] | None:
    """(form id, parameter, the form's own value) for a `forms.<form>.<param>` key naming a
    parameter of the office's current version of that form; None for other keys."""
    named = form_param_key(key)
    if named is None:
        if key.startswith(FORM_PARAM_PREFIX):
            raise OfficeError("unknown_setting", key=key, known=", ".join(sorted(SETTINGS)) + ", forms.<form>.<param>")
        return None
    form_id, name = named
    try:
        row, _ = registry.latest(office, form_id)
    except NotFound:
        raise OfficeError("unknown_setting", key=key, known=", ".join(sorted(SETTINGS)) + ", forms.<form>.<param>") from None
    own = registry.own_params(row)
    if name not in own:
        raise OfficeError("unknown_form_param", key=key, form=form_id, known=", ".join(sorted(own)) or "-")
    return form_id, name, own[name]


def get(office: Office, key: str) -> object:
    """The typed value of a known setting (its default when never set)."""
    param = _form_param(office, key)
    if param is not None:
        stored = _stored(key)
        return param[2] if stored is None else decode_param(stored)
    return _value(spec_for(key))


def list_settings(office: Office) -> list[SettingValue]:
    """Every known setting with its current value, by name, then each stored form's parameters."""
    fixed = [SettingValue(s.key, _value(s), s.default, s.type, s.help, s.settable)
             for s in sorted(SETTINGS.values(), key=lambda s: s.key)]
    params = []
    for row, form in sorted(registry.all_latest(office), key=lambda pair: pair[0].form_id):
        stored = registry.stored_params(row.form_id)
        for name, default in sorted(registry.own_params(row).items()):
            params.append(SettingValue(f"{FORM_PARAM_PREFIX}{row.form_id}.{name}", stored.get(name, default),
                                       default, "form parameter", f"parameter {name} of form {row.form_id}", True))
    return fixed + params


def _set_form_param(office: Office, by: str, key: str, text: str, param: tuple[str, str, object]) -> object:
    form_id, name, own = param
    with database.atomic():
        admin = require_admin(by)
        value = decode_param(text)
        kind = param_kind(own)
        if param_kind(value) != kind or isinstance(value, float) and not math.isfinite(value):
            raise OfficeError("bad_form_param", key=key, value=text, kind=kind, own=encode_param(own))
        old = get(office, key)
        _store(key, encode_param(value))
        audit.record(document_id=None, actor_id=admin.id, action="setting_set", at=office.clock.now(),
                     changes={"key": key, "from": encode_param(old), "to": encode_param(value)})
    return value


def set_setting(office: Office, by: str, key: str, text: str) -> object:
    """Change a setting (admin only, audited, one transaction); returns the typed value."""
    param = _form_param(office, key)
    if param is not None:
        return _set_form_param(office, by, key, text, param)
    spec = spec_for(key)
    if not spec.settable:
        raise OfficeError("setting_read_only", key=key)
    value = parse(spec, text)
    with database.atomic():
        admin = require_admin(by)
        _check_order(spec, value)
        old = _value(spec)
        _store(key, render(value))
        audit.record(document_id=None, actor_id=admin.id, action="setting_set", at=office.clock.now(),
                     changes={"key": key, "from": render(old), "to": render(value)})
    return value


def _check_order(spec: SettingSpec, value: object) -> None:
    """Refuse `value` when it would not stay earlier than the setting it must precede, or later than
    one that must precede it (`SettingSpec.before`)."""
    if spec.before and not value < _value(SETTINGS[spec.before]):  # type: ignore[operator]
        raise OfficeError("setting_not_before", key=spec.key, value=render(value), other=spec.before,
                          other_value=render(_value(SETTINGS[spec.before])))
    for earlier in SETTINGS.values():
        if earlier.before == spec.key and not _value(earlier) < value:  # type: ignore[operator]
            raise OfficeError("setting_not_after", key=spec.key, value=render(value), other=earlier.key,
                              other_value=render(_value(earlier)))


def working_day_starts(office: Office) -> tuple[time, time]:
    """When the office's working day starts, morning and afternoon (`workday.*` settings)."""
    return _value(SETTINGS[MORNING_START]), _value(SETTINGS[AFTERNOON_START])  # type: ignore[return-value]


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
