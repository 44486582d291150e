"""Assignees from the document through the services: signers one after another (`mode = "sequence"`)
keep their order when one adds an approver or takes an approval back, and someone who declared a
conflict of interest is never asked again, whatever route would have found them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.factories import demo_office
from tui_office.domain.errors import PermissionDenied
from tui_office.services import conflicts, decisions, queries, workflow

FORMS = Path(__file__).resolve().parents[1] / "engine_forms"


@pytest.fixture
def office(tmp_path):
    office = demo_office(tmp_path, forms_dir=FORMS)
    yield office
    office.close()


def turn(office, number: str) -> list[str]:
    return [a.login for step in queries.show(office, "emily", number).current_steps
            for a in step.assignees if a.status == "open"]


def test_an_added_approver_takes_the_next_turn_and_the_later_signers_wait(office):
    number = workflow.submit(office, "emily", "t_signers", {
        "subject": "Plan", "reviewers": "zhaolei", "signers": "liuwei,chenjing", "budget_holder": "finance"})
    decisions.act(office, "zhaolei", "approve", number)
    assert turn(office, number) == ["liuwei"]
    decisions.act(office, "liuwei", "add-approver", number, to="zhangli")
    decisions.act(office, "liuwei", "approve", number)
    assert turn(office, number) == ["zhangli"]  # not chenjing at the same time
    with pytest.raises(PermissionDenied):
        decisions.act(office, "chenjing", "approve", number)
    decisions.act(office, "zhangli", "approve", number)
    assert turn(office, number) == ["chenjing"]
    decisions.act(office, "chenjing", "approve", number)
    assert turn(office, number) == ["wuhong"]


def test_a_refusal_by_any_signer_rejects_the_document(office):
    number = workflow.submit(office, "emily", "t_signers", {
        "subject": "Plan", "reviewers": "zhaolei", "signers": "liuwei,chenjing", "budget_holder": "finance"})
    decisions.act(office, "zhaolei", "approve", number)
    decisions.act(office, "liuwei", "reject", number, comment="Not now")
    assert queries.show(office, "emily", number).status == "rejected"


def test_a_signer_who_takes_back_their_approval_is_asked_again_before_the_next(office):
    number = workflow.submit(office, "emily", "t_signers", {
        "subject": "Plan", "reviewers": "zhaolei", "signers": "liuwei,chenjing", "budget_holder": "finance"})
    decisions.act(office, "zhaolei", "approve", number)
    decisions.act(office, "liuwei", "approve", number)
    assert turn(office, number) == ["chenjing"]
    decisions.act(office, "liuwei", "retract", number)
    assert turn(office, number) == ["liuwei"]
    with pytest.raises(PermissionDenied):
        decisions.act(office, "chenjing", "approve", number)
    decisions.act(office, "liuwei", "approve", number)
    assert turn(office, number) == ["chenjing"]


def test_a_manager_standing_in_for_the_initiator_who_declares_a_conflict_is_not_asked_again(office):
    """The initiator named herself as reviewer: her manager is asked instead; when he declares a
    conflict, the step's nobody-found rule applies rather than asking him again."""
    number = workflow.submit(office, "emily", "t_signers", {
        "subject": "Plan", "reviewers": "emily", "signers": "liuwei", "budget_holder": "finance"})
    assert turn(office, number) == ["zhaolei"]
    conflicts.declare(office, "zhaolei", number, "I wrote half of it")
    assert turn(office, number) == ["admin"]
