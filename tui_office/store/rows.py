"""Provides fixed-SQL row access for the hot paths (approve, inbox): no query building per call.

Building a query with Peewee's query builder costs ~100-200 us; running the same SQL string costs
a few. These helpers keep Peewee's models, defaults and value conversions (`Field.db_value`) and
cache one SQL string per shape, so the rows written are exactly those `Model.create()` and
`Model.save()` would write. SQL is written with `?` placeholders and adapted to the database's
own style. A new row's id comes from the cursor on SQLite and from `RETURNING` on PostgreSQL.
"""

from __future__ import annotations

import re
from typing import Any

from tui_office.store.db import database, is_sqlite

_SQL: dict[tuple, str] = {}


def param(sql: str) -> str:
    """The SQL with placeholders in the database's own style (`?` for SQLite, `%s` for PostgreSQL)."""
    marker = database.obj.param
    return sql if marker == "?" else sql.replace("?", marker)


_PLANS: dict[tuple, list] = {}


def fetch(model, sql: str, *params: Any) -> list:
    """Model instances from a fixed SQL string (the same objects a `select()` would give).

    What Peewee's `model.raw()` does, less its working out, for every query, which field each column
    of the result is: that is kept per model and column list (a fifth of an approval's time)."""
    cursor = database.execute_sql(param(sql), params)
    columns = tuple(item[0] for item in cursor.description)
    plan = _PLANS.get((model, columns))
    if plan is None:
        plan = _PLANS[(model, columns)] = _plan(model, columns)
    out = []
    for values in cursor.fetchall():
        row = model(__no_default__=1)
        data = row.__data__
        for (name, convert), value in zip(plan, values):
            if convert is None:
                setattr(row, name, value)  # not a field of the model (a count, an alias)
            else:
                data[name] = convert(value)
        out.append(row)
    return out


def _plan(model, columns: tuple[str, ...]) -> list[tuple[str, Any]]:
    """(field name, its `python_value`) for each column of a result, or (column, None) for a column
    that is not one of the model's fields."""
    known = model._meta.combined  # field names and column names alike
    plan, seen = [], {}
    for column in columns:
        name = column[column.rfind(".") + 1:].strip('()"`')  # as Peewee reads `"t"."col"`, `COUNT(x)`
        name = re.sub(r"\W+", "_", name)
        if name in seen:  # a second `id` (a join's `*`) must not overwrite the first: `id_2`, as Peewee has it
            seen[name] += 1
            plan.append((f"{name}_{seen[name]}", None))
            continue
        seen[name] = 1
        field = known.get(name)
        plan.append((field.name, field.python_value) if field is not None and field.model is model else (name, None))
    return plan


def get_by_id(model, row_id: int | None):
    """The row with this primary key, or None (what a foreign-key attribute would load)."""
    if row_id is None:
        return None
    meta = model._meta
    key = ("get", model)
    sql = _SQL.get(key)
    if sql is None:
        sql = _SQL[key] = f'SELECT * FROM "{meta.table_name}" WHERE "{meta.primary_key.column_name}" = ?'
    found = fetch(model, sql, row_id)
    return found[0] if found else None


def execute(sql: str, *params: Any) -> int:
    """Run a fixed INSERT/UPDATE/DELETE; returns the number of rows changed."""
    return database.execute_sql(param(sql), params).rowcount


def create(model, **values: Any):
    """Like `model.create(**values)`: defaults applied, one INSERT, the saved instance returned."""
    row = model(**values)
    meta = model._meta
    data = row.__data__
    fields = [f for f in meta.sorted_fields if f.name in data and not (f is meta.primary_key and data[f.name] is None)]
    new_id = meta.primary_key is not False and data.get(meta.primary_key.name) is None
    sqlite = is_sqlite()
    key = ("insert", model, tuple(f.name for f in fields), sqlite)
    sql = _SQL.get(key)
    if sql is None:
        columns = ", ".join(f'"{f.column_name}"' for f in fields)
        marks = ", ".join("?" for _ in fields)
        sql = f'INSERT INTO "{meta.table_name}" ({columns}) VALUES ({marks})'
        if not sqlite:
            sql = param(sql) + (f' RETURNING "{meta.primary_key.column_name}"' if new_id else "")
        _SQL[key] = sql
    cursor = database.execute_sql(sql, [f.db_value(data[f.name]) for f in fields])
    if new_id:
        row._pk = cursor.lastrowid if sqlite else cursor.fetchone()[0]
    row._dirty.clear()
    return row


def save_columns(row, names: list[str]) -> int:
    """Like `row.save(only=names)` for a stored row: one UPDATE of those columns by primary key."""
    meta = type(row)._meta
    fields = [meta.fields[name] for name in dict.fromkeys(names) if name != meta.primary_key.name]
    if not fields:
        return 0
    key = ("update", type(row), tuple(f.name for f in fields), database.obj.param)
    sql = _SQL.get(key)
    if sql is None:
        assignments = ", ".join(f'"{f.column_name}" = ?' for f in fields)
        sql = _SQL[key] = param(f'UPDATE "{meta.table_name}" SET {assignments} WHERE "{meta.primary_key.column_name}" = ?')
    data = row.__data__
    params = [f.db_value(data.get(f.name)) for f in fields]
    params.append(meta.primary_key.db_value(row._pk))
    count = database.execute_sql(sql, params).rowcount
    row._dirty -= {f.name for f in fields}
    return count
