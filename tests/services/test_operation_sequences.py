"""Random sequences of operations never leave a document in an invalid state.

The clock either stands still between operations or moves on, so decisions in the same second
are covered as well as decisions minutes apart.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.backend import on_postgres
from tests.reliability.invariants import list_sizes_agree
from tests.services.conftest import make_office
from tui_office.domain.engine import FINISHED, STATUSES
from tui_office.domain.errors import OfficeError
from tui_office.services import audit, queries, workflow
from tui_office.services.decisions import act
from tui_office.services.intervention import intervene
from tui_office.store.models import Action, Document

USERS = ["emily", "zhaolei", "chenjing", "liuwei", "hejun", "linna", "wuhong", "sunyan", "admin"]
ACTIONS = ["approve", "approve", "approve", "reject", "return", "withdraw", "retract", "retract", "delegate",
           "entrust", "add-approver", "remove-approver", "cc", "comment", "urge", "resubmit",
           "intervene-end", "intervene-jump", "intervene-pull-back", "intervene-reassign"]
RETURN_TO = ["initiator", None, "director", "vp", "leadership", "gm", "purchasing"]
DECISIONS = {"approve", "reject", "return", "delegate", "entrust-approve", "entrust-reject"}
_counter = itertools.count()

operation = st.tuples(
    st.sampled_from(ACTIONS),
    st.sampled_from(USERS),
    st.sampled_from(USERS),
    st.sampled_from(RETURN_TO),
    st.sampled_from(["after", "before"]),
    st.sampled_from([0, 0, 60]),  # seconds the clock moves before the operation: often none
)


def _check_invariants(office, number):
    view = queries.show(office, "admin", number)
    assert view.status in STATUSES
    open_tasks = [a for s in view.current_steps for a in s.assignees if a.status == "open"]
    if view.status in FINISHED:
        assert view.archived and not view.current_steps
    if view.status == "in_progress":
        assert open_tasks, f"{number} is in progress at {view.current_steps} but waits for nobody"
    if view.status == "returned":
        assert not view.current_steps
    for login in USERS:
        for row in queries.inbox(office, login).rows:
            shown = queries.show(office, "admin", row.number)
            # A task waits on a document in progress; a returned document waits for its initiator.
            assert shown.status == "in_progress" or (
                shown.status == "returned" and row.task_id is None and shown.initiator == login)
    _check_each_task_decided_at_most_once(number)
    assert list_sizes_agree() == []


def _check_each_task_decided_at_most_once(number):
    """A task is decided once; only taking the decision back (retract) lets it be decided again."""
    doc = Document.get(Document.number == number)
    standing: dict[int, int] = defaultdict(int)
    for row in Action.select().where((Action.document == doc) & Action.task.is_null(False)).order_by(Action.id):
        if row.action in DECISIONS:
            standing[row.task_id] += 1
            assert standing[row.task_id] == 1, f"task {row.task_id} decided twice"
        elif row.action == "retract":
            standing[row.task_id] -= 1
            assert standing[row.task_id] == 0, f"task {row.task_id} retracted without a decision"


def _run(office, number, op):
    action, user, target, step, position, pause = op
    office.clock.advance(seconds=pause)
    if action == "resubmit":
        workflow.submit(office, user, None, {"reason": "fixed"}, number=number)
    elif action.startswith("intervene-"):
        intervene(office, "admin", action.removeprefix("intervene-"), number, reason="because", step=step,
                  outcome="approved" if position == "after" else "rejected", person=user, to=target)
    elif action == "return":
        act(office, user, action, number, to=step, comment="because")
    elif action in ("delegate", "entrust", "add-approver", "remove-approver", "cc"):
        act(office, user, action, number, to=target, comment="because", position=position)
    else:
        act(office, user, action, number, comment="because")


EXAMPLES = 20 if on_postgres() else 60
"""On PostgreSQL each example's office is a database of its own (about a second each); the
operations' breadth is explored on SQLite, the same SQL paths are taken on both."""


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(operation, min_size=1, max_size=16))
def test_random_operations_keep_documents_valid(tmp_path_factory, ops):
    tmp: Path = tmp_path_factory.mktemp(f"seq{next(_counter)}")
    office = make_office(tmp)
    try:
        number = workflow.submit(office, "emily", "purchase_request",
                                 {"item": "Desk", "quantity": "1", "amount": "150000", "reason": "r"})
        for op in ops:
            try:
                _run(office, number, op)
            except OfficeError:
                pass  # refused cleanly; nothing may have changed half-way
            _check_invariants(office, number)
        assert audit.verify().ok
    finally:
        office.close()


def test_the_stuck_leadership_sequence_stays_movable(tmp_path):
    """approve, approve, return at the countersign, retract, then approvals: always someone to act."""
    office = make_office(tmp_path)
    try:
        number = workflow.submit(office, "emily", "purchase_request",
                                 {"item": "Desk", "quantity": "1", "amount": "150000", "reason": "r"})
        for op in [("approve", "zhaolei"), ("approve", "chenjing"), ("return", "chenjing"), ("retract", "chenjing"),
                   ("approve", "chenjing"), ("approve", "chenjing"), ("approve", "liuwei")]:
            _run(office, number, (op[0], op[1], "", None, "after", 60))
            _check_invariants(office, number)
        assert queries.show(office, "admin", number).current_steps[0].step == "gm"
    finally:
        office.close()
