"""Provides the fixed-SQL read of office settings by key prefix (read on every form look-up, so
it skips building a query each time)."""

from __future__ import annotations

from tui_office.store.db import database
from tui_office.store.rows import param

_BY_PREFIX = "SELECT key, value FROM office_setting WHERE key >= ? AND key < ?"


def with_prefix(prefix: str) -> list[tuple[str, str]]:
    """`(key, value)` of every setting whose key starts with `prefix` (a range scan of the key)."""
    return database.execute_sql(param(_BY_PREFIX), (prefix, prefix + "\uffff")).fetchall()
