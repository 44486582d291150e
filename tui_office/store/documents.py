"""Provides the fixed-SQL look-ups of documents."""

from __future__ import annotations

import json

from tui_office.domain.timeouts import ESCALATED, escalated_tasks
from tui_office.store.models import Document
from tui_office.store.proxy import database
from tui_office.store.rows import fetch
from tui_office.store.sequences import by_alias


def by_number(number: str) -> Document | None:
    """The document with this number, or that had it before it was renumbered; None if none did."""
    found = fetch(Document, "SELECT * FROM document WHERE number = ?", number)
    return found[0] if found else by_alias(number)


def approved_by(initiator_id: int, form_ids: list[str]) -> list[Document]:
    """The approved documents of these forms that `initiator_id` started, newest first.

    Asked at every search (the forms that grant access: few documents), so the form's index leads:
    the unary `+` keeps the planner off the initiator's index (all of a busy person's documents), and
    the state is checked here rather than in SQL, where the state's index would lead instead."""
    if not form_ids:
        return []
    marks = ", ".join("?" for _ in form_ids)
    rows = fetch(Document, f"SELECT * FROM document WHERE form_id IN ({marks}) AND +initiator_id = ? "
                           "ORDER BY id DESC", *form_ids, initiator_id)
    return [row for row in rows if row.status == "approved"]


def escalated_task_ids(numbers: list[str]) -> set[int]:
    """The ids of the tasks that came from an escalation on these documents (one read for a page).

    Asked for every inbox page, so the SQL is fixed and only documents whose state names an
    escalation come back (seldom any): the others are neither read nor parsed."""
    if not numbers:
        return set()
    marks = ", ".join("?" * len(numbers))
    cursor = database.execute_sql(f"SELECT state FROM document WHERE number IN ({marks}) AND state LIKE ?",
                                  (*numbers, f'%"{ESCALATED}"%'))
    out: set[int] = set()
    for (state,) in cursor.fetchall():
        out |= escalated_tasks(json.loads(state) if isinstance(state, str) else state)
    return out
