"""Provides the Peewee models: people and organisation, definitions, documents, tasks, audit.

Column types stay portable (SQLite and PostgreSQL): JSON is stored as text, money as decimal
strings inside that JSON, times as naive local datetimes.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal

from peewee import (
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    DeferredForeignKey,
    ForeignKeyField,
    IntegerField,
    Model,
    BlobField,
    TextField,
)

from tui_office.store.proxy import database


def _json_default(value: object) -> object:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    raise TypeError(f"cannot store {type(value).__name__} as JSON")


def dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=_json_default)


class JSONText(TextField):
    """JSON kept as text (portable); Decimals and dates become strings."""

    def db_value(self, value: object) -> str | None:
        return None if value is None else dumps(value)

    def python_value(self, value: str | None) -> object:
        return None if value is None else json.loads(value)


class BaseModel(Model):
    class Meta:
        database = database
        legacy_table_names = False


class SchemaVersion(BaseModel):
    """The schema version this database has been brought up to."""

    version = IntegerField()


class Department(BaseModel):
    code = CharField(unique=True)
    name_en = CharField()
    name_zh = CharField(default="")
    manager = DeferredForeignKey("User", null=True, on_delete="SET NULL")
    parent = ForeignKeyField("self", null=True, backref="children", on_delete="SET NULL")
    active = BooleanField(default=True)
    """False once an administrator closed it: no new members, kept for the documents it had."""


class User(BaseModel):
    login = CharField(unique=True)
    name = CharField()
    name_en = CharField(default="")
    title = CharField(default="")
    title_zh = CharField(default="")
    email = CharField(default="")
    department = ForeignKeyField(Department, null=True, backref="members", on_delete="SET NULL")
    active = BooleanField(default=True)
    pin_hash = CharField(null=True)
    created_at = DateTimeField(default=datetime.now)
    last_seen_at = DateTimeField(null=True)
    os_login = CharField(null=True, unique=True)
    """The operating-system account this user signs in as; None means the same name as `login`."""
    attributes = JSONText(default=dict)
    """Open facts about the user that workflow packages read (`{"grade": "A"}`), set with `users add --attr`."""


class Role(BaseModel):
    code = CharField(unique=True)
    name_en = CharField()
    name_zh = CharField(default="")


class UserRole(BaseModel):
    user = ForeignKeyField(User, backref="role_links", on_delete="CASCADE")
    role = ForeignKeyField(Role, backref="user_links", on_delete="CASCADE")

    class Meta:
        indexes = ((("user", "role"), True),)


class Definition(BaseModel):
    """One version of one form definition, kept forever so documents in flight can use it."""

    form_id = CharField()
    version = IntegerField()
    digest = CharField()
    source = TextField()
    path = CharField(default="")
    loaded_at = DateTimeField(default=datetime.now)
    origin = CharField(default="program")
    """`program`: a form shipped with tui-office; `office`: loaded by an administrator
    (`definitions load`); `config`: a demo office's `forms_dir`."""

    class Meta:
        indexes = ((("form_id", "version"), True),)


class Counter(BaseModel):
    """Document-number sequences: one row per prefix and year, never decremented."""

    key = CharField(primary_key=True)
    value = IntegerField(default=0)


class Document(BaseModel):
    number = CharField(unique=True)
    form_id = CharField(index=True)
    definition = ForeignKeyField(Definition, on_delete="RESTRICT")
    title = CharField(default="")
    initiator = ForeignKeyField(User, backref="documents", on_delete="RESTRICT")
    department = ForeignKeyField(Department, null=True, on_delete="SET NULL")
    status = CharField(default="draft", index=True)
    step = CharField(null=True)
    round = IntegerField(default=0)
    fields = JSONText(default=dict)
    flags = JSONText(default=list)
    state = JSONText(default=dict)
    created_at = DateTimeField(default=datetime.now)
    updated_at = DateTimeField(default=datetime.now)
    submitted_at = DateTimeField(null=True)
    finished_at = DateTimeField(null=True)
    archived = BooleanField(default=False)
    version = IntegerField(default=1)

    class Meta:
        indexes = (
            (("initiator", "status", "updated_at"), False),
            (("form_id", "submitted_at"), False),
        )


class Task(BaseModel):
    """One person's part in one step: approve/decide, a cc copy, a follow-up, a record step."""

    document = ForeignKeyField(Document, backref="tasks", on_delete="CASCADE")
    step = CharField()
    round = IntegerField(default=0)
    kind = CharField(default="approve")
    assignee = ForeignKeyField(User, backref="tasks", on_delete="RESTRICT")
    principal = ForeignKeyField(User, null=True, on_delete="SET NULL")
    status = CharField(default="open")
    decision = CharField(null=True)
    comment = TextField(default="")
    position = IntegerField(default=0)
    created_at = DateTimeField(default=datetime.now)
    due_at = DateTimeField(null=True)
    acted_at = DateTimeField(null=True)
    acted_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
    reminded_at = DateTimeField(null=True)
    remind_count = IntegerField(default=0)
    version = IntegerField(default=1)

    class Meta:
        indexes = (
            (("assignee", "status", "due_at", "id"), False),
            (("document", "status"), False),
        )


