"""`definitions check` locates the misuse of `[[triggers]]`; `When` names the right working day."""

from __future__ import annotations

from datetime import date

import pytest

from tests.domain.form_edits import form_text, line_of, problems
from tui_office.domain.calendar import load_calendar
from tui_office.domain.triggers import parse_when

FORM = form_text("dated", "delivery")


@pytest.mark.parametrize(("old", "new", "needle", "message"), [
    ('when = "3 working days before delivery_date"', 'when = "3 working days before goods"', "before goods",
     "trigger 'prepare': when names 'goods', a text field, not a date field"),
    ('when = "3 working days before delivery_date"', 'when = "3 working days before deliver_date"', "deliver_date",
     "trigger 'prepare': when names unknown field 'deliver_date' (a date field, a table's date column as table.column, submitted or approved)"),
    ('when = "2 working days before visits.start"', 'when = "2 working days before visits.place"', "visits.place",
     "trigger 'visit_prep': when names 'visits.place', a text field, not a date field"),
    ('when = "2 working days before visits.start"', 'when = "2 working days before visits.begin"', "visits.begin",
     "trigger 'visit_prep': when names 'visits.begin', but 'visits' has no column 'begin'"),
    ('when = "2 working days before visits.start"', 'when = "2 working days before goods.start"', "goods.start",
     "trigger 'visit_prep': when names 'goods.start', but 'goods' is a text field, not a table"),
    ('when = "on delivery_date"', 'when = "sometime around delivery_date"', "sometime",
     "trigger 'receive': when: cannot read 'sometime around delivery_date'; write e.g. \"10 working days before"
     " delivery_date\", \"on start\", \"on the 5th of next month\""),
    ('step = "manager"', 'step = "gm"', 'step = "gm"', "trigger 'lapse': step names unknown step 'gm'"),
    ('decide = "approve"', 'decide = "sign"', 'decide = "sign"', "trigger 'lapse': decide must be approve or reject (got 'sign')"),
    ('action = "flag"', 'action = "email"', 'action = "email"',
     "trigger 'late': action must be one of remind, task, flag, decide (got 'email')"),
])
def test_each_misuse_of_a_trigger_is_located(tmp_path, old, new, needle, message):
    edited = FORM.replace(old, new)
    assert problems(tmp_path, FORM, old, new) == [f"F:{line_of(edited, needle)}: {message}"]


def test_a_flag_trigger_without_its_flag(tmp_path):
    found = problems(tmp_path, FORM, 'flag = "delivery_late"\n', "")
    header = line_of(FORM, 'id = "late"') - 1
    assert found == [f"F:{header}: trigger 'late': a flag trigger needs flag"]


@pytest.mark.parametrize(("when", "reference", "day"), [
    ("3 working days before delivery_date", date(2026, 10, 12), date(2026, 10, 8)),   # over the holiday and Sat 10th (worked)
    ("1 working day before delivery_date", date(2026, 10, 12), date(2026, 10, 10)),   # the make-up Saturday
    ("2 working days before items.start", date(2026, 10, 9), date(2026, 9, 30)),
    ("2 working days after delivery_date", date(2026, 10, 9), date(2026, 10, 12)),
    ("3 days before delivery_date", date(2026, 10, 12), date(2026, 10, 9)),
    ("on the 5th of next month", date(2026, 12, 20), date(2027, 1, 5)),
    ("on the 31st of the month after end", date(2027, 1, 31), date(2027, 2, 28)),
    ("on end", date(2026, 10, 3), date(2026, 10, 3)),
])
def test_the_day_a_when_names(when, reference, day):
    assert parse_when(when).day(reference, load_calendar("cn")) == day
