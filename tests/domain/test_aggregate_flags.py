"""Aggregates over other documents in expressions and `[[flags]]`: what the expression asks the caller
for, and `definitions check` reporting each misuse as `file:line: message`."""

from __future__ import annotations

import textwrap
from decimal import Decimal

import pytest

from tests.domain.located import located_problems
from tui_office.domain.expressions import AGGREGATE, AggregateUse, ExpressionError, compile_expression

COUNT = "count(form='attendance', status='absent', by=person, within='90 days') >= 2"


def test_an_aggregate_asks_the_caller_with_this_documents_values():
    asked = []

    def answer(use, by, filters):
        asked.append((use, by, filters))
        return 2

    expression = compile_expression(COUNT)
    assert expression.names == {"person"}
    assert expression.evaluate({"person": "david"}, {AGGREGATE: answer}) is True
    assert asked == [(AggregateUse("count", "attendance", 90, "person", None, ("status",)), "david", {"status": "absent"})]
    assert expression.evaluate({"person": None}, {AGGREGATE: answer}) is False  # nobody to count for
    assert len(asked) == 1


def test_without_the_callers_answer_an_aggregate_cannot_be_worked_out():
    with pytest.raises(ExpressionError, match="not available"):
        compile_expression(COUNT).evaluate({"person": "david"}, {})


def test_plain_count_and_sum_are_unchanged():
    assert compile_expression("count(items.qty) + sum(1, 2.5)").evaluate({"items": [{"qty": 1}, {"qty": None}]}) \
        == Decimal("4.5")


@pytest.mark.parametrize("source, detail", [
    ("count(form='a', within='90 days', form='b')", "form is given twice"),
    ("count(status='absent', within='9 days')", "name the form"),
    ("count(form='a', within='forever')", "within='N days'"),
    ("count(form='a', within='9999 days')", "within='N days'"),
    ("count(form='a', within='9 days', by='david')", "by must name a field"),
    ("sum(form='a', within='9 days')", "sum needs the field"),
    ("count(form='a', within='9 days', field='hours')", "count takes no field"),
    ("count('x', form='a', within='9 days')", "name=value"),
    ("max(form='a', within='9 days')", "name=value"),
])
def test_misused_aggregates_are_refused_with_the_reason(source, detail):
    with pytest.raises(ExpressionError) as caught:
        compile_expression(source)
    assert detail in str(caught.value)


FORM = textwrap.dedent('''\
    id = "absence"
    title = { en = "Absence", zh = "缺席" }
    prefix = "AB"
    [[fields]]
    id = "person"
    type = "user"
    [[fields]]
    id = "hours"
    type = "text"
    [[fields]]
    id = "note"
    type = "text"
    visible_if = "count(form='absence', within='9 days') > 1"
    [[flags]]
    id = "elsewhere"
    when = "count(form='meeting_attendance', by=person, within='90 days') >= 3"
    text = { en = "Often absent", zh = "经常缺席" }
    [[flags]]
    id = "fields"
    when = "count(form='absence', mood='bad', by=person, within='90 days') + sum(form='absence', field='hours', within='9 days') > 3"
    text = { en = "Fields" }
    [[steps]]
    id = "first"
    assignee = { dept_manager = true }
''')


def test_definitions_check_reports_each_misused_aggregate_at_its_line(tmp_path):
    found = located_problems(tmp_path, FORM)
    assert found[:2] == [
        "F:13: field 'note' visible_if: counting other documents (count(form=…)) is only possible in a flag's"
        " condition ([[flags]] when = \"…\")",
        "F:21: flag 'fields': give its words in both languages, text = { en = \"…\", zh = \"…\" }",
    ]
    assert found[2].startswith("F:16: flag 'elsewhere': count(form='meeting_attendance', …): there is no form"
                               " 'meeting_attendance' (known: absence, ")
    assert "expense_claim, general_request, leave," in found[2]  # installed areas' forms are known too
    assert found[3:] == [
        "F:20: flag 'fields': count(form='absence', …): form 'absence' has no field 'mood'",
        "F:20: flag 'fields': sum(form='absence', …): field 'hours' of form 'absence' is a text field, not a number",
    ]
