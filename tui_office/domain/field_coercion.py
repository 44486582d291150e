"""Provides the conversion of typed-in text to field values, one function per field type.

Each coercer takes the `FieldDef`, the raw value (text from the CLI/UI, or an already typed value)
and where to report problems (`amount`, `items[2].qty`); it returns the typed value or raises
`ValidationError` with a code such as `invalid_number`, `invalid_date` or `not_a_choice`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from tui_office.domain.errors import ValidationError
from tui_office.domain.file_reference import MAX_PATH, REFERENCE_KEYS, is_reference
from tui_office.domain.text import control_problem, printable

if TYPE_CHECKING:
    from tui_office.domain.fields import FieldDef

_TRUE = {"true", "yes", "y", "1", "on", "t", "是", "对"}
_FALSE = {"false", "no", "n", "0", "off", "f", "否", "不"}


def short(value: object) -> str:
    """The value as echoed in a problem message: one line, control characters escaped, cut at 40."""
    text = printable(value) if isinstance(value, str) else repr(value)
    return text if len(text) <= 40 else text[:37] + "…"


def is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, (str, list, tuple, dict)) and len(value) == 0)


def _text(f: FieldDef, raw: object, where: str) -> str:
    if isinstance(raw, bool) or not isinstance(raw, (str, int, Decimal)):
        raise ValidationError(where, "invalid_value", value=short(raw))
    text = str(raw)
    multiline = f.type == "multiline"
    if multiline:
        text = text.replace("\r\n", "\n")
    refuse_controls(text, where, multiline)
    return text if multiline else text.strip()


def plain_line(text: str, where: str) -> str:
    """`text` typed on one line (an opinion, a name): refused with `ValidationFailed` when it holds
    a control character, returned unchanged otherwise."""
    from tui_office.domain.errors import ValidationFailed

    try:
        refuse_controls(text, where)
    except ValidationError as problem:
        raise ValidationFailed([problem]) from None
    return text


def refuse_controls(text: str, where: str, multiline: bool = False) -> None:
    """Raise `control_character` when `text` holds a control character it may not hold (one-line
    text: none at all; multi-line text: only newlines and tabs)."""
    bad = control_problem(text, multiline)
    if bad is not None:
        raise ValidationError(where, "control_character", char=bad)


def _number_text(raw: object, where: str) -> str:
    if isinstance(raw, bool) or not isinstance(raw, (str, int, float, Decimal)):
        raise ValidationError(where, "invalid_number", value=short(raw))
    text = str(raw).strip().replace("_", "").replace(" ", "")
    for sign in ("¥", "￥", "$", "RMB", "CNY"):
        text = text.replace(sign, "")
    if "," in text:
        if not _GROUPED.fullmatch(text):
            raise ValidationError(where, "ambiguous_number", value=short(raw))
        text = text.replace(",", "")
    return text


_GROUPED = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d*)?")
"""A comma is only a thousands separator between groups of three digits (1,234.50): `12,5` is
refused rather than read as 125."""


def _integer(f: FieldDef, raw: object, where: str) -> int:
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    text = _number_text(raw, where)
    if not re.fullmatch(r"[+-]?\d{1,30}", text):
        if re.fullmatch(r"[+-]?\d{1,30}\.0*", text):
            return int(text.split(".")[0])
        raise ValidationError(where, "invalid_number", value=short(raw))
    return int(text)


def _decimal(f: FieldDef, raw: object, where: str) -> Decimal:
    text = _number_text(raw, where)
    if not re.fullmatch(r"[+-]?(\d{1,30}(\.\d{0,20})?|\.\d{1,20})", text):
        raise ValidationError(where, "invalid_number", value=short(raw))
    value = Decimal(text)
    places = 2 if f.type == "money" else f.places
    if places is not None:
        quantum = Decimal(1).scaleb(-places)
        try:
            fixed = value.quantize(quantum)
        except InvalidOperation:
            raise ValidationError(where, "too_large", max=format_bound(f.max) if f.max is not None else "") from None
        if fixed != value:
            raise ValidationError(where, "too_many_decimals", places=places)
        value = fixed
    return value


def _date(f: FieldDef, raw: object, where: str) -> date:
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    if not isinstance(raw, str):
        raise ValidationError(where, "invalid_date", value=short(raw))
    text = raw.strip().replace("/", "-").replace(".", "-")
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text) or re.fullmatch(r"(\d{4})年(\d{1,2})月(\d{1,2})日?", text)
    if not match:
        raise ValidationError(where, "invalid_date", value=short(raw))
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        raise ValidationError(where, "invalid_date", value=short(raw)) from None


def _datetime(f: FieldDef, raw: object, where: str) -> datetime:
    if isinstance(raw, datetime):
        return raw
    if isinstance(raw, date):
        return datetime(raw.year, raw.month, raw.day)
    if not isinstance(raw, str):
        raise ValidationError(where, "invalid_datetime", value=short(raw))
    text = raw.strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}([ T]\d{1,2}:\d{2}(:\d{2})?)?", text):
        raise ValidationError(where, "invalid_datetime", value=short(raw))
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise ValidationError(where, "invalid_datetime", value=short(raw)) from None


def _boolean(f: FieldDef, raw: object, where: str) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower() if isinstance(raw, (str, int)) else None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValidationError(where, "invalid_boolean", value=short(raw))


def _find_choice(f: FieldDef, raw: object, where: str) -> str:
    if isinstance(raw, bool) or not isinstance(raw, (str, int)):
        raise ValidationError(where, "not_a_choice", value=short(raw), choices=f.choice_list())
    text = str(raw).strip()
    refuse_controls(text, where)
    if not f.choices or f.choice(text):
        return text
    lowered = text.casefold()
    for c in f.choices:
        if lowered in (c.value.casefold(), c.label_en.casefold(), c.label_zh.casefold()):
            return c.value
    raise ValidationError(where, "not_a_choice", value=short(raw), choices=f.choice_list())


def _list_of_strings(raw: object, where: str, code: str) -> list[object]:
    if isinstance(raw, str):
        text = raw.strip()
        if text.startswith("["):
            try:
                parsed = json.loads(text)
            except (ValueError, RecursionError):
                raise ValidationError(where, code, value=short(raw)) from None
            if not isinstance(parsed, list):
                raise ValidationError(where, code, value=short(raw))
            return parsed
        return [part for part in re.split(r"[,，;；]", text) if part.strip()]
    if isinstance(raw, (list, tuple, set, frozenset)):
        return list(raw)
    raise ValidationError(where, code, value=short(raw))


def _multichoice(f: FieldDef, raw: object, where: str) -> list[str]:
    out: list[str] = []
    for part in _list_of_strings(raw, where, "not_a_choice"):
        value = _find_choice(f, part, where)
        if value not in out:
            out.append(value)
    return out


MAX_PEOPLE = 100
"""Most people a `users` field names."""


def _users(f: FieldDef, raw: object, where: str) -> list[str]:
    """Logins, in the order given (a circulation's order), each once."""
    out: list[str] = []
    for part in _list_of_strings(raw, where, "invalid_value"):
        if isinstance(part, bool) or not isinstance(part, str) or not part.strip() or len(part) > 64:
            raise ValidationError(where, "invalid_value", value=short(part))
        login = part.strip()
        refuse_controls(login, where)
        if login not in out:
            out.append(login)
    if len(out) > MAX_PEOPLE:
        raise ValidationError(where, "too_many_people", max=MAX_PEOPLE)
    return out


def _checklist(f: FieldDef, raw: object, where: str) -> list[str]:
    ticked: set[str] = set()
    for part in _list_of_strings(raw, where, "not_a_choice"):
        if isinstance(part, bool) or not isinstance(part, (str, int)):
            raise ValidationError(where, "not_a_choice", value=short(part), choices=f.choice_list())
        text = str(part).strip()
        item = f.item(text) or next((i for i in f.items if text.casefold() in (i.label_en.casefold(), i.label_zh.casefold())), None)
        if item is None:
            raise ValidationError(where, "not_a_choice", value=short(part), choices=f.choice_list())
        ticked.add(item.id)
    return [i.id for i in f.items if i.id in ticked]


MAX_LINKS = 100
"""The most documents one `document` field with `multiple = true` may name."""


def _document(f: FieldDef, raw: object, where: str) -> str | list[str]:
    """One document number, or with `multiple = true` several ("GR-2026-0001, GR-2026-0002")."""
    if not f.multiple:
        return _text(f, raw, where)
    out: list[str] = []
    for part in _list_of_strings(raw, where, "invalid_value"):
        number = _text(f, part, where)
        if number and number not in out:
            out.append(number)
    if len(out) > MAX_LINKS:
        raise ValidationError(where, "too_many_links", max=MAX_LINKS)
    return out


def _table(f: FieldDef, raw: object, where: str) -> list[dict]:
    rows, problems = f.coerce_rows(raw, where)
    if problems:
        raise problems[0]
    return rows or []


def coerce_file(raw: object, where: str) -> str | dict:
    """A path (text typed on one line) or a reference (a mapping of `REFERENCE_KEYS`)."""
    if isinstance(raw, str):
        refuse_controls(raw, where)
        text = raw.strip()
        if len(text) > MAX_PATH:
            raise ValidationError(where, "file_path_too_long", limit=MAX_PATH)
        return text
    if isinstance(raw, Mapping) and is_reference(raw):
        return {key: raw[key] for key in REFERENCE_KEYS}
    raise ValidationError(where, "invalid_value", value=short(raw))


def _file(f: FieldDef, raw: object, where: str) -> str | dict:
    return coerce_file(raw, where)


COERCERS = {
    "text": _text, "multiline": _text, "user": _text, "department": _text, "document": _document,
    "integer": _integer, "decimal": _decimal, "money": _decimal,
    "date": _date, "datetime": _datetime, "boolean": _boolean,
    "choice": _find_choice, "multichoice": _multichoice, "checklist": _checklist, "table": _table,
    "users": _users,
    "file": _file,
}


def bound_for(bound: Any, kind: str) -> Any:
    """A min/max from the file in the value's type (TOML numbers → Decimal for money)."""
    if bound is None:
        return None
    if kind in ("decimal", "money") and isinstance(bound, (int, float)) and not isinstance(bound, bool):
        return Decimal(str(bound))
    if kind == "datetime" and isinstance(bound, date) and not isinstance(bound, datetime):
        return datetime(bound.year, bound.month, bound.day)
    return bound


def format_bound(bound: Any) -> str:
    if isinstance(bound, (date, datetime)):
        return bound.isoformat()
    return str(bound)
