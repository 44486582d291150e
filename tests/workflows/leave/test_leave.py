"""Leave requests end to end through the services, on the demo office with a fixed clock."""

from __future__ import annotations

import csv
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from tests.backend import office_db

from tui_office.config import Settings
from tui_office.domain.clock import FixedClock
from tui_office.domain.errors import OfficeError, PermissionDenied, ValidationFailed
from tui_office.i18n import set_language
from tui_office.services import away, decisions, demo, queries, workflow
from tui_office.workflows.leave import service as leave
from tui_office.services.office import Office

MONDAY = datetime(2026, 11, 23, 9, 0)


@pytest.fixture
def office(tmp_path: Path) -> Office:
    set_language("en")
    office = Office.open(Settings(), office_db(tmp_path), clock=FixedClock(MONDAY))
    demo.load_office(office)
    yield office
    office.close()


def submit(office: Office, who: str, kind: str, start: str, end: str, **more: str) -> str:
    values = {"type": kind, "start": start, "end": end, "reason": "family matters", "handover": "sunyan"}
    values.update(more)
    return workflow.submit(office, who, "leave", values)


def approve_all(office: Office, number: str, people=("zhaolei", "liuwei", "wangfang")) -> None:
    for person in people:
        decisions.act(office, person, "approve", number)


def problems(exc: pytest.ExceptionInfo) -> list[tuple[str, str]]:
    return [(p.field, p.code) for p in exc.value.problems]


def test_leave_goes_manager_then_general_manager_then_hr_records_it(office):
    """Submit → sales manager → general manager → HR records; history lists every step."""
    number = submit(office, "emily", "personal", "2026-11-25", "2026-11-27")
    assert number.startswith("LV-2026-")
    assert [s.step for s in queries.show(office, "emily", number).current_steps] == ["manager"]
    decisions.act(office, "zhaolei", "approve", number)
    assert [s.step for s in queries.show(office, "emily", number).current_steps] == ["gm"]
    decisions.act(office, "liuwei", "approve", number)
    step = queries.show(office, "emily", number).current_steps[0]
    assert step.step == "hr" and {a.login for a in step.assignees} == {"wangfang", "zhangli"}
    decisions.act(office, "wangfang", "approve", number)
    view = queries.show(office, "emily", number).to_json()
    assert view["status"] == "approved"
    assert view["fields"]["days"] == "3.0"
    assert [(h["actor"], h["action"], h["step"]) for h in view["history"]] == [
        ("emily", "submit", ""), ("zhaolei", "approve", "manager"), ("liuwei", "approve", "gm"),
        ("wangfang", "approve", "hr"),
    ]


def test_short_leaves_can_skip_the_general_manager_by_configuration(tmp_path):
    """With `[forms.leave] gm_min_days = 3`, a 2-day leave goes from the manager straight to HR."""
    settings = Settings(forms={"leave": {"gm_min_days": 3}})
    office = Office.open(settings, tmp_path / "gm.db", clock=FixedClock(MONDAY))
    demo.load_office(office)
    try:
        number = submit(office, "emily", "personal", "2026-11-25", "2026-11-26")
        decisions.act(office, "zhaolei", "approve", number)
        assert [s.step for s in queries.show(office, "emily", number).current_steps] == ["hr"]
    finally:
        office.close()


def test_handover_colleague_becomes_deputy_for_the_leave_dates(office):
    """Approved leave of the sales manager: Sun Yan acts for him on those dates only; he can change it."""
    number = submit(office, "zhaolei", "personal", "2026-11-25", "2026-11-27")
    # the manager step would be his own: skipped, so the general manager decides first
    assert [s.step for s in queries.show(office, "zhaolei", number).current_steps] == ["gm"]
    approve_all(office, number, ("liuwei", "wangfang"))
    assert leave.current_deputy(office, "zhaolei", date(2026, 11, 24)) is None
    assert leave.current_deputy(office, "zhaolei", date(2026, 11, 25)) == "sunyan"
    assert leave.current_deputy(office, "zhaolei", date(2026, 11, 27)) == "sunyan"
    assert leave.current_deputy(office, "zhaolei", date(2026, 11, 30)) is None
    # during the leave, Emily's request for the manager lands with the deputy
    office.clock.at = datetime(2026, 11, 25, 10, 0)
    other = workflow.submit(office, "emily", "general_request", {"subject": "Trade fair", "details": "Stand booking"})
    step = queries.show(office, "emily", other).current_steps[0]
    assert [(a.login, a.on_behalf_of) for a in step.assignees] == [("sunyan", "zhaolei")]
    # the applicant may change the deputy
    away.set_away(office, "zhaolei", "emily", date(2026, 11, 26), date(2026, 11, 27))
    assert leave.current_deputy(office, "zhaolei", date(2026, 11, 26)) == "emily"


