"""Sick leave is phoned in to the manager before work starts or within 15 minutes of it: the form
records when (`phoned_at`); a later call, or none recorded, flags the leave for HR — in the document
and in HR's view — and stops nothing. Work starts at the office's settings (09:00 and 13:00 unless
an administrator changes them)."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from tests.workflows.leave.test_leave import office  # noqa: F401  (the demo office, Monday 23 November)
from tui_office.domain.calendar import WorkCalendar
from tui_office.domain.rules import RuleContext
from tui_office.services import office_settings, queries, workflow
from tui_office.services.office import Office
from tui_office.ui.widgets.document_fields import flag_text
from tui_office.workflows.leave import service as leave
from tui_office.workflows.leave.rules import late_phone_notice

MONDAY_NOON = datetime(2026, 11, 23, 12, 0)


@pytest.fixture(autouse=True)
def at_noon(office: Office) -> None:  # noqa: F811
    office.clock.at = MONDAY_NOON  # type: ignore[attr-defined]


def sick(office: Office, who: str, handover: str, phoned_at: str | None, start_half: str | None = None) -> str:
    values = {"type": "sick", "start": "2026-11-23", "end": "2026-11-23", "reason": "fever", "handover": handover,
              "evidence": ["community_certificate", "receipts"]}
    if phoned_at:
        values["phoned_at"] = phoned_at
    if start_half:
        values["start_half"] = start_half
    return workflow.submit(office, who, "leave", values)


def test_a_call_within_fifteen_minutes_of_work_is_not_flagged(office):
    number = sick(office, "emily", "sunyan", "2026-11-23 09:15")
    assert queries.show(office, "emily", number).flags == []
    assert leave.hr_view(office, "wangfang").late_phone_notices == []


def test_a_late_call_is_flagged_in_the_document_and_in_hrs_view(office):
    number = sick(office, "emily", "sunyan", "2026-11-23 09:40")
    [flag] = queries.show(office, "emily", number).flags
    assert flag_text(flag) == "Manager phoned at 2026-11-23 09:40, after 2026-11-23 09:15 (15 minutes after work starts)"
    view = leave.hr_view(office, "wangfang")
    assert [r.number for r in view.late_phone_notices] == [number]
    assert view.to_json()["late_phone_notices"][0]["flags"] == [
        {"flag": "late_phone_notice", "reason": "late", "phoned_at": "2026-11-23 09:40",
         "deadline": "2026-11-23 09:15", "field": "phoned_at"}]


def test_no_call_recorded_is_flagged_and_an_afternoon_leave_is_phoned_by_quarter_past_one(office):
    missing = sick(office, "emily", "sunyan", None)
    assert flag_text(queries.show(office, "emily", missing).flags[0]) == \
        "No phone call to the manager recorded (due by 2026-11-23 09:15)"
    afternoon = sick(office, "zhouqiang", "emily", "2026-11-23 13:10", start_half="pm")
    assert queries.show(office, "zhouqiang", afternoon).flags == []
    assert [r.number for r in leave.hr_view(office, "zhangli").late_phone_notices] == [missing]


def test_the_rule_counts_from_the_offices_start_of_work():
    def flags(phoned: datetime, starts=None, half: str = "") -> list[dict]:
        values = {"type": "sick", "start": date(2026, 11, 23), "end": date(2026, 11, 23), "start_half": half,
                  "phoned_at": phoned}
        return late_phone_notice(RuleContext(values=values, now=MONDAY_NOON, calendar=WorkCalendar("plain"),
                                             initiator="emily", extra={"day_starts": starts} if starts else {}))

    early = (time(8, 30), time(12, 30))
    assert flags(datetime(2026, 11, 23, 8, 50)) == []  # within 09:15 by default
    [late] = flags(datetime(2026, 11, 23, 8, 50), early)
    assert (late["reason"], late["deadline"]) == ("late", "2026-11-23 08:45")
    assert flags(datetime(2026, 11, 23, 8, 45), early) == []
    assert flags(datetime(2026, 11, 23, 12, 50), early, "pm")[0]["deadline"] == "2026-11-23 12:45"


def test_an_office_that_starts_at_half_past_eight_flags_a_call_at_ten_to_nine(office):
    office_settings.set_setting(office, "admin", "workday.morning_start", "08:30")
    number = sick(office, "emily", "sunyan", "2026-11-23 08:50")
    [flag] = queries.show(office, "emily", number).flags
    assert (flag["flag"], flag["deadline"]) == ("late_phone_notice", "2026-11-23 08:45")
    assert [r.number for r in leave.hr_view(office, "wangfang").late_phone_notices] == [number]
