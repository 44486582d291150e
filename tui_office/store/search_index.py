"""Provides the keeping of the search index: each document's text gathered and indexed in the
transaction that changed it, and the whole index built anew (schema 10, or `search --rebuild`).

`touch(document_id)` marks a document whose text may have changed; `flush()`, run just before the
transaction commits (the audit trail registers it with `db.before_commit` for every row it writes,
and marks the row's document), gathers and indexes the text of the marked documents, so the index
is never behind the data and a rolled-back use case leaves it as it was.
"""

from __future__ import annotations

import json
import sys
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from peewee import SqliteDatabase

from tui_office import parsed_forms
from tui_office.domain import search_text
from tui_office.domain.definitions import FormDef
from tui_office.domain.errors import OfficeError
from tui_office.domain.fields import FieldDef
from tui_office.i18n import t
from tui_office.store import search_sqlite
from tui_office.store.proxy import database

BATCH = 2_000
"""Documents gathered and indexed at a time by a rebuild."""

_pending = threading.local()
_DOCUMENTS = ('SELECT d.id, d.number, d.title, d.definition_id, d.initiator_id, d.department_id, d.fields '
              'FROM document d WHERE d.id IN ({ids})')
_COMMENTS = ("SELECT document_id, comment FROM action WHERE document_id IN ({ids}) AND comment != '' "
             "UNION ALL SELECT document_id, comment FROM task WHERE document_id IN ({ids}) AND comment != ''")
_ALIASES = 'SELECT document_id, number FROM number_alias WHERE document_id IN ({ids})'


def backend():
    """The module holding this database's search SQL: `search_sqlite` (FTS5) or `search_server`
    (PostgreSQL, `pg_trgm`); both have the same functions."""
    if isinstance(database.obj, SqliteDatabase):
        return search_sqlite
    from tui_office.store import search_server

    return search_server


def enabled() -> bool:
    """Whether this database keeps a search index (SQLite at schema 10 or later, PostgreSQL at 13
    or later); asked once per opened database, as every write asks it."""
    db = database.obj
    known = getattr(db, "search_index", None)
    if known is None:
        known = backend().has_tables()
        if known:  # an older database gets its index by upgrading, after which this is asked again
            db.search_index = True
    return known


def touch(document_id: int | None) -> None:
    """Mark `document_id` for re-indexing by the next `flush()` of this thread."""
    if document_id is None:
        return
    marked = getattr(_pending, "ids", None)
    if marked is None:
        marked = _pending.ids = set()
    marked.add(document_id)


def flush() -> None:
    """Index the documents marked since the last flush (call just before the transaction commits)."""
    ids = sorted(getattr(_pending, "ids", ()) or ())
    _pending.ids = set()
    if ids and enabled():
        reindex(ids)


def reindex(ids: Iterable[int]) -> None:
    """Gather and index the text of these documents, leaving those whose text is unchanged."""
    store = backend()
    for document_id, body in _bodies(list(ids)).items():
        old = store.stored_body(document_id)
        if old == body:
            continue
        store.put(document_id, body, search_text.words_text(body),
                          None if old is None else (old, search_text.words_text(old)))


def rebuild(progress: Callable[[int, int], None] | None = None) -> int:
    """Index every document from scratch; `progress(done, total)` after each batch. Returns the count."""
    store = backend()
    store.clear()
    total = database.execute_sql("SELECT count(*) FROM document").fetchone()[0]
    done, last = 0, 0
    people, departments = _people(), _departments()
    while True:
        ids = [i for (i,) in database.execute_sql(
            "SELECT id FROM document WHERE id > ? ORDER BY id LIMIT ?", (last, BATCH)).fetchall()]
        if not ids:
            break
        bodies = _bodies(ids, people, departments)
        store.put_many([(i, b, search_text.words_text(b)) for i, b in bodies.items()])
        done, last = done + len(ids), ids[-1]
        if progress is not None:
            progress(done, total)
    store.optimize()
    return done


def terminal_progress(done: int, total: int) -> None:
    """Show a rebuild's progress on one line of a terminal's stderr (nothing when it is not one)."""
    if total < BATCH or not sys.stderr.isatty():
        return
    end = "\n" if done >= total else ""
    print(f"\r{t('search.index_progress', done=f'{done:,}', total=f'{total:,}')}", end=end, file=sys.stderr, flush=True)


