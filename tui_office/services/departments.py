"""Provides the departments of the office as a tree (部门管理): list, add, rename, move, set the
manager, close and reopen. Changes are admin only, one transaction each, audited."""

from __future__ import annotations

from dataclasses import dataclass

from tui_office.domain import engine
from tui_office.domain.admin_names import checked_code, checked_name
from tui_office.domain.errors import Conflict, NotFound, ValidationError
from tui_office.i18n import pick
from tui_office.services import audit
from tui_office.services.office import Office
from tui_office.services.permissions import require_admin
from tui_office.store.db import database
from tui_office.store.models import Department, Document, User

SHOWN_AT_MOST = 5
"""How many members or documents a refusal names before it says "…"."""


@dataclass(frozen=True)
class DepartmentInfo:
    """A department as the screens and the CLI see it, with its place in the tree."""

    code: str
    name_en: str
    name_zh: str
    parent: str | None
    """The parent department's code; None at the top."""
    manager: str | None
    """The manager's login."""
    manager_name: str
    active: bool
    members: int
    """How many active users belong to it."""
    depth: int
    """0 at the top of the tree, 1 below that …"""

    @property
    def name(self) -> str:
        return pick(self.name_en, self.name_zh)

    def to_json(self) -> dict:
        return {"code": self.code, "name_en": self.name_en, "name_zh": self.name_zh, "parent": self.parent,
                "manager": self.manager, "active": self.active, "members": self.members}


def list_departments(office: Office) -> list[DepartmentInfo]:
    """Every department, open or closed, in tree order: each followed by its children, by code."""
    rows = list(Department.select().order_by(Department.code))
    codes = {d.id: d.code for d in rows}
    managers = {u.id: u for u in User.select().where(User.id.in_([d.manager_id for d in rows if d.manager_id]))}
    members: dict[int, int] = {}
    for (dept_id,) in User.select(User.department).where(User.active == True).tuples():  # noqa: E712
        members[dept_id] = members.get(dept_id, 0) + 1
    children: dict[int | None, list[Department]] = {}
    for d in rows:
        parent = d.parent_id if d.parent_id in codes else None
        children.setdefault(parent, []).append(d)
    out: list[DepartmentInfo] = []

    def walk(parent: int | None, depth: int) -> None:
        for d in children.get(parent, []):
            boss = managers.get(d.manager_id)
            out.append(DepartmentInfo(d.code, d.name_en, d.name_zh, codes.get(d.parent_id), boss.login if boss else None,
                                      boss.name if boss else "", d.active, members.get(d.id, 0), depth))
            walk(d.id, depth + 1)

    walk(None, 0)
    return out


def _department(code: object) -> Department:
    found = Department.get_or_none(Department.code == checked_code(code, "department"))
    if found is None:
        raise NotFound(what=f"department {code}")
    return found


def _parent(code: object) -> Department | None:
    if code is None or code == "":
        return None
    parent = _department(code)
    if not parent.active:
        raise Conflict("department_closed", dept=parent.code)
    return parent


def _manager(login: object) -> User | None:
    if login is None or login == "":
        return None
    if not isinstance(login, str):
        raise ValidationError("manager", "no_such_person", login="?")
    user = User.get_or_none((User.login == login.strip()) & (User.active == True))  # noqa: E712
    if user is None:
        raise ValidationError("manager", "no_such_person", login=login)
    return user


def _info(office: Office, code: str) -> DepartmentInfo:
    return next(d for d in list_departments(office) if d.code == code)


def _record(office: Office, admin: User, action: str, changes: dict) -> None:
    audit.record(document_id=None, actor_id=admin.id, action=action, at=office.clock.now(), changes=changes)


def add_department(office: Office, by: str | None, code: object, name_en: object, name_zh: object = "",
                   *, parent: object = None, manager: object = None) -> DepartmentInfo:
    """A new, open department under `parent` (None: at the top), with an optional manager."""
    code = checked_code(code, "code")
    name_en = checked_name(name_en, "name_en")
    name_zh = checked_name(name_zh, "name_zh", required=False)
    with database.atomic():
        admin = require_admin(by)
        if Department.get_or_none(Department.code == code) is not None:
            raise ValidationError("code", "duplicate_department", dept=code)
        above, boss = _parent(parent), _manager(manager)
        Department.create(code=code, name_en=name_en, name_zh=name_zh, parent=above, manager=boss)
        _record(office, admin, "department_add", {"code": code, "name_en": name_en, "name_zh": name_zh,
                                                  "parent": above.code if above else "", "manager": boss.login if boss else ""})
    return _info(office, code)


