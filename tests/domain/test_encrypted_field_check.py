"""`definitions check` on encrypted fields: the engine never reads one in clear, so a condition,
check, formula, title or number naming it is an error at its line, as are `encrypted` on a type or
place it cannot apply to and `readers` without `encrypted`."""

from __future__ import annotations

from pathlib import Path

from tests.domain.located import located_problems
from tui_office.domain.definition_check import role_problems
from tui_office.domain.definition_files import parse_definition

FORM = '''id = "t_secret"
version = 1
title = {{ en = "Payroll change", zh = "薪资变更" }}
prefix = "TS"
title_field = "subject"
[[fields]]
id = "subject"
type = "text"
label = {{ en = "Subject", zh = "事由" }}
[[fields]]
id = "salary"
type = "money"
label = {{ en = "Salary", zh = "薪资" }}
encrypted = true
readers = ["hr"]
{extra}
[[steps]]
id = "manager"
title = {{ en = "Manager", zh = "经理" }}
assignee = {{ dept_manager = true }}
next = [ {{ if = "{condition}", to = "end" }}, {{ to = "end" }} ]
'''


def test_an_encrypted_field_with_readers_is_a_form_the_engine_loads():
    form = parse_definition(FORM.format(extra="", condition="subject != ''"), "t_secret.toml")
    salary = next(f for f in form.fields if f.id == "salary")
    assert salary.encrypted and salary.readers == ("hr",)
    assert [p.message for p in role_problems(form, ["hr"])] == []
    assert [p.message for p in role_problems(form, ["gm"])] == ["readers: unknown role 'hr'"]


def test_a_condition_or_formula_naming_an_encrypted_field_is_reported_at_its_line(tmp_path: Path):
    extra = '[[fields]]\nid = "yearly"\ntype = "money"\nformula = "salary * 12"'
    assert located_problems(tmp_path, FORM.format(extra=extra, condition="salary > 10000")) == [
        "F:19: field 'yearly' formula: 'salary' is encrypted, so no condition, check or formula may use it",
        "F:24: step 'manager' condition: 'salary' is encrypted, so no condition, check or formula may use it",
    ]


def test_encrypted_on_the_wrong_type_and_readers_without_encrypted_are_reported(tmp_path: Path):
    text = FORM.format(extra='[[fields]]\nid = "when"\ntype = "date"\nencrypted = true\n'
                             '[[fields]]\nid = "note"\ntype = "text"\nreaders = ["hr"]', condition="subject != ''")
    assert located_problems(tmp_path, text) == [
        "F:19: field 'when': a date field cannot be encrypted (only text, integer, decimal, money)",
        "F:23: field 'note': readers only apply to encrypted fields (encrypted = true)",
    ]


def test_an_encrypted_field_filled_at_a_step_is_reported(tmp_path: Path):
    text = FORM.format(extra="", condition="subject != ''").replace('next = [', 'fields = ["salary"]\nnext = [')
    assert located_problems(tmp_path, text) == [
        "F:10: step 'manager': 'salary' is encrypted; an encrypted field is filled at submit, by the document's"
        " initiator, not at a step",
    ]


def test_wrong_types_and_control_characters_in_the_keys_are_reported(tmp_path: Path):
    base = FORM.format(extra="", condition="subject != ''")
    wrong = base.replace('encrypted = true\nreaders = ["hr"]', 'encrypted = "yes"\nreaders = ["hr", 7]')
    assert located_problems(tmp_path, wrong) == ["F:14: field 'salary': encrypted must be bool, not 'yes'",
                                                 "F:15: field 'salary' readers must be a list of strings"]
    escaped = base.replace('readers = ["hr"]', 'readers = ["hr\\u001b[2J"]')
    assert located_problems(tmp_path, escaped) == ["F:15: field 'salary': readers must be role codes (got 'hr\\x1b[2J')"]
