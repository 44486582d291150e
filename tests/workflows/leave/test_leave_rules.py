"""Leave rules (请假制度): each rule's machine code and message, evidence, overlap, flags, return."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui_office.config import Settings
from tui_office.domain.calendar import WorkCalendar, load_calendar
from tui_office.domain.rules import RuleContext
from tui_office.workflows.leave import rules as leave
from tui_office.workflows.leave.rules import FLAGGERS, RULES
from tui_office.workflows.leave.settings import LeaveSettings
from tui_office.workflows.leave.rules import (
    LeaveSpan,
    is_absent_without_leave,
    report_back_due,
    required_evidence,
    spans_overlap,
)
from tui_office.i18n import set_language

PLAIN = WorkCalendar("plain")
CN = load_calendar("cn")
MONDAY = datetime(2026, 11, 23, 10, 0)  # a Monday


@dataclass
class FakeLookup:
    leaves: list[LeaveSpan] = field(default_factory=list)
    allocations: dict[tuple[str, int], Decimal] = field(default_factory=dict)

    def other_leaves(self, login: str, exclude_document_id: int | None = None) -> list[LeaveSpan]:
        return [s for s in self.leaves if s.document_id != exclude_document_id or s.document_id is None]

    def allocation(self, login: str, year: int, leave_type: str = "annual") -> Decimal:
        return self.allocations.get((login, year), Decimal(0))


def ctx(values: dict, *, now: datetime = MONDAY, calendar=PLAIN, lookup=None, probation=False,
        settings: Settings | None = None, initiator: str = "emily") -> RuleContext:
    base = {"handover": "sunyan"}
    base.update(values)
    return RuleContext(
        values=base, now=now, calendar=calendar, initiator=initiator, extra={"probation": probation},
        settings=settings or Settings(), lookup=lookup or FakeLookup(),
    )


def codes(context: RuleContext) -> list[str]:
    return [p.code for p in leave.check(context)]


def leave_values(kind: str, start: date, end: date, **more) -> dict:
    return {"type": kind, "start": start, "end": end, **more}


@pytest.fixture(autouse=True)
def english():
    set_language("en")
    yield
    set_language("en")


def test_every_rule_and_flagger_is_registered_by_name():
    """The leave definition can refer to every rule by its registered name."""
    for name in leave.ALL_RULES:
        assert name in RULES
    assert "leave.long_leave_review" in FLAGGERS


# -- advance notice ------------------------------------------------------------------------------


def test_personal_leave_starting_tomorrow_is_fine():
    """Personal leave filed on Monday for Tuesday passes."""
    assert codes(ctx(leave_values("personal", date(2026, 11, 24), date(2026, 11, 24)))) == []


@pytest.mark.parametrize("kind", ["personal", "compensatory"])
def test_personal_and_compensatory_leave_today_breaks_advance_notice(kind):
    """Starting on the day of filing is 先休后报: refused on `start` with the earliest allowed day."""
    problems = leave.check(ctx(leave_values(kind, date(2026, 11, 23), date(2026, 11, 24))))
    assert [(p.field, p.code) for p in problems] == [("start", "advance_notice")]
    assert "2026-11-24" in problems[0].message
    assert problems[0].line().startswith("start: advance_notice: ")


def test_annual_leave_today_has_no_advance_notice_rule():
    """Only personal and compensatory leave need a day's notice."""
    lookup = FakeLookup(allocations={("emily", 2026): Decimal(5)})
    assert codes(ctx(leave_values("annual", date(2026, 11, 23), date(2026, 11, 23)), lookup=lookup)) == []


# -- sick leave filing ---------------------------------------------------------------------------


def test_sick_leave_filed_within_24_hours_of_its_start_is_fine():
    """Sick since Monday 09:00, filed Tuesday 09:00: exactly 24 hours, still allowed."""
    values = leave_values("sick", date(2026, 11, 23), date(2026, 11, 23), evidence=["community_certificate", "receipts"])
    assert codes(ctx(values, now=datetime(2026, 11, 24, 9, 0))) == []


def test_sick_leave_filed_later_than_24_hours_is_refused():
    """Filed Tuesday 09:01 for Monday: too late, the message names the deadline."""
    values = leave_values("sick", date(2026, 11, 23), date(2026, 11, 23), evidence=["community_certificate", "receipts"])
    problems = leave.check(ctx(values, now=datetime(2026, 11, 24, 9, 1)))
    assert [(p.field, p.code) for p in problems] == [("start", "sick_late_filing")]
    assert "2026-11-24 09:00" in problems[0].message


def test_sick_leave_starting_in_the_afternoon_counts_from_13_00():
    """A sick afternoon's 24 hours run from 13:00."""
    values = leave_values("sick", date(2026, 11, 23), date(2026, 11, 23), start_half="pm",
                          evidence=["community_certificate", "receipts"])
    assert codes(ctx(values, now=datetime(2026, 11, 24, 12, 59))) == []
    assert codes(ctx(values, now=datetime(2026, 11, 24, 13, 1))) == ["sick_late_filing"]


