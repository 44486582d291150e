"""Blackout periods of leave (请假管控期) through the services: HR declares a key event; a leave with a
day in one is refused naming the event, or goes to the general manager even when it is short; the
form hears it while typing; only HR or an administrator declares or removes one, and it is audited."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from tests.backend import office_db
from tui_office.config import Settings
from tui_office.domain.clock import FixedClock
from tui_office.domain.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from tui_office.i18n import set_language
from tui_office.services import decisions, demo, queries, rule_check, workflow
from tui_office.services.office import Office
from tui_office.store.models import Action
from tui_office.workflows.leave import blackouts

MONDAY = datetime(2026, 11, 23, 9, 0)


@pytest.fixture
def office(tmp_path: Path) -> Office:
    set_language("en")
    office = Office.open(Settings(forms={"leave": {"gm_min_days": 3}}), office_db(tmp_path), clock=FixedClock(MONDAY))
    demo.load_office(office)
    yield office
    office.close()


def leave(who: str, start: str, end: str, handover: str) -> dict:
    return {"type": "personal", "start": start, "end": end, "reason": "family matters", "handover": handover}


def steps(office: Office, number: str) -> list[str]:
    return [s.step for s in queries.show(office, "emily", number).current_steps]


def test_a_leave_in_a_refusing_period_is_refused_naming_the_event(office):
    closing = blackouts.declare(office, "wangfang", "Year-end closing", "2026-12-28", "2026-12-31", "refuse",
                                ["finance"])
    with pytest.raises(ValidationFailed) as refused:
        workflow.submit(office, "wuhong", "leave", leave("wuhong", "2026-12-30", "2027-01-04", "zhengxin"))
    [problem] = [p for p in refused.value.problems if p.code == "blackout"]
    assert problem.field == "start"
    assert str(problem) == "No leave during Year-end closing (2026-12-28 to 2026-12-31); choose other dates."
    workflow.submit(office, "emily", "leave", leave("emily", "2026-12-30", "2026-12-30", "sunyan"))  # sales: not concerned
    blackouts.remove(office, "zhangli", closing.id)
    workflow.submit(office, "wuhong", "leave", leave("wuhong", "2026-12-30", "2027-01-04", "zhengxin"))


def test_a_short_leave_in_a_general_manager_period_goes_to_the_general_manager(office):
    blackouts.declare(office, "admin", "Shanghai trade fair", "2026-12-07", "2026-12-11", "gm", ["sales"])
    during = workflow.submit(office, "emily", "leave", leave("emily", "2026-12-08", "2026-12-08", "sunyan"))
    after = workflow.submit(office, "emily", "leave", leave("emily", "2026-12-14", "2026-12-14", "sunyan"))
    view = queries.show(office, "emily", during)
    assert [f["flag"] for f in view.flags] == ["blackout_review"]
    assert [s for s, _ in view.ahead] == ["gm", "hr"]
    decisions.act(office, "zhaolei", "approve", during)
    decisions.act(office, "zhaolei", "approve", after)
    assert steps(office, during) == ["gm"]  # one day, shorter than gm_min_days, yet the GM decides
    assert steps(office, after) == ["hr"]


def test_the_form_hears_of_the_period_while_typing(office):
    blackouts.declare(office, "wangfang", "Shanghai trade fair", "2026-12-07", "2026-12-11", "gm")
    blackouts.declare(office, "wangfang", "Audit week", "2026-12-14", "2026-12-18", "refuse")
    values = {"type": "personal", "start": datetime(2026, 12, 9).date(), "end": datetime(2026, 12, 9).date()}
    found = rule_check.judge(office, "emily", "leave", values)
    assert [(f["field"], f["event"]) for f in found.warnings] == [("start", "Shanghai trade fair")]
    values = {"type": "personal", "start": datetime(2026, 12, 15).date(), "end": datetime(2026, 12, 15).date()}
    assert [p.code for p in rule_check.check(office, "emily", "leave", values) if p.field == "start"] == ["blackout"]


def test_only_hr_or_an_administrator_declares_and_each_change_is_audited(office):
    with pytest.raises(PermissionDenied):
        blackouts.declare(office, "emily", "Holiday", "2026-12-07", "2026-12-11", "refuse")
    found = blackouts.declare(office, "wangfang", "Trade fair", "2026-12-07", "2026-12-11", "gm", ["sales", "sales"])
    assert found.departments == ("sales",)
    with pytest.raises(PermissionDenied):
        blackouts.remove(office, "emily", found.id)
    assert [b.name for b in blackouts.listed(office, "emily")] == ["Trade fair"]  # anyone may read them
    blackouts.remove(office, "wangfang", found.id)
    assert blackouts.listed(office, "emily") == []
    rows = [(r.action, r.actor.login, r.changes["name"]) for r in
            Action.select().where(Action.action.startswith("leave_blackout")).order_by(Action.id)]
    assert rows == [("leave_blackout_add", "wangfang", "Trade fair"), ("leave_blackout_remove", "wangfang", "Trade fair")]


def test_a_bad_declaration_says_every_problem_and_stores_nothing(office):
    with pytest.raises(ValidationFailed) as refused:
        blackouts.declare(office, "wangfang", "Close\x1b[2J", "2026-02-30", "2026-12-01", "maybe", ["nowhere"])
    assert [(p.field, p.code) for p in refused.value.problems] == [
        ("name", "control_character"), ("start", "invalid_date"), ("mode", "blackout_mode"),
        ("departments", "blackout_department")]
    with pytest.raises(ValidationFailed) as refused:
        blackouts.declare(office, "wangfang", "x" * 101, "2026-12-01", "2028-01-01", "refuse")
    assert [(p.field, p.code) for p in refused.value.problems] == [("name", "too_long"), ("end", "blackout_too_long")]
    assert blackouts.listed(office, "wangfang", include_past=True) == []


def test_the_screens_board_says_who_may_change_the_periods_and_names_departments(office):
    """What the blackout screen reads: HR and administrators may change the periods, a clerk or the
    general manager may not; departments by name in the reader's language; past periods on request."""
    blackouts.declare(office, "wangfang", "Stocktaking", "2026-11-02", "2026-11-04", "refuse", ["warehouse"])
    blackouts.declare(office, "wangfang", "Trade fair", "2026-12-07", "2026-12-11", "gm", ["sales"])
    assert [(login, blackouts.board(office, login).may_manage) for login in ("wangfang", "admin", "emily", "liuwei")] \
        == [("wangfang", True), ("admin", True), ("emily", False), ("liuwei", False)]
    board = blackouts.board(office, "emily")
    assert [b.name for b in board.periods] == ["Trade fair"]
    assert board.department_name("sales") == "Sales" and board.department_name("gone") == "gone"
    assert [b.name for b in blackouts.board(office, "emily", include_past=True).periods] == ["Stocktaking", "Trade fair"]
    set_language("zh-CN")
    try:
        assert blackouts.board(office, "emily").department_name("sales") == "销售部"
    finally:
        set_language("en")


