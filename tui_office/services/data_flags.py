"""Provides the flags a form declares as data (`[[flags]]`), raised at submit when their condition
holds; a condition may count or add up the other documents of a form in a window
(`count(form='meeting_attendance', status='absent', by=person, within='90 days') >= 2`).

The domain stays pure: the expression asks for an aggregate, and this module answers it with the
store's indexed query, converting the values compared to the way the counted form stores them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation

from tui_office.domain.definitions import EvalContext, FormDef
from tui_office.domain.errors import NotFound, OfficeError
from tui_office.domain.expressions import AGGREGATE, AggregateUse, ExpressionError
from tui_office.services import registry
from tui_office.services.office import Office
from tui_office.store import aggregates


def _stored(form: FormDef, field_id: str, value: object) -> object:
    """`value` as the counted form stores its field `field_id` (dates as ISO text, money as text with
    its two places: `amount=10` finds "10.00")."""
    if not form.has_field(field_id) or value is None:
        return value
    field = form.field(field_id)
    try:
        return field.to_storage(field.convert_result(value))
    except (ValueError, TypeError, ArithmeticError):
        return value


def aggregate_function(office: Office, document_id: int | None, now: datetime) -> Callable[..., object]:
    """The `aggregate` function expressions call, over documents other than `document_id`."""
    def answer(use: AggregateUse, by: object, filters: dict) -> object:
        try:
            _, target = registry.latest(office, use.form)
        except NotFound:
            raise OfficeError("aggregate_unknown_form", form=use.form) from None
        equal = {name: _stored(target, name, value) for name, value in filters.items()}
        if use.by:
            equal[use.by] = _stored(target, use.by, by)
        since = now - timedelta(days=use.days)
        if use.kind == "count":
            return aggregates.count(use.form, since, document_id, equal)
        total = Decimal(0)
        for value in aggregates.values(use.form, since, document_id, equal, use.field or ""):
            if value is None or isinstance(value, bool):
                continue
            try:
                total += Decimal(str(value))
            except InvalidOperation:
                continue
        return total

    return answer


def raised(office: Office, form: FormDef, document_id: int | None, values: dict, ctx: EvalContext) -> list[dict]:
    """The form's `[[flags]]` whose condition holds for these values (one that cannot be worked out
    is not raised)."""
    if not form.flags:
        return []
    env = form.env(values, ctx)
    functions = {**form.functions(ctx), AGGREGATE: aggregate_function(office, document_id, office.clock.now())}
    out = []
    for flag in form.flags:
        try:
            holds = bool(flag.when.evaluate(env, functions))
        except ExpressionError:
            holds = False
        if holds:
            out.append(flag.raised())
    return out
