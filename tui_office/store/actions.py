"""Provides the fixed-SQL reads of the audit trail and the notifications: the chain's tip, the newest ids."""

from __future__ import annotations

from tui_office.store.db import database


def last_hash() -> str:
    """The hash of the newest audit row ("" when there is none)."""
    row = database.execute_sql("SELECT hash FROM action ORDER BY id DESC LIMIT 1").fetchone()
    return (row[0] if row else "") or ""


def newest_ids() -> tuple[int, int]:
    """The highest audit row id and the highest notification id (0 when there is none)."""
    row = database.execute_sql("SELECT max(id) FROM action").fetchone()
    note = database.execute_sql("SELECT max(id) FROM notification").fetchone()
    return (row[0] or 0), (note[0] or 0)
