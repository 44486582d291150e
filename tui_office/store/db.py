"""Provides the database handle: open SQLite (WAL, foreign keys, busy timeout) or a URL.

`database` is a proxy every model binds to; `open_database()` points it at a real database and
brings the schema up to date. Writes use `BEGIN IMMEDIATE` on SQLite, so two writers queue on the
busy timeout instead of failing with "database is locked" half-way through a transaction. On
PostgreSQL every transaction first takes one transaction-scoped advisory lock (`WRITER_LOCK`): writers
take turns there too, so the audit chain, number sequences and "who was first" checks behave exactly
as on SQLite, whichever host the writer runs on.

Only `open_database(..., create=True)` (used by `init` and `demo`) may create a database file or
its folder. A file this process cannot write, or a `sqlite:///path?mode=ro` URL, is opened
read-only: reading works and any write is refused with `database_read_only`.

`before_commit(fn)` runs `fn` inside the current transaction just before it commits (the audit
trail uses it to hash the state a use case leaves behind, whatever order its writes came in).
"""

from __future__ import annotations

import importlib
import os
import sqlite3
import threading
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator
from urllib.parse import parse_qs, urlparse

import peewee
from peewee import Database, OperationalError, PeeweeException, SqliteDatabase

from tui_office.domain.errors import OfficeError
from tui_office.store.proxy import database
from tui_office.store.schema_version import SCHEMA_VERSION, current_version

BUSY_TIMEOUT_MS = 10_000
PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": BUSY_TIMEOUT_MS,
    "synchronous": "normal",
    "cache_size": -16_000,
}
READ_ONLY_PRAGMAS = {
    "foreign_keys": 1,
    "busy_timeout": BUSY_TIMEOUT_MS,
    "cache_size": -16_000,
    "query_only": 1,
}


WRITER_LOCK = 0x7475_6F66
"""The PostgreSQL advisory lock every transaction holds until it ends (one writer at a time)."""
POSTGRES_SCHEMES = ("postgres", "psycopg")
"""How the URL schemes that name a PostgreSQL server begin (they need the `postgres` extra's driver)."""


class ReadOnlyDatabase(OfficeError):
    """A write was attempted on a database opened read-only."""

    code = "database_read_only"


class _CommitHooks:
    """Mixin: callbacks that run inside the transaction right before COMMIT; read-only refusals."""

    read_only = False
    label = ""

    def __init__(self, *args, **kwargs) -> None:
        self._before_commit = threading.local()
        super().__init__(*args, **kwargs)

    def _hooks(self) -> dict:
        local = self._before_commit
        if not hasattr(local, "fns"):
            local.fns = {}
        return local.fns

    def before_commit(self, fn: Callable[[], None]) -> None:
        self._hooks()[fn] = None

    def _run_before_commit(self) -> None:
        hooks = self._hooks()
        while hooks:
            fn = next(iter(hooks))
            del hooks[fn]
            fn()

    def commit(self):
        try:
            self._run_before_commit()
        finally:
            self._hooks().clear()
        return super().commit()

    def rollback(self):
        self._hooks().clear()
        return super().rollback()

    @contextmanager
    def _refusing_writes(self) -> Iterator[None]:
        try:
            yield
        except OperationalError as exc:
            if "readonly" in str(exc) or "read-only" in str(exc):
                raise ReadOnlyDatabase(path=self.label) from exc
            raise

    def begin(self, *args, **kwargs):
        if self.read_only and isinstance(self, SqliteDatabase):
            args, kwargs = (), {"lock_type": "DEFERRED"}  # reads in a transaction still work
        with self._refusing_writes():
            begun = super().begin(*args, **kwargs)
        if not isinstance(self, SqliteDatabase):
            self.cursor().execute(f"SELECT pg_advisory_xact_lock({WRITER_LOCK})")
        return begun

    def execute_sql(self, sql, params=None, *args, **kwargs):
        if params and self.param != "?" and "?" in sql and self.param not in sql:
            sql = sql.replace("?", self.param)  # SQL written for SQLite's `?` placeholders (see rows.param)
        with self._refusing_writes():
            return super().execute_sql(sql, params, *args, **kwargs)


class OfficeSqliteDatabase(_CommitHooks, SqliteDatabase):
    """SQLite with before-commit hooks and a clear refusal when it is read-only."""


def _writable(path: Path) -> bool:
    """Can this process write the file and whatever SQLite keeps beside it (WAL, shared memory)?"""
    if not os.access(path, os.W_OK):
        return False
    folder = path.parent
    if os.access(folder, os.W_OK):
        return True
    return all(os.access(Path(f"{path}{suffix}"), os.W_OK) for suffix in ("-wal", "-shm"))


