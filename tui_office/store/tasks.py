"""Provides the fixed-SQL reads and writes of tasks that the approval hot path and re-routing use."""

from __future__ import annotations

from datetime import datetime

from tui_office.store.models import Task
from tui_office.store.rows import execute, fetch


def open_deciding(document_id: int) -> list[Task]:
    """The document's open tasks other than copies, oldest first."""
    return fetch(Task, "SELECT * FROM task WHERE document_id = ? AND status = 'open' AND kind != 'cc' ORDER BY id",
                 document_id)


def latest_of(document_id: int, user_id: int) -> Task | None:
    """The user's newest task on the document other than a copy (as assignee or as the principal stood in for)."""
    mine = fetch(Task, "SELECT * FROM task WHERE document_id = ? AND (assignee_id = ? OR principal_id = ?) "
                       "AND kind != 'cc' ORDER BY id DESC LIMIT 1", document_id, user_id, user_id)
    return mine[0] if mine else None


def latest_approval_by(document_id: int, user_id: int) -> Task | None:
    """The user's latest approval on the document, by round (found through the document's tasks:
    `+acted_by_id` keeps SQLite off the index of everything the user ever decided)."""
    mine = fetch(Task, "SELECT * FROM task WHERE document_id = ? AND +acted_by_id = ? AND decision = 'approve' "
                       "ORDER BY round DESC, id DESC LIMIT 1", document_id, user_id)
    return mine[0] if mine else None


def decided_by_others_since(document_id: int, task: Task, user_id: int) -> bool:
    """Has someone else decided on the document in a later round than `task`, or sent back or
    rejected in its round?"""
    return bool(fetch(Task, "SELECT * FROM task WHERE document_id = ? AND status = 'done' AND id != ? AND +acted_by_id != ? "
                            "AND ((round > ? AND decision IN ('approve', 'reject', 'return', 'delegated')) "
                            "OR (round = ? AND decision IN ('reject', 'return'))) LIMIT 1",
                      document_id, task.id, user_id, task.round, task.round))


def latest_decided(document_id: int, round_: int, step: str) -> Task | None:
    """The newest decision someone took (not a delegation) at this step in this round."""
    decided = fetch(Task, "SELECT * FROM task WHERE document_id = ? AND round = ? AND step = ? AND status = 'done' "
                          "AND decision != 'delegated' AND acted_by_id IS NOT NULL ORDER BY acted_at DESC, id DESC "
                          "LIMIT 1", document_id, round_, step)
    return decided[0] if decided else None


def close(task_id: int, version: int, decision: str, comment: str, acted_at: datetime, acted_by_id: int) -> int:
    """Mark an open task done if its version is still `version`; returns 1, or 0 when someone was first."""
    return execute("UPDATE task SET status = 'done', decision = ?, comment = ?, acted_at = ?, acted_by_id = ?, "
                   "version = version + 1 WHERE id = ? AND version = ? AND status = 'open'",
                   decision, comment, Task.acted_at.db_value(acted_at), acted_by_id, task_id, version)


def skip_unfinished(document_id: int, keep_kind: str = "") -> int:
    """Mark the document's open and waiting tasks skipped (the document has ended), except those
    of kind `keep_kind` (the follow-ups of an approved document go on)."""
    return execute("UPDATE task SET status = 'skipped', version = version + 1 WHERE document_id = ? "
                   "AND status IN ('open', 'waiting') AND kind != ?", document_id, keep_kind)


def of_round(document_id: int, round_: int) -> list[Task]:
    """The tasks of the document's round other than copies, in step order."""
    return fetch(Task, "SELECT * FROM task WHERE document_id = ? AND round = ? AND kind != 'cc' ORDER BY position, id",
                 document_id, round_)


def others_in_round(document_id: int, round_: int, task_id: int) -> list[Task]:
    """The tasks of the round other than copies and other than `task_id`, oldest first."""
    return fetch(Task, "SELECT * FROM task WHERE document_id = ? AND round = ? AND kind != 'cc' "
                       "AND id != ? ORDER BY id", document_id, round_, task_id)


def pending_of(user_id: int) -> list[Task]:
    """The user's open and waiting tasks other than copies, oldest first."""
    return fetch(Task, "SELECT * FROM task WHERE assignee_id = ? AND status IN ('open', 'waiting') "
                       "AND kind != 'cc' ORDER BY id", user_id)
