"""The pure meeting rules: attendance statuses, repeated absence, materials lead time."""

from __future__ import annotations

from datetime import date, datetime

from tui_office.domain.calendar import load_calendar
from tui_office.workflows.meetings import rules
from tui_office.workflows.meetings.rules import Attendance
from tui_office.workflows.meetings.settings import MeetingSettings

START, END = datetime(2026, 11, 25, 10, 0), datetime(2026, 11, 25, 11, 0)
AFTER = datetime(2026, 11, 25, 12, 0)
POLICY = MeetingSettings()
CN = load_calendar("cn")


def status(a: Attendance, now: datetime = AFTER, policy: MeetingSettings = POLICY) -> str:
    return rules.status(a, START, END, now, policy)


def test_signing_in_ten_minutes_late_is_present_eleven_is_absent():
    assert status(Attendance(signed_in_at=datetime(2026, 11, 25, 10, 10))) == "present"
    assert status(Attendance(signed_in_at=datetime(2026, 11, 25, 10, 11))) == "late_absent"


def test_leaving_more_than_ten_minutes_early_is_absent():
    on_time = datetime(2026, 11, 25, 9, 55)
    assert status(Attendance(on_time, signed_out_at=datetime(2026, 11, 25, 10, 50))) == "present"
    assert status(Attendance(on_time, signed_out_at=datetime(2026, 11, 25, 10, 49))) == "early_absent"


def test_thresholds_follow_the_office_policy():
    strict = MeetingSettings(late_minutes=5)
    assert status(Attendance(signed_in_at=datetime(2026, 11, 25, 10, 6)), policy=strict) == "late_absent"


def test_an_approved_leave_of_absence_stays_excused_even_after_the_meeting():
    assert status(Attendance(excused=True)) == "excused"
    assert status(Attendance(mark="excused")) == "excused"
    assert "excused" not in rules.UNEXCUSED


def test_never_signed_in_is_expected_until_the_end_then_absent():
    assert status(Attendance(), now=datetime(2026, 11, 25, 10, 30)) == "expected"
    assert status(Attendance(), now=END) == "absent"


def test_the_recorders_mark_wins_over_the_sign_in_times():
    late = datetime(2026, 11, 25, 10, 30)
    assert status(Attendance(signed_in_at=late, mark="present")) == "present"
    assert status(Attendance(signed_in_at=datetime(2026, 11, 25, 9, 50), mark="absent")) == "absent"


def test_three_unexcused_absences_within_ninety_days_flag_two_do_not():
    today = date(2026, 11, 25)
    three = [date(2026, 9, 1), date(2026, 10, 14), date(2026, 11, 25)]
    assert rules.repeated_absence(three, today, POLICY) == three
    assert rules.repeated_absence(three[1:], today, POLICY) == []


def test_absences_older_than_the_window_are_not_counted():
    today = date(2026, 11, 25)
    old = [date(2026, 8, 26), date(2026, 10, 14), date(2026, 11, 25)]  # 91 days before today
    assert rules.repeated_absence(old, today, POLICY) == []
    assert rules.repeated_absence(old, today, MeetingSettings(absence_window_days=120)) == old


def test_materials_lead_time_counts_working_days_with_holidays_and_make_up_days():
    # Monday 12 October 2026: two working days before are Saturday 10 (a make-up working day) and Friday 9.
    monday = date(2026, 10, 12)
    assert rules.materials_due(CN, monday, POLICY) == date(2026, 10, 9)
    assert not rules.materials_late(CN, monday, date(2026, 10, 9), POLICY)
    assert rules.materials_late(CN, monday, date(2026, 10, 10), POLICY)
    # Thursday 8 October, after the National Day week: due by Tuesday 29 September.
    assert rules.materials_due(CN, date(2026, 10, 8), POLICY) == date(2026, 9, 29)
    assert rules.materials_late(CN, date(2026, 10, 8), date(2026, 9, 30), POLICY)
