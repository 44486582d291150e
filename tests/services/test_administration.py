"""Administrators run the organisation through the services: the department tree (add, rename,
move, manager, close — refused while people, sub-departments or documents depend on it, naming
them), roles (what each may start and act on, who holds it), everyone's deputies and users'
details. Every change is audited, refused to anyone else and changes nothing when refused."""

from __future__ import annotations

from datetime import date

import pytest

from tests.factories import demo_office
from tui_office.domain.errors import Conflict, NotFound, OfficeError, PermissionDenied, ValidationFailed
from tui_office.services import audit, departments, deputies, directory, roles, workflow
from tui_office.store.models import Action


@pytest.fixture
def office(tmp_path):
    office = demo_office(tmp_path)
    yield office
    office.close()


def tree(office) -> list[tuple[int, str]]:
    return [(d.depth, d.code) for d in departments.list_departments(office)]


def test_the_demo_departments_are_a_tree_with_managers_and_head_counts(office):
    rows = departments.list_departments(office)
    assert (0, "management") == (rows[0].depth, rows[0].code)
    assert (2, "warehouse") in tree(office), "the warehouse sits under purchasing"
    sales = next(d for d in rows if d.code == "sales")
    assert (sales.parent, sales.manager, sales.members, sales.active) == ("management", "zhaolei", 4, True)
    assert sales.to_json() == {"code": "sales", "name_en": "Sales", "name_zh": "销售部", "parent": "management",
                               "manager": "zhaolei", "active": True, "members": 4}


def test_an_admin_adds_renames_moves_and_staffs_a_department(office):
    departments.add_department(office, "admin", "key_accounts", "Key accounts", "大客户组", parent="sales", manager="emily")
    assert (2, "key_accounts") in tree(office)
    departments.rename_department(office, "admin", "key_accounts", name_zh="重点客户组")
    moved = departments.move_department(office, "admin", "key_accounts", "")
    assert (moved.parent, moved.name_zh, moved.name_en, moved.manager) == (None, "重点客户组", "Key accounts", "emily")
    departments.set_manager(office, "admin", "key_accounts", "sunyan")
    user = directory.edit_user(office, "zhouqiang", department="key_accounts", title_zh="大客户专员", by="admin")
    assert (user.department_code, user.manager, user.title_zh) == ("key_accounts", "sunyan", "大客户专员")
    kinds = [a.action for a in Action.select().order_by(Action.id)][-5:]
    assert kinds == ["department_add", "department_rename", "department_move", "department_manager", "user_edit"]
    assert audit.verify().ok


def test_a_department_cannot_go_under_itself_or_its_own_sub_department(office):
    with pytest.raises(Conflict, match="'warehouse' lies inside 'purchasing'"):
        departments.move_department(office, "admin", "purchasing", "warehouse")
    with pytest.raises(Conflict):
        departments.move_department(office, "admin", "sales", "sales")
    assert (2, "warehouse") in tree(office)


def test_closing_a_department_is_refused_naming_what_still_depends_on_it(office):
    with pytest.raises(Conflict) as refused:
        departments.deactivate_department(office, "admin", "sales")
    assert str(refused.value) == ("'sales' still has 4 active member(s): emily, sunyan, zhaolei, zhouqiang. "
                                  "Move them to another department or deactivate them first.")
    for login in ("hejun", "linna"):
        directory.edit_user(office, login, department="", by="admin")
    with pytest.raises(Conflict, match="open sub-departments: warehouse"):
        departments.deactivate_department(office, "admin", "purchasing")
    number = workflow.submit(office, "david", "general_request", {"subject": "Bench", "details": "One"})
    for login in ("david", "mayu"):
        directory.edit_user(office, login, department="", by="admin")
    with pytest.raises(Conflict, match=f"1 document\\(s\\) in progress: {number}"):
        departments.deactivate_department(office, "admin", "technical")
    assert all(d.active for d in departments.list_departments(office))


def test_a_closed_department_takes_nobody_new_until_reopened(office):
    departments.add_department(office, "admin", "pr", "Public relations", parent="management")
    assert not departments.deactivate_department(office, "admin", "pr").active
    with pytest.raises(Conflict, match="The department 'pr' is closed"):
        directory.add_user(office, "newbie", "New Bie", "pr", by="admin")
    with pytest.raises(Conflict, match="closed"):
        directory.edit_user(office, "emily", department="pr", by="admin")
    departments.reactivate_department(office, "admin", "pr")
    assert directory.add_user(office, "newbie", "New Bie", "pr", by="admin").department_code == "pr"


