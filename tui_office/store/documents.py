"""Provides the fixed-SQL look-ups of documents."""

from __future__ import annotations

from tui_office.store.models import Document
from tui_office.store.rows import fetch
from tui_office.store.sequences import by_alias


def by_number(number: str) -> Document | None:
    """The document with this number, or that had it before it was renumbered; None if none did."""
    found = fetch(Document, "SELECT * FROM document WHERE number = ?", number)
    return found[0] if found else by_alias(number)
