"""Taking a decision back never leaves a document waiting for nobody, even when the clock stands still."""

from __future__ import annotations

import pytest

from tui_office.domain.errors import TransitionNotAllowed
from tui_office.services import queries, workflow
from tui_office.services.decisions import act


def big_purchase(office):
    return workflow.submit(office, "emily", "purchase_request",
                           {"item": "Desk", "quantity": "1", "amount": "150000", "reason": "New office"})


def open_assignees(office, number):
    view = queries.show(office, "admin", number)
    return sorted(a.login for s in view.current_steps for a in s.assignees if a.status == "open")


@pytest.mark.parametrize("minutes_between", [0, 1])
def test_return_then_retract_then_approvals_reach_the_end_of_leadership(office, minutes_between):
    number = big_purchase(office)
    for who, action in [("zhaolei", "approve"), ("chenjing", "approve"), ("chenjing", "return"),
                        ("chenjing", "retract"), ("chenjing", "approve")]:
        office.clock.advance(minutes=minutes_between)
        act(office, who, action, number, comment="because")
    assert open_assignees(office, number) == ["chenjing", "liuwei"]
    act(office, "chenjing", "approve", number)
    act(office, "liuwei", "approve", number)
    view = queries.show(office, "admin", number)
    assert view.status == "in_progress"
    assert [s.step for s in view.current_steps] == ["gm"]
    assert open_assignees(office, number) == ["liuwei"]


def test_retract_in_the_same_second_as_the_approval_before_it(office):
    number = big_purchase(office)
    act(office, "zhaolei", "approve", number)
    act(office, "chenjing", "approve", number)  # same second as the director
    act(office, "chenjing", "retract", number)
    assert open_assignees(office, number) == ["chenjing"]
    assert [s.step for s in queries.show(office, "admin", number).current_steps] == ["vp"]


def test_retract_refused_once_the_next_step_acted_in_the_same_second(office):
    number = big_purchase(office)
    act(office, "zhaolei", "approve", number)
    act(office, "chenjing", "approve", number)
    with pytest.raises(TransitionNotAllowed, match="next step"):
        act(office, "zhaolei", "retract", number)


def test_retract_refused_after_a_countersigner_returned_the_step(office):
    number = big_purchase(office)
    act(office, "zhaolei", "approve", number)
    act(office, "chenjing", "approve", number)
    act(office, "chenjing", "approve", number)  # leadership: chenjing signs, liuwei sends it back
    act(office, "liuwei", "return", number, comment="Ask again")
    with pytest.raises(TransitionNotAllowed, match="next step"):
        act(office, "chenjing", "retract", number)
    assert open_assignees(office, number) == ["chenjing"]
