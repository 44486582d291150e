"""Provides the roles of the office (角色管理): what each may do — the forms it may start (the
forms' `starters`), the forms it may submit for others (`submit_for`), the steps it acts on (a
step's `{ role = … }` assignee or escalation, a step kind reserved to it) — and who holds it.
Adding a role and giving or taking it from a user are admin only, one transaction each, audited
(on the user's record, so `audit verify` covers their roles)."""

from __future__ import annotations

from dataclasses import dataclass, field

from tui_office.domain.admin_names import checked_code, checked_name
from tui_office.domain.definitions import STEP_KIND_ROLES, FormDef
from tui_office.domain.errors import Conflict, NotFound, PermissionDenied, ValidationError
from tui_office.i18n import pick
from tui_office.services import audit, registry
from tui_office.services.office import Office
from tui_office.services.permissions import ADMIN_ROLE, active_admin_count, require_admin
from tui_office.store.db import database
from tui_office.store.models import Role, User, UserRole


@dataclass(frozen=True)
class StepRight:
    """A step a role acts on."""

    form: str
    form_title: str
    step: str
    step_title: str


@dataclass(frozen=True)
class RoleInfo:
    """A role with what it may do and who holds it."""

    code: str
    name_en: str
    name_zh: str
    members: tuple[str, ...] = ()
    """The logins of the active users holding it."""
    starts: tuple[tuple[str, str], ...] = ()
    """(form id, title) of the forms it may start by name (forms open to everyone not included)."""
    submits_for: tuple[tuple[str, str], ...] = ()
    """(form id, title) of the forms it may submit for someone else."""
    steps: tuple[StepRight, ...] = field(default_factory=tuple)

    @property
    def name(self) -> str:
        return pick(self.name_en, self.name_zh) or self.code

    def to_json(self) -> dict:
        return {"code": self.code, "name_en": self.name_en, "name_zh": self.name_zh, "members": list(self.members),
                "starts": [form for form, _ in self.starts], "submit_for": [form for form, _ in self.submits_for],
                "steps": [{"form": s.form, "step": s.step} for s in self.steps]}


def _step_roles(step) -> set[str]:  # noqa: ANN001 - a StepDef
    roles = set()
    for rule in (step.assignee, step.escalate_to):
        if rule is not None and rule.kind == "role":
            roles.update(rule.values or (rule.value,))
    if step.kind in STEP_KIND_ROLES:
        roles.add(STEP_KIND_ROLES[step.kind])
    return roles


def open_forms(office: Office) -> list[tuple[str, str]]:
    """(form id, title) of the forms everyone may start."""
    return sorted((form.id, form.title) for _, form in registry.all_latest(office) if "*" in form.starters)


def list_roles(office: Office) -> list[RoleInfo]:
    """Every role, by code, with what the current forms let it do and its active holders."""
    forms: list[FormDef] = sorted((form for _, form in registry.all_latest(office)), key=lambda f: f.id)
    members: dict[int, list[str]] = {}
    query = (UserRole.select(UserRole.role, User.login).join(User)
             .where(User.active == True).order_by(User.login).tuples())  # noqa: E712
    for role_id, login in query:
        members.setdefault(role_id, []).append(login)
    out = []
    for role in Role.select().order_by(Role.code):
        code = role.code
        out.append(RoleInfo(
            code=code, name_en=role.name_en, name_zh=role.name_zh, members=tuple(members.get(role.id, ())),
            starts=tuple((f.id, f.title) for f in forms if code in f.starters),
            submits_for=tuple((f.id, f.title) for f in forms if code in f.submit_for),
            steps=tuple(StepRight(f.id, f.title, s.id, s.title) for f in forms for s in f.steps if code in _step_roles(s)),
        ))
    return out


def get_role(office: Office, code: object) -> RoleInfo:
    code = checked_code(code, "role")
    found = next((r for r in list_roles(office) if r.code == code), None)
    if found is None:
        raise NotFound(what=f"role {code}")
    return found


def add_role(office: Office, by: str | None, code: object, name_en: object, name_zh: object = "") -> RoleInfo:
    """A new role nobody holds yet; forms name it in `starters`, `submit_for` or a step's assignee."""
    code = checked_code(code, "code")
    name_en = checked_name(name_en, "name_en")
    name_zh = checked_name(name_zh, "name_zh", required=False)
    with database.atomic():
        admin = require_admin(by)
        if Role.get_or_none(Role.code == code) is not None:
            raise ValidationError("code", "duplicate_role", role=code)
        Role.create(code=code, name_en=name_en, name_zh=name_zh)
        audit.record(document_id=None, actor_id=admin.id, action="role_add", at=office.clock.now(),
                     changes={"code": code, "name_en": name_en, "name_zh": name_zh})
    return get_role(office, code)


def _role_and_user(role: object, login: object) -> tuple[Role, User]:
    found = Role.get_or_none(Role.code == checked_code(role, "role"))
    if found is None:
        raise NotFound(what=f"role {role}")
    if not isinstance(login, str):
        raise NotFound(what="user ?")
    user = User.get_or_none(User.login == login.strip())
    if user is None:
        raise NotFound(what=f"user {login}")
    return found, user


def grant_role(office: Office, by: str | None, role: object, login: object) -> RoleInfo:
    """Give `login` the role (refused if they hold it already)."""
    with database.atomic():
        admin = require_admin(by)
        found, user = _role_and_user(role, login)
        if UserRole.get_or_none((UserRole.user == user) & (UserRole.role == found)) is not None:
            raise Conflict("role_held", login=user.login, role=found.code)
        UserRole.create(user=user, role=found)
        audit.record(document_id=None, actor_id=admin.id, action="role_grant", at=office.clock.now(),
                     subject_user_id=user.id, changes={"login": user.login, "role": found.code})
    return get_role(office, found.code)


def revoke_role(office: Office, by: str | None, role: object, login: object) -> RoleInfo:
    """Take the role from `login`; the last active administrator keeps `admin`."""
    with database.atomic():
        admin = require_admin(by)
        found, user = _role_and_user(role, login)
        link = UserRole.get_or_none((UserRole.user == user) & (UserRole.role == found))
        if link is None:
            raise Conflict("role_not_held", login=user.login, role=found.code)
        if found.code == ADMIN_ROLE and user.active and active_admin_count() <= 1:
            raise PermissionDenied("last_admin", login=user.login)
        link.delete_instance()
        audit.record(document_id=None, actor_id=admin.id, action="role_revoke", at=office.clock.now(),
                     subject_user_id=user.id, changes={"login": user.login, "role": found.code})
    return get_role(office, found.code)


def set_roles(office: Office, by: str | None, login: object, codes: set[str]) -> list[str]:
    """Give `login` exactly the roles `codes` (one transaction: a grant or revoke row per change);
    the last active administrator keeps `admin`. Returns their roles, by code."""
    with database.atomic():
        require_admin(by)
        if not isinstance(login, str) or User.get_or_none(User.login == login) is None:
            raise NotFound(what=f"user {login}")
        user = User.get(User.login == login)
        held = {code for (code,) in UserRole.select(Role.code).join(Role).where(UserRole.user == user).tuples()}
        for code in sorted(held - set(codes)):
            revoke_role(office, by, code, login)
        for code in sorted(set(codes) - held):
            grant_role(office, by, code, login)
    return sorted(codes)
