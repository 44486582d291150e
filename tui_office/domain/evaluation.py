"""Provides `Evaluation`, what a form makes of a set of values, and the lenient reading of raw values.

`FormDef.evaluate(raw, ctx)` (in `definitions.py`) is the one place that turns what a person typed
into typed values, computes the formulas, decides which fields and checklist items are shown and
which items are required now, and lists every problem. The form screen, the document view and the
services (`FormDef.validate` is the same judgement) all use it, so they never disagree.

Raw values are what editors hold: `str` for text boxes and line-item cells, `bool` for a switch,
`list[str]` for multi-choices and checklist ticks, `list[dict[str, str]]` for line-item rows, `None`
for nothing; already typed values (a stored document's) are read as they are.

A condition that cannot be evaluated shows what it guards and requires nothing: a field that is
shown can always be filled in, and nothing hidden is ever needed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from tui_office.domain.errors import OfficeError, ValidationError
from tui_office.domain.fields import FieldDef


def root_of(where: str) -> str:
    """The field id a problem location belongs to: `items[2].qty` → `items`."""
    return re.split(r"[\[.]", where, maxsplit=1)[0]


def blank(raw: Any) -> bool:
    """True when an editor holds nothing (an empty or all-space text, an unticked switch, no rows)."""
    if raw is None or raw is False:
        return True
    if isinstance(raw, str):
        return not raw.strip()
    if isinstance(raw, (list, tuple, dict)):
        return len(raw) == 0
    return False


def row_blank(row: Mapping[str, Any]) -> bool:
    """True when every cell of a line-item row is blank (such rows are left out)."""
    return all(blank(v) for v in row.values())


def read_raw(f: FieldDef, raw: Any) -> tuple[Any, list[ValidationError]]:
    """The typed value of one field's raw value and the problems reading it; never raises.

    Blank line-item rows are left out and blank cells take their column's default; an unticked
    switch reads as False; anything else blank reads as None.
    """
    if f.type == "table":
        if isinstance(raw, str):
            raw = None if blank(raw) else raw
            rows, problems = f.coerce_rows(raw, f.id)
            return rows or [], problems
        rows = [r for r in (raw or []) if isinstance(r, Mapping) and not row_blank(r)]
        if not rows:
            return [], []
        typed, problems = f.coerce_rows([{k: v for k, v in r.items() if not blank(v)} for r in rows], f.id)
        return typed or [], problems
    if blank(raw):
        return (False if f.type == "boolean" and raw is False else None), []
    try:
        return f.coerce(raw), []
    except ValidationError as exc:
        return None, [exc]
    except OfficeError as exc:
        return None, [ValidationError(f.id, exc.code, str(exc))]


@dataclass
class Evaluation:
    """A form as it stands: typed values, what is shown and required now, and every problem."""

    values: dict[str, Any]
    """Typed values of every field (None when empty or unreadable), computed fields included."""
    visible: set[str]
    """Ids of the fields shown now (their `visible_if` holds)."""
    submitted: dict[str, Any]
    """What submitting stores: values of the shown, non-computed fields that have one."""
    problems: list[ValidationError] = field(default_factory=list)
    """Every problem of the shown fields, in form order: reading ones first, then the form's rules."""
    reading: list[ValidationError] = field(default_factory=list)
    """Only the problems reading the raw values (e.g. a cell that is not a number)."""
    required_items: dict[str, set[str]] = field(default_factory=dict)
    """Per checklist field, the ids of the items that must be ticked now."""
    hidden_items: dict[str, set[str]] = field(default_factory=dict)
    """Per checklist field, the ids of the items not shown now."""
    warnings: list[ValidationError] = field(default_factory=list)
    """What deserves a second look but does not stop submitting (a stated total that differs from
    its line items, `total_of`)."""

    def field_problems(self, field_id: str) -> list[ValidationError]:
        """The problems of one field (its cells' included)."""
        return [p for p in self.problems if root_of(p.field) == field_id]
