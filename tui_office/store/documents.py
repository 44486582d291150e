"""Provides the fixed-SQL look-ups of documents."""

from __future__ import annotations

from tui_office.store.models import Document
from tui_office.store.rows import fetch


def by_number(number: str) -> Document | None:
    """The document with this number, or None."""
    found = fetch(Document, "SELECT * FROM document WHERE number = ?", number)
    return found[0] if found else None
