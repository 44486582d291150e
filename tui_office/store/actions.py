"""Provides the fixed-SQL reads of the audit trail: rows not sealed yet, the newest ids (what changed since)."""

from __future__ import annotations

from tui_office.store.db import database
from tui_office.store.models import Action
from tui_office.store.rows import execute, fetch, param


def unsealed(pending: str) -> list[Action]:
    """The audit rows whose `state_hash` is still `pending` (appended in this transaction), oldest first.

    Writers take turns (SQLite's IMMEDIATE transactions, PostgreSQL's writer lock) and every
    transaction seals its rows before it commits, so the unsealed rows are the newest ones: the
    look-up walks back from the end of the trail instead of reading all of it.
    """
    last_sealed = database.execute_sql(param("SELECT id FROM action WHERE state_hash != ? ORDER BY id DESC LIMIT 1"),
                                       (pending,)).fetchone()
    return fetch(Action, "SELECT * FROM action WHERE id > ? AND state_hash = ? ORDER BY id",
                 last_sealed[0] if last_sealed else 0, pending)


def seal(action_id: int, prev_hash: str, hash_: str, state_hash: str, signature_key: int | None = None,
         signature: str = "") -> int:
    """Write a row's chain link, its hash, the state it seals and its signature (if signed)."""
    return execute("UPDATE action SET prev_hash = ?, hash = ?, state_hash = ?, signature_key = ?, signature = ? "
                   "WHERE id = ?", prev_hash, hash_, state_hash, signature_key, signature, action_id)


def newest_ids() -> tuple[int, int]:
    """The highest audit row id and the highest notification id (0 when there is none)."""
    row = database.execute_sql("SELECT max(id) FROM action").fetchone()
    note = database.execute_sql("SELECT max(id) FROM notification").fetchone()
    return (row[0] or 0), (note[0] or 0)
