"""Provides each user's inbox list sizes and change marker (table `user_lists`, schema v9).

Triggers (SQLite's since v9, PL/pgSQL on PostgreSQL since v10) keep the row in the transaction of
every write that touches a user's lists (tasks assigned to or done by them, documents they started,
documents they hold a task on, notifications to them), so reading a tab count or asking "did
anything of mine change" is one row by primary key. A database without the table (read-only and
never upgraded) counts (`inbox_sql.COUNTS`), and any change counts as a change for everyone.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from weakref import WeakKeyDictionary

from peewee import Database, SqliteDatabase

from tui_office.store.db import database
from tui_office.store.rows import param

TABS = ("todo", "submitted", "cc", "done", "drafts")
"""The tabs whose sizes the row holds (to do also counts the documents returned to their initiator)."""

_ROW = "SELECT todo + returned, submitted, cc, done, drafts FROM user_lists WHERE user_id = ?"
_CHANGES = "SELECT changes FROM user_lists WHERE user_id = ?"
RECOUNT = ('INSERT INTO user_lists (user_id) SELECT id FROM "user" WHERE true ON CONFLICT (user_id) DO NOTHING', """UPDATE user_lists SET
    todo = (SELECT count(*) FROM task WHERE assignee_id = user_lists.user_id AND status = 'open'),
    returned = (SELECT count(*) FROM document WHERE initiator_id = user_lists.user_id AND status = 'returned'),
    cc = (SELECT count(*) FROM task WHERE assignee_id = user_lists.user_id AND status = 'cc'),
    done = (SELECT count(*) FROM task WHERE acted_by_id = user_lists.user_id AND status = 'done'),
    submitted = (SELECT count(*) FROM document WHERE initiator_id = user_lists.user_id AND status NOT IN ('draft', 'discarded')),
    drafts = (SELECT count(*) FROM document WHERE initiator_id = user_lists.user_id AND status = 'draft'),
    changes = changes + 1""")
"""Count every user's lists again from the rows: make a row for each user, then count."""


_kept: WeakKeyDictionary = WeakKeyDictionary()


def kept() -> bool:
    """Does this database keep the rows (it has the table: schema v9 or later on SQLite, v10 on
    PostgreSQL, even opened read-only)?"""
    db = database.obj
    found = _kept.get(db)
    if found is None:
        found = _kept[db] = db.table_exists("user_lists")
    return found


def sizes(user_id: int) -> dict[str, int] | None:
    """The size of each tab (None where the rows are not kept); a user nothing has touched has none."""
    if not kept():
        return None
    row = database.execute_sql(param(_ROW), (user_id,)).fetchone()
    return dict(zip(TABS, row or (0,) * len(TABS)))


def changes(user_id: int) -> int | None:
    """A number that grows whenever one of the user's lists may have changed (None where not kept)."""
    if not kept():
        return None
    row = database.execute_sql(param(_CHANGES), (user_id,)).fetchone()
    return row[0] if row else 0


def triggers() -> list[tuple[str, str]]:
    """(name, SQL) of the triggers that keep the rows."""
    return database.execute_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'user\\_lists\\_%' ESCAPE '\\' ORDER BY name"
    ).fetchall()


def recount() -> None:
    """Count every user's lists again from the rows (after rows were loaded with the triggers off)."""
    for sql in RECOUNT:
        database.execute_sql(sql)


KEPT_BY_TRIGGERS = ("task", "document", "notification")
"""The tables whose writes the triggers count."""


@contextmanager
def paused(db: Database) -> Iterator[None]:
    """Load many rows into `db` without counting each one, then count every user's lists once.

    PostgreSQL's triggers are switched off for the load (inside the caller's transaction: nobody
    else ever sees them off); SQLite's keep counting, and the count at the end settles it."""
    server = not isinstance(db, SqliteDatabase)
    if server:
        for table in KEPT_BY_TRIGGERS:
            db.execute_sql(f'ALTER TABLE "{table}" DISABLE TRIGGER USER')
    yield
    if server:
        for table in KEPT_BY_TRIGGERS:
            db.execute_sql(f'ALTER TABLE "{table}" ENABLE TRIGGER USER')
    for sql in RECOUNT:
        db.execute_sql(sql)
