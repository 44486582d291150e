"""Process statistics checked against figures worked out by hand on a small office.

Five general requests submitted in November 2026 (one manager step, due two working days after
it starts) and one in August, outside the default range:

    A emily (sales)        Mon 11-02 09:00, approved  Mon 11-02 19:00 by zhaolei  → 10 h
    B zhouqiang (sales)    Tue 11-03 09:00, rejected  Thu 11-05 11:00 by zhaolei  → 50 h (2 h late)
    C linna (purchasing)   Mon 11-09 10:00, approved  Mon 11-09 14:00 by hejun    →  4 h
    D emily (sales)        Mon 11-16 09:00, waiting for zhaolei (due Wed 11-18)   → 168 h so far, overdue
    E david (technical)    Fri 11-20 09:00, waiting for mayu (due Tue 11-24)      →  72 h so far
    X emily (sales)        Mon 08-03 09:00, approved the same day (outside the range)

Now is Mon 11-23 09:00; the default range is the twelve weeks from Mon 09-07.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from tests.factories import START, demo_office
from tui_office.domain.clock import FixedClock
from tui_office.domain.errors import PermissionDenied, ValidationError
from tui_office.services import statistics, workflow
from tui_office.services.decisions import act


def _request(office, who, at, subject, decide=None):
    office.clock = FixedClock(at)
    number = workflow.submit(office, who, "general_request", {"subject": subject, "details": "-"})
    if decide:
        approver, action, when = decide
        office.clock = FixedClock(when)
        act(office, approver, action, number, comment="意见")
    return number


@pytest.fixture
def bare(tmp_path):
    return demo_office(tmp_path)


@pytest.fixture
def office(bare):
    office = bare
    numbers = {
        "X": _request(office, "emily", datetime(2026, 8, 3, 9), "Old", ("zhaolei", "approve", datetime(2026, 8, 3, 10))),
        "A": _request(office, "emily", datetime(2026, 11, 2, 9), "打印纸", ("zhaolei", "approve", datetime(2026, 11, 2, 19))),
        "B": _request(office, "zhouqiang", datetime(2026, 11, 3, 9), "Taxi", ("zhaolei", "reject", datetime(2026, 11, 5, 11))),
        "C": _request(office, "linna", datetime(2026, 11, 9, 10), "Gloves", ("hejun", "approve", datetime(2026, 11, 9, 14))),
        "D": _request(office, "emily", datetime(2026, 11, 16, 9), "Desk"),
        "E": _request(office, "david", datetime(2026, 11, 20, 9), "Cable"),
    }
    office.clock = FixedClock(START)
    office.numbers = numbers
    return office


def test_counts_cycle_times_bottlenecks_and_weeks_match_the_hand_computed_figures(office):
    found = statistics.compute(office, "admin")
    assert (found.since, found.until, found.total) == (date(2026, 9, 7), date(2026, 11, 23), 5)
    assert [(c.key, c.count) for c in found.by_form] == [("general_request", 5)]
    assert [(c.key, c.count) for c in found.by_status] == [("approved", 2), ("in_progress", 2), ("rejected", 1)]
    assert [(c.key, c.count) for c in found.by_department] == [("sales", 3), ("purchasing", 1), ("technical", 1)]
    (cycle,) = found.cycle_by_form
    assert (cycle.count, cycle.median_hours, cycle.p90_hours) == (3, 10, 50)
    (step,) = found.cycle_by_step
    assert (step.step, step.step_title, step.count, step.median_hours, step.p90_hours) == \
        ("manager", "Department manager", 3, 10, 50)
    (waiting,) = found.waiting_steps  # waits 4, 10, 50, 72 and 168 hours
    assert (waiting.count, waiting.waiting, waiting.median_hours, waiting.p90_hours, waiting.longest_hours) == \
        (5, 2, 50, 168, 168)
    assert [(p.key, p.overdue) for p in found.overdue_people] == [("zhaolei", 1)]
    assert [(o.key, o.overdue, o.late) for o in found.overdue_by_department] == [("sales", 1, 1)]
    weeks = {w.start: (w.submitted, w.finished) for w in found.weeks}
    assert len(weeks) == 12 and sum(s for s, _ in weeks.values()) == 5
    assert weeks[date(2026, 11, 2)] == (2, 2) and weeks[date(2026, 11, 9)] == (1, 1)
    assert weeks[date(2026, 11, 16)] == (2, 0) and weeks[date(2026, 11, 23)] == (0, 0)


def test_the_json_names_its_unit_and_keeps_its_shape(office):
    out = statistics.compute(office, "admin", since=date(2026, 11, 9), until=date(2026, 11, 22)).to_json()
    assert out["unit"] == "hours" and out["from"] == "2026-11-09" and out["total"] == 3
    assert out["cycle_by_form"] == [{"form_id": "general_request", "form": "General request", "count": 1,
                                     "median_hours": 4.0, "p90_hours": 4.0}]
    assert out["bottlenecks"]["people"] == [{"login": "zhaolei", "name": "Zhao Lei", "overdue": 1}]
    assert [w["week"] for w in out["weeks"]] == ["2026-11-09", "2026-11-16"]


def test_a_manager_sees_only_the_departments_they_manage(office):
    found = statistics.compute(office, "zhaolei")
    assert found.departments == ["sales"] and found.total == 3
    assert [(c.key, c.count) for c in found.by_department] == [("sales", 3)]
    with pytest.raises(PermissionDenied):
        statistics.compute(office, "zhaolei", dept="purchasing")
    with pytest.raises(PermissionDenied):
        statistics.compute(office, "emily")
    assert statistics.compute(office, "admin", dept="采购部").total == 1


def test_each_row_lists_the_documents_behind_it(office):
    n = office.numbers

    def behind(figure, me="admin", **filters):
        return [d.number for d in statistics.documents(office, me, figure, **filters)]

    assert behind("status:in_progress") == [n["E"], n["D"]]
    assert behind("overdue:zhaolei") == [n["D"]]
    assert behind("overdue_dept:sales") == [n["D"]]
    assert behind("week:2026-11-02") == [n["B"], n["A"]]
    assert behind("dept:purchasing") == [n["C"]]
    assert behind("step:general_request/manager") == [n["E"], n["D"], n["C"], n["B"], n["A"]]
    assert behind("form:general_request", since=date(2026, 8, 1), until=date(2026, 8, 31)) == [n["X"]]
    assert behind("dept:purchasing", me="zhaolei") == []  # outside the manager's departments


BAD_FILTERS = [
    ({"since": "2026-13-01"}, "from"), ({"until": 20261101}, "to"), ({"since": "x" * 5000}, "from"),
    ({"since": date(2026, 11, 2), "until": date(2026, 11, 1)}, "from"),
    ({"since": date(2000, 1, 1), "until": date(2026, 1, 1)}, "to"),
    ({"form": "nope"}, "form"), ({"form": "general\x1b[2J"}, "form"), ({"dept": ["sales"]}, "dept"),
    ({"dept": "nowhere"}, "dept"),
]


def test_bad_filters_and_row_keys_are_refused_with_one_clear_line(bare):
    for options, field in BAD_FILTERS:
        with pytest.raises(ValidationError) as err:
            statistics.compute(bare, "admin", **options)
        assert err.value.field == field and "\n" not in str(err.value), options
    for figure in ["nothing", "week:someday", "dept:nowhere", "form:", 7, "status:x\x07", "x" * 500]:
        with pytest.raises(ValidationError) as err:
            statistics.documents(bare, "admin", figure)
        assert err.value.field == "figure" and "\x07" not in str(err.value)
