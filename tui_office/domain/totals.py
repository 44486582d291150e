"""Provides `total_warnings`: a field that states a total (`total_of = "items.line_total"`) and
disagrees with the sum of that line-item column.

A purchase request's amount is typed by the requester (it may include tax or delivery) and its
line items add up on their own; when the form declares the amount the total of a column, a
difference is shown as a warning under the amount in the form and on stderr from `submit`. It does
not stop submitting: the approvers see both figures and decide. No rows: nothing to compare.

Also `column_totals`: the totals a line-item table shows under its summed columns (the document
view, the printable history).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from tui_office.domain.errors import ValidationError

NUMERIC = ("integer", "decimal", "money")
"""Field and column types that hold numbers (right-aligned, added up)."""


def total_target(f: Any) -> tuple[str, str] | None:
    """(table, column) a field declares itself the total of, or None."""
    target = (getattr(f, "extra", None) or {}).get("total_of")
    if not isinstance(target, str) or target.count(".") != 1:
        return None
    table, column = target.split(".")
    return table, column


def column_total(rows: object, column: str) -> Decimal | None:
    """The sum of `column` over the rows (None when there are no rows or a cell is not a number)."""
    if not isinstance(rows, list) or not rows:
        return None
    total = Decimal(0)
    for row in rows:
        value = row.get(column) if isinstance(row, Mapping) else None
        if value is None:
            continue
        try:
            total += Decimal(str(value))
        except InvalidOperation:
            return None
    return total


def total_warnings(form: Any, values: Mapping[str, Any]) -> list[ValidationError]:
    """A warning for each filled-in `total_of` field that differs from its column's total."""
    warnings: list[ValidationError] = []
    for f in form.fields:
        target = total_target(f)
        stated = values.get(f.id)
        if target is None or stated is None or isinstance(stated, bool):
            continue
        table, column = target
        total = column_total(values.get(table), column)
        try:
            if total is None or Decimal(str(stated)) == total:
                continue
        except InvalidOperation:  # a draft may still hold text that is not a number
            continue
        table_field = form.field(table) if form.has_field(table) else None
        col = table_field.column(column) if table_field is not None else None
        warnings.append(ValidationError(
            f.id, "total_differs", label=f.label, stated=f.display(stated),
            total=col.display(total) if col is not None else str(total),
            table=table_field.label if table_field is not None else table,
        ))
    return warnings


def summed_columns(table: Any, form: Any) -> set[str]:
    """Numeric columns of `table` that some formula of `form` sums (`sum(items.qty * items.price)`).

    When a computed column is made of the summed ones (`line_total = qty * price`), that column is
    what the sum adds up, so its total is the one shown.
    """
    summed: set[str] = set()
    for other in form.fields:
        formula = other.formula
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
