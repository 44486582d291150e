"""Provides every SQL statement of full-text search on SQLite (FTS5); a PostgreSQL (`pg_trgm`)
version sits beside it with the same functions.

Tables (schema 10):
* `search_doc(document_id, body)`: each document's searchable text (`domain.search_text.body`).
* `search_trigram`: FTS5 `trigram` index over that text (external content: the text is stored once).
  A term of three characters or more is a quoted phrase, which the trigram tokenizer matches as a
  substring, case-insensitively, in any script.
* `search_words`: FTS5 `unicode61` index (contentless) over the same text with each CJK character
  standing alone, for one- and two-character words: 报销 is the phrase of tokens 报, 销.

Only `MATCH` is used, never `LIKE`/`GLOB` on these tables: SQLite 3.40 (the version here) answers
`LIKE '%审批%'` on a trigram table with no rows unless the `LIKE` has an `ESCAPE` clause.

Rows come newest first (document id descending, which is creation order), straight from the
index's own order, so a common word among a million documents still stops after one page.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from tui_office.domain import search_text
from tui_office.store import document_conditions
from tui_office.store.proxy import database

_OLD = 'SELECT body FROM search_doc WHERE document_id = ?'
_DELETE = ("INSERT INTO search_trigram (search_trigram, rowid, body) VALUES ('delete', ?, ?)",
           "INSERT INTO search_words (search_words, rowid, body) VALUES ('delete', ?, ?)")
_INSERT = ("INSERT INTO search_trigram (rowid, body) VALUES (?, ?)",
           "INSERT INTO search_words (rowid, body) VALUES (?, ?)")

ROW = ("d.id, d.number, d.form_id, d.definition_id, d.title, d.status, u.name, d.submitted_at, d.created_at, "
       "d.archived, s.body")
"""The columns of one result: the document's, its initiator's name, and its searchable text."""


def has_tables() -> bool:
    return database.table_exists("search_doc")


def stored_body(document_id: int) -> str | None:
    row = database.execute_sql(_OLD, (document_id,)).fetchone()
    return row[0] if row else None


def put(document_id: int, body: str, words: str, old: tuple[str, str] | None) -> None:
    """Index `body` (and its `words` form) as the document's text; `old` is what it had."""
    if old is not None:
        for sql, text in zip(_DELETE, old):
            database.execute_sql(sql, (document_id, text))
        database.execute_sql('UPDATE search_doc SET body = ? WHERE document_id = ?', (body, document_id))
    else:
        database.execute_sql('INSERT INTO search_doc (document_id, body) VALUES (?, ?)', (document_id, body))
    for sql, text in zip(_INSERT, (body, words)):
        database.execute_sql(sql, (document_id, text))


def put_many(rows: Sequence[tuple[int, str, str]]) -> None:
    """Index documents that have no text yet (a rebuild): `(id, body, words)` each."""
    cursor = database.cursor()
    cursor.executemany('INSERT INTO search_doc (document_id, body) VALUES (?, ?)', [(i, b) for i, b, _ in rows])
    cursor.executemany(_INSERT[0], [(i, b) for i, b, _ in rows])
    cursor.executemany(_INSERT[1], [(i, w) for i, _, w in rows])


def clear() -> None:
    """Forget every document's text (before a rebuild)."""
    database.execute_sql('DELETE FROM search_doc')
    database.execute_sql("INSERT INTO search_trigram (search_trigram) VALUES ('delete-all')")
    database.execute_sql("INSERT INTO search_words (search_words) VALUES ('delete-all')")


def optimize() -> None:
    """Merge the index's segments into one (after a rebuild)."""
    database.execute_sql("INSERT INTO search_trigram (search_trigram) VALUES ('optimize')")
    database.execute_sql("INSERT INTO search_words (search_words) VALUES ('optimize')")


def indexed_count() -> int:
    return database.execute_sql('SELECT count(*) FROM search_doc').fetchone()[0]


def fts_queries(long: Sequence[Sequence[str]], short: Sequence[str]) -> tuple[str, str]:
    """The FTS5 queries of the trigram and the words index for the terms `find` takes."""
    groups = [" OR ".join(search_text.phrase(a) for a in group) for group in long if group]
    trigram = " AND ".join(f"({g})" if " OR " in g else g for g in groups)
    words = " AND ".join(q for q in (search_text.short_phrase(term) for term in short) if q)
    return trigram, words


def find(*, long: Sequence[Sequence[str]], short: Sequence[str], **query) -> list[tuple]:
    """Documents whose text has, for each group of `long`, one of its substrings (three characters
    or more) and each `short` word (`search_text.short_phrase`), that match the filters and that
    `user_id` may see, newest first; rows are `ROW`. Takes `statement`'s other arguments."""
    trigram, words = fts_queries(long, short)
    sql, params = statement(trigram=trigram, words=words, **query)
    return database.execute_sql(sql, params).fetchall()


def statement(*, trigram: str, words: str, user_id: int, sees_all: bool, form: str | None = None,
              status: str | None = None, since: date | None = None, until: date | None = None,
              departments: Sequence[int] | None = None, initiators: Sequence[int] | None = None,
              limit: int = 50, also: Sequence[int] = ()) -> tuple[str, tuple]:
    """The SQL and parameters of `find` (the benchmark runs them on a raw connection too)."""
    where, params = document_conditions.filters(form, status, since, until, departments, initiators)
    visible, params_visible = document_conditions.visible(user_id, sees_all, also)
    if trigram or words:
        driver, rest = ("search_trigram", words) if trigram else ("search_words", "")
        sql = (f"SELECT {ROW} FROM {driver} m JOIN document d ON d.id = m.rowid "
               'JOIN "user" u ON u.id = d.initiator_id LEFT JOIN search_doc s ON s.document_id = d.id '
               f"WHERE {driver} MATCH ?")
        params = [trigram or words, *params]
        if rest:
            sql += " AND d.id IN (SELECT rowid FROM search_words WHERE search_words MATCH ?)"
            params.insert(1, rest)
        sql += "".join(f" AND {w}" for w in where) + f" AND {visible} ORDER BY m.rowid DESC LIMIT ?"
    else:
        sql = (f'SELECT {ROW} FROM document d JOIN "user" u ON u.id = d.initiator_id '
               "LEFT JOIN search_doc s ON s.document_id = d.id WHERE 1"
               + "".join(f" AND {w}" for w in where) + f" AND {visible} ORDER BY d.id DESC LIMIT ?")
    return sql, (*params, *params_visible, limit)
