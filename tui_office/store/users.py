"""Provides the fixed-SQL look-ups of users and their stand-ins."""

from __future__ import annotations

from datetime import date

from tui_office.store.models import Deputy, Role, User, UserRole
from tui_office.store.rows import fetch


def active_by_login(login: str) -> User | None:
    """The active user with this login, or None."""
    found = fetch(User, 'SELECT * FROM "user" WHERE login = ? AND active = ?', login, True)
    return found[0] if found else None


def active_with_role(code: str) -> list[User]:
    """The active users holding the role, by login."""
    return fetch(User, 'SELECT u.* FROM "user" u JOIN user_role ur ON ur.user_id = u.id JOIN role r ON r.id = ur.role_id '
                       "WHERE r.code = ? AND u.active = ? ORDER BY u.login", code, True)


def deputy_record(principal_id: int, on: date) -> Deputy | None:
    """The newest uncancelled deputy arrangement of the principal that covers the date, or None."""
    found = fetch(Deputy, 'SELECT * FROM deputy WHERE principal_id = ? AND cancelled = ? AND start <= ? '
                          'AND "end" >= ? ORDER BY id DESC LIMIT 1',
                  principal_id, False, Deputy.start.db_value(on), Deputy.end.db_value(on))
    return found[0] if found else None


def roles_of(user_id: int) -> list[str]:
    """The role codes a user holds."""
    return [code for (code,) in UserRole.select(Role.code).join(Role).where(UserRole.user == user_id).tuples()]