def rename_department(office: Office, by: str | None, code: object, *, name_en: object = None,
                      name_zh: object = None) -> DepartmentInfo:
    """Give a department a new English and/or Chinese name (None: keep that one)."""
    new_en = None if name_en is None else checked_name(name_en, "name_en")
    new_zh = None if name_zh is None else checked_name(name_zh, "name_zh", required=False)
    with database.atomic():
        admin = require_admin(by)
        dept = _department(code)
        before = {"name_en": dept.name_en, "name_zh": dept.name_zh}
        after = {"name_en": before["name_en"] if new_en is None else new_en,
                 "name_zh": before["name_zh"] if new_zh is None else new_zh}
        Department.update(**after).where(Department.id == dept.id).execute()
        _record(office, admin, "department_rename", {"code": dept.code, "from": before, "to": after})
    return _info(office, dept.code)


def move_department(office: Office, by: str | None, code: object, parent: object) -> DepartmentInfo:
    """Put a department under `parent` ("" or None: at the top); never under itself or one of
    its own sub-departments."""
    with database.atomic():
        admin = require_admin(by)
        dept = _department(code)
        above = _parent(parent)
        walker = above
        while walker is not None:
            if walker.id == dept.id:
                raise Conflict("department_loop", dept=dept.code, parent=above.code)
            walker = Department.get_or_none(Department.id == walker.parent_id) if walker.parent_id else None
        old = Department.get_or_none(Department.id == dept.parent_id) if dept.parent_id else None
        Department.update(parent=above).where(Department.id == dept.id).execute()
        _record(office, admin, "department_move", {"code": dept.code, "from": old.code if old else "",
                                                   "to": above.code if above else ""})
    return _info(office, dept.code)


def set_manager(office: Office, by: str | None, code: object, login: object) -> DepartmentInfo:
    """Make the active user `login` the department's manager ("" or None: nobody)."""
    with database.atomic():
        admin = require_admin(by)
        dept = _department(code)
        boss = _manager(login)
        old = User.get_or_none(User.id == dept.manager_id) if dept.manager_id else None
        Department.update(manager=boss).where(Department.id == dept.id).execute()
        _record(office, admin, "department_manager", {"code": dept.code, "from": old.login if old else "",
                                                      "to": boss.login if boss else ""})
    return _info(office, dept.code)


def _named(items: list[str]) -> str:
    return ", ".join(items[:SHOWN_AT_MOST]) + (", …" if len(items) > SHOWN_AT_MOST else "")


def deactivate_department(office: Office, by: str | None, code: object) -> DepartmentInfo:
    """Close a department. Refused, naming them, while it has active members, open sub-departments
    or documents in progress (sent or returned)."""
    with database.atomic():
        admin = require_admin(by)
        dept = _department(code)
        members = [u.login for u in User.select(User.login).where((User.department == dept) & (User.active == True))  # noqa: E712
                   .order_by(User.login)]
        if members:
            raise Conflict("department_has_members", dept=dept.code, count=len(members), logins=_named(members))
        below = [d.code for d in Department.select(Department.code)
                 .where((Department.parent == dept) & (Department.active == True)).order_by(Department.code)]  # noqa: E712
        if below:
            raise Conflict("department_has_children", dept=dept.code, codes=_named(below))
        open_docs = [d.number for d in Document.select(Document.number).where(
            (Document.department == dept) & Document.status.in_([engine.IN_PROGRESS, engine.RETURNED]))
            .order_by(Document.number)]
        if open_docs:
            raise Conflict("department_has_documents", dept=dept.code, count=len(open_docs), numbers=_named(open_docs))
        Department.update(active=False).where(Department.id == dept.id).execute()
        _record(office, admin, "department_deactivate", {"code": dept.code})
    return _info(office, dept.code)


def reactivate_department(office: Office, by: str | None, code: object) -> DepartmentInfo:
    """Open a closed department again."""
    with database.atomic():
        admin = require_admin(by)
        dept = _department(code)
        Department.update(active=True).where(Department.id == dept.id).execute()
        _record(office, admin, "department_reactivate", {"code": dept.code})
    return _info(office, dept.code)
