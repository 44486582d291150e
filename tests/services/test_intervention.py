"""Administrator intervention (管理员干预) through the services: each kind changes the document,
is in its history with the reason, tells whose task it closed, and is refused to anyone else."""

from __future__ import annotations

import pytest

from tui_office.domain.errors import OfficeError, PermissionDenied, TransitionNotAllowed
from tui_office.services import audit, queries, workflow
from tui_office.services.decisions import act
from tui_office.services.intervention import intervene, route
from tui_office.store.models import Notification, User


def pr(office):
    number = workflow.submit(office, "emily", "purchase_request",
                             {"item": "Desk", "quantity": "1", "amount": "150000", "reason": "r"})
    act(office, "zhaolei", "approve", number, comment="ok")  # director; now at the vp
    return number


def at(office, number):
    view = queries.show(office, "admin", number)
    return view.status, [s.step for s in view.current_steps], sorted(
        a.login for s in view.current_steps for a in s.assignees if a.status == "open")


def notices(login, kind="intervened"):
    return Notification.select().join(User).where((User.login == login) & (Notification.kind == kind)).count()


def last(office, number):
    entry = queries.show(office, "admin", number).history[-1]
    return entry.actor, entry.action, entry.target, entry.comment


@pytest.mark.parametrize("outcome", ["approved", "rejected"])
def test_end_closes_the_document_and_tells_the_assignee(office, outcome):
    number = pr(office)
    intervene(office, "admin", "end", number, outcome=outcome, reason="Board decided in the meeting")
    assert at(office, number)[0] == outcome
    assert last(office, number)[:2] == ("admin", "intervene-end")
    assert last(office, number)[3] == "Board decided in the meeting"
    assert notices("chenjing") == 1
    assert audit.verify().ok


def test_jump_to_a_named_step(office):
    number = pr(office)
    intervene(office, "admin", "jump", number, step="gm", reason="Urgent, the GM decides")
    assert at(office, number) == ("in_progress", ["gm"], ["liuwei"])
    assert last(office, number) == ("admin", "intervene-jump", "General manager", "Urgent, the GM decides")
    assert notices("chenjing") == 1


def test_pull_back_to_a_passed_step_only(office):
    number = pr(office)
    with pytest.raises(TransitionNotAllowed):
        intervene(office, "admin", "pull-back", number, step="gm", reason="x")
    intervene(office, "admin", "pull-back", number, reason="The director must see the new quote")
    assert at(office, number) == ("in_progress", ["director"], ["zhaolei"])
    assert last(office, number) == ("admin", "intervene-pull-back", "Department director",
                                    "The director must see the new quote")
    assert notices("chenjing") == 1
    act(office, "zhaolei", "approve", number, comment="ok again")
    assert at(office, number)[1] == ["vp"]


def test_reassign_a_pending_task(office):
    number = pr(office)
    intervene(office, "admin", "reassign", number, person="chenjing", to="sunyan", reason="Chen Jing left early")
    assert at(office, number) == ("in_progress", ["vp"], ["sunyan"])
    assert last(office, number)[:3] == ("admin", "intervene-reassign", "孙燕")
    assert notices("chenjing") == 1
    act(office, "sunyan", "approve", number, comment="ok")
    assert at(office, number)[1] == ["leadership"]
    assert audit.verify().ok


def test_only_administrators_with_a_reason_on_a_document_in_progress(office):
    number = pr(office)
    with pytest.raises(PermissionDenied):
        intervene(office, "liuwei", "end", number, outcome="approved", reason="I am the GM")
    with pytest.raises(OfficeError, match="reason"):
        intervene(office, "admin", "end", number, outcome="approved", reason="  ")
    with pytest.raises(OfficeError):
        intervene(office, "admin", "end", number, outcome="maybe", reason="x")
    with pytest.raises(OfficeError):
        intervene(office, "admin", "jump", number, step="nowhere", reason="x")
    with pytest.raises(OfficeError):
        intervene(office, "admin", "end", number, outcome="approved", reason="bad\x1b[2J")
    with pytest.raises(PermissionDenied):
        intervene(office, "admin", "reassign", number, person="chenjing", to="emily", reason="x")
    assert at(office, number) == ("in_progress", ["vp"], ["chenjing"])
    intervene(office, "admin", "end", number, outcome="rejected", reason="done")
    with pytest.raises(TransitionNotAllowed):
        intervene(office, "admin", "jump", number, step="gm", reason="again")


def test_route_shows_every_step_and_who_is_pending(office):
    number = pr(office)
    seen = route(office, "admin", number)
    marks = {step: mark for step, _, mark in seen.steps}
    assert marks["director"] == "done" and marks["vp"] == "now" and marks["gm"] == ""
    assert [login for login, _ in seen.pending] == ["chenjing"]
    assert seen.passed == ["director"]
    with pytest.raises(PermissionDenied):
        route(office, "emily", number)
