"""`FormDef.evaluate`: one judgement of a form's values for the form screen, the document view and
the services — what is read, computed, shown and required, and every problem."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_office.domain.calendar import load_calendar
from tui_office.domain.definition_files import load_all, parse_definition
from tui_office.domain.definitions import EvalContext
from tui_office.domain.evaluation import root_of

FORMS = load_all()
TODAY = date(2026, 11, 23)
CTX = EvalContext(today=TODAY, calendar=load_calendar("plain"), params={"annual_remaining": Decimal("10")})

DEADLINE_FORM = """
id = "deadline_demo"
version = 1
title = { en = "Deadline", zh = "期限" }
prefix = "DL"
[[fields]]
id = "due"
type = "date"
label = { en = "Due", zh = "期限" }
required = true
[[fields]]
id = "days_left"
type = "integer"
label = { en = "Days left", zh = "剩余天数" }
formula = "due - today()"
[[fields]]
id = "late_reason"
type = "text"
label = { en = "Why so soon", zh = "原因" }
required = true
visible_if = "due < today() + 3"
[[steps]]
id = "manager"
title = { en = "Manager", zh = "经理" }
assignee = { dept_manager = true }
next = "end"
"""


def codes(problems):
    return [(p.field, p.code) for p in problems]


def test_typed_text_is_read_computed_and_judged():
    form = FORMS["purchase_request"]
    ev = form.evaluate({"item": "Pens", "quantity": "3", "amount": "12.50", "reason": "Stock",
                        "items": [{"name": "Pen", "qty": "3", "price": "4.00"}, {"name": "", "qty": "", "price": ""}]}, CTX)
    assert ev.values["amount"] == Decimal("12.50")
    assert ev.values["items"] == [{"name": "Pen", "spec": None, "qty": 3, "price": Decimal("4.00"), "line_total": Decimal("12.00")}]
    assert ev.values["items_total"] == Decimal("12.00")
    assert "items_total" in ev.visible and "items_total" not in ev.submitted
    assert ev.problems == []


def test_unreadable_text_is_one_reading_problem_not_also_a_missing_value():
    form = FORMS["purchase_request"]
    ev = form.evaluate({"item": "Pens", "quantity": "three", "amount": "12.50", "reason": "Stock"}, CTX)
    assert codes(ev.problems) == [("quantity", "invalid_number")]
    assert ev.reading == ev.problems
    assert ev.values["quantity"] is None and "quantity" not in ev.submitted
    assert codes(ev.field_problems("quantity")) == [("quantity", "invalid_number")]


def test_problems_come_in_form_order_and_cells_are_located():
    form = FORMS["purchase_request"]
    ev = form.evaluate({"items": [{"name": "Pen", "qty": "x", "price": "1"}]}, CTX)
    roots = [root_of(p.field) for p in ev.problems]
    order = [f.id for f in form.fields]
    assert roots == sorted(roots, key=order.index)
    assert ("items[1].qty", "invalid_number") in codes(ev.problems)


def test_hidden_fields_are_neither_judged_nor_submitted():
    form = FORMS["leave"]
    raw = {"type": "personal", "start": "2026-11-24", "end": "2026-11-24", "reason": "Family", "handover": "sunyan",
           "evidence": ["receipts"]}
    ev = form.evaluate(raw, CTX)
    assert "evidence" not in ev.visible and "evidence" not in ev.submitted
    assert "annual_left" not in ev.visible
    assert ev.problems == []


def test_checklist_items_shown_and_required_by_the_length_of_a_sick_leave():
    form = FORMS["leave"]
    raw = {"type": "sick", "start": "2026-11-23", "end": "2026-11-27", "reason": "Flu", "handover": "sunyan"}
    ev = form.evaluate(raw, CTX)
    assert ev.values["days"] == Decimal("5.0")
    assert ev.required_items["evidence"] == {"district_certificate", "diagnosis", "receipts"}
    assert ev.hidden_items["evidence"] == {"community_certificate", "grade2a_certificate", "admission_records"}
    assert [p.params["item"] for p in ev.problems if p.code == "checklist_missing"] == [
        "District/county-level (or higher) hospital certificate", "Doctor's diagnosis", "Medical fee receipts"]
    ticked = form.evaluate({**raw, "evidence": ["district_certificate", "diagnosis", "receipts"]}, CTX)
    assert ticked.problems == []


def test_today_comes_from_the_context():
    form = parse_definition(DEADLINE_FORM, "deadline_demo.toml")
    soon = form.evaluate({"due": "2026-11-24"}, CTX)
    assert soon.values["days_left"] == 1
    assert codes(soon.problems) == [("late_reason", "required")]
    later = form.evaluate({"due": "2026-11-24"}, EvalContext(today=date(2026, 11, 1)))
    assert later.values["days_left"] == 23
    assert "late_reason" not in later.visible and later.problems == []


def test_unknown_names_in_raw_values_are_problems():
    ev = FORMS["general_request"].evaluate({"subject": "Hi", "colour": "red"}, CTX)
    assert ("colour", "unknown_field") in codes(ev.problems)


def test_validate_is_the_same_judgement_on_typed_values():
    form = FORMS["leave"]
    raw = {"type": "sick", "start": "2026-11-23", "end": "2026-11-27", "reason": "Flu", "handover": "sunyan"}
    ev = form.evaluate(raw, CTX)
    assert codes(form.validate(ev.submitted, CTX)) == codes(ev.problems)


def test_read_stored_is_lenient():
    form = FORMS["purchase_request"]
    stored = {"amount": "12.50", "quantity": "three", "needed_by": "2026-12-01", "gone": 1}
    assert form.read_stored(stored) == {"amount": Decimal("12.50"), "quantity": "three",
                                        "needed_by": date(2026, 12, 1), "gone": 1}
    assert form.read_stored(None) == {}
    values = {"amount": Decimal("12.50"), "items": [{"name": "Pen", "qty": 3, "price": Decimal("4.00")}]}
    assert form.read_stored(form.to_storage(values)) == values


# ------------------------------------------------------------------------------ properties

typed_text = st.one_of(
    st.text(max_size=20),
    st.sampled_from(["", " ", "0", "-1", "3", "12.345", "2026-02-30", "2026-11-24", "yes", "no", "annual", "sick",
                     "personal", "[{", "NaN", "9" * 30, "事假", "a,b", "sunyan", "receipts"]),
)


def raw_for(f, data):
    if f.type == "boolean":
        return data.draw(st.booleans())
    if f.type in ("multichoice", "checklist"):
        options = [c.value for c in f.choices] + [i.id for i in f.items] + ["nonsense"]
        return data.draw(st.lists(st.sampled_from(options), max_size=3, unique=True))
    if f.type == "table":
        return data.draw(st.lists(st.fixed_dictionaries({c.id: typed_text for c in f.columns if not c.computed}), max_size=2))
    if f.type == "choice" and f.choices:
        return data.draw(st.one_of(st.sampled_from([c.value for c in f.choices]), typed_text))
    return data.draw(typed_text)


@pytest.mark.parametrize("form_id", sorted(FORMS))
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_hidden_fields_never_produce_problems_and_are_never_submitted(form_id, data):
    form = FORMS[form_id]
    raw = {f.id: raw_for(f, data) for f in form.fields if not f.computed}
    ev = form.evaluate(raw, CTX)
    hidden = {f.id for f in form.fields} - ev.visible
    assert not hidden & set(ev.submitted)
    assert not hidden & {root_of(p.field) for p in ev.problems}
    assert not any(f.computed for f in form.fields if f.id in ev.submitted)
    if not ev.reading:  # what the screen says is what the services will say
        assert codes(form.validate(ev.submitted, CTX)) == codes(ev.problems)
