"""Remove approver (减签) through the services: who added may remove while the person has not acted;
an administrator may take a pending person off an all-of step, with a reason."""

from __future__ import annotations

import pytest

from tests.services.test_workflow import gr
from tui_office.domain.errors import Conflict, OfficeError, PermissionDenied
from tui_office.services import audit, queries, workflow
from tui_office.services.decisions import act, candidates


def pending(office, number):
    view = queries.show(office, "admin", number)
    return sorted((a.login, a.status) for s in view.current_steps for a in s.assignees if a.status in ("open", "waiting"))


def test_who_added_an_approver_before_them_removes_them_and_gets_the_task_back(office):
    number = gr(office)
    act(office, "zhaolei", "add-approver", number, to="sunyan", position="before")
    assert pending(office, number) == [("sunyan", "open"), ("zhaolei", "waiting")]
    assert candidates(office, "zhaolei", "remove-approver", number) == ["sunyan"]
    message = act(office, "zhaolei", "remove-approver", number, to="sunyan")
    assert "孙燕" in message
    assert pending(office, number) == [("zhaolei", "open")]
    last = queries.show(office, "admin", number).history[-1]
    assert (last.actor, last.action, last.target) == ("zhaolei", "remove-approver", "孙燕")
    assert queries.inbox(office, "sunyan").total == 0
    assert audit.verify().ok


def test_an_approver_added_after_me_is_removed_after_i_approved_and_the_document_goes_on(office):
    number = gr(office)
    act(office, "zhaolei", "add-approver", number, to="sunyan")
    act(office, "zhaolei", "approve", number, comment="ok")
    assert pending(office, number) == [("sunyan", "open")]
    act(office, "zhaolei", "remove-approver", number, to="sunyan")
    assert queries.show(office, "admin", number).status == "approved"


def test_removal_is_refused_once_the_removed_approver_acted(office):
    number = gr(office)
    act(office, "zhaolei", "add-approver", number, to="sunyan", position="before")
    act(office, "sunyan", "approve", number, comment="fine")
    with pytest.raises(Conflict, match="already acted"):
        act(office, "zhaolei", "remove-approver", number, to="sunyan")
    assert queries.show(office, "admin", number).history[-1].action == "approve"


def test_only_who_added_them_may_remove_them(office):
    number = gr(office)
    act(office, "zhaolei", "add-approver", number, to="sunyan", position="before")
    with pytest.raises(PermissionDenied):
        act(office, "emily", "remove-approver", number, to="sunyan")
    with pytest.raises(PermissionDenied):
        act(office, "admin", "remove-approver", number, to="sunyan")  # not an all-of step
    assert pending(office, number) == [("sunyan", "open"), ("zhaolei", "waiting")]


def _at_countersign(office):
    number = workflow.submit(office, "emily", "purchase_request",
                             {"item": "Desk", "quantity": "1", "amount": "150000", "reason": "r"})
    act(office, "zhaolei", "approve", number, comment="ok")
    act(office, "chenjing", "approve", number, comment="ok")
    assert queries.show(office, "admin", number).current_steps[0].mode == "all"
    return number


def test_an_admin_removes_a_pending_countersigner_with_a_reason(office):
    number = _at_countersign(office)
    leaders = [login for login, _ in pending(office, number)]
    first, *rest = leaders
    with pytest.raises(OfficeError, match="reason"):
        act(office, "admin", "remove-approver", number, to=first)
    act(office, "admin", "remove-approver", number, to=first, comment="On sick leave for a month")
    last = queries.show(office, "admin", number).history[-1]
    assert (last.actor, last.action, last.comment) == ("admin", "remove-approver", "On sick leave for a month")
    for leader in rest:
        act(office, leader, "approve", number, comment="ok")
    assert queries.show(office, "admin", number).current_steps[0].step == "gm"
    assert audit.verify().ok


def test_an_admin_cannot_remove_the_last_person_of_a_step(office):
    number = _at_countersign(office)
    leaders = [login for login, _ in pending(office, number)]
    for leader in leaders[:-1]:
        act(office, "admin", "remove-approver", number, to=leader, comment="away")
    with pytest.raises(PermissionDenied):
        act(office, "admin", "remove-approver", number, to=leaders[-1], comment="away")
    assert [login for login, _ in pending(office, number)] == leaders[-1:]