def make_database(target: str | Path, *, create: bool = True) -> Database:
    """A Peewee database for a file path, `sqlite:///path[?mode=ro]`, or `postgresql://…`.

    With `create=False` a missing SQLite file is refused (`database_missing`) instead of created.
    """
    text = str(target)
    if "://" in text and not text.startswith("sqlite:"):
        scheme = urlparse(text).scheme
        if scheme.startswith(POSTGRES_SCHEMES) and not _postgres_driver():
            raise OfficeError("postgres_driver_missing", target=text)
        from playhouse import db_url  # with every driver it knows: only for a server's address

        base = db_url.schemes.get(scheme)
        if base is None:
            return db_url.connect(text)
        hooked = type(f"Office{base.__name__}", (_CommitHooks, base), {})
        kwargs = db_url.parseresult_to_dict(urlparse(text))
        if not kwargs.get("database"):
            return db_url.connect(text)
        db = hooked(**kwargs)
        db.label = text
        return db
    if text.startswith("sqlite:///"):
        read_only = parse_qs(urlparse(text).query).get("mode") == ["ro"]
        text = text[len("sqlite:///"):].split("?", 1)[0]
    else:
        read_only = False
    if text == ":memory:":
        db = OfficeSqliteDatabase(text, pragmas=PRAGMAS, timeout=BUSY_TIMEOUT_MS / 1000,
                                  lock_type="IMMEDIATE", check_same_thread=False)
        db.label = text
        return db
    path = Path(text).expanduser()
    if not path.exists():
        if not create or read_only:
            raise OfficeError("database_missing", path=str(path))
        path.parent.mkdir(parents=True, exist_ok=True)
    elif path.is_file() and not _writable(path):
        read_only = True
    if read_only:
        db = OfficeSqliteDatabase(
            f"{path.resolve().as_uri()}?mode=ro", uri=True, pragmas=READ_ONLY_PRAGMAS,
            timeout=BUSY_TIMEOUT_MS / 1000, lock_type="IMMEDIATE", check_same_thread=False,
        )
        db.read_only = True
    else:
        db = OfficeSqliteDatabase(str(path), pragmas=PRAGMAS, timeout=BUSY_TIMEOUT_MS / 1000,
                                  lock_type="IMMEDIATE", check_same_thread=False)
    db.label = str(path)
    return db


def _postgres_driver() -> bool:
    """Is a PostgreSQL driver (psycopg 3, or psycopg2) installed?"""
    for name in ("psycopg", "psycopg2"):
        try:
            importlib.import_module(name)
        except ImportError:
            continue
        return True
    return False


def is_sqlite() -> bool:
    return isinstance(database.obj, SqliteDatabase)


def owns_server_database() -> bool:
    """On a database server: does this connection log in as the role that owns the database (or
    as a superuser)? False on SQLite, where the owner is the file's."""
    if is_sqlite():
        return False
    return bool(database.execute_sql(
        "SELECT pg_get_userbyid(d.datdba) = current_user OR r.rolsuper FROM pg_database d, pg_roles r "
        "WHERE d.datname = current_database() AND r.rolname = current_user").fetchone()[0])


def is_read_only() -> bool:
    """Was the current database opened read-only?"""
    return bool(getattr(database.obj, "read_only", False))


def before_commit(fn: Callable[[], None]) -> None:
    """Run `fn` just before the current transaction commits (now, when there is no transaction).

    The same `fn` registered twice in one transaction runs once.
    """
    db = database.obj
    if db.in_transaction() and isinstance(db, _CommitHooks):
        db.before_commit(fn)
    else:
        fn()


def open_database(target: str | Path, *, migrate: bool = True, create: bool = True) -> Database:
    """Bind the models to `target` and create or upgrade its schema.

    A target that cannot be opened (a folder, not a database, no driver) raises `OfficeError`
    `database_unusable`, so the user sees one line instead of a driver traceback. With
    `create=False`, a missing file raises `database_missing` and nothing is created.
    """
    try:
        db = make_database(target, create=create)
        if database.obj is not None and not database.obj.is_closed():
            database.obj.close()
        database.initialize(db)
        db.connect(reuse_if_open=True)
        if migrate and current_version(db) != SCHEMA_VERSION:
            from tui_office.store.migrations import upgrade

            upgrade(db)
    except (PeeweeException, OSError) as exc:
        raise OfficeError("database_unusable", target=str(target), reason=str(exc).strip().rstrip(".") or type(exc).__name__) from exc
    return db


@contextmanager
def using(path: str | Path, *, create: bool = False) -> Iterator[Database]:
    """Point every model at another database for the duration (verify or amend a copy; with
    `create`, fill a new one)."""
    previous = database.obj
    db = make_database(path, create=create)
    database.initialize(db)
    try:
        db.connect(reuse_if_open=True)
        yield db
    finally:
        if not db.is_closed():
            db.close()
        database.initialize(previous)


def close_database() -> None:
    if database.obj is not None and not database.obj.is_closed():
        database.obj.close()


STORAGE_FAILURES = (
    ("database or disk is full", "disk_full"),
    ("disk i/o error", "disk_io"),
)
"""Words in SQLite's message for failures of the disk rather than of the program, and their codes."""


def storage_failure(exc: BaseException) -> str | None:
    """`disk_full` or `disk_io` when `exc` (or what it was raised from) is such a failure, else None.

    SQLite rolls a failed write back by itself, so peewee's own rollback then fails too
    ("cannot rollback - no transaction is active"); the real reason is in the chain of causes.
    """
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, (peewee.DatabaseError, sqlite3.DatabaseError)):
            message = str(current).lower()
            for words, code in STORAGE_FAILURES:
                if words in message:
                    return code
        current = current.__cause__ or current.__context__
    return None
