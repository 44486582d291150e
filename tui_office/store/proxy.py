"""Provides `database`: the proxy every model binds to, pointed at a real database by `db.open_database()`."""

from __future__ import annotations

from peewee import DatabaseProxy

database = DatabaseProxy()
