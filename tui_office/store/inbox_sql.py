"""Provides the inbox's SQL: one string per tab, only the columns shown, keyset paging, never OFFSET.

Each page query uses an index that matches its filter and sort (`task(assignee, status, due_at, id)`
for the to-do tab). A page row is `(id, sort key, number, form_id, definition_id, title, initiator
name, step, received, status)`; the id is the task's, or the document's on the submitted and drafts tabs.
A drafts row names, instead of its initiator, the colleague a draft is filled in for when there is
one (kept in its `state`, read in the same query), and has an eleventh column: whether it is so.
"""

from __future__ import annotations

from tui_office.store.db import database, is_sqlite
from tui_office.store import user_lists
from tui_office.store.rows import param

TODO = (
    'SELECT t.id, t.due_at, d.number, d.form_id, d.definition_id, d.title, u.name, t.step, t.created_at, d.status '
    'FROM task t JOIN document d ON d.id = t.document_id JOIN "user" u ON u.id = d.initiator_id '
    "WHERE t.assignee_id = ? AND t.status = 'open'{after}{text} ORDER BY t.due_at, t.id LIMIT ?"
)
TODO_COUNT = "SELECT count(*) FROM task WHERE assignee_id = ? AND status = 'open'"
CC = (
    'SELECT t.id, t.created_at, d.number, d.form_id, d.definition_id, d.title, u.name, d.step, t.created_at, d.status '
    'FROM task t JOIN document d ON d.id = t.document_id JOIN "user" u ON u.id = d.initiator_id '
    "WHERE t.assignee_id = ? AND t.status = 'cc'{after}{text} ORDER BY t.created_at DESC, t.id DESC LIMIT ?"
)
CC_COUNT = "SELECT count(*) FROM task WHERE assignee_id = ? AND status = 'cc'"
DONE = (
    'SELECT t.id, t.acted_at, d.number, d.form_id, d.definition_id, d.title, u.name, t.step, t.acted_at, d.status '
    'FROM task t JOIN document d ON d.id = t.document_id JOIN "user" u ON u.id = d.initiator_id '
    "WHERE t.acted_by_id = ? AND t.status = 'done'{after}{text} ORDER BY t.acted_at DESC, t.id DESC LIMIT ?"
)
DONE_COUNT = "SELECT count(*) FROM task WHERE acted_by_id = ? AND status = 'done'"
RETURNED = (
    'SELECT d.id, d.updated_at, d.number, d.form_id, d.definition_id, d.title, u.name, NULL, d.updated_at, d.status '
    'FROM document d JOIN "user" u ON u.id = d.initiator_id '
    "WHERE d.initiator_id = ? AND d.status = 'returned'{text} ORDER BY d.updated_at, d.id"
)
"""Documents returned to their initiator for changes: the initiator's to-do too (first page only)."""
RETURNED_COUNT = "SELECT count(*) FROM document WHERE initiator_id = ? AND status = 'returned'"
MINE = (
    'SELECT d.id, d.updated_at, d.number, d.form_id, d.definition_id, d.title, u.name, d.step, d.submitted_at, d.status '
    'FROM document d JOIN "user" u ON u.id = d.initiator_id '
    "WHERE d.initiator_id = ? AND d.status {status}{after}{text} ORDER BY d.updated_at DESC, d.id DESC LIMIT ?"
)
MINE_COUNT = "SELECT count(*) FROM document WHERE initiator_id = ? AND status {status}"
FOR_WHOM = "submit_for"
"""Key in a draft's `state`: the id of the colleague it is being filled in for (代提交)."""
DRAFTS_PAGE = (
    'SELECT d.id, d.updated_at, d.number, d.form_id, d.definition_id, d.title, COALESCE(f.name, u.name), d.step, '
    'd.submitted_at, d.status, f.id IS NOT NULL '
    'FROM document d JOIN "user" u ON u.id = d.initiator_id '
    'LEFT JOIN "user" f ON f.id = {for_whom} AND f.id <> d.initiator_id '
    "WHERE d.initiator_id = ? AND d.status = 'draft'{after}{text} ORDER BY d.updated_at DESC, d.id DESC LIMIT ?"
)
"""My drafts, each named for the colleague it is filled in for (`f`), or for me."""
SQLITE_FOR_WHOM = (f"CASE WHEN json_type(d.state, '$.{FOR_WHOM}') = 'integer' "
                   f"THEN json_extract(d.state, '$.{FOR_WHOM}') END")
