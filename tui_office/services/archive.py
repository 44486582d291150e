"""Provides the archive (档案): finished documents browsed by year, form and department, and the
log of who outside a document opened it.

A finished document is archived (read-only) when it ends. Opening one (the document view,
`tui-office show`) by someone who took no part in it — a department manager, the archive keeper, an
administrator — is recorded in the audit trail (`archive_view`: who, when, which), and the archive
and admin roles can read that log.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from tui_office.domain.errors import PermissionDenied, ValidationError
from tui_office.i18n import pick
from tui_office.services import audit, registry
from tui_office.services.decisions import sees_everything
from tui_office.services.office import Office
from tui_office.services.views import DocumentSummary
from tui_office.services.search import departments_named
from tui_office.services.workflow import user_by_login
from tui_office.store import archive_sql
from tui_office.store.db import database, is_read_only
from tui_office.store.models import Department, Document, User

PAGE = 50
MAX_LIMIT = 1_000
ARCHIVE_VIEW = archive_sql.ARCHIVE_VIEW


@dataclass(frozen=True)
class ArchivedDocument(DocumentSummary):
    """One archived document as the archive lists it."""

    department: str
    finished_at: datetime | None

    def to_json(self) -> dict:
        return {"number": self.number, "form_id": self.form_id, "form_title": self.form_title, "title": self.title,
                "status": self.status, "initiator_name": self.initiator_name, "department": self.department,
                "finished_at": self.finished_at.isoformat(sep=" ") if self.finished_at else None}


@dataclass(frozen=True)
class Opening:
    """One opening of an archived document by someone outside it."""

    at: datetime
    login: str
    name: str
    number: str
    title: str
    grant: str = ""
    """The number of the approved access request that let them open it ("" for a role that sees it)."""

    def to_json(self) -> dict:
        return {"at": self.at.isoformat(sep=" "), "login": self.login, "name": self.name, "number": self.number,
                "title": self.title, "grant": self.grant or None}


def browse(office: Office, me: str, *, year: object = None, form: object = None, dept: object = None,
           limit: object = PAGE) -> list[ArchivedDocument]:
    """The archived documents `me` may see, newest first, of one year, form or department when given."""
    year = _whole(year, "year", 1900, 9999) if year is not None else None
    limit = _whole(limit, "limit", 1, MAX_LIMIT)
    for name, value in (("form", form), ("dept", dept)):
        if value is not None and (not isinstance(value, str) or not value or len(value) > 100
                                  or not value.isprintable()):
            raise ValidationError(name, "archive_bad_filter", value=str(value)[:40])
    user = user_by_login(me)
    rows = archive_sql.page(user_id=user.id, sees_all=sees_everything(user), year=year, form=form or None,
                            departments=departments_named(dept) if dept else None, limit=limit)
    return [_row(office, row) for row in rows]


def years(office: Office, me: str) -> list[int]:
    """The years with archived documents `me` may see, newest first."""
    user = user_by_login(me)
    return archive_sql.years(user_id=user.id, sees_all=sees_everything(user))


def choices(office: Office, me: str) -> dict[str, list[tuple[str | int, str]]]:
    """What each filter may be set to, as (value, label): years with archived documents `me` may
    see, newest first; forms; departments."""
    return {
        "year": [(y, str(y)) for y in years(office, me)],
        "form": sorted(((form.id, form.title) for _, form in registry.all_latest(office)), key=lambda c: c[0]),
        "dept": [(d.code, pick(d.name_en, d.name_zh)) for d in Department.select().order_by(Department.code)],
    }


def record_opening(office: Office, user: User, doc: Document, *, grant: str | None = None) -> None:
    """Log that `user` opened archived `doc` when they took no part in it (one transaction);
    `grant`: the number of the approved request that let them (its audit row's `changes`).

    A database opened read-only (a backup looked at, a copy) takes no log: whoever can read the
    file can read it without tui-office, so the log is kept where the office writes."""
    if not doc.archived or is_read_only() or archive_sql.inside(user.id, doc.id):
        return
    with database.atomic():
        audit.record(document_id=doc.id, actor_id=user.id, action=ARCHIVE_VIEW, at=office.clock.now(),
                     changes={"grant": grant} if grant else None)


def openings(office: Office, me: str, *, limit: object = 200) -> list[Opening]:
    """The newest openings of archived documents by outsiders: for the archive and admin roles only."""
    limit = _whole(limit, "limit", 1, MAX_LIMIT)
    user = user_by_login(me)
    if not sees_everything(user):
        raise PermissionDenied("archive_log_denied")
    return [Opening(at=_when(at), login=login, name=name, number=number, title=title or "", grant=_grant(changes))
            for _, at, login, name, number, title, changes in archive_sql.openings(limit=limit)]


def _grant(changes: object) -> str:
    """The access request named in an opening's `changes` (stored as JSON text or a mapping)."""
    if isinstance(changes, str):
        import json

        try:
            changes = json.loads(changes)
        except ValueError:
            return ""
    found = changes.get("grant") if isinstance(changes, dict) else None
    return found if isinstance(found, str) else ""


def _whole(value: object, name: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValidationError(name, "archive_bad_number", low=low, high=high)
    return value


def _when(value: object) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def _row(office: Office, row: tuple) -> ArchivedDocument:
    _, number, form_id, definition_id, title, status, initiator, finished, dept_en, dept_zh = row
    form = registry.labels_by_definition_id(office, definition_id)
    return ArchivedDocument(
        number=number, form_id=form_id, form_title=pick(form.title_en, form.title_zh) or form_id, title=title or "",
        status=status, initiator_name=initiator, department=pick(dept_en or "", dept_zh or ""),
        finished_at=_when(finished) if finished else None)
