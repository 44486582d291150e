"""Provides the checks of what an administrator types: codes (departments, roles) and names.

A code is letters, digits, '.', '_' or '-' (at most `CODE_MOST` characters); a name is one line
of at most `NAME_MOST` characters. Anything else is refused with one `ValidationError`.
"""

from __future__ import annotations

from tui_office.domain.errors import ValidationError, ValidationFailed
from tui_office.domain.text import control_problem

CODE_MOST = 40
"""The longest department or role code."""

NAME_MOST = 100
"""The longest department, role or person name (and title)."""


def checked_code(value: object, field: str) -> str:
    """`value` as a code, or `ValidationFailed` naming `field` (`invalid_code`)."""
    try:
        return _code(value, field)
    except ValidationError as problem:
        raise ValidationFailed([problem]) from None


def checked_name(value: object, field: str, *, required: bool = True) -> str:
    """`value` as a one-line name (stripped), or `ValidationFailed` naming `field`
    (`name_required`, `control_character`, `too_long`)."""
    try:
        return _name(value, field, required)
    except ValidationError as problem:
        raise ValidationFailed([problem]) from None


def _code(value: object, field: str) -> str:
    if not isinstance(value, str):
        raise ValidationError(field, "invalid_code", most=CODE_MOST)
    code = value.strip()
    if not code or len(code) > CODE_MOST or not code.replace("_", "").replace(".", "").replace("-", "").isalnum() \
            or not code.isascii():
        raise ValidationError(field, "invalid_code", most=CODE_MOST)
    return code


def _name(value: object, field: str, required: bool) -> str:
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise ValidationError(field, "name_required")
    problem = control_problem(value)
    if problem is not None:
        raise ValidationError(field, "control_character", char=problem)
    name = value.strip()
    if required and not name:
        raise ValidationError(field, "name_required")
    if len(name) > NAME_MOST:
        raise ValidationError(field, "too_long", max=NAME_MOST)
    return name