POSTGRES_FOR_WHOM = (f"CASE WHEN jsonb_typeof(d.state::jsonb -> '{FOR_WHOM}') = 'number' "
                     f"AND (d.state::jsonb ->> '{FOR_WHOM}') ~ '^[0-9]{{1,18}}$' "
                     f"THEN (d.state::jsonb ->> '{FOR_WHOM}')::bigint END")
"""The id of the colleague a draft is filled in for (NULL: none), as each database reads it from `state`."""

SUBMITTED = "NOT IN ('draft', 'discarded')"
DRAFTS = "= 'draft'"

COUNTS = {
    "todo": TODO_COUNT,
    "submitted": MINE_COUNT.replace("{status}", SUBMITTED),
    "cc": CC_COUNT,
    "done": DONE_COUNT,
    "drafts": MINE_COUNT.replace("{status}", DRAFTS),
}
"""The count of each tab, in the order the tabs are shown."""


def page(tab: str, user_id: int, *, after: tuple | None, limit: int, text: str,
         people: tuple[int, ...] = ()) -> list[tuple]:
    """The rows of one page of a tab: earliest due first (to do) or newest first (the others).

    `text` filters on number, title and the initiator's name, whatever their case; `people` (ids) also lets through the
    documents these people started (those whose names `text` spells in pinyin)."""
    params: list = [user_id]
    text_sql = ""
    matches = [f"%{text}%"] * 3 + list(people)
    if text:
        # the drafts tab matches the name it shows: the colleague a draft is filled in for, else mine
        name, ident = ("COALESCE(f.name, u.name)", "COALESCE(f.id, u.id)") if tab == "drafts" else ("u.name", "u.id")
        spelled = f" OR {ident} IN ({', '.join('?' * len(people))})" if people else ""
        like = "LIKE" if is_sqlite() else "ILIKE"  # SQLite's LIKE already ignores case
        text_sql = f" AND (d.number {like} ? OR d.title {like} ? OR {name} {like} ?{spelled})"
    if tab == "todo":
        sql, asc = TODO, True
        cols = ("t.due_at", "t.id")
    elif tab == "cc":
        sql, asc = CC, False
        cols = ("t.created_at", "t.id")
    elif tab == "done":
        sql, asc = DONE, False
        cols = ("t.acted_at", "t.id")
    elif tab == "drafts":
        sql = DRAFTS_PAGE
        asc, cols = False, ("d.updated_at", "d.id")
    else:
        sql = MINE.replace("{status}", SUBMITTED)
        asc, cols = False, ("d.updated_at", "d.id")
    after_sql = ""
    if after:
        op = ">" if asc else "<"
        after_sql = f" AND ({cols[0]} {op} ? OR ({cols[0]} = ? AND {cols[1]} {op} ?))"
        params += [after[0], after[0], after[1]]
    if text:
        params += matches
    params.append(limit)
    for_whom = SQLITE_FOR_WHOM if is_sqlite() else POSTGRES_FOR_WHOM  # only the drafts tab has a place for it
    fetched = database.execute_sql(param(sql.format(after=after_sql, text=text_sql, for_whom=for_whom)),
                                   params).fetchall()
    if tab == "todo" and not after:
        # Returned documents wait for their initiator as much as any task does; they are few, so
        # they head the first page (with negative ids: they are documents, not tasks) and the
        # keyset paging over tasks stays as it is.
        returned_params = [user_id] + (matches if text else [])
        fetched = [(-row[0], *row[1:]) for row in database.execute_sql(
            param(RETURNED.format(text=text_sql)), returned_params).fetchall()] + fetched
    return fetched


def total(tab: str, user_id: int) -> int:
    """How many rows the tab has (any tab other than to do, cc'd, done and drafts counts as submitted)."""
    kept = user_lists.sizes(user_id)
    if kept is not None:
        return kept.get(tab, kept["submitted"])
    return counted(tab, user_id)


def counted(tab: str, user_id: int) -> int:
    """How many rows the tab has, counted from the rows themselves."""
    count = database.execute_sql(param(COUNTS.get(tab, COUNTS["submitted"])), [user_id]).fetchone()[0]
    if tab == "todo":
        count += database.execute_sql(param(RETURNED_COUNT), [user_id]).fetchone()[0]
    return count


def totals(user_id: int) -> dict[str, int]:
    """How many rows each tab has: one row where the sizes are kept, five counts elsewhere."""
    kept = user_lists.sizes(user_id)
    if kept is not None:
        return kept
    out = {tab: database.execute_sql(param(sql), [user_id]).fetchone()[0] for tab, sql in COUNTS.items()}
    out["todo"] += database.execute_sql(param(RETURNED_COUNT), [user_id]).fetchone()[0]
    return out
