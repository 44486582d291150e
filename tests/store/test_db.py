"""Opening the database: SQLite settings for many processes on one file, and clean failures."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from tui_office.domain.errors import OfficeError
from tui_office.store import db as store_db
from tui_office.store.models import Counter, Department


@pytest.fixture(autouse=True)
def close_after() -> None:
    yield
    store_db.close_database()


def pragma(db, name: str) -> object:
    return db.execute_sql(f"PRAGMA {name}").fetchone()[0]


def test_sqlite_is_opened_for_several_processes(tmp_path: Path) -> None:
    db = store_db.open_database(tmp_path / "office.db")
    assert pragma(db, "journal_mode") == "wal"
    assert pragma(db, "foreign_keys") == 1
    assert pragma(db, "busy_timeout") == store_db.BUSY_TIMEOUT_MS
    assert pragma(db, "synchronous") == 1  # NORMAL
    assert store_db.is_sqlite()


def test_the_mode_stays_in_the_file(tmp_path: Path) -> None:
    path = tmp_path / "office.db"
    store_db.open_database(path)
    store_db.close_database()
    with sqlite3.connect(path) as con:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


@pytest.mark.parametrize("form", ["plain", "url"])
def test_targets_may_be_paths_or_sqlite_urls_and_folders_are_created(tmp_path: Path, form: str) -> None:
    path = tmp_path / "deep" / "er" / "office.db"
    target = str(path) if form == "plain" else f"sqlite:///{path}"
    store_db.open_database(target)
    Department.create(code="sales", name_en="Sales")
    store_db.close_database()
    with sqlite3.connect(path) as con:
        assert con.execute("SELECT code FROM department").fetchall() == [("sales",)]


def test_in_memory_database(tmp_path: Path) -> None:
    store_db.open_database(":memory:")
    Department.create(code="x", name_en="X")
    assert Department.select().count() == 1


def test_foreign_keys_are_enforced(tmp_path: Path) -> None:
    from peewee import IntegrityError

    from tui_office.store.models import User

    store_db.open_database(tmp_path / "office.db")
    with pytest.raises(IntegrityError):
        User.create(login="ghost", name="Ghost", department=999)


def test_two_writers_queue_instead_of_failing(tmp_path: Path) -> None:
    """Writes begin IMMEDIATE, so concurrent read-modify-write transactions never lose updates."""
    path = tmp_path / "office.db"
    store_db.open_database(path)
    Counter.create(key="SO-2026", value=0)
    store_db.close_database()

    def bump(times: int) -> None:
        con = sqlite3.connect(path, timeout=10, isolation_level=None)
        try:
            for _ in range(times):
                con.execute("BEGIN IMMEDIATE")
                (value,) = con.execute("SELECT value FROM counter WHERE key = 'SO-2026'").fetchone()
                con.execute("UPDATE counter SET value = ? WHERE key = 'SO-2026'", (value + 1,))
                con.execute("COMMIT")
        finally:
            con.close()

    store_db.open_database(path)
    threads = [threading.Thread(target=bump, args=(50,)) for _ in range(3)]
    for thread in threads:
        thread.start()
    for _ in range(50):
        with store_db.database.atomic():
            row = Counter.get(Counter.key == "SO-2026")
            Counter.update(value=row.value + 1).where(Counter.key == "SO-2026").execute()
    for thread in threads:
        thread.join()
    assert Counter.get(Counter.key == "SO-2026").value == 200


def test_a_folder_is_not_a_database(tmp_path: Path) -> None:
    with pytest.raises(OfficeError) as caught:
        store_db.open_database(tmp_path)
    assert caught.value.code == "database_unusable"
    assert str(tmp_path) in str(caught.value)


def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"not a database at all\n" * 200)
    with pytest.raises(OfficeError) as caught:
        store_db.open_database(path)
    assert caught.value.code == "database_unusable"
    assert "\n" not in str(caught.value)


def test_a_server_url_that_cannot_be_reached_is_one_clear_error() -> None:
    with pytest.raises(OfficeError) as caught:
        store_db.open_database("postgresql://nobody@127.0.0.1:1/office")
    assert caught.value.code == "database_unusable"
