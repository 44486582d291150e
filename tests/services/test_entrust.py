"""Delegate-and-return (委派) through the services, and how it differs from a transfer (转交)."""

from __future__ import annotations

import pytest

from tests.services.test_workflow import gr
from tui_office.domain.errors import OfficeError, PermissionDenied, TransitionNotAllowed
from tui_office.services import audit, queries, workflow
from tui_office.services.decisions import act, step_form, verdicts


def open_logins(office, number):
    view = queries.show(office, "admin", number)
    return sorted(a.login for s in view.current_steps for a in s.assignees if a.status == "open")


def history(office, number):
    """The document's history as its initiator sees it (an administrator opening an archived
    document from outside it is logged, which would add to the history being read)."""
    return [(h.actor, h.action, h.target) for h in queries.show(office, "emily", number).history]


def test_entrusted_colleague_answers_and_the_task_comes_back_to_decide(office):
    number = gr(office)
    message = act(office, "zhaolei", "entrust", number, to="sunyan", comment="Check the stock first")
    assert "孙燕" in message
    assert open_logins(office, number) == ["sunyan"]
    assert queries.inbox(office, "zhaolei").total == 0
    assert queries.inbox(office, "sunyan").total == 1

    act(office, "sunyan", "approve", number, comment="Stock is low, buy it")
    view = queries.show(office, "admin", number)
    assert view.status == "in_progress"  # the colleague's answer does not decide the step
    assert open_logins(office, number) == ["zhaolei"]

    act(office, "zhaolei", "approve", number, comment="Agreed")
    view = queries.show(office, "emily", number)
    assert view.status == "approved"
    assert history(office, number) == [
        ("emily", "submit", ""), ("zhaolei", "entrust", "孙燕"), ("sunyan", "entrust-approve", "赵磊"),
        ("zhaolei", "approve", ""),
    ]
    assert view.history[2].comment == "Stock is low, buy it"
    assert audit.verify().ok


def test_a_colleague_advising_rejection_does_not_end_the_document(office):
    number = gr(office)
    act(office, "zhaolei", "entrust", number, to="sunyan")
    act(office, "sunyan", "reject", number, comment="Too expensive")
    assert queries.show(office, "admin", number).status == "in_progress"
    assert open_logins(office, number) == ["zhaolei"]
    act(office, "zhaolei", "approve", number, comment="Needed anyway")
    assert queries.show(office, "admin", number).status == "approved"


def test_transfer_hands_over_for_good_where_entrusting_comes_back(office):
    transferred, entrusted = gr(office), gr(office)
    act(office, "zhaolei", "delegate", transferred, to="sunyan")
    act(office, "zhaolei", "entrust", entrusted, to="sunyan")
    act(office, "sunyan", "approve", transferred, comment="ok")
    act(office, "sunyan", "approve", entrusted, comment="ok")
    assert queries.show(office, "admin", transferred).status == "approved"  # 转交: the colleague decided
    assert queries.show(office, "admin", entrusted).status == "in_progress"  # 委派: back to the assignee
    assert open_logins(office, entrusted) == ["zhaolei"]


def test_the_colleague_must_give_an_opinion_and_may_only_answer(office):
    number = gr(office)
    act(office, "zhaolei", "entrust", number, to="sunyan")
    with pytest.raises(OfficeError, match="opinion"):
        act(office, "sunyan", "approve", number)
    for action, extra in (("delegate", {"to": "hejun"}), ("entrust", {"to": "hejun"}), ("return", {"comment": "x"}),
                          ("add-approver", {"to": "hejun"})):
        with pytest.raises(TransitionNotAllowed, match="colleague"):
            act(office, "sunyan", action, number, **extra)
    assert step_form(office, "sunyan", number).fields == ()
    assert open_logins(office, number) == ["sunyan"]


def test_the_assignee_waits_for_the_answer(office):
    number = gr(office)
    act(office, "zhaolei", "entrust", number, to="sunyan")
    with pytest.raises(PermissionDenied, match="孙燕"):
        act(office, "zhaolei", "approve", number, comment="now")
    refused = {v.action: v.reason for v in verdicts(office, "zhaolei", number) if not v.allowed}
    assert "孙燕" in refused["approve"]


def test_entrusting_to_the_initiator_or_oneself_is_refused(office):
    number = gr(office)
    with pytest.raises(PermissionDenied):
        act(office, "zhaolei", "entrust", number, to="emily")
    with pytest.raises(OfficeError):
        act(office, "zhaolei", "entrust", number, to="zhaolei")
    assert open_logins(office, number) == ["zhaolei"]


def test_a_countersign_waits_for_the_entrusted_answer(office):
    number = workflow.submit(office, "emily", "purchase_request",
                             {"item": "Desk", "quantity": "1", "amount": "150000", "reason": "r"})
    act(office, "zhaolei", "approve", number, comment="ok")  # director
    act(office, "chenjing", "approve", number, comment="ok")  # vp; the countersign (all) is next
    leaders = open_logins(office, number)
    assert len(leaders) >= 2
    first, *others = leaders
    act(office, first, "entrust", number, to="sunyan")
    for leader in others:
        act(office, leader, "approve", number, comment="ok")
    assert "sunyan" in open_logins(office, number)  # the countersign still waits for the first leader
    act(office, "sunyan", "approve", number, comment="fine")
    act(office, first, "approve", number, comment="ok")
    view = queries.show(office, "admin", number)
    assert view.current_steps[0].step == "gm"
    assert audit.verify().ok


def test_an_answer_cannot_be_retracted_once_it_went_back(office):
    number = gr(office)
    act(office, "zhaolei", "entrust", number, to="sunyan")
    act(office, "sunyan", "approve", number, comment="fine")
    with pytest.raises(TransitionNotAllowed):
        act(office, "sunyan", "retract", number)
    assert open_logins(office, number) == ["zhaolei"]