class Action(BaseModel):
    """The append-only audit trail; each row carries the hash of the one before it."""

    document = ForeignKeyField(Document, null=True, backref="actions", on_delete="RESTRICT")
    task = ForeignKeyField(Task, null=True, on_delete="SET NULL")
    actor = ForeignKeyField(User, null=True, on_delete="RESTRICT")
    on_behalf_of = ForeignKeyField(User, null=True, on_delete="RESTRICT")
    action = CharField()
    step = CharField(default="")
    comment = TextField(default="")
    at = DateTimeField()
    definition_version = IntegerField(default=0)
    changes = JSONText(default=dict)
    prev_hash = CharField(default="")
    hash = CharField(default="")
    state_hash = CharField(default="")
    """Digest of the state the change left behind: the document's (fields, status, step, tasks),
    or for user administration the user's; "" on rows that touch neither (and on older rows)."""
    subject_user = IntegerField(null=True)
    """The user a user-administration row is about (its state is what `state_hash` covers)."""
    signature_key = IntegerField(null=True)
    """The signing key (`SigningKey.id`) of a signed decision; part of the hashed content."""
    signature = TextField(default="")
    """The Ed25519 signature (hex) over the row's hashed content; "" on unsigned rows."""


class Deputy(BaseModel):
    """Out-of-office delegation (工作代理): `deputy` acts for `principal` between two dates."""

    principal = ForeignKeyField(User, backref="deputies", on_delete="CASCADE")
    deputy = ForeignKeyField(User, on_delete="CASCADE")
    start = DateField()
    end = DateField()
    forms = JSONText(null=True)
    reason = CharField(default="")
    source = CharField(default="")
    cancelled = BooleanField(default=False)
    created_at = DateTimeField(default=datetime.now)


class Notification(BaseModel):
    """Something a user should be told: a new task, a reminder, an urge, a cc."""

    user = ForeignKeyField(User, backref="notifications", on_delete="CASCADE")
    document = ForeignKeyField(Document, null=True, on_delete="CASCADE")
    kind = CharField()
    message = TextField(default="")
    created_at = DateTimeField(default=datetime.now)
    seen_at = DateTimeField(null=True)

    class Meta:
        indexes = ((("user", "seen_at", "id"), False),)


class NumberAlias(BaseModel):
    """An earlier number of a document (its provisional number before its form's numbering gave
    the real one): the document stays found by it. Never reused by another document."""

    number = CharField(unique=True)
    document = ForeignKeyField(Document, backref="aliases", on_delete="CASCADE")
    created_at = DateTimeField(default=datetime.now)

    class Meta:
        table_name = "number_alias"


class StoredFile(BaseModel):
    """The content of a file field's file, kept in the database when the office or the form has
    `store_files` on (otherwise a file field holds only a reference: path, size, SHA-256)."""

    document = ForeignKeyField(Document, backref="stored_files", on_delete="CASCADE")
    field = CharField()
    sha256 = CharField()
    size = IntegerField()
    content = BlobField()
    stored_at = DateTimeField(default=datetime.now)

    class Meta:
        table_name = "stored_file"
        indexes = ((("document", "field", "sha256"), True),)


class OfficeSetting(BaseModel):
    """One office-wide setting (security switches, the demo mark), as text; see `domain.office_settings`."""

    key = CharField(primary_key=True)
    value = TextField()


class Credential(BaseModel):
    """The wrong PIN tries that lock an account (the PIN's Argon2id hash is `User.pin_hash`,
    sealed with the user's record in the audit trail)."""

    user = ForeignKeyField(User, unique=True, on_delete="CASCADE")
    failed_tries = IntegerField(default=0)
    """Wrong PINs in a row since the last right one."""
    locked_until = DateTimeField(null=True)
    """Until when sign-in is refused after too many wrong PINs."""


class SigningKey(BaseModel):
    """A user's Ed25519 key pair; the private key encrypted under a key derived from their PIN.

    A new PIN set after an administrator's reset (the old PIN unknown) makes a new pair; older
    pairs stay, retired, so the signatures made with them still verify."""

    user = ForeignKeyField(User, backref="signing_keys", on_delete="CASCADE")
    public_key = CharField()
    """The raw public key, hex."""
    private_key = BlobField()
    """The raw private key sealed with AES-GCM (nonce first) under the PIN-derived key."""
    salt = BlobField()
    """The Argon2id salt of the PIN-derived key."""
    created_at = DateTimeField()
    retired_at = DateTimeField(null=True)

    class Meta:
        table_name = "signing_key"


ALL_MODELS = [
    SchemaVersion,
    Department,
    User,
    Role,
    UserRole,
    Definition,
    Counter,
    Document,
    Task,
    Action,
    Deputy,
    Notification,
    OfficeSetting,
    NumberAlias,
    StoredFile,
    Credential,
    SigningKey,
]
