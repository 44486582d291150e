"""Provides the field types of a form: their definition, coercion, validation, storage and display.

A field is declared in a definition file (`[[fields]]`); `FieldDef` is the parsed form. Values in
the domain are typed: `str`, `int`, `Decimal` (decimal, money — money always exactly 2 places),
`date`, `datetime`, `bool`, `list[str]` (multichoice, checklist ticks, users: logins in the order
given), `list[dict]` (table rows).
Coercion turns what a person typed ("12.50", "2026-10-09", "yes", "a,b", a JSON list) into those
types and reports problems as `ValidationError(field, code)` with codes such as `invalid_number`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from tui_office.domain.errors import ValidationError
from tui_office.domain.expressions import Expression
from tui_office.domain.field_coercion import COERCERS, bound_for, format_bound, is_empty, short
from tui_office.domain.file_reference import describe_file
from tui_office.i18n import pick, t

FIELD_TYPES = (
    "text", "multiline", "integer", "decimal", "money", "date", "datetime", "choice",
    "multichoice", "boolean", "user", "department", "table", "checklist", "document", "users", "file",
)
"""Every field type a definition may use."""

COLUMN_TYPES = tuple(x for x in FIELD_TYPES if x not in ("table", "checklist", "document", "users", "file"))
"""Types a table column may have (no nested tables or checklists)."""

NUMERIC_TYPES = ("integer", "decimal", "money")
LIST_TYPES = ("multichoice", "checklist", "users")
"""Types whose value is a list of strings."""
TEXT_TYPES = ("text", "multiline", "user", "department", "document")
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Choice:
    """One allowed value of a choice/multichoice field, with its bilingual label."""

    value: str
    label_en: str
    label_zh: str = ""

    @property
    def label(self) -> str:
        """The label in the current language."""
        return pick(self.label_en, self.label_zh)


@dataclass(frozen=True)
class ChecklistItem:
    """One tickable item of a checklist; required always or when `required_if` holds, shown only
    while `visible_if` holds (e.g. the papers a request of this size needs)."""

    id: str
    label_en: str
    label_zh: str = ""
    required: bool = False
    required_if: Expression | None = None
    line: int = 0
    visible_if: Expression | None = None

    @property
    def label(self) -> str:
        return pick(self.label_en, self.label_zh)


@dataclass(frozen=True)
class FieldDef:
    """One field of a form (or one column of a table field)."""

    id: str
    type: str
    label_en: str = ""
    label_zh: str = ""
    help_en: str = ""
    help_zh: str = ""
    required: bool = False
    default: Any = None
    """The typed default (already coerced), or None."""
    min: Any = None
    """Smallest value (numbers, dates) or shortest length (text)."""
    max: Any = None
    """Largest value (numbers, dates) or longest length (text)."""
    pattern: str | None = None
    """A regular expression the whole text must match."""
    choices: tuple[Choice, ...] = ()
    visible_if: Expression | None = None
    formula: Expression | None = None
    """A computed field: read-only, evaluated by `FormDef.compute`."""
    columns: tuple[FieldDef, ...] = ()
    """The columns of a `table` field."""
    items: tuple[ChecklistItem, ...] = ()
    """The items of a `checklist` field."""
    places: int | None = None
    """Decimal places of a `decimal` field (money is always 2); None: as typed."""
    line: int = 0
    """Line of the definition file where the field is declared."""
    checks: tuple = ()
    """Row checks of a `table` field (`CheckDef`s judged on each row, see `domain/checks.py`)."""
    extra: dict = field(default_factory=dict, compare=False)
    """Keys kept for the UI (e.g. `rows` of a multiline box, `placeholder`)."""
    encrypted: bool = False
    """Stored encrypted under the office key (`encrypted = true`) and shown masked except to readers."""
    readers: tuple[str, ...] = ()
    """Role codes that see an encrypted field in clear (its document's initiator always does)."""

    @property
    def label(self) -> str:
        """The label in the current language (the id when no label is given)."""
        return pick(self.label_en, self.label_zh) or self.id

    @property
    def help(self) -> str:
        return pick(self.help_en, self.help_zh)

    @property
    def computed(self) -> bool:
        return self.formula is not None

    @property
    def multiple(self) -> bool:
        """A `document` field that holds several numbers (`multiple = true`), stored as a list."""
        return bool(self.extra.get("multiple"))

    def column(self, column_id: str) -> FieldDef | None:
        return next((c for c in self.columns if c.id == column_id), None)

    def item(self, item_id: str) -> ChecklistItem | None:
        return next((i for i in self.items if i.id == item_id), None)

    def choice(self, value: str) -> Choice | None:
        return next((c for c in self.choices if c.value == value), None)

    # ---------------------------------------------------------------- coercion
    def coerce(self, raw: object, where: str | None = None) -> Any:
        """The typed value of `raw` (a string from the CLI/UI or an already typed value).

        Empty input gives None. Problems raise `ValidationError`; for tables the first problem of
        the rows is raised, located as `items[2].qty`.
        """
        where = where or self.id
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            return None
        try:
            return COERCERS[self.type](self, raw, where)
        except ValidationError:
            raise
        except (ValueError, TypeError, ArithmeticError, OverflowError, RecursionError):
            code = {"date": "invalid_date", "datetime": "invalid_datetime", "boolean": "invalid_boolean",
                    "table": "invalid_table"}.get(self.type, "invalid_number" if self.type in NUMERIC_TYPES else "invalid_value")
            raise ValidationError(where, code, value=short(raw)) from None

    def coerce_rows(self, raw: object, where: str | None = None) -> tuple[list[dict] | None, list[ValidationError]]:
        """Rows of a table field plus every problem found in them (used by `FormDef.coerce`)."""
        where = where or self.id
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            return None, []
        if isinstance(raw, str):
            try:
                raw = json.loads(raw, parse_float=Decimal)
            except (ValueError, RecursionError):
                return None, [ValidationError(where, "invalid_table", value=short(raw))]
        if isinstance(raw, Mapping):
            raw = [raw]
        if not isinstance(raw, (list, tuple)) or not all(isinstance(r, Mapping) for r in raw):
            return None, [ValidationError(where, "invalid_table", value=short(raw))]
        rows: list[dict] = []
        problems: list[ValidationError] = []
        for index, row in enumerate(raw, start=1):
            out: dict = {}
            for key, value in row.items():
                col = self.column(str(key))
                place = f"{where}[{index}].{key}"
                if col is None:
                    problems.append(ValidationError(place, "unknown_field", name=str(key)))
                    continue
                if col.computed:
                    continue
                try:
                    out[col.id] = col.coerce(value, place)
                except ValidationError as exc:
                    problems.append(exc)
            for col in self.columns:
                if col.id not in out and not col.computed:
                    out[col.id] = col.default
            rows.append(out)
        return rows, problems

    # -------------------------------------------------------------- validation
    def check(self, value: Any, where: str | None = None) -> list[ValidationError]:
        """Problems of a typed value: required, min/max, pattern, choices (not conditions)."""
        where = where or self.id
        if is_empty(value):
            return [ValidationError(where, "required")] if self.required and not self.computed else []
        problems: list[ValidationError] = []
        if self.type in NUMERIC_TYPES or self.type in ("date", "datetime"):
            low, high = bound_for(self.min, self.type), bound_for(self.max, self.type)
            try:
                if low is not None and value < low:
                    problems.append(ValidationError(where, "too_small", min=format_bound(low)))
                if high is not None and value > high:
                    problems.append(ValidationError(where, "too_large", max=format_bound(high)))
            except TypeError:
                pass
        elif self.type in TEXT_TYPES and isinstance(value, str):
            if isinstance(self.min, int) and len(value) < self.min:
                problems.append(ValidationError(where, "too_short", min=self.min))
            if isinstance(self.max, int) and len(value) > self.max:
                problems.append(ValidationError(where, "too_long", max=self.max))
            if self.pattern and not re.fullmatch(self.pattern, value):
                problems.append(ValidationError(where, "pattern", pattern=self.pattern))
        elif self.type == "choice" and self.choices and self.choice(str(value)) is None:
            problems.append(ValidationError(where, "not_a_choice", value=short(value), choices=self.choice_list()))
        elif self.type == "users" and isinstance(self.max, int) and len(value) > self.max:
            problems.append(ValidationError(where, "too_many_people", max=self.max))
        elif self.type == "multichoice" and self.choices:
            for v in value:
                if self.choice(str(v)) is None:
                    problems.append(ValidationError(where, "not_a_choice", value=short(v), choices=self.choice_list()))
        elif self.type == "table" and isinstance(value, list):
            if isinstance(self.min, int) and len(value) < self.min:
                problems.append(ValidationError(where, "too_few_rows", min=self.min))
            if isinstance(self.max, int) and len(value) > self.max:
                problems.append(ValidationError(where, "too_many_rows", max=self.max))
            for index, row in enumerate(value, start=1):
                for col in self.columns:
                    problems.extend(col.check(row.get(col.id) if isinstance(row, Mapping) else None,
                                              f"{where}[{index}].{col.id}"))
        return problems

    def choice_list(self) -> str:
        return ", ".join(c.value for c in self.choices) or ", ".join(i.id for i in self.items)

    # ------------------------------------------------------- storage / display
    def to_storage(self, value: Any) -> Any:
        """JSON-safe form: Decimal as string, dates ISO, rows recursively."""
        if value is None:
            return None
        if self.type == "table":
            if not isinstance(value, list) or not all(isinstance(r, Mapping) for r in value):
                return value
            return [{c.id: c.to_storage(r.get(c.id)) for c in self.columns if c.id in r} for r in value]
        if isinstance(value, Decimal):
            return str(value)
        if isinstance(value, (date, datetime)):
            return value.isoformat()
        if isinstance(value, (list, tuple)):
            return list(value)
        return value

    def from_storage(self, stored: Any) -> Any:
        """The typed value back from `to_storage` (exactly the same value).

        Something that does not convert (the half-typed text of a draft) is returned as stored.
        """
        if stored is None:
            return None
        try:
            return self._from_storage(stored)
        except (ValueError, TypeError, ArithmeticError, AttributeError):
            return stored

    def _from_storage(self, stored: Any) -> Any:
        if self.type == "table":
            if not isinstance(stored, list) or not all(isinstance(r, Mapping) for r in stored):
                return stored
            return [{c.id: c.from_storage(r.get(c.id)) for c in self.columns if c.id in r} for r in stored]
        if self.type in ("decimal", "money"):
            return Decimal(str(stored))
        if self.type == "integer":
            return int(stored)
        if self.type == "date":
            return date.fromisoformat(stored) if isinstance(stored, str) else stored
        if self.type == "datetime":
            return datetime.fromisoformat(stored) if isinstance(stored, str) else stored
        if self.type in LIST_TYPES:
            return list(stored)
        return stored

    def display(self, value: Any) -> str:
        """Human text in the current language (choices by label, money as 1,234.50)."""
        if is_empty(value):
            return ""
        try:
            return self._display(value)
        except (ValueError, TypeError, AttributeError, ArithmeticError):
            return str(value)

    def _display(self, value: Any) -> str:
        kind = self.type
        if kind == "money":
            return f"{value:,.2f}"
        if kind == "decimal":
            return f"{value:,f}" if isinstance(value, Decimal) else str(value)
        if kind == "integer":
            return f"{value:,}" if isinstance(value, int) else str(value)
        if kind == "boolean":
            return t("forms.yes") if value else t("forms.no")
        if kind == "datetime" and isinstance(value, datetime):
            return value.strftime("%Y-%m-%d %H:%M")
        if kind in ("date",) and isinstance(value, date):
            return value.isoformat()
        if kind == "choice":
            found = self.choice(str(value))
            return found.label if found else str(value)
        if kind == "users":
            return ", ".join(str(v) for v in value)
        if kind == "multichoice":
            return ", ".join((self.choice(str(v)).label if self.choice(str(v)) else str(v)) for v in value)
        if kind == "checklist":
            return ", ".join((self.item(str(v)).label if self.item(str(v)) else str(v)) for v in value)
        if kind == "file":
            return describe_file(value)
        if kind == "table":
            if not isinstance(value, list) or not all(isinstance(r, Mapping) for r in value):
                return str(value)
            lines = []
            for index, row in enumerate(value, start=1):
                cells = [f"{c.label}: {c.display(row.get(c.id))}" for c in self.columns if not is_empty(row.get(c.id))]
                lines.append(f"{index}. " + " · ".join(cells))
            return "\n".join(lines)
        if isinstance(value, (list, tuple)):
            return ", ".join(str(v) for v in value)
        return str(value)

    def convert_result(self, result: Any) -> Any:
        """The value of a formula converted to this field's type (money rounded half-up to cents)."""
        if result is None:
            return None
        if self.type == "money":
            return Decimal(result if not isinstance(result, float) else str(result)).quantize(CENT, ROUND_HALF_UP)
        if self.type == "decimal":
            value = Decimal(result if not isinstance(result, float) else str(result))
            if self.places is not None:
                value = value.quantize(Decimal(1).scaleb(-self.places), ROUND_HALF_UP)
            return value
        if self.type == "integer":
            return int(result)
        if self.type == "boolean":
            return bool(result)
        if self.type in TEXT_TYPES or self.type == "choice":
            return str(result)
        return result
