"""Provides the database a test office lives in: a SQLite file, or PostgreSQL when asked for.

`TUI_OFFICE_TEST_DB` (set by `.ci/postgres`) names a PostgreSQL server, e.g.
`postgresql://postgres@/postgres?host=/tmp/pg&port=5432`. Then `office_db()` gives each office a
schema of its own in a database of its own per pytest worker (schemas are made and dropped in
milliseconds; writers of one database take turns, so workers do not share one), and every test that
builds its office through it runs against PostgreSQL. Without it, `office_db()` is the SQLite file
the test always had.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
from datetime import datetime
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlparse, urlunparse

SERVER = os.environ.get("TUI_OFFICE_TEST_DB", "")
"""The PostgreSQL server to test against ("" for SQLite)."""

_made: list[tuple[str, str]] = []
"""(database URL, schema) made during the current test, dropped when it ends."""


def on_postgres() -> bool:
    return bool(SERVER)


def _url(database: str, **query: str) -> str:
    parts = urlparse(SERVER)
    merged = {**dict(parse_qsl(parts.query)), **query}
    return urlunparse(parts._replace(path=f"/{database}", query=urlencode(merged)))


def _connect(url: str):
    import psycopg

    parts = urlparse(url)
    options = dict(parse_qsl(parts.query))
    return psycopg.connect(dbname=parts.path.lstrip("/"), user=parts.username or "postgres",
                           host=options.get("host") or parts.hostname, port=options.get("port") or parts.port,
                           autocommit=True)


@functools.cache
def _worker_database() -> str:
    """This pytest worker's database on the server, made when first asked for."""
    name = f"tui_office_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
    with _connect(SERVER) as con:
        if con.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone() is None:
            con.execute(f'CREATE DATABASE "{name}"')
    return name


def office_db(folder: Path, name: str = "office.db") -> Path | str:
    """Where a test's office lives: `folder/name`, or a new empty PostgreSQL schema's URL (in the
    template database being built, while `building_template` is on)."""
    if not SERVER:
        return folder / name
    if _building:
        return _url(_building[-1], options=f"-csearch_path={TEMPLATE_SCHEMA}")
    schema = "t_" + hashlib.sha1(str(folder / name).encode()).hexdigest()[:20]
    url = _url(_worker_database())
    with _connect(url) as con:
        con.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        con.execute(f'CREATE SCHEMA "{schema}"')
    _made.append((url, schema))
    return _url(_worker_database(), options=f"-csearch_path={schema}")


TEMPLATE_SCHEMA = "office"
"""The schema an office built as a template (and every copy of it) lives in."""

_building: list[str] = []
"""The template database being built, if any."""

_templates_made = 0


@contextlib.contextmanager
def building_template():
    """Build an office in a new database of its own (answered) that later offices are copied from
    (`copy_of`): `CREATE DATABASE … TEMPLATE` copies the files, far faster than building again."""
    global _templates_made
    _templates_made += 1
    name = f"template_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}_{_templates_made}"
    with _connect(SERVER) as con:
        con.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        con.execute(f'CREATE DATABASE "{name}"')
    with _connect(_url(name)) as con:
        con.execute(f'CREATE SCHEMA "{TEMPLATE_SCHEMA}"')
    _building.append(name)
    try:
        yield name
    finally:
        _building.pop()


def is_building_template() -> bool:
    return bool(_building)


def copy_of(template: str, folder: Path, name: str = "office.db") -> str:
    """A new database copied from the template database `template` (no one may be connected to
    it), dropped when the test ends; its office's URL."""
    database = "c_" + hashlib.sha1(f"{_worker_database()}:{folder / name}".encode()).hexdigest()[:20]
    with _connect(SERVER) as con:
        con.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        con.execute(f'CREATE DATABASE "{database}" TEMPLATE "{template}"')
    _made.append((SERVER, f"database:{database}"))
    return _url(database, options=f"-csearch_path={TEMPLATE_SCHEMA}")


def made() -> int:
    """How many schemas have been made so far (what a test's start sees)."""
    return len(_made)


def drop_made(since: int) -> None:
    """Drop the schemas made after the first `since` (a module's shared office outlives its tests)."""
    while len(_made) > since:
        url, schema = _made.pop()
        with _connect(url) as con:
            if schema.startswith("database:"):
                con.execute(f'DROP DATABASE IF EXISTS "{schema.removeprefix("database:")}" WITH (FORCE)')
            else:
                con.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def rows(db: Path | str, sql: str, *params: object) -> list[tuple]:
    """What `sql` (with `?` placeholders) reads from the office at `db`, SQLite file or PostgreSQL URL."""
    if isinstance(db, Path):
        import sqlite3

        with contextlib.closing(sqlite3.connect(db)) as con:
            return con.execute(sql, params).fetchall()
    schema = dict(parse_qsl(urlparse(db).query))["options"].removeprefix("-csearch_path=")
    with _connect(db) as con:
        con.execute(f'SET search_path TO "{schema}"')
        cursor = con.execute(sql.replace("?", "%s"), params)
        if cursor.description is None:  # a statement, not a query
            return []
        return [tuple(str(v) if isinstance(v, datetime) else v for v in row) for row in cursor.fetchall()]
