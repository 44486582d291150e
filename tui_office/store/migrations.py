"""Provides schema creation and in-place upgrades of older databases (`playhouse.migrate`).

`SCHEMA_VERSION` is what this code expects. A new database gets every table at once; an older
one runs each step above its recorded version, in one transaction per step, and keeps its rows.
To change the schema: change the models, bump `SCHEMA_VERSION` (in `schema_version`), and add a
step here.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from peewee import (
    BlobField, BooleanField, CharField, Database, DatabaseError, DateTimeField, ForeignKeyField, IntegerField, Model,
    PostgresqlDatabase, SqliteDatabase, TextField,
)
from playhouse.migrate import PostgresqlMigrator, SchemaMigrator, SqliteMigrator, migrate

from tui_office.domain.errors import OfficeError
from tui_office.store.models import ALL_MODELS, SchemaVersion
from tui_office.store.schema_version import SCHEMA_VERSION, current_version

__all__ = ["SCHEMA_VERSION", "SchemaTooNew", "current_version", "upgrade"]


class SchemaTooNew(OfficeError):
    """The database was written by a newer tui-office than this one; refuse rather than guess."""

    code = "schema_too_new"


def _to_v2(migrator: SchemaMigrator, db: Database) -> None:
    """v2: last-seen on users, reminder bookkeeping on tasks, notifications.

    (v2 also gave users a yes/no column that v6 turns into an attribute; a v1 database upgraded now
    goes without it, as v6 would drop it straight away.)"""
    migrate(
        migrator.add_column("user", "last_seen_at", DateTimeField(null=True)),
        migrator.add_column("task", "reminded_at", DateTimeField(null=True)),
        migrator.add_column("task", "remind_count", IntegerField(default=0)),
    )
    db.create_tables([_notification_v2(db)])


def _notification_v2(db: Database) -> type[Model]:
    """The notification table as version 2 made it: a frozen copy, so later model changes never
    change what this step creates."""

    class User(Model):
        class Meta:
            database = db
            table_name = "user"

    class Document(Model):
        class Meta:
            database = db
            table_name = "document"

    class Notification(Model):
        user = ForeignKeyField(User, on_delete="CASCADE")
        document = ForeignKeyField(Document, null=True, on_delete="CASCADE")
        kind = CharField()
        message = TextField()
        created_at = DateTimeField()
        seen_at = DateTimeField(null=True)

        class Meta:
            database = db
            table_name = "notification"
            indexes = ((("user", "seen_at", "id"), False),)

    return Notification


def _to_v3_identity(migrator: SchemaMigrator, db: Database) -> None:
    """v3: each user's operating-system login, and the office settings table (security, demo mark).

    Column definitions are frozen here, not taken from the models. An upgraded office is not a
    demo office: only `init --demo` or `demo` marks one.
    """
    migrate(
        migrator.add_column("user", "os_login", CharField(null=True)),
        migrator.add_index("user", ("os_login",), unique=True),
    )
    db.execute_sql('CREATE TABLE IF NOT EXISTS "office_setting" '
                   '("key" VARCHAR(255) NOT NULL PRIMARY KEY, "value" TEXT NOT NULL)')


def _to_v4_audit_state(migrator: SchemaMigrator, db: Database) -> None:
    """v4: each audit row also keeps a digest of the state it left (and the user it is about).

    Older rows keep an empty digest; their hashes stay valid because an empty digest is left out
    of the hashed content."""
    migrate(
        migrator.add_column("action", "state_hash", CharField(default="")),
        migrator.add_column("action", "subject_user", IntegerField(null=True)),
    )


def _to_v5_definition_origin(migrator: SchemaMigrator, db: Database) -> None:
    """v5: where each stored definition came from (the program, or an administrator's load).

    Older rows count as the program's: a form a user's own `forms_dir` stored is replaced by the
    shipped one until an administrator loads the office's forms with `definitions load`."""
    migrate(migrator.add_column("definition", "origin", CharField(default="program")))


V6_USER_COLUMNS = ("id", "login", "name", "name_en", "title", "title_zh", "email", "department_id", "active", "pin_hash",
                   "created_at", "last_seen_at", "os_login", "attributes")
"""The user table's columns as version 6 has them (frozen)."""


def _to_v6_user_attributes(migrator: SchemaMigrator, db: Database) -> None:
    """v6: users get open attributes (JSON) that workflow packages read; any other yes/no column
    of the user table becomes an attribute `{column: true}` for the users who had it set, then goes."""
    migrate(migrator.add_column("user", "attributes", TextField(default="{}")))
    extra = [c for c in db.get_columns("user") if c.name not in V6_USER_COLUMNS]
    for column in extra:
        rows = db.execute_sql(f'SELECT id, attributes FROM "user" WHERE "{column.name}" = ?', (True,)).fetchall()
        for user_id, text in rows:
            attributes = {**json.loads(text or "{}"), column.name: True}
            db.execute_sql('UPDATE "user" SET attributes = ? WHERE id = ?',
                           (json.dumps(attributes, ensure_ascii=False, sort_keys=True), user_id))
    if extra:
        migrate(*(migrator.drop_column("user", column.name) for column in extra))


def _to_v7_documents_by_form_and_time(migrator: SchemaMigrator, db: Database) -> None:
    """v7: documents are found by form and submission time, so a flag that counts a person's
    documents of a form in the last N days reads only those."""
    migrate(migrator.add_index("document", ("form_id", "submitted_at"), unique=False))


def _to_v8_numbers_and_files(migrator: SchemaMigrator, db: Database) -> None:
    """v8: earlier numbers of renumbered documents (a provisional number before the form's
    numbering scheme gave the real one), and file contents an office chose to keep in the database.
    The tables are frozen copies, so later model changes never change what this step creates."""

    class Document(Model):
        class Meta:
            database = db
            table_name = "document"

    class NumberAlias(Model):
        number = CharField(unique=True)
        document = ForeignKeyField(Document, on_delete="CASCADE")
        created_at = DateTimeField()

        class Meta:
            database = db
            table_name = "number_alias"
            legacy_table_names = False

    class StoredFile(Model):
        document = ForeignKeyField(Document, on_delete="CASCADE")
        field = CharField()
        sha256 = CharField()
        size = IntegerField()
        content = BlobField()
        stored_at = DateTimeField()

        class Meta:
            database = db
            table_name = "stored_file"
            legacy_table_names = False
            indexes = ((("document", "field", "sha256"), True),)

    db.create_tables([NumberAlias, StoredFile])
V9_USER_LISTS = """CREATE TABLE IF NOT EXISTS "user_lists" (
    "user_id" INTEGER NOT NULL PRIMARY KEY REFERENCES "user" ("id") ON DELETE CASCADE,
    "todo" INTEGER NOT NULL DEFAULT 0, "returned" INTEGER NOT NULL DEFAULT 0, "cc" INTEGER NOT NULL DEFAULT 0,
    "done" INTEGER NOT NULL DEFAULT 0, "submitted" INTEGER NOT NULL DEFAULT 0, "drafts" INTEGER NOT NULL DEFAULT 0,
    "changes" INTEGER NOT NULL DEFAULT 0)"""
"""Per user: the size of each inbox list and a number that grows whenever one of them may have changed."""

_V9_TASK_ROWS = """
    INSERT INTO user_lists (user_id, todo, cc, changes) VALUES ({t}.assignee_id, {sign}({t}.status = 'open'), {sign}({t}.status = 'cc'), 1)
        ON CONFLICT (user_id) DO UPDATE SET todo = todo + excluded.todo, cc = cc + excluded.cc, changes = changes + 1;
    INSERT INTO user_lists (user_id, done, changes) SELECT {t}.acted_by_id, {sign}({t}.status = 'done'), 1 WHERE {t}.acted_by_id IS NOT NULL
        ON CONFLICT (user_id) DO UPDATE SET done = done + excluded.done, changes = changes + 1;"""
_V9_DOCUMENT_ROWS = """
    INSERT INTO user_lists (user_id, returned, submitted, drafts, changes) VALUES ({t}.initiator_id, {sign}({t}.status = 'returned'),
            {sign}({t}.status NOT IN ('draft', 'discarded')), {sign}({t}.status = 'draft'), 1)
        ON CONFLICT (user_id) DO UPDATE SET returned = returned + excluded.returned, submitted = submitted + excluded.submitted,
            drafts = drafts + excluded.drafts, changes = changes + 1;"""
V9_TRIGGERS = {
    "user_lists_task_insert": "AFTER INSERT ON task BEGIN" + _V9_TASK_ROWS.format(t="NEW", sign="") + " END",
    "user_lists_task_delete": "AFTER DELETE ON task BEGIN" + _V9_TASK_ROWS.format(t="OLD", sign="-") + " END",
    "user_lists_task_update": "AFTER UPDATE ON task BEGIN" + _V9_TASK_ROWS.format(t="OLD", sign="-")
                              + _V9_TASK_ROWS.format(t="NEW", sign="") + " END",
    "user_lists_document_insert": "AFTER INSERT ON document BEGIN" + _V9_DOCUMENT_ROWS.format(t="NEW", sign="") + " END",
    "user_lists_document_delete": "AFTER DELETE ON document BEGIN" + _V9_DOCUMENT_ROWS.format(t="OLD", sign="-") + " END",
    # A document's title, step and status show on every list row of its tasks: their holders' lists change too.
    "user_lists_document_update": "AFTER UPDATE ON document BEGIN" + _V9_DOCUMENT_ROWS.format(t="OLD", sign="-")
                                  + _V9_DOCUMENT_ROWS.format(t="NEW", sign="") + """
    UPDATE user_lists SET changes = changes + 1 WHERE user_id IN (
        SELECT assignee_id FROM task WHERE document_id = NEW.id UNION SELECT acted_by_id FROM task WHERE document_id = NEW.id);
    END""",
    "user_lists_notification_insert": """AFTER INSERT ON notification BEGIN
    INSERT INTO user_lists (user_id, changes) VALUES (NEW.user_id, 1) ON CONFLICT (user_id) DO UPDATE SET changes = changes + 1;
    END""",
}
"""The triggers that keep `user_lists` right in the transaction of every write, whoever writes."""

V9_BACKFILL = """INSERT INTO user_lists (user_id, todo, returned, cc, done, submitted, drafts)
    SELECT u.id,
        (SELECT count(*) FROM task WHERE assignee_id = u.id AND status = 'open'),
        (SELECT count(*) FROM document WHERE initiator_id = u.id AND status = 'returned'),
        (SELECT count(*) FROM task WHERE assignee_id = u.id AND status = 'cc'),
        (SELECT count(*) FROM task WHERE acted_by_id = u.id AND status = 'done'),
        (SELECT count(*) FROM document WHERE initiator_id = u.id AND status NOT IN ('draft', 'discarded')),
        (SELECT count(*) FROM document WHERE initiator_id = u.id AND status = 'draft')
    FROM "user" u WHERE true
    ON CONFLICT (user_id) DO UPDATE SET todo = excluded.todo, returned = excluded.returned, cc = excluded.cc,
        done = excluded.done, submitted = excluded.submitted, drafts = excluded.drafts, changes = changes + 1"""


def _to_v9_user_lists(migrator: SchemaMigrator, db: Database) -> None:
    """v9 (SQLite): each user's list sizes and change marker, counted once now and kept by triggers, so
    the tab counts are one row and an open inbox can tell that nothing of its user's changed.

    Other databases go without: their counts are counted and any change reloads (`store.user_lists`).
    A new database gets the same table and triggers right after its tables (`upgrade`)."""
    if not isinstance(db, SqliteDatabase):
        return
    db.execute_sql(V9_USER_LISTS)
    for name, body in V9_TRIGGERS.items():
        db.execute_sql(f'CREATE TRIGGER IF NOT EXISTS "{name}" {body}')
    db.execute_sql(V9_BACKFILL)


def _to_v10_search_index(migrator: SchemaMigrator, db: Database) -> None:
    """v10 (SQLite): the full-text search index (`store.search_sqlite`): each document's text, an FTS5
    trigram index of it and an FTS5 index of its words with CJK characters standing alone, built now
    for every document already there (with progress on a terminal), kept current by every write after.

    PostgreSQL gets its own at version 13 (`store.search_server`)."""
    if not isinstance(db, SqliteDatabase):
        return
    db.execute_sql('CREATE TABLE IF NOT EXISTS "search_doc" ("document_id" INTEGER NOT NULL PRIMARY KEY, '
                   '"body" TEXT NOT NULL)')
    db.execute_sql("CREATE VIRTUAL TABLE IF NOT EXISTS search_trigram USING fts5(body, content='search_doc', "
                   "content_rowid='document_id', tokenize='trigram')")
    db.execute_sql("CREATE VIRTUAL TABLE IF NOT EXISTS search_words USING fts5(body, content='', "
                   "tokenize='unicode61 remove_diacritics 2')")
    from tui_office.store import search_index

    search_index.rebuild(progress=search_index.terminal_progress)


V11_SERVER_USER_LISTS = (
    """CREATE TABLE IF NOT EXISTS "user_lists" (
    "user_id" INTEGER NOT NULL PRIMARY KEY REFERENCES "user" ("id") ON DELETE CASCADE,
    "todo" INTEGER NOT NULL DEFAULT 0, "returned" INTEGER NOT NULL DEFAULT 0, "cc" INTEGER NOT NULL DEFAULT 0,
    "done" INTEGER NOT NULL DEFAULT 0, "submitted" INTEGER NOT NULL DEFAULT 0, "drafts" INTEGER NOT NULL DEFAULT 0,
    "changes" INTEGER NOT NULL DEFAULT 0)""",
    """CREATE OR REPLACE FUNCTION user_lists_add(who INTEGER, d_todo INTEGER, d_returned INTEGER, d_cc INTEGER,
        d_done INTEGER, d_submitted INTEGER, d_drafts INTEGER) RETURNS void LANGUAGE sql AS $$
    INSERT INTO user_lists AS l (user_id, todo, returned, cc, done, submitted, drafts, changes)
        VALUES (who, d_todo, d_returned, d_cc, d_done, d_submitted, d_drafts, 1)
        ON CONFLICT (user_id) DO UPDATE SET todo = l.todo + d_todo, returned = l.returned + d_returned,
            cc = l.cc + d_cc, done = l.done + d_done, submitted = l.submitted + d_submitted,
            drafts = l.drafts + d_drafts, changes = l.changes + 1
    $$""",
    """CREATE OR REPLACE FUNCTION user_lists_task() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP <> 'INSERT' THEN
            PERFORM user_lists_add(OLD.assignee_id, -(OLD.status = 'open')::int, 0, -(OLD.status = 'cc')::int, 0, 0, 0);
            IF OLD.acted_by_id IS NOT NULL THEN
                PERFORM user_lists_add(OLD.acted_by_id, 0, 0, 0, -(OLD.status = 'done')::int, 0, 0);
            END IF;
        END IF;
        IF TG_OP <> 'DELETE' THEN
            PERFORM user_lists_add(NEW.assignee_id, (NEW.status = 'open')::int, 0, (NEW.status = 'cc')::int, 0, 0, 0);
            IF NEW.acted_by_id IS NOT NULL THEN
                PERFORM user_lists_add(NEW.acted_by_id, 0, 0, 0, (NEW.status = 'done')::int, 0, 0);
            END IF;
        END IF;
        RETURN NULL;
    END $$""",
    """CREATE OR REPLACE FUNCTION user_lists_document() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP <> 'INSERT' THEN
            PERFORM user_lists_add(OLD.initiator_id, 0, -(OLD.status = 'returned')::int, 0, 0,
                -(OLD.status NOT IN ('draft', 'discarded'))::int, -(OLD.status = 'draft')::int);
        END IF;
        IF TG_OP <> 'DELETE' THEN
            PERFORM user_lists_add(NEW.initiator_id, 0, (NEW.status = 'returned')::int, 0, 0,
                (NEW.status NOT IN ('draft', 'discarded'))::int, (NEW.status = 'draft')::int);
        END IF;
        IF TG_OP = 'UPDATE' THEN
            UPDATE user_lists SET changes = changes + 1 WHERE user_id IN (
                SELECT assignee_id FROM task WHERE document_id = NEW.id
                UNION SELECT acted_by_id FROM task WHERE document_id = NEW.id);
        END IF;
        RETURN NULL;
    END $$""",
    """CREATE OR REPLACE FUNCTION user_lists_notification() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM user_lists_add(NEW.user_id, 0, 0, 0, 0, 0, 0);
        RETURN NULL;
    END $$""",
    'DROP TRIGGER IF EXISTS user_lists_task ON task',
    'CREATE TRIGGER user_lists_task AFTER INSERT OR UPDATE OR DELETE ON task FOR EACH ROW EXECUTE FUNCTION user_lists_task()',
    'DROP TRIGGER IF EXISTS user_lists_document ON document',
    'CREATE TRIGGER user_lists_document AFTER INSERT OR UPDATE OR DELETE ON document '
    'FOR EACH ROW EXECUTE FUNCTION user_lists_document()',
    'DROP TRIGGER IF EXISTS user_lists_notification ON notification',
    'CREATE TRIGGER user_lists_notification AFTER INSERT ON notification '
    'FOR EACH ROW EXECUTE FUNCTION user_lists_notification()',
    # The first count is version 9's, with the existing row named: PostgreSQL would not know which "changes".
    V9_BACKFILL.replace("INSERT INTO user_lists (", "INSERT INTO user_lists AS l (")
    .replace("changes = changes + 1", "changes = l.changes + 1"),
)
"""PostgreSQL's `user_lists` (as version 9 made it on SQLite): the table, the PL/pgSQL functions and
triggers that keep it in every write's transaction, and the first count (frozen)."""


def _to_v11_user_lists_on_server(migrator: SchemaMigrator, db: Database) -> None:
    """v11 (PostgreSQL): each user's list sizes and change marker, as SQLite has had them since v9,
    kept by PL/pgSQL triggers: tab counts are one row, and an open inbox reloads only for changes
    that concern its user. Nothing to do on SQLite."""
    if isinstance(db, SqliteDatabase):
        return
    for sql in V11_SERVER_USER_LISTS:
        db.execute_sql(sql)


def _to_v12_signatures(migrator: SchemaMigrator, db: Database) -> None:
    """v12: PIN lockouts, users' signing keys, and signatures on audit rows.
    The tables are frozen copies, so later model changes never change what this step creates."""

    class User(Model):
        class Meta:
            database = db
            table_name = "user"

    class Credential(Model):
        user = ForeignKeyField(User, unique=True, on_delete="CASCADE")
        failed_tries = IntegerField(default=0)
        locked_until = DateTimeField(null=True)

        class Meta:
            database = db
            table_name = "credential"
            legacy_table_names = False

    class SigningKey(Model):
        user = ForeignKeyField(User, on_delete="CASCADE")
        public_key = CharField()
        private_key = BlobField()
        salt = BlobField()
        created_at = DateTimeField()
        retired_at = DateTimeField(null=True)

        class Meta:
            database = db
            table_name = "signing_key"
            legacy_table_names = False

    have = {column.name for column in db.get_columns("action")}
    migrate(*[migrator.add_column("action", name, column) for name, column in
              (("signature_key", IntegerField(null=True)), ("signature", TextField(default=""))) if name not in have])
    db.create_tables([Credential, SigningKey])


def _to_v13_search_on_server(migrator: SchemaMigrator, db: Database) -> None:
    """v13 (PostgreSQL): the full-text search index (`store.search_server`): each document's text,
    with a `pg_trgm` GIN index when the extension is there or may be made (in `public`, so every
    schema of the database shares it), built now for every document already there. Nothing to do
    on SQLite (version 10 gave it FTS5)."""
    if isinstance(db, SqliteDatabase):
        return
    db.execute_sql('CREATE TABLE IF NOT EXISTS "search_doc" ("document_id" INTEGER NOT NULL PRIMARY KEY, '
                   '"body" TEXT NOT NULL)')
    schema = _trigram_schema(db)
    if schema is not None:
        db.execute_sql(f'CREATE INDEX IF NOT EXISTS "search_doc_body_trgm" ON "search_doc" '
                       f'USING gin ("body" "{schema}".gin_trgm_ops)')
    from tui_office.store import search_index

    search_index.rebuild(progress=search_index.terminal_progress)


def _trigram_schema(db: Database) -> str | None:
    """The schema of the `pg_trgm` extension, made if missing and allowed; None without it."""
    found = "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm'"
    row = db.execute_sql(found).fetchone()
    if row is None:
        for sql in ("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public", "CREATE EXTENSION IF NOT EXISTS pg_trgm"):
            try:
                with db.atomic():  # a savepoint: a refusal leaves the upgrade's transaction usable
                    db.execute_sql(sql)
                break
            except DatabaseError:
                continue
        row = db.execute_sql(found).fetchone()
    return row[0] if row else None


def _to_v14_department_active(migrator: SchemaMigrator, db: Database) -> None:
    """v14: a department can be closed (deactivated) by an administrator; every existing one is open."""
    if "active" not in {column.name for column in db.get_columns("department")}:
        migrate(migrator.add_column("department", "active", BooleanField(default=True)))


STEPS: dict[int, Callable[[SchemaMigrator, Database], None]] = {
    2: _to_v2, 3: _to_v3_identity, 4: _to_v4_audit_state, 5: _to_v5_definition_origin, 6: _to_v6_user_attributes,
    7: _to_v7_documents_by_form_and_time,
    8: _to_v8_numbers_and_files,
    9: _to_v9_user_lists,
    10: _to_v10_search_index,
    11: _to_v11_user_lists_on_server,
    12: _to_v12_signatures,
    13: _to_v13_search_on_server,
    14: _to_v14_department_active,
}
CREATED_WITH_TABLES = (_to_v9_user_lists, _to_v10_search_index, _to_v11_user_lists_on_server,
                       _to_v13_search_on_server)
"""Steps whose work the models do not describe (triggers, tables kept by them): a new database runs
them right after creating its tables."""


def _migrator(db: Database) -> SchemaMigrator:
    if isinstance(db, PostgresqlDatabase):
        return PostgresqlMigrator(db)
    return SqliteMigrator(db)


def upgrade(db: Database) -> int:
    """Create or upgrade the schema; returns the version reached.

    Several processes may open an old or new database at once: each step re-reads the version
    inside its (write-locked) transaction, so only the first process does the work.
    """
    version = current_version(db)
    if version == 0 and not db.table_exists("document"):
        with db.atomic():
            db.create_tables(ALL_MODELS)
            for step in CREATED_WITH_TABLES:
                step(_migrator(db), db)
            if current_version(db) == 0:
                SchemaVersion.create(version=SCHEMA_VERSION)
        return SCHEMA_VERSION
    if version > SCHEMA_VERSION:
        raise SchemaTooNew(version=version, known=SCHEMA_VERSION)
    for target in range(version + 1, SCHEMA_VERSION + 1):
        with _foreign_keys_off(db):
            with db.atomic():
                if current_version(db) >= target:
                    continue
                STEPS[target](_migrator(db), db)
                _check_foreign_keys(db, target)
                SchemaVersion.delete().execute()
                SchemaVersion.create(version=target)
    return SCHEMA_VERSION


@contextmanager
def _foreign_keys_off(db: Database) -> Iterator[None]:
    """SQLite rebuilds a table to change a column; with foreign keys on, dropping the old copy
    would cascade-delete or refuse over the rows that point at it. SQLite's documented recipe:
    foreign keys off outside the transaction, check them before commit, on again after."""
    if not isinstance(db, SqliteDatabase):
        yield
        return
    db.execute_sql("PRAGMA foreign_keys = OFF")
    try:
        yield
    finally:
        db.execute_sql("PRAGMA foreign_keys = ON")


def _check_foreign_keys(db: Database, target: int) -> None:
    if isinstance(db, SqliteDatabase):
        broken = db.execute_sql("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise OfficeError("migration_broke_links", version=target, table=broken[0][0])
