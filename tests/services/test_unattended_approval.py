"""A document ends approved only when a person approved it, and a departing approver's open
tasks go on to someone who can act."""

from __future__ import annotations

from datetime import date

import pytest

from tests.services.conftest import make_office
from tui_office.domain.errors import OfficeError
from tui_office.services import away, directory, queries, workflow
from tui_office.services.decisions import act
from tui_office.store.models import User

EMPTY_FORM = '''
id = "t_empty"
version = 1
title = {{ en = "Finance check", zh = "财务核对" }}
prefix = "TE"
{unattended}
[[fields]]
id = "subject"
type = "text"
label = {{ en = "Subject", zh = "事由" }}
[[steps]]
id = "finance"
title = {{ en = "Finance", zh = "财务" }}
assignee = {{ user = "wuhong" }}
on_nobody = "skip"
[[steps]]
id = "cashier"
title = {{ en = "Cashier", zh = "出纳" }}
assignee = {{ role = "cashier" }}
on_nobody = "skip"
next = "end"
'''


def office_with_empty_form(tmp_path, unattended=""):
    forms = tmp_path / "forms"
    forms.mkdir()
    (forms / "t_empty.toml").write_text(EMPTY_FORM.format(unattended=unattended), encoding="utf-8")
    return make_office(tmp_path)


def where(office, number):
    view = queries.show(office, "admin", number)
    return (view.status, [s.step for s in view.current_steps],
            sorted(a.login for s in view.current_steps for a in s.assignees if a.status == "open"))


def leave_office(*logins):
    User.update(active=False).where(User.login.in_(logins)).execute()


def test_every_step_empty_goes_to_an_administrator_not_to_approved(tmp_path):
    office = office_with_empty_form(tmp_path)
    try:
        leave_office("wuhong", "zhengxin")
        number = workflow.submit(office, "emily", "t_empty", {"subject": "Refund"})
        assert where(office, number) == ("in_progress", ["finance"], ["admin"])
        act(office, "admin", "approve", number)
        view = queries.show(office, "admin", number)
        assert view.status == "approved"
        assert [(h.actor, h.action, h.step) for h in view.history] == [
            ("emily", "submit", ""), ("admin", "approve", "finance"), ("", "skip", "cashier")]
    finally:
        office.close()


def test_a_form_may_allow_unattended_approval_explicitly(tmp_path):
    office = office_with_empty_form(tmp_path, unattended="allow_unattended_approval = true")
    try:
        leave_office("wuhong", "zhengxin")
        number = workflow.submit(office, "emily", "t_empty", {"subject": "Refund"})
        assert where(office, number) == ("approved", [], [])
    finally:
        office.close()


def test_no_approver_and_no_administrator_refuses_the_submission(office):
    leave_office("zhaolei", "admin")
    with pytest.raises(OfficeError, match="Nobody can approve"):
        workflow.submit(office, "emily", "general_request", {"subject": "Chair", "details": "Broken"})
    assert queries.counts(office, "emily")["submitted"] == 0


def test_deactivating_the_only_approver_sends_the_task_to_the_policy_person(office):
    number = workflow.submit(office, "emily", "general_request", {"subject": "Chair", "details": "Broken"})
    before = queries.last_notification_id(office, "admin")
    directory.deactivate_user(office, "zhaolei", by="admin")
    assert where(office, number) == ("in_progress", ["manager"], ["admin"])
    assert [n.kind for n in queries.notifications_since(office, "admin", before)] == ["new_task"]
    last = queries.show(office, "admin", number).history[-1]
    assert (last.action, last.step, last.target) == ("reassign", "manager", "系统管理员")
    act(office, "admin", "approve", number)
    assert where(office, number)[0] == "approved"


def test_deactivating_one_countersigner_leaves_the_others_to_finish(office):
    number = workflow.submit(office, "emily", "purchase_request",
                             {"item": "Desk", "quantity": "1", "amount": "150000", "reason": "r"})
    act(office, "zhaolei", "approve", number)
    act(office, "chenjing", "approve", number)
    assert where(office, number) == ("in_progress", ["leadership"], ["chenjing", "liuwei"])
    directory.deactivate_user(office, "chenjing", by="admin")
    assert where(office, number) == ("in_progress", ["leadership"], ["liuwei"])
    act(office, "liuwei", "approve", number)
    assert where(office, number) == ("in_progress", ["gm"], ["liuwei"])


def test_deactivating_an_approver_whose_step_skips_when_empty_moves_the_document_on(office):
    number = workflow.submit(office, "emily", "purchase_request",
                             {"item": "Desk", "quantity": "1", "amount": "5000", "reason": "r"})
    act(office, "zhaolei", "approve", number)
    directory.deactivate_user(office, "chenjing", by="admin")
    assert where(office, number) == ("in_progress", ["gm"], ["liuwei"])


def test_deactivating_a_deputy_gives_the_task_back_to_the_person_they_stood_in_for(office):
    away.set_away(office, "zhaolei", "sunyan", date(2026, 11, 20), date(2026, 11, 30))
    number = workflow.submit(office, "emily", "general_request", {"subject": "Chair", "details": "Broken"})
    assert where(office, number)[2] == ["sunyan"]
    directory.deactivate_user(office, "sunyan", by="admin")
    assert where(office, number)[2] == ["zhaolei"]
    act(office, "zhaolei", "approve", number)
    assert where(office, number)[0] == "approved"


def test_deactivating_the_last_approver_of_an_unattended_route_goes_to_an_administrator(tmp_path):
    office = office_with_empty_form(tmp_path)
    try:
        leave_office("zhengxin")
        number = workflow.submit(office, "emily", "t_empty", {"subject": "Refund"})
        assert where(office, number) == ("in_progress", ["finance"], ["wuhong"])
        directory.deactivate_user(office, "wuhong", by="admin")
        assert where(office, number) == ("in_progress", ["finance"], ["admin"])
    finally:
        office.close()
