"""Step timeouts (`timeout`, `on_timeout`) as `remind` runs them: with a FixedClock, each kind
fires once, on working days only, recorded as the system's action with the rule that fired."""

from __future__ import annotations

from datetime import datetime

import pytest

from tests.factories import demo_office
from tests.services.conftest import write_forms
from tui_office.domain.clock import FixedClock
from tui_office.services import audit, queries, workflow
from tui_office.services.away import remind
from tui_office.services.decisions import act

FORM = '''
id = "t_timeout"
version = 1
title = {{ en = "Timeout test", zh = "超时测试" }}
prefix = "TT"
title_field = "subject"
[[fields]]
id = "subject"
type = "text"
label = {{ en = "Subject", zh = "事由" }}
required = true
[[steps]]
id = "check"
title = {{ en = "Check", zh = "审核" }}
assignee = {{ user = "hejun" }}
timeout = "{timeout}"
on_timeout = "{kind}"
{extra}
'''

MONDAY = datetime(2026, 11, 23, 9, 0)
FRIDAY = datetime(2026, 11, 27, 9, 0)


def office_with(tmp_path, kind, timeout="2 working days", extra=""):
    forms = tmp_path / "forms"
    write_forms(forms)
    (forms / "t_timeout.toml").write_text(FORM.format(kind=kind, timeout=timeout, extra=extra), encoding="utf-8")
    return demo_office(tmp_path, forms_dir=forms)


def at(office, when):
    office.clock = FixedClock(when)


def timeouts(office, number):
    return [(h.actor, h.action, h.target, h.comment) for h in queries.show(office, "admin", number).history
            if h.action.startswith("timeout-")]


def submit(office, when):
    at(office, when)
    return workflow.submit(office, "emily", "t_timeout", {"subject": "Keys for the archive room"})


def open_logins(office, number):
    view = queries.show(office, "admin", number)
    return sorted(a.login for s in view.current_steps for a in s.assignees if a.status == "open")


RULE = "check: timeout 2 working days, on_timeout {kind}"
THEN = {"remind": "the assignee is reminded", "escalate": "it goes up (escalation)", "approve": "the system approves",
        "reject": "the system rejects"}


@pytest.mark.parametrize("kind, status, waiting", [
    ("remind", "in_progress", ["hejun"]),
    ("escalate", "in_progress", ["chenjing"]),
    ("approve", "approved", []),
    ("reject", "rejected", []),
])
def test_each_kind_fires_once_as_the_system_with_its_rule(tmp_path, kind, status, waiting):
    extra = 'escalate_to = { role = "vp" }' if kind == "escalate" else ""  # not hejun's manager
    office = office_with(tmp_path, kind, extra=extra)
    try:
        number = submit(office, MONDAY)
        at(office, datetime(2026, 11, 25, 8, 59))  # one minute short of two working days
        remind(office, by="admin")
        assert timeouts(office, number) == []
        at(office, datetime(2026, 11, 25, 9, 0))
        lines = remind(office, by="admin")
        assert f"{number}: check hejun timeout {kind}" in lines
        at(office, datetime(2026, 11, 26, 10, 0))
        remind(office, by="admin")
        target = "陈静" if kind == "escalate" else ""
        assert timeouts(office, number) == [("", f"timeout-{kind}", target, RULE.format(kind=kind))]
        (entry,) = [h for h in queries.show(office, "admin", number).history if h.action.startswith("timeout-")]
        assert entry.opinion == f"No decision within 2 working days at this step, so {THEN[kind]}"
        view = queries.show(office, "admin", number)
        assert view.status == status
        assert open_logins(office, number) == waiting
        assert audit.verify().ok
    finally:
        office.close()


def test_timeouts_count_and_fire_on_working_days_only(tmp_path):
    office = office_with(tmp_path, "approve")
    try:
        number = submit(office, FRIDAY)  # two working days later is Tuesday, not Sunday
        for day in (28, 29, 30):  # Saturday, Sunday, Monday
            at(office, datetime(2026, 11, day, 10, 0))
            remind(office, by="admin")
            assert timeouts(office, number) == []
        at(office, datetime(2026, 12, 1, 9, 0))
        remind(office, by="admin")
        assert [a for _, a, _, _ in timeouts(office, number)] == ["timeout-approve"]
    finally:
        office.close()


def test_an_hours_timeout_passing_at_the_weekend_fires_on_the_next_working_day(tmp_path):
    office = office_with(tmp_path, "remind", timeout="4 hours")
    try:
        number = submit(office, datetime(2026, 11, 27, 15, 0))
        at(office, datetime(2026, 11, 28, 10, 0))  # Saturday: past, but not a working day
        remind(office, by="admin")
        assert timeouts(office, number) == []
        at(office, datetime(2026, 11, 30, 8, 0))
        remind(office, by="admin")
        assert [a for _, a, _, _ in timeouts(office, number)] == ["timeout-remind"]
    finally:
        office.close()


def test_escalation_goes_to_the_manager_and_the_inbox_marks_it(tmp_path):
    office = office_with(tmp_path, "escalate")
    try:
        number = submit(office, MONDAY)
        at(office, datetime(2026, 11, 25, 9, 0))
        remind(office, by="admin")
        (above,) = open_logins(office, number)
        assert above == "liuwei"  # the purchasing manager's manager: the general manager above his department
        (entry,) = timeouts(office, number)
        assert entry[1:3] == ("timeout-escalate", "刘伟")
        row = next(r for r in queries.inbox(office, above).rows if r.number == number)
        assert row.escalated
        assert queries.inbox(office, above).rows[0].to_json().keys() == {
            "number", "form", "title", "step", "from", "due", "overdue"}
        act(office, above, "approve", number, comment="Done myself")
        assert queries.show(office, "admin", number).status == "approved"
        at(office, datetime(2026, 12, 10, 9, 0))
        remind(office, by="admin")  # the escalated task is decided; nothing fires again
        assert len(timeouts(office, number)) == 1
    finally:
        office.close()


def test_a_task_decided_in_time_never_times_out(tmp_path):
    office = office_with(tmp_path, "reject")
    try:
        number = submit(office, MONDAY)
        at(office, datetime(2026, 11, 24, 9, 0))
        act(office, "hejun", "approve", number, comment="ok")
        at(office, datetime(2026, 11, 30, 9, 0))
        remind(office, by="admin")
        assert timeouts(office, number) == []
        assert queries.show(office, "admin", number).status == "approved"
    finally:
        office.close()
