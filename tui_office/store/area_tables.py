"""Provides `ensure_tables`: creating the tables workflow packages keep for themselves.

An area's own models (declared in its `Workflow.models`) bind to the same database as the core's.
Their tables are created when missing, whenever a database is opened; the core's schema versions
and migrations do not cover them.
"""

from __future__ import annotations

from collections.abc import Iterable

from tui_office.store.db import database


def ensure_tables(models: Iterable[type]) -> None:
    """Create each model's table (and indexes) unless it exists."""
    models = list(models)
    if models:
        with database.atomic():
            database.create_tables(models, safe=True)
