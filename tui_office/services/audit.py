"""Provides the append-only audit trail (审计留痕) with a hash chain, and its verification.

Each `Action` row stores the SHA-256 of its own content plus the previous row's hash, so a
changed, removed or inserted row breaks the chain from that row on. Rows are appended inside the
caller's (IMMEDIATE) transaction, so concurrent writers cannot fork the chain.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from tui_office.store import actions
from tui_office.store.models import Action, dumps
from tui_office.store.rows import create


def _canonical(row: dict) -> str:
    return dumps(row)


def _content(
    document_id: int | None, task_id: int | None, actor_id: int | None, on_behalf_of_id: int | None,
    action: str, step: str, comment: str, at: datetime, definition_version: int, changes: object,
) -> dict:
    return {
        "document": document_id,
        "task": task_id,
        "actor": actor_id,
        "on_behalf_of": on_behalf_of_id,
        "action": action,
        "step": step,
        "comment": comment,
        "at": at.isoformat(sep=" "),
        "definition_version": definition_version,
        "changes": changes or {},
    }


def row_hash(prev_hash: str, content: dict) -> str:
    return hashlib.sha256((prev_hash + "\n" + _canonical(content)).encode("utf-8")).hexdigest()


def record(
    *, document_id: int | None, actor_id: int | None, action: str, at: datetime,
    step: str = "", comment: str = "", task_id: int | None = None, on_behalf_of_id: int | None = None,
    definition_version: int = 0, changes: object = None,
) -> Action:
    """Append one audit row (call inside the use case's transaction)."""
    last = actions.last_hash()
    at = at.replace(microsecond=0)
    content = _content(document_id, task_id, actor_id, on_behalf_of_id, action, step, comment, at,
                       definition_version, changes)
    return create(
        Action, document=document_id, task=task_id, actor=actor_id, on_behalf_of=on_behalf_of_id,
        action=action, step=step, comment=comment, at=at, definition_version=definition_version,
        changes=changes or {}, prev_hash=last, hash=row_hash(last, content),
    )


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    rows: int
    bad_row: int | None = None
    reason: str = ""


def verify() -> ChainReport:
    """Walk the whole trail in order; the first row whose hash or link does not match is reported."""
    prev = ""
    count = 0
    query = Action.select().order_by(Action.id).iterator()
    while True:
        try:
            row = next(query)
        except StopIteration:
            break
        except ValueError:  # a JSON column no longer parses
            return ChainReport(False, count + 1, None, "a row cannot be read (it was altered)")
        count += 1
        try:
            at = row.at if isinstance(row.at, datetime) else datetime.fromisoformat(str(row.at))
            content = _content(row.document_id, row.task_id, row.actor_id, row.on_behalf_of_id, row.action,
                               row.step, row.comment, at, row.definition_version, row.changes)
        except (ValueError, TypeError):
            return ChainReport(False, count, row.id, "the row cannot be read (it was altered)")
        if row.prev_hash != prev:
            return ChainReport(False, count, row.id, "link to the previous row is broken (a row was removed or inserted)")
        if row_hash(prev, content) != row.hash:
            return ChainReport(False, count, row.id, "content does not match its hash (the row was altered)")
        prev = row.hash
    return ChainReport(True, count)
