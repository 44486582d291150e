"""Random sequences of operations never leave a document in an invalid state."""

from __future__ import annotations

import itertools
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.services.conftest import make_office
from tui_office.domain.engine import FINISHED, STATUSES
from tui_office.domain.errors import OfficeError
from tui_office.services import audit, queries, workflow
from tui_office.services.decisions import act

USERS = ["emily", "zhaolei", "chenjing", "liuwei", "hejun", "wuhong", "sunyan"]
ACTIONS = ["approve", "reject", "return", "withdraw", "retract", "delegate", "add-approver", "cc", "comment",
           "urge", "resubmit"]
_counter = itertools.count()

operation = st.tuples(st.sampled_from(ACTIONS), st.sampled_from(USERS), st.sampled_from(USERS + ["initiator", None]))


def _check_invariants(office, number):
    view = queries.show(office, "admin", number)
    assert view.status in STATUSES
    open_tasks = [a for s in view.current_steps for a in s.assignees if a.status == "open"]
    if view.status in FINISHED:
        assert view.archived and not view.current_steps
    if view.status == "in_progress":
        assert open_tasks, "a document in progress always waits for someone"
    if view.status == "returned":
        assert not view.current_steps
    for login in USERS:
        for row in queries.inbox(office, login).rows:
            assert queries.show(office, "admin", row.number).status == "in_progress"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(operation, min_size=1, max_size=12))
def test_random_operations_keep_documents_valid(tmp_path_factory, ops):
    tmp: Path = tmp_path_factory.mktemp(f"seq{next(_counter)}")
    office = make_office(tmp)
    try:
        number = workflow.submit(office, "emily", "purchase_request",
                                 {"item": "Desk", "quantity": "1", "amount": "150000", "reason": "r"})
        for action, user, target in ops:
            try:
                if action == "resubmit":
                    workflow.submit(office, user, None, {"reason": "fixed"}, number=number)
                else:
                    to = target if action in ("return", "delegate", "add-approver", "cc") else None
                    if action == "return" and target not in ("initiator", None):
                        to = None
                    act(office, user, action, number, to=to, comment="because")
            except OfficeError:
                pass  # refused cleanly; nothing may have changed half-way
            _check_invariants(office, number)
        assert audit.verify().ok
    finally:
        office.close()
