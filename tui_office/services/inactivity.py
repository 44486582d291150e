"""Provides the deactivation of unused accounts (SPEC rule 11), run by `remind`.

An account not seen for `security.inactive_days` days (since its last sign-in, or since it was
made if it never signed in) is deactivated: it keeps its history, gets no new tasks, and its open
tasks go on by each step's empty-approver policy (`services.reroute`). Administrators are told,
and are never deactivated this way (the office must keep someone who can reactivate). An
administrator reactivates an account with `users reactivate`.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from peewee import PeeweeException, fn

from tui_office.domain.errors import OfficeError
from tui_office.domain.office_settings import INACTIVE_DAYS
from tui_office.services import audit, office_settings
from tui_office.services.office import Office
from tui_office.services.permissions import ADMIN_ROLE, has_role
from tui_office.store.db import database
from tui_office.store.models import Role, User, UserRole

NOTICE = "account_deactivated"
"""The notification kind administrators get for each account deactivated."""


def mark_seen(office: Office, login: str) -> None:
    """Record that `login` signed in today (written at most once a day). A database that cannot
    be written here (read-only) or a clock the office refuses leaves it as it is: being seen never
    makes a command fail."""
    try:
        now = office.clock.now()
        with database.atomic():
            (User.update(last_seen_at=now.replace(microsecond=0))
             .where((User.login == login) & (User.last_seen_at.is_null() | (User.last_seen_at < now.replace(
                 hour=0, minute=0, second=0, microsecond=0))))
             .execute())
    except (PeeweeException, OfficeError):  # a read-only database, or a clock override it refuses
        pass


def _admin_ids() -> list[int]:
    return [u.id for u in User.select(User.id).join(UserRole).join(Role)
            .where((Role.code == ADMIN_ROLE) & (User.active == True))]  # noqa: E712


def sweep(office: Office) -> list[str]:
    """Deactivate every unused account (see the module); returns one line each."""
    days = office_settings.get(office, INACTIVE_DAYS)
    if not days:
        return []
    from tui_office.services.reroute import reroute_open_tasks  # the engine: not needed to start the app
    from tui_office.services.workflow import notify

    now = office.clock.now()
    cutoff = now - timedelta(days=days)
    lines: list[str] = []
    with database.atomic():
        unused = (User.select().where((User.active == True)  # noqa: E712
                                      & (fn.COALESCE(User.last_seen_at, User.created_at) < cutoff))
                  .order_by(User.login))
        for user in unused:
            if has_role(user.login, ADMIN_ROLE):
                continue
            seen = user.last_seen_at or user.created_at
            seen_day = seen.date().isoformat() if isinstance(seen, datetime) else str(seen)[:10]
            User.update(active=False).where(User.id == user.id).execute()
            audit.record(document_id=None, actor_id=None, action="user_deactivate", at=now, subject_user_id=user.id,
                         changes={"login": user.login, "reason": "inactive", "last_seen": seen_day, "days": days})
            moved = reroute_open_tasks(office, User.get_by_id(user.id), now, actor_id=None)
            for admin_id in _admin_ids():
                notify(admin_id, None, NOTICE, now, name=user.name, login=user.login, since=seen_day, days=days)
            lines.append(f"deactivated {user.login}: not seen since {seen_day} (over {days} days), "
                         f"{len(moved)} open task(s) moved on")
    return lines