# -- evidence ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days", "items"),
    [
        (Decimal("0.5"), ["community_certificate", "receipts"]),
        (3, ["community_certificate", "receipts"]),
        (Decimal("3.5"), ["district_certificate", "diagnosis", "receipts"]),
        (7, ["district_certificate", "diagnosis", "receipts"]),
        (8, ["grade2a_certificate", "diagnosis", "admission_records", "receipts"]),
    ],
)
def test_required_evidence_follows_the_length(days, items):
    """≤3 community; >3 ≤7 district + diagnosis; >7 grade 2A + diagnosis + admission records; always receipts."""
    assert required_evidence(days) == items


def test_five_day_sick_leave_without_diagnosis_names_what_is_missing():
    """Five working days need district certificate, diagnosis and receipts; missing ones are listed."""
    values = leave_values("sick", date(2026, 11, 23), date(2026, 11, 27),
                          evidence=["district_certificate", "receipts"])
    problems = leave.check(ctx(values))
    assert [(p.field, p.code) for p in problems] == [("evidence", "evidence_missing")]
    assert "Doctor's diagnosis" in problems[0].message
    assert "5 working days" in problems[0].message
    values["evidence"] = ["district_certificate", "diagnosis", "receipts"]
    assert codes(ctx(values)) == []


def test_evidence_message_in_chinese():
    """The same problem reads in Chinese when the language is zh-CN."""
    set_language("zh-CN")
    values = leave_values("sick", date(2026, 11, 23), date(2026, 11, 23), evidence=[])
    problem = leave.check(ctx(values))[0]
    assert problem.code == "evidence_missing"
    assert "社区或以上级医院证明" in problem.message and "医疗收费单据" in problem.message


# -- dates ---------------------------------------------------------------------------------------


def test_end_before_start():
    """An end before the start is reported once, on `end`; other date rules stay quiet."""
    problems = leave.check(ctx(leave_values("personal", date(2026, 11, 26), date(2026, 11, 25))))
    assert [(p.field, p.code) for p in problems] == [("end", "end_before_start")]


def test_same_day_afternoon_to_morning_is_end_before_start():
    """Starting at noon and ending at noon of the same day is no leave at all."""
    values = leave_values("personal", date(2026, 11, 25), date(2026, 11, 25), start_half="pm", end_half="am")
    assert codes(ctx(values)) == ["end_before_start"]


def test_weekend_only_leave_is_refused_as_no_working_days():
    """Saturday and Sunday alone: nothing to apply for."""
    problems = leave.check(ctx(leave_values("personal", date(2026, 11, 28), date(2026, 11, 29))))
    assert [(p.field, p.code) for p in problems] == [("end", "no_working_days")]
    assert "nothing to apply for" in problems[0].message


def test_national_day_week_is_no_working_days_on_the_cn_calendar():
    """1–7 October 2026 are public holidays: no leave needed."""
    values = leave_values("annual", date(2026, 10, 1), date(2026, 10, 7))
    assert codes(ctx(values, now=datetime(2026, 9, 1, 9), calendar=CN)) == ["no_working_days"]


# -- national day counts -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "start_half", "end_half", "days"),
    [
        (date(2026, 9, 28), date(2026, 10, 9), None, None, Decimal(5)),  # Mon 28 Sep – Fri 9 Oct: 3 + 2
        (date(2026, 9, 28), date(2026, 10, 10), None, None, Decimal(6)),  # Sat 10 Oct is a make-up working day
        (date(2026, 9, 19), date(2026, 9, 20), None, None, Decimal(1)),  # Sun 20 Sep is a make-up working day
        (date(2026, 9, 24), date(2026, 9, 28), None, None, Decimal(2)),  # Mid-autumn Fri 25 – Sun 27 off
        (date(2026, 9, 30), date(2026, 10, 8), "pm", "am", Decimal(1)),  # two half days around the holiday
        (date(2026, 10, 9), date(2026, 10, 9), "pm", None, Decimal("0.5")),
    ],
)
def test_working_days_across_national_day_2026(start, end, start_half, end_half, days):
    """Counts follow the published 2026 schedule (1–7 Oct off; 20 Sep and 10 Oct worked); halves count 0.5."""
    values = leave_values("personal", start, end, start_half=start_half, end_half=end_half)
    assert leave.leave_days(values, CN) == days


# -- overlap -------------------------------------------------------------------------------------


