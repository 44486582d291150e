"""Search never shows a document to someone who may not open it, whoever they are and whatever happened to it:
approvals, returns, copies, withdrawals, a department given a new manager, someone away with a deputy."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.factories import demo_office
from tui_office.domain.errors import OfficeError
from tui_office.services import away, departments, search, workflow
from tui_office.services.decisions import act, can_view
from tui_office.store.models import Document, User

PEOPLE = ["emily", "zhouqiang", "sunyan", "wangfang", "hejun", "mayu", "david", "zhaolei", "zhangli", "admin",
          "xuhao", "linna"]
WORDS = ["报销", "发票", "请假", "laptop"]
"""Words found only where the steps put them (not in any name, department or form title)."""
STEPS = st.lists(st.tuples(
    st.sampled_from(PEOPLE), st.sampled_from(WORDS),
    st.sampled_from(["submit", "away", "manager", "cc", "approve", "return", "reject", "draft", "withdraw",
                     "discard"]),
    st.sampled_from(PEOPLE)), min_size=1, max_size=6)


def _step(office, who, word, what, other):
    if what == "draft":
        workflow.save_draft(office, who, "general_request", {"subject": f"{word} draft", "details": word})
        return
    number = workflow.submit(office, who, "general_request", {"subject": f"{word} request", "details": word})
    try:
        if what == "discard":
            number = workflow.save_draft(office, who, "general_request", {"subject": f"{word} gone", "details": word})
            workflow.delete_draft(office, who, number)
        elif what == "cc":
            act(office, who, "cc", number, to=other)
        elif what in ("approve", "return", "reject"):
            for task in Document.get(Document.number == number).tasks:
                if task.status == "open":
                    act(office, task.assignee.login, what, number, comment="意见",
                        **({"to": "initiator"} if what == "return" else {}))
                    break
        elif what == "withdraw":
            act(office, who, "withdraw", number)
        elif what == "manager":  # `other` now manages the department, after its manager was asked
            departments.set_manager(office, "admin", User.get(User.login == who).department.code, other)
        elif what == "away":  # `other` stands in this week for whoever holds the request's task
            holder = next(t.assignee.login for t in Document.get(Document.number == number).tasks
                          if t.status == "open")
            today = office.clock.today()
            away.set_away(office, holder, other, today, today + timedelta(days=6))
    except OfficeError:
        pass


def test_results_are_exactly_the_matching_documents_the_user_may_see(tmp_path):
    office = demo_office(tmp_path)

    @settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(steps=STEPS, word=st.sampled_from(WORDS))
    @example(steps=[("emily", "报销", "away", "david"),  # david stands in for zhaolei, who holds the request
                    ("david", "报销", "manager", "emily")],  # emily manages technical after mayu was asked
             word="报销")
    def check(steps, word):
        for step in steps:
            _step(office, *step)
        today = office.clock.today()
        matching = [d for d in Document.select() if word in (d.title or "")]
        for viewer in PEOPLE:
            user = User.get(User.login == viewer)
            got = [hit.number for hit in search.find(office, viewer, word, limit=1000).hits]
            assert len(got) == len(set(got)), viewer
            assert set(got) == {d.number for d in matching if can_view(user, d, today)}, viewer

    check()
