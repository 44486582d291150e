"""Provides the people and organisation use cases: list, add, deactivate, reactivate users, bind
them to OS accounts. Changes are admin only and audited."""

from __future__ import annotations

from peewee import JOIN
from dataclasses import dataclass, field

from tui_office.domain.admin_names import checked_name
from tui_office.domain.errors import Conflict, NotFound, PermissionDenied, ValidationError
from tui_office.i18n import pick
from tui_office.services import audit, permissions
from tui_office.services.office import Office
from tui_office.services.permissions import ADMIN_ROLE, active_admin_count, is_admin, require_admin
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
    attributes: dict = field(default_factory=dict)
    """Open facts workflow packages read (`users add --attr KEY=VALUE`)."""
    title_en: str = ""
    """The English title as stored (`title` is the one for the current language)."""
    title_zh: str = ""

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
        attributes=dict(user.attributes or {}),
        title_en=user.title,
        title_zh=user.title_zh,
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


def has_users(office: Office) -> bool:
    """True once the office has at least one user (the first one added becomes its admin)."""
    return User.select().exists()


def get_user(office: Office, login: str) -> UserInfo:
    user = User.get_or_none(User.login == login)
    if user is None:
        raise NotFound(what=f"user {login}")
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
    title_zh: str = "",
    attributes: dict | None = None,
    os_login: str | None = None,
    by: str | None = None,
) -> UserInfo:
    """Create a user (admin `by` only; one transaction, audited); the department and roles must
    exist. The first user of an office with no users becomes its admin, bound to the OS account
    running this (or to `os_login`)."""
    name = checked_name(name, "name")
    name_en, title, title_zh = (checked_name(text or "", where, required=False)
                                for where, text in (("name_en", name_en), ("title", title), ("title_zh", title_zh)))
    login = login.strip()
    if not login or not login.replace("_", "").replace(".", "").replace("-", "").isalnum():
        raise ValidationError("login", "invalid_login", "a login is letters, digits, '.', '_' or '-'")
    os_login = _checked_os_login(os_login)
    roles = list(roles or [])
    with database.atomic():
        first = not User.select().exists()
        if first:
            os_login = os_login or permissions.os_account()
            roles = [ADMIN_ROLE, *[r for r in roles if r != ADMIN_ROLE]]
            Role.get_or_create(code=ADMIN_ROLE, defaults={"name_en": "Administrator", "name_zh": "系统管理员"})
            actor = None
        else:
            actor = require_admin(by)
        if User.get_or_none(User.login == login):
            raise ValidationError("login", "duplicate", f"user {login} already exists")
        _refuse_taken_os_login(os_login, login)
        dept = _open_department(department)
        user = User.create(login=login, name=name, name_en=name_en, title=title, title_zh=title_zh, department=dept,
                           attributes=dict(attributes or {}), os_login=os_login)
        for code in roles:
            role = Role.get_or_none(Role.code == code)
            if role is None:
                raise NotFound(what=f"role {code}")
            UserRole.create(user=user, role=role)
        audit.record(document_id=None, actor_id=(actor or user).id, action="user_add", at=office.clock.now(), subject_user_id=user.id,
                     changes={"login": login, "roles": roles, "department": department or "",
                              "os_login": os_login or "", "first_admin": first})
    return get_user(office, login)


def _open_department(code: str | None) -> Department | None:
    """The open department `code` (None for none), or NotFound / `department_closed`."""
    if not code:
        return None
    dept = Department.get_or_none(Department.code == code)
    if dept is None:
        raise NotFound(what=f"department {code}")
    if not dept.active:
        raise Conflict("department_closed", dept=code)
    return dept