@pytest.mark.parametrize("call", [
    lambda o, who: departments.add_department(o, who, "x", "X"),
    lambda o, who: departments.rename_department(o, who, "sales", name_en="Selling"),
    lambda o, who: departments.move_department(o, who, "sales", ""),
    lambda o, who: departments.set_manager(o, who, "sales", "emily"),
    lambda o, who: departments.deactivate_department(o, who, "legal"),
    lambda o, who: roles.add_role(o, who, "auditor", "Auditor"),
    lambda o, who: roles.grant_role(o, who, "hr", "emily"),
    lambda o, who: roles.revoke_role(o, who, "sales", "emily"),
    lambda o, who: deputies.set_deputy(o, who, "zhaolei", "emily", date(2026, 12, 1), date(2026, 12, 2)),
    lambda o, who: deputies.list_deputies(o, who),
    lambda o, who: directory.edit_user(o, "emily", name="Em", by=who),
], ids=["dept-add", "dept-rename", "dept-move", "dept-manager", "dept-close", "role-add", "role-grant", "role-revoke",
        "deputy-set", "deputy-list", "user-edit"])
def test_only_an_administrator_changes_the_organisation(office, call):
    rows = Action.select().count()
    with pytest.raises(PermissionDenied, match="Only an administrator"):
        call(office, "zhaolei")  # a department manager, not an administrator
    assert Action.select().count() == rows


@pytest.mark.parametrize("call, field", [
    (lambda o: departments.add_department(o, "admin", "a b", "X"), "code"),
    (lambda o: departments.add_department(o, "admin", "x" * 41, "X"), "code"),
    (lambda o: departments.add_department(o, "admin", "x", "Evil\x1b[2J"), "name_en"),
    (lambda o: departments.add_department(o, "admin", "x", "长" * 101), "name_en"),
    (lambda o: departments.add_department(o, "admin", "x", ""), "name_en"),
    (lambda o: departments.add_department(o, "admin", 7, "X"), "code"),
    (lambda o: roles.add_role(o, "admin", "auditor", ["Auditor"]), "name_en"),
    (lambda o: directory.edit_user(o, "emily", title="\x07", by="admin"), "title"),
    (lambda o: directory.add_user(o, "newbie", "", by="admin"), "name"),
])
def test_hostile_values_are_refused_in_one_line_naming_the_field(office, call, field):
    rows = Action.select().count()
    with pytest.raises(ValidationFailed) as refused:
        call(office)
    assert str(refused.value).startswith(f"{field}: ") and "\n" not in str(refused.value)
    assert Action.select().count() == rows


def test_each_role_shows_the_forms_it_may_start_the_steps_it_acts_on_and_who_holds_it(office):
    by_code = {r.code: r for r in roles.list_roles(office)}
    assert "leave" in [form for form, _ in by_code["hr"].submits_for]
    assert ("seal_application", "keeper") in [(s.form, s.step) for s in by_code["seal_keeper"].steps]
    assert by_code["seal_keeper"].members == ("huangmin",)
    assert "sales_order" in [form for form, _ in by_code["sales_admin"].starts]
    assert "general_request" in [form for form, _ in roles.open_forms(office)]
    assert set(by_code["gm"].to_json()) == {"code", "name_en", "name_zh", "members", "starts", "submit_for", "steps"}


def test_giving_and_taking_roles_is_audited_on_the_user_and_keeps_the_last_admin(office):
    roles.add_role(office, "admin", "auditor", "Internal auditor", "内审")
    assert roles.grant_role(office, "admin", "auditor", "emily").members == ("emily",)
    with pytest.raises(Conflict, match="already has the role"):
        roles.grant_role(office, "admin", "auditor", "emily")
    assert roles.set_roles(office, "admin", "emily", {"auditor", "hr"}) == ["auditor", "hr"]
    assert directory.get_user(office, "emily").roles == ["auditor", "hr"]
    assert roles.revoke_role(office, "admin", "hr", "emily").members == ("wangfang", "zhangli")
    with pytest.raises(PermissionDenied, match="last active administrator"):
        roles.revoke_role(office, "admin", "admin", "admin")
    with pytest.raises(PermissionDenied, match="last active administrator"):
        roles.set_roles(office, "admin", "admin", {"archive"})
    assert directory.get_user(office, "admin").roles == ["admin", "archive"]
    with pytest.raises(NotFound):
        roles.grant_role(office, "admin", "astronaut", "emily")
    assert audit.verify().ok


def test_an_admin_sets_and_clears_anyone_s_deputy(office):
    text = deputies.set_deputy(office, "admin", "zhaolei", "chenjing", date(2026, 12, 1), date(2026, 12, 4))
    assert "陈静" in text and "赵磊" in text
    (record,) = deputies.list_deputies(office, "admin")
    assert record.to_json() == {"id": record.id, "principal": "zhaolei", "deputy": "chenjing", "start": "2026-12-01",
                                "end": "2026-12-04", "forms": [], "reason": ""}
    with pytest.raises(OfficeError, match="before the start"):
        deputies.set_deputy(office, "admin", "zhaolei", "chenjing", date(2026, 12, 4), date(2026, 12, 1))
    with pytest.raises(OfficeError, match="There is no current out-of-office record 999"):
        deputies.clear_deputy(office, "admin", 999)
    deputies.clear_deputy(office, "admin", record.id)
    assert deputies.list_deputies(office, "admin") == []
    assert [a.action for a in Action.select().order_by(Action.id)][-2:] == ["away", "away-cancel"]