def test_hr_corrects_a_period_and_the_audit_trail_says_what_changed_from_what(office):
    """A typo in the name and a wrong last day are put right in place: the period keeps its number,
    leave is judged by the corrected dates, and one `leave_blackout_edit` row names each change."""
    closing = blackouts.declare(office, "wangfang", "Year-end closng", "2026-12-28", "2026-12-31", "refuse", ["finance"])
    done = blackouts.edit(office, "admin", closing.id, name="Year-end closing", end="2027-01-05",
                          departments=["finance", "cost"])
    assert done.changed == ("name", "end", "departments")
    assert done.said() == ("Blackout period 1 changed (event, last day, departments): Year-end closing, "
                           "2026-12-28 to 2027-01-05.")
    [period] = blackouts.listed(office, "emily")
    assert period == done.period and (period.id, period.name, period.end, period.departments) == (
        closing.id, "Year-end closing", datetime(2027, 1, 5).date(), ("finance", "cost"))
    with pytest.raises(ValidationFailed):
        workflow.submit(office, "wuhong", "leave", leave("wuhong", "2027-01-05", "2027-01-05", "zhengxin"))
    blackouts.edit(office, "wangfang", closing.id, mode="gm", departments=[])  # everyone, the GM decides
    rows = [(r.action, r.actor.login, r.changes) for r in
            Action.select().where(Action.action == blackouts.EDITED).order_by(Action.id)]
    assert rows == [
        ("leave_blackout_edit", "admin", {"id": 1, "name": "Year-end closing",
                                          "from": {"name": "Year-end closng", "end": "2026-12-31", "departments": ["finance"]},
                                          "to": {"name": "Year-end closing", "end": "2027-01-05",
                                                 "departments": ["finance", "cost"]}}),
        ("leave_blackout_edit", "wangfang", {"id": 1, "name": "Year-end closing",
                                             "from": {"mode": "refuse", "departments": ["finance", "cost"]},
                                             "to": {"mode": "gm", "departments": []}})]