def edit_user(office: Office, login: str, *, name: object = None, name_en: object = None, title: object = None,
              title_zh: object = None, department: object = None, by: str | None = None) -> UserInfo:
    """Change a user's name, English name, title (English, Chinese) or department (None: keep it;
    department "": none). Admin only, audited on the user's record."""
    changes: dict[str, object] = {}
    for key, value, required in (("name", name, True), ("name_en", name_en, False), ("title", title, False),
                                 ("title_zh", title_zh, False)):
        if value is not None:
            changes[key] = checked_name(value, key, required=required)
    with database.atomic():
        admin = require_admin(by)
        user = _target(login)
        if department is not None:
            if not isinstance(department, str):
                raise NotFound(what="department ?")
            dept = _open_department(department.strip())
            changes["department"] = dept.id if dept else None
        before = _edited(user)
        if changes:
            User.update(**changes).where(User.id == user.id).execute()
        audit.record(document_id=None, actor_id=admin.id, action="user_edit", at=office.clock.now(), subject_user_id=user.id,
                     changes={"login": login, "from": before, "to": _edited(User.get_by_id(user.id))})
    return get_user(office, login)


def _edited(user: User) -> dict:
    """What `edit_user` may change, as the audit row records it."""
    dept = Department.get_or_none(Department.id == user.department_id) if user.department_id else None
    return {"name": user.name, "name_en": user.name_en, "title": user.title, "title_zh": user.title_zh,
            "department": dept.code if dept else ""}


def _checked_os_login(os_login: str | None) -> str | None:
    if os_login is None or os_login == "":
        return None
    if os_login != os_login.strip() or not os_login.isprintable() or " " in os_login:
        raise ValidationError("os_login", "invalid_os_login", "an OS login has no spaces or control characters")
    return os_login


def _refuse_taken_os_login(os_login: str | None, login: str) -> None:
    if os_login is None:
        return
    other = User.get_or_none((User.os_login == os_login) & (User.login != login))
    if other is not None:
        raise ValidationError("os_login", "duplicate", f"the OS login {os_login} already belongs to {other.login}")


def _target(login: str) -> User:
    user = User.get_or_none(User.login == login)
    if user is None:
        raise NotFound(what=f"user {login}")
    return user


def deactivate_user(office: Office, login: str, *, by: str | None = None) -> UserInfo:
    """Mark a user inactive (admin only, audited): they can no longer sign in or be assigned new
    tasks, and their open tasks go on by each step's policy (audited, the new assignee notified),
    in the same transaction. The last active admin cannot be deactivated, so the office always has one."""
    with database.atomic():
        admin = require_admin(by)
        user = _target(login)
        if user.active and is_admin(login) and active_admin_count() <= 1:
            raise PermissionDenied("last_admin", login=login)
        User.update(active=False).where(User.id == user.id).execute()
        audit.record(document_id=None, actor_id=admin.id, action="user_deactivate", at=office.clock.now(), subject_user_id=user.id,
                     changes={"login": login})
        from tui_office.services.reroute import reroute_open_tasks  # the engine: not needed to sign in

        reroute_open_tasks(office, User.get_by_id(user.id), office.clock.now(), actor_id=admin.id)
    return get_user(office, login)


def reactivate_user(office: Office, login: str, *, by: str | None = None) -> UserInfo:
    """Let a deactivated user sign in and receive tasks again (admin only, audited)."""
    with database.atomic():
        admin = require_admin(by)
        user = _target(login)
        User.update(active=True).where(User.id == user.id).execute()
        audit.record(document_id=None, actor_id=admin.id, action="user_reactivate", at=office.clock.now(), subject_user_id=user.id,
                     changes={"login": login})
    return get_user(office, login)


def set_os_login(office: Office, login: str, os_login: str, *, by: str | None = None) -> UserInfo:
    """Bind a user to an OS account (admin only, audited); "" goes back to the account named like
    the login."""
    os_login = _checked_os_login(os_login)
    with database.atomic():
        admin = require_admin(by)
        user = _target(login)
        _refuse_taken_os_login(os_login, login)
        old = user.os_login or ""
        User.update(os_login=os_login).where(User.id == user.id).execute()
        audit.record(document_id=None, actor_id=admin.id, action="user_set_os_login", at=office.clock.now(), subject_user_id=user.id,
                     changes={"login": login, "from": old, "to": os_login or ""})
    return get_user(office, login)
