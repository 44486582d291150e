"""Provides the archive's SQL: finished documents by year, form and department, and who opened them.

Pages come newest first by document id (creation order), so a page stops early on a million
documents; the year is the year the document was finished.
"""

from __future__ import annotations

from collections.abc import Sequence

from peewee import SqliteDatabase

from tui_office.store import document_conditions
from tui_office.store.proxy import database

ROW = ("d.id, d.number, d.form_id, d.definition_id, d.title, d.status, u.name, d.finished_at, "
       "dep.name_en, dep.name_zh")
"""One archived document: its columns, its initiator's name, its department's names."""

ARCHIVE_VIEW = "archive_view"
"""The audit action that records an opening of an archived document by someone outside it."""


def page(*, user_id: int, sees_all: bool, year: int | None = None, form: str | None = None,
         departments: Sequence[int] | None = None, before_id: int | None = None, limit: int = 50) -> list[tuple]:
    """Archived documents `user_id` may see, newest first, below `before_id` when given."""
    visible, visible_params = document_conditions.visible(user_id, sees_all)
    where, params = document_conditions.filters(form, None, None, None, departments, None)
    if year is not None:
        where += ["d.finished_at >= ?", "d.finished_at < ?"]
        params += [f"{year:04d}-01-01", f"{year + 1:04d}-01-01"]
    if before_id is not None:
        where.append("d.id < ?")
        params.append(before_id)
    sql = (f'SELECT {ROW} FROM document d JOIN "user" u ON u.id = d.initiator_id '
           "LEFT JOIN department dep ON dep.id = d.department_id WHERE d.archived = ?"
           + "".join(f" AND {w}" for w in where) + f" AND {visible} ORDER BY d.id DESC LIMIT ?")
    return database.execute_sql(sql, (True, *params, *visible_params, limit)).fetchall()


def years(*, user_id: int, sees_all: bool) -> list[int]:
    """The years in which documents `user_id` may see were archived, newest first."""
    visible, params = document_conditions.visible(user_id, sees_all)
    year = "substr(d.finished_at, 1, 4)" if isinstance(database.obj, SqliteDatabase) else "to_char(d.finished_at, 'YYYY')"
    rows = database.execute_sql(
        f"SELECT DISTINCT {year} FROM document d WHERE d.archived = ? "
        f"AND d.finished_at IS NOT NULL AND {visible}", (True, *params)).fetchall()
    return sorted((int(y) for (y,) in rows if y and str(y).isdigit()), reverse=True)


def inside(user_id: int, document_id: int) -> bool:
    """Whether `user_id` took part in the document: started it, holds or held a task on it, or acted
    on it otherwise (an administrator's intervention), besides opening it from the archive."""
    return database.execute_sql(
        "SELECT 1 FROM document WHERE id = ? AND initiator_id = ? UNION ALL SELECT 1 FROM task WHERE document_id = ? "
        "AND (assignee_id = ? OR principal_id = ? OR acted_by_id = ?) UNION ALL SELECT 1 FROM action "
        "WHERE document_id = ? AND actor_id = ? AND action != ? LIMIT 1",
        (document_id, user_id, document_id, user_id, user_id, user_id, document_id, user_id, ARCHIVE_VIEW)
    ).fetchone() is not None


def openings(*, limit: int, before_id: int | None = None) -> list[tuple]:
    """The newest recorded openings by outsiders: `(id, at, login, name, number, title)`."""
    sql = ('SELECT a.id, a.at, u.login, u.name, d.number, d.title FROM action a JOIN "user" u ON u.id = a.actor_id '
           "JOIN document d ON d.id = a.document_id WHERE a.action = ?")
    params: list = [ARCHIVE_VIEW]
    if before_id is not None:
        sql += " AND a.id < ?"
        params.append(before_id)
    return database.execute_sql(sql + " ORDER BY a.id DESC LIMIT ?", (*params, limit)).fetchall()
