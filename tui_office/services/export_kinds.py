"""Provides the core's export kinds: each inbox tab (`inbox-todo`, `inbox-submitted`, `inbox-cc`,
`inbox-done`, `inbox-drafts`), search results (`search`, with a query), the archive (`archive`) and
its openings log (`archive-log`), and the statistics (`stats`, one sheet per table).

Each lists what the same screen or command lists for the same person and filters, only all of it
(up to `MAX_ROWS`), with typed cells: numbers as numbers, dates and times as dates.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from tui_office.i18n import t
from tui_office.services import archive, queries, search, statistics
from tui_office.services.export_types import ExportKind, Sheet
from tui_office.services.office import Office
from tui_office.services.statistics_tables import tables
from tui_office.services.views import TABS

MAX_ROWS = 100_000
"""Most rows one inbox tab's export holds."""
PAGE = 500


def _inbox(tab: str) -> Callable[..., list[Sheet]]:
    def build(office: Office, me: str, query: str | None = None) -> list[Sheet]:
        rows, after = [], None
        while len(rows) < MAX_ROWS:
            page = queries.inbox(office, me, tab, after=after, limit=PAGE, text=query or "")
            rows += page.rows
            if len(page.rows) < PAGE:
                break
            after = page.rows[-1].key
        headers = [t(f"inbox.col.{c}") for c in ("number", "form", "title", "from", "step", "received", "due")]
        return [Sheet(t(f"inbox.tab.{tab}"), [*headers, t("export.column.overdue"), t("search.column.status")],
                      [[r.number, r.form_title, r.title, r.from_name, r.step_title, r.received_at, r.due_at,
                        r.overdue, t(f"status.{r.status}")] for r in rows[:MAX_ROWS]])]

    return build


def _search(office: Office, me: str, query: str) -> list[Sheet]:
    found = search.find(office, me, query, limit=search.MAX_LIMIT)
    columns = ("number", "form", "title", "initiator", "status", "submitted", "match")
    return [Sheet(t("search.title"), [t(f"search.column.{c}") for c in columns],
                  [[h.number, h.form_title, h.title, h.initiator_name, t(f"status.{h.status}"), h.submitted_at,
                    h.excerpt] for h in found.hits])]


def _archive(office: Office, me: str, year: int | None = None, form: str | None = None,
             dept: str | None = None) -> list[Sheet]:
    rows = archive.browse(office, me, year=year, form=form, dept=dept, limit=archive.MAX_LIMIT)
    columns = ("number", "form", "title", "initiator", "department", "finished")
    return [Sheet(t("archive.title"), [t(f"archive.column.{c}") for c in columns],
                  [[r.number, r.form_title, r.title, r.initiator_name, r.department, r.finished_at] for r in rows])]


def _archive_log(office: Office, me: str) -> list[Sheet]:
    rows = archive.openings(office, me, limit=archive.MAX_LIMIT)
    return [Sheet(t("archive.log_title"), [t("archive.column.at"), t("export.column.login"), t("archive.column.who"),
                                           t("archive.column.number"), t("archive.column.title")],
                  [[o.at, o.login, o.name, o.number, o.title] for o in rows])]


def _stats(office: Office, me: str, since: date | None = None, until: date | None = None, form: str | None = None,
           dept: str | None = None) -> list[Sheet]:
    found = statistics.compute(office, me, since=since, until=until, form=form, dept=dept)
    return [Sheet(t(f"stats.table.{table.name}"), [t(f"stats.column.{c}") for c in table.columns], table.rows)
            for table in tables(found)]


CORE: tuple[ExportKind, ...] = (
    *(ExportKind(f"inbox-{tab}", f"inbox.tab.{tab}", _inbox(tab), frozenset({"query"})) for tab in TABS),
    ExportKind("search", "search.title", _search, frozenset({"query"}), frozenset({"query"})),
    ExportKind("archive", "archive.title", _archive, frozenset({"year", "form", "dept"})),
    ExportKind("archive-log", "archive.log_title", _archive_log),
    ExportKind("stats", "stats.title", _stats, frozenset({"since", "until", "form", "dept"})),
)
"""The core's export kinds, in the order `export --help` lists them."""