def _bodies(ids: list[int], people: _Names | None = None, departments: dict | None = None) -> dict[int, str]:
    if not ids:
        return {}
    marks = ", ".join("?" * len(ids))
    rows = database.execute_sql(_DOCUMENTS.format(ids=marks), ids).fetchall()
    comments: dict[int, list[str]] = {}
    for document_id, comment in database.execute_sql(_COMMENTS.format(ids=marks), (*ids, *ids)).fetchall():
        comments.setdefault(document_id, []).append(comment)
    aliases: dict[int, list[str]] = {}
    for document_id, number in database.execute_sql(_ALIASES.format(ids=marks), ids).fetchall():
        aliases.setdefault(document_id, []).append(number)
    parsed = [(row, _values(row[6]), _form(row[3])) for row in rows]
    if people is None:
        people = _people({row[4] for row, _, _ in parsed}, _walk(parsed, lambda f: f.type in ("user", "users")))
    if departments is None:
        departments = _departments()
    out = {}
    for (document_id, number, title, _, initiator_id, department_id, _), values, form in parsed:
        content = search_text.Content(
            number=number, title=title or "", form_titles=(form.title_en, form.title_zh) if form else ("", ""),
            initiator=people.by_id.get(initiator_id, ("", "")),
            department=departments.get(department_id, ("", "")) if department_id else ("", ""),
            fields=tuple(form.fields) if form else (), values=values, people=people.by_login,
            departments=departments, comments=tuple(comments.get(document_id, ())),
            aliases=tuple(aliases.get(document_id, ())),
        )
        out[document_id] = search_text.body(content)
    return out


def _values(text: str | None) -> dict:
    try:
        values = json.loads(text or "{}")
    except ValueError:
        return {}
    return values if isinstance(values, dict) else {}


def _walk(parsed, wanted: Callable[[FieldDef], bool]) -> set[str]:
    """The values of the fields (and table columns) `wanted` picks, across the gathered documents."""
    found: set[str] = set()
    for _, values, form in parsed:
        for f in form.fields if form else ():
            for column in (f.columns if f.type == "table" else (f,)):
                if not wanted(column):
                    continue
                cells = ([r.get(column.id) for r in values.get(f.id) or [] if isinstance(r, dict)]
                         if f.type == "table" else [values.get(f.id)])
                for cell in cells:
                    found.update(str(v) for v in (cell if isinstance(cell, list) else [cell]) if v)
    return found


@dataclass
class _Names:
    """People as the text names them: `(login, name)` by user id, and the name by login."""

    by_id: dict[int, tuple[str, str]] = field(default_factory=dict)
    by_login: dict[str, str] = field(default_factory=dict)


def _people(ids: set[int] | None = None, logins: set[str] | None = None) -> _Names:
    """These people (everyone when neither is given)."""
    sql, params = 'SELECT id, login, name FROM "user"', []
    if ids is not None or logins is not None:
        ids, logins = sorted(ids or ()), sorted(logins or ())
        sql += (f" WHERE id IN ({', '.join('?' * len(ids)) or 'NULL'})"
                f" OR login IN ({', '.join('?' * len(logins)) or 'NULL'})")
        params = [*ids, *logins]
    names = _Names()
    for user_id, login, name in database.execute_sql(sql, params).fetchall():
        names.by_id[user_id] = (login, name)
        names.by_login[login] = name
    return names


def _departments() -> dict:
    """Department names (English, Chinese) by id and by code."""
    out: dict = {}
    for department_id, code, name_en, name_zh in database.execute_sql(
            "SELECT id, code, name_en, name_zh FROM department").fetchall():
        out[department_id] = out[code] = (name_en, name_zh)
    return out


_forms: dict[tuple[str, int, str], FormDef | None] = {}


def _form(definition_id: int) -> FormDef | None:
    """The parsed definition version (cached by its digest: stored versions never change)."""
    row = database.execute_sql("SELECT digest FROM definition WHERE id = ?", (definition_id,)).fetchone()
    if row is None:
        return None
    key = (str(database.obj.database), definition_id, row[0])
    if key not in _forms:
        source, path = database.execute_sql("SELECT source, path FROM definition WHERE id = ?",
                                            (definition_id,)).fetchone()
        _forms[key] = _parsed(source, path)
    return _forms[key]


def _parsed(source: str, path: str) -> FormDef | None:
    try:
        return parsed_forms.parsed(source, path)  # the registry's copy, or the one kept at an earlier start
    except OfficeError:
        return None
