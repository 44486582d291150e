"""Provides the digests of stored state that the audit trail seals: a document, a user.

A digest is SHA-256 over the stored values exactly as they are (JSON text, times as text), so it
never fails on a value the program could not parse: a tampered value simply gives another digest.
Bookkeeping that is not part of the record (reminder counters, row versions, `updated_at`, last
seen) is left out, so a digest changes only when the record itself does.
"""

from __future__ import annotations

import hashlib
import json

from tui_office.store.db import database

DOCUMENT_COLUMNS = ("number", "form_id", "definition_id", "title", "initiator_id", "department_id", "status",
                    "step", "round", "fields", "flags", "state", "archived", "submitted_at", "finished_at")
TASK_COLUMNS = ("id", "step", "round", "kind", "assignee_id", "principal_id", "status", "decision", "comment",
                "position", "due_at", "acted_at", "acted_by_id")
USER_COLUMNS = ("login", "name", "name_en", "title", "title_zh", "email", "department_id", "active", "attributes",
                "pin_hash")

_DOCUMENT_SQL = f'SELECT {", ".join(DOCUMENT_COLUMNS)} FROM "document" WHERE id = ?'
_TASKS_SQL = f'SELECT {", ".join(TASK_COLUMNS)} FROM "task" WHERE document_id = ? ORDER BY id'
_USER_SQL = f'SELECT {", ".join(USER_COLUMNS)} FROM "user" WHERE id = ?'
_ROLES_SQL = ('SELECT r.code FROM "user_role" ur JOIN "role" r ON r.id = ur.role_id '
              'WHERE ur.user_id = ? ORDER BY r.code')


def _sql(text: str) -> str:
    marker = database.obj.param
    return text if marker == "?" else text.replace("?", marker)


def _plain(value: object) -> object:
    if isinstance(value, bool):
        return int(value)  # as SQLite keeps it, so a record has one digest on either database
    if value is None or isinstance(value, (str, int, float)):
        return value
    if isinstance(value, bytes):
        return value.hex()
    return str(value)


def _digest(payload: object) -> str:
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True, default=_plain)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def document_digest(document_id: int) -> str:
    """The digest of a document and all its tasks as stored now ("" when the document is gone)."""
    row = database.execute_sql(_sql(_DOCUMENT_SQL), (document_id,)).fetchone()
    if row is None:
        return ""
    tasks = database.execute_sql(_sql(_TASKS_SQL), (document_id,)).fetchall()
    return _digest({"document": [_plain(v) for v in row], "tasks": [[_plain(v) for v in t] for t in tasks]})


def user_digest(user_id: int) -> str:
    """The digest of a user's record and roles as stored now ("" when the user is gone)."""
    row = database.execute_sql(_sql(_USER_SQL), (user_id,)).fetchone()
    if row is None:
        return ""
    roles = [code for (code,) in database.execute_sql(_sql(_ROLES_SQL), (user_id,)).fetchall()]
    return _digest({"user": [_user_slot(i, v) for i, v in enumerate(row)], "roles": roles})


_ATTRIBUTES = USER_COLUMNS.index("attributes")


def _user_slot(index: int, value: object) -> object:
    """A user column as the digest sees it. No attributes count as 0, and a single yes/no attribute
    that is set as 1: what the yes/no column they replaced (version 6) held, so users sealed before
    the upgrade keep their digest."""
    if index != _ATTRIBUTES:
        return _plain(value)
    try:
        attributes = json.loads(value) if isinstance(value, str) else value
    except ValueError:
        return _plain(value)
    if not attributes:
        return 0
    if isinstance(attributes, dict) and len(attributes) == 1 and next(iter(attributes.values())) is True:
        return 1
    return _plain(value)


def document_ids() -> list[tuple[int, str]]:
    """Every document's id and number."""
    return [(i, str(n)) for i, n in database.execute_sql('SELECT id, number FROM "document" ORDER BY id').fetchall()]


def user_ids() -> list[tuple[int, str]]:
    """Every user's id and login."""
    return [(i, str(n)) for i, n in database.execute_sql('SELECT id, login FROM "user" ORDER BY id').fetchall()]


def hash_before(action_id: int) -> str:
    """The chain hash of the audit row just before `action_id` ("" for the first row)."""
    row = database.execute_sql(_sql('SELECT hash FROM "action" WHERE id < ? ORDER BY id DESC LIMIT 1'),
                               (action_id,)).fetchone()
    return (row[0] if row else "") or ""


def table_exists(name: str) -> bool:
    return database.table_exists(name)