def test_overlapping_leave_is_refused_naming_the_other_document():
    """A live leave on the same days is named in the message."""
    lookup = FakeLookup([LeaveSpan(date(2026, 11, 25), date(2026, 11, 26), number="LV-2026-0001", document_id=1)])
    problems = leave.check(ctx(leave_values("personal", date(2026, 11, 26), date(2026, 11, 27)), lookup=lookup))
    assert [(p.field, p.code) for p in problems] == [("start", "overlap")]
    assert "LV-2026-0001" in problems[0].message


@pytest.mark.parametrize("status", ["rejected", "withdrawn", "draft"])
def test_rejected_withdrawn_and_draft_leaves_do_not_block(status):
    """Only live leaves (in progress, returned, approved) count for overlap."""
    lookup = FakeLookup([LeaveSpan(date(2026, 11, 25), date(2026, 11, 26), status=status, document_id=1)])
    assert codes(ctx(leave_values("personal", date(2026, 11, 26), date(2026, 11, 27)), lookup=lookup)) == []


def test_a_morning_and_an_afternoon_on_the_same_day_do_not_overlap():
    """Two half days on one date, together one day, are allowed."""
    lookup = FakeLookup([LeaveSpan(date(2026, 11, 25), date(2026, 11, 25), end_half="am", status="approved", document_id=1)])
    values = leave_values("personal", date(2026, 11, 25), date(2026, 11, 26), start_half="pm")
    assert codes(ctx(values, lookup=lookup)) == []
    values = leave_values("personal", date(2026, 11, 25), date(2026, 11, 25), end_half="am")
    assert codes(ctx(values, lookup=lookup)) == ["overlap"]


def test_the_document_being_resubmitted_does_not_overlap_itself():
    """Editing a returned leave does not clash with its own stored dates."""
    lookup = FakeLookup([LeaveSpan(date(2026, 11, 25), date(2026, 11, 26), status="returned", document_id=7)])
    context = ctx(leave_values("personal", date(2026, 11, 25), date(2026, 11, 26)), lookup=lookup)
    context.document_id = 7
    assert codes(context) == []


_day = st.dates(min_value=date(2026, 1, 1), max_value=date(2026, 1, 20))
_half = st.sampled_from([None, "am", "pm"])


@st.composite
def spans(draw):
    a, b = sorted([draw(_day), draw(_day)])
    span = LeaveSpan(a, b, draw(_half), draw(_half))
    if leave._order_problem(span):
        span = LeaveSpan(a, b)
    return span


@given(spans(), spans())
def test_overlap_is_symmetric_and_matches_shared_half_days(a, b):
    """a overlaps b exactly when b overlaps a, exactly when they share some half day."""
    shared = any(a.slots(d) & b.slots(d) for d in leave.iter_dates(date(2026, 1, 1), date(2026, 1, 20)))
    assert spans_overlap(a, b) == spans_overlap(b, a) == shared


@given(spans())
def test_a_leave_always_overlaps_itself(a):
    assert spans_overlap(a, a)


# -- balance -------------------------------------------------------------------------------------


def test_annual_leave_within_balance_passes_and_over_it_fails():
    """Balance = allocation − approved − pending; an over-long request names what is left."""
    lookup = FakeLookup(
        [
            LeaveSpan(date(2026, 3, 2), date(2026, 3, 4), leave_type="annual", status="approved", document_id=1),
            LeaveSpan(date(2026, 4, 6), date(2026, 4, 7), leave_type="annual", status="in_progress", document_id=2),
            LeaveSpan(date(2026, 5, 4), date(2026, 5, 8), leave_type="annual", status="rejected", document_id=3),
        ],
        {("emily", 2026): Decimal(10)},
    )
    ok = leave_values("annual", date(2026, 11, 24), date(2026, 11, 30))  # Tue–Mon: 5 days, 10 − 3 − 2 = 5 left
    assert codes(ctx(ok, lookup=lookup)) == []
    too_long = leave_values("annual", date(2026, 11, 24), date(2026, 12, 1))  # 6 days
    problems = leave.check(ctx(too_long, lookup=lookup))
    assert [(p.field, p.code) for p in problems] == [("end", "balance")]
    assert "remaining 2026 balance of 5 days" in problems[0].message


def test_annual_leave_without_allocation_is_refused():
    """No allocation means no annual leave."""
    assert codes(ctx(leave_values("annual", date(2026, 11, 24), date(2026, 11, 24)))) == ["balance"]


def test_half_day_of_annual_leave_fits_half_a_day_of_balance():
    lookup = FakeLookup(allocations={("emily", 2026): Decimal("0.5")})
    values = leave_values("annual", date(2026, 11, 24), date(2026, 11, 24), start_half="pm")
    assert codes(ctx(values, lookup=lookup)) == []


# -- statutory lengths ---------------------------------------------------------------------------


