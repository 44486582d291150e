"""Provides document-number sequences and earlier numbers: the next free number of a sequence,
counted inside the caller's write (IMMEDIATE) transaction, and the numbers a document had before.

A sequence is one `counter` row per key, never decremented, so a number is never given twice, even
after its document is deleted. A number already held by a document, or an earlier number of one,
is passed over, so two sequences that happen to make the same text never clash.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from tui_office.store.models import Counter, Document, NumberAlias
from tui_office.store.rows import fetch, param
from tui_office.store.db import database

_TAKEN = ('SELECT 1 FROM "document" WHERE number = ? UNION ALL '
          'SELECT 1 FROM "number_alias" WHERE number = ? LIMIT 1')


def _next_value(key: str) -> int:
    updated = Counter.update(value=Counter.value + 1).where(Counter.key == key).execute()
    if not updated:
        Counter.create(key=key, value=1)
    return Counter.select(Counter.value).where(Counter.key == key).scalar()


def taken(number: str) -> bool:
    """Whether a document holds `number`, now or as an earlier number."""
    return database.execute_sql(param(_TAKEN), (number, number)).fetchone() is not None


def next_free(key: str, render: Callable[[int], str]) -> str:
    """The next number of sequence `key` (`render(value)` makes its text) that nobody holds."""
    while True:
        number = render(_next_value(key))
        if not taken(number):
            return number


def add_alias(document_id: int, number: str, at: datetime) -> None:
    """Keep `number` as an earlier number of the document (it stays found by it)."""
    NumberAlias.create(number=number, document=document_id, created_at=at)


def by_alias(number: str) -> Document | None:
    """The document that once had `number`, or None."""
    found = fetch(Document, 'SELECT d.* FROM "document" d JOIN "number_alias" a ON a.document_id = d.id '
                            'WHERE a.number = ?', number)
    return found[0] if found else None


def earlier_numbers(document_id: int) -> list[str]:
    """The numbers the document had before its current one, oldest first."""
    return [a.number for a in NumberAlias.select(NumberAlias.number).where(NumberAlias.document == document_id)
            .order_by(NumberAlias.id)]
