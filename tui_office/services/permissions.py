"""Provides who may administer the office: `require_admin()`, and which OS account is running.

Every administrative use case (users, settings, roles, departments, backups) starts with
`require_admin(login)`. The OS account is read from the process's user id, not from environment
variables such as `USER`, which anyone can set.
"""

from __future__ import annotations

import getpass
import os

from tui_office.domain.errors import PermissionDenied
from tui_office.services.office import Office
from tui_office.store import db as store_db
from tui_office.store.models import Role, User, UserRole

ADMIN_ROLE = "admin"
"""The role code that may administer the office (the demo office's `admin` user has it)."""


def os_account() -> str:
    """The login name of the operating-system account running this process."""
    try:
        import pwd

        return pwd.getpwuid(os.geteuid()).pw_name
    except (ImportError, KeyError, AttributeError):  # Windows, or a user id with no name
        return getpass.getuser()


def owns_database(office: Office) -> bool:
    """True when this process runs as the OS account that owns the office's SQLite file, or (on a
    database server) logs in as the role that owns the office's database."""
    path = office.sqlite_path
    if path is None and not office.is_sqlite:
        return store_db.owns_server_database()
    if path is None or not hasattr(os, "geteuid"):
        return False
    try:
        return path.stat().st_uid == os.geteuid()
    except OSError:
        return False


def is_admin(login: str | None) -> bool:
    """True when `login` is an active user with the admin role."""
    return has_role(login, ADMIN_ROLE)


def has_role(login: str | None, role: str) -> bool:
    """True when `login` is an active user holding role `role`."""
    if not login:
        return False
    return (
        UserRole.select()
        .join(Role)
        .switch(UserRole)
        .join(User)
        .where((User.login == login) & (User.active == True) & (Role.code == role))  # noqa: E712
        .exists()
    )


def require_admin(login: str | None) -> User:
    """The active admin user `login`, or `PermissionDenied` (`admin_only`) for anyone else."""
    if not is_admin(login):
        raise PermissionDenied("admin_only", login=login or "?")
    return User.get(User.login == login)


def active_admin_count() -> int:
    """How many active users hold the admin role."""
    return (
        User.select()
        .join(UserRole)
        .join(Role)
        .where((User.active == True) & (Role.code == ADMIN_ROLE))  # noqa: E712
        .distinct()
        .count()
    )
