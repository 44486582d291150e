"""Upgrading a database made by an older tui-office keeps every row; a newer one is refused.

`V1_SCHEMA` is frozen: it is what tui-office wrote at schema version 1 (before probation,
last-seen, reminder bookkeeping and notifications). Never edit it to follow the models; add a new
frozen schema for the next version instead.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tui_office.domain.errors import OfficeError
from tui_office.store import db as store_db
from tui_office.store.migrations import SCHEMA_VERSION, SchemaTooNew, current_version

V1_SCHEMA = """
CREATE TABLE "schema_version" ("id" INTEGER NOT NULL PRIMARY KEY, "version" INTEGER NOT NULL);
CREATE TABLE "definition" ("id" INTEGER NOT NULL PRIMARY KEY, "form_id" VARCHAR(255) NOT NULL, "version" INTEGER NOT NULL, "digest" VARCHAR(255) NOT NULL, "source" TEXT NOT NULL, "path" VARCHAR(255) NOT NULL, "loaded_at" DATETIME NOT NULL);
CREATE UNIQUE INDEX "definition_form_id_version" ON "definition" ("form_id", "version");
CREATE TABLE "department" ("id" INTEGER NOT NULL PRIMARY KEY, "code" VARCHAR(255) NOT NULL, "name_en" VARCHAR(255) NOT NULL, "name_zh" VARCHAR(255) NOT NULL, "parent_id" INTEGER, "manager_id" INTEGER, FOREIGN KEY ("parent_id") REFERENCES "department" ("id") ON DELETE SET NULL);
CREATE UNIQUE INDEX "department_code" ON "department" ("code");
CREATE INDEX "department_parent_id" ON "department" ("parent_id");
CREATE INDEX "department_manager_id" ON "department" ("manager_id");
CREATE TABLE "user" ("id" INTEGER NOT NULL PRIMARY KEY, "login" VARCHAR(255) NOT NULL, "name" VARCHAR(255) NOT NULL, "name_en" VARCHAR(255) NOT NULL, "title" VARCHAR(255) NOT NULL, "title_zh" VARCHAR(255) NOT NULL, "email" VARCHAR(255) NOT NULL, "department_id" INTEGER, "active" INTEGER NOT NULL, "pin_hash" VARCHAR(255), "created_at" DATETIME NOT NULL, FOREIGN KEY ("department_id") REFERENCES "department" ("id") ON DELETE SET NULL);
CREATE UNIQUE INDEX "user_login" ON "user" ("login");
CREATE INDEX "user_department_id" ON "user" ("department_id");
CREATE TABLE "role" ("id" INTEGER NOT NULL PRIMARY KEY, "code" VARCHAR(255) NOT NULL, "name_en" VARCHAR(255) NOT NULL, "name_zh" VARCHAR(255) NOT NULL);
CREATE UNIQUE INDEX "role_code" ON "role" ("code");
CREATE TABLE "user_role" ("id" INTEGER NOT NULL PRIMARY KEY, "user_id" INTEGER NOT NULL, "role_id" INTEGER NOT NULL, FOREIGN KEY ("user_id") REFERENCES "user" ("id") ON DELETE CASCADE, FOREIGN KEY ("role_id") REFERENCES "role" ("id") ON DELETE CASCADE);
CREATE INDEX "user_role_user_id" ON "user_role" ("user_id");
CREATE INDEX "user_role_role_id" ON "user_role" ("role_id");
CREATE UNIQUE INDEX "user_role_user_id_role_id" ON "user_role" ("user_id", "role_id");
CREATE TABLE "counter" ("key" VARCHAR(255) NOT NULL PRIMARY KEY, "value" INTEGER NOT NULL);
CREATE TABLE "document" ("id" INTEGER NOT NULL PRIMARY KEY, "number" VARCHAR(255) NOT NULL, "form_id" VARCHAR(255) NOT NULL, "definition_id" INTEGER NOT NULL, "title" VARCHAR(255) NOT NULL, "initiator_id" INTEGER NOT NULL, "department_id" INTEGER, "status" VARCHAR(255) NOT NULL, "step" VARCHAR(255), "round" INTEGER NOT NULL, "fields" TEXT NOT NULL, "flags" TEXT NOT NULL, "state" TEXT NOT NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "submitted_at" DATETIME, "finished_at" DATETIME, "archived" INTEGER NOT NULL, "version" INTEGER NOT NULL, FOREIGN KEY ("definition_id") REFERENCES "definition" ("id") ON DELETE RESTRICT, FOREIGN KEY ("initiator_id") REFERENCES "user" ("id") ON DELETE RESTRICT, FOREIGN KEY ("department_id") REFERENCES "department" ("id") ON DELETE SET NULL);
CREATE UNIQUE INDEX "document_number" ON "document" ("number");
CREATE INDEX "document_form_id" ON "document" ("form_id");
CREATE INDEX "document_definition_id" ON "document" ("definition_id");
CREATE INDEX "document_initiator_id" ON "document" ("initiator_id");
CREATE INDEX "document_department_id" ON "document" ("department_id");
CREATE INDEX "document_status" ON "document" ("status");
CREATE INDEX "document_initiator_id_status_updated_at" ON "document" ("initiator_id", "status", "updated_at");
CREATE TABLE "task" ("id" INTEGER NOT NULL PRIMARY KEY, "document_id" INTEGER NOT NULL, "step" VARCHAR(255) NOT NULL, "round" INTEGER NOT NULL, "kind" VARCHAR(255) NOT NULL, "assignee_id" INTEGER NOT NULL, "principal_id" INTEGER, "status" VARCHAR(255) NOT NULL, "decision" VARCHAR(255), "comment" TEXT NOT NULL, "position" INTEGER NOT NULL, "created_at" DATETIME NOT NULL, "due_at" DATETIME, "acted_at" DATETIME, "acted_by_id" INTEGER, "version" INTEGER NOT NULL, FOREIGN KEY ("document_id") REFERENCES "document" ("id") ON DELETE CASCADE, FOREIGN KEY ("assignee_id") REFERENCES "user" ("id") ON DELETE RESTRICT, FOREIGN KEY ("principal_id") REFERENCES "user" ("id") ON DELETE SET NULL, FOREIGN KEY ("acted_by_id") REFERENCES "user" ("id") ON DELETE SET NULL);
CREATE INDEX "task_document_id" ON "task" ("document_id");
CREATE INDEX "task_assignee_id" ON "task" ("assignee_id");
CREATE INDEX "task_principal_id" ON "task" ("principal_id");
CREATE INDEX "task_acted_by_id" ON "task" ("acted_by_id");
CREATE INDEX "task_assignee_id_status_due_at_id" ON "task" ("assignee_id", "status", "due_at", "id");
CREATE INDEX "task_document_id_status" ON "task" ("document_id", "status");
CREATE TABLE "action" ("id" INTEGER NOT NULL PRIMARY KEY, "document_id" INTEGER, "task_id" INTEGER, "actor_id" INTEGER, "on_behalf_of_id" INTEGER, "action" VARCHAR(255) NOT NULL, "step" VARCHAR(255) NOT NULL, "comment" TEXT NOT NULL, "at" DATETIME NOT NULL, "definition_version" INTEGER NOT NULL, "changes" TEXT NOT NULL, "prev_hash" VARCHAR(255) NOT NULL, "hash" VARCHAR(255) NOT NULL, FOREIGN KEY ("document_id") REFERENCES "document" ("id") ON DELETE RESTRICT, FOREIGN KEY ("task_id") REFERENCES "task" ("id") ON DELETE SET NULL, FOREIGN KEY ("actor_id") REFERENCES "user" ("id") ON DELETE RESTRICT, FOREIGN KEY ("on_behalf_of_id") REFERENCES "user" ("id") ON DELETE RESTRICT);
CREATE INDEX "action_document_id" ON "action" ("document_id");
CREATE INDEX "action_task_id" ON "action" ("task_id");
CREATE INDEX "action_actor_id" ON "action" ("actor_id");
CREATE INDEX "action_on_behalf_of_id" ON "action" ("on_behalf_of_id");
CREATE TABLE "deputy" ("id" INTEGER NOT NULL PRIMARY KEY, "principal_id" INTEGER NOT NULL, "deputy_id" INTEGER NOT NULL, "start" DATE NOT NULL, "end" DATE NOT NULL, "forms" TEXT, "reason" VARCHAR(255) NOT NULL, "source" VARCHAR(255) NOT NULL, "cancelled" INTEGER NOT NULL, "created_at" DATETIME NOT NULL, FOREIGN KEY ("principal_id") REFERENCES "user" ("id") ON DELETE CASCADE, FOREIGN KEY ("deputy_id") REFERENCES "user" ("id") ON DELETE CASCADE);
CREATE INDEX "deputy_principal_id" ON "deputy" ("principal_id");
CREATE INDEX "deputy_deputy_id" ON "deputy" ("deputy_id");
CREATE TABLE "leave_allocation" ("id" INTEGER NOT NULL PRIMARY KEY, "user_id" INTEGER NOT NULL, "year" INTEGER NOT NULL, "leave_type" VARCHAR(255) NOT NULL, "days" DECIMAL(6, 1) NOT NULL, FOREIGN KEY ("user_id") REFERENCES "user" ("id") ON DELETE CASCADE);
CREATE INDEX "leave_allocation_user_id" ON "leave_allocation" ("user_id");
CREATE UNIQUE INDEX "leave_allocation_user_id_year_leave_type" ON "leave_allocation" ("user_id", "year", "leave_type");
"""

V1_ROWS = """
INSERT INTO department VALUES (1, 'sales', 'Sales', '销售部', NULL, NULL);
INSERT INTO department VALUES (2, 'finance', 'Finance', '财务部', NULL, NULL);
INSERT INTO user VALUES (1, 'zhaolei', '赵磊', 'Zhao Lei', 'Sales manager', '销售经理', '', 1, 1, NULL, '2025-01-02 09:00:00');
INSERT INTO user VALUES (2, 'sunyan', '孙燕', 'Sun Yan', 'Sales clerk', '销售内勤', '', 1, 1, NULL, '2025-01-03 09:00:00');
INSERT INTO user VALUES (3, 'wuhong', '吴红', 'Wu Hong', 'Accountant', '会计', '', 2, 0, NULL, '2025-01-04 09:00:00');
UPDATE department SET manager_id = 1 WHERE id = 1;
INSERT INTO role VALUES (1, 'sales', 'Salesperson', '业务员');
INSERT INTO role VALUES (2, 'sales_manager', 'Sales manager', '销售经理');
INSERT INTO user_role VALUES (1, 1, 1), (2, 1, 2), (3, 2, 1);
INSERT INTO counter VALUES ('SO-2025', 7);
INSERT INTO definition VALUES (1, 'sales_order', 1, 'abc123', 'title = "Sales order"', 'data/forms/sales_order.toml', '2025-01-05 09:00:00');
INSERT INTO document VALUES (1, 'SO-2025-0007', 'sales_order', 1, '销售订单 0007', 2, 1, 'pending', 'manager', 1,
    '{"amount": "12800.00"}', '[]', '{}', '2025-02-01 10:00:00', '2025-02-01 10:05:00', '2025-02-01 10:05:00', NULL, 0, 2);
