"""Provides the daily digest (每日摘要): each user's morning summary — tasks new since their last
digest, overdue, due today, and their own documents waiting on others.

`run` (for cron: `tui-office digest`) writes each active user's digest to their notifications,
once a day, and returns the digests so the command can also write them to files or stdout (mail is
the office's business). `morning` gives the app the digest to show once a day on its first start.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from tui_office.domain import engine
from tui_office.domain.errors import PermissionDenied
from tui_office.i18n import t
from tui_office.services import registry
from tui_office.services.office import Office
from tui_office.services.permissions import owns_database, require_admin
from tui_office.services.workflow import NOTICE_PARAMS, user_by_login
from tui_office.store.db import database
from tui_office.store.models import Document, Notification, Task, User, dumps
from tui_office.store.rows import create

KIND = "digest"
"""Notification kind of a digest; its `seen_at` is set once the app has shown it."""
SECTIONS = ("new", "overdue", "due_today", "waiting")


@dataclass(frozen=True)
class DigestItem:
    """One line of a digest: a document, and what to say about it (the step, when it is due, or
    whom it waits for)."""

    number: str
    title: str
    detail: str


@dataclass
class Digest:
    """One user's morning summary."""

    login: str
    name: str
    day: date
    sections: dict[str, list[DigestItem]] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        return {key: len(self.sections.get(key, [])) for key in SECTIONS}

    def text(self) -> str:
        """The digest as plain lines in the current language (for a file, stdout or the app)."""
        lines = [t("digest.heading", name=self.name, day=self.day.isoformat())]
        for key in SECTIONS:
            items = self.sections.get(key, [])
            lines.append(t(f"digest.section.{key}", count=len(items)))
            lines += [f"  {item.number}  {item.title} — {item.detail}" for item in items]
        return "\n".join(lines)

    def summary(self) -> str:
        """One line of counts (`wangfang: 2 new, 1 overdue, 0 due today, 1 waiting on others`)."""
        return f"{self.login}: " + t("digest.counts", **self.counts())


def compose(office: Office, user: User, since: datetime | None = None) -> Digest:
    """`user`'s digest now; "new" means received after `since` (default: the last day)."""
    now = office.clock.now()
    since = since or now - timedelta(days=1)
    digest = Digest(user.login, user.name, now.date(), {key: [] for key in SECTIONS})
    tasks = (Task.select(Task, Document).join(Document)
             .where((Task.assignee == user) & (Task.status == "open") & (Task.kind != "cc")
                    & (Document.status == engine.IN_PROGRESS)).order_by(Task.due_at, Task.id))
    for task in tasks:
        doc = task.document
        step = _step_title(office, doc, task.step)
        due = task.due_at
        if task.created_at and task.created_at > since:
            digest.sections["new"].append(DigestItem(doc.number, doc.title, step))
        if due is not None and due < now:
            digest.sections["overdue"].append(DigestItem(doc.number, doc.title, t("digest.due", due=f"{due:%m-%d %H:%M}")))
        elif due is not None and due.date() == now.date():
            digest.sections["due_today"].append(DigestItem(doc.number, doc.title, t("digest.due", due=f"{due:%H:%M}")))
    mine = (Document.select().where((Document.initiator == user) & (Document.status == engine.IN_PROGRESS))
            .order_by(Document.submitted_at, Document.id))
    for doc in mine:
        open_now = list(Task.select(Task, User).join(User, on=(Task.assignee == User.id))
                        .where((Task.document == doc) & (Task.round == doc.round) & (Task.status == "open")
                               & (Task.kind != "cc")))
        if any(row.assignee_id == user.id for row in open_now):
            continue  # it waits on me (the requester checks the goods): one of my tasks above
        waiting = [row.assignee.name for row in open_now]
        detail = _step_title(office, doc, doc.step or "") + (f": {', '.join(waiting)}" if waiting else "")
        digest.sections["waiting"].append(DigestItem(doc.number, doc.title, detail))
    return digest


def _step_title(office: Office, doc: Document, step_id: str) -> str:
    form = registry.labels_by_definition_id(office, doc.definition_id)
    return next((s.title for s in form.steps if s.id == step_id), step_id)


def _last(user: User) -> Notification | None:
    return (Notification.select().where((Notification.user == user) & (Notification.kind == KIND))
            .order_by(Notification.id.desc()).first())


def run(office: Office, *, by: str | None = None, only: list[str] | None = None) -> list[Digest]:
    """Write today's digest to the notifications of every active user (or of `only`) who has none
    yet today; returns every digest composed (also those already written today, for files).

    Runs as the system: the OS account that owns the database file (cron, `by` None), or the admin `by`."""
    if by is not None:
        require_admin(by)
    elif not owns_database(office):
        raise PermissionDenied("remind_not_allowed")
    now = office.clock.now()
    out = []
    with database.atomic():
        users = ([user_by_login(login) for login in only] if only
                 else list(User.select().where(User.active == True).order_by(User.login)))  # noqa: E712
        for user in users:
            last = _last(user)
            written_today = last is not None and last.created_at.date() == now.date()
            since = _since(last, now, written_today)
            digest = compose(office, user, since)
            if not written_today:
                create(Notification, user=user, document=None, kind=KIND, created_at=now,
                       message=NOTICE_PARAMS + dumps(digest.counts()))
            out.append(digest)
    return out


def _since(last: Notification | None, now: datetime, written_today: bool) -> datetime | None:
    """"New" counts from the digest before today's (or the last day when there is none)."""
    if last is None:
        return None
    if not written_today:
        return last.created_at
    earlier = (Notification.select().where((Notification.user == last.user_id) & (Notification.kind == KIND)
                                           & (Notification.id < last.id))
               .order_by(Notification.id.desc()).first())
    return earlier.created_at if earlier is not None else None


def morning(office: Office, me: str) -> Digest | None:
    """The digest the app shows on its first start of the day (None: already shown today).

    Today's digest written by `digest` (cron) is shown and marked seen; without one, it is composed
    now and recorded as seen, so the next start today shows nothing."""
    now = office.clock.now()
    with database.atomic():
        user = user_by_login(me)
        last = _last(user)
        if last is not None and last.created_at.date() == now.date():
            if last.seen_at is not None:
                return None
            digest = compose(office, user, _since(last, now, True))
            Notification.update(seen_at=now).where(Notification.id == last.id).execute()
            return digest
        digest = compose(office, user, last.created_at if last is not None else None)
        create(Notification, user=user, document=None, kind=KIND, created_at=now, seen_at=now,
               message=NOTICE_PARAMS + dumps(digest.counts()))
        return digest
