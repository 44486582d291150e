"""Provides the SQL of process statistics: counts grouped in the database, and the durations and
waits the statistics service turns into medians (SQLite and PostgreSQL alike).

Every figure is about the documents of one `Scope`: submitted (never drafts or discarded ones)
from `since` to `until`, of one form when given, of some departments when given. Tasks counted are
the deciding ones (approvals, record steps, added approvers), never copies (cc) or follow-ups.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from tui_office.store.proxy import database

DECIDING = "t.kind NOT IN ('cc', 'followup')"
"""The tasks whose waits are counted."""


@dataclass(frozen=True)
class Scope:
    """Which documents the statistics are about."""

    since: date
    until: date
    form: str | None = None
    departments: Sequence[int] | None = None
    """Department ids (None: every department, and documents of none)."""

    def where(self) -> tuple[str, list]:
        """The condition on the document aliased `d`, with its parameters."""
        sql = ("d.status NOT IN ('draft', 'discarded') AND d.submitted_at IS NOT NULL "
               "AND d.submitted_at >= ? AND d.submitted_at < ?")
        params: list = [self.since.isoformat(), (self.until + timedelta(days=1)).isoformat()]
        if self.form:
            sql += " AND d.form_id = ?"
            params.append(self.form)
        if self.departments is not None:
            sql += f" AND d.department_id IN ({', '.join('?' * len(self.departments)) or 'NULL'})"
            params.extend(self.departments)
        return sql, params


GROUPS = {"form": "d.form_id", "status": "d.status", "department": "d.department_id"}
"""What documents may be counted by."""


def counts(scope: Scope, by: str) -> list[tuple[object, int]]:
    """(form id, status or department id, how many documents), most first."""
    column = GROUPS[by]
    where, params = scope.where()
    return database.execute_sql(
        f"SELECT {column}, count(*) FROM document d WHERE {where} GROUP BY {column} ORDER BY count(*) DESC, {column}",
        params).fetchall()


def per_day(scope: Scope, column: str) -> list[tuple[object, int]]:
    """(day, how many documents) by the day they were submitted (`submitted_at`) or finished
    (`finished_at`), for the documents of the scope."""
    if column not in ("submitted_at", "finished_at"):
        raise ValueError(column)
    where, params = scope.where()
    return database.execute_sql(
        f"SELECT date(d.{column}), count(*) FROM document d WHERE {where} AND d.{column} IS NOT NULL "
        f"GROUP BY date(d.{column})", params).fetchall()


def finished_documents(scope: Scope) -> list[tuple[str, object, object]]:
    """(form id, submitted at, finished at) of every finished document of the scope."""
    where, params = scope.where()
    return database.execute_sql(
        f"SELECT d.form_id, d.submitted_at, d.finished_at FROM document d WHERE {where} "
        "AND d.finished_at IS NOT NULL AND d.status IN ('approved', 'rejected', 'withdrawn')", params).fetchall()


def task_waits(scope: Scope) -> list[tuple[str, int, str, str, object, object]]:
    """(form id, definition id, step, task status, created at, acted at) of every deciding task of
    the scope's documents that was decided or still waits."""
    where, params = scope.where()
    return database.execute_sql(
        f"SELECT d.form_id, d.definition_id, t.step, t.status, t.created_at, t.acted_at FROM task t "
        f"JOIN document d ON d.id = t.document_id WHERE {where} AND {DECIDING} "
        "AND (t.status = 'open' OR (t.status = 'done' AND t.acted_at IS NOT NULL))", params).fetchall()


def overdue_people(scope: Scope, now: datetime, limit: int) -> list[tuple[str, str, str, int]]:
    """(login, name, English name, open tasks past their due time) of the people with the most."""
    where, params = scope.where()
    return database.execute_sql(
        f'SELECT u.login, u.name, u.name_en, count(*) FROM task t JOIN document d ON d.id = t.document_id '
        f'JOIN "user" u ON u.id = t.assignee_id WHERE {where} AND {DECIDING} AND t.status = \'open\' '
        "AND t.due_at IS NOT NULL AND t.due_at < ? GROUP BY u.login, u.name, u.name_en "
        "ORDER BY count(*) DESC, u.login LIMIT ?", [*params, now.isoformat(sep=" "), limit]).fetchall()


def overdue_by_department(scope: Scope, now: datetime) -> list[tuple[int | None, int, int]]:
    """(department id, open tasks past due, tasks decided after their due time) per department
    that has either."""
    where, params = scope.where()
    stamp = now.isoformat(sep=" ")
    return database.execute_sql(
        "SELECT d.department_id, "
        "sum(CASE WHEN t.status = 'open' AND t.due_at < ? THEN 1 ELSE 0 END), "
        "sum(CASE WHEN t.status = 'done' AND t.acted_at > t.due_at THEN 1 ELSE 0 END) "
        f"FROM task t JOIN document d ON d.id = t.document_id WHERE {where} AND {DECIDING} "
        "AND t.due_at IS NOT NULL GROUP BY d.department_id", [stamp, *params]).fetchall()


ROW = "d.id, d.number, d.form_id, d.definition_id, d.title, d.status, u.name, d.submitted_at"
"""One document of a drill-down list."""


def documents(scope: Scope, *, status: str | None = None, week: date | None = None, step: str | None = None,
              overdue_of: str | None = None, overdue_at: datetime | None = None, department: int | None = None,
              no_department: bool = False, limit: int = 200) -> list[tuple]:
    """The scope's documents narrowed to one figure's (a status, a week of submission, a step that
    holds or held a deciding task, someone's overdue tasks, a department), newest first."""
    where, params = scope.where()
    if status:
        where += " AND d.status = ?"
        params.append(status)
    if week is not None:
        where += " AND d.submitted_at >= ? AND d.submitted_at < ?"
        params += [week.isoformat(), (week + timedelta(days=7)).isoformat()]
    if department is not None:
        where += " AND d.department_id = ?"
        params.append(department)
    if no_department:
        where += " AND d.department_id IS NULL"
    if step:
        where += f" AND EXISTS (SELECT 1 FROM task t WHERE t.document_id = d.id AND t.step = ? AND {DECIDING})"
        params.append(step)
    if overdue_at is not None:
        person = " AND t.assignee_id = (SELECT id FROM \"user\" WHERE login = ?)" if overdue_of else ""
        where += (f" AND EXISTS (SELECT 1 FROM task t WHERE t.document_id = d.id AND {DECIDING} AND t.status = 'open' "
                  f"AND t.due_at IS NOT NULL AND t.due_at < ?{person})")
        params += [overdue_at.isoformat(sep=" "), *([overdue_of] if overdue_of else [])]
    return database.execute_sql(
        f'SELECT {ROW} FROM document d JOIN "user" u ON u.id = d.initiator_id WHERE {where} '
        "ORDER BY d.submitted_at DESC, d.id DESC LIMIT ?", [*params, limit]).fetchall()
