"""Provides counting other documents of a form, or adding up one of their fields, for the flags a
definition declares (`count(form=…, by=…, within=…)`): one indexed query over the form's documents
submitted in a bounded window, filtered on stored field values.

Counted are documents submitted and still standing — in progress, returned or approved — never
drafts, discarded, withdrawn or rejected ones, and never the document being judged.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from peewee import fn

from tui_office.store.db import is_sqlite
from tui_office.store.models import Document

COUNTED = ("in_progress", "returned", "approved")
"""Document statuses an aggregate counts."""
MAX_ROWS = 100_000
"""Most documents one aggregate looks at."""


def _matching(form_id: str, since: datetime, exclude_id: int | None, equal: Mapping[str, Any]):
    query = Document.select(Document.id, Document.fields).where(
        (Document.form_id == form_id) & (Document.submitted_at >= since) & Document.status.in_(COUNTED))
    if exclude_id is not None:
        query = query.where(Document.id != exclude_id)
    if is_sqlite():
        for name, value in equal.items():
            query = query.where(fn.json_extract(Document.fields, f'$."{name}"') == value)  # a field id: no quotes in it
    return query.limit(MAX_ROWS)


def _rows(form_id: str, since: datetime, exclude_id: int | None, equal: Mapping[str, Any]) -> list[dict]:
    rows = [doc.fields or {} for doc in _matching(form_id, since, exclude_id, equal)]
    return [row for row in rows if all(row.get(name) == value for name, value in equal.items())]


def count(form_id: str, since: datetime, exclude_id: int | None, equal: Mapping[str, Any]) -> int:
    """How many documents of `form_id` submitted since `since` have every field in `equal` as given."""
    if is_sqlite():
        return _matching(form_id, since, exclude_id, equal).count()
    return len(_rows(form_id, since, exclude_id, equal))


def values(form_id: str, since: datetime, exclude_id: int | None, equal: Mapping[str, Any], field: str) -> list[Any]:
    """The stored values of `field` of those documents (None where empty)."""
    return [row.get(field) for row in _rows(form_id, since, exclude_id, equal)]


def fields_in_range(form_id: str, statuses: tuple[str, ...], name: str, low: str, high: str):
    """(number, stored fields) of each document of `form_id` in one of `statuses` whose text field
    `name` lies from `low` to `high` (ISO dates compare as text): filtered in the database on SQLite,
    so a month's orders are read without decoding every order of the years around it."""
    query = Document.select(Document.number, Document.fields).where(
        (Document.form_id == form_id) & Document.status.in_(statuses))
    if is_sqlite():
        query = query.where(fn.json_extract(Document.fields, f'$."{name}"').between(low, high))  # a field id
    for number, fields in query.tuples().iterator():
        value = (fields or {}).get(name)
        if isinstance(value, str) and low <= value <= high:
            yield number, fields or {}
