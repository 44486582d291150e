"""Provides copying every row of the open office into another, empty database (SQLite or PostgreSQL).

The rows are copied as stored: text stays byte for byte (JSON too, so the digests the audit trail
sealed still match), ids are kept, and only what the two databases store differently is converted
(yes/no as 0/1 or a boolean, times as text or a timestamp, file contents as bytes); into PostgreSQL
they go with `COPY`. Links that point
forward (a department's manager, a parent department copied later) are written once every row is in.
On PostgreSQL each id sequence then continues after the highest id copied.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial

from peewee import (
    AutoField, BlobField, BooleanField, Database, DateField, DateTimeField, ForeignKeyField, SqliteDatabase,
    __exception_wrapper__,
)

from tui_office.store import user_lists
from tui_office.store.migrations import upgrade
from tui_office.store.models import ALL_MODELS, SchemaVersion

BATCH = 2_000
"""Rows read and written at a time."""

Progress = Callable[[str, int, int], None]
"""Told (table, rows copied so far, rows in the table) after each batch."""


@dataclass(frozen=True)
class Column:
    name: str
    convert: Callable[[object], object] | None


def _timestamp(field) -> Callable[[object], object]:
    def convert(value: object) -> object:
        return field.python_value(value) if isinstance(value, str) else value
    return convert


def _column(field) -> Column:
    if isinstance(field, BooleanField):
        return Column(field.column_name, lambda v: None if v is None else bool(v))
    if isinstance(field, (DateTimeField, DateField)):
        return Column(field.column_name, _timestamp(field))
    if isinstance(field, BlobField):
        return Column(field.column_name, lambda v: None if v is None else bytes(v))
    return Column(field.column_name, None)


def copy_order(models: Iterable[type]) -> list[type]:
    """The core tables in the order their links allow, then the areas' own (schema version excluded)."""
    wanted = [m for m in ALL_MODELS if m is not SchemaVersion]
    return wanted + [m for m in models if m not in wanted and m is not SchemaVersion]


def _late_links(model, copied: set[type]) -> list:
    """Optional links to a table not copied yet (or to this one): written after every row is in."""
    return [f for f in model._meta.sorted_fields if isinstance(f, ForeignKeyField) and f.null
            and (f.rel_model is model or f.rel_model not in copied)]


def is_empty(db: Database) -> bool:
    """Has the database no tables at all?"""
    return not db.get_tables()


def _quoted(name: str) -> str:
    return f'"{name}"'


def copy_rows(source: Database, dest: Database, models: list[type], progress: Progress) -> dict[str, int]:
    """Create the schema on `dest` (every model bound to it) and copy each table of `source` into it,
    in one transaction on each side; returns the rows copied per table."""
    counts: dict[str, int] = {}
    pending: list[tuple[type, list, list]] = []
    with source.atomic(), dest.atomic():
        upgrade(dest)
        dest.create_tables([m for m in models if m not in ALL_MODELS], safe=True)
        copied: set[type] = set()
        with user_lists.paused(dest):
            for model in models:
                counts[model._meta.table_name] = _copy_table(source, dest, model, copied, pending, progress)
                copied.add(model)
            for model, late, values in pending:
                _write_late_links(dest, model, late, values)
            _continue_sequences(dest, models)
    return counts


def _copy_table(source: Database, dest: Database, model, copied: set[type], pending: list,
                progress: Progress) -> int:
    """Copy one table in batches; links to rows not copied yet are left empty and added to `pending`."""
    table = _quoted(model._meta.table_name)
    fields = model._meta.sorted_fields
    late = _late_links(model, copied)
    late_at = [i for i, f in enumerate(fields) if any(f is link for link in late)]
    key_at = next(i for i, f in enumerate(fields) if f is model._meta.primary_key)
    columns = [_column(f) for f in fields]
    names = ", ".join(_quoted(c.name) for c in columns)
    if _copies(dest):
        write = partial(_copy_in, dest, f"COPY {table} ({names}) FROM STDIN")
    else:
        marks = ", ".join([dest.param] * len(columns))
        write = partial(_write_many, dest, f"INSERT INTO {table} ({names}) VALUES ({marks})")
    total = source.execute_sql(f"SELECT count(*) FROM {table}").fetchone()[0]
    cursor = source.execute_sql(f"SELECT {names} FROM {table} ORDER BY {_quoted(fields[key_at].column_name)}")
    done = 0
    progress(model._meta.table_name, 0, total)
    while rows := cursor.fetchmany(BATCH):
        batch = [[c.convert(v) if c.convert else v for c, v in zip(columns, row)] for row in rows]
        if late_at:
            pending.append((model, late, [(row[key_at], [row[i] for i in late_at]) for row in batch]))
            for row in batch:
                for i in late_at:
                    row[i] = None
        write(batch)
        done += len(batch)
        progress(model._meta.table_name, done, total)
    return done


def _copies(dest: Database) -> bool:
    """Can rows go into `dest` with PostgreSQL's COPY (psycopg 3)? Several times faster than INSERTs."""
    if isinstance(dest, SqliteDatabase):
        return False
    return hasattr(dest.cursor(), "copy")


def _copy_in(dest: Database, sql: str, rows: list) -> None:
    with __exception_wrapper__:
        with dest.cursor().copy(sql) as copy:
            for row in rows:
                copy.write_row(row)


def _write_many(dest: Database, sql: str, rows: list) -> None:
    """One statement for many rows (the driver's own errors become Peewee's, as for any query)."""
    with __exception_wrapper__:
        dest.cursor().executemany(sql, rows)


def _write_late_links(dest: Database, model, late: list, values: list) -> None:
    sets = ", ".join(f"{_quoted(f.column_name)} = {dest.param}" for f in late)
    key = _quoted(model._meta.primary_key.column_name)
    sql = f"UPDATE {_quoted(model._meta.table_name)} SET {sets} WHERE {key} = {dest.param}"
    rows = [[*links, row_id] for row_id, links in values if any(v is not None for v in links)]
    if rows:
        _write_many(dest, sql, rows)


def _continue_sequences(dest: Database, models: list[type]) -> None:
    """On PostgreSQL, each id sequence goes on after the highest id copied, and the planner learns
    the tables' new contents at once instead of at the next autovacuum (SQLite needs neither)."""
    if isinstance(dest, SqliteDatabase):
        return
    for model in models:
        dest.execute_sql(f"ANALYZE {_quoted(model._meta.table_name)}")
        key = model._meta.primary_key
        if isinstance(key, AutoField):
            table, column = model._meta.table_name, key.column_name
            dest.execute_sql(f"SELECT setval(pg_get_serial_sequence('{_quoted(table)}', '{column}'), "
                             f"COALESCE(max({_quoted(column)}), 1), max({_quoted(column)}) IS NOT NULL) "
                             f"FROM {_quoted(table)}")
