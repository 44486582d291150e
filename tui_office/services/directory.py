"""Provides the people and organisation use cases: list, add, deactivate users; who am I."""

from __future__ import annotations

import getpass

from peewee import JOIN
from dataclasses import dataclass, field

from tui_office.domain.errors import NotFound, OfficeError, ValidationError
from tui_office.domain.field_coercion import plain_line
from tui_office.i18n import pick
from tui_office.services.office import Office
from tui_office.store.db import database
from tui_office.store.models import Department, Role, User, UserRole


@dataclass(frozen=True)
class UserInfo:
    """A user as the screens and the CLI see them."""

    id: int
    login: str
    name: str
    name_en: str
    title: str
    department: str
    department_code: str
    roles: list[str] = field(default_factory=list)
    manager: str | None = None
    active: bool = True
    probation: bool = False

    def to_json(self) -> dict:
        return {
            "login": self.login,
            "name": self.name,
            "department": self.department_code,
            "roles": list(self.roles),
            "manager": self.manager,
        }


def _roles_by_user() -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    query = UserRole.select(UserRole.user, Role.code).join(Role).order_by(Role.code).tuples()
    for user_id, code in query:
        out.setdefault(user_id, []).append(code)
    return out


def _info(user: User, roles: dict[int, list[str]], managers: dict[int, str]) -> UserInfo:
    dept = user.department
    return UserInfo(
        id=user.id,
        login=user.login,
        name=user.name,
        name_en=user.name_en or user.name,
        title=pick(user.title, user.title_zh),
        department=pick(dept.name_en, dept.name_zh) if dept else "",
        department_code=dept.code if dept else "",
        roles=roles.get(user.id, []),
        manager=managers.get(dept.id) if dept else None,
        active=user.active,
        probation=user.probation,
    )


def _managers() -> dict[int, str]:
    query = Department.select(Department.id, User.login).join(User, on=(Department.manager == User.id)).tuples()
    return dict(query)


def list_users(office: Office, *, include_inactive: bool = False) -> list[UserInfo]:
    """Every user, by department then login."""
    query = User.select(User, Department).join(Department, JOIN.LEFT_OUTER).order_by(Department.code, User.login)
    if not include_inactive:
        query = query.where(User.active == True)  # noqa: E712
    roles, managers = _roles_by_user(), _managers()
    return [_info(u, roles, managers) for u in query]


def get_user(office: Office, login: str) -> UserInfo:
    user = User.get_or_none(User.login == login)
    if user is None:
        raise NotFound(what=f"user {login}")
    return _info(user, _roles_by_user(), _managers())


def identify(office: Office, requested: str | None) -> UserInfo:
    """The current user: `--user`, else config `user`, else the OS login; active users only."""
    name = requested or office.settings.user or getpass.getuser()
    user = User.get_or_none((User.login == name) & (User.active == True))  # noqa: E712
    if user is None:
        if not User.select().exists():
            raise OfficeError("no_users", target=office.target)
        raise OfficeError("unknown_user", name=name)
    return _info(user, _roles_by_user(), _managers())


def add_user(
    office: Office,
    login: str,
    name: str,
    department: str | None = None,
    roles: list[str] | None = None,
    *,
    name_en: str = "",
    title: str = "",
    probation: bool = False,
) -> UserInfo:
    """Create a user (one transaction); the department and roles must exist."""
    for where, text in (("name", name), ("name_en", name_en), ("title", title)):
        plain_line(text or "", where)
    login = login.strip()
    if not login or not login.replace("_", "").replace(".", "").replace("-", "").isalnum():
        raise ValidationError("login", "invalid_login", "a login is letters, digits, '.', '_' or '-'")
    with database.atomic():
        if User.get_or_none(User.login == login):
            raise ValidationError("login", "duplicate", f"user {login} already exists")
        dept = None
        if department:
            dept = Department.get_or_none(Department.code == department)
            if dept is None:
                raise NotFound(what=f"department {department}")
        user = User.create(login=login, name=name, name_en=name_en, title=title, department=dept, probation=probation)
        for code in roles or []:
            role = Role.get_or_none(Role.code == code)
            if role is None:
                raise NotFound(what=f"role {code}")
            UserRole.create(user=user, role=role)
    return get_user(office, login)


def deactivate_user(office: Office, login: str) -> UserInfo:
    """Mark a user inactive: they can no longer log in or be assigned new tasks."""
    with database.atomic():
        updated = User.update(active=False).where(User.login == login).execute()
    if not updated:
        raise NotFound(what=f"user {login}")
    return get_user(office, login)