def test_rules_are_enforced_at_submit_with_field_code_and_message(office):
    """Late personal leave, sick leave without evidence: one `field: code: message` per problem."""
    with pytest.raises(ValidationFailed) as exc:
        submit(office, "emily", "personal", "2026-11-23", "2026-11-23")
    assert problems(exc) == [("start", "advance_notice")]
    assert exc.value.problems[0].line().startswith("start: advance_notice: Personal leave must be requested")
    with pytest.raises(ValidationFailed) as exc:
        submit(office, "emily", "sick", "2026-11-23", "2026-11-27", evidence="district_certificate,receipts")
    assert ("evidence", "evidence_missing") in problems(exc)
    number = submit(office, "emily", "sick", "2026-11-23", "2026-11-27",
                    evidence="district_certificate,diagnosis,receipts")
    assert queries.show(office, "emily", number).fields["evidence"] == ["district_certificate", "diagnosis", "receipts"]


def test_overlap_counts_live_leaves_only(office):
    """A second leave on the same days is refused until the first is withdrawn."""
    first = submit(office, "emily", "personal", "2026-11-25", "2026-11-26")
    with pytest.raises(ValidationFailed) as exc:
        submit(office, "emily", "personal", "2026-11-26", "2026-11-27")
    assert problems(exc) == [("start", "overlap")]
    decisions.act(office, "emily", "withdraw", first, comment="plans changed")
    submit(office, "emily", "personal", "2026-11-26", "2026-11-27")
    # halves of one day are fine
    submit(office, "emily", "personal", "2026-11-30", "2026-11-30", end_half="am")
    submit(office, "emily", "personal", "2026-11-30", "2026-11-30", start_half="pm")


def test_annual_leave_balance_counts_approved_and_pending(office):
    """Emily has 5 days of 2026 annual leave: 3 pending leaves 2; a third day more is refused."""
    submit(office, "emily", "annual", "2026-11-24", "2026-11-26")
    [balance] = leave.balances(office, "emily", 2026)
    assert (balance.allocation, balance.approved, balance.pending, balance.remaining) == (5, 0, 3, 2)
    with pytest.raises(ValidationFailed) as exc:
        submit(office, "emily", "annual", "2026-12-01", "2026-12-03")
    assert problems(exc) == [("end", "balance")]
    assert "remaining 2026 balance of 2 days" in exc.value.problems[0].message
    submit(office, "emily", "annual", "2026-12-01", "2026-12-02")


def test_demo_office_grants_annual_leave_to_everyone(office):
    """Every demo user has a 2026 annual allocation (zero for the probationer)."""
    from tui_office.services.directory import list_users

    for user in list_users(office):
        [balance] = leave.balances(office, user.login, 2026)
        assert balance.allocation >= 0
    assert leave.balances(office, "zhouqiang", 2026)[0].allocation == 0
    assert leave.balances(office, "liuwei", 2026)[0].allocation == 15


def test_absent_without_leave_after_remind_on_the_day_after_the_report_back_day(office):
    """Leave Wed–Fri; Monday is the report-back day; remind on Tuesday flags the absence."""
    number = submit(office, "emily", "personal", "2026-11-25", "2026-11-27")
    approve_all(office, number)
    todo = queries.inbox(office, "emily").rows
    assert [(r.number, r.step) for r in todo] == [(number, "report-back")]
    office.clock.at = datetime(2026, 11, 30, 18, 0)  # Monday evening: still due today
    away.remind(office)
    assert queries.show(office, "emily", number).flags == []
    office.clock.at = datetime(2026, 12, 1, 8, 0)  # Tuesday
    lines = away.remind(office)
    assert any("absent without leave" in line for line in lines)
    assert queries.show(office, "emily", number).flags == [{"flag": "absent_without_leave", "due": "2026-11-30"}]
    hr = leave.hr_view(office, "wangfang")
    assert [r.number for r in hr.absences] == [number]
    assert hr.pending_report_backs == []
    # a second run does not flag again
    assert not any(number in line for line in away.remind(office) if "absent" in line)