def test_correcting_nothing_changes_nothing_and_is_not_audited(office):
    fair = blackouts.declare(office, "wangfang", "Trade fair", "2026-12-07", "2026-12-11", "gm", ["sales", "finance"])
    done = blackouts.edit(office, "wangfang", fair.id, name=" Trade fair ", start="2026-12-07", mode="gm",
                          departments=["finance", "sales"])
    assert (done.changed, done.period) == ((), fair)
    assert done.said() == "Blackout period 1 unchanged: Trade fair, 2026-12-07 to 2026-12-11 is what it already was."
    assert Action.select().where(Action.action == blackouts.EDITED).count() == 0


def test_a_clerk_may_not_correct_a_period_nor_anyone_one_that_is_over(office):
    stocktaking = blackouts.declare(office, "wangfang", "Stocktaking", "2026-11-02", "2026-11-04", "refuse")
    fair = blackouts.declare(office, "wangfang", "Trade fair", "2026-11-20", "2026-11-23", "gm")  # ends today
    with pytest.raises(PermissionDenied) as denied:
        blackouts.edit(office, "emily", fair.id, name="Party")
    assert str(denied.value) == "Only HR or an administrator may declare, edit or remove blackout periods."
    with pytest.raises(Conflict) as over:
        blackouts.edit(office, "wangfang", stocktaking.id, end="2026-11-30")
    assert str(over.value) == ("Blackout period 1 (Stocktaking) ended on 2026-11-04; a period that is over stays "
                               "as it was.")
    with pytest.raises(NotFound):
        blackouts.edit(office, "wangfang", 99, name="Ghost")
    assert blackouts.edit(office, "wangfang", fair.id, end="2026-11-24").changed == ("end",)  # not over yet today
    assert [b.name for b in blackouts.listed(office, "wangfang", include_past=True)] == ["Stocktaking", "Trade fair"]
    assert Action.select().where(Action.action == blackouts.EDITED).count() == 1


def test_a_bad_correction_says_every_problem_as_declaring_does_and_stores_nothing(office):
    fair = blackouts.declare(office, "wangfang", "Trade fair", "2026-12-07", "2026-12-11", "gm", ["sales"])
    with pytest.raises(ValidationFailed) as refused:
        blackouts.edit(office, "wangfang", fair.id, name="Close\x1b[2J", start="2026-02-30", mode="maybe",
                       departments=["nowhere"])
    assert [(p.field, p.code) for p in refused.value.problems] == [
        ("name", "control_character"), ("start", "invalid_date"), ("mode", "blackout_mode"),
        ("departments", "blackout_department")]
    with pytest.raises(ValidationFailed) as refused:
        blackouts.edit(office, "wangfang", fair.id, name="", end="2026-12-01")
    assert [(p.field, p.code, str(p)) for p in refused.value.problems] == [
        ("name", "required", "This field is required."),
        ("end", "blackout_order", "The period ends (2026-12-01) before it starts (2026-12-07).")]
    with pytest.raises(ValidationFailed) as refused:
        blackouts.edit(office, "wangfang", fair.id, name="x" * 101, end="2028-01-01")
    assert [(p.field, p.code) for p in refused.value.problems] == [("name", "too_long"), ("end", "blackout_too_long")]
    assert blackouts.listed(office, "wangfang") == [fair]
    assert Action.select().where(Action.action == blackouts.EDITED).count() == 0
