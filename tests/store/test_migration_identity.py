"""Upgrading a schema-version-2 database adds each user's OS login and the office settings table,
keeps every row, and leaves the office a real (non-demo) one.

`V2_SCHEMA` is frozen: what tui-office wrote at schema version 2. Never edit it to follow the models.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tui_office.config import Settings
from tui_office.domain.errors import PermissionDenied
from tui_office.services import identity, office_settings
from tui_office.services.office import Office
from tui_office.store import db as store_db
from tui_office.store.migrations import SCHEMA_VERSION

V2_SCHEMA = """
CREATE TABLE "action" ("id" INTEGER NOT NULL PRIMARY KEY, "document_id" INTEGER, "task_id" INTEGER, "actor_id" INTEGER, "on_behalf_of_id" INTEGER, "action" VARCHAR(255) NOT NULL, "step" VARCHAR(255) NOT NULL, "comment" TEXT NOT NULL, "at" DATETIME NOT NULL, "definition_version" INTEGER NOT NULL, "changes" TEXT NOT NULL, "prev_hash" VARCHAR(255) NOT NULL, "hash" VARCHAR(255) NOT NULL, FOREIGN KEY ("document_id") REFERENCES "document" ("id") ON DELETE RESTRICT, FOREIGN KEY ("task_id") REFERENCES "task" ("id") ON DELETE SET NULL, FOREIGN KEY ("actor_id") REFERENCES "user" ("id") ON DELETE RESTRICT, FOREIGN KEY ("on_behalf_of_id") REFERENCES "user" ("id") ON DELETE RESTRICT);
CREATE TABLE "counter" ("key" VARCHAR(255) NOT NULL PRIMARY KEY, "value" INTEGER NOT NULL);
CREATE TABLE "definition" ("id" INTEGER NOT NULL PRIMARY KEY, "form_id" VARCHAR(255) NOT NULL, "version" INTEGER NOT NULL, "digest" VARCHAR(255) NOT NULL, "source" TEXT NOT NULL, "path" VARCHAR(255) NOT NULL, "loaded_at" DATETIME NOT NULL);
CREATE TABLE "department" ("id" INTEGER NOT NULL PRIMARY KEY, "code" VARCHAR(255) NOT NULL, "name_en" VARCHAR(255) NOT NULL, "name_zh" VARCHAR(255) NOT NULL, "parent_id" INTEGER, "manager_id" INTEGER, FOREIGN KEY ("parent_id") REFERENCES "department" ("id") ON DELETE SET NULL);
CREATE TABLE "deputy" ("id" INTEGER NOT NULL PRIMARY KEY, "principal_id" INTEGER NOT NULL, "deputy_id" INTEGER NOT NULL, "start" DATE NOT NULL, "end" DATE NOT NULL, "forms" TEXT, "reason" VARCHAR(255) NOT NULL, "source" VARCHAR(255) NOT NULL, "cancelled" INTEGER NOT NULL, "created_at" DATETIME NOT NULL, FOREIGN KEY ("principal_id") REFERENCES "user" ("id") ON DELETE CASCADE, FOREIGN KEY ("deputy_id") REFERENCES "user" ("id") ON DELETE CASCADE);
CREATE TABLE "document" ("id" INTEGER NOT NULL PRIMARY KEY, "number" VARCHAR(255) NOT NULL, "form_id" VARCHAR(255) NOT NULL, "definition_id" INTEGER NOT NULL, "title" VARCHAR(255) NOT NULL, "initiator_id" INTEGER NOT NULL, "department_id" INTEGER, "status" VARCHAR(255) NOT NULL, "step" VARCHAR(255), "round" INTEGER NOT NULL, "fields" TEXT NOT NULL, "flags" TEXT NOT NULL, "state" TEXT NOT NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, "submitted_at" DATETIME, "finished_at" DATETIME, "archived" INTEGER NOT NULL, "version" INTEGER NOT NULL, FOREIGN KEY ("definition_id") REFERENCES "definition" ("id") ON DELETE RESTRICT, FOREIGN KEY ("initiator_id") REFERENCES "user" ("id") ON DELETE RESTRICT, FOREIGN KEY ("department_id") REFERENCES "department" ("id") ON DELETE SET NULL);
CREATE TABLE "leave_allocation" ("id" INTEGER NOT NULL PRIMARY KEY, "user_id" INTEGER NOT NULL, "year" INTEGER NOT NULL, "leave_type" VARCHAR(255) NOT NULL, "days" DECIMAL(6, 1) NOT NULL, FOREIGN KEY ("user_id") REFERENCES "user" ("id") ON DELETE CASCADE);
CREATE TABLE "notification" ("id" INTEGER NOT NULL PRIMARY KEY, "user_id" INTEGER NOT NULL, "document_id" INTEGER, "kind" VARCHAR(255) NOT NULL, "message" TEXT NOT NULL, "created_at" DATETIME NOT NULL, "seen_at" DATETIME, FOREIGN KEY ("user_id") REFERENCES "user" ("id") ON DELETE CASCADE, FOREIGN KEY ("document_id") REFERENCES "document" ("id") ON DELETE CASCADE);
CREATE TABLE "role" ("id" INTEGER NOT NULL PRIMARY KEY, "code" VARCHAR(255) NOT NULL, "name_en" VARCHAR(255) NOT NULL, "name_zh" VARCHAR(255) NOT NULL);
CREATE TABLE "schema_version" ("id" INTEGER NOT NULL PRIMARY KEY, "version" INTEGER NOT NULL);
CREATE TABLE "task" ("id" INTEGER NOT NULL PRIMARY KEY, "document_id" INTEGER NOT NULL, "step" VARCHAR(255) NOT NULL, "round" INTEGER NOT NULL, "kind" VARCHAR(255) NOT NULL, "assignee_id" INTEGER NOT NULL, "principal_id" INTEGER, "status" VARCHAR(255) NOT NULL, "decision" VARCHAR(255), "comment" TEXT NOT NULL, "position" INTEGER NOT NULL, "created_at" DATETIME NOT NULL, "due_at" DATETIME, "acted_at" DATETIME, "acted_by_id" INTEGER, "reminded_at" DATETIME, "remind_count" INTEGER NOT NULL, "version" INTEGER NOT NULL, FOREIGN KEY ("document_id") REFERENCES "document" ("id") ON DELETE CASCADE, FOREIGN KEY ("assignee_id") REFERENCES "user" ("id") ON DELETE RESTRICT, FOREIGN KEY ("principal_id") REFERENCES "user" ("id") ON DELETE SET NULL, FOREIGN KEY ("acted_by_id") REFERENCES "user" ("id") ON DELETE SET NULL);
CREATE TABLE "user" ("id" INTEGER NOT NULL PRIMARY KEY, "login" VARCHAR(255) NOT NULL, "name" VARCHAR(255) NOT NULL, "name_en" VARCHAR(255) NOT NULL, "title" VARCHAR(255) NOT NULL, "title_zh" VARCHAR(255) NOT NULL, "email" VARCHAR(255) NOT NULL, "department_id" INTEGER, "active" INTEGER NOT NULL, "probation" INTEGER NOT NULL, "pin_hash" VARCHAR(255), "created_at" DATETIME NOT NULL, "last_seen_at" DATETIME, FOREIGN KEY ("department_id") REFERENCES "department" ("id") ON DELETE SET NULL);
CREATE TABLE "user_role" ("id" INTEGER NOT NULL PRIMARY KEY, "user_id" INTEGER NOT NULL, "role_id" INTEGER NOT NULL, FOREIGN KEY ("user_id") REFERENCES "user" ("id") ON DELETE CASCADE, FOREIGN KEY ("role_id") REFERENCES "role" ("id") ON DELETE CASCADE);
CREATE INDEX "action_actor_id" ON "action" ("actor_id");
CREATE INDEX "action_document_id" ON "action" ("document_id");
CREATE INDEX "action_on_behalf_of_id" ON "action" ("on_behalf_of_id");
CREATE INDEX "action_task_id" ON "action" ("task_id");
CREATE UNIQUE INDEX "definition_form_id_version" ON "definition" ("form_id", "version");
CREATE UNIQUE INDEX "department_code" ON "department" ("code");
CREATE INDEX "department_manager_id" ON "department" ("manager_id");
CREATE INDEX "department_parent_id" ON "department" ("parent_id");
CREATE INDEX "deputy_deputy_id" ON "deputy" ("deputy_id");
CREATE INDEX "deputy_principal_id" ON "deputy" ("principal_id");
CREATE INDEX "document_definition_id" ON "document" ("definition_id");
CREATE INDEX "document_department_id" ON "document" ("department_id");
CREATE INDEX "document_form_id" ON "document" ("form_id");
CREATE INDEX "document_initiator_id" ON "document" ("initiator_id");
CREATE INDEX "document_initiator_id_status_updated_at" ON "document" ("initiator_id", "status", "updated_at");
CREATE UNIQUE INDEX "document_number" ON "document" ("number");
CREATE INDEX "document_status" ON "document" ("status");
CREATE INDEX "leave_allocation_user_id" ON "leave_allocation" ("user_id");
CREATE UNIQUE INDEX "leave_allocation_user_id_year_leave_type" ON "leave_allocation" ("user_id", "year", "leave_type");
CREATE INDEX "notification_document_id" ON "notification" ("document_id");
CREATE INDEX "notification_user_id" ON "notification" ("user_id");
CREATE INDEX "notification_user_id_seen_at_id" ON "notification" ("user_id", "seen_at", "id");
CREATE UNIQUE INDEX "role_code" ON "role" ("code");
CREATE INDEX "task_acted_by_id" ON "task" ("acted_by_id");
CREATE INDEX "task_assignee_id" ON "task" ("assignee_id");
CREATE INDEX "task_assignee_id_status_due_at_id" ON "task" ("assignee_id", "status", "due_at", "id");
CREATE INDEX "task_document_id" ON "task" ("document_id");
CREATE INDEX "task_document_id_status" ON "task" ("document_id", "status");
CREATE INDEX "task_principal_id" ON "task" ("principal_id");
CREATE INDEX "user_department_id" ON "user" ("department_id");
CREATE UNIQUE INDEX "user_login" ON "user" ("login");
CREATE INDEX "user_role_role_id" ON "user_role" ("role_id");
CREATE INDEX "user_role_user_id" ON "user_role" ("user_id");
CREATE UNIQUE INDEX "user_role_user_id_role_id" ON "user_role" ("user_id", "role_id");
"""

V2_ROWS = """
INSERT INTO department VALUES (1, 'sales', 'Sales', '销售部', NULL, NULL);
INSERT INTO user VALUES (1, 'zhaolei', '赵磊', 'Zhao Lei', 'Sales manager', '销售经理', '', 1, 1, 0, NULL, '2025-01-02 09:00:00', NULL);
INSERT INTO user VALUES (2, 'sunyan', '孙燕', 'Sun Yan', 'Sales clerk', '销售内勤', '', 1, 1, 1, NULL, '2025-01-03 09:00:00', '2025-06-01 08:00:00');
INSERT INTO role VALUES (1, 'admin', 'Administrator', '系统管理员');
INSERT INTO user_role VALUES (1, 1, 1);
INSERT INTO action VALUES (1, NULL, NULL, 1, NULL, 'user_add', '', '', '2025-02-01 10:05:00', 0, '{}', '', 'h1');
INSERT INTO notification VALUES (1, 2, NULL, 'task', 'hello', '2025-02-01 10:05:00', NULL);
INSERT INTO schema_version VALUES (1, 2);
"""

TABLES = ["department", "user", "role", "user_role", "action", "notification"]


@pytest.fixture(autouse=True)
def close_after() -> None:
    yield
    store_db.close_database()


def make_v2_database(path: Path) -> dict[str, list[tuple]]:
    con = sqlite3.connect(path)
    try:
        con.executescript(V2_SCHEMA)
        con.executescript(V2_ROWS)
        con.commit()
        return {table: con.execute(f'SELECT * FROM "{table}" ORDER BY 1').fetchall() for table in TABLES}
    finally:
        con.close()


def test_a_version_2_database_gains_os_logins_and_settings_and_keeps_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "v2.db"
    before = make_v2_database(path)
    office = Office.open(Settings(), path)
    office.close()
    con = sqlite3.connect(path)
    try:
        assert con.execute("SELECT version FROM schema_version").fetchall() == [(SCHEMA_VERSION,)]
        for table in TABLES:
            rows = con.execute(f'SELECT * FROM "{table}" ORDER BY 1').fetchall()
            kept = before[table]
            if table == "user":  # v6 turns the yes/no column (the 10th) into an attribute
                kept = [row[:9] + row[10:] for row in kept]
            width = len(kept[0])
            assert [row[:width] for row in rows] == kept, table
        assert con.execute("SELECT login, os_login FROM user ORDER BY id").fetchall() == [("zhaolei", None), ("sunyan", None)]
        assert con.execute("SELECT login, attributes FROM user ORDER BY id").fetchall() == [
            ("zhaolei", "{}"), ("sunyan", '{"probation": true}')]
        assert con.execute("SELECT count(*) FROM office_setting").fetchone() == (0,)
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        con.execute("UPDATE user SET os_login = 'z' WHERE id = 1")
        with pytest.raises(sqlite3.IntegrityError):  # one OS account, one user
            con.execute("UPDATE user SET os_login = 'z' WHERE id = 2")
    finally:
        con.close()


def test_an_upgraded_office_is_a_real_one_whose_users_keep_signing_in_by_name(tmp_path: Path) -> None:
    path = tmp_path / "v2.db"
    make_v2_database(path)
    office = Office.open(Settings(), path)
    assert not office_settings.is_demo(office)
    assert identity.identify(office, None, account="sunyan").login == "sunyan"
    with pytest.raises(PermissionDenied):
        identity.identify(office, "zhaolei", account="sunyan")
    assert identity.identify(office, "sunyan", account="zhaolei").login == "sunyan"  # zhaolei is an admin