def test_reporting_back_in_time_prevents_the_absence_flag(office):
    """Report back on Monday: the task is done, HR's pending list is empty, Tuesday's remind flags nothing."""
    number = submit(office, "emily", "personal", "2026-11-25", "2026-11-27")
    approve_all(office, number)
    with pytest.raises(OfficeError) as exc:
        leave.report_back(office, "emily", number)
    assert exc.value.code == "leave_not_started"
    office.clock.at = datetime(2026, 11, 27, 12, 0)
    assert [r.number for r in leave.hr_view(office, "wangfang").pending_report_backs] == [number]
    with pytest.raises(PermissionDenied):
        leave.report_back(office, "sunyan", number)
    office.clock.at = datetime(2026, 11, 30, 9, 0)
    assert leave.report_back(office, "emily", number) == f"Reported back from {number}."
    assert queries.inbox(office, "emily").rows == []
    with pytest.raises(OfficeError) as exc:
        leave.report_back(office, "emily", number)
    assert exc.value.code == "leave_already_reported"
    office.clock.at = datetime(2026, 12, 1, 8, 0)
    away.remind(office)
    view = queries.show(office, "emily", number).to_json()
    assert view["flags"] == []
    assert view["history"][-1]["action"] == "report-back"
    assert leave.hr_view(office, "wangfang").pending_report_backs == []


def test_sixteen_working_days_of_personal_leave_is_flagged_for_review(office):
    """16 working days in one request → long_leave_review with the totals, visible to HR."""
    number = submit(office, "emily", "personal", "2026-11-24", "2026-12-15")
    flags = queries.show(office, "emily", number).flags
    assert flags == [{"flag": "long_leave_review", "reason": "single", "reasons": ["single"], "limit": 15,
                      "days": 16, "year": 2026, "year_total": 16, "probation": False}]
    assert [r.number for r in leave.hr_view(office, "wangfang").long_leaves] == [number]
    assert [r.number for r in leave.hr_view(office, "liuwei").long_leaves] == [number]


def test_probation_users_four_day_personal_leave_is_flagged(office):
    """Zhou Qiang is on probation: 4 days of personal leave (over 3 in the year) is flagged."""
    number = submit(office, "zhouqiang", "personal", "2026-11-24", "2026-11-27")
    [flag] = queries.show(office, "zhouqiang", number).flags
    assert (flag["flag"], flag["reason"], flag["days"], flag["year_total"], flag["probation"]) == (
        "long_leave_review", "probation", 4, 4, True)
    # Emily (not on probation) may take the same without a flag
    other = submit(office, "emily", "personal", "2026-11-24", "2026-11-27")
    assert queries.show(office, "emily", other).flags == []


def test_working_days_across_national_day_2026(office):
    """28 Sep – 9 Oct: 1–7 Oct are holidays → 5 days; to Sat 10 Oct (a make-up working day) → 6; halves 0.5."""
    office.clock.at = datetime(2026, 9, 1, 9, 0)
    a = submit(office, "emily", "personal", "2026-09-28", "2026-10-09")
    assert queries.show(office, "emily", a).fields["days"] == "5.0"
    b = submit(office, "zhouqiang", "sick", "2026-09-30", "2026-10-09", start_half="pm",
               evidence="community_certificate,receipts")
    assert queries.show(office, "zhouqiang", b).fields["days"] == "2.5"
    with pytest.raises(ValidationFailed) as exc:
        submit(office, "sunyan", "personal", "2026-10-01", "2026-10-07", handover="emily")
    assert problems(exc) == [("end", "no_working_days")]


def test_team_calendar_shows_who_is_out_by_type(office):
    """The sales manager's month grid: Emily's pending personal leave and an approved half day."""
    pending = submit(office, "emily", "personal", "2026-11-25", "2026-11-26")
    half = submit(office, "zhouqiang", "personal", "2026-11-27", "2026-11-27", start_half="pm", handover="emily")
    approve_all(office, half)
    grid = leave.team_calendar(office, "zhaolei", 2026, 11)
    assert grid.department_code == "sales" and len(grid.dates) == 30
    rows = {r.login: r for r in grid.rows}
    assert set(rows) == {"emily", "sunyan", "zhaolei", "zhouqiang"}
    cell = rows["emily"].cells[24]
    assert (cell.leave_type, cell.half, cell.pending, cell.number) == ("personal", None, True, pending)
    assert rows["emily"].days == 2
    cell = rows["zhouqiang"].cells[26]
    assert (cell.half, cell.pending) == ("pm", False)
    assert rows["zhouqiang"].days == Decimal("0.5")
    assert grid.shifted(2) == (2027, 1) and grid.shifted(-11) == (2025, 12)
    with pytest.raises(PermissionDenied):
        leave.team_calendar(office, "emily", 2026, 11, department="finance")


