"""`FormState` (what is typed into a form and what the form makes of it) never fails, whatever is typed."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui_office.domain.calendar import load_calendar
from tui_office.domain.definition_files import load_all
from tui_office.domain.definitions import EvalContext
from tui_office.ui.form_state import FormState, cell_text, root_of, row_of, to_raw

FORMS = load_all()
CTX = EvalContext(today=date(2026, 11, 23), calendar=load_calendar("plain"), params={})

typed_text = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["", " ", "0", "-1", "1e999999", "12.345", "¥1,234.50", "2026-02-30", "2026-11-24", "yes", "[{",
                     "NaN", "Infinity", "9" * 40, "事假", "a,b", '[{"qty": "x"}]']),
)


def raw_for(f, text: str):
    if f.type == "boolean":
        return bool(text)
    if f.type in ("multichoice", "checklist"):
        return [text]
    if f.type == "table":
        return [{c.id: text for c in f.columns if not c.computed}]
    return text


@pytest.mark.parametrize("form_id", sorted(FORMS))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_typing_gives_problems_not_exceptions(form_id, data):
    form = FORMS[form_id]
    state = FormState(form, CTX)
    for f in form.fields:
        if f.computed:
            continue
        state.set(f.id, raw_for(f, data.draw(typed_text)))
    ev = state.evaluate()
    problems = state.problems(ev)
    for p in problems:
        assert str(p)  # a message in words
        assert root_of(p.field) in {f.id for f in form.fields} or root_of(p.field) == ""
    state.submit_values(ev)
    state.draft_values()


def test_typed_values_go_back_to_the_same_text():
    form = FORMS["purchase_request"]
    values = {"item": "Pens", "quantity": 3, "amount": Decimal("12.50"), "needed_by": date(2026, 12, 1),
              "items": [{"name": "Pen", "qty": 3, "price": Decimal("4.00")}]}
    state = FormState(form, CTX, values)
    assert state.raw["amount"] == "12.50"
    assert state.raw["needed_by"] == "2026-12-01"
    assert state.raw["items"] == [{"name": "Pen", "spec": "", "qty": "3", "price": "4.00"}]
    ev = state.evaluate()
    assert ev.values["items_total"] == Decimal("12.00")
    assert ev.values["items"][0]["line_total"] == Decimal("12.00")
    assert not state.dirty
    state.set("item", "Pencils")
    assert state.dirty


def test_blank_rows_are_left_out_and_problems_are_located():
    form = FORMS["purchase_request"]
    state = FormState(form, CTX)
    state.set("items", [{"name": "", "qty": "", "price": ""}, {"name": "Pen", "qty": "x", "price": "1"}])
    problems = [p for p in state.problems() if root_of(p.field) == "items"]
    assert [p.field for p in problems] == ["items[1].qty"]
    assert row_of("items[1].qty") == (0, "qty")
    assert to_raw(form.field("items"), None) == []
    assert cell_text(form.field("amount"), Decimal("1E+2")) == "100"
