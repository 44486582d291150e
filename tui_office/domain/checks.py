"""Provides checks as data: conditions across fields (`[[checks]]`) and across the cells of each
line-item row (a table field's `checks`), each with its own message in both languages.

A check is judged only when every field (or cell) it names has a value: whether a value is needed
at all is `required`'s business, so an empty optional date never fails `end >= start`. A check
that holds passes; one that is false, or that cannot be worked out with the values given (a date
compared with a number), fails with its message (one that calls a function not at hand — working
days without the office calendar — waits for the services, which always have it), reported on the field it names (`field`, or for a
row check `column`), by default the one of the fields it names declared last — usually the one a
person typed second. Row problems name the row: `items[2].delivery_date`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from tui_office.domain.errors import ValidationError
from tui_office.domain.expressions import Expression, ExpressionError
from tui_office.domain.field_coercion import is_empty
from tui_office.i18n import pick

UNAVAILABLE = "expression_function_unavailable"
CHECK_CODE = "check_failed"
"""The code of a problem a check reports (`end: check_failed: The end is before the start.`)."""


@dataclass(frozen=True)
class CheckDef:
    """One condition that must hold, with the message shown when it does not."""

    condition: Expression
    message_en: str
    message_zh: str = ""
    target: str | None = None
    """The field (form check) or column (row check) a failure is reported on; None: the named one declared last."""
    line: int = 0

    @property
    def message(self) -> str:
        return pick(self.message_en, self.message_zh) or self.condition.source

    def holds(self, env: Mapping[str, Any], functions: Mapping[str, Callable[..., object]]) -> bool | None:
        """Whether the condition is true for these values: one that cannot be worked out with them is
        not; None when a function it calls is not at hand here (no office calendar): not judged."""
        try:
            return bool(self.condition.evaluate(env, functions))
        except ExpressionError as exc:
            return None if exc.code == UNAVAILABLE else False


def _named(check: CheckDef, order: Mapping[str, int]) -> list[str]:
    """The fields (or columns) the check names, in declaration order (params and unknowns left out)."""
    roots = {name.split(".", 1)[0] for name in check.condition.names}
    return sorted((name for name in roots if name in order), key=order.__getitem__)


def _judge(check: CheckDef, values: Mapping[str, Any], order: Mapping[str, int], env: Mapping[str, Any],
           functions: Mapping[str, Callable[..., object]]) -> str | None:
    """The field a failure of `check` is reported on, or None when it holds or is not judged yet."""
    named = _named(check, order)
    if any(is_empty(values.get(name)) for name in named):
        return None
    if check.holds(env, functions) in (True, None):
        return None
    return check.target or (named[-1] if named else None) or ""


def form_problems(checks: tuple[CheckDef, ...], fields: list, values: Mapping[str, Any], env: Mapping[str, Any],
                  functions: Mapping[str, Callable[..., object]], judged: set[str]) -> list[ValidationError]:
    """Problems of the form-level checks; `judged` holds the ids of the fields being judged now
    (shown, and asked at this point), and a check naming any other field waits."""
    order = {f.id: index for index, f in enumerate(fields)}
    out = []
    for check in checks:
        if any(name not in judged for name in _named(check, order)):
            continue
        where = _judge(check, values, order, env, functions)
        if where is not None:
            out.append(ValidationError(where or fields[0].id, CHECK_CODE, check.message))
    return out


def row_problems(table: Any, rows: object, values: Mapping[str, Any], fields: list, env: Mapping[str, Any],
                 functions: Mapping[str, Callable[..., object]]) -> list[ValidationError]:
    """Problems of a table field's row checks, one per failing check per row (`items[2].qty`); a
    row check may also name the form's fields (`delivery_date >= order_date`) and waits for them."""
    if not table.checks or not isinstance(rows, list):
        return []
    columns = {c.id: index for index, c in enumerate(table.columns)}
    others = {f.id: index for index, f in enumerate(fields) if f.id not in columns}
    out = []
    for index, row in enumerate(rows, start=1):
        if not isinstance(row, Mapping):
            continue
        row_env = {**env, **row}
        for check in table.checks:
            if any(is_empty(values.get(name)) for name in _named(check, others)):
                continue
            where = _judge(check, row, columns, row_env, functions)
            if where is not None:
                place = f"{table.id}[{index}].{where}" if where else f"{table.id}[{index}]"
                out.append(ValidationError(place, CHECK_CODE, check.message))
    return out