INSERT INTO task VALUES (1, 1, 'manager', 1, 'approve', 1, NULL, 'open', NULL, '', 0, '2025-02-01 10:05:00', '2025-02-02 10:05:00', NULL, NULL, 1);
INSERT INTO action VALUES (1, 1, NULL, 2, NULL, 'submit', 'start', '请审批', '2025-02-01 10:05:00', 1, '{}', '', 'h1');
INSERT INTO deputy VALUES (1, 1, 2, '2025-03-01', '2025-03-05', NULL, 'trip', 'manual', 0, '2025-02-20 09:00:00');
INSERT INTO leave_allocation VALUES (1, 2, 2025, 'annual', 5.0);
INSERT INTO schema_version VALUES (1, 1);
"""

CORE_TABLES = ["department", "user", "role", "user_role", "counter", "definition", "document", "task", "action", "deputy"]
TABLES = [*CORE_TABLES, "leave_allocation"]
"""The v1 tables; `leave_allocation` now belongs to the leave workflow package (created when an office opens)."""


def make_v1_database(path: Path) -> dict[str, list[tuple]]:
    """A schema-version-1 database with rows in every table; returns those rows by table."""
    con = sqlite3.connect(path)
    try:
        con.executescript(V1_SCHEMA)
        con.executescript(V1_ROWS)
        con.commit()
        return {table: con.execute(f'SELECT * FROM "{table}" ORDER BY 1').fetchall() for table in TABLES}
    finally:
        con.close()


def columns(con: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in con.execute(f'PRAGMA table_info("{table}")')]


@pytest.fixture(autouse=True)
def close_after() -> None:
    yield
    store_db.close_database()


def test_a_version_1_database_is_upgraded_in_place_and_keeps_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    before = make_v1_database(path)

    db = store_db.open_database(path)
    assert current_version(db) == SCHEMA_VERSION
    store_db.close_database()

    con = sqlite3.connect(path)
    try:
        assert con.execute("SELECT version FROM schema_version").fetchall() == [(SCHEMA_VERSION,)]
        for table in TABLES:
            old_columns = [c for c in columns(con, table)]
            rows = con.execute(f'SELECT * FROM "{table}" ORDER BY 1').fetchall()
            assert len(rows) == len(before[table]), table
            # The old columns keep their values; new columns are appended after them.
            width = len(before[table][0])
            assert [row[:width] for row in rows] == before[table], table
            assert len(old_columns) >= width
        assert {"attributes", "last_seen_at"} <= set(columns(con, "user"))
        assert {"reminded_at", "remind_count"} <= set(columns(con, "task"))
        assert {row[0] for row in con.execute("SELECT active FROM department")} == {1}, "v14: every department stays open"
        assert con.execute("SELECT login, attributes, last_seen_at FROM user ORDER BY id").fetchall() == [
            ("zhaolei", "{}", None), ("sunyan", "{}", None), ("wuhong", "{}", None),
        ]
        assert con.execute("SELECT reminded_at, remind_count FROM task").fetchall() == [(None, 0)]
        assert con.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'notification'").fetchone()
        tables = {name for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"number_alias", "stored_file"} <= tables  # v8: earlier document numbers, stored file contents
        assert {"credential", "signing_key"} <= tables  # v10: PIN hashes and signing keys
        assert con.execute("SELECT signature_key, signature FROM action").fetchall() == [
            (None, "")] * len(before["action"]), "older audit rows stay unsigned"
        # v9: the tab sizes are counted once from the rows, then kept by every write.
        assert con.execute("SELECT user_id, todo, returned, cc, done, submitted, drafts FROM user_lists ORDER BY user_id").fetchall() == [
            (1, 1, 0, 0, 0, 0, 0), (2, 0, 0, 0, 0, 1, 0), (3, 0, 0, 0, 0, 0, 0)]
        con.execute("UPDATE task SET status = 'done', acted_by_id = 1 WHERE id = 1")
        assert con.execute("SELECT todo, done FROM user_lists WHERE user_id = 1").fetchone() == (0, 1)
        con.rollback()
        # v10: the search index is built for the documents already there.
        assert con.execute("SELECT document_id, body FROM search_doc").fetchall() == [
            (1, "SO-2025-0007\n销售订单 0007\nsunyan\n孙燕\nSales\n销售部\n请审批")]
        assert con.execute("SELECT rowid FROM search_trigram WHERE search_trigram MATCH '\"订单 0007\"'").fetchall() == [(1,)]
        assert con.execute("SELECT rowid FROM search_words WHERE search_words MATCH '\"审 批\"'").fetchall() == [(1,)]
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        indexes = {name for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")}
        v1_indexes = {line.split('"')[1] for line in V1_SCHEMA.splitlines() if line.startswith("CREATE") and "INDEX" in line}
        assert v1_indexes <= indexes, "a rebuilt table keeps its indexes"
        assert "document_form_id_submitted_at" in indexes  # v7: flags count a form's recent documents
        with pytest.raises(sqlite3.IntegrityError):
            con.execute("INSERT INTO user (login, name, name_en, title, title_zh, email, active, created_at) "
                        "VALUES ('zhaolei', 'x', '', '', '', '', 1, '2025-01-01')")
    finally:
        con.close()


def test_the_upgraded_database_works_through_the_models(tmp_path: Path) -> None:
    from tui_office.store.models import Document, Notification, Task, User, UserRole

    path = tmp_path / "old.db"
    make_v1_database(path)
    store_db.open_database(path)

    sunyan = User.get(User.login == "sunyan")
    assert sunyan.attributes == {} and sunyan.last_seen_at is None
    assert [link.role.code for link in UserRole.select().where(UserRole.user == User.get(User.login == "zhaolei"))] == ["sales", "sales_manager"]
    doc = Document.get(Document.number == "SO-2025-0007")
    assert doc.fields == {"amount": "12800.00"}
    task = Task.get(Task.document == doc)
    assert task.remind_count == 0 and task.reminded_at is None
    Notification.create(user=task.assignee, document=doc, kind="task", message="new task")
    assert Notification.select().count() == 1
    User.update(attributes={"probation": True}).where(User.login == "sunyan").execute()
    assert User.get(User.login == "sunyan").attributes == {"probation": True}


def test_opening_again_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    make_v1_database(path)
    store_db.open_database(path)
    store_db.close_database()
    with sqlite3.connect(path) as con:
        first = con.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall()
    store_db.open_database(path)
    store_db.close_database()
    with sqlite3.connect(path) as con:
        assert con.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall() == first
        assert con.execute("SELECT version FROM schema_version").fetchall() == [(SCHEMA_VERSION,)]


def test_a_new_database_gets_the_current_schema(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    db = store_db.open_database(path)
    assert current_version(db) == SCHEMA_VERSION
    for table in CORE_TABLES + ["notification", "schema_version"]:
        assert db.table_exists(table), table


def test_a_database_newer_than_the_code_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    store_db.open_database(path)
    store_db.close_database()
    with sqlite3.connect(path) as con:
        con.execute("UPDATE schema_version SET version = ?", (SCHEMA_VERSION + 1,))
    with pytest.raises(SchemaTooNew) as caught:
        store_db.open_database(path)
    assert isinstance(caught.value, OfficeError)
    message = str(caught.value)
    assert str(SCHEMA_VERSION + 1) in message and "\n" not in message
    with sqlite3.connect(path) as con:
        assert con.execute("SELECT version FROM schema_version").fetchall() == [(SCHEMA_VERSION + 1,)]


OPEN = "import sys; from tui_office.store.db import open_database; open_database(sys.argv[1]); print('ok')"


@pytest.mark.parametrize("start", ["new", "v1"])
def test_several_processes_opening_at_once_upgrade_once(tmp_path: Path, start: str) -> None:
    """Clerks start the app together after an update: every process opens, the schema moves once."""
    import subprocess
    import sys

    path = tmp_path / "office.db"
    if start == "v1":
        make_v1_database(path)
    procs = [
        subprocess.Popen([sys.executable, "-c", OPEN, str(path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(6)
    ]
    results = [(p.wait(timeout=120), *p.communicate()) for p in procs]
    assert all(code == 0 for code, _, _ in results), [err for _, _, err in results if err]
    with sqlite3.connect(path) as con:
        assert con.execute("SELECT version FROM schema_version").fetchall() == [(SCHEMA_VERSION,)]
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        if start == "v1":
            assert con.execute("SELECT count(*) FROM user_role").fetchone()[0] == 3


def _old_row_hash(prev: str, content: dict) -> str:
    """How a version-2 tui-office hashed an audit row (no sealed state)."""
    import hashlib
    import json

    text = json.dumps(content, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256((prev + "\n" + text).encode("utf-8")).hexdigest()


def test_a_version_2_database_gets_sealed_audit_rows_and_its_old_trail_still_verifies(tmp_path: Path) -> None:
    from playhouse.migrate import SqliteMigrator

    from tui_office.services import audit
    from tui_office.store.migrations import STEPS, _foreign_keys_off

    path = tmp_path / "v2.db"
    before = make_v1_database(path)
    content = {"document": 1, "task": None, "actor": 2, "on_behalf_of": None, "action": "submit", "step": "start",
               "comment": "请审批", "at": "2025-02-01 10:05:00", "definition_version": 1, "changes": {}}
    with sqlite3.connect(path) as con:
        con.execute("UPDATE action SET hash = ? WHERE id = 1", (_old_row_hash("", content),))
    db = store_db.make_database(path)
    db.connect()
    with _foreign_keys_off(db), db.atomic():
        STEPS[2](SqliteMigrator(db), db)
        db.execute_sql("UPDATE schema_version SET version = 2")
    db.close()

    store_db.open_database(path, create=False)
    report = audit.verify()
    assert report.ok and report.rows == 1, report
    store_db.close_database()

    con = sqlite3.connect(path)
    try:
        assert con.execute("SELECT version FROM schema_version").fetchall() == [(SCHEMA_VERSION,)]
        for table in TABLES:
            rows = con.execute(f'SELECT * FROM "{table}" ORDER BY 1').fetchall()
            width = len(before[table][0])
            assert [row[:width] for row in rows if table != "action"] == (before[table] if table != "action" else [])
        assert con.execute("SELECT action, comment, state_hash, subject_user FROM action").fetchall() == [
            ("submit", "请审批", "", None)]
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        con.close()


def _schema(db) -> dict[str, tuple]:
    """Every table's columns, indexes and foreign keys as the database reports them (the metadata
    `playhouse.reflection` reads), independent of column order."""
    found = {}
    for table in db.get_tables():
        found[table] = (
            sorted((c.name, c.data_type.upper(), c.null, c.primary_key, str(c.default)) for c in db.get_columns(table)),
            sorted((i.name, tuple(i.columns), i.unique) for i in db.get_indexes(table)),
            sorted((f.column, f.dest_table, f.dest_column) for f in db.get_foreign_keys(table)),
        )
    return found


def _schema_of(path: Path) -> dict[str, tuple]:
    """The schema of the database at `path` as an office opens it: the core's tables upgraded or
    created, and the installed workflow packages' own tables (leave's allocations) made if missing."""
    from tui_office import extensions
    from tui_office.store.area_tables import ensure_tables

    db = store_db.open_database(path, create=True)
    try:
        ensure_tables(model for workflow in extensions.installed() for model in workflow.models)
        return _schema(db)
    finally:
        store_db.close_database()


def test_a_version_1_database_upgrades_to_exactly_the_schema_of_a_new_one(tmp_path: Path) -> None:
    make_v1_database(tmp_path / "old.db")
    upgraded = _schema_of(tmp_path / "old.db")
    fresh = _schema_of(tmp_path / "new.db")
    differences = {t: (upgraded.get(t), fresh.get(t)) for t in set(upgraded) | set(fresh) if upgraded.get(t) != fresh.get(t)}
    assert differences == {}
    triggers = [_triggers(tmp_path / name) for name in ("old.db", "new.db")]
    assert triggers[0] == triggers[1] and len(triggers[0]) == 7


def _triggers(path: Path) -> list[tuple]:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").fetchall()
    finally:
        con.close()


def test_the_schema_comparison_sees_a_missing_index_or_column(tmp_path: Path) -> None:
    fresh = _schema_of(tmp_path / "a.db")
    con = sqlite3.connect(tmp_path / "a.db")
    con.execute('DROP INDEX "notification_user_id_seen_at_id"')
    con.execute('ALTER TABLE "action" DROP COLUMN "subject_user"')
    con.commit()
    con.close()
    changed = _schema_of(tmp_path / "a.db")
    assert changed["notification"] != fresh["notification"] and changed["action"] != fresh["action"]
    assert {t for t in fresh if changed[t] != fresh[t]} == {"notification", "action"}
