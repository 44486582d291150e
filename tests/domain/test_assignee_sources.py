"""Assignees taken from the document's own fields, as the definition check sees them: which field may
name approvers, and each misuse reported as `file:line: message`."""

from __future__ import annotations

import textwrap

import pytest

from tui_office.domain import engine
from tests.domain.located import located_problems
from tui_office.domain.errors import ValidationError
from tui_office.domain.fields import FieldDef

FORM = textwrap.dedent('''\
    id = "sources"
    title = { en = "Sources", zh = "来源" }
    prefix = "SO"
    [[fields]]
    id = "subject"
    type = "text"
    [[fields]]
    id = "people"
    type = "users"
    [[fields]]
    id = "dept"
    type = "department"
    [[fields]]
    id = "items"
    type = "table"
    [[fields.columns]]
    id = "owner"
    type = "user"
    [[fields.columns]]
    id = "what"
    type = "text"
    [[steps]]
    id = "a"
    assignee = { field = "A" }
    mode = "sequence"
    [[steps]]
    id = "b"
    assignee = { manager_of_field = "B" }
''')


def problems(tmp_path, a: str, b: str = "dept") -> list[str]:
    return located_problems(tmp_path, FORM.replace('"A"', f'"{a}"').replace('"B"', f'"{b}"'))


def test_a_users_field_a_user_column_and_a_department_field_may_name_approvers(tmp_path):
    assert problems(tmp_path, "people") == []
    assert problems(tmp_path, "items.owner") == []


def test_each_misused_assignee_field_is_reported_at_its_line(tmp_path):
    assert problems(tmp_path, "subject") == ["F:24: step 'a': assignee field 'subject' is a text field, not a user field"]
    assert problems(tmp_path, "items") == ["F:24: step 'a': assignee field 'items' is a table field, not a user field"
                                           " (name its user column: \"table.column\")"]
    assert problems(tmp_path, "items.what") == ["F:24: step 'a': assignee field 'items.what' is a text column, not a user column"]
    assert problems(tmp_path, "items.who") == ["F:24: step 'a': assignee field 'items.who': table 'items' has no column 'who'"]
    assert problems(tmp_path, "boss") == ["F:24: step 'a': assignee field 'boss' is not a field of the form"]
    assert problems(tmp_path, "people", "people") == [
        "F:28: step 'b': assignee manager_of_field 'people' must be a department field, not a users field"]


def test_a_sequence_passes_only_when_every_signer_approved_and_fails_on_one_refusal():
    assert engine.step_outcome("sequence", 0, ["approve", None, None]) == engine.PENDING
    assert engine.step_outcome("sequence", 0, ["approve", "approve"]) == engine.APPROVED
    assert engine.step_outcome("sequence", 0, ["approve", "reject", None]) == engine.REJECTED


def _users_field() -> FieldDef:
    return FieldDef("signers", "users")


def test_a_users_field_keeps_the_order_given_once_each():
    assert _users_field().coerce("liuwei, chenjing，liuwei") == ["liuwei", "chenjing"]
    assert _users_field().coerce('["b", "a"]') == ["b", "a"]


@pytest.mark.parametrize("raw, code", [
    ("liu\x1bwei", "control_character"),
    (",".join(f"u{i}" for i in range(101)), "too_many_people"),
    ("x" * 65, "invalid_value"),
    ("[1, 2]", "invalid_value"),
    (3, "invalid_value"),
])
def test_a_users_field_refuses_hostile_values_with_one_problem(raw, code):
    with pytest.raises(ValidationError) as caught:
        _users_field().coerce(raw)
    assert caught.value.code == code and caught.value.field == "signers"
