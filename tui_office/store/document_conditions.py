"""Provides the SQL conditions lists of documents share (search results, the archive): who may see
a document (`services.decisions.can_view`) and the filters a person can set.

Each is a condition on the document aliased `d` with its parameters. Who may see: its initiator (not once
discarded); once submitted, anyone who holds or held a task on it (an approver, a deputy, someone
copied), whoever submitted it for its initiator, the manager of its department, and (`sees_all`)
the archive and admin roles.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

SEES_ALL = "((d.initiator_id = ? AND d.status != 'discarded') OR d.status NOT IN ('draft', 'discarded'))"
SEES_OWN = ("((d.initiator_id = ? AND d.status != 'discarded') OR (d.status NOT IN ('draft', 'discarded') AND ("
            "EXISTS (SELECT 1 FROM task t WHERE t.document_id = d.id "
            "AND (t.assignee_id = ? OR t.principal_id = ? OR t.acted_by_id = ?)) "
            "OR d.department_id IN (SELECT id FROM department WHERE manager_id = ?) "
            "OR EXISTS (SELECT 1 FROM action a WHERE a.document_id = d.id AND a.actor_id = ? AND a.action = 'submit'))))")


def visible(user_id: int, sees_all: bool, also: Sequence[int] = ()) -> tuple[str, list[int]]:
    """The condition and its parameters for `user_id`; `also`: ids of documents they may see besides
    (those whose open task they hold today as someone's deputy, archived ones granted to them)."""
    if sees_all:
        return SEES_ALL, [user_id]
    if not also:
        return SEES_OWN, [user_id] * 6
    return f"({SEES_OWN} OR d.id IN ({', '.join('?' * len(also))}))", [user_id] * 6 + list(also)


def filters(form: str | None, status: str | None, since: date | None, until: date | None,
             departments: Sequence[int] | None, initiators: Sequence[int] | None) -> tuple[list[str], list]:
    """Conditions (joined with AND by the caller) and their parameters; None or "": not filtered.
    `since`/`until`: submitted on or after / on or before that day."""
    where: list[str] = []
    params: list = []
    if form:
        where.append("d.form_id = ?")
        params.append(form)
    if status:
        where.append("d.status = ?")
        params.append(status)
    if since:
        where.append("d.submitted_at >= ?")
        params.append(since.isoformat())
    if until:
        where.append("d.submitted_at < ?")
        params.append((until + timedelta(days=1)).isoformat())
    for column, ids in (("d.department_id", departments), ("d.initiator_id", initiators)):
        if ids is not None:
            where.append(f"{column} IN ({', '.join('?' * len(ids)) or 'NULL'})")
            params.extend(ids)
    return where, params
