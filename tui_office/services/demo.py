"""Provides loading of the demo office (`data/demo/*.toml`); loading twice changes nothing."""

from __future__ import annotations

import tomllib

from tui_office import extensions
from tui_office.domain.errors import PermissionDenied
from tui_office.resources import bundled
from tui_office.services import audit
from tui_office.services.office import Office
from tui_office.services.office_settings import is_demo, mark_demo
from tui_office.store.db import database
from tui_office.store.models import Department, Role, User, UserRole


def _pair(value: object) -> tuple[str, str]:
    if isinstance(value, dict):
        return str(value.get("en", "")), str(value.get("zh", ""))
    return str(value or ""), ""


def load_office(office: Office, source: dict | None = None) -> None:
    """Create or update the demo departments, roles and users (matched by code and login), and
    mark the database as a demo office (user switching on, `TUI_OFFICE_NOW` honoured).

    Only a database without users, or one that is a demo office already, takes the demo: loading
    it into a real office would turn switching on and add an `admin` for anyone, so it is refused."""
    if User.select().exists() and not is_demo(office):
        raise PermissionDenied("real_office_not_demo", target=office.target)
    if source is None:
        with bundled("data", "demo", "office.toml").open("rb") as fh:
            source = tomllib.load(fh)
    with database.atomic():
        mark_demo()
        office.apply_policy()
        roles = {}
        for spec in source.get("roles", []):
            en, zh = _pair(spec["name"])
            role, _ = Role.get_or_create(code=spec["code"], defaults={"name_en": en, "name_zh": zh})
            roles[role.code] = role
        depts = {}
        for spec in source.get("departments", []):
            en, zh = _pair(spec["name"])
            dept, _ = Department.get_or_create(code=spec["code"], defaults={"name_en": en, "name_zh": zh})
            depts[dept.code] = dept
        for spec in source.get("users", []):
            en, zh = _pair(spec.get("title", ""))
            user, created = User.get_or_create(
                login=spec["login"],
                defaults={
                    "name": spec["name"],
                    "name_en": spec.get("name_en", ""),
                    "title": en,
                    "title_zh": zh,
                    "department": depts.get(spec.get("department", "")),
                    "attributes": dict(spec.get("attributes", {})),
                },
            )
            for code in spec.get("roles", []):
                _, linked = UserRole.get_or_create(user=user, role=roles[code])
                created = created or linked
            if created:
                audit.record(document_id=None, actor_id=None, action="user-add", at=office.clock.now(),
                             subject_user_id=user.id, changes={"login": user.login, "source": "demo",
                                                               "roles": sorted(spec.get("roles", []))})
        for spec in source.get("departments", []):
            if spec.get("manager"):
                manager = User.get(User.login == spec["manager"])
                Department.update(manager=manager).where(Department.code == spec["code"]).execute()
            if spec.get("parent"):
                Department.update(parent=depts[spec["parent"]]).where(Department.code == spec["code"]).execute()
    _after_office_loaded(office)


def _after_office_loaded(office: Office) -> None:
    """The installed workflows' demo content (`Workflow.demo`), each idempotent."""
    for workflow in extensions.installed():
        if workflow.demo is not None:
            workflow.demo(office)


def load_workflow_documents(office: Office) -> None:
    """The installed workflows' demo documents (`Workflow.demo_documents`), each idempotent."""
    for workflow in extensions.installed():
        if workflow.demo_documents is not None:
            workflow.demo_documents(office)
