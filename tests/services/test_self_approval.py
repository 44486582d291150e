"""The initiator never decides their own request, by whatever route they reach an approver's place,
and copies (抄送) go only from the people handling a document to the people its form allows."""

from __future__ import annotations

from datetime import date

import pytest

from tests.services.conftest import make_office
from tui_office.domain.errors import OfficeError, PermissionDenied
from tui_office.services import away, queries, workflow
from tui_office.services.decisions import act, verdicts


def gr(office, who="emily"):
    return workflow.submit(office, who, "general_request", {"subject": "New chair", "details": "Mine broke"})


def waiting_for(office, number):
    view = queries.show(office, "admin", number)
    return view.status, sorted(a.login for s in view.current_steps for a in s.assignees if a.status == "open")


def refused_everything_a_decider_does(office, number, initiator):
    """The initiator tries to approve, reject, hand on and add approvers; each is refused, nothing moves."""
    before = waiting_for(office, number)
    history = len(queries.show(office, "admin", number).history)
    for action, to in [("approve", None), ("reject", None), ("delegate", "sunyan"), ("add-approver", "sunyan")]:
        with pytest.raises(PermissionDenied):
            act(office, initiator, action, number, to=to, comment="mine")
    assert waiting_for(office, number) == before
    assert len(queries.show(office, "admin", number).history) == history


def test_role_step_never_asks_the_initiator(office):
    """The vice president files a big purchase: the vice-president step and the countersign, which
    would ask her by role, ask the general manager instead, and her own decisions are refused."""
    number = workflow.submit(office, "chenjing", "purchase_request",
                             {"item": "Server", "quantity": "1", "amount": "150000", "reason": "Lab"})
    assert waiting_for(office, number) == ("in_progress", ["liuwei"])  # director: her department's manager
    act(office, "liuwei", "approve", number)
    view = queries.show(office, "admin", number)
    assert view.current_steps[0].step == "leadership"
    assert [a.login for a in view.current_steps[0].assignees] == ["liuwei"]
    refused_everything_a_decider_does(office, number, "chenjing")


def test_added_approver_cannot_be_the_initiator(office):
    number = gr(office)
    for position in ("after", "before"):
        with pytest.raises(PermissionDenied, match="started this request"):
            act(office, "zhaolei", "add-approver", number, to="emily", position=position)
    assert waiting_for(office, number) == ("in_progress", ["zhaolei"])


def test_delegation_cannot_reach_the_initiator(office):
    number = gr(office)
    act(office, "zhaolei", "delegate", number, to="sunyan")
    with pytest.raises(PermissionDenied):
        act(office, "sunyan", "delegate", number, to="emily")
    assert waiting_for(office, number) == ("in_progress", ["sunyan"])


def test_deputy_route_when_the_task_arrives_keeps_it_with_the_approver(office):
    """The manager is away with the initiator as deputy: her own request stays with the manager."""
    away.set_away(office, "zhaolei", "emily", date(2026, 11, 20), date(2026, 11, 30))
    number = gr(office)
    assert waiting_for(office, number) == ("in_progress", ["zhaolei"])
    refused_everything_a_decider_does(office, number, "emily")
    act(office, "zhaolei", "approve", number)
    assert waiting_for(office, number) == ("approved", [])


def test_deputy_route_after_the_task_arrived_is_refused_at_every_decision(office):
    """The manager goes away after the request arrived, with the initiator as deputy: she may act for
    him on other documents, but on her own one every decision and every choice of approver is refused."""
    number = gr(office)
    other = gr(office, who="zhouqiang")
    away.set_away(office, "zhaolei", "emily", date(2026, 11, 23), date(2026, 11, 30))
    reasons = {v.action: v for v in verdicts(office, "emily", number)}
    assert not reasons["approve"].allowed and "another approver" in reasons["approve"].reason
    refused_everything_a_decider_does(office, number, "emily")
    act(office, "emily", "approve", other)
    assert waiting_for(office, other) == ("approved", [])
    assert waiting_for(office, number) == ("in_progress", ["zhaolei"])


def test_initiator_who_holds_a_task_by_design_may_act_when_the_form_allows_self_approval(tmp_path):
    forms = tmp_path / "forms"
    forms.mkdir()
    (forms / "t_self.toml").write_text('''
id = "t_self"
version = 1
title = { en = "Self test", zh = "自批测试" }
prefix = "TS"
allow_self_approval = true
[[fields]]
id = "subject"
type = "text"
label = { en = "Subject", zh = "事由" }
[[steps]]
id = "manager"
title = { en = "Manager", zh = "经理" }
assignee = { dept_manager = true }
on_initiator = "allow"
next = "end"
''', encoding="utf-8")
    office = make_office(tmp_path)
    try:
        number = workflow.submit(office, "zhaolei", "t_self", {"subject": "x"})
        assert waiting_for(office, number) == ("in_progress", ["zhaolei"])
        act(office, "zhaolei", "approve", number)
        assert waiting_for(office, number) == ("approved", [])
    finally:
        office.close()


PRIVATE_FORM = '''
id = "t_private"
version = 1
title = { en = "Private note", zh = "私密事项" }
prefix = "TP"
cc_allowed = ["hr", "gm"]
[[fields]]
id = "subject"
type = "text"
label = { en = "Subject", zh = "事由" }
[[steps]]
id = "manager"
title = { en = "Manager", zh = "经理" }
assignee = { dept_manager = true }
next = "end"
'''


def test_copies_come_from_the_initiator_and_the_approvers_only(office):
    number = gr(office)
    act(office, "emily", "cc", number, to="david")
    with pytest.raises(PermissionDenied, match="Only the initiator and the people handling"):
        act(office, "david", "cc", number, to="sunyan")
    assert queries.inbox(office, "sunyan", "cc").total == 0
    act(office, "zhaolei", "cc", number, to="sunyan,wuhong")
    act(office, "zhaolei", "approve", number)
    act(office, "zhaolei", "cc", number, to="mayu")  # a past approver, after the end
    copies = [(h.actor, h.target) for h in queries.show(office, "admin", number).history if h.action == "cc"]
    assert copies == [("emily", "David Brooks"), ("zhaolei", "孙燕, 吴红"), ("zhaolei", "马宇")]


def test_copies_go_only_to_roles_the_form_allows(tmp_path):
    forms = tmp_path / "forms"
    forms.mkdir()
    (forms / "t_private.toml").write_text(PRIVATE_FORM, encoding="utf-8")
    office = make_office(tmp_path)
    try:
        number = workflow.submit(office, "emily", "t_private", {"subject": "Sick note"})
        with pytest.raises(PermissionDenied, match="may not be copied to 孙燕"):
            act(office, "zhaolei", "cc", number, to="wangfang,sunyan")
        assert queries.inbox(office, "wangfang", "cc").total == 0  # all or nothing
        act(office, "zhaolei", "cc", number, to="wangfang,liuwei")
        assert queries.inbox(office, "wangfang", "cc").total == 1
        with pytest.raises(OfficeError):
            act(office, "wangfang", "cc", number, to="zhangli")  # a reader does not pass it on
    finally:
        office.close()
