"""Provides the database handle: open SQLite (WAL, foreign keys, busy timeout) or a URL.

`database` is a proxy every model binds to; `open_database()` points it at a real database and
brings the schema up to date. Writes use `BEGIN IMMEDIATE` on SQLite, so two writers queue on the
busy timeout instead of failing with "database is locked" half-way through a transaction.
"""

from __future__ import annotations

from pathlib import Path

from peewee import Database, PeeweeException, SqliteDatabase
from playhouse.db_url import connect

from tui_office.domain.errors import OfficeError
from tui_office.store.proxy import database

BUSY_TIMEOUT_MS = 10_000
PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": BUSY_TIMEOUT_MS,
    "synchronous": "normal",
    "cache_size": -16_000,
}


def make_database(target: str | Path) -> Database:
    """A Peewee database for a file path, `sqlite:///path`, or `postgresql://…`."""
    text = str(target)
    if "://" in text and not text.startswith("sqlite:"):
        return connect(text)
    if text.startswith("sqlite:///"):
        text = text[len("sqlite:///"):]
    if text != ":memory:":
        Path(text).expanduser().parent.mkdir(parents=True, exist_ok=True)
        text = str(Path(text).expanduser())
    return SqliteDatabase(
        text,
        pragmas=PRAGMAS,
        timeout=BUSY_TIMEOUT_MS / 1000,
        lock_type="IMMEDIATE",
        check_same_thread=False,
    )


def is_sqlite() -> bool:
    return isinstance(database.obj, SqliteDatabase)


def open_database(target: str | Path, *, migrate: bool = True) -> Database:
    """Bind the models to `target` and create or upgrade its schema.

    A target that cannot be opened (a folder, not a database, no driver) raises `OfficeError`
    `database_unusable`, so the user sees one line instead of a driver traceback.
    """
    try:
        db = make_database(target)
        if database.obj is not None and not database.obj.is_closed():
            database.obj.close()
        database.initialize(db)
        db.connect(reuse_if_open=True)
        if migrate:
            from tui_office.store.migrations import upgrade

            upgrade(db)
    except (PeeweeException, OSError) as exc:
        raise OfficeError("database_unusable", target=str(target), reason=str(exc).strip().rstrip(".") or type(exc).__name__) from exc
    return db


def close_database() -> None:
    if database.obj is not None and not database.obj.is_closed():
        database.obj.close()