def test_statutory_lengths_come_from_configuration():
    """Marriage leave over the configured 3 working days is refused; a raised limit lets it pass."""
    values = leave_values("marriage", date(2026, 11, 23), date(2026, 11, 26))  # 4 days
    problems = leave.check(ctx(values))
    assert [(p.field, p.code) for p in problems] == [("end", "statutory_length")]
    assert "at most 3 working days" in problems[0].message
    settings = Settings(sections={"leave": LeaveSettings(statutory_days={"marriage": 10, "maternity": 98, "bereavement": 3})})
    assert codes(ctx(values, settings=settings)) == []


# -- handover ------------------------------------------------------------------------------------


def test_handover_is_required_and_not_the_applicant():
    values = leave_values("personal", date(2026, 11, 24), date(2026, 11, 24), handover="")
    assert [(p.field, p.code) for p in leave.check(ctx(values))] == [("handover", "handover_required")]
    values["handover"] = "emily"
    assert [(p.field, p.code) for p in leave.check(ctx(values))] == [("handover", "handover_self")]


def test_missing_dates_leave_the_date_rules_silent():
    """Required-field checks belong to the form; the rules do not crash on a half-filled form."""
    assert codes(ctx({"type": "sick"})) == []


# -- long-leave flag -----------------------------------------------------------------------------


def flags(context: RuleContext) -> list[dict]:
    return FLAGGERS["leave.long_leave_review"](context)


def test_sixteen_working_days_of_personal_leave_is_flagged():
    """One personal leave of 16 working days (over 15) is flagged with its totals."""
    start = date(2026, 11, 2)
    end = PLAIN.add_working_days(start, 15)
    values = leave_values("personal", start, end)
    assert leave.leave_days(values, PLAIN) == 16
    found = flags(ctx(values, now=datetime(2026, 10, 1, 9)))
    assert found == [
        {"flag": "long_leave_review", "reason": "single", "reasons": ["single"], "limit": 15, "days": 16,
         "year": 2026, "year_total": 16, "probation": False}
    ]
    assert "16 working days" in leave.flag_text(found[0])


def test_fifteen_days_is_not_flagged():
    start = date(2026, 11, 2)
    values = leave_values("personal", start, PLAIN.add_working_days(start, 14))
    assert flags(ctx(values, now=datetime(2026, 10, 1, 9))) == []


def test_probation_user_over_three_days_in_the_year_is_flagged():
    """On probation, 4 days of personal leave in a year (over 3) is flagged."""
    values = leave_values("personal", date(2026, 11, 24), date(2026, 11, 27))
    found = flags(ctx(values, probation=True))
    assert [(f["reason"], f["days"], f["year_total"]) for f in found] == [("probation", 4, 4)]
    assert flags(ctx(values, probation=False)) == []


def test_yearly_personal_total_over_22_days_is_flagged():
    """Earlier live personal leave counts toward the year; rejected leave does not."""
    lookup = FakeLookup(
        [
            LeaveSpan(date(2026, 3, 2), date(2026, 3, 13), status="approved", document_id=1),  # 10
            LeaveSpan(date(2026, 6, 1), date(2026, 6, 12), status="in_progress", document_id=2),  # 10
            LeaveSpan(date(2026, 7, 1), date(2026, 7, 31), status="rejected", document_id=3),
        ]
    )
    values = leave_values("personal", date(2026, 11, 24), date(2026, 11, 26))  # 3 → 23
    found = flags(ctx(values, lookup=lookup))
    assert [(f["reason"], f["year_total"], f["limit"]) for f in found] == [("year", 23, 22)]
    assert "23 working days of personal leave in 2026" in leave.flag_text(found[0])


def test_other_leave_types_are_not_flagged():
    values = leave_values("sick", date(2026, 11, 2), date(2026, 12, 31), evidence=[])
    assert flags(ctx(values)) == []


# -- return from leave ---------------------------------------------------------------------------


def test_report_back_is_due_on_the_first_working_day_after_the_leave():
    """Ending Friday: due Monday; ending 30 Sep 2026: due 8 Oct (after National Day)."""
    assert report_back_due(date(2026, 11, 27), PLAIN) == date(2026, 11, 30)
    assert report_back_due(date(2026, 9, 30), CN) == date(2026, 10, 8)


def test_absent_without_leave_only_after_the_report_back_day_ends():
    """Leave ends Friday; Monday is the report-back day; Tuesday 00:00 without report → absent."""
    end = date(2026, 11, 27)
    monday = datetime(2026, 11, 30, 17, 0)
    assert not is_absent_without_leave(end, None, monday, PLAIN)
    assert not is_absent_without_leave(end, monday, monday + timedelta(days=3), PLAIN)
    assert is_absent_without_leave(end, None, datetime(2026, 12, 1, 0, 0), PLAIN)
    assert is_absent_without_leave(end, datetime(2026, 12, 1, 9, 0), datetime(2026, 12, 1, 9, 0), PLAIN)
