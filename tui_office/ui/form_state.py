"""Provides `FormState`: what a person has typed into a form, and whether it changed since saved.

No Textual here: the form screen keeps one `FormState`, hands it the raw value of each editor
(`set`), and asks the form's definition what it makes of them (`evaluate`, which is
`FormDef.evaluate`: typed values, computed fields, what is shown and required, every problem).
Raw values are what the editors hold: `str` for text boxes and line-item cells, `bool` for a
switch, `list[str]` for multi-choices and checklist ticks, `list[dict[str, str]]` for line-item
rows, `None` for nothing. The helpers below turn typed values back into that editor form.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from tui_office.domain.definitions import EvalContext, FormDef
from tui_office.domain.errors import ValidationError
from tui_office.domain.evaluation import Evaluation, blank, root_of, row_blank
from tui_office.domain.fields import FieldDef
from tui_office.domain.totals import NUMERIC, column_totals, summed_columns  # noqa: F401  (re-exported)

__all__ = ["FormState", "blank", "cell_text", "column_totals", "root_of", "row_blank", "row_of", "to_raw"]

LIST_TYPES = ("multichoice", "checklist", "users")


def row_of(where: str) -> tuple[int, str] | None:
    """`items[2].qty` → (1, "qty") (0-based row, column); None when not a cell."""
    match = re.match(r"^[^\[]+\[(\d+)\]\.(.+)$", where)
    return (int(match.group(1)) - 1, match.group(2)) if match else None


def to_raw(f: FieldDef, value: Any) -> Any:
    """The editor form of a typed value (the inverse of `FieldDef.coerce`)."""
    kind = f.type
    if kind == "boolean":
        return bool(value) if value is not None else False
    if kind in LIST_TYPES:
        return [str(v) for v in value] if isinstance(value, (list, tuple)) else []
    if kind == "table":
        rows = []
        for row in value or []:
            if isinstance(row, Mapping):
                rows.append({c.id: cell_text(c, row.get(c.id)) for c in f.columns if not c.computed})
        return rows
    if kind in ("choice", "user", "department"):
        return None if value in (None, "") else str(value)
    if kind == "file" and isinstance(value, Mapping):
        return str(value.get("path", ""))  # an attached file: its path, read again when sent
    return cell_text(f, value)


def cell_text(f: FieldDef, value: Any) -> str:
    """A typed value as the text one would type to get it back (no thousands separators)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return str(value)


class FormState:
    """Raw editor values of one form, the values as last saved, and the form's verdict on them."""

    def __init__(self, form: FormDef, ctx: EvalContext | None = None, values: Mapping[str, Any] | None = None) -> None:
        self.form = form
        """The definition being filled in."""
        self.ctx = ctx
        """Today, the calendar and the parameters the form's expressions see."""
        values = dict(values or {})
        self.raw: dict[str, Any] = {}
        """The editors' values by field id (computed fields have none)."""
        for f in form.fields:
            if f.computed:
                continue
            value = values[f.id] if f.id in values else f.default
            self.raw[f.id] = to_raw(f, value)
        self.saved: dict[str, Any] = _snapshot(self.raw)
        """The raw values as last saved (or loaded): `dirty` compares against it."""

    # ------------------------------------------------------------------ editing
    def set(self, field_id: str, raw: Any) -> bool:
        """Record an editor's value; True when it changed anything."""
        if self.raw.get(field_id) == raw:
            return False
        self.raw[field_id] = _snapshot(raw)
        return True

    @property
    def dirty(self) -> bool:
        """Something changed since the last save or load."""
        return self.raw != self.saved

    def mark_saved(self, raw: Mapping[str, Any] | None = None) -> None:
        self.saved = _snapshot(dict(raw) if raw is not None else self.raw)

    def field(self, field_id: str) -> FieldDef | None:
        return next((f for f in self.form.fields if f.id == field_id), None)

    # ----------------------------------------------------------------- judging
    def evaluate(self) -> Evaluation:
        """What the form makes of the raw values now (see `FormDef.evaluate`)."""
        return self.form.evaluate(self.raw, self.ctx)

    def problems(self, evaluation: Evaluation | None = None) -> list[ValidationError]:
        """Every problem of the whole form, in field order (reading first, then the form's rules)."""
        return (evaluation or self.evaluate()).problems

    def field_problems(self, field_id: str, evaluation: Evaluation | None = None) -> list[ValidationError]:
        """The problems of one field (its own reading and the form's rules about it)."""
        return (evaluation or self.evaluate()).field_problems(field_id)

    def ordered(self, problems: Iterable[ValidationError]) -> list[ValidationError]:
        """`problems` (e.g. a service's) in the order of the fields they belong to."""
        order = {f.id: index for index, f in enumerate(self.form.fields)}
        return sorted(problems, key=lambda p: order.get(root_of(p.field), len(order)))

    # ----------------------------------------------------------------- storing
    def submit_values(self, evaluation: Evaluation | None = None) -> dict[str, Any]:
        """Typed values of the visible, non-computed fields (what submit and validate receive)."""
        return dict((evaluation or self.evaluate()).submitted)

    def draft_values(self, evaluation: Evaluation | None = None) -> dict[str, Any]:
        """What a draft keeps: every readable value, visible or not (so nothing typed is lost)."""
        ev = evaluation or self.evaluate()
        return {f.id: ev.values[f.id] for f in self.form.fields
                if not f.computed and ev.values.get(f.id) not in (None, [])}


def _snapshot(raw: Any) -> Any:
    """A deep copy of raw values (lists and dicts), so later edits do not alias the saved state."""
    if isinstance(raw, dict):
        return {k: _snapshot(v) for k, v in raw.items()}
    if isinstance(raw, list):
        return [_snapshot(v) for v in raw]
    return raw