def test_hr_view_and_export_are_for_administration(office, tmp_path):
    """HR exports a year to CSV; a clerk may not."""
    number = submit(office, "emily", "personal", "2026-11-25", "2026-11-26")
    with pytest.raises(PermissionDenied):
        leave.hr_view(office, "emily")
    with pytest.raises(PermissionDenied):
        leave.export_csv(office, "emily", 2026, tmp_path / "x.csv")
    path = tmp_path / "leave-2026.csv"
    assert leave.export_csv(office, "wangfang", 2026, path) == 1
    with path.open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert [(r["number"], r["login"], r["type"], r["days"], r["status"]) for r in rows] == [
        (number, "emily", "personal", "2", "in_progress")]
    assert leave.export_csv(office, "wangfang", 2025, tmp_path / "none.csv") == 0


def test_history_lists_my_leaves_newest_first(office):
    a = submit(office, "emily", "personal", "2026-11-25", "2026-11-25")
    b = submit(office, "emily", "personal", "2026-12-01", "2026-12-01")
    assert [r.number for r in leave.history(office, "emily")] == [b, a]
    assert leave.history(office, "sunyan") == []


def test_the_form_sees_the_annual_balance_live(office):
    """The leave form's `annual_left` = this year's balance − the request's days, as the dates change."""
    form = queries.form_definition(office, "leave")
    ctx = workflow.eval_context(office, form, "emily")
    assert ctx.params["annual_remaining"] == 5
    values = form.compute(form.coerce({"type": "annual", "start": "2026-11-24", "end": "2026-11-25",
                                       "reason": "x", "handover": "sunyan"}), ctx)
    assert (values["days"], values["annual_left"]) == (Decimal(2), Decimal(3))
    number = submit(office, "emily", "annual", "2026-11-24", "2026-11-26")
    assert queries.show(office, "emily", number).fields["annual_left"] == "2.0"
    assert workflow.eval_context(office, form, "emily").params["annual_remaining"] == 2


def test_report_back_and_absence_are_announced(office):
    """The applicant hears of the report-back task; HR, the manager and the applicant of the absence."""
    number = submit(office, "emily", "personal", "2026-11-25", "2026-11-27")
    approve_all(office, number)
    notes = queries.notifications_since(office, "emily", 0)
    assert any(n.kind == "report_back" and n.message == f"Report back from {number} (leave ended 2026-11-27)"
               for n in notes)
    office.clock.at = datetime(2026, 12, 1, 8, 0)
    away.remind(office)
    for person in ("emily", "zhaolei", "wangfang", "zhangli"):
        assert any(n.kind == "absent_without_leave" and number in n.message
                   for n in queries.notifications_since(office, person, 0)), person


def test_leave_approved_after_it_ended_is_due_for_report_back_on_approval_day(office):
    """Sick Monday, filed Monday, approved only on Wednesday: report back by the end of Wednesday,
    so Wednesday's own remind does not flag an absence; Thursday's does."""
    number = submit(office, "emily", "sick", "2026-11-23", "2026-11-23", evidence="community_certificate,receipts",
                    phoned_at="2026-11-23 08:50")
    office.clock.at = datetime(2026, 11, 25, 10, 0)
    approve_all(office, number)
    assert leave.history(office, "emily")[0].report_due == date(2026, 11, 25)
    away.remind(office)
    assert queries.show(office, "emily", number).flags == []
    office.clock.at = datetime(2026, 11, 26, 0, 0)
    away.remind(office)
    assert [f["flag"] for f in queries.show(office, "emily", number).flags] == ["absent_without_leave"]


