"""Provides `SCHEMA_VERSION` and `current_version`: which schema this code expects and which one a
database has, without loading the upgrade steps (`migrations`), which opening a database that is
already current does not need."""

from __future__ import annotations

from peewee import Database

from tui_office.store.models import SchemaVersion

SCHEMA_VERSION = 14
"""The schema this code reads and writes; `migrations` has a step for every version up to it."""


def current_version(db: Database) -> int:
    """The recorded schema version; 0 for an empty database."""
    if not db.table_exists("schema_version"):
        return 0
    row = SchemaVersion.select(SchemaVersion.version).order_by(SchemaVersion.version.desc()).first()
    return row.version if row else 0
