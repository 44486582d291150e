"""Meetings through the services: notice, sign-in, marks, leave of absence, minutes, action items,
repeated absence, and bad input refused with one clear message and nothing changed."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from tests.factories import demo_office
from tui_office.domain.clock import FixedClock
from tui_office.domain.errors import OfficeError, ValidationFailed
from tui_office.i18n import set_language
from tui_office.services import decisions, queries, workflow
from tui_office.services.office import Office
from tui_office.workflows.meetings import service as meetings


@pytest.fixture
def office(tmp_path: Path) -> Office:
    set_language("en")
    office = demo_office(tmp_path)
    yield office
    office.close()


def at(office: Office, when: str) -> None:
    office.clock = FixedClock(datetime.fromisoformat(when))


def call(office: Office, day: str = "2026-11-25", *, kind: str = "weekly", by: str = "zhangli", **more) -> str:
    values = {"title": "Sales weekly", "kind": kind, "chair": "zhaolei", "recorder": "sunyan", "place": "Room 3",
              "start": f"{day}T10:00", "end": f"{day}T11:00", "attendees": "emily,zhouqiang"}
    values.update(more)
    return workflow.submit(office, by, "meeting", values)


def statuses(office: Office, number: str, who: str = "sunyan") -> dict[str, str]:
    return {row.login: row.status for row in meetings.attendance(office, who, number)}


def minutes(office: Office, meeting: str, rows: list[dict] | None = None) -> str:
    rows = rows if rows is not None else [
        {"text": "Call back Huaxin", "owner": "emily", "due": "2026-11-30"},
        {"text": "Update the price list", "owner": "zhouqiang", "due": "2026-12-04"},
    ]
    return workflow.submit(office, "sunyan", "minutes", {"meeting": meeting, "title": "Sales weekly",
                                                         "content": "Pipeline reviewed.", "resolutions": rows},
                           started_from=meeting)


def codes(exc: pytest.ExceptionInfo) -> list[tuple[str, str]]:
    return [(p.field, p.code) for p in exc.value.problems]


def test_a_standing_meeting_goes_out_at_once_to_every_attendee_and_members_of_departments(office):
    number = call(office, departments=[{"department": "finance"}])
    assert queries.show(office, "zhangli", number).status == "approved"
    for login in ("zhaolei", "sunyan", "emily", "zhouqiang", "wuhong", "zhengxin"):
        assert queries.inbox(office, login, "cc").rows[0].number == number, login
    assert set(statuses(office, number)) == {"zhaolei", "sunyan", "emily", "zhouqiang", "wuhong", "zhengxin"}


def test_an_ad_hoc_meeting_waits_for_the_chairs_manager(office):
    number = call(office, kind="adhoc")
    view = queries.show(office, "zhangli", number)
    assert view.status == "in_progress"
    assert [a.login for s in view.current_steps for a in s.assignees] == ["liuwei"]  # manager of the sales manager
    assert queries.inbox(office, "emily", "cc").rows == []
    decisions.act(office, "liuwei", "approve", number)
    assert queries.inbox(office, "emily", "cc").rows[0].number == number


def test_late_sign_in_beyond_ten_minutes_counts_absent_and_a_silent_attendee_is_absent_after_the_end(office):
    number = call(office)
    at(office, "2026-11-25T09:58")
    meetings.sign_in(office, "emily", number)
    at(office, "2026-11-25T10:12")
    assert "Late (absent)" in meetings.sign_in(office, "zhouqiang", number)
    at(office, "2026-11-25T10:40")
    meetings.sign_in(office, "zhaolei", number)
    meetings.mark(office, "sunyan", number, "zhaolei", "present")
    at(office, "2026-11-25T12:00")
    assert statuses(office, number) == {"zhaolei": "present", "sunyan": "absent", "emily": "present",
                                        "zhouqiang": "late_absent"}


def test_signing_out_early_counts_absent(office):
    number = call(office)
    at(office, "2026-11-25T09:55")
    meetings.sign_in(office, "emily", number)
    at(office, "2026-11-25T10:45")
    assert "Left early (absent)" in meetings.sign_out(office, "emily", number)
    assert statuses(office, number)["emily"] == "early_absent"


def test_leave_of_absence_approved_by_the_chair_is_excused(office):
    number = call(office)
    asked = meetings.request_absence(office, "zhouqiang", number, "Customer visit in Suzhou")
    assert queries.inbox(office, "zhaolei").rows[0].number == asked
    decisions.act(office, "zhaolei", "approve", asked)
    at(office, "2026-11-25T12:00")
    row = next(r for r in meetings.attendance(office, "sunyan", number) if r.login == "zhouqiang")
    assert (row.status, row.excused_by) == ("excused", asked)


def test_leave_of_absence_after_the_start_is_refused_and_nothing_is_created(office):
    number = call(office)
    at(office, "2026-11-25T10:00")
    with pytest.raises(ValidationFailed) as exc:
        meetings.request_absence(office, "zhouqiang", number, "Overslept")
    assert codes(exc) == [("meeting", "meeting_absence_too_late")]
    assert "must be asked before the meeting starts" in exc.value.problems[0].message
    assert queries.inbox(office, "zhaolei").rows == []


def test_the_recorder_marks_attendance_with_a_reason_others_may_not(office):
    number = call(office)
    at(office, "2026-11-25T10:05")
    with pytest.raises(OfficeError, match="Only the recorder or the chair"):
        meetings.mark(office, "emily", number, "zhouqiang", "absent", "no show")
    with pytest.raises(OfficeError, match="Give a reason"):
        meetings.mark(office, "sunyan", number, "zhouqiang", "excused")
    meetings.mark(office, "sunyan", number, "zhouqiang", "excused", "Sent to a customer by the chair")
    row = next(r for r in meetings.attendance(office, "sunyan", number) if r.login == "zhouqiang")
    assert (row.status, row.reason) == ("excused", "Sent to a customer by the chair")


def test_issued_minutes_give_each_owner_a_task_due_on_its_day_and_every_attendee_a_copy(office):
    number = call(office)
    at(office, "2026-11-25T12:00")
    written = minutes(office, number)
    assert queries.inbox(office, "zhaolei").rows[0].number == written
    decisions.act(office, "zhaolei", "approve", written, comment="签发")
    emily = queries.inbox(office, "emily").rows[0]
    assert (emily.number, f"{emily.due_at:%Y-%m-%d}") == (written, "2026-11-30")
    zhou = queries.inbox(office, "zhouqiang").rows[0]
    assert (zhou.number, f"{zhou.due_at:%Y-%m-%d}") == (written, "2026-12-04")
    assert written in [r.number for r in queries.inbox(office, "zhouqiang", "cc").rows]
    page = meetings.page(office, "sunyan", number).to_json()
    assert page["minutes"] == [{"number": written, "status": "approved"}]
    assert [(i["owner"], i["due"], i["status"]) for i in page["action_items"]] == [
        ("emily", "2026-11-30", "open"), ("zhouqiang", "2026-12-04", "open")]


def test_the_owner_closes_an_action_item_with_a_note(office):
    number = call(office)
    at(office, "2026-11-25T12:00")
    written = minutes(office, number)
    decisions.act(office, "zhaolei", "approve", written)
    from tui_office.services import followups

    followups.complete(office, "emily", written, "resolutions-1", "Called; order confirmed")
    item = next(i for i in meetings.action_items(office, "emily", mine=True))
    assert (item.status, item.note) == ("done", "Called; order confirmed")


def test_issued_minutes_refuse_edits(office):
    number = call(office)
    at(office, "2026-11-25T12:00")
    written = minutes(office, number)
    decisions.act(office, "zhaolei", "approve", written)
    before = queries.show(office, "sunyan", written)
    with pytest.raises(OfficeError):
        workflow.submit(office, "sunyan", None, {"content": "Rewritten"}, number=written)
    assert queries.show(office, "sunyan", written).display == before.display


def test_overdue_action_items_are_flagged_and_reminded_once_per_interval(office):
    from tui_office.services import away

    number = call(office)
    at(office, "2026-11-25T12:00")
    written = minutes(office, number)
    decisions.act(office, "zhaolei", "approve", written)
    at(office, "2026-12-01T09:00")
    first = away.remind(office)
    at(office, "2026-12-01T10:00")
    again = away.remind(office)
    at(office, "2026-12-02T09:30")
    next_day = away.remind(office)
    mine = lambda lines: [line for line in lines if written in line]  # noqa: E731
    assert mine(first) and not mine(again) and mine(next_day)
    assert any(f["flag"] == "action_overdue" for f in queries.show(office, "sunyan", written).flags)
    assert [i.status for i in meetings.action_items(office, "sunyan", meeting=number)] == ["overdue", "open"]


def test_three_unexcused_absences_within_the_window_flag_the_person_two_do_not(office):
    from tui_office.services import away

    numbers = [call(office, day) for day in ("2026-11-25", "2026-12-02", "2026-12-09")]
    for number, day in zip(numbers[:2], ("2026-11-25", "2026-12-02")):
        at(office, f"{day}T09:55")
        meetings.sign_in(office, "emily", number)
    at(office, "2026-12-03T09:00")
    away.remind(office)
    assert not any(f.get("flag") == "repeated_absence" and f.get("user") == "zhouqiang"
                   for n in numbers for f in queries.show(office, "zhangli", n).flags)
    at(office, "2026-12-10T09:00")
    lines = away.remind(office)
    assert f"{numbers[2]}: repeated_absence zhouqiang (3)" in lines
    flags = queries.show(office, "zhangli", numbers[2]).flags
    assert {"flag": "repeated_absence", "user": "zhouqiang", "count": 3, "since": "2026-11-25"} in flags
    assert not any(f.get("user") == "emily" for f in flags)  # two absences: the third meeting only
    assert not any("repeated_absence" in line for line in away.remind(office))  # flagged once


# ----------------------------------------------------------------------------- bad input


def test_a_meeting_ending_before_it_starts_is_refused(office):
    with pytest.raises(ValidationFailed) as exc:
        call(office, end="2026-11-25T09:00")
    assert codes(exc) == [("end", "check_failed")]


def test_an_attendee_who_does_not_exist_is_refused(office):
    with pytest.raises(ValidationFailed) as exc:
        call(office, attendees="emily,nobody")
    assert [field for field, _ in codes(exc)] == ["attendees"]


def test_sign_in_outside_the_window_or_by_a_non_attendee_changes_nothing(office):
    number = call(office)
    at(office, "2026-11-25T09:29")
    with pytest.raises(OfficeError, match="open from 2026-11-25 09:30 until it ends at 11:00"):
        meetings.sign_in(office, "emily", number)
    at(office, "2026-11-25T11:01")
    with pytest.raises(OfficeError, match="open from"):
        meetings.sign_in(office, "emily", number)
    at(office, "2026-11-25T10:00")
    with pytest.raises(OfficeError, match="not among the attendees"):
        meetings.sign_in(office, "liuwei", number)
    assert statuses(office, number)["emily"] == "expected"
    assert not any(h.action == "sign_in" for h in queries.show(office, "zhangli", number).history)


def test_a_resolution_without_owner_or_due_date_is_refused(office):
    number = call(office)
    at(office, "2026-11-25T12:00")
    with pytest.raises(ValidationFailed) as exc:
        minutes(office, number, [{"text": "Someone should do something", "due": "2026-11-30"},
                                 {"text": "Update the price list", "owner": "zhouqiang"}])
    assert codes(exc) == [("resolutions[1].owner", "required"), ("resolutions[2].due", "required")]
    assert queries.inbox(office, "zhaolei").rows == []


# ----------------------------------------------------------------------------- series, items, materials


def issued_minutes(office: Office) -> tuple[str, str]:
    number = call(office)
    at(office, "2026-11-25T12:00")
    written = minutes(office, number)
    decisions.act(office, "zhaolei", "approve", written)
    return number, written


def test_a_weekly_meeting_repeats_on_the_same_weekday_each_its_own_notice(office):
    number = call(office)
    made = meetings.repeat(office, "sunyan", number, 3)
    starts = [meetings.page(office, "sunyan", n).meeting.start for n in made]
    assert [f"{s:%Y-%m-%d %a %H:%M}" for s in starts] == ["2026-12-02 Wed 10:00", "2026-12-09 Wed 10:00",
                                                          "2026-12-16 Wed 10:00"]
    assert len({*made, number}) == 4
    assert set(made) <= {r.number for r in queries.inbox(office, "emily", "cc").rows}


def test_a_monthly_meeting_on_the_31st_falls_on_the_last_day_of_shorter_months(office):
    number = call(office, "2026-12-31", kind="monthly")
    made = meetings.repeat(office, "zhangli", number, 2)
    assert [f"{meetings.page(office, 'zhangli', n).meeting.start:%Y-%m-%d}" for n in made] == ["2027-01-31", "2027-02-28"]


def test_ad_hoc_meetings_do_not_repeat_and_a_bad_count_changes_nothing(office):
    number = call(office, kind="adhoc")
    with pytest.raises(OfficeError, match="only standing meetings repeat"):
        meetings.repeat(office, "zhangli", number, 2)
    weekly = call(office)
    for count in (0, 53, "2", True):
        with pytest.raises(OfficeError, match="1 to 52"):
            meetings.repeat(office, "zhangli", weekly, count)
    assert len(meetings.meetings(office, "zhangli", date(2026, 11, 1), date(2027, 12, 31))) == 2


def test_the_recorder_reassigns_and_extends_an_action_item_with_a_reason(office):
    _, written = issued_minutes(office)
    with pytest.raises(OfficeError, match="Only the recorder or the chair"):
        meetings.extend_item(office, "emily", written, "resolutions-1", date(2026, 12, 10), "Customer away")
    meetings.extend_item(office, "sunyan", written, "resolutions-1", date(2026, 12, 10), "Customer away")
    meetings.reassign_item(office, "sunyan", written, "resolutions-1", "sunyan", "Emily on leave")
    item = meetings.action_items(office, "sunyan", meeting=None)[0]
    assert (item.owner, f"{item.due}") == ("sunyan", "2026-12-10")
    assert queries.inbox(office, "emily").rows == []
    assert queries.inbox(office, "sunyan").rows[0].number == written
    history = [(h.action, h.comment) for h in queries.show(office, "sunyan", written).history]
    assert ("extend_item", "Customer away") in history and ("reassign_item", "Emily on leave") in history


def test_only_the_owner_reports_progress_and_a_done_item_is_closed(office):
    from tui_office.services import followups

    _, written = issued_minutes(office)
    with pytest.raises(OfficeError, match="Only the owner"):
        meetings.report_progress(office, "zhouqiang", written, "resolutions-1", "Half way")
    meetings.report_progress(office, "emily", written, "resolutions-1", "Left a message")
    followups.complete(office, "emily", written, "resolutions-1", "Done")
    with pytest.raises(OfficeError, match="done already"):
        meetings.report_progress(office, "emily", written, "resolutions-1", "More")
    with pytest.raises(OfficeError, match="no action item 'resolutions-9'"):
        meetings.report_progress(office, "emily", written, "resolutions-9", "More")


def test_materials_are_kept_by_reference_and_late_ones_need_a_reason(office, tmp_path):
    import hashlib

    paper = tmp_path / "pipeline.pdf"
    paper.write_bytes(b"%PDF pipeline figures")
    number = call(office, "2026-11-30")  # Monday: materials due by Thursday 26 November
    at(office, "2026-11-26T17:00")
    meetings.attach_material(office, "sunyan", number, str(paper))
    at(office, "2026-11-27T09:00")
    with pytest.raises(OfficeError, match="due by 2026-11-26"):
        meetings.attach_material(office, "sunyan", number, str(paper))
    assert "marked late" in meetings.attach_material(office, "sunyan", number, str(paper), "Figures came in late")
    with pytest.raises(OfficeError, match="Only the chair, the recorder"):
        meetings.attach_material(office, "emily", number, str(paper), "mine")
    found = meetings.page(office, "emily", number).materials
    assert [(m.size, m.sha256, m.late, m.reason) for m in found] == [
        (21, hashlib.sha256(b"%PDF pipeline figures").hexdigest(), False, ""),
        (21, hashlib.sha256(b"%PDF pipeline figures").hexdigest(), True, "Figures came in late")]


def test_the_demo_office_has_a_weekly_meeting_with_minutes_open_and_overdue_items_and_upcoming_ones(office):
    from tui_office.services import demo, demo_documents

    demo_documents.load_documents(office)
    demo.load_workflow_documents(office)
    demo.load_workflow_documents(office)  # twice: nothing more
    assert len(meetings.meetings(office, "zhangli", date(2026, 1, 1), date(2027, 12, 31))) == 4
    items = meetings.action_items(office, "zhangli")
    assert sorted(i.status for i in items) == ["open", "overdue"]
    held = items[0].meeting
    assert {r.status for r in meetings.attendance(office, "sunyan", held)} == {"present", "excused", "late_absent"}
    today = office.clock.now().date()
    coming = [m for m in meetings.meetings(office, "zhangli", today, date(2099, 1, 1))]
    assert {m.kind for m in coming} == {"weekly", "adhoc"} and any(m.start.date() > today for m in coming)


def test_hr_sees_every_meetings_attendance_and_action_items_an_outsider_none(office):
    number, written = issued_minutes(office)
    assert {r.login for r in meetings.attendance(office, "wangfang", number)} == {"zhaolei", "sunyan", "emily",
                                                                                 "zhouqiang"}
    assert [i.owner for i in meetings.action_items(office, "wangfang")] == ["emily", "zhouqiang"]
    with pytest.raises(OfficeError, match="not allowed to see"):
        meetings.attendance(office, "zhengxin", number)
    assert meetings.action_items(office, "zhengxin") == []
