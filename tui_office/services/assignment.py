"""Provides who is asked at a step: assignee rules, the nobody/initiator policies, deputies.

The resolved people are stored as tasks when the step is entered, so a later change of roles or
definitions never silently changes who is asked.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from tui_office import extensions
from tui_office.domain.definitions import STEP_KIND_ROLES
from tui_office.store import users as user_rows
from tui_office.store.models import Department, Document, User
from tui_office.store.rows import get_by_id

MAX_DEPUTY_HOPS = 5


def _active(users: list[User]) -> list[User]:
    seen: set[int] = set()
    out = []
    for user in users:
        if user is not None and user.active and user.id not in seen:
            seen.add(user.id)
            out.append(user)
    return out


def users_with_role(code: str) -> list[User]:
    return user_rows.active_with_role(code)


def manager_of_department(dept: Department | None) -> User | None:
    return get_by_id(User, dept.manager_id) if dept is not None and dept.manager_id else None


def manager_of_user(user: User) -> User | None:
    """The user's department manager; for the manager themselves, the next manager up (parent, else GM)."""
    dept = user.department
    manager = manager_of_department(dept)
    if manager is not None and manager.id != user.id:
        return manager
    if dept is not None and dept.parent_id:
        return manager_of_department(dept.parent)
    gms = [u for u in users_with_role("gm") if u.id != user.id]
    return gms[0] if gms else None


Resolver = Callable[[object, Document, dict], list]
"""Who an assignee rule names: `fn(rule, document, values) -> [User]` (inactive users are dropped after)."""


def _names(rule) -> tuple[str, ...]:
    return rule.values or ((rule.value,) if rule.value else ())


def _by_role(rule, document: Document, values: dict) -> list[User]:
    return [u for code in _names(rule) for u in users_with_role(code)]


def _dept_manager(rule, document: Document, values: dict) -> list[User]:
    return [manager_of_department(get_by_id(Department, document.department_id))]


def _manager_of(rule, document: Document, values: dict) -> list[User]:
    return [manager_of_department(Department.get_or_none(Department.code == rule.value))]


def _by_login(rule, document: Document, values: dict) -> list[User]:
    return [User.get_or_none(User.login == login) for login in _names(rule)]


def field_logins(source: str, values: dict) -> list[str]:
    """The logins a field names, in order: a `user` field's one, a `users` field's list, or every
    row's cell of a table's user column (`source` = "table.column"), each once."""
    table, _, column = source.partition(".")
    value = values.get(table)
    if column:
        found = [row.get(column) for row in value if isinstance(row, dict)] if isinstance(value, list) else []
    else:
        found = value if isinstance(value, list) else [value]
    return list(dict.fromkeys(str(login) for login in found if login))


def _user_field(rule, document: Document, values: dict) -> list[User]:
    return [User.get_or_none(User.login == login) for login in field_logins(rule.value or "", values)]


def _manager_of_field(rule, document: Document, values: dict) -> list[User]:
    code = values.get(rule.value or "")
    return [manager_of_department(Department.get_or_none(Department.code == str(code)))] if code else []


def _initiator(rule, document: Document, values: dict) -> list[User]:
    return [document.initiator]


BUILT_IN_RESOLVERS: dict[str, Resolver] = {
    "role": _by_role, "dept_manager": _dept_manager, "manager_of": _manager_of,
    "user": _by_login, "field": _user_field, "initiator": _initiator, "manager_of_field": _manager_of_field,
}
"""The assignee rules every form may use; workflow packages add theirs (`Workflow.resolvers`)."""


def resolvers() -> dict[str, Resolver]:
    """Every assignee rule by its key: the built-in ones, then the installed workflows'."""
    return {**BUILT_IN_RESOLVERS, **extensions.resolvers()}


def resolve(step, document: Document, values: dict, *, self_approval: bool = False) -> list[User]:
    """Apply the step's assignee rule, then its approver-is-initiator and nobody-found policies.

    `allow` keeps the initiator as an approver only when the form allows self-approval
    (`self_approval`); otherwise it works as `manager`, so the step never waits on someone who may not act."""
    rule = step.assignee
    kind = rule.kind
    resolver = BUILT_IN_RESOLVERS.get(kind) or resolvers().get(kind)
    conflicted = conflicted_logins(document)
    found = [u for u in _active(resolver(rule, document, values) if resolver else []) if u.login not in conflicted]
    initiator = get_by_id(User, document.initiator_id)
    if kind != "initiator" and any(u.id == initiator.id for u in found):
        policy = step.on_initiator
        if policy == "allow" and not self_approval:
            policy = "manager"
        if policy == "skip":
            found = [u for u in found if u.id != initiator.id]
        elif policy == "manager":
            up = manager_of_user(initiator)
            found = [u for u in _active([up if u.id == initiator.id else u for u in found]) if u.login not in conflicted]
    if not found:
        if step.on_nobody == "dept_manager":
            found = _active([manager_of_user(initiator)])
        elif step.on_nobody == "admin":
            found = [u for u in users_with_role("admin") if u.id != initiator.id or self_approval]
        found = [u for u in found if u.login not in conflicted]
    return found


CONFLICTS = "conflicts"
"""Key of a document's state listing who declared a conflict of interest on it (`services/conflicts.py`)."""


def conflicted_logins(document: Document) -> set[str]:
    """Logins of the people who declared a conflict of interest on the document: never asked on it."""
    return {str(entry.get("login")) for entry in (document.state or {}).get(CONFLICTS, []) if isinstance(entry, dict)}


def deputy_for(user: User, on: date, form_id: str) -> User | None:
    """The deputy standing in for `user` on a date for a form (following chains, cycle-safe)."""
    current, seen = user, {user.id}
    for _ in range(MAX_DEPUTY_HOPS):
        record = user_rows.deputy_record(current.id, on)
        if record is None or (record.forms and form_id not in record.forms):
            break
        nxt = get_by_id(User, record.deputy_id)
        if nxt.id in seen or not nxt.active:
            break
        seen.add(nxt.id)
        current = nxt
    return None if current.id == user.id else current


def stand_in(user: User, document: Document, step, on: date, *, self_approval: bool = False) -> User | None:
    """Who takes `user`'s task at `step` of `document` on a day: their out-of-office deputy for the
    form (`deputy_for`), or None when nobody stands in for them there.

    A deputy does not stand in on their own document (unless the form allows self-approval), at a
    step only holders of a role may act on when they do not hold it, nor on a document they declared
    a conflict of interest on: the task stays with `user`. New tasks and tasks handed over when a
    stand-in begins (`services/hand_over.py`) follow this one rule."""
    deputy = deputy_for(user, on, document.form_id)
    if deputy is None:
        return None
    if deputy.id == document.initiator_id and not self_approval:
        return None
    role = STEP_KIND_ROLES.get(step.kind)
    if role and role not in user_rows.roles_of(deputy.id):
        return None
    if deputy.login in conflicted_logins(document):
        return None
    return deputy
