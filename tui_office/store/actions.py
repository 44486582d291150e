"""Provides the fixed-SQL read of the newest audit row id and notification id (what changed since)."""

from __future__ import annotations

from tui_office.store.db import database


def newest_ids() -> tuple[int, int]:
    """The highest audit row id and the highest notification id (0 when there is none)."""
    row = database.execute_sql("SELECT max(id) FROM action").fetchone()
    note = database.execute_sql("SELECT max(id) FROM notification").fetchone()
    return (row[0] or 0), (note[0] or 0)