def test_an_hr_clerks_own_leave_is_recorded_by_a_colleague(office):
    number = submit(office, "wangfang", "annual", "2026-12-14", "2026-12-15", handover="zhangli")
    decisions.act(office, "zhangli", "approve", number)
    decisions.act(office, "liuwei", "approve", number)
    view = queries.show(office, "wangfang", number)
    assert [a.login for a in view.current_steps[0].assignees] == ["zhangli"]
    assert queries.inbox(office, "wangfang").total == 0


def test_a_new_office_gets_the_leave_allocations_table(tmp_path: Path) -> None:
    """The leave package's own table is created when an office opens, not by the core's schema."""
    from tui_office.store.db import database

    fresh = Office.open(Settings(), tmp_path / "fresh.db", clock=FixedClock(MONDAY))
    try:
        assert database.table_exists("leave_allocation")
    finally:
        fresh.close()


def test_a_leave_submitted_under_the_forms_first_version_still_gets_its_report_back(office):
    """A leave in flight across the upgrade runs the definition it began under, whose approval hook
    `leave.create_report_back` predates report-back being a follow-up: HR can still record it, and
    the applicant then has the report-back task of the form's newest version."""
    from tui_office.services import registry
    from tui_office.store.models import Definition, Document

    newest, newest_form = registry.latest(office, "leave")
    old_source = newest.source.split("[[followups]]")[0].replace(
        'hooks = { on_approved = ["leave.set_handover_deputy"] }',
        'hooks = { on_approved = ["leave.set_handover_deputy", "leave.create_report_back"] }',
    ) + "\n[[steps]]" + newest.source.split("[[steps]]", 1)[1]
    assert "create_report_back" in old_source and "[[followups]]" not in old_source
    old = Definition.create(form_id="leave", version=newest.version - 1, digest="first", source=old_source,
                            path=newest.path)
    number = submit(office, "emily", "personal", "2026-11-25", "2026-11-27")
    Document.update(definition=old.id).where(Document.number == number).execute()
    approve_all(office, number)
    assert queries.show(office, "emily", number).to_json()["status"] == "approved"
    office.clock.at = datetime(2026, 11, 30, 9, 0)
    titled = newest_form.followup("report-back").title  # the version declares none: the newest's title
    assert [(r.number, r.step, r.step_title) for r in queries.inbox(office, "emily").rows] == [(number, "report-back", titled)]
    assert leave.report_back(office, "emily", number) == f"Reported back from {number}."
    assert queries.inbox(office, "emily").rows == []


def as_if_approved_before_followups(number: str) -> None:
    """Give an approved leave the report-back task and state earlier versions made: a task of kind
    `report_back` and the due day under `state["report_back"]`."""
    from tui_office.store.models import Document, Task

    doc = Document.get(Document.number == number)
    followup = doc.state["followups"].pop("report-back")
    Document.update(state={**doc.state, "report_back": {"due": followup["due"], "reported_at": None}}).where(
        Document.id == doc.id).execute()
    Task.update(kind="report_back").where((Task.document == doc) & (Task.kind == "followup")).execute()


def test_a_report_back_task_made_before_report_back_was_a_follow_up_can_still_be_done(office):
    """A leave fully approved by an earlier version has an open task of the old kind and its due
    day under `state["report_back"]`: the applicant still sees it and reports back, once."""
    number = submit(office, "emily", "personal", "2026-11-25", "2026-11-27")
    approve_all(office, number)
    as_if_approved_before_followups(number)
    office.clock.at = datetime(2026, 11, 30, 9, 0)
    assert [(r.number, r.step) for r in queries.inbox(office, "emily").rows] == [(number, "report-back")]
    assert leave.report_back(office, "emily", number) == f"Reported back from {number}."
    assert queries.inbox(office, "emily").rows == []
    with pytest.raises(OfficeError) as exc:
        leave.report_back(office, "emily", number)
    assert exc.value.code == "leave_already_reported"


def test_remind_flags_an_overdue_report_back_task_made_before_report_back_was_a_follow_up(office):
    """The absence check covers leaves approved by an earlier version too, once."""
    number = submit(office, "emily", "personal", "2026-11-25", "2026-11-27")
    approve_all(office, number)
    as_if_approved_before_followups(number)
    office.clock.at = datetime(2026, 12, 1, 8, 0)
    away.remind(office)
    assert [f["flag"] for f in queries.show(office, "emily", number).to_json()["flags"]] == ["absent_without_leave"]
    away.remind(office)
    assert [f["flag"] for f in queries.show(office, "emily", number).to_json()["flags"]] == ["absent_without_leave"]
