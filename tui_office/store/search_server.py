"""Provides every SQL statement of full-text search on PostgreSQL, with the same functions as
`store.search_sqlite` and the same results.

Table (schema 13): `search_doc(document_id, body)`, each document's searchable text
(`domain.search_text.body`), with a `pg_trgm` GIN index on `body` when the extension could be made
(without it the same queries scan the table: slower, never different).

* A term of three characters or more is a substring of the text, any case: `ILIKE '%term%'` (with
  `ESCAPE`), which the trigram index answers.
* A shorter term: CJK characters are a substring too (报销 is 报 followed by 销, as SQLite's words
  index matches them); an English word or number starts a word (`hr` finds HR and HRM, not CHR),
  a case-blind regular expression `\\mhr`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from tui_office.store import document_conditions
from tui_office.store.proxy import database
from tui_office.store.search_sqlite import ROW, has_tables, indexed_count, stored_body

__all__ = ["ROW", "clear", "find", "has_tables", "indexed_count", "optimize", "put", "put_many", "statement",
           "stored_body"]

_CJK = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\U00020000-\U0002fa1f]")
_PUT = ("INSERT INTO search_doc (document_id, body) VALUES (?, ?) "
        "ON CONFLICT (document_id) DO UPDATE SET body = EXCLUDED.body")


def put(document_id: int, body: str, words: str, old: tuple[str, str] | None) -> None:
    """Keep `body` as the document's text (`words` and `old` are SQLite's business)."""
    database.execute_sql(_PUT, (document_id, body))


def put_many(rows: Sequence[tuple[int, str, str]]) -> None:
    """Index documents that have no text yet (a rebuild): `(id, body, words)` each."""
    cursor = database.cursor()
    cursor.executemany(_PUT.replace("?", "%s"), [(i, b) for i, b, _ in rows])


def clear() -> None:
    database.execute_sql("DELETE FROM search_doc")


def optimize() -> None:
    """Let the planner know the index's new size (after a rebuild)."""
    database.execute_sql("ANALYZE search_doc")


def _substring(term: str) -> str:
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _word_start(term: str) -> str:
    return r"\m" + re.sub(r"(\W)", r"\\\1", term)


def conditions(long: Sequence[Sequence[str]], short: Sequence[str]) -> tuple[list[str], list[str]]:
    """The conditions on `s.body` (joined with AND) and their parameters for the terms `find` takes."""
    where: list[str] = []
    params: list[str] = []
    for group in long:
        if group:
            where.append("(" + " OR ".join("s.body ILIKE ? ESCAPE '\\'" for _ in group) + ")")
            params.extend(_substring(term) for term in group)
    for term in short:
        if _CJK.search(term):
            where.append("s.body ILIKE ? ESCAPE '\\'")
            params.append(_substring(term))
        elif term.strip():
            where.append("s.body ~* ?")
            params.append(_word_start(term.strip()))
    return where, params


def find(*, long: Sequence[Sequence[str]], short: Sequence[str], **query) -> list[tuple]:
    """As `search_sqlite.find`: documents with a substring of each group of `long` and each `short`
    word, matching the filters, that `user_id` may see, newest first; rows are `ROW`."""
    sql, params = statement(long=long, short=short, **query)
    return database.execute_sql(sql, params).fetchall()


def statement(*, long: Sequence[Sequence[str]], short: Sequence[str], user_id: int, sees_all: bool,
              form: str | None = None, status: str | None = None, since: date | None = None,
              until: date | None = None, departments: Sequence[int] | None = None,
              initiators: Sequence[int] | None = None, limit: int = 50,
              also: Sequence[int] = ()) -> tuple[str, tuple]:
    """The SQL and parameters of `find` (`also`: documents the user may see besides, as on SQLite)."""
    matched, params_matched = conditions(long, short)
    where, params = document_conditions.filters(form, status, since, until, departments, initiators)
    visible, params_visible = document_conditions.visible(user_id, sees_all, also)
    join = "JOIN" if matched else "LEFT JOIN"
    sql = (f'SELECT {ROW} FROM document d JOIN "user" u ON u.id = d.initiator_id '
           f"{join} search_doc s ON s.document_id = d.id WHERE TRUE"
           + "".join(f" AND {w}" for w in (*matched, *where)) + f" AND {visible} ORDER BY d.id DESC LIMIT ?")
    return sql, (*params_matched, *params, *params_visible, limit)
