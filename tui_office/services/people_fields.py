"""Provides the check that the people a document names in a `users` field or a table's user column
are active users of the office: they may become its approvers, so a mistyped login is refused at
submit rather than found later by a step that asks nobody."""

from __future__ import annotations

from tui_office.domain.definitions import FormDef
from tui_office.domain.errors import ValidationError
from tui_office.store import users as user_rows


def _named(form: FormDef, values: dict) -> list[tuple[str, str]]:
    """(where, login) for every person named in a `users` field or a user column, in form order."""
    out: list[tuple[str, str]] = []
    for f in form.fields:
        value = values.get(f.id)
        if f.type == "users" and isinstance(value, list):
            out.extend((f.id, str(login)) for login in value)
        elif f.type == "table" and isinstance(value, list):
            people = [c.id for c in f.columns if c.type == "user"]
            for index, row in enumerate(value, start=1):
                out.extend((f"{f.id}[{index}].{col}", str(row[col])) for col in people
                           if isinstance(row, dict) and row.get(col))
    return out


def check(form: FormDef, values: dict) -> list[ValidationError]:
    """A `no_such_person` problem for each login that is not an active user."""
    return [ValidationError(where, "no_such_person", login=login)
            for where, login in _named(form, values) if user_rows.active_by_login(login) is None]
