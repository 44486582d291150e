"""Provides `FormState`: what a person has typed into a form, and what the form makes of it.

No Textual here: the form screen keeps one `FormState`, hands it the raw text of each editor
(`set`), and asks it for typed values, computed fields, which fields are visible, which checklist
items are required now, and the problems of a field or of the whole form. Raw values are what the
editors hold: `str` for text boxes and line-item cells, `bool` for a switch, `list[str]` for
multi-choices and checklist ticks, `list[dict[str, str]]` for line-item rows, `None` for nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from tui_office.domain.errors import OfficeError, ValidationError, ValidationFailed

NUMERIC = ("integer", "decimal", "money")
LIST_TYPES = ("multichoice", "checklist")


def root_of(where: str) -> str:
    """The field id a problem location belongs to: `items[2].qty` → `items`."""
    return re.split(r"[\[.]", where, maxsplit=1)[0]


def row_of(where: str) -> tuple[int, str] | None:
    """`items[2].qty` → (1, "qty") (0-based row, column); None when not a cell."""
    match = re.match(r"^[^\[]+\[(\d+)\]\.(.+)$", where)
    return (int(match.group(1)) - 1, match.group(2)) if match else None


def to_raw(f: Any, value: Any) -> Any:
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
    if kind == "choice":
        return None if value in (None, "") else str(value)
    if kind in ("user", "department"):
        return None if value in (None, "") else str(value)
    return cell_text(f, value)


def cell_text(f: Any, value: Any) -> str:
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


def blank(raw: Any) -> bool:
    """True when an editor holds nothing."""
    if raw is None or raw is False:
        return True
    if isinstance(raw, str):
        return not raw.strip()
    if isinstance(raw, (list, tuple, dict)):
        return len(raw) == 0
    return False


def row_blank(row: Mapping[str, Any]) -> bool:
    return all(blank(v) for v in row.values())


@dataclass
class Evaluation:
    """The form as it stands: typed values (with computed fields) and what follows from them."""

    values: dict[str, Any]
    """Typed values of every field that could be read, plus computed fields."""
    problems: list[ValidationError]
    """Problems reading what was typed (not yet the form's own rules)."""
    visible: set[str]
    """Ids of the fields shown now (visible_if)."""
    required_items: dict[str, set[str]] = field(default_factory=dict)
    """Per checklist field, the ids of items required now."""
    hidden_items: dict[str, set[str]] = field(default_factory=dict)
    """Per checklist field, the ids of items not shown now (their visible_if is false)."""


class FormState:
    """Raw editor values of one form plus everything derived from them."""

    def __init__(self, form: Any, ctx: Any = None, values: Mapping[str, Any] | None = None,
                 functions: Mapping[str, Callable[..., object]] | None = None) -> None:
        self.form = form
        self.ctx = ctx
        self.functions = dict(functions or {})
        values = dict(values or {})
        self.raw: dict[str, Any] = {}
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

    def field(self, field_id: str) -> Any:
        return next((f for f in self.form.fields if f.id == field_id), None)

    # ------------------------------------------------------------------ reading
    def coerce_field(self, f: Any) -> tuple[Any, list[ValidationError]]:
        """The typed value of one field and the problems reading it (never raises)."""
        raw = self.raw.get(f.id)
        if f.type == "table":
            rows = [r for r in (raw or []) if not row_blank(r)]
            if not rows:
                return [], []
            try:
                typed, problems = f.coerce_rows([{k: v for k, v in r.items() if not blank(v)} for r in rows], f.id)
            except OfficeError as exc:
                return None, [_as_problem(f.id, exc)]
            return typed or [], list(problems)
        if blank(raw):
            return (False if f.type == "boolean" and raw is False else None), []
        try:
            return f.coerce(raw), []
        except ValidationError as exc:
            return None, [exc]
        except OfficeError as exc:
            return None, [_as_problem(f.id, exc)]

    def evaluate(self) -> Evaluation:
        """Typed values, computed fields, visibility and required checklist items."""
        values: dict[str, Any] = {}
        problems: list[ValidationError] = []
        for f in self.form.fields:
            if f.computed:
                continue
            value, found = self.coerce_field(f)
            values[f.id] = value
            problems.extend(found)
        values = self.compute(values)
        visible = {f.id for f in self.form.fields if self.is_visible(f, values)}
        required = {f.id: self.required_items(f, values) for f in self.form.fields if f.type == "checklist"}
        hidden = {f.id: {i.id for i in f.items if self.holds(i.visible_if, values) is False}
                  for f in self.form.fields if f.type == "checklist"}
        return Evaluation(values, problems, visible, required, hidden)

    def compute(self, values: dict[str, Any]) -> dict[str, Any]:
        """Values with every computed field filled in (a failing formula leaves None)."""
        out = dict(values)
        try:
            computed = self.form.compute(dict(values), self.ctx)
            if isinstance(computed, Mapping):
                out.update(computed)
            return out
        except OfficeError:
            pass
        except Exception:  # noqa: BLE001 - a formula must never take the screen down
            pass
        for f in self.form.fields:
            if f.computed:
                out.setdefault(f.id, None)
        return out

    def env(self, values: Mapping[str, Any]) -> dict[str, Any]:
        """What a condition sees: every field (None when empty), the form's params, today."""
        env: dict[str, Any] = {}
        params = getattr(self.ctx, "params", None) or getattr(self.form, "params", None) or {}
        env.update(params)
        for f in self.form.fields:
            env[f.id] = values.get(f.id)
        today = getattr(self.ctx, "today", None)
        if today is not None:
            env["_today"] = today
        return env

    def _functions(self) -> dict[str, Callable[..., object]]:
        functions = dict(self.functions)
        calendar = getattr(self.ctx, "calendar", None)
        if calendar is not None and "working_days" not in functions:
            functions["working_days"] = lambda a, b, *rest: calendar.working_days(a, b, *rest)
        return functions

    def holds(self, condition: Any, values: Mapping[str, Any]) -> bool | None:
        """Whether a condition is true for these values (None when it cannot be evaluated)."""
        if condition is None:
            return True
        try:
            return bool(condition.evaluate(self.env(values), self._functions()))
        except OfficeError:
            return None
        except Exception:  # noqa: BLE001
            return None

    def is_visible(self, f: Any, values: Mapping[str, Any]) -> bool:
        if f.visible_if is None:
            return True
        return bool(self.holds(f.visible_if, values))

    def required_items(self, f: Any, values: Mapping[str, Any]) -> set[str]:
        """Ids of the checklist items that must be ticked now."""
        out = set()
        for item in f.items:
            if self.holds(item.visible_if, values) is False:
                continue
            if item.required or (item.required_if is not None and self.holds(item.required_if, values)):
                out.add(item.id)
        return out

    # --------------------------------------------------------------- validation
    def problems(self, evaluation: Evaluation | None = None) -> list[ValidationError]:
        """Every problem of the whole form, in field order (reading first, then the form's rules)."""
        ev = evaluation or self.evaluate()
        found: list[ValidationError] = list(ev.problems)
        unreadable = {root_of(p.field) for p in found}
        try:
            rules = self.form.validate(self.submit_values(ev, keep_unreadable=False), self.ctx) or []
        except ValidationFailed as exc:
            rules = list(exc.problems)
        except OfficeError as exc:
            rules = [_as_problem("", exc)]
        except Exception:  # noqa: BLE001
            rules = []
        for problem in rules:
            where = getattr(problem, "field", "")
            if root_of(where) in unreadable:
                continue
            if root_of(where) and root_of(where) not in ev.visible and self.field(root_of(where)) is not None:
                continue
            found.append(problem)
        return self.ordered(found)

    def field_problems(self, field_id: str, evaluation: Evaluation | None = None) -> list[ValidationError]:
        """The problems of one field (its own reading and the form's rules about it)."""
        return [p for p in self.problems(evaluation) if root_of(p.field) == field_id]

    def ordered(self, problems: Iterable[ValidationError]) -> list[ValidationError]:
        order = {f.id: index for index, f in enumerate(self.form.fields)}
        return sorted(problems, key=lambda p: order.get(root_of(p.field), len(order)))

    # ----------------------------------------------------------------- storing
    def submit_values(self, evaluation: Evaluation | None = None, *, keep_unreadable: bool = False) -> dict[str, Any]:
        """Typed values of the visible, non-computed fields (what submit and validate receive)."""
        ev = evaluation or self.evaluate()
        out: dict[str, Any] = {}
        for f in self.form.fields:
            if f.computed or f.id not in ev.visible:
                continue
            value = ev.values.get(f.id)
            if value is None and keep_unreadable and not blank(self.raw.get(f.id)):
                value = self.raw.get(f.id)
            if value is None:
                continue
            out[f.id] = value
        return out

    def draft_values(self) -> dict[str, Any]:
        """What a draft keeps: every readable value, visible or not (so nothing typed is lost)."""
        ev = self.evaluate()
        out: dict[str, Any] = {}
        for f in self.form.fields:
            if f.computed:
                continue
            value = ev.values.get(f.id)
            if value is None or value == []:
                continue
            out[f.id] = value
        return out


def summed_columns(table: Any, form: Any) -> set[str]:
    """Numeric columns of `table` that some formula of `form` sums (`sum(items.qty * items.price)`).

    When a computed column is made of the summed ones (`line_total = qty * price`), that column is
    what the sum adds up, so its total is the one shown.
    """
    summed: set[str] = set()
    for other in getattr(form, "fields", ()) or ():
        formula = getattr(other, "formula", None)
        if formula is None or "sum" not in formula.functions:
            continue
        for name in formula.names:
            if name.startswith(table.id + "."):
                summed.add(name.split(".", 1)[1])
    for col in table.columns:
        if col.computed and col.formula is not None and set(col.formula.names) & summed:
            summed -= set(col.formula.names) - {col.id}
            summed.add(col.id)
    return {c.id for c in table.columns if c.id in summed and c.type in NUMERIC}


def column_totals(table: Any, rows: list[Mapping[str, Any]], form: Any) -> dict[str, str]:
    """Display text of the total of each summed column over typed `rows` (empty cells skipped)."""
    out: dict[str, str] = {}
    for col in table.columns:
        if col.id not in summed_columns(table, form):
            continue
        values = [r.get(col.id) for r in rows if isinstance(r, Mapping)]
        total = sum((v for v in values if isinstance(v, (int, Decimal)) and not isinstance(v, bool)), start=0)
        try:
            out[col.id] = col.display(col.convert_result(total))
        except Exception:  # noqa: BLE001 - a total is a convenience, never a failure
            out[col.id] = str(total)
    return out


def _snapshot(raw: Any) -> Any:
    """A deep copy of raw values (lists and dicts), so later edits do not alias the saved state."""
    if isinstance(raw, dict):
        return {k: _snapshot(v) for k, v in raw.items()}
    if isinstance(raw, list):
        return [_snapshot(v) for v in raw]
    return raw


def _as_problem(where: str, exc: OfficeError) -> ValidationError:
    problem = ValidationError(where, getattr(exc, "code", "invalid_value"), str(exc))
    return problem
